"""An encrypted copy of a vault: written, read back, checked, and only then given its name.

A backup is a whole vault, encrypted with the same passphrase (``sqlcipher_export`` into a
database attached with the open vault's own key), written under a temporary name, read back
and compared with the vault, and only then moved to its name. Putting one back is
``store.restore``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import sqlcipher3

from recovery_journal.errors import VaultDamaged, VaultExists
from recovery_journal.temporaries import fsync_file, place_new, temporary_beside


def _counts(conn: Any, schema: str, tables: list[str]) -> dict[str, int]:
    return {
        table: int(conn.execute(f'SELECT count(*) FROM {schema}."{table}"').fetchone()[0])
        for table in tables
    }


def write_backup(
    conn: Any, target: Path, application_id: int, *, other_name_if_taken: bool = True
) -> Path:
    """Copy the vault open on ``conn`` to ``target``, checked, or leave nothing behind; the
    name it got. Never replaces a file: a taken name becomes "<name> (2)", or, without
    ``other_name_if_taken``, VaultExists is raised.

    Runs outside any transaction, on the thread that owns ``conn``.
    """
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not other_name_if_taken and os.path.lexists(target):
        raise VaultExists(target)  # said before the copy is made, not after
    with temporary_beside(target, "writing") as temporary:
        # Attached without a KEY clause, the copy takes the vault's own key and salt, so the
        # person's passphrase opens it.
        conn.execute("ATTACH DATABASE ? AS backup", (str(temporary),))
        try:
            # No journal and no fsync per statement: a temporary nobody reads until it is
            # whole, synced once below and checked. Each of the export's statements otherwise
            # made and synced a rollback journal: 338 fsyncs for one backup.
            conn.execute("PRAGMA backup.journal_mode = OFF")
            conn.execute("PRAGMA backup.synchronous = OFF")
            conn.execute("SELECT sqlcipher_export('backup')")
            version = int(conn.execute("PRAGMA main.user_version").fetchone()[0])
            conn.execute(f"PRAGMA backup.user_version = {version}")
            conn.execute(f"PRAGMA backup.application_id = {int(application_id)}")
        finally:
            conn.execute("DETACH DATABASE backup")
        fsync_file(temporary)
        _check_copy(conn, temporary)
        try:
            return place_new(temporary, target, other_name_if_taken=other_name_if_taken)
        except FileExistsError as error:
            raise VaultExists(target) from error


def _check_copy(conn: Any, copy: Path) -> None:
    """Read every page of the copy back (each page's HMAC is checked) and compare row counts."""
    conn.execute("ATTACH DATABASE ? AS written", (str(copy),))
    try:
        problems = [row[0] for row in conn.execute("PRAGMA written.integrity_check")]
        if problems != ["ok"]:
            raise VaultDamaged(copy, "; ".join(problems[:3]))
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM main.sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%'"
            )
        ]
        if _counts(conn, "main", tables) != _counts(conn, "written", tables):
            raise VaultDamaged(copy, "the copy does not hold what the vault holds")
    except sqlcipher3.DatabaseError as error:
        raise VaultDamaged(copy, str(error)) from error
    finally:
        conn.execute("DETACH DATABASE written")


def copy_file(source: Path, target: Path) -> None:
    with source.open("rb") as reading, target.open("wb") as writing:
        shutil.copyfileobj(reading, writing, 1 << 20)
        writing.flush()
        os.fsync(writing.fileno())
