"""Copies of the vault a sync tool leaves beside it: found by their real names, merged with
nothing lost, read only, then moved aside whole (services/sync_copies.py, issue 24)."""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from recovery_journal import store
from recovery_journal.domain.journal import JournalEntry
from recovery_journal.domain.notes import DailyNote
from recovery_journal.errors import WrongPassphrase
from recovery_journal.services import sync
from recovery_journal.services.sync_copies import (
    MERGED_FOLDER,
    conflicted_copies,
    is_conflicted_copy,
    merge_copy,
)
from recovery_journal.store import vault_file
from tests.conftest import PASSPHRASE, TEST_KDF

START = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)

# As each tool names the copy it keeps (Syncthing's docs, "Conflicting Changes"; Dropbox's help,
# "What's a conflicted copy?"; Nextcloud's user manual, "Conflicts").
COPIES = (
    "journal.sync-conflict-20261206-101010-ABCDEFG.rjvault",  # Syncthing
    "journal (Sam's conflicted copy 2026-12-06).rjvault",  # Dropbox, a person's
    "journal (LAPTOP conflicted copy 2026-12-06).rjvault",  # Dropbox, a computer's
    "journal (Sam's conflicted copy 2026-12-06 (1)).rjvault",  # Dropbox, the second that day
    "journal (conflicted copy 2026-12-06 101010).rjvault",  # Nextcloud
)
NOT_COPIES = (
    "journal.rjvault",  # the vault itself
    "journal.rjvault-wal",
    "journal 2026-12-06T101010.123Z daily.rjvault",  # a backup's name
    "other.sync-conflict-20261206-101010-ABCDEFG.rjvault",  # another journal's copy
    "journal.sync-conflict-20261206-101010-ABCDEFG.txt",
    "journal (copy).rjvault",
    "notes (conflicted copy 2026-12-06 101010).rjvault",
)


@pytest.fixture(autouse=True)
def quick_keys(monkeypatch):
    monkeypatch.setattr(vault_file, "KDF_ITERATIONS", TEST_KDF)


def test_the_copies_sync_tools_leave_are_found_by_their_real_names(tmp_path):
    vault = tmp_path / "journal.rjvault"
    for name in COPIES + NOT_COPIES:
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "journal (conflicted copy 2026-12-07 101010).rjvault").mkdir()  # a folder
    assert [p.name for p in conflicted_copies(vault)] == sorted(COPIES)
    for name in COPIES:
        assert is_conflicted_copy(tmp_path / name, vault)
        # Only beside the vault: the same name elsewhere is not this vault's copy.
        assert not is_conflicted_copy(tmp_path / "elsewhere" / name, vault)
    for name in NOT_COPIES:
        assert not is_conflicted_copy(tmp_path / name, vault)


def test_a_folder_that_cannot_be_read_has_no_copies(tmp_path):
    assert conflicted_copies(tmp_path / "missing" / "journal.rjvault") == []


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _two_copies(tmp_path: Path, copy_name: str):
    """The vault and a sync tool's copy of it, each written on after they parted."""
    path = tmp_path / "journal.rjvault"
    vault = store.create_vault(path, PASSPHRASE, kdf_iterations=TEST_KDF)
    with vault.transaction():
        vault.notes.save(DailyNote(date(2026, 12, 1), "before they parted", START, START))
        vault.notes.save(DailyNote(date(2026, 12, 2), "the same day", START, START))
    vault.close()
    copy_path = tmp_path / copy_name
    shutil.copy(path, copy_path)
    later = START + timedelta(hours=1)
    vault = store.open_vault(path, PASSPHRASE)
    with vault.transaction():
        vault.notes.save(DailyNote(date(2026, 12, 2), "written on the desktop", START, later))
        vault.notes.save(DailyNote(date(2026, 12, 3), "only on the desktop", later, later))
    copy = store.open_vault(copy_path, PASSPHRASE)
    with copy.transaction():
        copy.notes.save(DailyNote(date(2026, 12, 2), "written on the laptop", START, later))
        copy.journal.save(
            JournalEntry("e1", date(2026, 12, 4), later, later, "Laptop", body="only there")
        )
    copy.close()
    return vault, copy_path


@pytest.mark.parametrize("copy_name", [COPIES[0], COPIES[1], COPIES[4]])
def test_a_copy_is_merged_with_nothing_lost_and_moved_aside_unchanged(tmp_path, copy_name):
    vault, copy_path = _two_copies(tmp_path, copy_name)
    before = _digest(copy_path)
    done = merge_copy(vault, store, copy_path, PASSPHRASE, START + timedelta(hours=2))
    texts = {note.day.day: note.text for note in vault.notes.all()}
    assert texts[1] == "before they parted" and texts[3] == "only on the desktop"
    assert vault.journal.get("e1").body == "only there"
    # The day written in both shows one and keeps the other for the person to choose.
    (record,) = sync.to_choose(vault).values()
    both = {json.loads(v.words)["text"] for v in (record.shown, *record.others)}
    assert both == {"written on the desktop", "written on the laptop"}
    # The entry arrived; the day written in both too, where the copy's version is the one shown
    # (two versions written at the same moment: which leads is the rule's own tie-break).
    assert done.exchange.to_choose == 1 and done.exchange.arrived in (1, 2)
    # The copy is no longer beside the vault (not offered again), and kept whole.
    assert not copy_path.exists() and conflicted_copies(vault.path) == []
    assert done.moved_to == tmp_path / "journal backups" / MERGED_FOLDER / copy_name
    assert _digest(done.moved_to) == before
    vault.close()


def test_a_copy_of_the_same_name_merged_before_is_not_replaced(tmp_path):
    vault, copy_path = _two_copies(tmp_path, COPIES[0])
    earlier = tmp_path / "journal backups" / MERGED_FOLDER / COPIES[0]
    earlier.parent.mkdir(parents=True)
    earlier.write_bytes(b"merged on another day")
    done = merge_copy(vault, store, copy_path, PASSPHRASE, START + timedelta(hours=2))
    assert earlier.read_bytes() == b"merged on another day"
    assert done.moved_to == earlier.with_name(
        "journal.sync-conflict-20261206-101010-ABCDEFG (2).rjvault"
    )
    vault.close()


def test_the_same_copy_merged_again_later_changes_nothing(tmp_path):
    vault, copy_path = _two_copies(tmp_path, "carried on a stick.rjvault")
    merge_copy(vault, store, copy_path, PASSPHRASE, START + timedelta(hours=2))
    again = merge_copy(vault, store, copy_path, PASSPHRASE, START + timedelta(hours=3))
    assert again.exchange.arrived == 0
    vault.close()


def test_a_copy_chosen_from_elsewhere_is_merged_and_left_where_it_is(tmp_path):
    vault, copy_path = _two_copies(tmp_path, "carried on a stick.rjvault")
    before = _digest(copy_path)
    done = merge_copy(vault, store, copy_path, PASSPHRASE, START + timedelta(hours=2))
    assert done.moved_to is None and _digest(copy_path) == before
    assert done.exchange.to_choose == 1
    vault.close()


def test_a_wrong_passphrase_merges_nothing_and_leaves_the_copy(tmp_path):
    vault, copy_path = _two_copies(tmp_path, COPIES[4])
    before = _digest(copy_path)
    with pytest.raises(WrongPassphrase):
        merge_copy(vault, store, copy_path, "not this one", START + timedelta(hours=2))
    assert copy_path.exists() and _digest(copy_path) == before
    assert sync.to_choose(vault) == {}
    assert vault.journal.get("e1") is None
    vault.close()
