"""Clean time, counted in calendar days of the person's local time.

Everything here works on calendar dates, never on elapsed seconds: a clean date of 1 March and a
today of 2 March is one day, whether a daylight-saving change, a leap day or a flight across
time zones happened in between. "Today" is the person's day where they are now
(``domain.day.journal_day``).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum


def add_months(day: date, months: int) -> date:
    """The same day of the month ``months`` later; the month's last day when it has no such day.

    So a 31 January date reaches one month on 28 (or 29) February, and a 29 February date
    reaches its yearly anniversaries on 28 February in common years.
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True, slots=True)
class Span:
    years: int
    months: int
    days: int


def days_clean(since: date, today: date) -> int:
    """Whole calendar days from the clean date to today (0 on the clean date itself)."""
    return max(0, (today - since).days)


def span(since: date, today: date) -> Span:
    """Years, months and days from ``since`` to ``today``, counted the way people say them."""
    if today <= since:
        return Span(0, 0, 0)
    months = (today.year - since.year) * 12 + today.month - since.month
    if add_months(since, months) > today:
        months -= 1
    anchor = add_months(since, months)
    return Span(months // 12, months % 12, (today - anchor).days)


class MilestoneKind(Enum):
    DAYS = "days"
    MONTHS = "months"
    YEARS = "years"


@dataclass(frozen=True, slots=True)
class Milestone:
    kind: MilestoneKind
    count: int  # 1 day is the first 24 hours
    on: date


def milestone_dates(since: date, up_to_years: int = 100) -> list[Milestone]:
    """24 hours, 30, 60 and 90 days, 6 and 9 months, 1 year, 18 months, then every year."""
    found = [Milestone(MilestoneKind.DAYS, n, since + timedelta(days=n)) for n in (1, 30, 60, 90)]
    found += [Milestone(MilestoneKind.MONTHS, n, add_months(since, n)) for n in (6, 9)]
    found.append(Milestone(MilestoneKind.YEARS, 1, add_months(since, 12)))
    found.append(Milestone(MilestoneKind.MONTHS, 18, add_months(since, 18)))
    found += [
        Milestone(MilestoneKind.YEARS, n, add_months(since, 12 * n))
        for n in range(2, up_to_years + 1)
    ]
    return found


def next_milestone(since: date, today: date) -> Milestone:
    return next(m for m in milestone_dates(since) if m.on > today)


def milestone_reached(since: date, today: date) -> Milestone | None:
    """The milestone that falls exactly on ``today``, if any (for the calm note of the day)."""
    return next((m for m in milestone_dates(since) if m.on == today), None)


@dataclass(frozen=True, slots=True)
class CleanDate:
    """Something the person stays away from, and the first day of their clean time from it.

    ``since`` never moves: a slip is recorded beside it, so every run stays in the history.
    """

    uid: str
    name: str
    since: date
    position: int = 0


@dataclass(frozen=True, slots=True)
class Slip:
    uid: str
    clean_uid: str  # the CleanDate this slip belongs to
    on: date  # the day of the slip; the count starts again the day after
    what_happened: str = ""
    learned: str = ""


def runs(first_clean_date: date, slips: list[Slip], today: date) -> list[tuple[date, date]]:
    """Every run of clean time as (start, end): ended by a slip, the last one still going."""
    periods = []
    start = first_clean_date
    for slip in sorted(slips, key=lambda s: s.on):
        if slip.on < start:
            continue
        periods.append((start, slip.on))
        start = slip.on + timedelta(days=1)
    periods.append((start, max(start, today)))
    return periods


def longest_run_days(first_clean_date: date, slips: list[Slip], today: date) -> int:
    return max(days_clean(start, end) for start, end in runs(first_clean_date, slips, today))


def current_clean_date(first_clean_date: date, slips: list[Slip]) -> date:
    """A slip starts the count again the next day; the history of earlier runs is kept."""
    latest = max((s.on for s in slips if s.on >= first_clean_date), default=None)
    return latest + timedelta(days=1) if latest is not None else first_clean_date


# --- a date worth a second look ------------------------------------------------------------------

LONG_AGO_YEARS = 60  # further back than this, a clean date is more likely a typing slip


class DateDoubt(Enum):
    FUTURE = "future"
    LONG_AGO = "long_ago"


def doubt_about(day: date, today: date) -> DateDoubt | None:
    """Whether a clean date (or a slip's day) looks mistyped: after today, or very long ago.

    Such a date is not refused (a person may count from an old date, or plan one), only worth a
    question before it is kept; today and the days before it, back to 60 years, are never asked
    about.
    """
    if day > today:
        return DateDoubt.FUTURE
    if day < add_months(today, -12 * LONG_AGO_YEARS):
        return DateDoubt.LONG_AGO
    return None
