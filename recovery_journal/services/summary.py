"""A short summary of the daily practice, for `recovery-journal summary` (text or JSON).

The JSON shape is documented in recovery_journal/resources/schema/summary-v1.schema.json.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from statistics import mean
from typing import Any

from recovery_journal.domain.clean_time import Milestone, Span
from recovery_journal.domain.daily import RatingDimension
from recovery_journal.domain.ports import Vault
from recovery_journal.domain.trends import Verdict, judge
from recovery_journal.i18n import _, decimal
from recovery_journal.services.clean_time import (
    days_text,
    load_clean_times,
    milestone_name,
    span_text,
)
from recovery_journal.services.programme_words import ProgrammeWords
from recovery_journal.services.review import dimension_name, review_day, streaks

SUMMARY_FORMAT = "recovery-journal-summary"
SUMMARY_VERSION = 1
WEEK = 7


def _milestone(milestone: Milestone, today: date) -> dict[str, Any]:
    return {
        "kind": milestone.kind.value,
        "count": milestone.count,
        "on": milestone.on.isoformat(),
        "days_left": (milestone.on - today).days,
        "label": milestone_name(milestone),
    }


def build_summary(vault: Vault, now: datetime | None = None) -> dict[str, Any]:
    today = review_day(vault, now)
    clean: list[dict[str, Any]] = []

    for item in load_clean_times(vault, today):
        clean.append(
            {
                "name": item.clean.name,
                "first_clean_date": item.clean.since.isoformat(),
                "clean_since": item.since.isoformat(),
                "days": item.days,
                "years": item.span.years,
                "months": item.span.months,
                "days_after_months": item.span.days,
                "longest_run_days": item.longest_run,
                "slips": len(item.slips),
                "milestone_today": _milestone(item.reached_today, today)
                if item.reached_today
                else None,
                "next_milestone": _milestone(item.next_milestone, today),
            }
        )
    upcoming = [c["next_milestone"] | {"name": c["name"]} for c in clean]
    found = streaks(vault, today)
    reviews = {r.day: r for r in vault.reviews.between(today - timedelta(days=WEEK), today)}
    ratings = []
    for dimension in vault.records.all(RatingDimension):
        if dimension.hidden:
            continue
        values = {day: r.rating(dimension.uid) for day, r in reviews.items()}
        now_value = values.get(today)
        yesterday = values.get(today - timedelta(days=1))
        week = [
            v
            for day, v in values.items()
            if v is not None and today - timedelta(days=WEEK) <= day < today
        ]
        average = round(mean(week), 2) if week else None
        ratings.append(
            {
                "dimension": dimension.uid,
                "name": dimension_name(dimension),
                "lower_is_better": dimension.lower_is_better,
                "today": now_value,
                "yesterday": yesterday,
                "previous_7_days_average": average,
                "previous_7_days_rated": len(week),
                "better_than_yesterday": _better(dimension, now_value, yesterday),
            }
        )
    return {
        "format": SUMMARY_FORMAT,
        "format_version": SUMMARY_VERSION,
        "today": today.isoformat(),
        "clean_time": clean,
        "reviews": {
            "written_today": found.written_today,
            "current_streak": found.current,
            "longest_streak": found.longest,
            "total": found.total,
        },
        "ratings": ratings,
        "next_milestone": min(upcoming, key=lambda m: m["on"]) if upcoming else None,
    }


def _better(dimension: RatingDimension, today: int | None, yesterday: int | None) -> bool | None:
    """True or False by the scale's direction; None when a day is unrated or nothing changed."""
    verdict = judge(today, yesterday, dimension.lower_is_better)
    return {Verdict.BETTER: True, Verdict.LOWER: False}.get(verdict)


def _number(value: float | None) -> str:
    if value is None:
        return "—"
    return decimal(value, 2)


def summary_text(summary: dict[str, Any], words: ProgrammeWords) -> str:
    """The summary as a few plain lines for the terminal, in the programme's ``words``."""
    lines = [_("Summary for {day}").format(day=summary["today"])]
    if not summary["clean_time"]:
        lines.append(words.summary_none)
    for item in summary["clean_time"]:
        length = span_text(Span(item["years"], item["months"], item["days_after_months"]))
        lines.append(
            words.summary_line.format(
                name=item["name"] or words.time,
                days=days_text(item["days"]),
                span=length,
                since=item["clean_since"],
                longest=days_text(item["longest_run_days"]),
            )
        )
        if item["milestone_today"]:
            lines.append(
                "  " + _("Milestone today: {m}").format(m=item["milestone_today"]["label"])
            )
    reviews = summary["reviews"]
    lines.append(
        _("Nightly reviews: {current} in a row now, {longest} at most, {total} in all").format(
            current=reviews["current_streak"],
            longest=reviews["longest_streak"],
            total=reviews["total"],
        )
    )
    if not reviews["written_today"]:
        lines.append("  " + _("Tonight's review is not written yet."))
    if summary["ratings"]:
        lines.append(_("Ratings (today / yesterday / average of the 7 days before):"))
        for rating in summary["ratings"]:
            hint = _(" (lower is better)") if rating["lower_is_better"] else ""
            lines.append(
                f"  {rating['name']}{hint}: {_number(rating['today'])} / "
                f"{_number(rating['yesterday'])} / {_number(rating['previous_7_days_average'])}"
            )
    upcoming = summary["next_milestone"]
    if upcoming:
        lines.append(
            _("Next milestone: {label} on {on} ({name})").format(
                label=upcoming["label"], on=upcoming["on"], name=upcoming["name"] or words.time
            )
        )
    return "\n".join(lines) + "\n"
