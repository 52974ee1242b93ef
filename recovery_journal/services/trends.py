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
    compare,
    has_history_for,
    heat_map,
    ratings_by_day,
    rolling_average,
    series,
    yes_by_week,
)
from recovery_journal.i18n import _
from recovery_journal.services.clean_time import load_clean_times
from recovery_journal.services.review import dimension_name, question_text, review_day


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

    @property
    def empty(self) -> bool:
        return self.first_review is None


def load_charts(vault: Vault, chart_range: ChartRange, now: datetime | None = None) -> ChartsView:
    today = review_day(vault, now)
    days = sorted(vault.reviews.days())
    first_review = days[0] if days else None
    if chart_range is ChartRange.EVERYTHING:
        first = first_review or today
    else:
        first = today - timedelta(days=chart_range.value - 1)
    # Comparisons reach back a year and a month whatever range is drawn.
    reach = min(first, today - timedelta(days=400))
    reviews: list[NightlyReview] = list(vault.reviews.between(reach, today))
    shown = [r for r in reviews if r.day >= first]
    dimensions = tuple(d for d in vault.tools.all(RatingDimension) if not d.hidden)
    questions = tuple(
        q for q in vault.tools.all(ReviewQuestion) if not q.hidden and q.kind is AnswerKind.YES_NO
    )
    names = {d.uid: dimension_name(d) for d in dimensions}
    names.update({q.uid: question_text(q) for q in questions})
    daily = {d.uid: series(ratings_by_day(shown, d.uid), first, today) for d in dimensions}
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
        comparisons={p: compare(reviews, dimensions, p, today) for p in Period},
        history={p: has_history_for(p, first_review, today) for p in Period},
        daily=daily,
        rolling={uid: rolling_average(values) for uid, values in daily.items()},
        questions=questions,
        yes_weeks={q.uid: yes_by_week(shown, q.uid, first, today) for q in questions},
        heat=heat_map(set(days), first, today),
        clean_runs=tuple(clean_runs),
    )


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}".rstrip("0").rstrip(".")


def sentence(comparison: Comparison, name: str, period: Period) -> str:
    """One plain, kind sentence about one scale; never a comparison with anyone else."""
    now, before = _number(comparison.now), _number(comparison.before)
    words = {
        Period.DAY: (
            _("{name}: better than yesterday ({before} → {now})."),
            _("{name}: a harder day than yesterday ({before} → {now}). One day is not a trend."),
            _("{name}: the same as yesterday ({now})."),
            _("{name}: nothing to compare with yesterday yet."),
        ),
        Period.WEEK: (
            _("{name}: this week is better than last week ({before} → {now} on average)."),
            _("{name}: this week is harder than last week ({before} → {now} on average)."),
            _("{name}: this week is like last week ({now} on average)."),
            _("{name}: nothing to compare with last week yet."),
        ),
        Period.MONTH: (
            _("{name}: this month is better than last month ({before} → {now} on average)."),
            _("{name}: this month is harder than last month ({before} → {now} on average)."),
            _("{name}: this month is like last month ({now} on average)."),
            _("{name}: nothing to compare with last month yet."),
        ),
        Period.YEAR: (
            _("{name}: better than you a year ago ({before} → {now} on average)."),
            _("{name}: harder than a year ago ({before} → {now} on average)."),
            _("{name}: much as a year ago ({now} on average)."),
            _("{name}: not a year of history yet."),
        ),
    }[period]
    index = {Verdict.BETTER: 0, Verdict.LOWER: 1, Verdict.SAME: 2, Verdict.UNKNOWN: 3}
    return words[index[comparison.verdict]].format(name=name, now=now, before=before)
