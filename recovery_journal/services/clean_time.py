"""Clean time as the person sees it: a counter per clean date, milestones, and slips kept kindly."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from recovery_journal.domain.clean_time import (
    CleanDate,
    Milestone,
    MilestoneKind,
    Slip,
    Span,
    current_clean_date,
    days_clean,
    longest_run_days,
    milestone_reached,
    next_milestone,
    span,
)
from recovery_journal.domain.daily import NINETY, Meeting, NinetyInNinety, ninety_in_ninety
from recovery_journal.domain.ports import Vault
from recovery_journal.i18n import _, ngettext
from recovery_journal.services.changes import DAILY_CHANGED, Changes
from recovery_journal.services.review import review_day
from recovery_journal.services.settings import load_settings, update_settings
from recovery_journal.services.step_tools import new_uid


@dataclass(frozen=True, slots=True)
class CleanTime:
    clean: CleanDate
    since: date  # the day the current run began (the clean date, or the day after a slip)
    days: int
    span: Span
    longest_run: int
    slips: tuple[Slip, ...]
    next_milestone: Milestone
    reached_today: Milestone | None


def clean_time_of(clean: CleanDate, slips: list[Slip], today: date) -> CleanTime:
    own = sorted((s for s in slips if s.clean_uid == clean.uid), key=lambda s: s.on)
    since = current_clean_date(clean.since, own)
    return CleanTime(
        clean,
        since,
        days_clean(since, today),
        span(since, today),
        longest_run_days(clean.since, own, today),
        tuple(own),
        next_milestone(since, today),
        milestone_reached(since, today),
    )


def days_until_start(item: CleanTime, today: date) -> int:
    """Days until a clean date still ahead begins its count (a date kept after the question
    about the future); 0 once it has begun."""
    return max(0, (item.since - today).days)


def starts_in_text(days: int) -> str:
    return ngettext("starts in {n} day", "starts in {n} days", days).format(n=days)


def load_clean_times(vault: Vault, today: date) -> list[CleanTime]:
    slips = vault.records.all(Slip)
    return [clean_time_of(clean, slips, today) for clean in vault.records.all(CleanDate)]


def record_slip(
    vault: Vault, clean_uid: str, on: date, what_happened: str = "", learned: str = ""
) -> Changes:
    """A slip starts the count again the next day; the clean date and earlier runs are kept."""
    with vault.transaction():
        vault.records.save(Slip(new_uid(), clean_uid, on, what_happened, learned))
    return DAILY_CHANGED


def days_text(days: int) -> str:
    return ngettext("{n} day", "{n} days", days).format(n=days)


def months_text(months: int) -> str:
    return ngettext("{n} month", "{n} months", months).format(n=months)


def years_text(years: int) -> str:
    return ngettext("{n} year", "{n} years", years).format(n=years)


def milestone_name(milestone: Milestone) -> str:
    n = milestone.count
    if milestone.kind is MilestoneKind.DAYS:
        return _("24 hours") if n == 1 else days_text(n)
    if milestone.kind is MilestoneKind.MONTHS:
        return months_text(n)
    return years_text(n)


def span_text(value: Span) -> str:
    parts = []
    if value.years:
        parts.append(years_text(value.years))
    if value.months:
        parts.append(months_text(value.months))
    if value.days or not parts:
        parts.append(days_text(value.days))
    return ", ".join(parts)


def milestone_note(item: CleanTime) -> str:
    """The calm note shown on the day a milestone is reached."""
    assert item.reached_today is not None
    return _("{milestone} today. One day at a time got you here — well done.").format(
        milestone=milestone_name(item.reached_today)
    )


def next_milestone_text(item: CleanTime, today: date) -> str:
    left = (item.next_milestone.on - today).days
    return ngettext("{milestone} in {n} day", "{milestone} in {n} days", left).format(
        milestone=milestone_name(item.next_milestone), n=left
    )


@dataclass(frozen=True, slots=True)
class PracticeView:
    """What the clean-time and meetings page shows above its tables."""

    today: date
    clean_times: list[CleanTime]
    ninety: NinetyInNinety | None


def load_practice(vault: Vault, now: datetime | None = None) -> PracticeView:
    today = review_day(vault, now)
    settings = load_settings(vault)
    ninety = None
    if settings.ninety_start is not None:
        start = settings.ninety_start
        meetings = vault.records.in_days(Meeting, start, start + timedelta(days=NINETY - 1))
        ninety = ninety_in_ninety(start, [m.day for m in meetings], today)
    return PracticeView(today, load_clean_times(vault, today), ninety)


def set_ninety_start(vault: Vault, start: date | None) -> Changes:
    update_settings(vault, ninety_start=start)
    return Changes(settings=True, daily=True)
