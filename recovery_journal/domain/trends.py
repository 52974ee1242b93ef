"""The numbers behind "better than yesterday": a person compared only with who they were before.

Days without a review are gaps (None), never zeros. "Better" follows each scale's direction:
for craving, lower is better. Weeks start on Monday (ISO); months are calendar months.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from math import fsum

from recovery_journal.domain.clean_time import add_months
from recovery_journal.domain.daily import NightlyReview, RatingDimension

ROLLING_WINDOW = 7
ROLLING_MIN_DAYS = 3  # fewer rated days in the window than this: no average drawn


class Verdict(Enum):
    BETTER = "better"
    SAME = "same"
    LOWER = "lower"  # worse by the scale's direction; never shown in alarm colours
    UNKNOWN = "unknown"  # one side has no rating


def judge(now: float | None, before: float | None, lower_is_better: bool) -> Verdict:
    if now is None or before is None:
        return Verdict.UNKNOWN
    if abs(now - before) < 0.05:
        return Verdict.SAME
    improved = now < before if lower_is_better else now > before
    return Verdict.BETTER if improved else Verdict.LOWER


def days_between(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def ratings_by_day(reviews: Iterable[NightlyReview], dimension_uid: str) -> dict[date, int]:
    found = {}
    for review in reviews:
        value = review.rating(dimension_uid)
        if value is not None:
            found[review.day] = value
    return found


def ratings_by_dimension(reviews: Iterable[NightlyReview]) -> dict[str, dict[date, int]]:
    """Every rating in one pass: scale uid -> day -> value."""
    found: dict[str, dict[date, int]] = {}
    for review in reviews:
        for rating in review.ratings:
            found.setdefault(rating.dimension_uid, {})[review.day] = rating.value
    return found


def series(values: Mapping[date, float], first: date, last: date) -> list[float | None]:
    """One value a day from ``first`` to ``last``; None where the day has none."""
    return [values.get(day) for day in days_between(first, last)]


def rolling_average(
    values: list[float | None], window: int = ROLLING_WINDOW, min_days: int = ROLLING_MIN_DAYS
) -> list[float | None]:
    """The mean of the rated days among the last ``window`` days, where there are enough."""
    averages: list[float | None] = []
    total, count = 0.0, 0  # of the rated days in the window, kept as it slides
    for index, value in enumerate(values):
        if value is not None:
            total, count = total + value, count + 1
        if index >= window and (leaving := values[index - window]) is not None:
            total, count = total - leaving, count - 1
        averages.append(total / count if count and count >= min(min_days, window) else None)
    return averages


def period_mean(values: Mapping[date, float], first: date, last: date) -> float | None:
    rated = [v for day, v in values.items() if first <= day <= last]
    return fsum(rated) / len(rated) if rated else None


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def month_start(day: date) -> date:
    return day.replace(day=1)


class Period(Enum):
    DAY = "day"  # today against yesterday
    WEEK = "week"  # this week so far against last week
    MONTH = "month"  # this month so far against last month
    YEAR = "year"  # the last 30 days against the same 30 days a year before


def period_bounds(period: Period, today: date) -> tuple[tuple[date, date], tuple[date, date]]:
    """(now first, now last), (before first, before last)."""
    if period is Period.DAY:
        yesterday = today - timedelta(days=1)
        return (today, today), (yesterday, yesterday)
    if period is Period.WEEK:
        start = week_start(today)
        return (start, today), (start - timedelta(days=7), start - timedelta(days=1))
    if period is Period.MONTH:
        start = month_start(today)
        before = add_months(start, -1)
        return (start, today), (before, start - timedelta(days=1))
    first = today - timedelta(days=29)
    return (first, today), (add_months(first, -12), add_months(today, -12))


@dataclass(frozen=True, slots=True)
class Comparison:
    dimension: RatingDimension
    now: float | None
    before: float | None
    verdict: Verdict

    @property
    def change(self) -> float | None:
        if self.now is None or self.before is None:
            return None
        return self.now - self.before


def compare(
    reviews: Iterable[NightlyReview],
    dimensions: Iterable[RatingDimension],
    period: Period,
    today: date,
) -> list[Comparison]:
    return compare_ratings(ratings_by_dimension(reviews), dimensions, period, today)


def compare_ratings(
    ratings: Mapping[str, Mapping[date, float]],
    dimensions: Iterable[RatingDimension],
    period: Period,
    today: date,
) -> list[Comparison]:
    """``compare`` on ratings already gathered by ``ratings_by_dimension``."""
    (now_first, now_last), (before_first, before_last) = period_bounds(period, today)
    found = []
    for dimension in dimensions:
        values = ratings.get(dimension.uid, {})
        now = period_mean(values, now_first, now_last)
        before = period_mean(values, before_first, before_last)
        found.append(
            Comparison(dimension, now, before, judge(now, before, dimension.lower_is_better))
        )
    return found


def has_history_for(period: Period, first_review: date | None, today: date) -> bool:
    """Whether the "before" side of a comparison can hold anything at all."""
    if first_review is None:
        return False
    (_now, _now_last), (before_first, before_last) = period_bounds(period, today)
    return first_review <= before_last


@dataclass(frozen=True, slots=True)
class WeekShare:
    week: date  # its Monday
    yes: int
    answered: int

    @property
    def share(self) -> float | None:
        return self.yes / self.answered if self.answered else None


def yes_by_week(
    reviews: Iterable[NightlyReview], question_uid: str, first: date, last: date
) -> list[WeekShare]:
    """Each week from ``first`` to ``last``: nights answered "yes", of the nights answered."""
    return weekly_yes(yes_no_by_question(reviews).get(question_uid, {}), first, last)


def yes_no_by_question(reviews: Iterable[NightlyReview]) -> dict[str, dict[date, bool]]:
    """Every yes/no answer in one pass: question uid -> day -> yes."""
    found: dict[str, dict[date, bool]] = {}
    for review in reviews:
        for answer in review.answers:
            if answer.yes is not None:
                found.setdefault(answer.question_uid, {})[review.day] = answer.yes
    return found


def weekly_yes(answers: Mapping[date, bool], first: date, last: date) -> list[WeekShare]:
    """``yes_by_week`` on one question's answers gathered by ``yes_no_by_question``."""
    counts: dict[date, list[int]] = {}
    for day, yes in answers.items():
        if first <= day <= last:
            tally = counts.setdefault(week_start(day), [0, 0])
            tally[0] += int(yes)
            tally[1] += 1
    weeks = []
    week = week_start(first)
    while week <= last:
        yes_count, answered = counts.get(week, (0, 0))
        weeks.append(WeekShare(week, yes_count, answered))
        week += timedelta(days=7)
    return weeks


def weekly_counts(days: Iterable[date], first: date, last: date) -> tuple[int, ...]:
    """How many of ``days`` fall in each week (Monday to Sunday) from ``first``'s week to
    ``last``'s; days outside ``first``..``last`` are not counted."""
    counts = [0] * ((week_start(last) - week_start(first)).days // 7 + 1)
    start = week_start(first)
    for day in days:
        if first <= day <= last:
            counts[(day - start).days // 7] += 1
    return tuple(counts)


def heat_map(reviewed: set[date], first: date, last: date) -> list[list[bool | None]]:
    """Rows of weeks (Monday first), seven cells each: reviewed or not; None outside the range."""
    rows: list[list[bool | None]] = []
    week = week_start(first)
    while week <= last:
        row: list[bool | None] = []
        for offset in range(7):
            day = week + timedelta(days=offset)
            row.append(day in reviewed if first <= day <= last else None)
        rows.append(row)
        week += timedelta(days=7)
    return rows
