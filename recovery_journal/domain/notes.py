"""A few words about each day, written on the Today page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class DailyNote:
    day: date
    text: str
    created_at: datetime
    updated_at: datetime

    @property
    def first_line(self) -> str:
        for line in self.text.splitlines():
            if line.strip():
                return line.strip()
        return ""
