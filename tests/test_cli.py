"""The command line as scripts use it: real processes and files, exit codes, one-line errors."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from recovery_journal.cli import PASSPHRASE_VARIABLE
from recovery_journal.store.vault_file import PAGE_SIZE

PASS = "calm river stone"


def run(*args: str, passphrase: str | None = PASS, env: dict | None = None, **kwargs):
    environment = dict(os.environ if env is None else env)
    environment.pop(PASSPHRASE_VARIABLE, None)
    if passphrase is not None:
        environment[PASSPHRASE_VARIABLE] = passphrase
    if "input" not in kwargs:
        kwargs["stdin"] = subprocess.DEVNULL
    return subprocess.run(
        [sys.executable, "-m", "recovery_journal", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        **kwargs,
    )


def one_line_error(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert lines[0].startswith("recovery-journal: ")
    return lines[0]


@pytest.fixture
def vault(tmp_path) -> Path:
    path = tmp_path / "cli.rjvault"
    result = run("demo", "--vault", str(path), "--days", "30", "--language", "en")
    assert result.returncode == 0, result.stderr
    return path


def test_init_creates_a_vault_and_check_passes(tmp_path):
    path = tmp_path / "new" / "journal.rjvault"
    created = run("init", "--vault", str(path))
    assert created.returncode == 0, created.stderr
    assert "cannot open this vault" in created.stdout or "not even us" in created.stdout
    checked = run("check", "--vault", str(path))
    assert checked.returncode == 0
    assert checked.stdout.startswith("ok: ")
    assert len(checked.stdout.strip().splitlines()) == 1


def test_init_uses_the_default_vault_location(tmp_path):
    result = run("init")
    assert result.returncode == 0, result.stderr
    default = Path(os.environ["XDG_DATA_HOME"]) / "recovery-journal" / "journal.rjvault"
    assert default.exists()
    assert run("check").returncode == 0


def test_init_refuses_an_existing_file(tmp_path):
    path = tmp_path / "there.rjvault"
    path.write_bytes(b"")
    result = run("init", "--vault", str(path))
    assert result.returncode == 1
    assert "already exists" in one_line_error(result)
    assert path.read_bytes() == b""


def test_init_refuses_a_short_passphrase(tmp_path):
    result = run("init", "--vault", str(tmp_path / "v.rjvault"), passphrase="short")
    assert result.returncode == 2
    one_line_error(result)
    assert not (tmp_path / "v.rjvault").exists()


@pytest.mark.parametrize(
    ("passphrase", "because"),
    [
        ("P@ssw0rd2024!", "look-alikes"),
        ("qwertyuiopasdfgh", "Neighbouring keys"),
        ("abcdefghijklmnop", "Runs like abcd"),
        ("password123password", "most common passwords"),
        ("пароль123", "most common passwords"),
    ],
)
def test_init_refuses_a_passphrase_a_guesser_would_find_quickly(tmp_path, passphrase, because):
    path = tmp_path / "v.rjvault"
    result = run("init", "--vault", str(path), passphrase=passphrase)
    assert result.returncode == 2
    said = one_line_error(result)
    assert because in said
    assert "--allow-weak-passphrase" in said
    assert not path.exists()


def test_init_keeps_a_weak_passphrase_when_the_person_insists(tmp_path):
    path = tmp_path / "v.rjvault"
    result = run(
        "init", "--vault", str(path), "--allow-weak-passphrase", passphrase="P@ssw0rd2024!"
    )
    assert result.returncode == 0, result.stderr
    assert run("check", "--vault", str(path), passphrase="P@ssw0rd2024!").returncode == 0


def test_init_tries_the_vaults_own_name_first(tmp_path):
    path = tmp_path / "Marguerite Oakfield.rjvault"
    result = run("init", "--vault", str(path), passphrase="marguerite oakfield!")
    assert result.returncode == 2
    assert "your name or the journal file's name" in one_line_error(result)


def test_the_weak_passphrase_refusal_is_russian_in_russian(tmp_path):
    env = dict(os.environ, LANGUAGE="ru")
    result = run("init", "--vault", str(tmp_path / "v.rjvault"), passphrase="ghbdtnvbh", env=env)
    assert result.returncode == 2
    said = one_line_error(result)
    assert "--allow-weak-passphrase" in said
    assert "паролей" in said
    help_text = run("init", "--help", env=env).stdout
    assert "--allow-weak-passphrase" in help_text and "подобрать" in help_text


def test_wrong_passphrase_exits_3(vault):
    result = run("check", "--vault", str(vault), passphrase="calm river stones")
    assert result.returncode == 3
    assert "passphrase" in one_line_error(result)


def test_damaged_vault_exits_4(vault):
    with vault.open("r+b") as handle:
        handle.seek(PAGE_SIZE * 2 + 77)
        byte = handle.read(1)
        handle.seek(PAGE_SIZE * 2 + 77)
        handle.write(bytes([byte[0] ^ 1]))
    result = run("check", "--vault", str(vault))
    assert result.returncode == 4
    assert result.stdout.startswith("damaged: ") or "damaged" in one_line_error(result)


@pytest.mark.parametrize("kind", ["zero-length", "plain sqlite", "text", "truncated"])
def test_not_a_vault_exits_4(tmp_path, vault, kind):
    path = tmp_path / "odd.rjvault"
    if kind == "zero-length":
        path.write_bytes(b"")
    elif kind == "plain sqlite":
        sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.commit()
    elif kind == "text":
        path.write_text("Dear diary\n" * 1000)
    else:
        path.write_bytes(vault.read_bytes()[: PAGE_SIZE * 3 - 100])
    before = path.read_bytes()
    result = run("check", "--vault", str(path))
    assert result.returncode == 4, result.stderr
    one_line_error(result)
    assert path.read_bytes() == before


def test_newer_vault_exits_5(vault):
    import sqlcipher3

    conn = sqlcipher3.connect(str(vault))
    conn.set_key(PASS)
    conn.execute("PRAGMA cipher_compatibility = 4")
    conn.execute("PRAGMA user_version = 1000")
    conn.commit()
    conn.close()
    result = run("check", "--vault", str(vault))
    assert result.returncode == 5
    assert "newer version" in one_line_error(result)


def test_missing_vault_exits_1(tmp_path):
    result = run("check", "--vault", str(tmp_path / "nowhere.rjvault"))
    assert result.returncode == 1
    assert "no vault" in one_line_error(result)


def test_usage_errors_exit_2(vault):
    assert run("no-such-command").returncode == 2
    assert run("export-json", "--vault", str(vault)).returncode == 2  # -o is required
    assert run("demo", "--vault", str(vault), "--days", "0").returncode == 2


def test_no_passphrase_without_a_terminal_exits_2(vault):
    result = run("check", "--vault", str(vault), passphrase=None)
    assert result.returncode == 2
    assert "RECOVERY_JOURNAL_PASSPHRASE" in one_line_error(result)


def test_passphrase_file(tmp_path, vault):
    secret = tmp_path / "secret.txt"
    secret.write_text(PASS + "\n")
    result = run("check", "--vault", str(vault), "--passphrase-file", str(secret), passphrase=None)
    assert result.returncode == 0, result.stderr
    # The file wins over the environment, as with restic and borg.
    result = run(
        "check", "--vault", str(vault), "--passphrase-file", str(secret), passphrase="wrong one!"
    )
    assert result.returncode == 0


@pytest.mark.parametrize("content", ["", "\n", "\r\n", "\nthe passphrase on line two\n"])
def test_an_empty_passphrase_file_is_a_usage_error_that_says_so(tmp_path, vault, content):
    secret = tmp_path / "secret.txt"
    secret.write_text(content, encoding="utf-8", newline="")
    result = run("check", "--vault", str(vault), "--passphrase-file", str(secret), passphrase=None)
    line = one_line_error(result)
    assert result.returncode == 2, line
    assert f"The passphrase file {secret} is empty" in line
    assert "unexpected" not in line


def test_a_missing_pdf_password_file_is_called_that(tmp_path, vault):
    missing = tmp_path / "pdf password.txt"
    result = run(
        "export-pdf", "--vault", str(vault), "-o", str(tmp_path / "r.pdf"),
        "--pdf-password-file", str(missing),
    )  # fmt: skip
    assert result.returncode == 2
    assert one_line_error(result) == (
        f"recovery-journal: The PDF password file {missing} cannot be read."
    )


def test_export_import_round_trip_through_the_cli(tmp_path, vault):
    first = tmp_path / "first.json"
    assert run("export-json", "--vault", str(vault), "-o", str(first)).returncode == 0
    fresh = tmp_path / "fresh.rjvault"
    assert run("init", "--vault", str(fresh)).returncode == 0
    imported = run("import-json", "--vault", str(fresh), str(first))
    assert imported.returncode == 0, imported.stderr
    second = run("export-json", "--vault", str(fresh), "-o", "-")
    assert second.returncode == 0
    assert second.stdout == first.read_text("utf-8")
    assert json.loads(second.stdout)["daily_notes"]


def test_malformed_import_exits_1_and_imports_nothing(tmp_path):
    fresh = tmp_path / "fresh.rjvault"
    assert run("init", "--vault", str(fresh)).returncode == 0
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "recovery-journal-export", "format_version": 1, "daily_notes": [')
    result = run("import-json", "--vault", str(fresh), str(bad))
    assert result.returncode == 1
    assert "nothing was imported" in one_line_error(result)
    exported = run("export-json", "--vault", str(fresh), "-o", "-")
    assert json.loads(exported.stdout)["daily_notes"] == []


def test_a_deeply_nested_import_is_refused_in_our_words(tmp_path):
    fresh = tmp_path / "fresh.rjvault"
    assert run("init", "--vault", str(fresh)).returncode == 0
    deep = tmp_path / "deep.json"
    deep.write_bytes(b"[" * 100_000 + b"]" * 100_000)
    result = run("import-json", "--vault", str(fresh), str(deep))
    assert result.returncode == 1
    assert one_line_error(result) == (
        "recovery-journal: The file is nested too deeply to be an export; nothing was imported."
    )


def test_an_export_to_a_missing_folder_names_the_folder(tmp_path, vault):
    target = tmp_path / "not made yet" / "export.json"
    result = run("export-json", "--vault", str(vault), "-o", str(target))
    assert result.returncode == 1
    assert one_line_error(result) == (
        f"recovery-journal: The folder {target.parent} does not exist; choose another place."
    )
    result = run("export-json", "--vault", str(vault), "-o", str(tmp_path))
    assert result.returncode == 1
    assert one_line_error(result) == (
        f"recovery-journal: {tmp_path} is a folder, not a file; choose a file name."
    )


def _flip_a_salt_byte(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.seek(5)
        byte = handle.read(1)[0]
        handle.seek(5)
        handle.write(bytes([byte ^ 0xFF]))


def test_a_damaged_salt_says_the_file_may_be_damaged_and_names_the_newest_backup(vault):
    from datetime import UTC, datetime, timedelta

    from recovery_journal.domain.backups import BackupReason, backup_name, default_folder

    _flip_a_salt_byte(vault)
    result = run("check", "--vault", str(vault))
    assert result.returncode == 3
    # A typo is far likelier, and comes first; then what else it may be.
    said = one_line_error(result)
    assert said.startswith("recovery-journal: That passphrase does not open this vault.")
    assert said.endswith(
        "If you are sure of the passphrase, the file itself may be damaged; restore it from a "
        "backup if you have one."
    )
    made = datetime.now(UTC) - timedelta(days=2)
    folder = default_folder(vault)
    folder.mkdir()
    older = folder / backup_name(vault, BackupReason.SCHEDULED, made - timedelta(days=3))
    newest = folder / backup_name(vault, BackupReason.SCHEDULED, made)
    older.write_bytes(b"")
    newest.write_bytes(b"")
    result = run("check", "--vault", str(vault))
    assert result.returncode == 3
    when = made.astimezone().strftime("%Y-%m-%d %H:%M")
    assert one_line_error(result).endswith(
        "If you are sure of the passphrase, the file itself may be damaged; your newest backup, "
        f"from {when}, is {newest}."
    )


def test_the_damage_hint_finds_a_backup_in_the_folder_the_window_remembers(tmp_path, vault):
    from datetime import UTC, datetime

    from PySide6.QtCore import QSettings

    from recovery_journal.domain.backups import BackupReason, backup_name
    from recovery_journal.ui import ui_state

    # Backups go to a folder chosen in Settings (inside the vault); the window remembers it on
    # this computer so that a vault that will not open still finds them.
    chosen = tmp_path / "usb stick"
    chosen.mkdir()
    made = datetime(2026, 11, 30, 21, 0, tzinfo=UTC)
    backup = chosen / backup_name(vault, BackupReason.SCHEDULED, made)
    backup.write_bytes(b"")
    ini = Path(os.environ["XDG_CONFIG_HOME"]) / ui_state.ORGANISATION
    ini = ini / f"{ui_state.APPLICATION}.ini"
    remembered = QSettings(str(ini), QSettings.Format.IniFormat)
    remembered.setValue(f"{ui_state.BACKUP_FOLDERS}/{ui_state._vault_key(vault)}", str(chosen))
    remembered.sync()
    _flip_a_salt_byte(vault)
    result = run("check", "--vault", str(vault))
    assert result.returncode == 3
    assert one_line_error(result).endswith(
        f"from {made.astimezone().strftime('%Y-%m-%d %H:%M')}, is {backup}."
    )


def test_random_bytes_the_size_of_a_vault_say_the_file_may_be_damaged(tmp_path):
    path = tmp_path / "noise.rjvault"
    path.write_bytes(os.urandom(PAGE_SIZE * 8))
    result = run("check", "--vault", str(path))
    assert result.returncode == 3
    assert "the file itself may be damaged" in one_line_error(result)


def test_demo_refuses_a_vault_with_writing(vault):
    result = run("demo", "--vault", str(vault))
    assert result.returncode == 1
    assert "already holds writing" in one_line_error(result)


def test_gui_without_a_display_says_so_in_one_line(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    result = run("--vault", str(tmp_path / "v.rjvault"), env=env)
    assert result.returncode != 0
    assert "display" in one_line_error(result).lower()


def test_errors_follow_the_language_of_the_environment(vault):
    env = dict(os.environ, LANG="ru_RU.UTF-8")
    result = run("check", "--vault", str(vault), passphrase="calm river stones", env=env)
    assert result.returncode == 3
    assert "парольная фраза" in one_line_error(result)


def test_help_lists_the_subcommands():
    result = run("--help")
    assert result.returncode == 0
    for command in ("init", "check", "export-json", "import-json", "demo"):
        assert command in result.stdout


def test_damage_in_a_data_page_is_one_line_and_exit_4(tmp_path):
    path = tmp_path / "big.rjvault"
    assert run("demo", "--vault", str(path), "--days", "400").returncode == 0
    from recovery_journal.store import open_vault

    vault = open_vault(path, PASS)
    query = "SELECT rootpage FROM sqlite_master WHERE name = 'daily_notes'"
    page = int(vault._conn.execute(query).fetchone()[0])  # every read of the notes meets it
    vault.close()
    with path.open("r+b") as handle:
        handle.seek((page - 1) * PAGE_SIZE + 1234)
        byte = handle.read(1)
        handle.seek((page - 1) * PAGE_SIZE + 1234)
        handle.write(bytes([byte[0] ^ 0x40]))
    for command in (["check"], ["export-json", "-o", "-"]):
        result = run(*command, "--vault", str(path))
        assert result.returncode == 4, (command, result.stderr)
        assert "damaged" in one_line_error(result)


def test_export_over_the_vault_is_refused(vault):
    before = vault.read_bytes()
    for target in (str(vault), f"{vault}-wal"):
        result = run("export-json", "--vault", str(vault), "-o", target)
        assert result.returncode == 2
        assert "vault itself" in one_line_error(result)
    assert vault.read_bytes() == before
    assert run("check", "--vault", str(vault)).returncode == 0


def test_import_with_text_sqlite_cannot_store_is_refused_in_one_line(tmp_path):
    fresh = tmp_path / "fresh.rjvault"
    assert run("init", "--vault", str(fresh)).returncode == 0
    bad = tmp_path / "surrogate.json"
    bad.write_text(
        '{"format": "recovery-journal-export", "format_version": 1, "settings": {},'
        ' "daily_notes": [{"day": "2026-01-01", "text": "half \\ud800 a pair",'
        ' "created_at": "2026-01-01T10:00:00+00:00", "updated_at": "2026-01-01T10:00:00+00:00"}]}'
    )
    result = run("import-json", "--vault", str(fresh), str(bad))
    assert result.returncode == 1
    assert "nothing was imported" in one_line_error(result)


def test_reading_commands_read_the_last_save_while_the_app_holds_the_vault(vault, tmp_path):
    from datetime import UTC, date, datetime

    from recovery_journal.domain.notes import DailyNote
    from recovery_journal.store import open_vault

    moment = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)
    holder = open_vault(vault, PASS)  # the app: holds the lock file while open
    try:
        with holder.transaction():
            holder.notes.save(DailyNote(date(2031, 1, 1), "saved while open", moment, moment))
        notes = holder.notes.count()
        checked = run("check", "--vault", str(vault))
        assert checked.returncode == 0, checked.stderr
        assert f"{notes} daily notes" in checked.stdout
        exported = run("export-json", "-o", "-", "--vault", str(vault))
        assert exported.returncode == 0, exported.stderr
        assert "saved while open" in exported.stdout
        copied = run("backup", "-o", str(tmp_path / "copy.rjvault"), "--vault", str(vault))
        assert copied.returncode == 0, copied.stderr
        # A command that writes is still kept out, at once and in one line.
        demo = run("demo", "--days", "2", "--vault", str(vault))
        assert demo.returncode == 1
        assert "open in another copy" in one_line_error(demo)
        with holder.transaction():  # and the app carries on
            holder.notes.save(DailyNote(date(2031, 1, 2), "and after", moment, moment))
    finally:
        holder.close()
    assert run("check", "--vault", str(tmp_path / "copy.rjvault")).returncode == 0


def test_a_broken_cipher_binding_fails_closed_in_one_line(tmp_path, vault):
    fake = tmp_path / "fake" / "sqlcipher3"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("raise ImportError('libsqlcipher.so: cannot open')\n")
    env = dict(os.environ, PYTHONPATH=str(fake.parent))
    result = run("check", "--vault", str(vault), env=env)
    assert result.returncode == 1
    assert "Reinstall" in one_line_error(result)


def test_backup_restore_and_change_passphrase_from_the_command_line(vault, tmp_path):
    copy = tmp_path / "copy.rjvault"
    made = run("backup", "--vault", str(vault), "-o", str(copy))
    assert made.returncode == 0, made.stderr
    assert run("check", "--vault", str(copy)).returncode == 0  # same passphrase
    over_itself = run("backup", "--vault", str(vault), "-o", str(vault))
    assert over_itself.returncode == 2 and "vault itself" in one_line_error(over_itself)

    env = dict(os.environ, RECOVERY_JOURNAL_NEW_PASSPHRASE="another calm river")
    changed = run("change-passphrase", "--vault", str(vault), env=env)
    assert changed.returncode == 0, changed.stderr
    assert run("check", "--vault", str(vault)).returncode == 3  # the old one no longer opens
    assert run("check", "--vault", str(vault), passphrase="another calm river").returncode == 0
    backups = list((tmp_path / "cli backups").glob("*before-passphrase-change.rjvault"))
    assert len(backups) == 1 and run("check", "--vault", str(backups[0])).returncode == 0

    weak = dict(os.environ, RECOVERY_JOURNAL_NEW_PASSPHRASE="abc")
    refused = run(
        "change-passphrase", "--vault", str(vault), passphrase="another calm river", env=weak
    )
    assert refused.returncode == 2, refused.stderr

    # Long enough, but a guesser would find it quickly: refused, unless the person insists.
    guessable = dict(os.environ, RECOVERY_JOURNAL_NEW_PASSPHRASE="qwertyuiopasdfgh")
    refused = run(
        "change-passphrase", "--vault", str(vault), passphrase="another calm river", env=guessable
    )
    assert refused.returncode == 2
    assert "Neighbouring keys" in one_line_error(refused)
    assert run("check", "--vault", str(vault), passphrase="another calm river").returncode == 0
    insisted = run(
        "change-passphrase",
        "--vault",
        str(vault),
        "--allow-weak-passphrase",
        passphrase="another calm river",
        env=guessable,
    )
    assert insisted.returncode == 0, insisted.stderr
    assert run("check", "--vault", str(vault), passphrase="qwertyuiopasdfgh").returncode == 0
    back = dict(os.environ, RECOVERY_JOURNAL_NEW_PASSPHRASE="another calm river")
    changed = run(
        "change-passphrase", "--vault", str(vault), passphrase="qwertyuiopasdfgh", env=back
    )
    assert changed.returncode == 0, changed.stderr

    # Restore the first copy: it opens with its own (old) passphrase; the vault is kept aside.
    restored = run("restore", "--vault", str(vault), str(copy))
    assert restored.returncode == 0, restored.stderr
    assert run("check", "--vault", str(vault)).returncode == 0
    aside = list((tmp_path / "cli backups").glob("*before-restore.rjvault"))
    assert len(aside) == 1
    assert run("check", "--vault", str(aside[0]), passphrase="another calm river").returncode == 0
    wrong = run("restore", "--vault", str(vault), str(copy), passphrase="not it at all")
    assert wrong.returncode == 3 and run("check", "--vault", str(vault)).returncode == 0


def test_gui_without_qts_system_libraries_names_the_one_command(monkeypatch, capsys, tmp_path):
    """A fresh Debian desktop without libxcb-cursor0: one sentence naming the package and the
    command, not Qt's multi-line abort about the xcb plugin."""
    from recovery_journal import cli, display

    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr(
        display,
        "XCB_LIBRARIES",
        {"libc.so.6": "libc6", "libxcb-cursor-not-installed.so.0": "libxcb-cursor0"},
    )
    assert cli.main(["--vault", str(tmp_path / "v.rjvault")]) != 0
    said = capsys.readouterr().err.strip()
    assert len(said.splitlines()) == 1
    assert "sudo apt install libxcb-cursor0" in said and "libc6" not in said


def test_qts_x11_libraries_are_looked_for_only_where_qt_uses_x11():
    from recovery_journal.display import opens_on_xcb

    linux = sys.platform.startswith("linux")
    assert opens_on_xcb({"DISPLAY": ":0"}) is linux
    assert not opens_on_xcb({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"})
    assert not opens_on_xcb({"QT_QPA_PLATFORM": "offscreen"})
    assert opens_on_xcb({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "w"}) is linux
