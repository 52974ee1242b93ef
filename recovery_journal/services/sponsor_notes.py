"""The sponsor's notes: kept once each, answered, removed, and named in words.

A reply (the report PDF the sponsor wrote in, read by the report's own import) becomes
``SponsorNote``s made with ``note_from_reply``; ``keep_notes`` keeps those not kept before, so a
reply imported twice adds nothing. The person answers a note here (``answer_note``), for the next
report. ``item_names`` says what each note is about in the window's words ("Step 4, question 3",
"Resentments: My landlord").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from recovery_journal.domain import record_kinds
from recovery_journal.domain.inventory import WORKSHEETS, Amend
from recovery_journal.domain.ports import Vault
from recovery_journal.domain.sponsor_notes import AMENDS_LIST, About, SponsorNote, Topic
from recovery_journal.i18n import N_, _
from recovery_journal.services.changes import SPONSOR_CHANGED, Changed, Changes
from recovery_journal.services.inventory import InventoryText, inventory_text
from recovery_journal.services.steps import questions_of

# The parts of a report that are whole items, named as the report names its sections.
WHOLE_ITEMS = {
    Topic.REPORT: N_("The whole report"),
    Topic.AMENDS: N_("Step 8 list and step 9 amends"),
    Topic.REVIEWS: N_("Nightly reviews"),
}
# The record type of each list a row note can be on (domain: ROW_LISTS, their names).
ROW_TYPES: dict[str, type] = {**WORKSHEETS, AMENDS_LIST: Amend}


def all_notes(vault: Vault) -> list[SponsorNote]:
    """Every note, newest first (the notes of one reply in the order they came)."""
    return vault.records.all(SponsorNote)


def notes_about(vault: Vault, about: About) -> list[SponsorNote]:
    """The notes about one item, newest first."""
    return [note for note in all_notes(vault) if note.about == about]


def keep_notes(
    vault: Vault, notes: Iterable[SponsorNote], changed: frozenset[str] = frozenset()
) -> Changed[int]:
    """Keep the notes not kept before, and the new words of those in ``changed`` (a box the
    sponsor wrote in again: the answer the person wrote stays with its note); how many were
    new or changed. A note is known by its uid (made from the journal, the report, the item and
    the words or the box), so a reply imported again adds nothing, and an answer the person
    wrote to a note already kept stays as it is."""
    with vault.transaction():
        kept = {note.uid: note for note in all_notes(vault)}
        count = 0
        for note in notes:
            before = kept.get(note.uid)
            if before is None:
                vault.records.save(note)
            elif note.uid in changed and before.text != note.text:
                note = replace(note, answer=before.answer)
                vault.records.save(note)
            else:
                continue
            kept[note.uid] = note
            count += 1
    return Changed(count, SPONSOR_CHANGED if count else Changes())


def _note(vault: Vault, uid: str) -> SponsorNote | None:
    return next((note for note in all_notes(vault) if note.uid == uid), None)


def answer_note(vault: Vault, uid: str, text: str) -> Changed[SponsorNote | None]:
    """The person's answer to a note (for the next report); None if the note is gone."""
    with vault.transaction():
        note = _note(vault, uid)
        if note is None:
            return Changed(None, Changes())
        if note.answer == text:
            return Changed(note, Changes())
        answered = replace(note, answer=text)
        vault.records.save(answered)
    return Changed(answered, SPONSOR_CHANGED)


def delete_note(vault: Vault, uid: str) -> Changes:
    with vault.transaction():
        if _note(vault, uid) is None:
            return Changes()
        vault.records.delete(SponsorNote, uid)
    return SPONSOR_CHANGED


# --- what a note is about, in words ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ItemName:
    """What a note is about, as the window says it."""

    text: str  # "Step 4, question 3", "Resentments: My landlord", "Nightly reviews"
    detail: str = ""  # the question asked, where there is one
    exists: bool = True  # False: the answer's question or the row is no longer in the journal


def item_names(vault: Vault, abouts: Iterable[About], language: str) -> dict[About, ItemName]:
    """Each item named in ``language`` (the window's, for the question's words)."""
    wanted = set(abouts)
    text = inventory_text(language)
    rows: dict[str, dict[str, Any]] = {}
    questions: dict[int, list[tuple[str, str]]] = {}
    names: dict[About, ItemName] = {}
    for about in wanted:
        topic = about.topic
        if topic in WHOLE_ITEMS:
            names[about] = ItemName(_(WHOLE_ITEMS[topic]))
        elif topic is Topic.STEP:
            names[about] = ItemName(_("Step {number}: answers").format(number=about.step_number))
        elif topic is Topic.ANSWER:
            step = about.step_number
            assert step is not None
            if step not in questions:
                questions[step] = [(q.id, q.text) for q in questions_of(vault, step, language)]
            ids = [question_id for question_id, _words in questions[step]]
            if about.question_id in ids:
                number = ids.index(about.question_id)
                names[about] = ItemName(
                    _("Step {number}, question {question}").format(
                        number=step, question=number + 1
                    ),
                    questions[step][number][1],
                )
            else:
                names[about] = ItemName(
                    _("Step {number}, a question no longer here").format(number=step),
                    exists=False,
                )
        elif topic is Topic.WORKSHEET:
            names[about] = ItemName(_sheet_title(text, about.sheet))
        else:  # a row
            sheet = about.sheet
            if sheet not in rows:
                listed: list[Any] = vault.records.all(ROW_TYPES[sheet])
                rows[sheet] = {row.uid: row for row in listed}
            row = rows[sheet].get(about.row_uid)
            title = _sheet_title(text, sheet)
            if row is None:
                names[about] = ItemName(
                    _("{list}: a row no longer here").format(list=title), exists=False
                )
                continue
            name = _row_name(row)
            names[about] = ItemName(
                _("{list}: {name}").format(list=title, name=name)
                if name
                else _("{list}: a row without a name").format(list=title)
            )
    return names


def _sheet_title(text: InventoryText, sheet: str) -> str:
    key = "step8" if sheet == AMENDS_LIST else sheet
    title: str = text.worksheets[key]["title"]
    return title


def _row_name(row: Any) -> str:
    """A row's name: the field the search calls it by (who, whom, the person...)."""
    search = record_kinds.kind_of(type(row)).search
    name = getattr(row, search.title) if search is not None and search.title else ""
    return " ".join(str(name).split())


@dataclass(frozen=True, slots=True)
class NotesView:
    """Every note, newest first, and what each is about in words."""

    notes: tuple[SponsorNote, ...]
    names: dict[About, ItemName]


def load_notes(vault: Vault, language: str) -> NotesView:
    notes = tuple(all_notes(vault))
    return NotesView(notes, item_names(vault, (note.about for note in notes), language))
