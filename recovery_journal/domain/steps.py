"""The twelve steps: the guidance we ship, and the person's own work on each step."""

from __future__ import annotations

from collections.abc import Collection, Sequence
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


def same_words(text: str) -> str:
    """A question's text compared as words: case and spacing aside."""
    return " ".join(text.split()).casefold()


def questions_of_step(
    step: int,
    ours: Sequence[Question],
    shipped: Collection[str],
    packs: Sequence[QuestionPack],
) -> tuple[Question, ...]:
    """Our questions for the step as the imported packs leave them, then the packs' own.

    A pack made from our questions ("save our questions as a pack to edit") holds them under
    our ids. Such a question is ours, never a second copy: word for word as we ship it, in any
    of our languages (``shipped``, compared by ``same_words``), it adds nothing; reworded, it
    takes the place of ours with the pack's words, and keeps our id, so the answer written to
    it stays with it (the first pack to reword a question wins). A question with our words under
    another id adds nothing either. Only the rest are the pack's own questions, after ours.
    A pack can reword or add, never take one of ours away.
    """
    shown = list(ours)
    place = {question.id: number for number, question in enumerate(shown)}
    known = {same_words(text) for text in shipped}
    own: list[Question] = []
    for pack in packs:
        for question in pack.questions:
            if question.step != step or same_words(question.text) in known:
                continue
            local = question.id.split("/", 1)[-1]
            number = place.get(local)
            if number is None:
                own.append(question)
            elif not shown[number].pack:
                shown[number] = Question(local, step, question.text, pack.id)
    return (*shown, *own)
