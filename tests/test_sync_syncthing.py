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
from typing import Any

import pytest

from recovery_journal.services.journal import delete_entry, new_entry, save_entry
from recovery_journal.store_access import load_store
from tests.syncthing_pair import SyncthingPair, listing
from tests.test_cli import PASS, run

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


def _body(vault: Path, uid: str) -> str | None:
    opened = load_store().open_vault(vault, PASS)
    try:
        entry = opened.journal.get(uid)
        return None if entry is None else entry.body
    finally:
        opened.close()


def _export(vault: Path, target: Path) -> dict[str, Any]:
    result = run("export-json", "--vault", str(vault), "-o", str(target))
    assert result.returncode == 0, result.stderr
    exported = json.loads(target.read_text(encoding="utf-8"))
    # Settings belong to each computer (its window, its reminders); the journal is shared.
    exported.pop("settings", None)
    return dict(exported)


def test_one_journal_on_two_computers_through_syncthing(tmp_path):
    laptop_vault = tmp_path / "laptop.rjvault"
    desktop_vault = tmp_path / "desktop.rjvault"
    vaults = (laptop_vault, desktop_vault)
    with SyncthingPair(tmp_path) as pair:
        laptop, desktop = pair.a, pair.b
        created = run("init", "--vault", str(laptop_vault))
        assert created.returncode == 0, created.stderr
        kept = _write(laptop_vault, WORDS["kept"])
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
        assert _export(desktop_vault, tmp_path / "d0.json") == _export(
            laptop_vault, tmp_path / "l0.json"
        )
        pair.wait_until_in_sync()

        # Both write while apart: the same entry changed on each, a deletion, a new entry each.
        _edit(laptop_vault, edited, f"{WORDS['edited']} {WORDS['laptop_edit']}")
        _edit(desktop_vault, edited, f"{WORDS['edited']} {WORDS['desktop_edit']}")
        _delete(laptop_vault, deleted)
        laptop_new = _write(laptop_vault, WORDS["laptop_new"])
        desktop_new = _write(desktop_vault, WORDS["desktop_new"])

        _sync_both(pair, vaults)
        pair.wait_until_in_sync()
        _sync_both(pair, vaults)
        pair.wait_until_in_sync()

        laptop_export = _export(laptop_vault, tmp_path / "l1.json")
        desktop_export = _export(desktop_vault, tmp_path / "d1.json")
        assert laptop_export == desktop_export

        for vault in vaults:
            assert _body(vault, kept) == WORDS["kept"]
            assert _body(vault, deleted) is None
            assert _body(vault, laptop_new) == WORDS["laptop_new"]
            assert _body(vault, desktop_new) == WORDS["desktop_new"]
        # The entry changed on both: the same one shown on both computers, the other kept.
        shown = _body(laptop_vault, edited)
        assert shown == _body(desktop_vault, edited)
        assert shown in (
            f"{WORDS['edited']} {WORDS['laptop_edit']}",
            f"{WORDS['edited']} {WORDS['desktop_edit']}",
        )
        everything = json.dumps(laptop_export, ensure_ascii=False)
        for name, word in WORDS.items():
            if name != "deleted":
                assert word in everything, f"{name} ({word}) is missing from the export"

        # What Syncthing carried is encrypted: no word written is in any file of either folder.
        for side in pair.instances:
            for path in side.folder.rglob("*"):
                if path.is_file():
                    data = path.read_bytes()
                    for word in WORDS.values():
                        assert word.encode() not in data, f"{word} in plain text in {path}"
                        assert word.encode("utf-16-le") not in data, f"{word} in {path}"
