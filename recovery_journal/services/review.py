"""The nightly review's use cases: which day it is, the sheet for a day, saving, the step 8 link."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from recovery_journal.domain.clock import utc_now
from recovery_journal.domain.daily import (
    GratitudeEntry,
    NightlyReview,
    RatingDimension,
    ReminderTimes,
    ReviewQuestion,
    YesMeans,
    current_streak,
    longest_streak,
)
from recovery_journal.domain.day import journal_day
from recovery_journal.domain.inventory import Amend
from recovery_journal.domain.ports import Vault
from recovery_journal.i18n import N_, _
from recovery_journal.services.autostart import starts_with_computer
from recovery_journal.services.changes import DAILY_CHANGED, STEPS_CHANGED, Changed, Changes
from recovery_journal.services.settings import load_settings
from recovery_journal.services.step_tools import new_uid

# Our own words for the shipped questions and dimensions, keyed by their ``builtin``.
QUESTION_TEXT = {
    "resentful": N_("Was I resentful today?"),
    "selfish": N_("Was I selfish or self-seeking?"),
    "dishonest": N_("Was I dishonest, with others or with myself?"),
    "afraid": N_("Was I afraid?"),
    "apology": N_("Do I owe someone an apology?"),
    "kept_secret": N_("Did I keep something to myself that I should talk over with someone?"),
    "kind": N_("Was I kind and loving towards others?"),
    "others": N_("Did I think of others today, not only of myself?"),
    "worry": N_("Did I slip into worry or brooding?"),
    "better": N_("What could I have done better?"),
    "grateful": N_("What am I grateful for today?"),
    "tomorrow": N_("What will I do differently tomorrow?"),
}
DIMENSION_NAME = {
    "mood": N_("Mood"),
    "craving": N_("Craving"),
    "serenity": N_("Serenity"),
    "honesty": N_("Honesty"),
    "gratitude": N_("Gratitude"),
    "connection": N_("Connection with others"),
}
# What a "yes" says, in the charts' key and the report's list of questions (domain.daily).
YES_MEANS_WORDS = {
    YesMeans.GOOD: N_('"yes" is good news'),
    YesMeans.HARD: N_('"yes" marks a harder day'),
    YesMeans.NEITHER: N_("my own question"),
}
APOLOGY_QUESTION = "apology"
GRATITUDE_QUESTION = "grateful"  # answered by the day's gratitude list
REVIEW_SOURCE = "review:"  # an Amend's source_uid when it came from a night's review


def question_text(question: ReviewQuestion) -> str:
    if question.text.strip():
        return question.text
    shipped = QUESTION_TEXT.get(question.builtin)
    # Never _(""): gettext answers an empty message with the catalogue's header.
    return _(shipped) if shipped else _("(a question without words)")


def dimension_name(dimension: RatingDimension) -> str:
    if dimension.name.strip():
        return dimension.name
    shipped = DIMENSION_NAME.get(dimension.builtin)
    return _(shipped) if shipped else _("(a scale without a name)")


def review_day(vault: Vault, now: datetime | None = None) -> date:
    """The day a review written now belongs to, by the person's day boundary."""
    # The wall clock of the moment given (the person's local time when none is).
    moment = now or datetime.now().astimezone()
    return journal_day(moment, moment.tzinfo, load_settings(vault).day_boundary)


@dataclass(frozen=True, slots=True)
class ReviewSheet:
    """What the review page shows for one day."""

    day: date
    questions: tuple[ReviewQuestion, ...]  # the visible ones, and hidden ones this day answered
    dimensions: tuple[RatingDimension, ...]
    review: NightlyReview
    gratitude: tuple[str, ...]
    reviewed_days: frozenset[date]
    on_step8: bool  # the person owed an apology this day and was put on the step 8 list
    today: date  # the day tonight's review belongs to, for the streak


def load_sheet(vault: Vault, day: date, now: datetime | None = None) -> ReviewSheet:
    review = vault.reviews.get(day) or NightlyReview(day)
    answered = {a.question_uid for a in review.answers}
    rated = {r.dimension_uid for r in review.ratings}
    questions = tuple(
        q for q in vault.records.all(ReviewQuestion) if not q.hidden or q.uid in answered
    )
    dimensions = tuple(
        d for d in vault.records.all(RatingDimension) if not d.hidden or d.uid in rated
    )
    gratitude = tuple(entry.text for entry in vault.records.in_days(GratitudeEntry, day, day))
    source = REVIEW_SOURCE + day.isoformat()
    on_step8 = any(a.source_uid == source for a in vault.records.all(Amend))
    return ReviewSheet(
        day,
        questions,
        dimensions,
        review,
        tuple(gratitude),
        frozenset(vault.reviews.days()),
        on_step8,
        review_day(vault, now),
    )


def save_review(
    vault: Vault,
    review: NightlyReview,
    gratitude: list[str] | None = None,
    now: datetime | None = None,
) -> Changes:
    """Keep the day's review (an empty one is removed) and, if given, its gratitude lines."""
    with vault.transaction():
        vault.reviews.save(replace(review, updated_at=now or utc_now()))
        if gratitude is not None:
            save_gratitude(vault, review.day, gratitude)
    return DAILY_CHANGED


def save_gratitude(vault: Vault, day: date, lines: list[str]) -> None:
    """The day's gratitude list becomes these lines, in this order; blank lines are dropped."""
    kept = [line.strip() for line in lines if line.strip()]
    with vault.transaction():
        existing = vault.records.in_days(GratitudeEntry, day, day)
        if [e.text for e in existing] == kept:
            return
        for entry in existing:
            vault.records.delete(GratitudeEntry, entry.uid)
        for position, text in enumerate(kept):
            vault.records.save(GratitudeEntry(new_uid(), day, text, position))


def add_apology_to_step8(vault: Vault, day: date, person: str, harm: str) -> Changed[Amend]:
    """Put the person the review says an apology is owed to on the step 8 list (once a day)."""
    source = REVIEW_SOURCE + day.isoformat()
    with vault.transaction():
        existing = vault.records.all(Amend)
        linked = next((a for a in existing if a.source_uid == source), None)
        if linked is not None:
            return Changed(linked, Changes())
        amend = Amend(
            new_uid(),
            person=person.strip() or _("Someone I owe an apology"),
            harm=harm.strip(),
            source_uid=source,
            position=max((a.position for a in existing), default=-1) + 1,
        )
        vault.records.save(amend)
    return Changed(amend, STEPS_CHANGED | DAILY_CHANGED)


@dataclass(frozen=True, slots=True)
class Streaks:
    written_today: bool
    current: int
    longest: int
    total: int


def streaks(vault: Vault, today: date) -> Streaks:
    days = vault.reviews.days()
    return Streaks(today in days, current_streak(days, today), longest_streak(days), len(days))


@dataclass(frozen=True, slots=True)
class ReminderCheck:
    due: bool
    day: date  # the journal day the reminder is for
    keep_in_tray: bool
    written: bool = False  # tonight's review is written
    # When to remind, for this computer to keep outside the vault while the journal is locked
    # (only when it starts with the computer); None when the reminder is off.
    times: ReminderTimes | None = None
    start_with_computer: bool = False


def check_reminder(vault: Vault, reminded: set[date], now: datetime | None = None) -> ReminderCheck:
    """Whether to remind now about tonight's review (``reminded``: days already reminded)."""
    moment = now or datetime.now().astimezone()
    settings = load_settings(vault)
    times = ReminderTimes(settings.reminder_time, settings.day_boundary)
    day = times.day(moment)
    written = vault.reviews.get(day) is not None
    due = settings.reminder_on and times.due(
        moment, written=written, already_reminded=day in reminded
    )
    return ReminderCheck(
        due,
        day,
        settings.keep_in_tray,
        written,
        times if settings.reminder_on else None,
        starts_with_computer(vault),
    )
