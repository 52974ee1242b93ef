"""Counting clean time right: calendar days in local time, across DST, leap days and time zones."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from recovery_journal.domain.clean_time import (
    MilestoneKind,
    Slip,
    Span,
    add_months,
    current_clean_date,
    days_clean,
    longest_run_days,
    milestone_reached,
    next_milestone,
    span,
)
from recovery_journal.domain.day import journal_day

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
MOSCOW = ZoneInfo("Europe/Moscow")
TOKYO = ZoneInfo("Asia/Tokyo")


def test_the_clean_date_itself_is_day_zero_and_the_next_day_is_one():
    assert days_clean(date(2026, 3, 1), date(2026, 3, 1)) == 0
    assert days_clean(date(2026, 3, 1), date(2026, 3, 2)) == 1
    assert days_clean(date(2026, 3, 1), date(2026, 2, 28)) == 0  # a future date counts nothing


@pytest.mark.parametrize(
    ("since", "today", "expected"),
    [
        (date(2026, 1, 31), date(2026, 2, 28), Span(0, 1, 0)),  # no 31 February: month's end
        (date(2026, 1, 31), date(2026, 3, 1), Span(0, 1, 1)),
        (date(2024, 2, 29), date(2025, 2, 28), Span(1, 0, 0)),  # a leap-day date, common year
        (date(2024, 2, 29), date(2028, 2, 29), Span(4, 0, 0)),
        (date(2023, 11, 23), date(2026, 11, 22), Span(2, 11, 30)),
        (date(2023, 11, 23), date(2026, 11, 23), Span(3, 0, 0)),
        (date(2026, 3, 15), date(2026, 4, 14), Span(0, 0, 30)),
    ],
)
def test_years_months_days(since, today, expected):
    assert span(since, today) == expected


def test_a_day_across_a_leap_day_is_still_one_day():
    assert days_clean(date(2028, 2, 28), date(2028, 3, 1)) == 2
    assert days_clean(date(2027, 2, 28), date(2027, 3, 1)) == 1


@pytest.mark.parametrize(
    ("zone", "night"),
    [(BERLIN, date(2026, 3, 29)), (BERLIN, date(2026, 10, 25)), (NEW_YORK, date(2026, 3, 8))],
)
def test_the_day_boundary_holds_on_the_nights_the_clocks_change(zone, night):
    evening = night - timedelta(days=1)
    # 01:30 and 03:59 local time on the night of the change still belong to the evening before,
    # 04:00 is the new day, whatever the clock did in between.
    for hour, minute, expected in ((1, 30, evening), (3, 59, evening), (4, 0, night)):
        local = datetime.combine(night, time(hour, minute), zone)
        assert journal_day(local.astimezone(UTC), zone) == expected


def test_the_boundary_can_be_moved():
    moment = datetime(2026, 6, 2, 2, 30, tzinfo=BERLIN)
    assert journal_day(moment, BERLIN, boundary=time(0, 0)) == date(2026, 6, 2)
    assert journal_day(moment, BERLIN, boundary=time(3, 0)) == date(2026, 6, 1)


def test_a_time_zone_move_counts_the_local_date_where_the_person_is():
    # The same instant is the 5th in Tokyo and still the 4th in New York: the count follows the
    # date on the person's own clock, so it is right on the day they land.
    instant = datetime(2026, 6, 4, 20, 0, tzinfo=UTC)
    since = date(2026, 6, 1)
    assert days_clean(since, journal_day(instant, TOKYO, time(0, 0))) == 4
    assert days_clean(since, journal_day(instant, NEW_YORK, time(0, 0))) == 3


def test_days_do_not_drift_across_a_dst_change():
    since = date(2026, 3, 28)  # the day before Berlin's spring change
    for offset in range(0, 10):
        today = since + timedelta(days=offset)
        assert days_clean(since, today) == offset


@pytest.mark.parametrize(
    ("today", "kind", "count"),
    [
        (date(2026, 1, 1), MilestoneKind.DAYS, 1),
        (date(2026, 1, 2), MilestoneKind.DAYS, 30),
        (date(2026, 3, 2), MilestoneKind.DAYS, 90),
        (date(2026, 4, 1), MilestoneKind.MONTHS, 6),
        (date(2026, 7, 1), MilestoneKind.MONTHS, 9),
        (date(2026, 10, 1), MilestoneKind.YEARS, 1),
        (date(2027, 1, 1), MilestoneKind.MONTHS, 18),
        (date(2027, 7, 1), MilestoneKind.YEARS, 2),
        (date(2035, 1, 1), MilestoneKind.YEARS, 10),
    ],
)
def test_next_milestone(today, kind, count):
    milestone = next_milestone(date(2026, 1, 1) - timedelta(days=0), today)
    assert (milestone.kind, milestone.count) == (kind, count)


def test_milestone_reached_today():
    since = date(2026, 1, 1)
    assert milestone_reached(since, date(2026, 1, 2)).count == 1  # 24 hours
    assert milestone_reached(since, date(2026, 1, 31)).count == 30
    assert milestone_reached(since, date(2027, 1, 1)).kind is MilestoneKind.YEARS
    assert milestone_reached(since, date(2026, 1, 3)) is None
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)


def test_a_slip_starts_again_the_next_day_and_keeps_the_longest_run():
    first = date(2025, 1, 1)
    slips = [Slip("s1", "c1", date(2025, 4, 10), "A wedding", "Leave early, bring my own drinks")]
    assert current_clean_date(first, slips) == date(2025, 4, 11)
    today = date(2025, 5, 1)
    assert days_clean(current_clean_date(first, slips), today) == 20
    assert longest_run_days(first, slips, today) == (date(2025, 4, 10) - first).days
    assert longest_run_days(first, [], today) == (today - first).days


def test_a_naive_moment_is_refused():
    with pytest.raises(ValueError):
        journal_day(datetime(2026, 1, 1, 12, 0), MOSCOW)
