"""Adding, changing and removing the records kept beside particular steps."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date
from typing import Any, TypeVar

from recovery_journal.domain.ports import Vault
from recovery_journal.domain.step_tools import Defect
from recovery_journal.services.changes import STEPS_CHANGED, Changes, records_changed

R = TypeVar("R")


def new_uid() -> str:
    return uuid.uuid4().hex


def list_records(vault: Vault, record_type: type[R]) -> list[R]:
    return vault.records.all(record_type)


def save_record(vault: Vault, record: Any) -> Changes:
    return apply_changes(vault, [record], [])


def delete_record(vault: Vault, record_type: type, uid: str) -> Changes:
    return apply_changes(vault, [], [(record_type, uid)])


def duplicate_plan(rows: list[Any], row: Any, uid: str) -> tuple[Any, list[Any]]:
    """A copy of ``row`` placed right after it, and the later rows moved down one place."""
    copy = replace(row, uid=uid, position=row.position + 1)
    moved = [replace(o, position=o.position + 1) for o in rows if o.position > row.position]
    return copy, moved


def move_plan(rows: list[Any], row: Any, step: int) -> list[Any]:
    """The rows whose position changes when ``row`` moves ``step`` places (empty at an end)."""
    ordered = sorted(rows, key=lambda r: (r.position, r.uid))
    here = ordered.index(row)
    there = here + step
    if not 0 <= there < len(ordered):
        return []
    ordered[here], ordered[there] = ordered[there], ordered[here]
    return [replace(r, position=p) for p, r in enumerate(ordered) if r.position != p]


def apply_changes(vault: Vault, saves: list[Any], deletes: list[tuple[type, str]]) -> Changes:
    """Several records saved and removed in one transaction (one undoable step of a table)."""
    with vault.transaction():
        for record_type, uid in deletes:
            vault.records.delete(record_type, uid)
        for record in saves:
            vault.records.save(record)
    return records_changed([type(record) for record in saves] + [kind for kind, _ in deletes])


def focus_of_the_day(vault: Vault, day: date) -> Defect | None:
    uid = vault.records.focus(day)
    if uid is None:
        return None
    return next((d for d in vault.records.all(Defect) if d.uid == uid), None)


def set_focus_of_the_day(vault: Vault, day: date, defect_uid: str | None) -> Changes:
    with vault.transaction():
        vault.records.set_focus(day, defect_uid)
    return STEPS_CHANGED
