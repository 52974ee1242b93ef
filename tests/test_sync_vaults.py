"""One journal on several computers, with real vaults and a real shared folder (issue 24).

The merge rule has its own property tests (test_sync_merge.py); these play it through the store:
every record kind's words out of the tables and back, each computer's encrypted file in the
folder, and the files a sync tool leaves there that cannot be used.
"""

from __future__ import annotations

import json
import os
import random
import shutil
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from recovery_journal import store
from recovery_journal.domain.clean_time import CleanDate, Slip
from recovery_journal.domain.journal import JournalEntry
from recovery_journal.domain.notes import DailyNote
from recovery_journal.errors import SyncFileDamaged, SyncFileForeign, SyncFileOtherPassphrase
from recovery_journal.services import sync
from recovery_journal.services.demo import fill_demo
from recovery_journal.services.settings import load_settings, save_settings
from recovery_journal.services.sync_records import records_of
from recovery_journal.store import vault_file
from tests.conftest import PASSPHRASE, TEST_KDF

START = datetime(2026, 12, 1, 20, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def quick_keys(monkeypatch):
    # The folder's key is derived with the store's iterations; the suite's are lower.
    monkeypatch.setattr(vault_file, "KDF_ITERATIONS", TEST_KDF)


class Computer:
    """One computer: its own vault, the shared folder, and its own clock."""

    def __init__(self, root: Path, name: str, folder: Path, skew: timedelta = timedelta()) -> None:
        self.path = root / f"{name}.rjvault"
        self.vault = store.create_vault(self.path, PASSPHRASE, kdf_iterations=TEST_KDF)
        self.folder = folder
        self.skew = skew
        self.ticks = 0

    def now(self) -> datetime:
        self.ticks += 1
        return START + self.skew + timedelta(minutes=self.ticks)

    def share(self) -> sync.Exchange:
        return sync.share_through(self.vault, store, self.folder, PASSPHRASE, self.now())

    def exchange(self) -> sync.Exchange:
        return sync.exchange(self.vault, store, self.now())

    def note(self, day: date, text: str) -> None:
        moment = self.now()
        with self.vault.transaction():
            self.vault.notes.save(DailyNote(day, text, moment, moment))

    def entry(self, uid: str, body: str) -> None:
        moment = self.now()
        with self.vault.transaction():
            self.vault.journal.save(
                JournalEntry(uid, date(2026, 11, 30), moment, moment, body=body)
            )

    def words(self) -> set[str]:
        """Every text in the journal, shown or kept beside what is shown."""
        texts = {json.loads(w).get("text") or json.loads(w).get("body") for w in self.live()}
        for record in sync.to_choose(self.vault).values():
            for other in record.others:
                if other.words:
                    item = json.loads(other.words)
                    texts.add(item.get("text") or item.get("body"))
        return texts - {None}

    def live(self) -> list[str]:
        return [
            w
            for (kind, _), w in records_of(self.vault).items()
            if kind in ("daily_notes", "journal")
        ]

    def close(self) -> None:
        self.vault.close()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shared = tmp_path / "shared"
    shared.mkdir()
    return shared


@pytest.fixture
def two(tmp_path: Path, folder: Path):
    a = Computer(tmp_path, "a", folder)
    b = Computer(tmp_path, "b", folder, skew=timedelta(minutes=-50))  # a clock behind
    yield a, b
    a.close()
    b.close()


def test_a_second_computer_joins_and_gets_the_whole_journal(tmp_path, folder):
    a = Computer(tmp_path, "a", folder)
    fill_demo(a.vault, days=120, now=START)
    a.share()
    b = Computer(tmp_path, "b", folder)
    joined = b.share()
    assert joined.arrived > 100 and joined.written_here == 0
    assert records_of(b.vault) == records_of(a.vault)
    # The reports it makes are answered into the same journal.
    assert b.vault.settings.get_all()["journal.id"] == a.vault.settings.get_all()["journal.id"]
    assert a.exchange() == sync.Exchange(0, 0, 0)
    # Every kind's words, written into b's tables, read back the same: nothing is sent again.
    assert b.exchange() == sync.Exchange(0, 0, 0)
    a.close()
    b.close()


def test_nothing_in_the_folder_can_be_read_without_the_passphrase(two, folder):
    a, b = two
    a.note(date(2026, 11, 1), "a secret written on a")
    a.share()
    b.share()
    files = list(folder.iterdir())
    assert len(files) == 2 and all(f.suffix == ".rjsync" for f in files)
    for file in files:
        data = file.read_bytes()
        assert b"secret" not in data and b"SQLite format" not in data
    assert not any(p.name.startswith(".") for p in folder.iterdir())  # no temporary left behind


def written_on_both(a: Computer, b: Computer, day: date, on_a: str, on_b: str) -> None:
    """Both computers share, then write the same day's note before hearing from each other,
    then exchange until both hold both versions."""
    a.share()
    b.share()
    a.note(day, on_a)
    b.note(day, on_b)
    a.exchange()
    b.exchange()
    a.exchange()


def test_the_same_record_written_on_both_keeps_both_and_a_choice_settles_it(two):
    a, b = two
    day = date(2026, 11, 20)
    written_on_both(a, b, day, "written on the laptop", "written on the desktop")
    assert records_of(a.vault) == records_of(b.vault)
    assert {"written on the laptop", "written on the desktop"} <= a.words() == b.words()
    ((key, record),) = sync.to_choose(a.vault).items()
    assert key == ("daily_notes", day.isoformat())
    # The person keeps the other one; it is a write over both, and it travels.
    sync.choose(a.vault, key, record.others[0].words, a.now())
    a.exchange()
    b.exchange()
    assert sync.to_choose(a.vault) == {} and sync.to_choose(b.vault) == {}
    assert a.vault.notes.get(day).text == b.vault.notes.get(day).text


def test_an_edit_of_the_shown_version_keeps_the_other_for_the_person_to_choose(two):
    a, b = two
    day = date(2026, 11, 21)
    written_on_both(a, b, day, "one", "two")
    shown = a.vault.notes.get(day).text
    a.note(day, shown + ", edited")
    a.exchange()
    b.exchange()
    assert {"one", "two"} - {shown} <= a.words()  # the other one still kept
    assert shown + ", edited" in b.words()


def test_a_deletion_travels_and_an_edit_at_the_same_time_is_kept(two):
    a, b = two
    a.entry("e1", "to be deleted")
    a.entry("e2", "deleted here, edited there")
    a.share()
    b.share()
    with a.vault.transaction():
        a.vault.journal.delete("e1")
        a.vault.journal.delete("e2")
    b.entry("e2", "edited on b while a deleted it")
    a.exchange()
    b.exchange()
    a.exchange()
    for computer in (a, b):
        assert computer.vault.journal.get("e1") is None
        assert computer.vault.journal.get("e2").body == "edited on b while a deleted it"


def test_this_computers_settings_stay_and_the_journals_travel(two):
    a, b = two
    a.share()
    b.share()
    settings = load_settings(a.vault)
    save_settings(
        a.vault,
        replace(
            settings, display_name="Alex", reminder_time=settings.reminder_time.replace(hour=6)
        ),
    )
    a.exchange()
    b.exchange()
    there = load_settings(b.vault)
    assert there.display_name == "Alex"
    assert (
        there.reminder_time
        == load_settings(b.vault).reminder_time
        != load_settings(a.vault).reminder_time
    )


def test_a_slip_of_a_day_count_deleted_elsewhere_brings_the_count_back(two):
    a, b = two
    with a.vault.transaction():
        a.vault.records.save(CleanDate("c1", "alcohol", date(2026, 1, 1)))
    a.share()
    b.share()
    with a.vault.transaction():
        a.vault.records.delete(CleanDate, "c1")
    with b.vault.transaction():
        b.vault.records.save(Slip("s1", "c1", date(2026, 6, 1), what_happened="a hard evening"))
    a.exchange()
    b.exchange()
    a.exchange()
    for computer in (a, b):
        assert [s.what_happened for s in computer.vault.records.all(Slip)] == ["a hard evening"]
        assert [c.uid for c in computer.vault.records.all(CleanDate)] == ["c1"]


def test_files_that_cannot_be_used_are_skipped_each_with_its_sentence(two, folder, tmp_path):
    a, b = two
    a.note(date(2026, 11, 2), "from a")
    a.share()
    (a_file,) = folder.iterdir()
    # Cut short, as a copy still under way; random bytes; a vault, not a shared file.
    (folder / "cut.rjsync").write_bytes(a_file.read_bytes()[:6000])
    (folder / "noise.rjsync").write_bytes(random.Random(1).randbytes(8192))
    shutil.copy(a.path, folder / "vault.rjsync")
    done = b.share()
    reasons = {type(p) for p in done.skipped}
    assert reasons <= {SyncFileDamaged, SyncFileForeign, SyncFileOtherPassphrase}
    assert len(done.skipped) == 3
    for problem in done.skipped:
        sentence = problem.message()
        assert problem.path.name in sentence and "\n" not in sentence
    assert b.vault.notes.get(date(2026, 11, 2)).text == "from a"  # the good file was used


def test_a_passphrase_changed_on_one_computer_is_asked_for_on_the_other(two, folder):
    a, b = two
    a.note(date(2026, 11, 3), "before the change")
    a.share()
    b.share()
    # On a: a new passphrase, then an exchange writes its file with the new key.
    new = "another four calm words"
    sync.follow_passphrase(a.vault, store, new)
    a.note(date(2026, 11, 4), "after the change")
    a.exchange()
    done = b.exchange()
    assert done.other_passphrase
    assert b.vault.notes.get(date(2026, 11, 4)) is None
    with pytest.raises(sync.NotTheFolderPassphrase):
        sync.share_through(b.vault, store, folder, "not the passphrase at all", b.now())
    sync.share_through(b.vault, store, folder, new, b.now())
    assert b.vault.notes.get(date(2026, 11, 4)).text == "after the change"
    assert not a.exchange().skipped  # a still reads b's file, written before it heard


def test_a_conflicted_copy_of_the_vault_is_merged_back_with_nothing_lost(tmp_path):
    """A vault put in a synced folder and written on two computers: the sync tool keeps one as
    "journal (conflicted copy).rjvault". Merging it loses neither side."""
    path = tmp_path / "journal.rjvault"
    vault = store.create_vault(path, PASSPHRASE, kdf_iterations=TEST_KDF)
    moment = START
    with vault.transaction():
        vault.notes.save(DailyNote(date(2026, 11, 1), "the same on both", moment, moment))
        vault.notes.save(DailyNote(date(2026, 11, 2), "before", moment, moment))
        vault.journal.save(JournalEntry("gone", date(2026, 11, 1), moment, moment, body="kept"))
    vault.close()
    copy_path = tmp_path / "journal (conflicted copy 2026-12-06).rjvault"
    shutil.copy(path, copy_path)
    vault = store.open_vault(path, PASSPHRASE, kdf_iterations=TEST_KDF)
    copy = store.open_vault(copy_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    later = START + timedelta(hours=1)
    with vault.transaction():
        vault.notes.save(DailyNote(date(2026, 11, 2), "edited here", moment, later))
        vault.notes.save(DailyNote(date(2026, 11, 3), "only here", later, later))
    with copy.transaction():
        copy.notes.save(DailyNote(date(2026, 11, 2), "edited in the copy", moment, later))
        copy.notes.save(DailyNote(date(2026, 11, 4), "only in the copy", later, later))
        copy.journal.delete("gone")
    done = sync.merge_vault(vault, copy, later)
    copy.close()
    texts = {n.day.day: n.text for n in vault.notes.all()}
    assert texts[1] == "the same on both" and texts[3] == "only here"
    assert texts[4] == "only in the copy"
    assert texts[2] in ("edited here", "edited in the copy")
    (record,) = sync.to_choose(vault).values()
    assert {json.loads(record.shown.words)["text"], json.loads(record.others[0].words)["text"]} == {
        "edited here",
        "edited in the copy",
    }
    assert done.to_choose == 1
    # A deletion in a copy with no history is not trusted: the entry stays.
    assert vault.journal.get("gone").body == "kept"
    # Merging it again, later, changes nothing and adds no versions.
    kept = len(vault.sync.versions())
    copy = store.open_vault(copy_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    assert sync.merge_vault(vault, copy, later + timedelta(hours=2)).arrived == 0
    copy.close()
    assert len(vault.sync.versions()) == kept
    vault.close()


@pytest.mark.parametrize("seed", range(int(os.environ.get("SYNC_STORIES", "6"))))
def test_random_writing_on_three_computers_converges_and_loses_no_word(tmp_path, folder, seed):
    rng = random.Random(seed)
    computers = [
        Computer(tmp_path, name, folder, skew=timedelta(minutes=rng.randint(-50, 50)))
        for name in "abc"
    ]
    written: set[str] = set()
    overwritten: set[str] = set()
    try:
        for computer in computers:
            computer.share()
        days = [date(2026, 11, d) for d in range(1, 6)]
        for step in range(30):
            computer = rng.choice(computers)
            action = rng.random()
            if action < 0.45:
                day = rng.choice(days)
                before = computer.vault.notes.get(day)
                text = f"{computer.path.stem}{step}"
                computer.note(day, text)
                written.add(text)
                if before is not None:
                    overwritten.add(before.text)  # the person wrote over it: may go
            elif action < 0.55:
                day = rng.choice(days)
                before = computer.vault.notes.get(day)
                if before is not None:
                    overwritten.add(before.text)
                    with computer.vault.transaction():
                        computer.vault.notes.delete(day)
            else:
                computer.exchange()
        for _ in range(2):
            for computer in rng.sample(computers, 3):
                computer.exchange()
        first = records_of(computers[0].vault)
        for computer in computers[1:]:
            assert records_of(computer.vault) == first
        found = computers[0].words()
        assert written - overwritten <= found
    finally:
        for computer in computers:
            computer.close()


def test_every_table_of_the_journal_counts_its_changes(tmp_path):
    """An exchange skips reading the journal when the tables say nothing changed since the last
    one: a table holding the journal without its three triggers would keep an edit from ever
    leaving this computer."""
    vault = store.create_vault(tmp_path / "v.rjvault", PASSPHRASE, kdf_iterations=TEST_KDF)
    conn = vault._conn
    tables = {
        name
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if not name.startswith(("search_", "sync_"))
    }
    counted = {
        (table, sql.split(" AFTER ")[1].split(" ")[0])
        for table, sql in conn.execute(
            "SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger'"
        )
        if sql and "sync_state" in sql
    }
    assert {(t, e) for t in tables for e in ("INSERT", "UPDATE", "DELETE")} <= counted
    vault.close()


def test_an_exchange_with_nothing_new_reads_nothing(two, monkeypatch):
    a, b = two
    a.note(date(2026, 11, 5), "once")
    a.share()
    b.share()
    a.exchange()  # a reads b's first file
    read = []
    monkeypatch.setattr(sync, "records_of", lambda vault: read.append(vault) or {})
    assert a.exchange() == sync.Exchange(0, 0, 0)
    assert b.exchange() == sync.Exchange(0, 0, 0)
    assert read == []
    monkeypatch.undo()
    monkeypatch.setattr(vault_file, "KDF_ITERATIONS", TEST_KDF)
    a.note(date(2026, 11, 5), "twice")  # a write here is noticed
    assert a.exchange().written_here == 1
    assert b.exchange().arrived == 1


def test_two_computers_that_started_sharing_at_once_still_read_each_other(tmp_path, folder):
    """Both shared into the folder before either's file had arrived: two salts in one folder."""
    a = Computer(tmp_path, "a", folder)
    b = Computer(tmp_path, "b", folder)
    a.note(date(2026, 11, 6), "from a")
    b.note(date(2026, 11, 7), "from b")
    elsewhere = tmp_path / "b's copy of the folder"
    elsewhere.mkdir()
    a.share()
    sync.share_through(b.vault, store, elsewhere, PASSPHRASE, b.now())
    for file in elsewhere.iterdir():  # the sync tool brings b's file over
        shutil.copy(file, folder / file.name)
    done = b.share()  # b is set to the shared folder: it meets a's file
    assert not done.skipped
    assert a.exchange().skipped[0].message().startswith("The journal written on another computer")
    sync.share_through(a.vault, store, folder, PASSPHRASE, a.now())  # the person types it
    b.exchange()
    for computer in (a, b):
        texts = {n.text for n in computer.vault.notes.all()}
        assert {"from a", "from b"} <= texts
    a.close()
    b.close()


def test_the_first_computer_must_type_the_journals_own_passphrase(two, folder):
    a, _b = two
    with pytest.raises(sync.NotThisJournalsPassphrase):
        sync.share_through(a.vault, store, folder, "a typo in it", a.now())
    assert list(folder.iterdir()) == [] and sync.shared_folder(a.vault) is None


def test_a_backup_put_back_takes_a_new_name_and_loses_nothing(two, tmp_path):
    """A vault restored from a backup made before its last exchanges is an older copy of
    itself: its next write would reuse a number the other computer holds with other words (it
    failed on every exchange with "UNIQUE constraint failed"; found by review)."""
    a, b = two
    a.share()
    b.share()
    a.exchange()
    a.vault.close()
    backup = tmp_path / "backup.rjvault"
    shutil.copy(a.path, backup)
    a.vault = store.open_vault(a.path, PASSPHRASE, kdf_iterations=TEST_KDF)
    a.note(date(2026, 12, 1), "written after the backup")
    a.exchange()
    b.exchange()
    a.vault.close()
    shutil.copy(backup, a.path)
    a.vault = store.open_vault(a.path, PASSPHRASE, kdf_iterations=TEST_KDF)
    a.note(date(2026, 12, 2), "written after the restore")
    for _ in range(2):
        a.exchange()
        b.exchange()
    assert records_of(a.vault) == records_of(b.vault)
    assert {"written after the backup", "written after the restore"} <= a.words()


def test_a_choice_and_a_merged_copy_travel_though_no_page_changed(two, tmp_path):
    """Keeping the version already shown changes only the versions: the next exchange must
    still send it (the quick way took it for nothing new)."""
    a, b = two
    day = date(2026, 11, 22)
    written_on_both(a, b, day, "on a", "on b")
    ((key, record),) = sync.to_choose(a.vault).items()
    sync.choose(a.vault, key, record.shown.words, a.now())
    a.exchange()
    b.exchange()
    assert sync.to_choose(b.vault) == {}


def test_a_file_that_could_not_be_written_is_written_at_the_next_exchange(two, monkeypatch):
    a, b = two
    a.share()
    b.share()
    a.note(date(2026, 11, 23), "kept for the next exchange")

    def full(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(store, "write_sync_file", full)
        with pytest.raises(OSError):
            a.exchange()
    a.exchange()
    b.exchange()
    assert b.vault.notes.get(date(2026, 11, 23)).text == "kept for the next exchange"


@pytest.mark.parametrize("size", [0, 10, 1000, 5000])
def test_a_file_not_yet_whole_is_not_taken_for_another_passphrase(two, folder, size):
    a, b = two
    a.share()
    b.share()
    (other,) = [p for p in folder.iterdir() if p.name != f"{sync.this_computer(a.vault)}.rjsync"]
    other.write_bytes(other.read_bytes()[:size])
    done = a.exchange()
    assert [type(p) for p in done.skipped] == [SyncFileDamaged] and not done.other_passphrase


def test_a_shared_folder_that_is_gone_is_one_sentence(two, folder):
    a, _b = two
    a.share()
    shutil.rmtree(folder)
    with pytest.raises(sync.SharedFolderMissing) as raised:
        a.exchange()
    assert str(folder) in raised.value.message()
