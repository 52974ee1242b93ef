"""The step 4 worksheets, the step 8 list and the step 9 amends, one frozen record per row."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from enum import Enum
from typing import Any

AFFECTS = (
    "self_esteem",
    "pride",
    "security",
    "ambitions",
    "personal_relations",
    "sex_relations",
    "finances",
)
MY_PART = ("selfish", "dishonest", "self_seeking", "frightened", "inconsiderate")
WHERE = ("selfish", "dishonest", "inconsiderate")
AROUSED = ("jealousy", "suspicion", "bitterness")

# Which option set each tick-box field takes its values from.
CHOICES = {"affects": AFFECTS, "my_part": MY_PART, "where": WHERE, "aroused": AROUSED}


class Willingness(Enum):
    NOW = "now"
    LATER = "later"
    MAYBE = "maybe"
    NOT_YET = "not_yet"


class AmendsKind(Enum):
    DIRECT = "direct"
    INDIRECT = "indirect"
    LIVING = "living"
    NOT_ADVISABLE = "not_advisable"


class AmendsStatus(Enum):
    PLANNED = "planned"
    MADE = "made"
    DECLINED = "declined"
    NOT_POSSIBLE = "not_possible"


@dataclass(frozen=True, slots=True)
class Resentment:
    uid: str
    who: str = ""
    cause: str = ""
    affects: frozenset[str] = frozenset()
    my_part: frozenset[str] = frozenset()
    my_part_notes: str = ""
    private: bool = False
    discussed: bool = False
    position: int = 0


@dataclass(frozen=True, slots=True)
class Fear:
    uid: str
    fear: str = ""
    why: str = ""
    first_felt: str = ""
    self_reliance: str = ""
    instead: str = ""
    private: bool = False
    discussed: bool = False
    position: int = 0


@dataclass(frozen=True, slots=True)
class SexConduct:
    uid: str
    whom: str = ""
    where: frozenset[str] = frozenset()
    aroused: frozenset[str] = frozenset()
    at_fault: str = ""
    instead: str = ""
    ideal: str = ""
    private: bool = False
    discussed: bool = False
    position: int = 0


@dataclass(frozen=True, slots=True)
class Harm:
    uid: str
    to_whom: str = ""
    what_i_did: str = ""
    how_affected: str = ""
    private: bool = False
    discussed: bool = False
    position: int = 0


@dataclass(frozen=True, slots=True)
class Amend:
    """A person on the step 8 list, and the step 9 amends to them."""

    uid: str
    person: str = ""
    harm: str = ""
    willingness: Willingness = Willingness.LATER
    kind: AmendsKind = AmendsKind.DIRECT
    plan: str = ""
    planned_on: date | None = None
    status: AmendsStatus = AmendsStatus.PLANNED
    made_on: date | None = None
    how_it_went: str = ""
    source_uid: str = ""  # the worksheet row the person was added from, if any
    private: bool = False
    position: int = 0
    # How I acted, as the worksheet's ticks (keys of MY_PART; "How I acted" on the sex conduct
    # sheet uses the same keys). Kept as keys, not as words: the names are looked up when shown,
    # so they follow the language the app speaks, and an export carries the keys unchanged.
    my_part: frozenset[str] = frozenset()
    # What the other person did, as a resentment's cause put it: written only for entries the
    # app made before this field existed, which carried the cause as the harm (format 8, schema
    # 7). New entries leave it empty: what they did stays on the resentment row, linked.
    their_part: str = ""


WORKSHEETS: dict[str, type] = {
    "resentments": Resentment,
    "fears": Fear,
    "sex_conduct": SexConduct,
    "harms": Harm,
}


@dataclass(frozen=True, slots=True)
class Step8Words:
    """What a worksheet row puts on the step 8 list: the person, and the harm I did them."""

    person: str
    harm: str
    my_part: frozenset[str] = frozenset()


def _joined(*texts: str) -> str:
    return "\n".join(text.strip() for text in texts if text.strip())


# Step 8 lists the people I harmed and the harm I did. From each worksheet that means my side of
# the row, never what the other person did (our step 8 guidance: "separate it from what others
# did to you"):
# - a resentment's cause is what THEY did; my part is its ticks and my notes on it;
# - on the sex conduct sheet, "How I acted" (ticks) and "Where I was wrong" are mine; the
#   feelings I caused and what to do instead stay on the row;
# - another harm is what I did and how it affected them.
# Fears name no one harmed: a fear that led to harm is written on one of the other sheets, so a
# fear row sends no one to the list.
TO_STEP8: dict[type, Callable[[Any], Step8Words]] = {
    Resentment: lambda row: Step8Words(row.who, row.my_part_notes, row.my_part),
    SexConduct: lambda row: Step8Words(row.whom, row.at_fault, row.where),
    Harm: lambda row: Step8Words(row.to_whom, _joined(row.what_i_did, row.how_affected)),
}


def step8_words(row: Resentment | SexConduct | Harm) -> Step8Words:
    return TO_STEP8[type(row)](row)


def with_cause_moved(amend: Amend, row: Resentment) -> Amend | None:
    """A step 8 entry made from ``row`` before format 8, its words put where they belong.

    The app used to file a resentment's cause (what they did) as the harm. Such an entry gets my
    part of the row (its ticks and notes) as the harm, and the cause in ``their_part``; words the
    person added after the cause stay as the harm. An entry whose harm the person rewrote, or one
    already in the new shape, is left as it is (None). No word is lost either way.
    """
    if amend.source_uid != row.uid or amend.my_part or amend.their_part:
        return None
    harm, cause = amend.harm.strip(), row.cause.strip()
    if not harm:
        if not row.my_part and not row.my_part_notes.strip():
            return None
        return replace(amend, harm=row.my_part_notes, my_part=row.my_part)
    if not cause or not harm.startswith(cause):
        return None
    rest = harm[len(cause) :]
    if rest and not rest[0].isspace():
        # The cause only as the start of a word or a sentence ("Mum" in "Mumbled…", "He lied"
        # in "He lied. I shouted back"): not the old copy; whose words these are is unclear.
        return None
    added = rest.strip()
    return replace(
        amend,
        harm=added or row.my_part_notes,
        my_part=row.my_part,
        their_part=harm[: len(cause)],
    )
