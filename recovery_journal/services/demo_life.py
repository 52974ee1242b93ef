"""The shape of the demo's invented life: which days have a note, a review, a meeting, a bad patch.

Everything the demo writes hangs off one plan, so the parts agree with each other: a note mentions
the meeting that day, a hard day shows in the ratings, nothing is written on the day of the slip.
The plan ends at "now" honestly: an evening's note or review exists only once its time has come.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from recovery_journal.domain.day import DEFAULT_DAY_BOUNDARY, journal_day
from recovery_journal.services.demo_phrases import Material

EARLY_DAYS = 100  # the first raw months, and again for a while after the slip
AFTER_SLIP_DAYS = 45
LATER_FROM = 260  # by then the person's days are mostly ordinary
SLIP_DAY = 68  # a slip in the third month, long before the end of a year's history
NINETY = 90  # meetings every day at the start, and for a month after the slip
SPONSEE_FROM = 330  # a newcomer asks the person to sponsor him, in the second year


@dataclass(frozen=True, slots=True)
class DemoClock:
    """The present moment of the demo, and the person's wall clock for any day before it."""

    now: datetime
    zone: tzinfo | None  # None: the machine's own zone, summer time and all
    boundary: time = DEFAULT_DAY_BOUNDARY

    @property
    def today(self) -> date:
        """The journal day of now: before the day boundary it is still yesterday evening."""
        return journal_day(self.now, self.zone, self.boundary)

    def at(self, day: date, minutes: int) -> datetime:
        """``minutes`` after the midnight that starts ``day`` (past 24 h: the small hours)."""
        naive = datetime.combine(day, time()) + timedelta(minutes=minutes)
        return naive.replace(tzinfo=self.zone) if self.zone is not None else naive.astimezone()

    def passed(self, moment: datetime) -> bool:
        return moment <= self.now


def demo_clock(
    end: date | None = None, now: datetime | None = None, boundary: time = DEFAULT_DAY_BOUNDARY
) -> DemoClock:
    """The demo's present: ``now`` if given; else the real now when ``end`` is today (or not
    given); else the very end of the journal day ``end``, so a day in the past or the future is
    written in full."""
    if now is not None:
        if now.tzinfo is None:
            raise ValueError("now must carry a time zone")
        clock = DemoClock(now, now.tzinfo, boundary)
        if end is not None and end != clock.today:
            raise ValueError(f"now ({now}) falls on the journal day {clock.today}, not {end}")
        return clock
    real = DemoClock(datetime.now().astimezone(), None, boundary)
    if end is None or end in (real.today, real.now.date()):
        return real
    last = datetime.combine(end + timedelta(days=1), boundary) - timedelta(minutes=1)
    return DemoClock(last.astimezone(), None, boundary)


@dataclass(frozen=True, slots=True)
class Gathering:
    """A meeting in the person's week."""

    weekdays: frozenset[int]  # Monday is 0
    start: int  # minutes after midnight
    online: bool
    later_chance: float  # how often the person goes once the first months are over
    name: str
    to: str  # "to the Tuesday step group", as a sentence needs it
    at: str  # "at the Tuesday step group"


_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def gatherings(material: Material) -> tuple[Gathering, ...]:
    found = []
    for days, clock, kind, chance, name, to, at in material.fields("meetings"):
        hours, minutes = clock.split(":")
        found.append(
            Gathering(
                frozenset(_WEEKDAYS.index(d.strip()) for d in days.split(",")),
                int(hours) * 60 + int(minutes),
                kind == "online",
                float(chance),
                name,
                to,
                at,
            )
        )
    return tuple(found)


@dataclass(frozen=True, slots=True)
class DemoDay:
    day: date
    offset: int  # days since the history began
    phase: str  # "early", "middle" or "later"
    clean_days: int  # days since the current clean date
    slip: str  # "" or "slip" (the day itself), "after" (the day after), "back" (the fortnight)
    quality: float  # how the day went, -1 (hard) to 1 (good)
    maturity: float  # 0 at the start, nearing 1 after a year or so
    meeting: Gathering | None  # only once it has ended
    note_at: datetime | None  # when the day's note was written, if it was (and by now)
    review_at: datetime | None
    journal_at: datetime | None
    weekend: bool


@dataclass(frozen=True, slots=True)
class DemoLife:
    clock: DemoClock
    start: date
    days: tuple[DemoDay, ...]
    slip_day: date | None
    pace: float  # 1 for a full-length history; less squeezes the step work into a short one

    @property
    def today(self) -> date:
        return self.clock.today

    def offset_day(self, offset: float) -> date:
        return self.start + timedelta(days=int(offset))


def plan_life(
    clock: DemoClock, days: int, full_length: int, material: Material, rng: random.Random
) -> DemoLife:
    end = clock.today
    start = end - timedelta(days=days - 1)
    slip_offset = min(int((days - 1) * 0.35), SLIP_DAY) if days >= 20 else None
    slip_day = start + timedelta(days=slip_offset) if slip_offset is not None else None
    places = gatherings(material)
    rough = _rough_patches(days, rng)
    planned = []
    for offset in range(days):
        day = start + timedelta(days=offset)
        since_slip = offset - slip_offset if slip_offset is not None else -1
        slip = ""
        if since_slip == 0:
            slip = "slip"
        elif since_slip == 1:
            slip = "after"
        elif 1 < since_slip <= 14:
            slip = "back"
        restarted = slip_day is not None and since_slip >= 1
        clean_since = slip_day + timedelta(days=1) if restarted and slip_day else start
        early = offset < EARLY_DAYS or 0 <= since_slip < AFTER_SLIP_DAYS
        phase = "early" if early else "middle" if offset < LATER_FROM else "later"
        maturity = 1 - math.exp(-offset / 150)
        quality = rng.gauss(0.1 + 0.35 * maturity, 0.35) + rough.get(offset, 0.0)
        if 0 <= since_slip <= 14:
            quality -= 0.9 * (1 - since_slip / 15)
        quality = max(-1.0, min(1.0, quality))
        weekend = day.weekday() >= 5
        every_day = offset < NINETY or 0 < since_slip <= 30
        meeting = _meeting(day, every_day, places, rng)
        if slip == "slip":
            meeting = None  # the day of the wedding
        meeting_end = clock.at(day, meeting.start + 90) if meeting else None
        # People skip days: more at first, at weekends, and never write on the day they drank.
        skip = 0.22 - 0.12 * maturity + (0.08 if weekend else 0.0)
        note_at = _evening_or_not(clock, day, rng, skip, slip in ("slip",), forced=slip == "after")
        review_at = None
        if not (0 <= since_slip <= 2) and (day == end or rng.random() >= skip):
            review_at = clock.at(day, 21 * 60 + 15 + rng.randrange(210))
        journal_at = None
        if slip != "slip" and rng.random() < (0.24 + (0.12 if weekend else 0.0)):
            # In the evening, looking back on the day, as the entries are written.
            journal_at = clock.at(day, 19 * 60 + 30 + rng.randrange(210))
        planned.append(
            DemoDay(
                day,
                offset,
                phase,
                (day - clean_since).days,
                slip,
                quality,
                maturity,
                meeting if meeting_end is not None and clock.passed(meeting_end) else None,
                _by_now(clock, note_at),
                _by_now(clock, review_at),
                _by_now(clock, journal_at),
                weekend,
            )
        )
    pace = min(1.0, days / full_length)
    return DemoLife(clock, start, tuple(planned), slip_day, pace)


def _by_now(clock: DemoClock, moment: datetime | None) -> datetime | None:
    return moment if moment is not None and clock.passed(moment) else None


def _evening_or_not(
    clock: DemoClock, day: date, rng: random.Random, skip: float, never: bool, forced: bool
) -> datetime | None:
    roll = rng.random()
    when = rng.random()
    if never or (not forced and roll < skip):
        return None
    if when < 0.82:
        minutes = 20 * 60 + 30 + int(rng.random() * 165)  # the evening, up to 23:15
    else:
        minutes = 7 * 60 + int(rng.random() * 105)  # before work
    return clock.at(day, minutes)


def _rough_patches(days: int, rng: random.Random) -> dict[int, float]:
    """A hard week or so every few months: a cold, a row, bad news. Life, not relapse."""
    patches: dict[int, float] = {}
    offset = 110
    while offset < days:
        length = rng.randrange(4, 11)
        for n in range(length):
            patches[offset + n] = -0.55
        offset += rng.randrange(80, 160)
    return patches


def _meeting(
    day: date, every_day: bool, places: tuple[Gathering, ...], rng: random.Random
) -> Gathering | None:
    today = [p for p in places if day.weekday() in p.weekdays]
    roll = rng.random()
    if not today:
        return None
    if every_day:
        # Ninety meetings in ninety days: an evening meeting if there is one, else online.
        if roll < 0.95:
            in_person = [p for p in today if not p.online]
            return rng.choice(in_person or today)
        return None
    for place in today:
        if roll < place.later_chance:
            return place
        roll -= place.later_chance
    return None
