"""The twelve steps: the guidance we ship, and the person's own work on each step."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum

STEP_NUMBERS = tuple(range(1, 13))


class StepStatus(Enum):
    NOT_STARTED = "not_started"
    WORKING = "working"
    DONE = "done"


class Programme(Enum):
    """Which template words the steps: the person can still reword each step themselves."""

    ALCOHOL = "alcohol"
    DRUGS = "drugs"
    GENERIC = "generic"


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    step: int
    text: str
    pack: str = ""  # empty for the questions we ship; the pack's id for a sponsor's questions


@dataclass(frozen=True, slots=True)
class StepGuide:
    """What the app says about one step, in one language."""

    number: int
    title: str
    about: tuple[str, ...]
    questions: tuple[Question, ...]


@dataclass(frozen=True, slots=True)
class StepProgress:
    step: int
    status: StepStatus = StepStatus.NOT_STARTED
    started_on: date | None = None
    completed_on: date | None = None
    notes: str = ""
    sponsor_discussed_on: date | None = None
    wording: str | None = None  # the person's own wording; None means the template's
    updated_at: datetime | None = None

    def with_status(self, status: StepStatus, today: date) -> StepProgress:
        """Move to ``status``, keeping the dates honest: a start date once work begins,
        a completion date only while the step is done."""
        started = self.started_on
        completed = self.completed_on
        if status is StepStatus.NOT_STARTED:
            started, completed = None, None
        elif status is StepStatus.WORKING:
            started = started or today
            completed = None
        else:
            started = started or today
            completed = completed or today
        return StepProgress(
            self.step,
            status,
            started,
            completed,
            self.notes,
            self.sponsor_discussed_on,
            self.wording,
            self.updated_at,
        )


@dataclass(frozen=True, slots=True)
class Answer:
    question_id: str
    step: int
    text: str
    updated_at: datetime
    # Private answers stay out of the sponsor's report unless ticked there one by one.
    private: bool = False


@dataclass(frozen=True, slots=True)
class QuestionPack:
    """Questions a sponsor or a group shares as a file."""

    id: str
    name: str
    author: str
    language: str
    questions: tuple[Question, ...]
