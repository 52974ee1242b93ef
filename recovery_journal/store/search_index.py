"""The full-text index inside the vault: ``search_items`` plus the FTS5 table ``search_words``.

Every repository that saves or deletes something the person wrote calls ``put`` or ``drop`` in the
same transaction, so the index never drifts from the tables. The stems need Python (Snowball), so
SQL alone cannot fill it: after a migration, an import, or a change of INDEX_VERSION, ``rebuild``
fills it again from the tables (``ensure_built`` runs at every open).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

import sqlcipher3

from recovery_journal.domain import record_kinds
from recovery_journal.domain import search_items as items
from recovery_journal.domain.search import IndexedItem, index_columns

INDEX_VERSION = 2  # bump when the words or stems change: every vault is indexed again at open


def _item(row: tuple[Any, ...]) -> IndexedItem:
    kind, ref, day, title, body = row
    return IndexedItem(kind, ref, date.fromisoformat(day) if day else None, title, body)


class SqlSearchIndex:
    def __init__(self, conn: sqlcipher3.Connection) -> None:
        self._conn = conn
        self.paused = False  # in a bulk write, rebuilt as a whole at its end

    def put(self, item: IndexedItem | None) -> None:
        """Index ``item`` in place of what its kind and ref held; an empty item is dropped."""
        if item is None or self.paused:
            return  # a record of a kind that holds no writing, or a bulk write under way
        if item.empty:
            self.drop(item.kind, item.ref)
            return
        values = (item.day.isoformat() if item.day else None, item.title, item.body)
        # A lookup, then a plain insert or update: twice as fast as an upsert with RETURNING.
        row = self._conn.execute(
            "SELECT id, day, title, body FROM search_items WHERE kind = ? AND ref = ?",
            (item.kind, item.ref),
        ).fetchone()
        if row is not None and tuple(row[1:]) == values:
            return  # an autosave that changed no words: no pages of the index rewritten
        stems, words = index_columns(item.text)
        if row is None:
            rowid = self._conn.execute(
                "INSERT INTO search_items (kind, ref, day, title, body) VALUES (?, ?, ?, ?, ?)",
                (item.kind, item.ref, *values),
            ).lastrowid
        else:
            rowid = row[0]
            self._conn.execute(
                "UPDATE search_items SET day = ?, title = ?, body = ? WHERE id = ?",
                (*values, rowid),
            )
            self._conn.execute("DELETE FROM search_words WHERE rowid = ?", (rowid,))
        self._conn.execute(
            "INSERT INTO search_words (rowid, stems, words) VALUES (?, ?, ?)",
            (rowid, stems, words),
        )

    def drop(self, kind: str, ref: str) -> None:
        if self.paused:
            return
        row = self._conn.execute(
            "DELETE FROM search_items WHERE kind = ? AND ref = ? RETURNING id", (kind, ref)
        ).fetchone()
        if row is not None:
            self._conn.execute("DELETE FROM search_words WHERE rowid = ?", (row[0],))

    def find(self, expression: str, limit: int) -> list[IndexedItem]:
        """Items matching an FTS5 expression (domain.search builds it), best first."""
        rows = self._conn.execute(
            "SELECT i.kind, i.ref, i.day, i.title, i.body FROM search_words "
            "JOIN search_items AS i ON i.id = search_words.rowid "
            "WHERE search_words MATCH ? ORDER BY bm25(search_words), i.day DESC LIMIT ?",
            (expression, limit),
        )
        return [_item(row) for row in rows]

    def everything(self) -> Iterator[IndexedItem]:
        """What the index holds now (for checks)."""
        for row in self._conn.execute(
            "SELECT kind, ref, day, title, body FROM search_items ORDER BY kind, ref"
        ):
            yield _item(row)

    def indexed_words(self) -> dict[tuple[str, str], tuple[str, str]]:
        """(kind, ref) -> (stems, words) as the FTS table holds them (for checks)."""
        rows = self._conn.execute(
            "SELECT i.kind, i.ref, w.stems, w.words FROM search_items AS i "
            "JOIN search_words AS w ON w.rowid = i.id"
        )
        return {(kind, ref): (stems, words) for kind, ref, stems, words in rows}

    def rebuild(self, found: Iterable[IndexedItem | None]) -> None:
        """Fill the index anew with ``found`` (in bulk: about 3 s for ten years, not 16)."""
        self._conn.execute("DELETE FROM search_items")
        self._conn.execute("DELETE FROM search_words")
        kept = [item for item in found if item is not None and not item.empty]
        self._conn.executemany(
            "INSERT INTO search_items (id, kind, ref, day, title, body) VALUES (?, ?, ?, ?, ?, ?)",
            (
                (n, i.kind, i.ref, i.day.isoformat() if i.day else None, i.title, i.body)
                for n, i in enumerate(kept, start=1)
            ),
        )
        self._conn.executemany(
            "INSERT INTO search_words (rowid, stems, words) VALUES (?, ?, ?)",
            ((n, *index_columns(i.text)) for n, i in enumerate(kept, start=1)),
        )
        self._conn.execute(
            "INSERT INTO search_state (id, index_version) VALUES (1, ?) "
            "ON CONFLICT (id) DO UPDATE SET index_version = excluded.index_version",
            (INDEX_VERSION,),
        )
        # One b-tree per term instead of many small segments: faster queries from now on.
        self._conn.execute("INSERT INTO search_words (search_words) VALUES ('optimize')")

    def built_version(self) -> int | None:
        row = self._conn.execute("SELECT index_version FROM search_state").fetchone()
        return int(row[0]) if row else None


def everything_written(vault: Any) -> Iterator[IndexedItem | None]:
    """Every item the index should hold, read from the vault's own tables."""
    for entry in vault.journal.all():
        yield items.item_of_entry(entry)
    for note in vault.notes.all():
        yield items.item_of_note(note)
    for answer in vault.steps.answers().values():
        yield items.item_of_answer(answer)
    for progress in vault.steps.progress().values():
        yield items.item_of_progress(progress)
    for review in vault.reviews.all():
        yield items.item_of_review(review)
    for kind in record_kinds.indexed():
        for record in vault.records.all(kind.record):
            yield items.item_of_record(record)
