"""Restore points never overwrite each other, restores never leave the vault's path empty, and
nothing a killed run was writing stays on disk: kills at exact system calls, on real files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

import recovery_journal.store.vault_file as vault_file
from recovery_journal.cli import main
from recovery_journal.domain.backups import BackupReason, backup_name, default_folder
from recovery_journal.errors import VaultExists
from recovery_journal.paths import unfinished_folder
from recovery_journal.services.backups import make_backup, restore_points
from recovery_journal.services.demo import fill_demo
from recovery_journal.services.export import dumps, export_document
from recovery_journal.store import create_vault, open_vault, restore_backup
from tests.conftest import PASSPHRASE, TEST_KDF, reopen, without_evening_reminder
from tests.test_ui import controllers  # noqa: F401 - a fixture

ROOT = Path(__file__).parent.parent
END = date(2026, 11, 30)
STRACE = shutil.which("strace")


def _filled(path: Path, days: int) -> str:
    """A vault at ``path`` with ``days`` of history; its export, to compare with later."""
    vault = create_vault(path, PASSPHRASE, kdf_iterations=TEST_KDF)
    try:
        fill_demo(vault, days, "en", end=END)
        return dumps(export_document(vault))
    finally:
        vault.close()


def _content(path: Path) -> str:
    vault = reopen(path)
    try:
        assert vault.integrity_problems() == []
        return dumps(export_document(vault))
    finally:
        vault.close()


def _hidden(folder: Path) -> list[str]:
    """Our temporaries and restore notes: hidden names, never the lock file."""
    if not folder.is_dir():
        return []
    return sorted(
        p.name for p in folder.iterdir() if p.name.startswith(".") and "lock" not in p.name
    )


# --- names never collide -------------------------------------------------------------------------


def test_two_restores_with_the_same_name_keep_both_vaults_set_aside(tmp_path):
    vault, other = tmp_path / "v.rjvault", tmp_path / "s.rjvault"
    ten_years = _filled(vault, 120)
    _filled(other, 20)
    source = open_vault(other, PASSPHRASE, kdf_iterations=TEST_KDF)
    try:
        first = make_backup(source, BackupReason.BY_HAND).path
    finally:
        source.close()
    second = tmp_path / "b2.rjvault"
    shutil.copyfile(first, second)
    aside = default_folder(vault) / backup_name(vault, BackupReason.RESTORE)
    kept = [
        restore_backup(backup, vault, PASSPHRASE, kdf_iterations=TEST_KDF, set_aside=aside)
        for backup in (first, second)
    ]
    assert kept[0] == aside and kept[1] is not None and kept[1] != aside
    assert _content(aside) == ten_years  # the long journal was not overwritten
    assert sorted(p.path for p in restore_points(vault, default_folder(vault))) == sorted(kept)


def test_backups_made_in_the_same_moment_are_both_kept(tmp_path, vault_path):
    _filled(vault_path, 10)
    vault = reopen(vault_path)
    try:
        moment = datetime(2026, 12, 6, 9, 30, 42, 123000, tzinfo=UTC)
        points = [make_backup(vault, BackupReason.BY_HAND, moment) for _ in range(3)]
        found = restore_points(vault_path, default_folder(vault_path))
    finally:
        vault.close()
    assert len({p.path for p in points}) == 3
    assert sorted(p.path for p in found) == sorted(p.path for p in points)
    assert points[1].path.name.endswith(" by-hand (2).rjvault")


def test_a_backup_never_replaces_a_file_the_person_named(tmp_path, vault_path, monkeypatch):
    _filled(vault_path, 5)
    existing = tmp_path / "keep-me.rjvault"
    existing.write_bytes(b"an older backup")
    vault = reopen(vault_path)
    try:
        with pytest.raises(VaultExists):
            vault.backup_to(existing, other_name_if_taken=False)
    finally:
        vault.close()
    assert existing.read_bytes() == b"an older backup"
    assert _hidden(tmp_path) == []


# --- kills at exact system calls -----------------------------------------------------------------

CHILD_PREAMBLE = """
import sys
from pathlib import Path
from recovery_journal.store import open_vault, restore_backup
kdf = int(sys.argv[3])
"""

RESTORER = (
    CHILD_PREAMBLE
    + """
kept = restore_backup(Path(sys.argv[4]), Path(sys.argv[1]), sys.argv[2], kdf_iterations=kdf,
                      set_aside=Path(sys.argv[5]))
print("done", flush=True)
"""
)

BACKER_UP = (
    CHILD_PREAMBLE
    + """
from recovery_journal.domain.backups import BackupReason
from recovery_journal.services.backups import make_backup
vault = open_vault(sys.argv[1], sys.argv[2], kdf_iterations=kdf)
make_backup(vault, BackupReason.BY_HAND)
vault.close()
print("done", flush=True)
"""
)

EXPORTER = (
    CHILD_PREAMBLE
    + """
from recovery_journal.services.export import export_to_file
vault = open_vault(sys.argv[1], sys.argv[2], kdf_iterations=kdf)
export_to_file(vault, Path(sys.argv[4]))
vault.close()
print("done", flush=True)
"""
)

# The calls that move, link and remove files, and the fsyncs between them.
SYSCALLS = ("rename", "link", "unlink", "fsync")


def _killed_at(script: str, syscall: str, when: int, *args: object) -> bool:
    """Run ``script`` under strace, killed at the ``when``-th ``syscall``; True if it was."""
    command = [STRACE, "-f", "-qq", "-o", os.devnull]
    command += ["-e", f"trace={syscall}", "-e", f"inject={syscall}:signal=SIGKILL:when={when}"]
    command += [sys.executable, "-c", script, *map(str, args)]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    if "done" in done.stdout:
        return False
    assert done.returncode in (-9, 137), done.stderr[-2000:]
    return True


def _every_kill(script: str, *args: object, check: object) -> int:
    """Kill the child at each rename, link, unlink and fsync in turn; ``check`` after each
    run, and after the run that goes to its end. The number of kills."""
    kills = 0
    for syscall in SYSCALLS:
        for when in range(1, 200):
            killed = _killed_at(script, syscall, when, *args)
            check(syscall, when)  # type: ignore[operator]  # the same promises after a whole run
            if not killed:
                break
            kills += 1
    return kills


needs_strace = pytest.mark.skipif(STRACE is None, reason="strace is not installed")


def _with_wal(vault: Path) -> None:
    """Leave a WAL beside ``vault`` holding its newest note, as a crash does."""
    subprocess.run(
        [sys.executable, "-c", WRITER_THEN_CRASH, str(vault), PASSPHRASE, str(TEST_KDF)],
        cwd=ROOT, check=True,
    )  # fmt: skip
    assert Path(f"{vault}-wal").stat().st_size > 0


def _copy_with_wal(source: Path, target: Path) -> None:
    Path(f"{target}-wal").unlink(missing_ok=True)
    shutil.copyfile(source, target)
    if Path(f"{source}-wal").exists():
        shutil.copyfile(f"{source}-wal", f"{target}-wal")


SHM = Path("/dev/shm")


@needs_strace
@pytest.mark.slow
@pytest.mark.parametrize("case", ["same disk", "other disk, crash-left WAL"])
def test_a_restore_killed_anywhere_leaves_a_whole_vault_at_its_path(tmp_path, case):
    vault, source = tmp_path / "v.rjvault", tmp_path / "s.rjvault"
    _filled(vault, 60)
    after = _filled(source, 8)
    backups = default_folder(vault)
    if case != "same disk":
        if not SHM.is_dir() or SHM.stat().st_dev == tmp_path.stat().st_dev:
            pytest.skip("no second file system at /dev/shm")
        _with_wal(vault)
        backups = Path(tempfile.mkdtemp(dir=SHM))
    pristine = tmp_path / "pristine" / "v.rjvault"
    pristine.parent.mkdir()
    _copy_with_wal(vault, pristine)
    before = _content(pristine)  # merges the WAL: the copy is made again from the vault
    _copy_with_wal(vault, pristine)
    backup = tmp_path / "b.rjvault"
    shutil.copyfile(source, backup)
    aside = backups / "v 2026-12-06T093042.000Z before-restore.rjvault"
    outcomes = []

    def check(syscall: str, when: int) -> None:
        where = f"killed at {syscall} #{when}"
        assert vault.exists(), f"{where}: nothing at the vault's path"
        opened = reopen(vault)  # tidies what the restore left
        try:
            content = dumps(export_document(opened))
            outcome = opened.interrupted_restore
        finally:
            opened.close()
        assert content in (before, after), where
        points = restore_points(vault, backups)
        for point in points:
            assert not os.path.samefile(point.path, vault), f"{where}: a point is the live vault"
            assert _content(point.path) == before, where
        if content == after:
            assert len(points) == 1, where
        outcomes.append((content == after, outcome))
        from recovery_journal.temporaries import sweep_leftovers

        sweep_leftovers()
        assert _hidden(tmp_path) == [], where
        assert _hidden(backups) == [], where
        # The next round starts from the long journal again.
        for point in backups.iterdir() if backups.is_dir() else ():
            point.unlink()
        _copy_with_wal(pristine, vault)

    try:
        kills = _every_kill(RESTORER, vault, PASSPHRASE, TEST_KDF, backup, aside, check=check)
    finally:
        if backups.is_relative_to(SHM):
            shutil.rmtree(backups)
    assert kills > 20
    assert (False, "undone") in outcomes and (True, "finished") in outcomes


@needs_strace
@pytest.mark.slow
def test_a_backup_killed_anywhere_leaves_no_copy_behind(tmp_path, vault_path):
    before = _filled(vault_path, 30)

    def check(syscall: str, when: int) -> None:
        from recovery_journal.temporaries import sweep_leftovers

        sweep_leftovers()
        folder = default_folder(vault_path)
        assert _hidden(folder) == [] and _hidden(vault_path.parent) == [], f"{syscall} #{when}"
        for point in restore_points(vault_path, folder):
            assert _content(point.path) == before  # a restore point is whole or absent
        assert _content(vault_path) == before

    assert _every_kill(BACKER_UP, vault_path, PASSPHRASE, TEST_KDF, check=check) >= 8


@needs_strace
@pytest.mark.slow
def test_a_plain_text_export_killed_before_its_rename_is_removed_by_the_next_run(
    tmp_path, vault_path, capsys
):
    _filled(vault_path, 30)
    output = tmp_path / "out.json"
    # Rename #1 files the temporary in the list of unfinished writes; #2 moves it into place.
    assert _killed_at(EXPORTER, "rename", 2, vault_path, PASSPHRASE, TEST_KDF, output)
    left = [p for p in tmp_path.iterdir() if p.name.startswith(".out.json.writing-")]
    assert len(left) == 1 and left[0].stat().st_size > 10_000  # the whole journal, unencrypted
    assert oct(left[0].stat().st_mode & 0o777) == "0o600"
    # Any later run removes it first, and says so: here a command that fails at once.
    assert main(["check", "--vault", str(tmp_path / "elsewhere.rjvault")]) != 0
    assert not left[0].exists() and not output.exists()
    said = capsys.readouterr().err
    assert "An export to out.json was interrupted" in said and str(tmp_path) in said
    assert list(unfinished_folder().iterdir()) == []


def test_a_temporary_still_being_written_is_left_alone(tmp_path):
    from recovery_journal.temporaries import sweep_leftovers, temporary_beside

    with temporary_beside(tmp_path / "out.json", "writing", plain=True) as temporary:
        temporary.write_text("in progress")
        # Another run starting now (the command line beside the open app) must not take it.
        child = subprocess.run(
            [
                sys.executable,
                "-c",
                "from recovery_journal.temporaries import sweep_leftovers as s;print(len(s()))",
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        assert child.stdout.strip() == "0" and temporary.read_text() == "in progress"
    assert not temporary.exists() and sweep_leftovers() == []


@needs_strace
def test_the_window_says_a_restore_was_undone_and_a_plain_copy_removed(
    qapp,
    qtbot,
    controllers,  # noqa: F811 - the fixture imported above
    tmp_path,
    monkeypatch,
):
    from recovery_journal.ui.app import AppController
    from tests.test_ui import unlock

    vault, source = tmp_path / "v.rjvault", tmp_path / "s.rjvault"
    _filled(vault, 20)
    without_evening_reminder(vault)  # the window's banner says only what this test reads
    before = _content(vault)
    _filled(source, 5)
    export = tmp_path / "elsewhere" / "out.json"
    export.parent.mkdir()
    assert _killed_at(EXPORTER, "rename", 2, vault, PASSPHRASE, TEST_KDF, export)
    aside = default_folder(vault) / "v 2026-12-06T093042.000Z before-restore.rjvault"
    # Killed as it was about to give the vault its second name: the note is written, no more.
    assert _killed_at(RESTORER, "link", 1, vault, PASSPHRASE, TEST_KDF, source, aside)
    monkeypatch.setattr(vault_file, "KDF_ITERATIONS", TEST_KDF)
    controller = AppController(qapp, vault)
    controllers.append(controller)
    window = unlock(qtbot, controller, controller.start())
    qtbot.waitUntil(window.banner.isVisible, timeout=5_000)
    assert "unencrypted copy" in window.banner.text()
    assert "as it was before" in window.banner.text()
    assert list(export.parent.iterdir()) == []
    assert not vault.with_name(".v.rjvault.restore").exists()
    points = restore_points(vault, default_folder(vault))
    assert [p for p in points if p.reason is BackupReason.RESTORE] == []  # no second name left
    controller.window.close()
    controller.shutdown()
    assert _content(vault) == before


def test_old_leftovers_of_earlier_versions_beside_the_vault_are_removed(tmp_path, capsys):
    vault = tmp_path / "v.rjvault"
    backups = default_folder(vault)
    backups.mkdir()
    old_export = tmp_path / ".out.json.writing-0a1b2c3d"
    old_backup = backups / ".v 2026-11-01T101010.000Z scheduled.rjvault.writing-99aa88bb"
    young = tmp_path / ".v.rjvault.restoring-12345678"  # may be another run's, at work now
    mine = tmp_path / "notes.txt"  # not ours: never touched
    for path in (old_export, old_backup, young, mine):
        path.write_bytes(b"x" * 100)
    for path in (old_export, old_backup, mine):
        os.utime(path, (1_700_000_000, 1_700_000_000))
    assert main(["check", "--vault", str(vault)]) != 0  # there is no vault: fails at once
    assert not old_export.exists() and not old_backup.exists()
    assert young.exists() and mine.exists()
    said = capsys.readouterr().err
    assert "export to out.json" in said and "1 encrypted copy" in said


def test_the_backup_command_never_writes_over_a_file_and_names_one_in_a_folder(
    tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv("RECOVERY_JOURNAL_PASSPHRASE", PASSPHRASE)
    vault = tmp_path / "v.rjvault"
    assert main(["init", "--vault", str(vault)]) == 0
    existing = tmp_path / "last week.rjvault"
    existing.write_bytes(b"last week's backup")
    assert main(["backup", "-o", str(existing), "--vault", str(vault)]) == 1
    assert existing.read_bytes() == b"last week's backup"
    assert "already exists" in capsys.readouterr().err
    folder = tmp_path / "stick"
    folder.mkdir()
    assert main(["backup", "-o", str(folder), "--vault", str(vault)]) == 0
    assert main(["backup", "-o", str(folder), "--vault", str(vault)]) == 0
    assert len(restore_points(vault, folder)) == 2
    assert _hidden(tmp_path) == [] and _hidden(folder) == []


WRITER_THEN_CRASH = (
    CHILD_PREAMBLE
    + """
import os
from datetime import UTC, date, datetime
from recovery_journal.domain.notes import DailyNote
vault = open_vault(sys.argv[1], sys.argv[2], kdf_iterations=kdf)
moment = datetime(2026, 12, 1, tzinfo=UTC)
with vault.transaction():
    vault.notes.save(DailyNote(date(2026, 12, 1), "written just before the crash", moment, moment))
os._exit(0)  # no close: the note is only in the WAL
"""
)


def test_a_vault_set_aside_with_its_wal_restores_whole(tmp_path):
    vault, source = tmp_path / "v.rjvault", tmp_path / "s.rjvault"
    _filled(vault, 10)
    _filled(source, 3)
    subprocess.run(
        [sys.executable, "-c", WRITER_THEN_CRASH, str(vault), PASSPHRASE, str(TEST_KDF)],
        cwd=ROOT,
        check=True,
    )
    assert Path(f"{vault}-wal").stat().st_size > 0
    aside = default_folder(vault) / "v 2026-12-06T093042.000Z before-restore.rjvault"
    kept = restore_backup(source, vault, PASSPHRASE, kdf_iterations=TEST_KDF, set_aside=aside)
    assert kept == aside and Path(f"{aside}-wal").exists()
    assert not Path(f"{vault}-wal").exists()
    restore_backup(aside, vault, PASSPHRASE, kdf_iterations=TEST_KDF, set_aside=None)
    opened = reopen(vault)
    try:
        note = opened.notes.get(date(2026, 12, 1))
        assert note is not None and note.text == "written just before the crash"
    finally:
        opened.close()


def test_an_export_is_written_even_where_the_list_of_unfinished_writes_cannot_be(tmp_path):
    from recovery_journal.services.files import write_private_file

    unfinished_folder().parent.mkdir(parents=True, exist_ok=True)
    unfinished_folder().write_text("a file where the folder should be")  # mkdir fails
    target = tmp_path / "export.json"
    write_private_file(target, b"{}")
    assert target.read_bytes() == b"{}" and _hidden(tmp_path) == []


def test_a_restore_point_let_go_takes_its_wal_with_it(tmp_path, vault_path):
    _filled(vault_path, 3)
    vault = reopen(vault_path)
    try:
        first = make_backup(vault, BackupReason.SCHEDULED, datetime(2026, 1, 1, tzinfo=UTC))
        Path(f"{first.path}-wal").write_bytes(b"set aside with it")
        from recovery_journal.services.backups import save_backup_settings

        save_backup_settings(vault, None, 1)
        make_backup(vault, BackupReason.SCHEDULED, datetime(2026, 1, 2, tzinfo=UTC))
    finally:
        vault.close()
    assert not first.path.exists() and not Path(f"{first.path}-wal").exists()


@needs_strace
def test_a_killed_restore_in_a_folder_copied_elsewhere_is_still_undone(tmp_path):
    """Copied (new inode numbers, as on a re-plugged stick or a synced folder), the vault is
    still known by its content: the WAL with its newest note is kept, not taken for the old
    vault's beside a restored one."""
    home = tmp_path / "home"
    home.mkdir()
    vault, source = home / "v.rjvault", tmp_path / "s.rjvault"
    _filled(vault, 10)
    _with_wal(vault)
    _filled(source, 3)
    aside = default_folder(vault) / "v 2026-12-06T093042.000Z before-restore.rjvault"
    assert _killed_at(RESTORER, "link", 1, vault, PASSPHRASE, TEST_KDF, source, aside)
    moved = tmp_path / "copied"
    shutil.copytree(home, moved)
    opened = reopen(moved / "v.rjvault")
    try:
        assert opened.interrupted_restore == "undone"
        note = opened.notes.get(date(2026, 12, 1))
        assert note is not None and note.text == "written just before the crash"
    finally:
        opened.close()


def test_a_mistyped_passphrase_does_not_use_up_what_the_next_opening_says(tmp_path):
    from recovery_journal.errors import WrongPassphrase

    vault, source = tmp_path / "v.rjvault", tmp_path / "s.rjvault"
    _filled(vault, 5)
    _filled(source, 3)
    aside = default_folder(vault) / "v 2026-12-06T093042.000Z before-restore.rjvault"
    if STRACE is None:
        pytest.skip("strace is not installed")
    assert _killed_at(RESTORER, "link", 1, vault, PASSPHRASE, TEST_KDF, source, aside)
    with pytest.raises(WrongPassphrase):
        reopen(vault, "a typo in the passphrase")
    opened = reopen(vault)
    try:
        assert opened.interrupted_restore == "undone"
    finally:
        opened.close()
    again = reopen(vault)
    try:
        assert again.interrupted_restore is None  # said once
    finally:
        again.close()


def test_a_stale_wal_at_the_wanted_name_gives_way_to_the_next_name(tmp_path):
    vault, source = tmp_path / "v.rjvault", tmp_path / "s.rjvault"
    _filled(vault, 5)
    _with_wal(vault)
    _filled(source, 3)
    aside = default_folder(vault) / "v 2026-12-06T093042.000Z before-restore.rjvault"
    aside.parent.mkdir()
    Path(f"{aside}-wal").write_bytes(b"left by an older version")
    kept = restore_backup(source, vault, PASSPHRASE, kdf_iterations=TEST_KDF, set_aside=aside)
    assert kept is not None and kept.name.endswith(" before-restore (2).rjvault")
    assert Path(f"{kept}-wal").exists() and not os.path.samefile(kept, vault)
    assert Path(f"{aside}-wal").read_bytes() == b"left by an older version"
    assert not vault.with_name(".v.rjvault.restore").exists()


@pytest.mark.parametrize("backup", ["missing", "empty", "folder"])
def test_a_restore_from_a_file_that_is_not_a_backup_names_the_file_chosen(
    tmp_path, vault_path, backup
):
    from recovery_journal.errors import NotAVault

    _filled(vault_path, 3)
    chosen = tmp_path / "chosen"
    if backup == "empty":
        chosen.write_bytes(b"")
    elif backup == "folder":
        chosen.mkdir()
    with pytest.raises(NotAVault) as raised:
        restore_backup(chosen, vault_path, PASSPHRASE, kdf_iterations=TEST_KDF, set_aside=None)
    said = raised.value.message()
    assert str(chosen) in said and "restoring" not in said
    assert {"missing": "There is no file", "empty": "empty file", "folder": "a folder"}[
        backup
    ] in said


def test_a_vault_path_that_is_a_folder_is_said_to_be_a_folder(tmp_path):
    from recovery_journal.errors import NotAVault

    with pytest.raises(NotAVault) as raised:
        open_vault(tmp_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    assert "is a folder" in raised.value.message()


class _Killed(BaseException):
    """Stands in for SIGKILL in-process: no ``except Exception`` tidies after it."""


class _KilledWhenRead:
    def __iter__(self):  # type: ignore[no-untyped-def]
        raise _Killed


def _killed_after_the_rename(vault: Path, source: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A restore stopped just after its copy took the vault's path, before the old WAL went."""
    import recovery_journal.store.restore as backup

    aside = default_folder(vault) / "v 2026-12-06T093042.000Z before-restore.rjvault"
    with monkeypatch.context() as patched:
        patched.setattr(backup, "SQLITE_SIDECARS", _KilledWhenRead())
        with pytest.raises(_Killed):
            restore_backup(source, vault, PASSPHRASE, kdf_iterations=TEST_KDF, set_aside=aside)
    assert Path(f"{vault}-wal").exists()  # the old vault's, beside the restored copy


def test_a_reading_command_tidies_a_killed_restore_before_it_reads(tmp_path, monkeypatch):
    from recovery_journal.store import Access

    vault, source = tmp_path / "v.rjvault", tmp_path / "s.rjvault"
    _filled(vault, 10)
    _with_wal(vault)
    after = _filled(source, 3)
    _killed_after_the_rename(vault, source, monkeypatch)
    reading = open_vault(vault, PASSPHRASE, kdf_iterations=TEST_KDF, access=Access.READ)
    try:
        assert dumps(export_document(reading)) == after  # not the old WAL read over the copy
    finally:
        reading.close()


def test_a_snapshot_taken_mid_restore_reads_the_restored_copy(tmp_path, monkeypatch):
    from recovery_journal.store import Access
    from tests.places import read_only_view

    home = tmp_path / "home"
    home.mkdir()
    vault, source = home / "v.rjvault", tmp_path / "s.rjvault"
    _filled(vault, 10)
    _with_wal(vault)
    after = _filled(source, 3)
    _killed_after_the_rename(vault, source, monkeypatch)
    with read_only_view(home, tmp_path / "snapshot") as snapshot:
        reading = open_vault(
            snapshot / "v.rjvault", PASSPHRASE, kdf_iterations=TEST_KDF, access=Access.READ
        )
        try:
            assert dumps(export_document(reading)) == after
        finally:
            reading.close()


@needs_strace
def test_an_entry_killed_while_it_was_being_made_is_swept_too(tmp_path, vault_path):
    from recovery_journal.temporaries import sweep_leftovers

    _filled(vault_path, 3)
    # Rename #1 files the entry under its final name: killed there, the list holds a ".new".
    assert _killed_at(EXPORTER, "rename", 1, vault_path, PASSPHRASE, TEST_KDF, tmp_path / "o.json")
    assert [p.suffix for p in unfinished_folder().iterdir()] == [".new"]
    assert sweep_leftovers() == []
    assert list(unfinished_folder().iterdir()) == []


def test_a_backup_on_a_read_only_medium_can_be_checked(tmp_path, vault_path):
    from recovery_journal.store import check_backup
    from tests.places import listing, read_only_view

    _filled(vault_path, 5)
    stick = tmp_path / "stick"
    stick.mkdir()
    vault = reopen(vault_path)
    try:
        vault.backup_to(stick / "journal.rjvault")
    finally:
        vault.close()
    with read_only_view(stick, tmp_path / "mounted") as mounted:
        check_backup(mounted / "journal.rjvault", PASSPHRASE, kdf_iterations=TEST_KDF)
        assert listing(mounted) == ["journal.rjvault"]
    assert list(unfinished_folder().with_name("checking").iterdir()) == []


BACKUP_SAYS = (
    CHILD_PREAMBLE
    + """
from recovery_journal.errors import JournalError
vault = open_vault(sys.argv[1], sys.argv[2], kdf_iterations=kdf)
try:
    vault.backup_to(Path(sys.argv[4]))
    print("done")
except JournalError as error:
    print("said:", type(error).__name__)
"""
)


@needs_strace
def test_a_full_disk_met_at_the_copys_fsync_is_said_to_be_full(tmp_path, vault_path):
    """An fsync carries no file name: the disk is named by the copy being written. (Fsync #1
    and #2 file the copy in the list of unfinished writes; #3 is the copy's own.)"""
    when = 3
    _filled(vault_path, 3)
    command = [STRACE, "-f", "-qq", "-o", os.devnull, "-e", "trace=fsync"]
    command += ["-e", f"inject=fsync:error=ENOSPC:when={when}", sys.executable, "-c"]
    command += [BACKUP_SAYS, str(vault_path), PASSPHRASE, str(TEST_KDF), str(tmp_path / "b")]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "said: DiskFull", done.stderr[-1000:]
    assert not (tmp_path / "b").exists() and _hidden(tmp_path) == []
