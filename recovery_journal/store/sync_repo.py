"""The versions a merge needs (``sync_versions``, schema 9): see domain/sync_merge.py."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

import sqlcipher3

from recovery_journal.domain.sync_merge import Dot, Key, Version

_COLUMNS = "kind, identity, computer, counter, seen, written_at, words"


def version_of(row: tuple[str, str, str, int, str, str, str | None]) -> Version:
    kind, identity, computer, counter, seen, written_at, words = row
    return Version(
        (kind, identity),
        Dot(computer, int(counter)),
        tuple(sorted((str(c), int(n)) for c, n in json.loads(seen))),
        written_at,
        words,
    )


def row_of(version: Version) -> tuple[str, str, str, int, str, str, str | None]:
    return (
        *version.key,
        version.dot.computer,
        version.dot.counter,
        json.dumps([list(dot) for dot in version.seen], separators=(",", ":")),
        version.written_at,
        version.words,
    )


def read_versions(conn: sqlcipher3.Connection) -> Iterator[Version]:
    for row in conn.execute(f"SELECT {_COLUMNS} FROM sync_versions ORDER BY computer, counter"):
        yield version_of(row)


def write_versions(conn: sqlcipher3.Connection, versions: Iterable[Version]) -> None:
    conn.executemany(
        f"INSERT INTO sync_versions ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (row_of(version) for version in versions),
    )


class SqlSyncRepository:
    def __init__(self, conn: sqlcipher3.Connection) -> None:
        self._conn = conn

    def versions(self) -> list[Version]:
        return list(read_versions(self._conn))

    def replace(self, keys: Iterable[Key], versions: Iterable[Version]) -> None:
        """The records ``keys`` now have exactly ``versions`` (those of other records are kept)."""
        self._conn.executemany(
            "DELETE FROM sync_versions WHERE kind = ? AND identity = ?", list(keys)
        )
        write_versions(self._conn, versions)

    def written_since_exchange(self) -> bool:
        """Whether any table of the journal changed since ``mark_exchanged`` (schema 9's
        triggers count every change)."""
        changes, exchanged = self._conn.execute(
            "SELECT changes, exchanged FROM sync_state"
        ).fetchone()
        return bool(changes != exchanged)

    def mark_exchanged(self) -> None:
        self._conn.execute("UPDATE sync_state SET exchanged = changes")

    def written_twice(self) -> int:
        """How many records hold two versions with different words (domain: Record.others)."""
        row = self._conn.execute(
            "SELECT count(*) FROM (SELECT 1 FROM sync_versions WHERE words IS NOT NULL "
            "GROUP BY kind, identity HAVING count(DISTINCT words) > 1)"
        ).fetchone()
        return int(row[0])
