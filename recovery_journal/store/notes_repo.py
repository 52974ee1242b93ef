"""Daily notes in the ``daily_notes`` table."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date

import sqlcipher3

from recovery_journal.domain.clock import day_from_iso, from_iso, to_iso
from recovery_journal.domain.notes import DailyNote
from recovery_journal.domain.search_items import NOTE, item_of_note
from recovery_journal.store.search_index import SqlSearchIndex

_COLUMNS = "day, text, created_at, updated_at"


def _note(row: tuple[str, str, str, str]) -> DailyNote:
    return DailyNote(day_from_iso(row[0]), row[1], from_iso(row[2]), from_iso(row[3]))


class SqlDailyNoteRepository:
    def __init__(self, conn: sqlcipher3.Connection, search: SqlSearchIndex) -> None:
        self._conn = conn
        self._search = search

    def get(self, day: date) -> DailyNote | None:
        row = self._conn.execute(
            f"SELECT {_COLUMNS} FROM daily_notes WHERE day = ?", (day.isoformat(),)
        ).fetchone()
        return _note(row) if row else None

    def save(self, note: DailyNote) -> None:
        self._conn.execute(
            f"INSERT INTO daily_notes ({_COLUMNS}) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(day) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
            (note.day.isoformat(), note.text, to_iso(note.created_at), to_iso(note.updated_at)),
        )
        self._search.put(item_of_note(note))

    def delete(self, day: date) -> None:
        self._conn.execute("DELETE FROM daily_notes WHERE day = ?", (day.isoformat(),))
        self._search.drop(NOTE, day.isoformat())

    def recent(self, limit: int, before: date | None = None) -> Sequence[DailyNote]:
        bound = (before or date.max).isoformat()
        rows = self._conn.execute(
            f"SELECT {_COLUMNS} FROM daily_notes WHERE day < ? ORDER BY day DESC LIMIT ?",
            (bound, limit),
        ).fetchall()
        return [_note(row) for row in rows]

    def all(self) -> Iterator[DailyNote]:
        for row in self._conn.execute(f"SELECT {_COLUMNS} FROM daily_notes ORDER BY day"):
            yield _note(row)

    def count(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM daily_notes").fetchone()[0])
