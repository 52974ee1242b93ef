"""Encrypted copies of a vault and putting one back in its place.

A backup is a whole vault, encrypted with the same passphrase (``sqlcipher_export`` into a
database attached with the open vault's own key), written under a temporary name, read back
and compared with the vault, and only then moved to its name. Restoring never writes over the
vault before the copy has been opened with the passphrase and checked.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlcipher3

from recovery_journal.errors import NotAVault, VaultDamaged
from recovery_journal.store.files import (
    fsync_directory,
    fsync_file,
    private_temporary,
    remove_with_sidecars,
)


def _counts(conn: Any, schema: str, tables: list[str]) -> dict[str, int]:
    return {
        table: int(conn.execute(f'SELECT count(*) FROM {schema}."{table}"').fetchone()[0])
        for table in tables
    }


def write_backup(conn: Any, target: Path, application_id: int) -> None:
    """Copy the vault open on ``conn`` to ``target``, checked, or leave nothing behind.

    Runs outside any transaction, on the thread that owns ``conn``.
    """
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = private_temporary(target, "writing")
    try:
        # Attached without a KEY clause, the copy takes the vault's own key and salt, so the
        # person's passphrase opens it.
        conn.execute("ATTACH DATABASE ? AS backup", (str(temporary),))
        try:
            conn.execute("SELECT sqlcipher_export('backup')")
            version = int(conn.execute("PRAGMA main.user_version").fetchone()[0])
            conn.execute(f"PRAGMA backup.user_version = {version}")
            conn.execute(f"PRAGMA backup.application_id = {int(application_id)}")
        finally:
            conn.execute("DETACH DATABASE backup")
        fsync_file(temporary)
        _check_copy(conn, temporary)
        os.replace(temporary, target)
        fsync_directory(target.parent)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


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


@contextlib.contextmanager
def _checked_copy(
    backup: Path, beside: Path, passphrase: str, kdf_iterations: int, purpose: str
) -> Iterator[Path]:
    """A private copy of ``backup`` beside ``beside``, proven to open with ``passphrase`` and
    to check clean; removed on leaving unless it was moved away."""
    from recovery_journal.store.vault_file import open_vault

    if not backup.is_file():
        raise NotAVault(backup)
    temporary = private_temporary(beside, purpose)
    try:
        with backup.open("rb") as source, temporary.open("wb") as copy:
            while chunk := source.read(1 << 20):
                copy.write(chunk)
            copy.flush()
            os.fsync(copy.fileno())
        opened = open_vault(temporary, passphrase, kdf_iterations=kdf_iterations)
        try:
            problems = opened.integrity_problems()
        finally:
            opened.close()
        if problems:
            raise VaultDamaged(backup, "; ".join(problems[:3]))
        yield temporary
    finally:
        remove_with_sidecars(temporary)


def restore_backup(
    backup: Path,
    vault: Path,
    passphrase: str,
    *,
    kdf_iterations: int,
    set_aside: Path | None,
) -> None:
    """Put ``backup`` in the vault's place once it opens with ``passphrase`` and checks clean.

    The vault that was there (and a WAL left beside it) is moved to ``set_aside`` if given,
    else removed, only after the copy is proven good. The vault must not be open.
    """
    with _checked_copy(backup, vault, passphrase, kdf_iterations, "restoring") as copy:
        for suffix in ("-wal", "-shm"):
            leftover = Path(f"{vault}{suffix}")
            if leftover.exists():
                if set_aside is not None:
                    os.replace(leftover, Path(f"{set_aside}{suffix}"))
                else:
                    leftover.unlink()
        if vault.exists() and set_aside is not None:
            os.replace(vault, set_aside)
        os.replace(copy, vault)
        fsync_directory(vault.parent)


def check_backup(backup: Path, passphrase: str, *, kdf_iterations: int) -> None:
    """Raise the JournalError that says why ``backup`` would not restore; leave nothing behind."""
    with _checked_copy(backup, backup, passphrase, kdf_iterations, "checking"):
        pass
