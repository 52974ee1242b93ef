"""Which words of each kind of record the search indexes, and under which kind and reference.

A result names its ``kind`` and ``ref`` (a uid, a day, a question id, a step number) so the window
can open that exact item. The title is what the result list shows above the snippet when the kind
has no better name for it (the UI words answers, reviews and days itself).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from recovery_journal.domain import record_kinds
from recovery_journal.domain.daily import NightlyReview
from recovery_journal.domain.journal import JournalEntry, plain_text
from recovery_journal.domain.notes import DailyNote
from recovery_journal.domain.search import IndexedItem
from recovery_journal.domain.steps import Answer, StepProgress

# The kinds kept outside the record tables; each declared kind of record (record_kinds.py) is a
# search kind too, under its name.
JOURNAL = "journal"
NOTE = "note"  # the few words of a day on the Today page
ANSWER = "answer"
STEP_NOTES = "step_notes"
REVIEW = "review"


def _joined(*texts: str) -> str:
    return "\n".join(text.strip() for text in texts if text and text.strip())


def item_of_record(record: Any) -> IndexedItem | None:
    kind = record_kinds.kind_of(type(record))
    search = kind.search
    if search is None:
        return None  # settings-like records (review questions, clean dates) hold no writing
    title = getattr(record, search.title) if search.title else ""
    body = _joined(*(getattr(record, name) for name in search.text))
    day = getattr(record, search.day) if search.day else None
    return IndexedItem(kind.name, record.uid, day, title, body)


def item_of_entry(entry: JournalEntry) -> IndexedItem:
    tags = " ".join(f"#{tag}" for tag in sorted(entry.tags))
    return IndexedItem(
        JOURNAL, entry.uid, entry.day, entry.title, _joined(plain_text(entry.body), tags)
    )


def item_of_note(note: DailyNote) -> IndexedItem:
    return IndexedItem(NOTE, note.day.isoformat(), note.day, "", note.text)


def answer_ref(step: int, question_id: str) -> str:
    """An answer's reference: its step and question ("4:s4.q01"), so a result opens its page."""
    return f"{step}:{question_id}"


def parse_answer_ref(ref: str) -> tuple[int, str]:
    """(step, question id) of an answer's reference, as ``answer_ref`` wrote it."""
    step, question_id = ref.split(":", 1)
    return int(step), question_id


def item_of_answer(answer: Answer) -> IndexedItem:
    ref = answer_ref(answer.step, answer.question_id)
    return IndexedItem(ANSWER, ref, answer.updated_at.astimezone().date(), "", answer.text)


def item_of_progress(progress: StepProgress) -> IndexedItem:
    return IndexedItem(STEP_NOTES, str(progress.step), None, "", progress.notes)


def item_of_review(review: NightlyReview) -> IndexedItem:
    return IndexedItem(
        REVIEW, review.day.isoformat(), review.day, "", _joined(*(a.note for a in review.answers))
    )


ItemMaker = Callable[[Any], IndexedItem | None]
