"""A journal on a read-only disk (a mounted snapshot, a backup medium) opens for reading.

The person unlocks it as usual, reads what they wrote, is told in one line that nothing can be
saved there and why, sees a change marked "Not saved", and Quit still ends the program.
"""

from __future__ import annotations

import pytest

from tests.journeys.atspi import wait_for
from tests.journeys.labels import LABELS
from tests.journeys.person import closed_journal_with_today, unlock
from tests.places import read_only_view

WORDS = "Written at home, read later from the snapshot."


# What the window says, in each language: open for reading only, and a change not saved.
SAID = {
    "en": ("Open for reading only", "Not saved"),
    "ru": ("Открыто только для чтения", "Не сохранено"),
}


@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_journal_in_a_read_only_folder_opens_for_reading_and_quits(launch, tmp_path, language):
    folder = tmp_path / "journal"
    folder.mkdir()
    closed_journal_with_today(launch(vault=folder / "journal.rjvault"), WORDS)
    reading_only, not_saved = SAID[language]

    with read_only_view(folder, tmp_path / "snapshot") as view:
        again = launch(vault=view / "journal.rjvault", language=language)
        unlock(again)
        again.wait_for_node("label", contains=reading_only, within="frame")
        note = again.wait_for_node("text", LABELS[language].today_note, within="frame")
        wait_for(lambda: note.text == WORDS, 10, f"the words on screen (shows {note.text!r})")
        again.desktop.click(note)
        again.desktop.key("ctrl+End")
        again.desktop.type(" A change that cannot be kept.")
        again.wait_for_node("label", contains=not_saved, within="frame")
        again.desktop.key("ctrl+q")
        assert again.wait_exit(20) == 0
