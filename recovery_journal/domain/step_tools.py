"""The small records people keep beside the questions of particular steps."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum


class Step1List(Enum):
    POWERLESSNESS = "powerlessness"
    UNMANAGEABILITY = "unmanageability"


class DefectState(Enum):
    WORKING = "working"
    READY = "ready"


class PracticeKind(Enum):
    PRAYER = "prayer"
    MEDITATION = "meditation"
    READING = "reading"
    OTHER = "other"


class ServiceKind(Enum):
    SPONSORSHIP = "sponsorship"
    MEETING_SERVICE = "meeting_service"
    CARRYING_MESSAGE = "carrying_message"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Step1Example:
    """One example of powerlessness or of unmanageability (step 1)."""

    uid: str
    list: Step1List
    text: str
    position: int = 0


@dataclass(frozen=True, slots=True)
class InventoryShare:
    """When and with whom the step 4 inventory was shared (step 5). No content is needed."""

    uid: str
    shared_with: str
    shared_on: date
    note: str = ""


@dataclass(frozen=True, slots=True)
class Defect:
    """A character defect, its opposite virtue, and how it shows up (steps 6 and 7)."""

    uid: str
    name: str
    opposite: str = ""
    shows_up: str = ""
    state: DefectState = DefectState.WORKING
    position: int = 0


@dataclass(frozen=True, slots=True)
class PracticeEntry:
    """Prayer, meditation or reading on a day (step 11)."""

    uid: str
    day: date
    minutes: int
    kind: PracticeKind
    notes: str = ""


@dataclass(frozen=True, slots=True)
class ServiceEntry:
    """Service given on a day (step 12)."""

    uid: str
    day: date
    kind: ServiceKind
    notes: str = ""


ToolRecord = Step1Example | InventoryShare | Defect | PracticeEntry | ServiceEntry
