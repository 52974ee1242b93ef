"""The files a journal keeps in a folder shared by several computers (issue 24).

Each computer writes only its own file there, ``<computer>.rjsync``: a SQLCipher database
holding every version of the journal's records (domain/sync_merge.py) and a few facts about
itself, encrypted with a key derived from the journal's passphrase and the folder's one salt
(``SaltedKey``). It is built under a hidden name beside and renamed into place, so a sync tool
only ever carries whole files; a file a sync tool has not finished copying fails SQLCipher's
page checks and is skipped until it is whole, never half read.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from recovery_journal.domain.sync_merge import Version
from recovery_journal.errors import (
    JournalError,
    NotAVault,
    SyncFileDamaged,
    SyncFileForeign,
    SyncFileOtherPassphrase,
    VaultDamaged,
    WrongPassphrase,
)
from recovery_journal.passphrase import SaltedKey
from recovery_journal.store.sync_repo import read_versions, write_versions
from recovery_journal.store.vault_file import (
    PAGE_SIZE,
    _classify_unreadable,
    _connect,
    ensure_cipher_available,
    iterations,
)
from recovery_journal.temporaries import fsync_directory, fsync_file, temporary_beside

try:
    import sqlcipher3
except ImportError:  # pragma: no cover - ensure_cipher_available says so
    sqlcipher3 = None

SUFFIX = ".rjsync"
# "RJSY": tells these files from vaults and other SQLCipher databases.
SYNC_APPLICATION_ID = 0x524A5359
FORMAT = 1
_SCHEMA = """
CREATE TABLE facts (name TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE sync_versions (
    kind TEXT NOT NULL, identity TEXT NOT NULL, computer TEXT NOT NULL,
    counter INTEGER NOT NULL, seen TEXT NOT NULL, written_at TEXT NOT NULL, words TEXT,
    PRIMARY KEY (computer, counter)
) STRICT;
"""


def derive_sync_key(passphrase: str, salt: bytes) -> SaltedKey:
    """The folder's key for ``passphrase`` (SQLCipher 4's derivation, the vault's iterations)."""
    return SaltedKey.derive(passphrase, salt, iterations(None))


def salt_of(path: Path) -> bytes | None:
    """The salt a folder file was written with (its first 16 bytes), or None if it has none."""
    try:
        with path.open("rb") as handle:
            salt = handle.read(16)
    except OSError:
        return None
    return salt if len(salt) == 16 else None


def write_sync_file(
    path: Path, key: SaltedKey, facts: dict[str, str], versions: Iterable[Version]
) -> None:
    """Write ``path`` whole with ``facts`` and ``versions``, in place of what was there."""
    ensure_cipher_available()
    with temporary_beside(path, "writing") as temporary:
        conn = _connect(temporary, key, iterations(None))
        try:
            conn.execute(f"PRAGMA application_id = {SYNC_APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {FORMAT}")
            conn.executescript(f"BEGIN;\n{_SCHEMA}")
            conn.executemany("INSERT INTO facts VALUES (?, ?)", sorted(facts.items()))
            write_versions(conn, versions)
            conn.execute("COMMIT")
        finally:
            conn.close()
        fsync_file(temporary)
        os.replace(temporary, path)
        fsync_directory(path.parent)


def read_sync_file(path: Path, key: SaltedKey) -> tuple[dict[str, str], list[Version]]:
    """The facts and versions in a folder file; one of the SyncFile errors if it cannot be used."""
    ensure_cipher_available()
    try:
        size = path.stat().st_size
    except OSError as error:
        raise SyncFileDamaged(path, str(error)) from error
    if size < PAGE_SIZE or size % PAGE_SIZE:
        raise SyncFileDamaged(path, "not whole")  # still being copied, or cut short
    try:
        conn = _connect(path, key, iterations(None), options="mode=ro")
    except sqlcipher3.Error as error:
        raise SyncFileDamaged(path, str(error)) from error
    try:
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            application_id = conn.execute("PRAGMA application_id").fetchone()[0]
            if application_id != SYNC_APPLICATION_ID:
                raise SyncFileForeign(path)
            if path.stat().st_size % PAGE_SIZE:
                raise SyncFileDamaged(path, "the file ends inside a page")
            facts = dict(conn.execute("SELECT name, value FROM facts").fetchall())
            return facts, list(read_versions(conn))
        except sqlcipher3.DatabaseError as error:
            raise _sync_problem(conn, path, error) from error
    finally:
        conn.close()


def _sync_problem(conn: Any, path: Path, error: Any) -> JournalError:
    problem = _classify_unreadable(conn, path, error)
    if isinstance(problem, WrongPassphrase):
        return SyncFileOtherPassphrase(path)
    if isinstance(problem, VaultDamaged):
        return SyncFileDamaged(path, problem.detail)
    if isinstance(problem, NotAVault):
        return SyncFileForeign(path)
    return SyncFileDamaged(path, str(error))
