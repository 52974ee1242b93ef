"""The step 4 worksheets, the step 8 list and the step 9 amends, one frozen record per row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

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


WORKSHEETS: dict[str, type] = {
    "resentments": Resentment,
    "fears": Fear,
    "sex_conduct": SexConduct,
    "harms": Harm,
}
# The field that names the person, and the one that describes the harm, on rows that can be
# sent to the step 8 list.
TO_STEP8 = {
    Resentment: ("who", "cause"),
    SexConduct: ("whom", "at_fault"),
    Harm: ("to_whom", "what_i_did"),
}
