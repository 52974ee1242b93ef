"""Starting with the computer, in the background, so tonight's reminder comes without the window.

On Linux and the other XDG desktops this is a desktop entry in ``$XDG_CONFIG_HOME/autostart/``
named by the app ID: the desktop session starts what its Exec line says when the person logs
in (the same program that is running now, with ``--background``). Whether it is wanted is this
computer's own setting in the vault (``settings_keys.START_WITH_COMPUTER``); the file follows it.

Elsewhere it is not done yet, and the setting is not offered: Windows would put a shortcut in
the Startup folder (or a value under the Run key), macOS a login item (SMAppService, which needs
the app bundle signed).
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from recovery_journal import APP_NAME
from recovery_journal.app_id import APP_ID
from recovery_journal.domain.ports import Vault
from recovery_journal.domain.settings_keys import START_WITH_COMPUTER
from recovery_journal.i18n import LANGUAGES, N_, SOURCE_LANGUAGE, _, language_on_this_thread
from recovery_journal.paths import default_vault_path
from recovery_journal.services.changes import Changes
from recovery_journal.services.files import write_private_file

BACKGROUND_OPTION = "--background"
# What the desktop's list of programs started at login says about the entry, in each language.
COMMENT = N_("Tonight's review reminder, in the background")


def _translated(message: str, language: str) -> str:
    with language_on_this_thread(language):
        return _(message)


@dataclass(frozen=True, slots=True)
class Launcher:
    """How to start this same program again: its command, and the folder to start it in (a
    source checkout run as ``python -m recovery_journal`` finds the package only there)."""

    command: tuple[str, ...]
    folder: Path | None = None


def this_program(argv0: str | None = None, *, frozen: bool | None = None) -> Launcher:
    """The program that is running: the packaged app, the installed ``recovery-journal``
    command, or ``python -m recovery_journal`` from a source checkout."""
    argv0 = sys.argv[0] if argv0 is None else argv0
    if getattr(sys, "frozen", False) if frozen is None else frozen:
        return Launcher((sys.executable,))  # PyInstaller: the executable is the app
    if Path(argv0).name == "__main__.py":
        package = Path(__file__).resolve().parent.parent
        installed = package.parent.name in ("site-packages", "dist-packages")
        return Launcher((sys.executable, "-m", package.name), None if installed else package.parent)
    found = argv0 if os.sep in argv0 else shutil.which(argv0) or argv0
    # Not resolved: pipx and distributions put a link on PATH that outlives upgrades.
    return Launcher((os.path.abspath(found),))


def autostart_file() -> Path | None:
    """Where the desktop looks for what to start at login; None where that is not a folder of
    desktop entries (Windows, macOS)."""
    if sys.platform in ("win32", "darwin"):
        return None
    config = os.environ.get("XDG_CONFIG_HOME", "")
    base = Path(config) if os.path.isabs(config) else Path.home() / ".config"
    return base / "autostart" / f"{APP_ID}.desktop"


def supported() -> bool:
    return autostart_file() is not None


# Characters that make the desktop entry spec quote an Exec argument.
_RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")


def _exec_argument(argument: str) -> str:
    argument = argument.replace("%", "%%")  # a lone % starts a field code (%f, %u...)
    if any(character in _RESERVED for character in argument):
        escaped = "".join("\\" + c if c in '"`$\\' else c for c in argument)
        argument = f'"{escaped}"'
    return argument


def _string_value(text: str) -> str:
    """A desktop entry string value: backslashes and control characters escaped."""
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")


def entry_text(launcher: Launcher, vault: Path) -> str:
    arguments = list(launcher.command)
    if vault.absolute() != default_vault_path().absolute():
        arguments += ["--vault", str(vault.absolute())]
    arguments.append(BACKGROUND_OPTION)
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        f"Name={APP_NAME}",
        f"Comment={_string_value(COMMENT)}",
        *(
            f"Comment[{language}]={_string_value(_translated(COMMENT, language))}"
            for language in LANGUAGES
            if language != SOURCE_LANGUAGE
        ),
        f"Icon={APP_ID}",
        # Quoting first, then the string's own escaping, as the spec orders them.
        "Exec=" + _string_value(" ".join(_exec_argument(a) for a in arguments)),
        "Terminal=false",
        "X-GNOME-Autostart-enabled=true",
    ]
    if launcher.folder is not None:
        lines.append("Path=" + _string_value(str(launcher.folder)))
    return "\n".join(lines) + "\n"


def starts_with_computer(vault: Vault) -> bool:
    return vault.settings.get_all().get(START_WITH_COMPUTER.name) == "1"


def _write_entry(path: Path, text: str) -> None:
    try:
        if path.read_text("utf-8") == text:
            return
    except (OSError, UnicodeDecodeError):
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    write_private_file(path, text.encode("utf-8"))  # whole or not at all


def set_start_with_computer(vault: Vault, on: bool, launcher: Launcher) -> Changes:
    """Start with the computer, or no longer: the setting and the autostart entry together."""
    path = autostart_file()
    if path is None:
        return Changes()
    if on:
        _write_entry(path, entry_text(launcher, vault.path))
        vault.settings.set(START_WITH_COMPUTER.name, "1")
    else:
        path.unlink(missing_ok=True)
        vault.settings.delete(START_WITH_COMPUTER.name)
    return Changes(settings=True)


def keep_in_step(vault: Vault, launcher: Launcher) -> Changes:
    """As the journal opens: an entry removed in the desktop's own settings turns the setting
    off (the computer says what happens at login); one there names the program running now
    (the app may have been installed elsewhere since)."""
    path = autostart_file()
    if path is None or not starts_with_computer(vault):
        return Changes()
    if not path.exists():
        vault.settings.delete(START_WITH_COMPUTER.name)
        return Changes(settings=True)
    _write_entry(path, entry_text(launcher, vault.path))
    return Changes()
