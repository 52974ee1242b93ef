"""Free journal entries in ``journal_entries`` and their tags in ``journal_tags``."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import sqlcipher3

from recovery_journal.domain.clock import day_from_iso, from_iso, to_iso
from recovery_journal.domain.journal import JournalEntry, Mood
from recovery_journal.domain.search_items import JOURNAL, item_of_entry
from recovery_journal.store.search_index import SqlSearchIndex

_COLUMNS = "uid, day, title, body, mood, created_at, updated_at"
_ORDER = "ORDER BY day, created_at, uid"


class SqlJournalRepository:
    def __init__(self, conn: sqlcipher3.Connection, search: SqlSearchIndex) -> None:
        self._conn = conn
        self._search = search

    def _entries(self, where: str = "", args: tuple[Any, ...] = ()) -> list[JournalEntry]:
        rows = self._conn.execute(
            f"SELECT {_COLUMNS} FROM journal_entries {where} {_ORDER}", args
        ).fetchall()
        if not rows:
            return []
        tags: dict[str, set[str]] = {}
        uids = [row[0] for row in rows]
        for start in range(0, len(uids), 500):
            chunk = uids[start : start + 500]
            for uid, tag in self._conn.execute(
                "SELECT entry_uid, tag FROM journal_tags "
                f"WHERE entry_uid IN ({', '.join('?' for _ in chunk)})",
                chunk,
            ):
                tags.setdefault(uid, set()).add(tag)
        return [
            JournalEntry(
                uid=uid,
                day=day_from_iso(day),
                title=title,
                body=body,
                mood=Mood(mood) if mood else None,
                created_at=from_iso(created),
                updated_at=from_iso(updated),
                tags=frozenset(tags.get(uid, ())),
            )
            for uid, day, title, body, mood, created, updated in rows
        ]

    def get(self, uid: str) -> JournalEntry | None:
        found = self._entries("WHERE uid = ?", (uid,))
        return found[0] if found else None

    def on_day(self, day: date) -> list[JournalEntry]:
        return self._entries("WHERE day = ?", (day.isoformat(),))

    def between(self, first: date, last: date) -> list[JournalEntry]:
        return self._entries("WHERE day BETWEEN ? AND ?", (first.isoformat(), last.isoformat()))

    def on_this_day(self, day: date) -> list[JournalEntry]:
        """Entries of the same month and day in earlier years, newest year first."""
        found = self._entries(
            "WHERE substr(day, 6) = ? AND day < ?", (day.isoformat()[5:], day.isoformat())
        )
        return sorted(found, key=lambda entry: entry.day, reverse=True)

    def days(self) -> dict[date, int]:
        """Each day with entries, and how many."""
        rows = self._conn.execute("SELECT day, count(*) FROM journal_entries GROUP BY day")
        return {day_from_iso(day): count for day, count in rows}

    def tags(self) -> dict[str, int]:
        rows = self._conn.execute(
            "SELECT tag, count(*) FROM journal_tags GROUP BY tag ORDER BY tag"
        )
        return dict(rows)

    def all(self) -> Iterator[JournalEntry]:
        yield from self._entries()

    def count(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM journal_entries").fetchone()[0])

    def save(self, entry: JournalEntry) -> None:
        self._conn.execute(
            f"INSERT INTO journal_entries ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (uid) DO UPDATE SET day = excluded.day, title = excluded.title, "
            "body = excluded.body, mood = excluded.mood, updated_at = excluded.updated_at",
            (
                entry.uid,
                entry.day.isoformat(),
                entry.title,
                entry.body,
                entry.mood.value if entry.mood else None,
                to_iso(entry.created_at),
                to_iso(entry.updated_at),
            ),
        )
        self._conn.execute("DELETE FROM journal_tags WHERE entry_uid = ?", (entry.uid,))
        self._conn.executemany(
            "INSERT INTO journal_tags (entry_uid, tag) VALUES (?, ?)",
            [(entry.uid, tag) for tag in sorted(entry.tags)],
        )
        self._search.put(item_of_entry(entry))

    def delete(self, uid: str) -> None:
        self._conn.execute("DELETE FROM journal_entries WHERE uid = ?", (uid,))
        self._search.drop(JOURNAL, uid)
