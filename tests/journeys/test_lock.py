"""Locking and unlocking the real program, as a person does it: the window goes, the passphrase
is asked, and the journal comes back on the page it showed."""

from __future__ import annotations

import pytest

from tests.journeys.atspi import wait_for
from tests.journeys.person import (
    choose_menu,
    create_journal,
    page_shown,
    skip_guide,
    unlock,
)

LOCKED = "Your journal is locked."


def _locked_then_back(app, said: str, seconds: float = 20) -> None:
    dialog = app.window("dialog", seconds)
    assert app.running, "locking ended the program"
    app.wait_for_node("label", said, within=dialog)
    assert not [w for w in app.windows() if w.role == "frame"], "the journal stayed on screen"
    unlock(app)
    wait_for(lambda: page_shown(app) == "Nightly review", 10, "the review page again")


@pytest.fixture
def journal_on_review(launch):
    app = launch()
    create_journal(app)
    skip_guide(app)
    app.desktop.key("ctrl+3")
    wait_for(lambda: page_shown(app) == "Nightly review", 10, "the review page")
    return app


def test_ctrl_l_locks_and_unlocking_returns_to_the_same_page(journal_on_review):
    journal_on_review.desktop.key("ctrl+l")
    _locked_then_back(journal_on_review, LOCKED)


def test_lock_now_in_the_menu_locks(journal_on_review):
    choose_menu(journal_on_review, "Journal", "Lock now")
    _locked_then_back(journal_on_review, LOCKED)


def test_a_locked_screen_locks_the_journal(journal_on_review):
    journal_on_review.desktop.send_screen_locked()
    _locked_then_back(journal_on_review, LOCKED)


def test_the_journal_locks_itself_after_the_inactivity_delay(launch):
    app = launch(env={"RECOVERY_JOURNAL_LOCK_AFTER_SECONDS": "12"})
    create_journal(app)
    skip_guide(app)
    app.desktop.key("ctrl+3")
    wait_for(lambda: page_shown(app) == "Nightly review", 10, "the review page")
    # Then nothing: no key, no click, until the journal locks itself.
    _locked_then_back(app, "Your journal locked itself after 1 minute without use.", 40)


def test_cancel_on_the_unlock_window_after_a_lock_ends_the_program(journal_on_review):
    app = journal_on_review
    app.desktop.key("ctrl+l")
    app.window("dialog")
    app.desktop.key("Escape")
    assert app.wait_exit(15) == 0


def test_after_unlocking_the_keyboard_is_back_where_it_was(launch):
    """Writing a journal entry, Ctrl+L, the passphrase, and on typing: the words go on in the
    entry (they went into the search box, which opened the search page)."""
    from tests.journeys.labels import LABELS
    from tests.journeys.person import go_to

    say = LABELS["en"]
    app = launch()
    create_journal(app)
    skip_guide(app)
    go_to(app, say.journal)
    app.desktop.click(app.wait_for_node("push button", say.new_entry, within="frame"))
    box = app.wait_for_focus("text", say.entry_words_box)
    app.desktop.type("Before the lock.")
    app.desktop.key("ctrl+l")
    unlock(app)
    app.wait_for_focus("text", say.entry_words_box)
    app.desktop.type(" After it.")
    box = app.wait_for_node("text", say.entry_words_box, within="frame")
    wait_for(lambda: box.text.strip() == "Before the lock. After it.", 10, "the words together")
    assert page_shown(app) == say.journal


def test_ctrl_l_locks_from_a_dialog_in_front(journal_on_review):
    app = journal_on_review
    app.desktop.key("ctrl+shift+h")  # Help now, in front of the window
    app.wait_for_node("dialog", contains="Help now")
    app.desktop.key("ctrl+l")
    _locked_then_back(app, LOCKED)
