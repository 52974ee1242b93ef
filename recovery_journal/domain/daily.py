"""The daily practice: the nightly step-10 review, spot-checks, gratitude and meetings.

A question or a rating dimension the app ships with carries a ``builtin`` key and an empty
``text``/``name`` until the person rewords it, so it is shown in the language of the moment.
Questions and dimensions are hidden, never deleted: old reviews keep pointing at them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import Enum

from recovery_journal.domain.day import journal_day

RATING_MIN = 0
RATING_MAX = 10


class AnswerKind(Enum):
    YES_NO = "yes_no"  # yes or no, with room for a note
    TEXT = "text"  # a note only


class MeetingFormat(Enum):
    IN_PERSON = "in_person"
    ONLINE = "online"


@dataclass(frozen=True, slots=True)
class ReviewQuestion:
    uid: str
    text: str = ""  # empty: the shipped wording of ``builtin`` in the current language
    kind: AnswerKind = AnswerKind.YES_NO
    builtin: str = ""
    hidden: bool = False
    position: int = 0


class YesMeans(Enum):
    """What a "yes" to a yes/no question says about the day, for the charts' colours."""

    GOOD = "good"  # "Was I kind?"
    HARD = "hard"  # "Was I resentful?": a harder day, never a failure
    NEITHER = "neither"  # the person's own questions: only they know


# The shipped questions' direction, by their ``builtin`` key (services.review has their words).
SHIPPED_YES_MEANS = {
    "resentful": YesMeans.HARD,
    "selfish": YesMeans.HARD,
    "dishonest": YesMeans.HARD,
    "afraid": YesMeans.HARD,
    "apology": YesMeans.HARD,
    "kept_secret": YesMeans.HARD,
    "worry": YesMeans.HARD,
    "kind": YesMeans.GOOD,
    "others": YesMeans.GOOD,
}


def yes_means(question: ReviewQuestion) -> YesMeans:
    """A shipped question in its shipped words has our direction; reworded, it is the person's
    own (a rewording may turn it round: "Was I unkind?"), and so is any question they added."""
    if question.kind is not AnswerKind.YES_NO or question.text.strip():
        return YesMeans.NEITHER
    return SHIPPED_YES_MEANS.get(question.builtin, YesMeans.NEITHER)


@dataclass(frozen=True, slots=True)
class RatingDimension:
    uid: str
    name: str = ""  # empty: the shipped name of ``builtin`` in the current language
    lower_is_better: bool = False  # craving: less is better
    builtin: str = ""
    hidden: bool = False
    position: int = 0


@dataclass(frozen=True, slots=True)
class ReviewAnswer:
    question_uid: str
    yes: bool | None = None  # None: not answered (always None for a text question)
    note: str = ""

    @property
    def empty(self) -> bool:
        return self.yes is None and not self.note.strip()


@dataclass(frozen=True, slots=True)
class Rating:
    dimension_uid: str
    value: int

    def __post_init__(self) -> None:
        if not RATING_MIN <= self.value <= RATING_MAX:
            raise ValueError(f"a rating is {RATING_MIN} to {RATING_MAX}, not {self.value}")


@dataclass(frozen=True, slots=True)
class NightlyReview:
    """One day's review. It belongs to a journal day, not to the moment it was written."""

    day: date
    answers: tuple[ReviewAnswer, ...] = ()
    ratings: tuple[Rating, ...] = ()
    updated_at: datetime | None = None

    @property
    def empty(self) -> bool:
        return not self.ratings and all(answer.empty for answer in self.answers)

    def answer(self, question_uid: str) -> ReviewAnswer | None:
        return next((a for a in self.answers if a.question_uid == question_uid), None)

    def rating(self, dimension_uid: str) -> int | None:
        return next((r.value for r in self.ratings if r.dimension_uid == dimension_uid), None)


@dataclass(frozen=True, slots=True)
class SpotCheck:
    """A short daytime check: what disturbed me, and what I did about it."""

    uid: str
    day: date
    at: str = ""  # "HH:MM" on the person's clock, as they wrote it
    disturbed: str = ""
    what_i_did: str = ""


@dataclass(frozen=True, slots=True)
class GratitudeEntry:
    """One line of a day's gratitude list."""

    uid: str
    day: date
    text: str
    position: int = 0


@dataclass(frozen=True, slots=True)
class Meeting:
    uid: str
    day: date
    name: str = ""
    format: MeetingFormat = MeetingFormat.IN_PERSON
    shared: bool = False
    notes: str = ""


DailyRecord = ReviewQuestion | RatingDimension | SpotCheck | GratitudeEntry | Meeting


# --- streaks and the calendar ------------------------------------------------------------------


def current_streak(days: set[date], today: date) -> int:
    """Days in a row with a review, ending today, or yesterday while tonight's is not written."""
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count


def longest_streak(days: set[date]) -> int:
    longest = 0
    for day in days:
        if day - timedelta(days=1) in days:
            continue  # not the start of a run
        length = 1
        while day + timedelta(days=length) in days:
            length += 1
        longest = max(longest, length)
    return longest


def days_in_month(year: int, month: int) -> list[date]:
    first = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return [first + timedelta(days=n) for n in range((following - first).days)]


# --- ninety meetings in ninety days ----------------------------------------------------------

NINETY = 90


@dataclass(frozen=True, slots=True)
class NinetyInNinety:
    start: date
    day_number: int  # 1 on the start day, at most 90
    meetings: int  # meetings logged from the start, within the 90 days
    finished: bool

    @property
    def end(self) -> date:
        return self.start + timedelta(days=NINETY - 1)

    @property
    def on_pace(self) -> bool:
        return self.meetings >= self.day_number


def ninety_in_ninety(start: date, meeting_days: list[date], today: date) -> NinetyInNinety:
    end = start + timedelta(days=NINETY - 1)
    day_number = min(NINETY, max(0, (today - start).days + 1))
    count = sum(1 for day in meeting_days if start <= day <= min(end, today))
    return NinetyInNinety(start, day_number, count, today > end or count >= NINETY)


# --- the evening reminder ----------------------------------------------------------------------


def _minutes_after(moment: time, boundary: time) -> int:
    """Minutes from the day boundary to ``moment`` on the clock, so 01:00 comes after 23:00."""
    minutes = moment.hour * 60 + moment.minute - (boundary.hour * 60 + boundary.minute)
    return minutes % (24 * 60)


def reminder_due(
    at: time, boundary: time, now: time, written: bool, already_reminded: bool
) -> bool:
    """Remind once a journal day, from ``at`` until the boundary, while the review is unwritten."""
    if written or already_reminded:
        return False
    return _minutes_after(now, boundary) >= _minutes_after(at, boundary)


@dataclass(frozen=True, slots=True)
class ReminderTimes:
    """When the evening reminder comes (``at``) and when a journal day begins (``boundary``):
    all that is needed to know, without the journal open, whether tonight's reminder is due."""

    at: time
    boundary: time

    def day(self, moment: datetime) -> date:
        """The journal day ``moment`` belongs to."""
        return journal_day(moment, moment.tzinfo, self.boundary)

    def due(self, moment: datetime, *, written: bool, already_reminded: bool) -> bool:
        clock = moment.timetz().replace(tzinfo=None)
        return reminder_due(self.at, self.boundary, clock, written, already_reminded)
