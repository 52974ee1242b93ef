"""Today's note written on two computers at once (issue 24), as a person settles it: the journal
opens with both versions kept, Journal ▸ Written on two computers… by keys, the two notes read
on screen, Tab to the one the page does not show, Space keeps it, and Today shows its words."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from recovery_journal import store
from recovery_journal.domain.notes import DailyNote
from recovery_journal.services import sync
from recovery_journal.services.sync_records import records_of
from tests.conftest import persons_today
from tests.journeys.atspi import wait_for
from tests.journeys.person import PASSPHRASE, read_vault, unlock

LAPTOP = "Walked to the meeting with Dana; we talked about step four."
DESKTOP = "Quiet evening. Wrote out my resentments list at last."


def _written_twice(tmp_path: Path) -> tuple[Path, str]:
    """The journal (this computer's, made as the program makes one) and a laptop's, sharing a
    folder; today's note written on both, then exchanged. Returns the journal and the words it
    keeps beside the note its Today page shows."""
    folder = tmp_path / "shared"
    folder.mkdir()
    journal = store.create_vault(tmp_path / "journal.rjvault", PASSPHRASE)
    laptop = store.create_vault(tmp_path / "laptop.rjvault", PASSPHRASE)
    start = datetime(2026, 12, 6, 20, tzinfo=UTC)
    try:
        for minute, vault in enumerate((journal, laptop)):
            sync.share_through(vault, store, folder, PASSPHRASE, start + timedelta(minutes=minute))
        for minute, (vault, words) in enumerate(((journal, DESKTOP), (laptop, LAPTOP)), 2):
            moment = start + timedelta(minutes=minute)
            with vault.transaction():
                vault.notes.save(DailyNote(persons_today(), words, moment, moment))
        for minute, vault in enumerate((journal, laptop, journal), 4):
            sync.exchange(vault, store, start + timedelta(minutes=minute))
        (record,) = sync.to_choose(journal).values()
        other = json.loads(record.others[0].words)["text"]
    finally:
        journal.close()
        laptop.close()
    return tmp_path / "journal.rjvault", other


def test_a_note_written_on_two_computers_is_settled_by_keys(launch, tmp_path):
    path, other = _written_twice(tmp_path)
    app = launch(vault=path)
    window = unlock(app)
    # The banner says so, calmly, and offers to compare.
    app.wait_for_node("label", contains="written on both computers at once", within=window)
    app.wait_for_node("push button", "Compare…", within=window)
    note = app.wait_for_node("text", "A few words about today", within="frame")
    wait_for(lambda: note.text in (LAPTOP, DESKTOP), 10, "today's note on its page")
    assert note.text != other
    # Journal ▸ Written on two computers…, by keys.
    app.desktop.key("alt+j")
    app.wait_for_node("menu item", "Written on two computers…")
    app.desktop.key("w")
    dialog = app.window("dialog")
    app.wait_for_node("list item", contains="Notes of the day", within=dialog)
    # Both notes, as written, on screen.
    shown = app.wait_for_node("label", contains=LAPTOP, within=dialog)
    app.wait_for_node("label", contains=DESKTOP, within=dialog)
    assert "{" not in shown.name
    keep = None
    for _ in range(12):
        focused = app.focused()
        if focused is not None and focused.role == "push button" and "Kept beside" in focused.name:
            keep = focused
            break
        app.desktop.key("Tab")
        wait_for(lambda before=focused: app.focused() != before, 5, "the focus to move on Tab")
    assert keep is not None, "Tab never reached the other version's Keep this one"
    # The laptop's note is the newer, so the page shows it; this computer's is kept beside it.
    assert "Written on this computer" in keep.name and note.text == LAPTOP
    app.desktop.key("space")
    app.wait_for_node("label", contains="Nothing is left to choose", within=dialog)
    app.desktop.key("Escape")
    wait_for(lambda: all(w.role != "dialog" for w in app.windows()), 10, "the dialog to close")
    note = app.wait_for_node("text", "A few words about today", within="frame")
    wait_for(lambda: note.text == other, 10, "the kept words on the Today page")
    app.desktop.key("ctrl+q")
    assert app.wait_exit(20) == 0
    vault = read_vault(path)
    try:
        assert sync.to_choose(vault) == {}
        assert vault.notes.get(persons_today()).text == other
        words = records_of(vault)[("daily_notes", persons_today().isoformat())]
        assert json.loads(words)["text"] == other
    finally:
        vault.close()
