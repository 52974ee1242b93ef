"""The person's day: which day "today" is, which part of it, a typed short year, a doubtful date."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from recovery_journal.domain.clean_time import DateDoubt, doubt_about
from recovery_journal.domain.day import (
    PartOfDay,
    journal_day,
    part_of_day,
    year_from_two_digits,
)

MOSCOW = ZoneInfo("Europe/Moscow")
SUNDAY = date(2026, 12, 6)
SATURDAY = date(2026, 12, 5)

# One night and day on the wall clock, with the default boundary (04:00): the day, and the part.
THE_DAY = [
    (time(0, 30), SATURDAY, PartOfDay.EVENING),
    (time(3, 59), SATURDAY, PartOfDay.EVENING),
    (time(4, 0), SUNDAY, PartOfDay.MORNING),
    (time(4, 55), SUNDAY, PartOfDay.MORNING),
    (time(5, 1), SUNDAY, PartOfDay.MORNING),
    (time(11, 59), SUNDAY, PartOfDay.MORNING),
    (time(12, 0), SUNDAY, PartOfDay.AFTERNOON),
    (time(17, 59), SUNDAY, PartOfDay.AFTERNOON),
    (time(18, 0), SUNDAY, PartOfDay.EVENING),
    (time(23, 59), SUNDAY, PartOfDay.EVENING),
]


@pytest.mark.parametrize(("clock", "day", "part"), THE_DAY)
def test_the_day_and_its_part_turn_together_at_the_boundary(clock, day, part):
    now = datetime.combine(SUNDAY, clock, MOSCOW)
    assert journal_day(now, MOSCOW) == day
    assert part_of_day(clock) is part


def test_good_morning_is_never_said_in_a_night_that_is_still_yesterday():
    # The old greeting said "good evening" at 04:55 and "good morning" at 05:01, while the day
    # had turned at 04:00; and "good morning" at 01:00 to someone writing tonight's review.
    for minute in range(0, 4 * 60):
        clock = time(minute // 60, minute % 60)
        assert part_of_day(clock) is PartOfDay.EVENING, clock
    for minute in range(4 * 60, 12 * 60):
        assert part_of_day(time(minute // 60, minute % 60)) is PartOfDay.MORNING


def test_a_moved_boundary_moves_the_morning_with_the_day():
    late = time(6, 0)
    assert part_of_day(time(5, 30), late) is PartOfDay.EVENING
    assert journal_day(datetime.combine(SUNDAY, time(5, 30), MOSCOW), MOSCOW, late) == SATURDAY
    assert part_of_day(time(6, 0), late) is PartOfDay.MORNING
    midnight = time(0, 0)
    assert part_of_day(time(0, 30), midnight) is PartOfDay.MORNING
    assert journal_day(datetime.combine(SUNDAY, time(0, 30), MOSCOW), MOSCOW, midnight) == SUNDAY


@pytest.mark.parametrize(
    ("digits", "year"),
    [(26, 2026), (0, 2000), (25, 2025), (36, 2036), (37, 1937), (82, 1982), (99, 1999)],
)
def test_a_two_digit_year_is_this_century_unless_more_than_ten_years_ahead(digits, year):
    assert year_from_two_digits(digits, 2026) == year


def test_a_two_digit_year_near_the_turn_of_a_century():
    assert year_from_two_digits(5, 2098) == 2105
    assert year_from_two_digits(98, 2103) == 2098


def test_only_two_digits_make_a_short_year():
    with pytest.raises(ValueError):
        year_from_two_digits(100, 2026)


def test_a_clean_date_today_or_before_is_not_doubted():
    assert doubt_about(SUNDAY, SUNDAY) is None
    assert doubt_about(SATURDAY, SUNDAY) is None
    assert doubt_about(date(1966, 12, 6), SUNDAY) is None  # sixty years exactly


def test_a_clean_date_in_the_future_is_doubted():
    assert doubt_about(date(2026, 12, 7), SUNDAY) is DateDoubt.FUTURE
    assert (
        doubt_about(date(2082, 11, 6), SUNDAY) is DateDoubt.FUTURE
    )  # "11/8/26" in a M/d/yy editor


def test_a_clean_date_more_than_sixty_years_back_is_doubted():
    assert doubt_about(date(1966, 12, 5), SUNDAY) is DateDoubt.LONG_AGO
    assert doubt_about(date(1926, 11, 8), SUNDAY) is DateDoubt.LONG_AGO
