"""What the "Better than yesterday" page shows, loaded off the UI thread, with its sentences."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum

from recovery_journal.domain.clean_time import milestone_dates, runs
from recovery_journal.domain.daily import AnswerKind, NightlyReview, RatingDimension, ReviewQuestion
from recovery_journal.domain.ports import Vault
from recovery_journal.domain.trends import (
    Comparison,
    Period,
    Verdict,
    WeekShare,
    compare_ratings,
    has_history_for,
    heat_map,
    ratings_by_dimension,
    rolling_average,
    series,
    weekly_yes,
    yes_no_by_question,
)
from recovery_journal.i18n import _, decimal
from recovery_journal.services.clean_time import load_clean_times
from recovery_journal.services.programme_words import ProgrammeWords, programme_words
from recovery_journal.services.review import dimension_name, question_text, review_day
from recovery_journal.services.settings import load_settings


class ChartRange(Enum):
    DAYS_30 = 30
    DAYS_90 = 90
    YEAR = 365
    EVERYTHING = 0


@dataclass(frozen=True, slots=True)
class CleanRun:
    name: str
    periods: tuple[tuple[date, date], ...]
    milestones: tuple[date, ...]  # milestones of the current run reached so far


@dataclass(frozen=True, slots=True)
class ChartsView:
    today: date
    first: date
    last: date
    first_review: date | None
    dimensions: tuple[RatingDimension, ...]
    names: dict[str, str]  # dimension or question uid -> name in the current language
    comparisons: dict[Period, list[Comparison]]
    history: dict[Period, bool]  # whether the "before" side of each comparison can hold data
    daily: dict[str, list[float | None]]
    rolling: dict[str, list[float | None]]
    questions: tuple[ReviewQuestion, ...]
    yes_weeks: dict[str, list[WeekShare]]
    heat: list[list[bool | None]]
    clean_runs: tuple[CleanRun, ...]
    words: ProgrammeWords  # the programme's, for the runs chart

    @property
    def empty(self) -> bool:
        return self.first_review is None

    @property
    def rated_nights(self) -> int:
        """The nights drawn that have at least one rating."""
        return sum(
            any(values[day] is not None for values in self.daily.values())
            for day in range((self.last - self.first).days + 1)
        )


def load_charts(
    vault: Vault,
    chart_range: ChartRange,
    now: datetime | None = None,
    *,
    span: tuple[date, date] | None = None,
) -> ChartsView:
    """The charts of ``chart_range`` up to today, or of the days of ``span`` (a report's)."""
    today = review_day(vault, now) if span is None else span[1]
    days = sorted(day for day in vault.reviews.days() if day <= today)
    first_review = days[0] if days else None
    if span is not None:
        first = max(span[0], first_review or span[0])
    elif chart_range is ChartRange.EVERYTHING:
        first = first_review or today
    else:
        first = today - timedelta(days=chart_range.value - 1)
    # Comparisons reach back a year and a month whatever range is drawn.
    reach = min(first, today - timedelta(days=400))
    reviews: list[NightlyReview] = list(vault.reviews.between(reach, today))
    shown = [r for r in reviews if r.day >= first]
    dimensions = tuple(d for d in vault.records.all(RatingDimension) if not d.hidden)
    questions = tuple(
        q for q in vault.records.all(ReviewQuestion) if not q.hidden and q.kind is AnswerKind.YES_NO
    )
    names = {d.uid: dimension_name(d) for d in dimensions}
    names.update({q.uid: question_text(q) for q in questions})
    ratings = ratings_by_dimension(reviews)
    answers = yes_no_by_question(shown)
    daily = {d.uid: series(ratings.get(d.uid, {}), first, today) for d in dimensions}
    clean_runs = []
    for item in load_clean_times(vault, today):
        periods = tuple(runs(item.clean.since, list(item.slips), today))
        reached = tuple(m.on for m in milestone_dates(item.since, 60) if m.on <= today)
        clean_runs.append(CleanRun(item.clean.name, periods, reached))
    return ChartsView(
        today=today,
        first=first,
        last=today,
        first_review=first_review,
        dimensions=dimensions,
        names=names,
        comparisons={p: compare_ratings(ratings, dimensions, p, today) for p in Period},
        history={p: has_history_for(p, first_review, today) for p in Period},
        daily=daily,
        rolling={uid: rolling_average(values) for uid, values in daily.items()},
        questions=questions,
        yes_weeks={q.uid: weekly_yes(answers.get(q.uid, {}), first, today) for q in questions},
        heat=heat_map(set(days), first, today),
        clean_runs=tuple(clean_runs),
        words=programme_words(load_settings(vault).programme),
    )


TREND_NIGHTS = 3  # rated nights before a trend is drawn: one or two dots are not a trend


def trend_words(view: ChartsView) -> str:
    """A calm sentence in place of the trends when there are too few rated nights to draw one
    (else "")."""
    if not view.dimensions:
        return _("No scales are in use. Choose some in Questions and scales on the review page.")
    if view.rated_nights >= TREND_NIGHTS:
        return ""
    if view.first_review is not None and view.first_review < view.first:
        return _(
            "Fewer than three nights in this range have ratings. A longer range above shows "
            "the trend."
        )
    return _("A trend needs a few nights of reviews; after three it starts to show.")


def chart_words(view: ChartsView, name: str) -> str:
    """A sentence in place of one of the other charts when it would be empty (else "")."""
    if name == "trends":
        return trend_words(view)
    if name == "yes_answers" and not view.questions:
        return _(
            "No yes-or-no questions are in use. Choose some in Questions and scales on the "
            "review page."
        )
    if name == "clean_time" and not view.clean_runs:
        return view.words.no_date_runs
    return ""


def comparison_words(view: ChartsView, period: Period) -> str:
    """A sentence in place of a comparison whose "before" side would be empty (else ""): the
    chart would draw today against nothing."""
    if not view.history[period]:
        return {
            Period.DAY: _("From tomorrow, this tab compares each day with the day before."),
            Period.WEEK: _("From next week, this tab compares each week with the week before."),
            Period.MONTH: _("From next month, this tab compares each month with the month before."),
            Period.YEAR: _(
                "A year from your first review, this tab shows you against yourself a year before."
            ),
        }[period]
    if all(comparison.before is None for comparison in view.comparisons[period]):
        return {
            Period.DAY: _("Nothing was rated yesterday, so there is nothing to compare with."),
            Period.WEEK: _("Nothing was rated last week, so there is nothing to compare with."),
            Period.MONTH: _("Nothing was rated last month, so there is nothing to compare with."),
            Period.YEAR: _(
                "Nothing was rated a year ago, so there is nothing to compare with yet."
            ),
        }[period]
    return ""


class TickStyle(Enum):
    """How a date under a chart is labelled; the words come from the UI language."""

    DAY_MONTH = "day_month"  # 3 Nov
    MONTH = "month"  # Nov
    MONTH_YEAR = "month_year"  # Nov 2026
    YEAR = "year"  # 2026


@dataclass(frozen=True, slots=True)
class DateTick:
    offset: int  # days after the first day drawn
    day: date
    style: TickStyle


def date_ticks(first: date, last: date) -> list[DateTick]:
    """Dates to label under a time axis: a handful at round places (Mondays, month starts,
    quarters, new years) chosen by the span, so labels never crowd whatever the range."""
    span = (last - first).days
    if span < 0:
        return []
    if span <= 45:
        start = first + timedelta(days=(7 - first.weekday()) % 7)
        days = [start + timedelta(weeks=n) for n in range((last - start).days // 7 + 1)]
        style = TickStyle.DAY_MONTH
    else:
        if span <= 240:
            months, style = 1, TickStyle.MONTH
        elif span <= 2 * 366:
            months, style = 3, TickStyle.MONTH_YEAR
        else:
            months, style = 12 * (span // (12 * 366) + 1), TickStyle.YEAR
        days = []
        year, month = first.year, first.month
        while date(year, month, 1) <= last:
            if (12 * year + month - 1) % months == 0 and date(year, month, 1) >= first:
                days.append(date(year, month, 1))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return [DateTick((day - first).days, day, style) for day in days if first <= day <= last]


def _number(value: float | None) -> str:
    return "—" if value is None else decimal(value)


def sentence(comparison: Comparison, name: str, period: Period) -> str:
    """One plain, kind sentence about one scale; never a comparison with anyone else."""
    now, before = _number(comparison.now), _number(comparison.before)
    words = {
        Period.DAY: (
            _("{name}: better than yesterday ({before} → {now})."),
            _("{name}: a harder day than yesterday ({before} → {now}). One day is not a trend."),
            _("{name}: the same as yesterday ({now})."),
            _("{name}: no rating yesterday to compare with."),
        ),
        Period.WEEK: (
            _("{name}: this week is better than last week ({before} → {now} on average)."),
            _("{name}: this week is harder than last week ({before} → {now} on average)."),
            _("{name}: this week is like last week ({now} on average)."),
            _("{name}: no ratings last week to compare with."),
        ),
        Period.MONTH: (
            _("{name}: this month is better than last month ({before} → {now} on average)."),
            _("{name}: this month is harder than last month ({before} → {now} on average)."),
            _("{name}: this month is like last month ({now} on average)."),
            _("{name}: no ratings last month to compare with."),
        ),
        Period.YEAR: (
            _("{name}: better than you a year ago ({before} → {now} on average)."),
            _("{name}: harder than a year ago ({before} → {now} on average)."),
            _("{name}: much as a year ago ({now} on average)."),
            _("{name}: not a year of history yet."),
        ),
    }[period]
    if comparison.verdict is Verdict.UNKNOWN and comparison.now is None:
        return {
            Period.DAY: _("{name}: not rated today yet."),
            Period.WEEK: _("{name}: not rated this week yet."),
            Period.MONTH: _("{name}: not rated this month yet."),
            Period.YEAR: _("{name}: not rated in the last 30 days."),
        }[period].format(name=name)
    index = {Verdict.BETTER: 0, Verdict.LOWER: 1, Verdict.SAME: 2, Verdict.UNKNOWN: 3}
    return words[index[comparison.verdict]].format(name=name, now=now, before=before)
