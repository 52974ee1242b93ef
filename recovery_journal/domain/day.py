"""Which day it is for the person, which part of it, and how a typed two-digit year is read.

The person's day does not end at midnight: until the day boundary (04:00 by default, a setting)
the night still belongs to the day before, so a review written at 01:30 is tonight's, the Today
page still shows the evening's note, and the greeting still says good evening. Everything that
means "the person's today" asks ``journal_day``; only the clock it is given differs.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo
from enum import Enum

DEFAULT_DAY_BOUNDARY = time(4, 0)
NOON = time(12, 0)
EVENING = time(18, 0)
YEARS_AHEAD = 10  # a two-digit year means at most this many years after this one

# The days the app keeps, the same for every date editor and for an import. Clean dates can be
# decades old (sober since the 1960s), and some are kept a little ahead (a date chosen before
# it comes), as are amends planned for later; nothing anyone writes here falls before 1900 or
# after 2099, while year 1, 2100 or 9999 is a slip of the keyboard or a damaged file. One span
# both ways, so whatever the app lets a person enter (and export) always imports again.
EARLIEST_DAY = date(1900, 1, 1)
LATEST_DAY = date(2099, 12, 31)


def within_the_years_kept(day: date) -> bool:
    return EARLIEST_DAY <= day <= LATEST_DAY


def journal_day(
    moment: datetime, zone: tzinfo | None = None, boundary: time = DEFAULT_DAY_BOUNDARY
) -> date:
    """The day a moment belongs to: before the boundary (04:00 by default) it is still yesterday.

    The boundary is read on the local wall clock, so a review written at 01:30 on the night the
    clocks change still belongs to the evening before.
    """
    if moment.tzinfo is None:
        raise ValueError("the moment must carry a time zone")
    local = moment.astimezone(zone) if zone is not None else moment.astimezone()
    if local.time() < boundary:
        return local.date() - timedelta(days=1)
    return local.date()


class PartOfDay(Enum):
    MORNING = "morning"
    AFTERNOON = "afternoon"
    EVENING = "evening"


def part_of_day(clock: time, boundary: time = DEFAULT_DAY_BOUNDARY) -> PartOfDay:
    """Morning from the day boundary to noon, afternoon to 18:00, then evening until the boundary.

    The night before the boundary is still the evening of the day it belongs to (the same rule as
    ``journal_day``), so the greeting never says good morning to someone writing tonight's review
    at 01:00, and it turns when the day turns, not an hour later.
    """
    if clock < boundary:
        return PartOfDay.EVENING
    if clock < NOON:
        return PartOfDay.MORNING
    if clock < EVENING:
        return PartOfDay.AFTERNOON
    return PartOfDay.EVENING


def year_from_two_digits(digits: int, this_year: int) -> int:
    """The year a person means by "26": the one ending in those digits among the hundred years
    that end ten years after this one.

    So in 2026 "26" is 2026, "36" is 2036 and "82" is 1982 (a short-year editor made it 2082).
    """
    if not 0 <= digits <= 99:
        raise ValueError(f"two digits, not {digits}")
    year = this_year // 100 * 100 + digits
    if year > this_year + YEARS_AHEAD:
        year -= 100
    elif year <= this_year + YEARS_AHEAD - 100:
        year += 100
    return year
