"""Words typed a moment before the window is closed are there when the journal opens again."""

from __future__ import annotations

import signal

import pytest

from tests.journeys.atspi import wait_for
from tests.journeys.labels import LABELS
from tests.journeys.person import create_journal, go_to, read_vault, skip_guide, unlock

CLOSERS = {
    "the window's close button (Alt+F4)": "alt+F4",
    "Quit (Ctrl+Q)": "ctrl+q",
}


def _typing_a_new_entry(app, words: str) -> None:
    say = LABELS["en"]
    create_journal(app)
    skip_guide(app)
    go_to(app, say.journal)
    app.desktop.click(app.wait_for_node("push button", say.new_entry, within="frame"))
    box = app.wait_for_focus("text", say.entry_words_box)
    app.desktop.type(words)
    # On screen (the keys have arrived), and still within the autosave's pause.
    wait_for(lambda: box.text.strip() == words, 5, "the words on screen")


def _only_entry(path) -> list[str]:
    vault = read_vault(path)
    try:
        return [entry.body.strip() for entry in vault.journal.all()]
    finally:
        vault.close()


@pytest.mark.parametrize("closer", list(CLOSERS))
def test_closing_while_typing_keeps_every_word(launch, closer):
    say = LABELS["en"]
    app = launch()
    words = "Typed right up to the moment the window closed"
    _typing_a_new_entry(app, words)
    app.desktop.key(CLOSERS[closer])  # no pause: within the autosave's wait
    assert app.wait_exit(30) == 0

    again = launch(vault=app.vault)
    unlock(again)
    go_to(again, say.journal)
    again.wait_for_node("list item", contains=words, within="frame")
    again.desktop.key("ctrl+q")
    assert again.wait_exit(30) == 0
    assert _only_entry(app.vault) == [words]


def test_the_session_ending_while_typing_keeps_every_word(launch):
    """A logout or a shutdown sends SIGTERM: the words waiting for the autosave's pause are
    saved, as Quit saves them (the process ended on the spot and they were lost)."""
    app = launch()
    words = "Written as the computer was shutting down"
    _typing_a_new_entry(app, words)
    app.process.send_signal(signal.SIGTERM)  # type: ignore[union-attr]
    assert app.wait_exit(30) == 0
    assert _only_entry(app.vault) == [words]
