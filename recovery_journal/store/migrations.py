"""Numbered schema migrations, applied in order, each with its version bump in one transaction.

A migration is ``migrations/NNNN_name.sql``, and, for what SQL alone cannot say (a rule of the
domain applied to the rows), a data step in ``DATA_STEPS`` run after it in the same transaction.
Never edit one that has been released: add the next. A fixture vault of every released schema
lives in ``tests/fixtures/vaults``; tests upgrade each.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources

import sqlcipher3

from recovery_journal.domain.inventory import Amend, Resentment, with_cause_moved
from recovery_journal.domain.journal_identity import new_journal_id
from recovery_journal.domain.records import from_plain, to_plain
from recovery_journal.domain.settings_keys import JOURNAL_ID

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")

DataStep = Callable[[sqlcipher3.Connection], None]


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str
    data: DataStep | None = None


def _step8_my_part(conn: sqlcipher3.Connection) -> None:
    """Schema 7: step 8 entries sent from a resentment carried its cause as the harm.

    The rule is the domain's (``with_cause_moved``), the one an import of an older export uses.
    Only the columns of schema 7 are named here, never the whole current record, so a later
    schema cannot change what this step does.
    """
    rows = conn.execute(
        "SELECT a.uid, a.harm, a.source_uid, r.cause, r.my_part, r.my_part_notes "
        "FROM amends AS a JOIN resentments AS r ON r.uid = a.source_uid"
    ).fetchall()
    for uid, harm, source_uid, cause, my_part, notes in rows:
        row = Resentment(
            source_uid,
            cause=cause,
            my_part=from_plain(frozenset[str], my_part),
            my_part_notes=notes,
        )
        moved = with_cause_moved(Amend(uid, harm=harm, source_uid=source_uid), row)
        if moved is not None:
            conn.execute(
                "UPDATE amends SET harm = ?, my_part = ?, their_part = ? WHERE uid = ?",
                (moved.harm, ",".join(to_plain(moved.my_part)), moved.their_part, uid),
            )


def _journal_id(conn: sqlcipher3.Connection) -> None:
    """Schema 8: the journal gets its identifier, which reports carry so that a sponsor's reply
    is known to be this journal's. A new vault gets it here too (it is made by every migration),
    so it is there before any report, even one made from a vault opened for reading only."""
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING",
        (JOURNAL_ID.name, new_journal_id()),
    )


DATA_STEPS: dict[int, DataStep] = {7: _step8_my_part, 8: _journal_id}


@cache
def all_migrations() -> tuple[Migration, ...]:
    found = []
    for entry in resources.files("recovery_journal.store").joinpath("migrations").iterdir():
        match = _NAME.match(entry.name)
        if match:
            version = int(match.group(1))
            found.append(
                Migration(version, entry.name, entry.read_text("utf-8"), DATA_STEPS.get(version))
            )
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migrations must be numbered 1..n without gaps, found {versions}")
    return tuple(found)


def latest_version() -> int:
    return len(all_migrations())


def apply_migrations(
    conn: sqlcipher3.Connection,
    current: int,
    migrations: tuple[Migration, ...] | None = None,
) -> int:
    """Bring the schema from ``current`` to the newest; return the version reached."""
    for migration in migrations if migrations is not None else all_migrations():
        if migration.version <= current:
            continue
        # The script opens its own transaction (the connection runs without implicit ones, so
        # executescript cannot split it); the data step, the version bump and the commit follow
        # in it. user_version is transactional: a failure leaves neither the tables, nor the
        # rows, nor the bump behind.
        try:
            conn.executescript(f"BEGIN IMMEDIATE;\n{migration.sql}\n;")
            if migration.data is not None:
                migration.data(conn)
            conn.execute(f"PRAGMA user_version = {migration.version}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        current = migration.version
    return current
