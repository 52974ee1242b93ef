"""Starting with the computer: the XDG autostart entry follows the setting, and starts this app."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from recovery_journal import __version__
from recovery_journal.app_id import APP_ID
from recovery_journal.services.autostart import (
    Launcher,
    autostart_file,
    keep_in_step,
    set_start_with_computer,
    starts_with_computer,
    this_program,
)
from recovery_journal.services.review import check_reminder
from recovery_journal.store import create_vault
from tests.conftest import PASSPHRASE, TEST_KDF

ROOT = Path(__file__).resolve().parents[1]
FROM_SOURCE = this_program(str(ROOT / "recovery_journal" / "__main__.py"), frozen=False)

pytestmark = pytest.mark.skipif(
    sys.platform in ("win32", "darwin"), reason="XDG autostart is for Linux and other XDG desktops"
)


def _entry(path: Path) -> dict[str, str]:
    lines = path.read_text("utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if line)


def _exec_arguments(value: str) -> list[str]:
    """The Exec line as the desktop entry spec reads it: the string's escapes first, then the
    arguments, split at spaces outside double quotes, where a backslash escapes " ` $ and \\."""
    escapes = {"n": "\n", "t": "\t", "r": "\r", "s": " "}
    line = re.sub(r"\\(.)", lambda m: escapes.get(m.group(1), m.group(1)), value)
    arguments: list[str] = []
    current, quoted, started, index = "", False, False, 0
    while index < len(line):
        character = line[index]
        if quoted and character == "\\" and line[index + 1 : index + 2] in ('"', "`", "$", "\\"):
            current += line[index + 1]
            index += 1
        elif character == '"':
            quoted, started = not quoted, True
        elif character == " " and not quoted:
            if current or started:
                arguments.append(current)
            current, started = "", False
        else:
            current += character
        index += 1
    assert not quoted, f"an unclosed quote in {value!r}"
    if current or started:
        arguments.append(current)
    return [argument.replace("%%", "%") for argument in arguments]


@pytest.fixture
def vault(tmp_path):
    # A folder a shell would trip on: spaces, a dollar, quotes and a percent sign.
    folder = tmp_path / "my 'journal' $HOME \"100%\""
    folder.mkdir()
    vault = create_vault(folder / "journal.rjvault", PASSPHRASE, kdf_iterations=TEST_KDF)
    yield vault
    vault.close()


def test_the_entry_is_written_and_removed_with_the_setting(vault, tmp_path):
    config = Path(os.environ["XDG_CONFIG_HOME"])
    entry = config / "autostart" / f"{APP_ID}.desktop"
    assert autostart_file() == entry and not entry.exists()

    set_start_with_computer(vault, True, FROM_SOURCE)
    assert starts_with_computer(vault)
    fields = _entry(entry)
    assert fields["Type"] == "Application" and fields["Name"] == "Recovery Journal"
    assert fields["Icon"] == APP_ID
    assert fields["Comment[ru]"] and fields["Comment[ru]"] != fields["Comment"]
    assert _exec_arguments(fields["Exec"]) == [
        sys.executable, "-m", "recovery_journal", "--vault", str(vault.path), "--background",
    ]  # fmt: skip
    assert fields["Path"] == str(ROOT)  # where `python -m recovery_journal` finds the package
    assert entry.stat().st_mode & 0o077 == 0  # written as our private files are
    assert [p.name for p in entry.parent.iterdir()] == [entry.name]  # no temporary left

    set_start_with_computer(vault, False, FROM_SOURCE)
    assert not entry.exists() and not starts_with_computer(vault)


def test_the_entry_is_a_valid_desktop_entry(vault):
    validate = shutil.which("desktop-file-validate")
    if validate is None:
        pytest.skip("desktop-file-validate is not installed (Debian: desktop-file-utils)")
    set_start_with_computer(vault, True, FROM_SOURCE)
    done = subprocess.run([validate, str(autostart_file())], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout == "", done.stdout + done.stderr


def test_the_entrys_command_starts_this_app(vault):
    set_start_with_computer(vault, True, FROM_SOURCE)
    fields = _entry(autostart_file())
    # As the session starts it (in its folder, with a bare environment), asked for its version
    # rather than left running.
    env = {"PATH": os.environ["PATH"], "HOME": os.environ["HOME"], "LANG": "C.UTF-8"}
    done = subprocess.run(
        [*_exec_arguments(fields["Exec"]), "--version"],
        cwd=fields["Path"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"recovery-journal {__version__}"


def test_the_default_vault_is_not_named():
    from recovery_journal.paths import default_vault_path
    from recovery_journal.services.autostart import entry_text

    text = entry_text(Launcher(("/usr/bin/recovery-journal",)), default_vault_path())
    assert "Exec=/usr/bin/recovery-journal --background\n" in text
    assert "\nPath=" not in text


def test_the_program_is_named_as_it_was_started(tmp_path):
    assert this_program("/usr/bin/recovery-journal", frozen=False) == Launcher(
        ("/usr/bin/recovery-journal",)
    )
    assert this_program("anything", frozen=True) == Launcher((sys.executable,))
    assert FROM_SOURCE == Launcher((sys.executable, "-m", "recovery_journal"), ROOT)


def test_removed_in_the_desktops_settings_the_setting_follows(vault):
    set_start_with_computer(vault, True, FROM_SOURCE)
    autostart_file().unlink()  # the person removed it from the desktop's startup programs
    assert keep_in_step(vault, FROM_SOURCE).settings
    assert not starts_with_computer(vault) and not autostart_file().exists()


def test_an_entry_naming_another_program_is_brought_up_to_date(vault):
    set_start_with_computer(vault, True, Launcher(("/opt/old/recovery-journal",)))
    keep_in_step(vault, FROM_SOURCE)
    assert _exec_arguments(_entry(autostart_file())["Exec"])[0] == sys.executable
    assert starts_with_computer(vault)


def test_the_reminder_check_says_whether_the_computer_starts_the_app(vault):
    from recovery_journal.services.settings import update_settings

    update_settings(vault, reminder_on=True)
    assert not check_reminder(vault, set()).start_with_computer
    set_start_with_computer(vault, True, FROM_SOURCE)
    found = check_reminder(vault, set())
    assert found.start_with_computer and found.times is not None
