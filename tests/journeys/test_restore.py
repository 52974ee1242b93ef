"""A backup restored from the open window: the journal comes back as it was, and says so."""

from __future__ import annotations

from tests.journeys.atspi import wait_for
from tests.journeys.person import PASSPHRASE, choose_menu, create_journal, skip_guide

BEFORE = "Before the backup: a calm morning."
AFTER = " Written after the backup."


def _write_today(app, text: str) -> None:
    note = app.wait_for_node("text", "A few words about today", within="frame")
    app.desktop.click(note)
    app.desktop.key("ctrl+End")
    app.desktop.type(text)


def test_restoring_a_backup_from_the_window_reopens_the_journal_and_says_it_is_done(launch):
    app = launch()
    create_journal(app)
    skip_guide(app)
    _write_today(app, BEFORE)
    choose_menu(app, "Journal", "Backups…")
    backups = app.wait_for_node("dialog", contains="Backups")
    app.desktop.click(app.wait_for_node("push button", "Back up now", within=backups))
    app.wait_for_node("label", contains="Backed up and checked", within=backups)
    app.desktop.key("Escape")
    _write_today(app, AFTER)
    note = app.wait_for_node("text", "A few words about today", within="frame")
    wait_for(lambda: note.text == BEFORE + AFTER, 10, "the words after the backup on screen")
    app.wait_for_node("label", contains="Saved at", within="frame")

    choose_menu(app, "Journal", "Backups…")
    backups = app.wait_for_node("dialog", contains="Backups")
    points = app.wait_for_node("list", "Restore points", within=backups)
    newest = wait_for(lambda: points.children()[0] if points.children() else None, 10, "a point")
    app.desktop.click(newest)
    app.desktop.click(app.wait_for_node("push button", "Restore this backup…", within=backups))
    ask = app.wait_for_node("dialog", contains="Restore a backup")
    app.wait_for_focus("text")
    app.desktop.type(PASSPHRASE)
    app.desktop.key("Return")

    app.wait_for_node("label", contains="The backup is restored", seconds=30, within="frame")
    assert app.running
    note = app.wait_for_node("text", "A few words about today", within="frame")
    wait_for(lambda: note.text == BEFORE, 10, f"the note as backed up (shows {note.text!r})")
    del ask
