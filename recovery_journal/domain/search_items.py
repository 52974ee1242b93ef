"""Which words of each kind of record the search indexes, and under which kind and reference.

A result names its ``kind`` and ``ref`` (a uid, a day, a question id, a step number) so the window
can open that exact item. The title is what the result list shows above the snippet when the kind
has no better name for it (the UI words answers, reviews and days itself).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from recovery_journal.domain.clean_time import Slip
from recovery_journal.domain.daily import GratitudeEntry, Meeting, NightlyReview, SpotCheck
from recovery_journal.domain.inventory import Amend, Fear, Harm, Resentment, SexConduct
from recovery_journal.domain.journal import JournalEntry, plain_text
from recovery_journal.domain.notes import DailyNote
from recovery_journal.domain.search import IndexedItem
from recovery_journal.domain.step_tools import (
    Defect,
    InventoryShare,
    PracticeEntry,
    ServiceEntry,
    Step1Example,
)
from recovery_journal.domain.steps import Answer, StepProgress

JOURNAL = "journal"
NOTE = "note"  # the few words of a day on the Today page
ANSWER = "answer"
STEP_NOTES = "step_notes"
REVIEW = "review"

# Record type: (kind, its title field, the fields written by the person). Kinds are table names.
RECORD_FIELDS: dict[type, tuple[str, str, tuple[str, ...]]] = {
    Step1Example: ("step1_examples", "", ("text",)),
    InventoryShare: ("inventory_shares", "shared_with", ("note",)),
    Defect: ("defects", "name", ("opposite", "shows_up")),
    PracticeEntry: ("practice_log", "", ("notes",)),
    ServiceEntry: ("service_log", "", ("notes",)),
    Resentment: ("resentments", "who", ("cause", "my_part_notes")),
    Fear: ("fears", "fear", ("why", "first_felt", "self_reliance", "instead")),
    SexConduct: ("sex_conduct", "whom", ("at_fault", "instead", "ideal")),
    Harm: ("harms", "to_whom", ("what_i_did", "how_affected")),
    Amend: ("amends", "person", ("harm", "their_part", "plan", "how_it_went")),
    Slip: ("slips", "", ("what_happened", "learned")),
    SpotCheck: ("spot_checks", "", ("disturbed", "what_i_did")),
    GratitudeEntry: ("gratitude", "", ("text",)),
    Meeting: ("meetings", "name", ("notes",)),
}

KIND_OF_RECORD = {record_type: fields[0] for record_type, fields in RECORD_FIELDS.items()}
RECORD_OF_KIND = {kind: record_type for record_type, kind in KIND_OF_RECORD.items()}


def _joined(*texts: str) -> str:
    return "\n".join(text.strip() for text in texts if text and text.strip())


def item_of_record(record: Any) -> IndexedItem | None:
    fields = RECORD_FIELDS.get(type(record))
    if fields is None:
        return None  # settings-like records (review questions, clean dates) hold no writing
    kind, title_field, text_fields = fields
    title = getattr(record, title_field) if title_field else ""
    body = _joined(*(getattr(record, name) for name in text_fields))
    return IndexedItem(
        kind, record.uid, getattr(record, "day", None) or _slip_day(record), title, body
    )


def _slip_day(record: Any) -> Any:
    return record.on if isinstance(record, Slip) else None


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
