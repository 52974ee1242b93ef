"""What the journal page shows, as the vault gave it: what one load brings, and the shown day
kept in step with the saves made since.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime

from recovery_journal.domain.journal import JournalEntry
from recovery_journal.domain.ports import Vault
from recovery_journal.services.journal import JournalDay, Timeline, load_day, load_timeline
from recovery_journal.services.review import review_day


@dataclass(frozen=True, slots=True)
class Loaded:
    today: date  # the journal day of now, by the person's day boundary
    view: JournalDay
    timeline: Timeline


def load(vault: Vault, now: datetime, wanted: date | None) -> Loaded:
    """The day asked for (None: today, by the day boundary), with the timeline. On the worker."""
    today = review_day(vault, now)
    return Loaded(today, load_day(vault, wanted or today), load_timeline(vault))


def with_saved(view: JournalDay | None, entry: JournalEntry) -> JournalDay | None:
    """The shown day with ``entry`` as it is being saved, before the reload arrives.

    Choosing an entry opens it from this list; with the old words there, going back to an
    entry just left (while the vault was busy) showed them, and typing saved them over the new.
    """
    if view is None or view.day != entry.day:
        return view
    if any(known.uid == entry.uid for known in view.entries):
        entries = tuple(entry if known.uid == entry.uid else known for known in view.entries)
    else:
        entries = (*view.entries, entry)
    return dataclasses.replace(view, entries=entries)
