"""Nothing locked away at the edges: a full disk, a read-only folder or file, a busy vault.

Reading works wherever the file can be read, and writes nothing there, not even SQLite's files
beside the vault; a write that cannot be made says why in one sentence and changes nothing.
Real mounts (tests/places.py): skipped, with the reason, where mounting is not permitted.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from recovery_journal.domain.notes import DailyNote
from recovery_journal.errors import WrongPassphrase
from recovery_journal.store import change_passphrase, create_vault, open_vault
from tests.conftest import PASSPHRASE, TEST_KDF, reopen
from tests.places import fill, full_disk, listing, read_only_view
from tests.test_cli import PASS, one_line_error, run

MOMENT = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)
NEW_PASSPHRASE = "another calm phrase here"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def made(tmp_path) -> Path:
    """A month of demo history, made with the app's own key derivation (the CLI's)."""
    path = tmp_path / "made" / "journal.rjvault"
    path.parent.mkdir()
    result = run("demo", "--vault", str(path), "--days", "30", "--language", "en")
    assert result.returncode == 0, result.stderr
    return path


def _on(disk: Path, made: Path, free_bytes: int = 0) -> Path:
    vault = disk / made.name
    shutil.copy(made, vault)
    fill(disk, free_bytes)
    return vault


# --- a full disk ---------------------------------------------------------------------------------


def test_a_full_disk_still_lets_the_journal_be_checked_exported_and_copied(tmp_path, made):
    out = tmp_path / "out"
    out.mkdir()
    with full_disk(tmp_path / "disk") as disk:
        vault = _on(disk, made)
        before = _digest(vault)
        checked = run("check", "--vault", str(vault))
        assert checked.returncode == 0, checked.stderr
        assert "integrity checks passed" in checked.stdout
        for command in (
            ("export-json", "-o", str(out / "all.json")),
            ("export-pdf", "-o", str(out / "report.pdf")),
            ("backup", "-o", str(out / "copy.rjvault")),
            ("summary",),
        ):
            result = run(*command, "--vault", str(vault))
            assert result.returncode == 0, (command, result.stderr)
        assert _digest(vault) == before
        assert listing(disk) == ["filler", "journal.rjvault"]  # no WAL, index or lock left
    assert json.loads((out / "all.json").read_text("utf-8"))["daily_notes"]
    assert (out / "report.pdf").read_bytes().startswith(b"%PDF")
    assert run("check", "--vault", str(out / "copy.rjvault")).returncode == 0


def test_a_write_on_a_full_disk_says_so_and_changes_nothing(tmp_path, made):
    with full_disk(tmp_path / "disk") as disk:
        vault = _on(disk, made)
        before = _digest(vault)
        written = run("demo", "--days", "3", "--vault", str(vault))
        assert written.returncode == 1
        assert "is full, so nothing was changed" in one_line_error(written)
        copied = run("backup", "-o", str(disk / "copy.rjvault"), "--vault", str(vault))
        assert copied.returncode == 1
        assert "is full" in one_line_error(copied)
        wrong = run("check", "--vault", str(vault), passphrase="not the passphrase")
        assert wrong.returncode == 3  # a full disk does not hide a wrong passphrase
        assert _digest(vault) == before
        assert listing(disk) == ["filler", "journal.rjvault"]


def test_an_export_or_copy_to_a_full_disk_says_so_and_leaves_nothing_there(tmp_path, made):
    with full_disk(tmp_path / "disk", size_kib=1024) as disk:
        fill(disk)
        for command in (
            ("export-json", "-o", str(disk / "all.json")),
            ("export-pdf", "-o", str(disk / "report.pdf")),
            ("backup", "-o", str(disk / "copy.rjvault")),
        ):
            result = run(*command, "--vault", str(made))
            assert result.returncode == 1
            error = one_line_error(result)
            assert f"The disk is full where {command[-1]} was to be written" in error
        assert listing(disk) == ["filler"]


@pytest.mark.parametrize("free_kib", [64, 400])
def test_changing_the_passphrase_on_a_nearly_full_disk_says_so(tmp_path, made, free_kib):
    with full_disk(tmp_path / "disk") as disk:
        vault = _on(disk, made, free_kib * 1024)
        before = _digest(vault)
        result = run(
            "change-passphrase",
            "--vault",
            str(vault),
            env=dict(os.environ, RECOVERY_JOURNAL_NEW_PASSPHRASE=NEW_PASSPHRASE),
        )
        assert result.returncode == 1
        assert "is full, so nothing was changed" in one_line_error(result)
        assert _digest(vault) == before
        assert set(listing(disk)) <= {"filler", "journal.rjvault", ".journal.rjvault.lock"}
        assert run("check", "--vault", str(vault)).returncode == 0  # the old passphrase


def test_a_disk_filling_up_during_a_passphrase_change_leaves_the_old_one(tmp_path):
    with full_disk(tmp_path / "disk", size_kib=4096) as disk:
        path = disk / "v.rjvault"
        vault = create_vault(path, PASSPHRASE, kdf_iterations=TEST_KDF)
        with vault.transaction():
            for day in range(400):
                note = "steady. " * 60 + str(day)
                vault.notes.save(DailyNote(date.fromordinal(740_000 + day), note, MOMENT, MOMENT))
        vault.close()
        assert path.stat().st_size > 600 * 1024
        fill(disk, 400 * 1024)  # room to open and write a little, not to re-key every page
        vault, changed = change_passphrase(
            reopen(path), PASSPHRASE, NEW_PASSPHRASE, kdf_iterations=TEST_KDF
        )
        try:
            assert not changed
            assert vault.notes.count() == 400
        finally:
            vault.close()
        with pytest.raises(WrongPassphrase):
            reopen(path, NEW_PASSPHRASE)
        reopen(path).close()


def test_the_app_opens_a_vault_on_a_full_disk_for_reading_and_refuses_saves(tmp_path):
    from recovery_journal.errors import DiskFull
    from recovery_journal.store import Access

    with full_disk(tmp_path / "disk") as disk:
        path = disk / "v.rjvault"
        create_vault(path, PASSPHRASE, kdf_iterations=TEST_KDF).close()
        fill(disk)
        before = listing(disk)
        vault = open_vault(path, PASSPHRASE, kdf_iterations=TEST_KDF, access=Access.WRITE_OR_READ)
        try:
            assert isinstance(vault.cannot_write, DiskFull)
            with pytest.raises(Exception) as caught:
                with vault.transaction():
                    vault.notes.save(DailyNote(date(2026, 5, 1), "x", MOMENT, MOMENT))
            assert vault.translate_error(caught.value) is vault.cannot_write
            assert vault.integrity_problems() == []
        finally:
            vault.close()
        assert listing(disk) == before


# --- read-only folders and files -----------------------------------------------------------------


def test_a_vault_in_a_read_only_folder_is_read_and_says_why_it_cannot_change(tmp_path, made):
    before = listing(made.parent)
    out = tmp_path / "out"
    out.mkdir()
    with read_only_view(made.parent, tmp_path / "snapshot") as view:
        vault = view / made.name
        for command in (
            ("check",),
            ("export-json", "-o", str(out / "all.json")),
            ("backup", "-o", str(out / "copy.rjvault")),
            ("search", "sponsor"),
        ):
            result = run(*command, "--vault", str(vault))
            assert result.returncode == 0, (command, result.stderr)
        written = run("demo", "--days", "3", "--vault", str(vault))
        assert written.returncode == 1
        assert "read-only folder or disk" in one_line_error(written)
        assert run("check", "--vault", str(vault), passphrase="not it").returncode == 3
    assert listing(made.parent) == before
    assert run("check", "--vault", str(out / "copy.rjvault")).returncode == 0


def test_a_snapshot_taken_while_the_app_was_writing_shows_the_last_saved_words(tmp_path, made):
    holder = open_vault(made, PASS)  # the app, with a save not yet folded into the file
    try:
        with holder.transaction():
            holder.notes.save(DailyNote(date(2031, 1, 1), "saved just before", MOMENT, MOMENT))
        whole, without_index = tmp_path / "whole", tmp_path / "without-index"
        for snapshot, suffixes in ((whole, ("", "-wal", "-shm")), (without_index, ("", "-wal"))):
            snapshot.mkdir()
            for suffix in suffixes:
                shutil.copy(f"{made}{suffix}", snapshot / f"{made.name}{suffix}")
    finally:
        holder.close()
    with read_only_view(whole, tmp_path / "whole-view") as view:
        exported = run("export-json", "-o", "-", "--vault", str(view / made.name))
        assert exported.returncode == 0, exported.stderr
        assert "saved just before" in exported.stdout
    with read_only_view(without_index, tmp_path / "bare-view") as view:
        # SQLite cannot read the WAL here; reading the file alone would hide the last words.
        result = run("check", "--vault", str(view / made.name))
        assert result.returncode == 1
        assert "ending in -wal" in one_line_error(result)


def test_a_read_only_vault_file_is_read_and_nothing_is_left_beside_it(tmp_path, made):
    before = listing(made.parent)
    with read_only_view(made, made):
        checked = run("check", "--vault", str(made))
        assert checked.returncode == 0, checked.stderr
        assert listing(made.parent) == before  # no -wal or -shm left beside it
        exported = run("export-json", "-o", str(tmp_path / "all.json"), "--vault", str(made))
        assert exported.returncode == 0, exported.stderr
        written = run("demo", "--days", "3", "--vault", str(made))
        assert written.returncode == 1
        assert "is read-only, so nothing can be saved to it" in one_line_error(written)
        assert listing(made.parent) == before  # no -wal or -shm left beside it


def test_opening_for_writing_in_a_read_only_place_proves_the_passphrase_first(tmp_path):
    from recovery_journal.errors import ReadOnlyVault

    source = tmp_path / "source"
    source.mkdir()
    create_vault(source / "v.rjvault", PASSPHRASE, kdf_iterations=TEST_KDF).close()
    with read_only_view(source, tmp_path / "view") as view:
        with pytest.raises(WrongPassphrase):
            open_vault(view / "v.rjvault", "not it", kdf_iterations=TEST_KDF)
        with pytest.raises(ReadOnlyVault) as caught:
            reopen(view / "v.rjvault")
        assert caught.value.detail == "folder"
