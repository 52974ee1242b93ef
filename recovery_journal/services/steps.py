"""Working the steps: the overview path, one step's page, answers, status, wording and notes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import cache

from recovery_journal.domain.clock import utc_now
from recovery_journal.domain.ports import Vault
from recovery_journal.domain.settings import JournalSettings
from recovery_journal.domain.steps import (
    STEP_NUMBERS,
    Answer,
    Question,
    QuestionPack,
    StepGuide,
    StepProgress,
    StepStatus,
    questions_of_step,
)
from recovery_journal.i18n import LANGUAGES, _
from recovery_journal.services.changes import STEPS_CHANGED, Changed
from recovery_journal.services.review import review_day
from recovery_journal.services.settings import load_settings
from recovery_journal.services.step_content import StepContent, step_content


@dataclass(frozen=True, slots=True)
class StepCard:
    """One step as the overview shows it."""

    number: int
    title: str
    wording: str
    status: StepStatus
    started_on: date | None
    completed_on: date | None
    answered: int
    questions: int


@dataclass(frozen=True, slots=True)
class StepsOverview:
    cards: tuple[StepCard, ...]
    continue_step: int  # where "continue where I left off" goes


@dataclass(frozen=True, slots=True)
class StepView:
    guide: StepGuide
    wording: str
    template_wording: str
    questions: tuple[Question, ...]  # ours (a pack may reword one), then those of packs
    answers: dict[str, Answer]
    progress: StepProgress
    pack_names: dict[str, str] = field(default_factory=dict)  # pack id: its name


def _template(content: StepContent, settings: JournalSettings, step: int) -> str:
    return content.template_wording(
        settings.programme, step, settings.addiction_name, _("addiction")
    )


@cache
def _shipped_texts(step: int) -> tuple[str, ...]:
    """Our questions' words for the step in every language we ship."""
    return tuple(
        q.text for language in LANGUAGES for q in step_content(language).guide(step).questions
    )


def _questions(
    content: StepContent, packs: Sequence[QuestionPack], step: int
) -> tuple[Question, ...]:
    """Our questions for the step as the imported packs leave them, then the packs' own."""
    return questions_of_step(step, content.guide(step).questions, _shipped_texts(step), packs)


def overview(vault: Vault, language: str) -> StepsOverview:
    content = step_content(language)
    settings = load_settings(vault)
    progress = vault.steps.progress()
    answered_ids = set(vault.steps.answers())
    packs = vault.steps.packs()
    questions = {step: _questions(content, packs, step) for step in STEP_NUMBERS}
    cards = tuple(
        StepCard(
            number=step,
            title=content.guide(step).title,
            wording=progress[step].wording or _template(content, settings, step),
            status=progress[step].status,
            started_on=progress[step].started_on,
            completed_on=progress[step].completed_on,
            # Only answers to questions that exist now: a removed pack's answers are kept, unseen.
            answered=sum(1 for q in questions[step] if q.id in answered_ids),
            questions=len(questions[step]),
        )
        for step in STEP_NUMBERS
    )
    return StepsOverview(cards, continue_step(vault, progress))


def continue_step(vault: Vault, progress: dict[int, StepProgress] | None = None) -> int:
    """The step last written in; else the first step being worked; else the first not done."""
    progress = progress or vault.steps.progress()
    touched: list[tuple[datetime, int]] = [
        (p.updated_at, p.step) for p in progress.values() if p.updated_at is not None
    ]
    last = vault.steps.last_answered()
    if last is not None:
        touched.append((last.updated_at, last.step))
    if touched:
        recent = max(touched)[1]
        if progress[recent].status is not StepStatus.DONE:
            return recent
        # Just finished a step: carry on with the next one not done.
        later = [
            s for s in STEP_NUMBERS if s > recent and progress[s].status is not StepStatus.DONE
        ]
        return later[0] if later else recent
    for status in (StepStatus.WORKING, StepStatus.NOT_STARTED):
        for step in STEP_NUMBERS:
            if progress[step].status is status:
                return step
    return 1


def questions_of(vault: Vault, step: int, language: str) -> tuple[Question, ...]:
    """The step's questions in the order (and so with the numbers) its page shows them."""
    return _questions(step_content(language), vault.steps.packs(), step)


def load_step(vault: Vault, step: int, language: str) -> StepView:
    content = step_content(language)
    settings = load_settings(vault)
    progress = vault.steps.progress()[step]
    template = _template(content, settings, step)
    packs = vault.steps.packs()
    questions = _questions(content, packs, step)
    ids = {q.id for q in questions}
    # By question id, not by the step stored with the answer: a pack may move a question.
    stored = vault.steps.answers()
    answers = {qid: a for qid, a in stored.items() if qid in ids}
    # A pack of our own questions used to show them a second time, under the pack's ids
    # ("my-questions/s1.q01"); now they are ours. An answer written to such a copy is shown
    # with our question while ours has none (it stays stored as it was: nothing is lost).
    for qid, answer in stored.items():
        local = qid.partition("/")[2]
        if local in ids and local not in answers:
            answers[local] = replace(answer, question_id=local)
    return StepView(
        guide=content.guide(step),
        wording=progress.wording or template,
        template_wording=template,
        questions=questions,
        answers=answers,
        progress=progress,
        pack_names={pack.id: pack.name for pack in packs},
    )


def continued_question(view: StepView) -> str | None:
    """Where "continue where I left off" puts the cursor: in the answer written last (at its end,
    to finish the thought or go on to the next question), or the first question of a step not
    yet written in. None for a step without questions."""
    written = [
        (view.answers[question.id].updated_at, question.id)
        for question in view.questions
        if question.id in view.answers
    ]
    if written:
        return max(written)[1]
    return view.questions[0].id if view.questions else None


def save_answer(
    vault: Vault,
    step: int,
    question_id: str,
    text: str,
    now: datetime | None = None,
    *,
    private: bool = False,
) -> Changed[Answer | None]:
    """Save one answer; an emptied answer is removed, so 'answered' counts stay true."""
    with vault.transaction():
        if not text.strip():
            vault.steps.delete_answer(question_id)
            return Changed(None, STEPS_CHANGED)
        answer = Answer(question_id, step, text, now or utc_now(), private)
        vault.steps.save_answer(answer)
        if vault.steps.progress()[step].status is StepStatus.NOT_STARTED:
            # Writing an answer is starting the step, on the person's day of the writing.
            started = review_day(vault, answer.updated_at.astimezone())
            _update(vault, step, lambda p: p.with_status(StepStatus.WORKING, started))
    return Changed(answer, STEPS_CHANGED)


def _update(
    vault: Vault, step: int, change: Callable[[StepProgress], StepProgress]
) -> Changed[StepProgress]:
    with vault.transaction():
        current = vault.steps.progress()[step]
        updated = replace(change(current), updated_at=utc_now())
        vault.steps.save_progress(updated)
    return Changed(updated, STEPS_CHANGED)


def set_status(vault: Vault, step: int, status: StepStatus, today: date) -> Changed[StepProgress]:
    return _update(vault, step, lambda p: p.with_status(status, today))


def save_step_notes(vault: Vault, step: int, notes: str) -> Changed[StepProgress]:
    return _update(vault, step, lambda p: replace(p, notes=notes))


def set_sponsor_discussed(vault: Vault, step: int, day: date | None) -> Changed[StepProgress]:
    return _update(vault, step, lambda p: replace(p, sponsor_discussed_on=day))


MAX_WORDING = 2000


def set_wording(
    vault: Vault, step: int, wording: str | None, language: str
) -> Changed[StepProgress]:
    """The person's own wording of the step; blank, or the template's own text, goes back to
    following the template (so it keeps up with the language and the programme)."""
    text = (wording or "").strip()[:MAX_WORDING]
    if text == _template(step_content(language), load_settings(vault), step):
        text = ""
    return _update(vault, step, lambda p: replace(p, wording=text or None))
