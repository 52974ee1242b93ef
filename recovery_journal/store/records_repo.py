"""Every declared kind of record (domain/record_kinds.py), one table each, stored by one mapping.

Each record type is a frozen dataclass whose field names are its table's columns; dates are stored
as ISO days and enums as their values. The table, its order and what the search keeps of a row
come from the kind's declaration.
"""

from __future__ import annotations

from datetime import date
from typing import Any, TypeVar

import sqlcipher3

from recovery_journal.domain import record_kinds
from recovery_journal.domain.clean_time import CleanDate, Slip
from recovery_journal.domain.record_kinds import RecordKind
from recovery_journal.domain.records import field_kinds, record_from_plain, record_to_plain
from recovery_journal.domain.search_items import item_of_record
from recovery_journal.store.search_index import SqlSearchIndex

R = TypeVar("R")


def order_by(kind: RecordKind) -> str:
    """The kind's declared order as SQL: "-day" is newest first."""
    return ", ".join(
        f'"{field[1:]}" DESC' if field.startswith("-") else f'"{field}"' for field in kind.order
    )


class SqlRecordRepository:
    def __init__(self, conn: sqlcipher3.Connection, search: SqlSearchIndex) -> None:
        self._conn = conn
        self._search = search

    def all(self, record_type: type[R]) -> list[R]:
        kind = record_kinds.kind_of(record_type)
        table, order = kind.name, order_by(kind)
        names = [name for name, _kind in field_kinds(record_type)]
        columns = ", ".join(f'"{name}"' for name in names)
        rows = self._conn.execute(f"SELECT {columns} FROM {table} ORDER BY {order}")
        return [record_from_plain(record_type, dict(zip(names, row, strict=True))) for row in rows]

    def in_days(self, record_type: type[R], first: date, last: date) -> list[R]:
        """The records of a dated type whose ``day`` is from ``first`` to ``last``."""
        kind = record_kinds.kind_of(record_type)
        table, order = kind.name, order_by(kind)
        names = [name for name, _kind in field_kinds(record_type)]
        columns = ", ".join(f'"{name}"' for name in names)
        rows = self._conn.execute(
            f"SELECT {columns} FROM {table} WHERE day BETWEEN ? AND ? ORDER BY {order}",
            (first.isoformat(), last.isoformat()),
        )
        return [record_from_plain(record_type, dict(zip(names, row, strict=True))) for row in rows]

    def save(self, record: Any) -> None:
        kind = record_kinds.kind_of(type(record))
        table = kind.name
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
        if kind.search is not None:
            self._search.put(item_of_record(record))

    def delete(self, record_type: type, uid: str) -> None:
        kind = record_kinds.kind_of(record_type)
        if record_type is CleanDate:
            # Its slips go with it (ON DELETE CASCADE), and so must their words in the index.
            for (slip_uid,) in self._conn.execute(
                "SELECT uid FROM slips WHERE clean_uid = ?", (uid,)
            ).fetchall():
                self._search.drop(record_kinds.kind_of(Slip).name, slip_uid)
        self._conn.execute(f"DELETE FROM {kind.name} WHERE uid = ?", (uid,))
        if kind.search is not None:
            self._search.drop(kind.name, uid)

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
