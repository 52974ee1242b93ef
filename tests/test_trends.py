"""The numbers behind the "better than yesterday" charts (plain domain code, no Qt)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recovery_journal.domain.daily import NightlyReview, Rating, RatingDimension, ReviewAnswer
from recovery_journal.domain.trends import (
    Period,
    Verdict,
    compare,
    has_history_for,
    heat_map,
    judge,
    period_bounds,
    ratings_by_day,
    ratings_by_dimension,
    rolling_average,
    series,
    weekly_yes,
    yes_by_week,
    yes_no_by_question,
)
from recovery_journal.services.trends import DateTick, TickStyle, date_ticks

MOOD = RatingDimension("d.mood", builtin="mood")
CRAVING = RatingDimension("d.craving", lower_is_better=True, builtin="craving")
MOMENT = datetime(2026, 1, 1, tzinfo=UTC)


def review(day: date, mood: int | None = None, craving: int | None = None, **yes) -> NightlyReview:
    ratings = []
    if mood is not None:
        ratings.append(Rating("d.mood", mood))
    if craving is not None:
        ratings.append(Rating("d.craving", craving))
    answers = tuple(ReviewAnswer(uid, value) for uid, value in yes.items())
    return NightlyReview(day, answers, tuple(ratings), MOMENT)


@pytest.mark.parametrize(
    ("now", "before", "lower_is_better", "verdict"),
    [
        (7, 5, False, Verdict.BETTER),
        (5, 7, False, Verdict.LOWER),
        (2, 6, True, Verdict.BETTER),  # less craving is better
        (6, 2, True, Verdict.LOWER),
        (4, 4, True, Verdict.SAME),
        (None, 4, False, Verdict.UNKNOWN),
        (4, None, False, Verdict.UNKNOWN),
    ],
)
def test_better_follows_the_direction_of_the_scale(now, before, lower_is_better, verdict):
    assert judge(now, before, lower_is_better) is verdict


def test_today_against_yesterday_per_dimension():
    today = date(2026, 11, 23)
    reviews = [review(today - timedelta(days=1), 5, 6), review(today, 7, 3)]
    found = {c.dimension.uid: c for c in compare(reviews, [MOOD, CRAVING], Period.DAY, today)}
    assert (found["d.mood"].now, found["d.mood"].before, found["d.mood"].change) == (7, 5, 2)
    assert found["d.mood"].verdict is Verdict.BETTER
    assert found["d.craving"].change == -3 and found["d.craving"].verdict is Verdict.BETTER


def test_a_missing_yesterday_is_unknown_not_zero():
    today = date(2026, 11, 23)
    reviews = [review(today - timedelta(days=2), 1), review(today, 7)]
    (mood,) = compare(reviews, [MOOD], Period.DAY, today)
    assert mood.before is None and mood.verdict is Verdict.UNKNOWN


def test_week_and_month_boundaries():
    # Wednesday 2026-11-25: this week is Mon 23 - Wed 25, last week Mon 16 - Sun 22.
    assert period_bounds(Period.WEEK, date(2026, 11, 25)) == (
        (date(2026, 11, 23), date(2026, 11, 25)),
        (date(2026, 11, 16), date(2026, 11, 22)),
    )
    # On a Monday the week so far is that one day.
    assert period_bounds(Period.WEEK, date(2026, 11, 23))[0] == (date(2026, 11, 23),) * 2
    # March against February in a leap year.
    assert period_bounds(Period.MONTH, date(2028, 3, 10)) == (
        (date(2028, 3, 1), date(2028, 3, 10)),
        (date(2028, 2, 1), date(2028, 2, 29)),
    )
    # January against December of the year before.
    assert period_bounds(Period.MONTH, date(2027, 1, 5))[1] == (
        date(2026, 12, 1),
        date(2026, 12, 31),
    )
    assert period_bounds(Period.YEAR, date(2026, 11, 23)) == (
        (date(2026, 10, 25), date(2026, 11, 23)),
        (date(2025, 10, 25), date(2025, 11, 23)),
    )


def test_this_week_against_last_week_uses_the_mean_of_rated_days():
    today = date(2026, 11, 25)  # Wednesday
    reviews = [
        review(date(2026, 11, 17), 4),
        review(date(2026, 11, 20), 6),  # last week: mean 5
        review(date(2026, 11, 23), 6),
        review(date(2026, 11, 25), 8),  # this week: mean 7 (the 24th has no review)
    ]
    (mood,) = compare(reviews, [MOOD], Period.WEEK, today)
    assert (mood.now, mood.before, mood.verdict) == (7, 5, Verdict.BETTER)


def test_me_a_year_ago_needs_a_year_of_history():
    today = date(2026, 11, 23)
    assert not has_history_for(Period.YEAR, date(2026, 1, 1), today)
    assert has_history_for(Period.YEAR, date(2025, 10, 1), today)
    assert not has_history_for(Period.WEEK, None, today)


def test_gaps_stay_gaps_and_the_rolling_average_bridges_only_what_it_can():
    first = date(2026, 11, 1)
    values = ratings_by_day(
        [review(first, 2), review(first + timedelta(days=1), 4), review(first + timedelta(3), 6)],
        "d.mood",
    )
    daily = series(values, first, first + timedelta(days=4))
    assert daily == [2, 4, None, 6, None]
    assert rolling_average(daily, window=7, min_days=3) == [None, None, None, 4, 4]
    assert rolling_average(daily, window=2, min_days=1) == [2, 3, 4, 6, 6]
    # One very bad day moves a 7-day average by a seventh, not to the floor.
    steady = [7.0] * 6 + [0.0]
    assert rolling_average(steady)[-1] == pytest.approx(6.0)


def test_how_often_yes_week_by_week():
    monday = date(2026, 11, 16)
    reviews = [
        review(monday, resentful=True),
        review(monday + timedelta(days=1), resentful=False),
        review(monday + timedelta(days=2)),  # not answered: not counted
        review(monday + timedelta(days=7), resentful=True),
    ]
    weeks = yes_by_week(reviews, "resentful", monday, monday + timedelta(days=20))
    assert [(w.week, w.yes, w.answered) for w in weeks] == [
        (date(2026, 11, 16), 1, 2),
        (date(2026, 11, 23), 1, 1),
        (date(2026, 11, 30), 0, 0),
    ]
    assert [w.share for w in weeks] == [0.5, 1.0, None]  # a week without answers is a gap


def test_heat_map_rows_are_weeks_from_monday():
    first, last = date(2026, 11, 18), date(2026, 11, 24)  # Wednesday to Tuesday
    rows = heat_map({date(2026, 11, 18), date(2026, 11, 23)}, first, last)
    assert rows == [
        [None, None, True, False, False, False, False],
        [True, False, None, None, None, None, None],
    ]
    assert heat_map(set(), first, first) == [[None, None, False, None, None, None, None]]


@given(
    st.lists(st.one_of(st.none(), st.integers(0, 10)), max_size=60),
    st.integers(1, 10),
    st.integers(1, 10),
)
def test_the_sliding_rolling_average_is_the_plain_mean_of_each_window(values, window, min_days):
    expected = []
    for index in range(len(values)):
        rated = [v for v in values[max(0, index - window + 1) : index + 1] if v is not None]
        enough = rated and len(rated) >= min(min_days, window)
        expected.append(sum(rated) / len(rated) if enough else None)
    found = rolling_average(values, window=window, min_days=min_days)
    assert found == pytest.approx(expected)
    assert [v is None for v in found] == [v is None for v in expected]


def test_gathered_ratings_and_answers_match_the_one_scale_helpers():
    first = date(2026, 11, 2)
    reviews = [
        review(first, 5, 3, resentful=True),
        review(first + timedelta(days=1), None, 4, resentful=False),
        review(first + timedelta(days=8), 7, None, resentful=True),
    ]
    by_scale = ratings_by_dimension(reviews)
    assert by_scale["d.mood"] == ratings_by_day(reviews, "d.mood")
    assert by_scale["d.craving"] == ratings_by_day(reviews, "d.craving")
    by_question = yes_no_by_question(reviews)
    assert weekly_yes(by_question["resentful"], first, first + timedelta(days=13)) == (
        yes_by_week(reviews, "resentful", first, first + timedelta(days=13))
    )
    # Only the days asked for count: the first week, then its Monday alone.
    week = first + timedelta(days=6)
    assert [(w.yes, w.answered) for w in yes_by_week(reviews, "resentful", first, week)] == [(1, 2)]
    assert [(w.yes, w.answered) for w in yes_by_week(reviews, "resentful", first, first)] == [
        (1, 1)
    ]


@pytest.mark.parametrize(
    ("first", "last", "style", "labels"),
    [
        # A month: Mondays.
        (date(2026, 10, 25), date(2026, 11, 23), TickStyle.DAY_MONTH, 5),
        # 90 days: month starts.
        (date(2026, 8, 26), date(2026, 11, 23), TickStyle.MONTH, 3),
        # A year: quarters.
        (date(2025, 11, 24), date(2026, 11, 23), TickStyle.MONTH_YEAR, 4),
        # Ten years: new years.
        (date(2016, 11, 26), date(2026, 11, 23), TickStyle.YEAR, 10),
        # Forty years: every fourth new year, still a handful.
        (date(1986, 11, 26), date(2026, 11, 23), TickStyle.YEAR, 10),
    ],
)
def test_date_labels_sit_at_round_places_and_never_crowd(first, last, style, labels):
    ticks = date_ticks(first, last)
    assert len(ticks) == labels
    assert {t.style for t in ticks} == {style}
    for tick in ticks:
        assert first <= tick.day <= last
        assert tick.offset == (tick.day - first).days
        if style is TickStyle.DAY_MONTH:
            assert tick.day.weekday() == 0
        else:
            assert tick.day.day == 1
    assert [t.day for t in ticks] == sorted(t.day for t in ticks)


def test_one_day_has_no_label_unless_it_is_round_and_a_reversed_range_has_none():
    assert date_ticks(date(2026, 11, 23), date(2026, 11, 23)) == [
        DateTick(0, date(2026, 11, 23), TickStyle.DAY_MONTH)
    ]  # a Monday
    assert date_ticks(date(2026, 11, 24), date(2026, 11, 24)) == []
    assert date_ticks(date(2026, 11, 24), date(2026, 11, 1)) == []


def test_a_missing_side_is_named_plainly_in_the_sentence():
    from recovery_journal.domain.trends import Comparison
    from recovery_journal.services.trends import sentence

    unrated_today = Comparison(MOOD, None, 6, Verdict.UNKNOWN)
    unrated_before = Comparison(MOOD, 6, None, Verdict.UNKNOWN)
    assert sentence(unrated_today, "Mood", Period.DAY) == "Mood: not rated today yet."
    assert sentence(unrated_before, "Mood", Period.DAY) == (
        "Mood: no rating yesterday to compare with."
    )
    assert sentence(unrated_before, "Mood", Period.WEEK) == (
        "Mood: no ratings last week to compare with."
    )
    harder = Comparison(CRAVING, 6, 3, Verdict.LOWER)
    assert "One day is not a trend" in sentence(harder, "Craving", Period.DAY)


def test_averages_are_written_with_the_languages_decimal_mark():
    from recovery_journal.domain.trends import Comparison
    from recovery_journal.i18n import current_language, set_language
    from recovery_journal.services.trends import sentence

    better = Comparison(MOOD, 5.4, 4.25, Verdict.BETTER)
    before = current_language()
    try:
        set_language("ru")
        assert "(в среднем 4,2 → 5,4)" in sentence(better, "Настроение", Period.WEEK)
        set_language("en")
        assert "(4.2 → 5.4 on average)" in sentence(better, "Mood", Period.WEEK)
    finally:
        set_language(before)
