"""The Today page's use cases: the note about today and a glance at recent days."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from recovery_journal.domain.clock import utc_now
from recovery_journal.domain.notes import DailyNote
from recovery_journal.domain.ports import Vault
from recovery_journal.domain.settings import JournalSettings
from recovery_journal.domain.step_tools import Defect
from recovery_journal.services.changes import NOTES_CHANGED, Changed, Changes
from recovery_journal.services.clean_time import CleanTime, load_clean_times
from recovery_journal.services.review import Streaks, streaks
from recovery_journal.services.settings import load_settings
from recovery_journal.services.step_tools import focus_of_the_day

RECENT_DAYS = 7


@dataclass(frozen=True, slots=True)
class TodayView:
    day: date
    note: DailyNote | None
    recent: Sequence[DailyNote]
    settings: JournalSettings
    days_written: int
    focus: Defect | None = None  # the defect picked on steps 6-7 as today's focus
    clean_times: Sequence[CleanTime] = ()
    streaks: Streaks | None = None


def load_today(vault: Vault, day: date) -> TodayView:
    """The Today page of ``day``, the person's today (whose review is tonight's)."""
    return TodayView(
        day=day,
        note=vault.notes.get(day),
        recent=vault.notes.recent(RECENT_DAYS, before=day),
        settings=load_settings(vault),
        days_written=vault.notes.count(),
        focus=focus_of_the_day(vault, day),
        clean_times=load_clean_times(vault, day),
        streaks=streaks(vault, day),
    )


def save_daily_note(
    vault: Vault, day: date, text: str, now: datetime | None = None
) -> Changed[DailyNote | None]:
    """Save the note for ``day``; an emptied note is removed rather than kept blank."""
    moment = now or utc_now()
    with vault.transaction():
        existing = vault.notes.get(day)
        if not text.strip():
            if existing is not None:
                vault.notes.delete(day)
            return Changed(None, NOTES_CHANGED)
        if existing is None:
            note = DailyNote(day, text, moment, moment)
        elif existing.text == text:
            return Changed(existing, Changes())
        else:
            note = replace(existing, text=text, updated_at=moment)
        vault.notes.save(note)
    return Changed(note, NOTES_CHANGED)
