"""Numbered schema migrations, applied in order, each with its version bump in one transaction.

A migration is ``migrations/NNNN_name.sql``. Never edit one that has been released: add the next.
A fixture vault of every released schema lives in ``tests/fixtures/vaults``; tests upgrade each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import sqlcipher3

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


@cache
def all_migrations() -> tuple[Migration, ...]:
    found = []
    for entry in resources.files("recovery_journal.store").joinpath("migrations").iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text("utf-8")))
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
        # The script holds its own BEGIN/COMMIT so executescript cannot split it; user_version is
        # transactional, so a failure leaves neither the tables nor the bump behind.
        script = (
            "BEGIN IMMEDIATE;\n"
            f"{migration.sql}\n;\n"
            f"PRAGMA user_version = {migration.version};\n"
            "COMMIT;"
        )
        try:
            conn.executescript(script)
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        current = migration.version
    return current
