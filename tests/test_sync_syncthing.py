"""Issue 24 through a real sync tool: two Syncthing instances on loopback carry one journal
between two computers' folders (tests/syncthing_pair.py), and the command line's ``sync`` on each
side exchanges through them.

The first test shows what Syncthing does to one file changed in two places at once: it keeps a
``.sync-conflict-`` copy beside it. That is why each computer writes only its own file in the
folder and reads the others'; the second test runs the whole journey on that design."""

from __future__ import annotations

import json
import subprocess
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime
from pathlib import Path

import pytest

from recovery_journal.services import sync
from recovery_journal.services.journal import delete_entry, new_entry, save_entry
from recovery_journal.store_access import load_store
from tests.syncthing_pair import SyncthingPair, listing
from tests.test_cli import PASS, run
from tests.test_sync_cli import _export, _journal

pytestmark = pytest.mark.slow


def test_a_file_travels_and_one_file_changed_in_two_places_leaves_a_conflict_copy(tmp_path):
    with SyncthingPair(tmp_path) as pair:
        laptop, desktop = pair.a, pair.b
        (laptop.folder / "note.txt").write_bytes(b"written on the laptop\n")
        pair.wait_until_in_sync()
        assert (desktop.folder / "note.txt").read_bytes() == b"written on the laptop\n"

        # Both change the same file while apart (as two computers off the network, or both
        # faster than the exchange); each scans its own change, then they meet.
        with pair.apart():
            (laptop.folder / "note.txt").write_bytes(b"changed on the laptop\n")
            (desktop.folder / "note.txt").write_bytes(b"changed on the desktop\n")
        pair.wait_until_in_sync()

        files = listing(laptop.folder)
        assert files == listing(desktop.folder)
        conflicts = [name for name in files if name.startswith("note.sync-conflict-")]
        assert len(conflicts) == 1, files
        assert conflicts[0].endswith(".txt")
        # One change is in note.txt, the other in the copy: neither is lost, but the journal
        # would hold only one of them unless it read both; hence one file for each computer.
        kept = {
            (laptop.folder / "note.txt").read_bytes(),
            (laptop.folder / conflicts[0]).read_bytes(),
        }
        assert kept == {b"changed on the laptop\n", b"changed on the desktop\n"}


# --- one journal on two computers --------------------------------------------------------------

# Each word is written once, in one place, so that where it ends up is unambiguous.
WORDS = {
    "kept": "lanternfish",  # written on the laptop before the desktop joins, never changed
    "edited": "harbourmaster",  # the record both computers then change at the same time
    "deleted": "meadowsweet",  # deleted on the laptop after the desktop joined
    "laptop_edit": "orchardkeeper",  # the laptop's words in the record edited on both
    "desktop_edit": "glacierwater",  # the desktop's words in the same record
    "laptop_new": "thimbleberry",  # a new entry on the laptop, after joining
    "desktop_new": "juniperhill",  # a new entry on the desktop, at the same time
}


def _sync(vault: Path, folder: Path) -> subprocess.CompletedProcess[str]:
    return run("sync", "--vault", str(vault), "--folder", str(folder))


def _sync_both(pair: SyncthingPair, vaults: tuple[Path, Path]) -> None:
    """Both computers exchange at the same moment, as two people pressing the button together."""
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(_sync, vaults, [side.folder for side in pair.instances]))
    for result in results:
        assert result.returncode == 0, result.stderr


def _write(vault: Path, words: str) -> str:
    """A journal entry saved as the window saves one; its uid."""
    opened = load_store().open_vault(vault, PASS)
    try:
        now = datetime.now().astimezone()
        entry = new_entry(date(2026, 12, 6), now).edited(now, title="sync", body=words)
        save_entry(opened, entry)
        return entry.uid
    finally:
        opened.close()


def _edit(vault: Path, uid: str, words: str) -> None:
    opened = load_store().open_vault(vault, PASS)
    try:
        entry = opened.journal.get(uid)
        assert entry is not None
        save_entry(opened, entry.edited(datetime.now().astimezone(), body=words))
    finally:
        opened.close()


def _delete(vault: Path, uid: str) -> None:
    opened = load_store().open_vault(vault, PASS)
    try:
        delete_entry(opened, uid)
    finally:
        opened.close()


def _words(vault: Path) -> tuple[dict[str, str], set[str]]:
    """Each journal entry's text by uid, and every text kept beside a shown one (written on two
    computers at once, for the person to choose)."""
    opened = load_store().open_vault(vault, PASS)
    try:
        shown = {entry.uid: entry.body for entry in opened.journal.all()}
        kept = {
            json.loads(other.words)["body"]
            for record in sync.to_choose(opened).values()
            for other in record.others
            if other.words
        }
        return shown, kept
    finally:
        opened.close()


def test_one_journal_on_two_computers_through_syncthing(tmp_path):
    laptop_vault = tmp_path / "laptop.rjvault"
    desktop_vault = tmp_path / "desktop.rjvault"
    vaults = (laptop_vault, desktop_vault)
    with SyncthingPair(tmp_path) as pair:
        laptop, desktop = pair.a, pair.b
        created = run("init", "--vault", str(laptop_vault))
        assert created.returncode == 0, created.stderr
        kept_uid = _write(laptop_vault, WORDS["kept"])
        edited = _write(laptop_vault, WORDS["edited"])
        deleted = _write(laptop_vault, WORDS["deleted"])
        first = _sync(laptop_vault, laptop.folder)
        assert first.returncode == 0, first.stderr
        assert list(laptop.folder.glob("*.rjsync")), listing(laptop.folder)
        pair.wait_until_in_sync()

        # The desktop has no journal yet: the laptop's file in its folder makes one ("joining").
        assert not desktop_vault.exists()
        joined = _sync(desktop_vault, desktop.folder)
        assert joined.returncode == 0, joined.stderr
        assert desktop_vault.exists()
        assert _journal(_export(desktop_vault, tmp_path)) == _journal(
            _export(laptop_vault, tmp_path)
        )
        pair.wait_until_in_sync()

        # Both write while apart: the same entry changed on each, a deletion, a new entry each.
        laptop_edit = f"{WORDS['edited']} {WORDS['laptop_edit']}"
        desktop_edit = f"{WORDS['edited']} {WORDS['desktop_edit']}"
        _edit(laptop_vault, edited, laptop_edit)
        _edit(desktop_vault, edited, desktop_edit)
        _delete(laptop_vault, deleted)
        laptop_new = _write(laptop_vault, WORDS["laptop_new"])
        desktop_new = _write(desktop_vault, WORDS["desktop_new"])

        # Each exchanges (both at once), Syncthing carries the files, each exchanges again.
        _sync_both(pair, vaults)
        pair.wait_until_in_sync()
        _sync_both(pair, vaults)
        pair.wait_until_in_sync()

        assert _journal(_export(laptop_vault, tmp_path)) == _journal(
            _export(desktop_vault, tmp_path)
        )
        (shown, kept), (desktop_shown, desktop_kept) = _words(laptop_vault), _words(desktop_vault)
        assert (shown, kept) == (desktop_shown, desktop_kept)
        assert shown.get(kept_uid) == WORDS["kept"]
        assert deleted not in shown
        assert shown.get(laptop_new) == WORDS["laptop_new"]
        assert shown.get(desktop_new) == WORDS["desktop_new"]
        # The entry changed on both: one version shown (the same on both computers), the other
        # kept beside it for the person to choose; neither is lost.
        assert {shown[edited], *kept} == {laptop_edit, desktop_edit}

        # What Syncthing carried is encrypted: no word written is in any file of either folder,
        # one file for each computer and nothing else.
        for side in pair.instances:
            assert sorted(p.suffix for p in side.folder.iterdir() if p.name != ".stfolder") == [
                ".rjsync",
                ".rjsync",
            ]
            for path in side.folder.rglob("*"):
                if path.is_file():
                    data = path.read_bytes()
                    for word in WORDS.values():
                        assert word.encode() not in data, f"{word} in plain text in {path}"
                        assert word.encode("utf-16-le") not in data, f"{word} in {path}"
