"""One journal on two computers (issue 24), as a person sets it up: the window on computer A
shares the journal through a folder; computer B joins from the command line and writes; what B
wrote appears in A's open window by itself, soon after the folder changes."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from recovery_journal.domain.notes import DailyNote
from recovery_journal.store import open_vault
from tests.conftest import persons_today
from tests.journeys.atspi import wait_for
from tests.journeys.person import PASSPHRASE, create_journal, skip_guide, wait_until_active

NOTE = "Written on the laptop, on the train home."


def _command(*args: str) -> str:
    """The command line on computer B, as a script runs it."""
    done = subprocess.run(
        [sys.executable, "-m", "recovery_journal", *args],
        env={**os.environ, "RECOVERY_JOURNAL_PASSPHRASE": PASSPHRASE,
             "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


def _sync(vault: Path, folder: Path) -> str:
    """One exchange on computer B."""
    return _command("sync", "--vault", str(vault), "--folder", str(folder))


def _write_todays_note(vault_path: Path) -> None:
    """Computer B writes today's note (as its window would)."""
    vault = open_vault(vault_path, PASSPHRASE)
    try:
        now = datetime.now(UTC)
        with vault.transaction():
            vault.notes.save(DailyNote(persons_today(), NOTE, now, now))
    finally:
        vault.close()


def test_what_the_other_computer_wrote_appears_in_the_open_window(launch, tmp_path):
    folder = tmp_path / "Sync"
    folder.mkdir()
    app = launch()
    window = create_journal(app)
    skip_guide(app)
    # Journal ▸ Use this journal on more than one computer…, by keys.
    app.desktop.key("alt+j")
    app.wait_for_node("menu item", "Use this journal on more than one computer…")
    app.desktop.key("u")
    dialog = app.wait_for_node("dialog", contains="One journal on more than one computer")
    wait_until_active(app, dialog)
    app.wait_for_focus("text")
    app.desktop.type(str(folder))
    app.desktop.key("alt+p")
    app.wait_for_focus("text", "Your passphrase:")
    app.desktop.type(PASSPHRASE)
    app.desktop.key("Return")
    app.wait_for_node("push button", "Exchange now", within=dialog, seconds=30)
    assert [p.suffix for p in folder.iterdir()] == [".rjsync"]
    app.desktop.key("Escape")
    wait_for(lambda: "active" in window.states, 10, "the window back in front")

    # Computer B: joins from the command line, writes today's note, exchanges again.
    laptop = tmp_path / "laptop.rjvault"
    assert "made from the shared folder" in _sync(laptop, folder)
    _write_todays_note(laptop)
    _sync(laptop, folder)

    # A's window: the note in Today's editor, a quiet line saying so, and when it arrived.
    note = app.wait_for_node("text", "A few words about today", within="frame")
    wait_for(lambda: note.text == NOTE, 15, "the other computer's note on Today")
    app.wait_for_node("label", "1 entry came from your other computer.", within="frame")
    app.wait_for_node("label", contains="Your other computer's changes arrived at", within="frame")


def test_a_new_computer_brings_the_journal_from_the_folder_at_its_first_run(launch, tmp_path):
    """Computer B shares its journal; on computer A, which has none yet, the welcome window's
    "I already keep this journal on another computer" and the folder bring it, note and all."""
    folder = tmp_path / "Sync"
    folder.mkdir()
    laptop = tmp_path / "laptop.rjvault"
    _command("init", "--vault", str(laptop))
    _write_todays_note(laptop)
    _sync(laptop, folder)

    app = launch()
    dialog = app.window("dialog")
    app.wait_for_focus("text")
    app.desktop.type(PASSPHRASE)
    app.desktop.key("Tab")
    app.desktop.type(PASSPHRASE)
    app.desktop.key("alt+f")  # I already keep this journal on another computer, in a shared folder
    app.wait_for_focus("text", "Shared folder")
    app.desktop.type(str(folder))
    app.wait_for_node("push button", "Bring my journal here", within=dialog)
    app.desktop.key("Return")
    app.window("frame", 30)
    skip_guide(app)
    note = app.wait_for_node("text", "A few words about today", within="frame")
    wait_for(lambda: note.text == NOTE, 15, "the other computer's note on Today")
    app.wait_for_node("label", contains="Your other computer's changes arrived", within="frame")
    assert len(list(folder.glob("*.rjsync"))) == 2  # and this computer writes its own file
