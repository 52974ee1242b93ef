"""How the journal names an entry and a mood wherever it shows them (the lists, the mood box)."""

from __future__ import annotations

from recovery_journal.domain.journal import JournalEntry, Mood
from recovery_journal.i18n import _


def mood_label(mood: Mood | None) -> str:
    labels = {
        None: _("No mood"),
        Mood.GREAT: _("Great"),
        Mood.GOOD: _("Good"),
        Mood.OKAY: _("Okay"),
        Mood.LOW: _("Low"),
        Mood.HARD: _("Hard"),
    }
    return labels[mood]


def entry_heading(entry: JournalEntry) -> str:
    return entry.heading or _("A new entry, nothing written yet")
