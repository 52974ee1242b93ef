"""Every service that writes says what it changed, and says it truly.

Pages refresh from the changes a service's result carries (``carried_by``): a part of the journal
a write touched but its result does not name would stay stale on screen until the next lock. So
each writing service runs here against a real vault, the export is compared before and after,
and every part that differs must be among the changes announced.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from recovery_journal.domain.clean_time import CleanDate
from recovery_journal.domain.daily import Meeting, NightlyReview, ReviewAnswer
from recovery_journal.domain.inventory import Resentment
from recovery_journal.domain.journal import JournalEntry
from recovery_journal.domain.sponsor_notes import About, note_from_reply
from recovery_journal.domain.step_tools import Defect
from recovery_journal.domain.steps import StepStatus
from recovery_journal.services.changes import Changes, carried_by
from recovery_journal.services.clean_time import record_slip, set_ninety_start
from recovery_journal.services.export import export_document
from recovery_journal.services.inventory import (
    carry_defects_to_steps_6_7,
    duplicate,
    send_to_step8,
)
from recovery_journal.services.journal import delete_entry, restore_entry, save_entry
from recovery_journal.services.review import add_apology_to_step8, save_review
from recovery_journal.services.settings import load_settings, save_settings
from recovery_journal.services.sponsor_notes import answer_note, delete_note, keep_notes
from recovery_journal.services.step_tools import apply_changes, set_focus_of_the_day
from recovery_journal.services.steps import (
    save_answer,
    save_step_notes,
    set_sponsor_discussed,
    set_status,
    set_wording,
)
from recovery_journal.services.today import save_daily_note
from recovery_journal.ui.autosave import Autosave
from recovery_journal.ui.operations import Operations

DAY = date(2026, 11, 20)
AT = datetime(2026, 11, 20, 21, 0, tzinfo=UTC)
ENTRY = JournalEntry("e1", DAY, AT, AT, "A walk", "Walked by the river.")
LANDLORD = Resentment("r1", "My landlord", "Kept my deposit.", my_part=frozenset({"selfish"}))
NOTE = note_from_reply(
    "0123456789abcdef0123456789abcdef",
    "a report",
    About.answer(1, "s1.q01"),
    "Say more about this.",
    sponsor="Sam",
    written_on=DAY,
    received_on=DAY,
)

# Which part of the app shows each part of the export.
_AREA_OF_PART = {
    "settings": "settings",
    "daily_notes": "notes",
    "steps": "steps",
    "inventory": "steps",
    "daily": "daily",
    "journal": "journal",
    "sponsor": "sponsor",
}

# Each writing service, in an order where each finds what it needs (the inventory row before it
# is sent to step 8, the entry before its deletion).
WRITES: list[tuple[str, Callable[[Any], object]]] = [
    ("a day's note", lambda v: save_daily_note(v, DAY, "A quiet day.")),
    ("the note emptied", lambda v: save_daily_note(v, DAY, "")),
    ("an answer", lambda v: save_answer(v, 1, "s1.q01", "I could not stop.")),
    ("a step's status", lambda v: set_status(v, 2, StepStatus.WORKING, DAY)),
    ("a step's notes", lambda v: save_step_notes(v, 2, "Talk to Sam.")),
    ("discussed with the sponsor", lambda v: set_sponsor_discussed(v, 2, DAY)),
    ("my wording of a step", lambda v: set_wording(v, 3, "I let go.", "en")),
    (
        "a night's review",
        lambda v: save_review(
            v, NightlyReview(DAY, (ReviewAnswer("q.kind", True, "kind to Dan"),)), ["Tea"]
        ),
    ),
    ("an apology for step 8", lambda v: add_apology_to_step8(v, DAY, "Dan", "snapped")),
    ("an inventory row", lambda v: apply_changes(v, [LANDLORD], [])),
    ("the row to step 8", lambda v: send_to_step8(v, LANDLORD)),
    ("my part to steps 6-7", lambda v: carry_defects_to_steps_6_7(v, {"selfish": "Selfish"})),
    ("a row duplicated", lambda v: duplicate(v, LANDLORD)),
    ("a defect", lambda v: apply_changes(v, [Defect("d1", "Impatience")], [])),
    ("the focus of the day", lambda v: set_focus_of_the_day(v, DAY, "d1")),
    ("a meeting", lambda v: apply_changes(v, [Meeting("m1", DAY, "Tuesday group")], [])),
    ("a clean date", lambda v: apply_changes(v, [CleanDate("c1", "Alcohol", DAY)], [])),
    ("a slip", lambda v: record_slip(v, "c1", DAY, "A drink")),
    ("90 in 90", lambda v: set_ninety_start(v, DAY)),
    ("the settings", lambda v: save_settings(v, replace(load_settings(v), display_name="Al"))),
    ("a journal entry", lambda v: save_entry(v, ENTRY)),
    ("the entry deleted", lambda v: delete_entry(v, "e1")),
    ("the entry back", lambda v: restore_entry(v, ENTRY)),
    ("the sponsor's notes kept", lambda v: keep_notes(v, [NOTE])),
    ("a note answered", lambda v: answer_note(v, NOTE.uid, "I will.")),
    ("a note deleted", lambda v: delete_note(v, NOTE.uid)),
]


def _parts(vault: Any) -> dict[str, Any]:
    document = export_document(vault)
    return {part: document[part] for part in _AREA_OF_PART}


def test_each_write_announces_every_part_it_changed(new_vault):
    wrong = []
    for name, write in WRITES:
        before = _parts(new_vault)
        announced = carried_by(write(new_vault))
        after = _parts(new_vault)
        touched = {_AREA_OF_PART[part] for part in before if before[part] != after[part]}
        assert touched, f"{name} changed nothing: the test's list is out of order"
        missing = {area for area in touched if not getattr(announced, area)}
        if missing:
            wrong.append(f"{name}: changed {sorted(missing)} but did not say so")
    assert wrong == []


def test_a_write_that_changes_nothing_announces_nothing(new_vault):
    apply_changes(new_vault, [LANDLORD], [])
    send_to_step8(new_vault, LANDLORD)
    assert carried_by(send_to_step8(new_vault, LANDLORD)) == Changes()  # already on the list
    save_daily_note(new_vault, DAY, "Same words")
    assert carried_by(save_daily_note(new_vault, DAY, "Same words")) == Changes()


def test_no_caller_states_changes_by_hand():
    """The changes come with the result only: there is no second place to state them, so the
    two can never disagree (a page announced the steps where its service changed the day too)."""
    for run in (Operations.run, Autosave.run):
        assert "changes" not in inspect.signature(run).parameters
