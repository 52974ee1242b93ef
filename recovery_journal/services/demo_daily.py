"""Demo history of the daily practice: the nightly reviews with their ratings and gratitude, the
slip, spot-checks and meetings, following the days demo_life.py planned."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from recovery_journal.domain.clean_time import CleanDate, Slip
from recovery_journal.domain.daily import (
    GratitudeEntry,
    Meeting,
    MeetingFormat,
    NightlyReview,
    Rating,
    RatingDimension,
    ReviewAnswer,
    ReviewQuestion,
    SpotCheck,
)
from recovery_journal.domain.inventory import Amend, AmendsKind, AmendsStatus, Willingness
from recovery_journal.domain.ports import Vault
from recovery_journal.services.demo_life import DemoDay, DemoLife
from recovery_journal.services.demo_phrases import Decks, Material, split_fields, word
from recovery_journal.services.review import APOLOGY_QUESTION, GRATITUDE_QUESTION, REVIEW_SOURCE

# (starting level, level reached after a year or so) of each shipped rating dimension.
TRENDS = {
    "mood": (3.0, 7.0),
    "craving": (7.5, 2.0),
    "serenity": (2.5, 6.5),
    "honesty": (5.0, 8.0),
    "gratitude": (4.0, 8.0),
    "connection": (2.0, 7.0),
}
# Early on "yes" comes often; it eases off as the practice takes hold (never to zero).
YES_EARLY_LATE = {
    "resentful": (0.7, 0.3),
    "selfish": (0.5, 0.2),
    "dishonest": (0.4, 0.1),
    "afraid": (0.7, 0.3),
    "apology": (0.25, 0.08),
    "kept_secret": (0.4, 0.1),
    "kind": (0.4, 0.8),
    "others": (0.3, 0.7),
    "worry": (0.7, 0.35),
}
NOTE_CHANCE = 0.2  # of a "yes" carrying a few words; most nights are ticks
TEXT_NOTE_CHANCE = 0.3  # of "what could I have done better" and the like being answered
STEP_LIST_APOLOGIES = 5  # the first few apologies go to the step 8 list in one click


def fill_daily(vault: Vault, life: DemoLife, material: Material, seed: int) -> None:
    rng = random.Random(f"daily:{seed}:{len(life.days)}")
    decks = Decks(material, random.Random(f"daily-words:{seed}"))
    persona = material.table("persona")
    clean = CleanDate("demo-clean", persona["substance"], life.start)
    vault.records.save(clean)
    if life.slip_day is not None:
        what, learned = material.fields("slip")[0]
        vault.records.save(Slip("demo-slip", clean.uid, life.slip_day, what, learned))
    questions = [q for q in vault.records.all(ReviewQuestion) if not q.hidden]
    dimensions = [d for d in vault.records.all(RatingDimension) if not d.hidden]
    apologies = 0
    # People already on the step 8 list from the worksheets are not added twice.
    listed = [amend.person.casefold() for amend in vault.records.all(Amend)]
    for plan in life.days:
        # Drawn every day, written or not, so the time of day never changes the days before.
        answers = [_answer(rng, decks, question, plan) for question in questions]
        ratings = tuple(_rating(rng, dimension, plan) for dimension in dimensions)
        gratitude = rng.choice((0, 1, 1, 1, 2))
        if plan.review_at is None:
            continue
        for index, (question, answer) in enumerate(zip(questions, answers, strict=True)):
            if question.builtin == APOLOGY_QUESTION and answer.yes:
                # Who is owed the apology is the point of the answer; the first few go on the
                # step 8 list in one click, as the review page offers.
                person, harm, note = split_fields(decks.draw("review.apology"))
                answers[index] = replace(answer, note=note)
                known = any(person.casefold() in name for name in listed)
                if apologies < STEP_LIST_APOLOGIES and not known:
                    apologies += 1
                    listed.append(person.casefold())
                    vault.records.save(_apology(person, harm, plan.day, apologies, life))
        vault.reviews.save(NightlyReview(plan.day, tuple(answers), ratings, plan.review_at))
        for position in range(gratitude):
            line = decks.draw("gratitude", {"count": word(str(plan.clean_days))})
            vault.records.save(
                GratitudeEntry(f"demo-g-{plan.day}-{position}", plan.day, line, position)
            )
    _spot_checks(vault, life, decks, rng)
    _meetings(vault, life, decks, rng)


def _answer(
    rng: random.Random, decks: Decks, question: ReviewQuestion, plan: DemoDay
) -> ReviewAnswer:
    section = f"review.{question.builtin}"
    written = plan.review_at is not None and section in decks.material
    if question.builtin in YES_EARLY_LATE:
        early, late = YES_EARLY_LATE[question.builtin]
        chance = early + (late - early) * plan.maturity - 0.15 * plan.quality
        yes = rng.random() < chance
        noted = yes and rng.random() < NOTE_CHANCE and question.builtin != APOLOGY_QUESTION
        return ReviewAnswer(question.uid, yes, decks.draw(section) if noted and written else "")
    if question.builtin == GRATITUDE_QUESTION:
        return ReviewAnswer(question.uid, None, "")  # the gratitude list holds it
    noted = rng.random() < TEXT_NOTE_CHANCE
    return ReviewAnswer(question.uid, None, decks.draw(section) if noted and written else "")


def _apology(person: str, harm: str, day: date, number: int, life: DemoLife) -> Amend:
    """An apology owed one evening, put right the next day, as small ones usually are."""
    made = day + timedelta(days=1)
    done = made < life.today
    return Amend(
        f"demo-apology-{number}",
        person,
        harm,
        Willingness.NOW,
        AmendsKind.DIRECT,
        status=AmendsStatus.MADE if done else AmendsStatus.PLANNED,
        made_on=made if done else None,
        source_uid=REVIEW_SOURCE + str(day),
        position=100 + number,
    )


def _rating(rng: random.Random, dimension: RatingDimension, plan: DemoDay) -> Rating:
    first, last = TRENDS.get(dimension.builtin, (5.0, 6.0))
    level = first + (last - first) * plan.maturity + rng.gauss(0, 1.0)
    # A day better or worse than usual for that stage moves every scale a little.
    level += 2.2 * (plan.quality - 0.3) * (-1 if dimension.lower_is_better else 1)
    return Rating(dimension.uid, max(0, min(10, round(level))))


def _spot_checks(vault: Vault, life: DemoLife, decks: Decks, rng: random.Random) -> None:
    clock = life.clock
    for plan in life.days:
        if plan.slip == "slip" or rng.random() >= 0.18 - 0.08 * plan.maturity:
            continue
        minutes = rng.randrange(9 * 60, 20 * 60, 15)
        if not clock.passed(clock.at(plan.day, minutes)):
            continue
        disturbed, did = split_fields(decks.draw("spot"))
        at = f"{minutes // 60:02d}:{minutes % 60:02d}"
        vault.records.save(SpotCheck(f"demo-s-{plan.day}", plan.day, at, disturbed, did))


def _meetings(vault: Vault, life: DemoLife, decks: Decks, rng: random.Random) -> None:
    for plan in life.days:
        shared = rng.random() < 0.15 + 0.35 * plan.maturity
        noted = rng.random() < 0.2
        if plan.meeting is None:
            continue
        vault.records.save(
            Meeting(
                f"demo-m-{plan.day}",
                plan.day,
                plan.meeting.name,
                MeetingFormat.ONLINE if plan.meeting.online else MeetingFormat.IN_PERSON,
                shared=shared,
                notes=decks.draw("meeting.note") if noted else "",
            )
        )
