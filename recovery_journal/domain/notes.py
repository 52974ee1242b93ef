"""A few words about each day, written on the Today page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from recovery_journal.domain.journal import first_line


@dataclass(frozen=True, slots=True)
class DailyNote:
    day: date
    text: str
    created_at: datetime
    updated_at: datetime

    @property
    def first_line(self) -> str:
        return first_line(self.text)
