"""Preferences about the person. They live inside the vault, never in QSettings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from recovery_journal.domain.day import DEFAULT_DAY_BOUNDARY
from recovery_journal.domain.steps import Programme

# The keys the app knows; unknown keys in an import are refused rather than carried blindly.
DISPLAY_NAME = "display_name"
PROGRAMME = "programme"
ADDICTION_NAME = "addiction_name"
DAY_BOUNDARY = "day_boundary"
REMINDER_ON = "reminder_on"
REMINDER_TIME = "reminder_time"
KEEP_IN_TRAY = "keep_in_tray"
NINETY_START = "ninety_start"
KNOWN_SETTINGS = frozenset(
    {
        DISPLAY_NAME,
        PROGRAMME,
        ADDICTION_NAME,
        DAY_BOUNDARY,
        REMINDER_ON,
        REMINDER_TIME,
        KEEP_IN_TRAY,
        NINETY_START,
    }
)
MAX_DISPLAY_NAME = 80
MAX_ADDICTION_NAME = 80
DEFAULT_REMINDER_TIME = time(21, 30)


def _time(text: str | None, default: time) -> time:
    try:
        return time.fromisoformat(text) if text else default
    except ValueError:
        return default


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _hhmm(value: time) -> str:
    return value.strftime("%H:%M")


@dataclass(frozen=True, slots=True)
class JournalSettings:
    display_name: str = ""
    programme: Programme = Programme.ALCOHOL
    addiction_name: str = ""  # what the person names, for the generic programme
    day_boundary: time = DEFAULT_DAY_BOUNDARY  # before it, the night still belongs to yesterday
    reminder_on: bool = False
    reminder_time: time = DEFAULT_REMINDER_TIME
    keep_in_tray: bool = False
    ninety_start: date | None = None  # the first day of a 90-meetings-in-90-days run

    @classmethod
    def from_mapping(cls, values: dict[str, str]) -> JournalSettings:
        try:
            programme = Programme(values.get(PROGRAMME, Programme.ALCOHOL.value))
        except ValueError:
            programme = Programme.ALCOHOL
        return cls(
            display_name=values.get(DISPLAY_NAME, ""),
            programme=programme,
            addiction_name=values.get(ADDICTION_NAME, ""),
            day_boundary=_time(values.get(DAY_BOUNDARY), DEFAULT_DAY_BOUNDARY),
            reminder_on=values.get(REMINDER_ON) == "1",
            reminder_time=_time(values.get(REMINDER_TIME), DEFAULT_REMINDER_TIME),
            keep_in_tray=values.get(KEEP_IN_TRAY) == "1",
            ninety_start=_day(values.get(NINETY_START)),
        )

    def to_mapping(self) -> dict[str, str]:
        """Only what differs from the defaults, so an untouched vault exports no settings."""
        values = {}
        if self.display_name:
            values[DISPLAY_NAME] = self.display_name
        if self.programme is not Programme.ALCOHOL:
            values[PROGRAMME] = self.programme.value
        if self.addiction_name:
            values[ADDICTION_NAME] = self.addiction_name
        if self.day_boundary != DEFAULT_DAY_BOUNDARY:
            values[DAY_BOUNDARY] = _hhmm(self.day_boundary)
        if self.reminder_on:
            values[REMINDER_ON] = "1"
        if self.reminder_time != DEFAULT_REMINDER_TIME:
            values[REMINDER_TIME] = _hhmm(self.reminder_time)
        if self.keep_in_tray:
            values[KEEP_IN_TRAY] = "1"
        if self.ninety_start is not None:
            values[NINETY_START] = self.ninety_start.isoformat()
        return values
