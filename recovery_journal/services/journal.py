"""The free journal: entries by day, "on this day" in earlier years, delete with undo."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from recovery_journal.domain.journal import JournalEntry
from recovery_journal.domain.notes import DailyNote
from recovery_journal.domain.ports import Vault
from recovery_journal.services.changes import JOURNAL_CHANGED, Changed


def new_entry(day: date, now: datetime) -> JournalEntry:
    """A new, unsaved entry; it is stored once something is written in it."""
    return JournalEntry(uid=uuid.uuid4().hex, day=day, created_at=now, updated_at=now)


@dataclass(frozen=True, slots=True)
class JournalDay:
    """What the journal page shows for one day."""

    day: date
    entries: tuple[JournalEntry, ...]
    on_this_day: tuple[JournalEntry, ...]  # the same date in earlier years, newest first
    note: DailyNote | None  # the few words written that day on the Today page


@dataclass(frozen=True, slots=True)
class Timeline:
    """Every day with entries (newest first, with how many) and the tags in use."""

    days: tuple[tuple[date, int], ...]
    tags: tuple[tuple[str, int], ...]


def load_day(vault: Vault, day: date) -> JournalDay:
    return JournalDay(
        day,
        tuple(vault.journal.on_day(day)),
        tuple(vault.journal.on_this_day(day)),
        vault.notes.get(day),
    )


def load_timeline(vault: Vault) -> Timeline:
    days = sorted(vault.journal.days().items(), reverse=True)
    return Timeline(tuple(days), tuple(vault.journal.tags().items()))


def save_entry(vault: Vault, entry: JournalEntry) -> Changed[JournalEntry]:
    with vault.transaction():
        vault.journal.save(entry)
    return Changed(entry, JOURNAL_CHANGED)


def delete_entry(vault: Vault, uid: str) -> Changed[JournalEntry | None]:
    """Delete an entry and return it whole, so that Undo can put it back as it was."""
    with vault.transaction():
        entry = vault.journal.get(uid)
        if entry is not None:
            vault.journal.delete(uid)
    return Changed(entry, JOURNAL_CHANGED)


def restore_entry(vault: Vault, entry: JournalEntry) -> Changed[JournalEntry]:
    """Undo of a delete: the same uid, dates, words and tags."""
    return save_entry(vault, entry)
