"""The step tools' records, one table each, stored by one generic mapping.

Each record type is a frozen dataclass whose field names are its table's columns; dates are stored
as ISO days and enums as their values.
"""

from __future__ import annotations

from datetime import date
from typing import Any, TypeVar

import sqlcipher3

from recovery_journal.domain.clean_time import CleanDate, Slip
from recovery_journal.domain.daily import (
    GratitudeEntry,
    Meeting,
    RatingDimension,
    ReviewQuestion,
    SpotCheck,
)
from recovery_journal.domain.inventory import Amend, Fear, Harm, Resentment, SexConduct
from recovery_journal.domain.records import field_kinds, record_from_plain, record_to_plain
from recovery_journal.domain.search_items import KIND_OF_RECORD, item_of_record
from recovery_journal.domain.step_tools import (
    Defect,
    InventoryShare,
    PracticeEntry,
    ServiceEntry,
    Step1Example,
)
from recovery_journal.store.search_index import SqlSearchIndex

R = TypeVar("R")

TABLES: dict[type, tuple[str, str]] = {
    # record type: (table, order)
    Step1Example: ("step1_examples", "list, position, uid"),
    InventoryShare: ("inventory_shares", "shared_on DESC, uid"),
    Defect: ("defects", "position, name, uid"),
    PracticeEntry: ("practice_log", "day DESC, uid"),  # logs: newest first
    ServiceEntry: ("service_log", "day DESC, uid"),
    Resentment: ("resentments", "position, uid"),
    Fear: ("fears", "position, uid"),
    SexConduct: ("sex_conduct", "position, uid"),
    Harm: ("harms", "position, uid"),
    Amend: ("amends", "position, uid"),
    CleanDate: ("clean_dates", "position, since, uid"),
    Slip: ("slips", '"on", uid'),
    ReviewQuestion: ("review_questions", "position, uid"),
    RatingDimension: ("rating_dimensions", "position, uid"),
    SpotCheck: ("spot_checks", "day DESC, at DESC, uid"),
    GratitudeEntry: ("gratitude", "day DESC, position, uid"),
    Meeting: ("meetings", "day DESC, uid"),
}


class SqlStepToolRepository:
    def __init__(self, conn: sqlcipher3.Connection, search: SqlSearchIndex) -> None:
        self._conn = conn
        self._search = search

    def all(self, record_type: type[R]) -> list[R]:
        table, order = TABLES[record_type]
        names = [name for name, _kind in field_kinds(record_type)]
        columns = ", ".join(f'"{name}"' for name in names)
        rows = self._conn.execute(f"SELECT {columns} FROM {table} ORDER BY {order}")
        return [record_from_plain(record_type, dict(zip(names, row, strict=True))) for row in rows]

    def in_days(self, record_type: type[R], first: date, last: date) -> list[R]:
        """The records of a dated type whose ``day`` is from ``first`` to ``last``."""
        table, order = TABLES[record_type]
        names = [name for name, _kind in field_kinds(record_type)]
        columns = ", ".join(f'"{name}"' for name in names)
        rows = self._conn.execute(
            f"SELECT {columns} FROM {table} WHERE day BETWEEN ? AND ? ORDER BY {order}",
            (first.isoformat(), last.isoformat()),
        )
        return [record_from_plain(record_type, dict(zip(names, row, strict=True))) for row in rows]

    def save(self, record: Any) -> None:

        table = TABLES[type(record)][0]
        plain = record_to_plain(record)
        names = list(plain)
        # Tick-box sets are kept as comma-joined option keys in one column.
        values = [",".join(v) if isinstance(v, list) else v for v in plain.values()]
        # An upsert, not INSERT OR REPLACE: a replace deletes the row first, and the delete
        # would cascade to rows that point at it (a defect's days of focus).
        updates = ", ".join(f'"{name}" = excluded."{name}"' for name in names if name != "uid")
        columns = ", ".join(f'"{name}"' for name in names)  # quoted: "where" is a keyword
        self._conn.execute(
            f"INSERT INTO {table} ({columns}) "
            f"VALUES ({', '.join('?' for _ in names)}) "
            f"ON CONFLICT(uid) DO UPDATE SET {updates}",
            values,
        )
        if type(record) in KIND_OF_RECORD:
            self._search.put(item_of_record(record))

    def delete(self, record_type: type, uid: str) -> None:
        table = TABLES[record_type][0]
        if record_type is CleanDate:
            # Its slips go with it (ON DELETE CASCADE), and so must their words in the index.
            for (slip_uid,) in self._conn.execute(
                "SELECT uid FROM slips WHERE clean_uid = ?", (uid,)
            ).fetchall():
                self._search.drop(KIND_OF_RECORD[Slip], slip_uid)
        self._conn.execute(f"DELETE FROM {table} WHERE uid = ?", (uid,))
        if record_type in KIND_OF_RECORD:
            self._search.drop(KIND_OF_RECORD[record_type], uid)

    def focus(self, day: date) -> str | None:
        row = self._conn.execute(
            "SELECT defect_uid FROM defect_focus WHERE day = ?", (day.isoformat(),)
        ).fetchone()
        return row[0] if row else None

    def set_focus(self, day: date, defect_uid: str | None) -> None:
        self._conn.execute("DELETE FROM defect_focus WHERE day = ?", (day.isoformat(),))
        if defect_uid:
            self._conn.execute(
                "INSERT INTO defect_focus (day, defect_uid) VALUES (?, ?)",
                (day.isoformat(), defect_uid),
            )

    def all_focus(self) -> dict[date, str]:
        rows = self._conn.execute("SELECT day, defect_uid FROM defect_focus ORDER BY day")
        return {date.fromisoformat(day): uid for day, uid in rows}
