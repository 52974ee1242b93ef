"""What the report dialog offers before a report is made: the saved choices, the first day the
journal has, and the private rows and review notes to tick one by one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from recovery_journal.domain.daily import (
    Meeting,
    ReviewQuestion,
)
from recovery_journal.domain.inventory import WORKSHEETS, Amend
from recovery_journal.domain.ports import Vault
from recovery_journal.i18n import (
    _,
)
from recovery_journal.services.clean_time import load_clean_times
from recovery_journal.services.inventory import inventory_text
from recovery_journal.services.report_choices import (
    ReportChoices,
    Section,
    answer_key,
    load_choices,
    note_key,
)
from recovery_journal.services.review import question_text, review_day
from recovery_journal.services.steps import load_step


def first_entry(vault: Vault, today: date) -> date:
    candidates = [min(vault.reviews.days(), default=today)]
    candidates += [m.day for m in vault.records.all(Meeting)]
    candidates += [item.clean.since for item in load_clean_times(vault, today)]
    return min(candidates)


@dataclass(frozen=True, slots=True)
class PrivateItem:
    """A private row the export dialog offers to tick, one by one."""

    uid: str
    section: Section
    text: str


def private_items(vault: Vault, language: str) -> list[PrivateItem]:
    text = inventory_text(language)
    found = []
    for sheet, record_type in WORKSHEETS.items():
        title = str(text.worksheets[sheet]["title"])
        first_field = next(iter(text.worksheets[sheet]["columns"]))
        rows: list[Any] = vault.records.all(record_type)
        for row in rows:
            if row.private:
                found.append(
                    PrivateItem(
                        row.uid, Section.WORKSHEETS, f"{title}: {getattr(row, first_field)}"
                    )
                )
    for amend in vault.records.all(Amend):
        if amend.private:
            found.append(PrivateItem(amend.uid, Section.AMENDS, amend.person))
    private_steps = {a.step for a in vault.steps.answers().values() if a.private}
    for number in sorted(private_steps):
        view = load_step(vault, number, language)  # the questions as the step page shows them
        for question in view.questions:
            answer = view.answers.get(question.id)
            if answer is not None and answer.private and answer.text.strip():
                found.append(
                    PrivateItem(
                        answer_key(question.id),
                        Section.ANSWERS,
                        _("Step {number}: {question}").format(
                            number=number, question=question.text
                        ),
                    )
                )
    return found


@dataclass(frozen=True, slots=True)
class NoteItem:
    """A nightly-review note the person may pick as notable."""

    key: str  # "<day>|<question uid>", as kept in ReportChoices.notes
    day: date
    question: str
    note: str


@dataclass(frozen=True, slots=True)
class ReportOptions:
    """What the export dialog offers: the saved choices and the things to tick."""

    choices: ReportChoices
    first_day: date  # of the journal, the earliest a report can start
    today: date
    private: tuple[PrivateItem, ...]
    notes: tuple[NoteItem, ...]  # newest first


def report_options(vault: Vault, language: str, today: date | None = None) -> ReportOptions:
    today = today or review_day(vault)
    names = question_names(vault)
    notes = [
        NoteItem(
            note_key(review.day, answer.question_uid),
            review.day,
            names.get(answer.question_uid, ""),
            answer.note.strip(),
        )
        for review in vault.reviews.all()
        for answer in review.answers
        if answer.note.strip()
    ]
    notes.reverse()
    return ReportOptions(
        choices=load_choices(vault, language),
        first_day=first_entry(vault, today),
        today=today,
        private=tuple(private_items(vault, language)),
        notes=tuple(notes),
    )


def question_names(vault: Vault) -> dict[str, str]:
    return {q.uid: question_text(q) for q in vault.records.all(ReviewQuestion)}
