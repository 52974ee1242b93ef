"""Opening, creating and checking the one encrypted vault file.

Everything here is careful about one promise: a failed open changes no byte of the file. Nothing
that writes (WAL mode, migrations) runs until the key is proven right and the schema is known.
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

from recovery_journal.domain import record_kinds
from recovery_journal.domain.backups import (
    BackupReason,
    backup_name,
    default_folder,
)
from recovery_journal.domain.ports import Access
from recovery_journal.domain.settings_keys import BACKUP_FOLDER
from recovery_journal.errors import (
    CipherUnavailable,
    DiskFull,
    JournalError,
    NotAVault,
    ReadOnlyVault,
    VaultBusy,
    VaultDamaged,
    VaultExists,
    VaultMissing,
    VaultTooNew,
    VaultUnreadable,
    WrongPassphrase,
    disk_problem,
)
from recovery_journal.passphrase import RawKey, SaltedKey, Secret, normalise
from recovery_journal.store.backup import write_backup
from recovery_journal.store.journal_repo import SqlJournalRepository
from recovery_journal.store.lock_file import VaultLock
from recovery_journal.store.migrations import apply_migrations, latest_version
from recovery_journal.store.notes_repo import SqlDailyNoteRepository
from recovery_journal.store.records_repo import SqlRecordRepository
from recovery_journal.store.restore_note import (
    holds_restored_copy,
    restore_pending,
    take_restore_outcome,
    tidy_interrupted_restore,
)
from recovery_journal.store.reviews_repo import SqlReviewRepository
from recovery_journal.store.search_index import INDEX_VERSION, SqlSearchIndex, everything_written
from recovery_journal.store.settings_repo import SqlSettingsRepository
from recovery_journal.store.steps_repo import SqlStepRepository
from recovery_journal.store.sync_repo import SqlSyncRepository
from recovery_journal.temporaries import fsync_file, place_new, temporary_beside

try:
    import sqlcipher3
except ImportError:  # pragma: no cover - exercised by ensure_cipher_available
    sqlcipher3 = None

# SQLCipher 4 defaults, pinned through cipher_compatibility = 4 so any SQLCipher 4 client opens the
# vault with the passphrase alone. Tests may lower the iterations; the app never does.
SQLCIPHER_4_KDF_ITERATIONS = 256_000  # what SQLCipher 4 derives with when not told otherwise
KDF_ITERATIONS = SQLCIPHER_4_KDF_ITERATIONS
PAGE_SIZE = 4096
DEFAULT_CACHE_SIZE = -2000  # SQLite's own default: about 2 MB of pages
BULK_CACHE_SIZE = -65536  # 64 MB for an import's one transaction (given back after it)
# "RJNL": tells our vaults from other SQLCipher databases that happen to share a passphrase.
APPLICATION_ID = 0x524A4E4C
PLAIN_SQLITE_HEADER = b"SQLite format 3\x00"

SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26

# Below this much free space the vault is opened for reading only: opening it for writing needs
# SQLite's shared index (32 KiB) and the first pages of a WAL, and a save that then fails halfway
# through a sentence helps nobody. A write that still meets a full disk says so (DiskFull).
FULL_BELOW_BYTES = 256 * 1024


# The tables that hold the person's writing, beside the declared kinds' (domain/record_kinds.py);
# settings alone do not make a vault "used".
DATA_TABLES = (
    "daily_notes",
    "step_progress",
    "step_answers",
    "question_packs",
    "reviews",
    "journal_entries",
)


def iterations(kdf_iterations: int | None) -> int:
    """The key derivation's iterations: ``KDF_ITERATIONS`` unless given (tests lower that
    constant, to keep the suite quick; the app never passes any)."""
    return KDF_ITERATIONS if kdf_iterations is None else kdf_iterations


def data_tables() -> tuple[str, ...]:
    """DATA_TABLES and the declared kinds' tables (but the ones the app sets up itself)."""
    return DATA_TABLES + tuple(kind.name for kind in record_kinds.kinds() if kind.writing)


_cipher_checked = False


def ensure_cipher_available() -> None:
    """Fail closed unless the binding really is SQLCipher 4 with FTS5."""
    global _cipher_checked
    if _cipher_checked:
        return
    if sqlcipher3 is None:
        raise CipherUnavailable("sqlcipher3 is not installed")
    conn = sqlcipher3.connect(":memory:")
    try:
        row = conn.execute("PRAGMA cipher_version").fetchone()
        if not row or not str(row[0]).startswith("4."):
            raise CipherUnavailable(f"SQLCipher 4 required, found {row[0] if row else 'none'}")
        try:
            conn.execute("CREATE VIRTUAL TABLE temp.fts_probe USING fts5(body)")
        except sqlcipher3.Error as error:
            raise CipherUnavailable(f"FTS5 is missing: {error}") from error
    finally:
        conn.close()
    _cipher_checked = True


def _connect(
    path: Path, secret: Secret | SaltedKey, kdf_iterations: int, *, options: str = ""
) -> Any:
    """A connection keyed with ``secret``; ``options`` are SQLite URI parameters (``mode=ro``)."""
    target = f"file:{quote(str(path.absolute()))}?{options}" if options else str(path)
    # A short busy timeout: the only other holder of the lock is a second copy of the app, and the
    # person should hear about that at once, not after SQLite's default five seconds.
    conn = sqlcipher3.connect(
        target, isolation_level=None, check_same_thread=True, uri=bool(options), timeout=0.5
    )
    try:
        # SQLCipher reports HMAC failures on stderr by default; we report them ourselves.
        conn.execute("PRAGMA cipher_log_level = NONE")
        # Memory security (mlock and a wipe of every SQLite allocation) is off, as in
        # SQLCipher's own default since 4.5: measured here it made every write 3 to 9 times
        # slower (a nightly review 1.3 ms against 0.4 ms, an import of ten years 8.5 s against
        # 1 s), while the same words pass through Python strings that can be neither wiped nor
        # locked. What protects memory is the process itself: no core dumps, not traceable.
        conn.execute("PRAGMA cipher_memory_security = OFF")
        # The binding hands the key to sqlite3_key(); it is never formatted into SQL.
        key = normalise(secret) if isinstance(secret, str) else secret.sqlcipher_form()
        conn.set_key(key)
        conn.execute("PRAGMA cipher_compatibility = 4")
        if kdf_iterations != SQLCIPHER_4_KDF_ITERATIONS:
            conn.execute(f"PRAGMA kdf_iter = {int(kdf_iterations)}")
    except BaseException:
        conn.close()
        raise
    return conn


def _classify_unreadable(conn: Any, path: Path, error: Any) -> JournalError:
    """Tell a wrong key from damage: a wrong key fails every page's HMAC, damage only some."""
    code = _primary_code(error)
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return VaultBusy(path, str(error))
    if code == SQLITE_CORRUPT:
        return VaultDamaged(path, str(error))
    if code in (SQLITE_FULL, SQLITE_IOERR, SQLITE_CANTOPEN, SQLITE_READONLY):
        # SQLite could not make or grow a file beside the vault (its WAL or shared index): say
        # why, when the place is full or read-only, so the opener can read the vault instead.
        reason = unwritable_reason(path)
        if code == SQLITE_FULL or reason == FULL:
            return DiskFull(path, str(error))
        if reason is not None:
            return ReadOnlyVault(path, reason)
    if code != SQLITE_NOTADB:
        # Permissions, a full disk, an I/O error: the file may be fine; say what happened.
        return VaultUnreadable(path, str(error))
    size = path.stat().st_size
    pages = max(1, math.ceil(size / PAGE_SIZE))
    try:
        failures = len(conn.execute("PRAGMA cipher_integrity_check").fetchall())
    except sqlcipher3.Error:
        failures = pages
    if failures >= pages:
        if size % PAGE_SIZE == 0:
            return WrongPassphrase(path)
        return NotAVault(path)
    if _has_wal(path):
        # Some or all pages of the file open with this key but the WAL's first page does not:
        # a passphrase change was committed to the WAL and was being copied back when the
        # program stopped. This is the old passphrase; the new one opens the vault whole.
        return WrongPassphrase(path)
    return VaultDamaged(path, f"{failures} of {pages} pages fail authentication")


# SQLite's own wording for SQLITE_FULL (sqlite3ErrStr). sqlcipher_export() passes a failure on
# as plain SQL-function error with this text and no code: a backup onto a full disk says only this.
FULL_TEXT = "database or disk is full"


def _primary_code(error: Any) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    if code in (None, 1) and str(error) == FULL_TEXT:
        return SQLITE_FULL
    return None if code is None else int(code) & 0xFF  # an extended code's low byte is its kind


FULL = "full"


def unwritable_reason(path: Path) -> str | None:
    """Why nothing can be written to the vault at ``path`` here: "folder", "file", "full"; or
    None when it can be. SQLite writes beside the vault (its WAL and shared index), so the folder
    must be writable as well as the file."""
    folder = path.absolute().parent
    statvfs = getattr(os, "statvfs", None)
    if statvfs is not None:
        with contextlib.suppress(OSError):
            if statvfs(folder).f_flag & os.ST_RDONLY:  # a read-only mount: root cannot write either
                return "folder"
    if not os.access(folder, os.W_OK):
        return "folder"
    if path.exists() and not os.access(path, os.W_OK):
        return "file"
    with contextlib.suppress(OSError):
        if shutil.disk_usage(folder).free < FULL_BELOW_BYTES:
            return FULL
    return None


def _configure_for_writing(conn: Any) -> None:
    # NORMAL locking, not EXCLUSIVE: in WAL mode a reader (the command line's check, export-json
    # and backup) then reads the last committed state through the shared index while the app
    # holds the vault, instead of meeting "busy" until the app closes. A second writer is still
    # kept out: the app and every writing command hold the lock file (lock_file.py) and meet
    # "busy" at once, and SQLite itself lets only one write transaction run at a time. The cost,
    # measured on the ten-year vault (2 cores, loaded): the shared index's locks add 4-8 us to
    # each statement; a nightly review's save 0.33 -> 0.39 ms; the JSON export unchanged within
    # noise (675 against 685 ms); a backup 0.86 -> 1.09 s (off the window's thread, once a day);
    # unlock to Today unchanged within noise (310 against 332 ms, medians of 10).
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA temp_store = MEMORY")
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise RuntimeError(f"could not switch the vault to WAL mode (got {mode})")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("BEGIN EXCLUSIVE")
    conn.execute("COMMIT")


def _has_wal(path: Path) -> bool:
    wal = Path(f"{path}-wal")
    return wal.exists() and wal.stat().st_size > 0


def _verify(conn: Any, path: Path) -> int:
    """Prove the key with a first read and return the schema version; change nothing."""
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    except sqlcipher3.DatabaseError as error:
        raise _classify_unreadable(conn, path, error) from error
    if application_id != APPLICATION_ID:
        raise NotAVault(path, "foreign")
    if path.stat().st_size % PAGE_SIZE:
        # The right key, but the file ends inside a page: it was cut short.
        raise VaultDamaged(path, "the file ends inside a page")
    if version > latest_version():
        raise VaultTooNew(path, version, latest_version())
    return version


def open_vault(
    path: Path | str,
    passphrase: Secret,
    *,
    kdf_iterations: int | None = None,
    backup_before_upgrade: bool = False,
    access: Access = Access.WRITE,
) -> SqlCipherVault:
    """Open and unlock an existing vault, upgrading its schema if it is older than the code.

    With ``backup_before_upgrade``, an upgrade is preceded by a checked backup in the vault's
    backup folder (the app and the command line ask for it; tests and restores do not).

    ``access`` says what the opener means to do. Reading works wherever the file can be read (a
    read-only folder or file, a full disk, beside the app holding the vault) and writes nothing
    there, not even SQLite's files beside it. Where nothing can be written, WRITE raises the
    reason (ReadOnlyVault or DiskFull) once the passphrase is proven, and WRITE_OR_READ returns
    the vault open for reading with the reason in ``cannot_write``.
    """
    kdf_iterations = iterations(kdf_iterations)
    ensure_cipher_available()
    path = Path(path)
    if not path.exists():
        raise VaultMissing(path)
    if not path.is_file():
        raise NotAVault(path, "folder" if path.is_dir() else "")
    if path.stat().st_size == 0:
        # SQLCipher would quietly turn an empty file into a new, empty vault.
        raise NotAVault(path, "empty")
    with path.open("rb") as handle:
        if handle.read(len(PLAIN_SQLITE_HEADER)) == PLAIN_SQLITE_HEADER:
            raise NotAVault(path, "plain-sqlite")
    if path.stat().st_size < PAGE_SIZE:
        raise NotAVault(path)
    reason = unwritable_reason(path)
    if restore_pending(path) and reason is None:
        # A restore killed half-way is tidied before anything reads the file, even to read (a
        # reader would otherwise see the old vault's WAL over the restored one); the app holding
        # the vault has tidied already when it opened it. Only here, for every opener.
        with contextlib.suppress(VaultBusy, OSError):
            pending = VaultLock(path)
            try:
                tidy_interrupted_restore(path)
            finally:
                pending.release()
    if access is Access.READ:
        vault = _open_for_reading(path, passphrase, kdf_iterations, reason)
        if vault is not None:
            return vault
        if reason is not None:
            raise ReadOnlyVault(path, "old")
        # An older format must be upgraded before this code can read it: as for writing.
    elif reason is not None:
        return _read_instead(path, passphrase, kdf_iterations, reason, access)
    lock = _lock(path)
    beside = _files_beside(path)
    try:
        vault = _open_locked(path, passphrase, kdf_iterations, lock, backup_before_upgrade)
        # Said only by an opening that succeeds (a mistyped passphrase must not use it up).
        vault.interrupted_restore = take_restore_outcome(path) if lock is not None else None
        return vault
    except (DiskFull, ReadOnlyVault) as error:
        # The place filled up or turned out read-only as SQLite began its WAL: the vault itself
        # was not written. Read it instead, proving the passphrase, and say why.
        if lock is not None:
            lock.release()
        _remove_new_empty_files(path, beside)
        fallback = FULL if isinstance(error, DiskFull) else error.detail
        return _read_instead(path, passphrase, kdf_iterations, fallback, access)
    except BaseException:
        if lock is not None:
            lock.release()
        raise


def _files_beside(path: Path) -> set[str]:
    return {suffix for suffix in ("-wal", "-shm") if Path(f"{path}{suffix}").exists()}


def _remove_new_empty_files(path: Path, before: set[str]) -> None:
    """Remove the WAL and shared index a failed open just made (never one that was there, nor a
    WAL holding anything)."""
    for suffix in {"-wal", "-shm"} - before:
        leftover = Path(f"{path}{suffix}")
        with contextlib.suppress(OSError):
            if suffix == "-shm" or leftover.stat().st_size == 0:
                leftover.unlink()


def _read_instead(
    path: Path, passphrase: Secret, kdf_iterations: int, reason: str, access: Access
) -> SqlCipherVault:
    cannot_write = DiskFull(path) if reason == FULL else ReadOnlyVault(path, reason)
    vault = _open_for_reading(path, passphrase, kdf_iterations, reason)
    if vault is None:
        raise ReadOnlyVault(path, "old") if reason != FULL else cannot_write
    if access is Access.WRITE:
        vault.close()  # the passphrase is right; the place is what stops the change
        raise cannot_write
    vault.cannot_write = cannot_write
    return vault


def _open_for_reading(
    path: Path, passphrase: Secret, kdf_iterations: int, reason: str | None
) -> SqlCipherVault | None:
    """The vault open for reading only, or None when its format is older than the code's.

    Nothing is written and no lock is taken, so this works beside the app holding the vault:
    - changes still in the WAL are read through SQLite's shared index (``mode=ro``);
    - where the place can be written, a plain connection, whose WAL and shared index are removed
      again when it closes as the last one (``mode=ro`` would leave them behind, and
      ``query_only`` would refuse a backup's writes to its own attached copy). Nothing here
      writes to the vault: no migration, no search index, no checkpoint (``reading``);
    - where it cannot (a read-only folder or file, a full disk) and no WAL holds anything,
      ``immutable=1``: SQLite then makes no file beside the vault and takes no lock. That is safe
      only because nothing can be writing it: no WAL means no connection has it open in WAL mode
      (every one keeps the WAL while open), and the place refuses writes.
    """
    if reason is not None and holds_restored_copy(path):
        # A snapshot taken in the middle of a restore: the WAL beside it is the old vault's.
        attempts = ["mode=ro&immutable=1"]
    elif _has_wal(path):
        attempts = ["mode=ro"]
    elif reason is None:
        attempts = [""]
    elif Path(f"{path}-wal").exists():
        # An empty WAL: an app may be holding the vault; share its index if that works.
        attempts = ["mode=ro", "mode=ro&immutable=1"]
    else:
        attempts = ["mode=ro&immutable=1"]
    for options in attempts:
        conn = _connect(path, passphrase, kdf_iterations, options=options)
        try:
            version = _verify(conn, path)
        except (DiskFull, ReadOnlyVault, VaultUnreadable) as error:
            conn.close()
            if options != attempts[-1]:
                continue
            if _has_wal(path) and reason is not None:
                # SQLite cannot build its index for the WAL here (no shared index beside it).
                raise DiskFull(path) if reason == FULL else ReadOnlyVault(path, "wal") from error
            raise
        except BaseException:
            conn.close()
            raise
        if version < latest_version():
            conn.close()
            return None
        return SqlCipherVault(path, conn, None, reading=True)
    raise AssertionError("unreachable")  # pragma: no cover


def _lock(path: Path) -> VaultLock | None:
    try:
        return VaultLock(path)
    except OSError:
        # A folder we may read but not write in: SQLite's own exclusive lock still guards it.
        return None


def _open_locked(
    path: Path, passphrase: Secret, kdf_iterations: int, lock: VaultLock | None, backup: bool
) -> SqlCipherVault:
    if _has_wal(path):
        # A WAL left by a crash (or another program) would be merged into the vault when a
        # read-write connection closes, even after a wrong passphrase. Prove the key on a
        # read-only connection first, so a failed open changes no byte of the vault or its WAL.
        probe = _connect(path, passphrase, kdf_iterations, options="mode=ro")
        try:
            _verify(probe, path)
        finally:
            probe.close()
    conn = _connect(path, passphrase, kdf_iterations)
    try:
        version = _verify(conn, path)
        try:
            _configure_for_writing(conn)
            if backup and 0 < version < latest_version():
                _backup_before_upgrade(conn, path)
            apply_migrations(conn, version)
            vault = SqlCipherVault(path, conn, lock)
            vault.ensure_search_index()
        except sqlcipher3.DatabaseError as error:
            raise _classify_unreadable(conn, path, error) from error
    except BaseException:
        conn.close()
        raise
    return vault


def _backup_before_upgrade(conn: Any, path: Path) -> None:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (BACKUP_FOLDER.name,)).fetchone()
    folder = Path(row[0]) if row and row[0] else default_folder(path)
    target = folder / backup_name(path, BackupReason.MIGRATION)
    write_backup(conn, target, APPLICATION_ID)


SALT_BYTES = 16
KEY_BYTES = 32


def derive_raw_key(
    path: Path | str, passphrase: str, *, kdf_iterations: int | None = None
) -> RawKey:
    """The key SQLCipher 4 derives from ``passphrase`` for this vault (and opens it with).

    PBKDF2-HMAC-SHA512 over the passphrase with the salt in the file's first 16 bytes, as
    SQLCipher 4's defaults do; ``open_vault`` with the result skips the derivation. Only the
    salt is read, so this works while the vault is open (and locked) elsewhere.
    """
    kdf_iterations = iterations(kdf_iterations)
    with Path(path).open("rb") as handle:
        salt = handle.read(SALT_BYTES)
    if len(salt) != SALT_BYTES:
        raise NotAVault(Path(path))
    key = hashlib.pbkdf2_hmac(
        "sha512", normalise(passphrase).encode("utf-8"), salt, kdf_iterations, KEY_BYTES
    )
    return RawKey(key.hex())


def change_passphrase(
    vault: SqlCipherVault, current: str, new: str, *, kdf_iterations: int | None = None
) -> tuple[SqlCipherVault, bool]:
    """Re-key the vault, then reopen it with the new passphrase to be sure.

    Returns the vault open again and whether the change took. SQLCipher's rekey is one
    transaction, but its API can report success after rolling back: when the new passphrase
    does not open the file, it is opened with the current one and the change reported undone.
    """
    kdf_iterations = iterations(kdf_iterations)
    path = vault.path
    try:
        vault.rekey(new)
    except JournalError:
        # SQLite rolled the change back (the disk filled up in between): the vault is open
        # with the current passphrase still; prove that, as after any re-key.
        vault.close()
        return open_vault(path, current, kdf_iterations=kdf_iterations), False
    vault.close()
    try:
        return open_vault(path, new, kdf_iterations=kdf_iterations), True
    except WrongPassphrase:
        return open_vault(path, current, kdf_iterations=kdf_iterations), False


def ensure_room_to_rekey(vault: SqlCipherVault) -> None:
    """Raise DiskFull unless the vault's disk has room for a passphrase change.

    Re-keying writes every page again into the WAL, so about the vault's size must be free.
    Asked before the change (and before the backup made for it), so a full disk is one
    sentence with nothing tried; a disk that fills up in between is still caught by SQLite.
    """
    if vault.cannot_write is not None:
        raise vault.cannot_write
    path = vault.path
    if shutil.disk_usage(path.absolute().parent).free < path.stat().st_size + FULL_BELOW_BYTES:
        raise DiskFull(path)


def create_vault(
    path: Path | str, passphrase: str, *, kdf_iterations: int | None = None
) -> SqlCipherVault:
    """Create a new vault at ``path`` and return it open. Refuses to touch an existing file."""
    kdf_iterations = iterations(kdf_iterations)
    ensure_cipher_available()
    path = Path(path)
    if os.path.lexists(path):
        raise VaultExists(path)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    # Build the vault under a temporary name and link it into place, so an interrupted set-up
    # never leaves a half-made file where the vault belongs.
    with temporary_beside(path, "creating") as temporary:
        conn = _connect(temporary, passphrase, kdf_iterations)
        try:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            _configure_for_writing(conn)
            apply_migrations(conn, 0)
            conn.execute("PRAGMA journal_mode = DELETE")
        finally:
            conn.close()
        fsync_file(temporary)
        try:
            place_new(temporary, path, other_name_if_taken=False)
        except FileExistsError as error:
            raise VaultExists(path) from error
    return open_vault(path, passphrase, kdf_iterations=kdf_iterations)


class SqlCipherVault:
    """An open vault. Owned by one thread: sqlcipher3 refuses use from any other."""

    def __init__(
        self, path: Path, conn: Any, lock: VaultLock | None = None, *, reading: bool = False
    ) -> None:
        self.path = path
        self._conn = conn
        self._lock = lock
        self._savepoints = 0
        self._damaged = False
        # "undone" or "finished" when opening found a restore killed half-way (and tidied it).
        self.interrupted_restore: str | None = None
        # Opened only to read (open_vault's Access.READ, or a place that cannot be written):
        # nothing here may write, not even a checkpoint of the WAL.
        self.reading = reading
        # Why nothing can be saved, when the vault was opened for reading because of its place.
        self.cannot_write: JournalError | None = None
        self.search = SqlSearchIndex(conn)
        self.notes = SqlDailyNoteRepository(conn, self.search)
        self.settings = SqlSettingsRepository(conn)
        self.steps = SqlStepRepository(conn, self.search)
        self.records = SqlRecordRepository(conn, self.search)
        self.reviews = SqlReviewRepository(conn, self.search)
        self.journal = SqlJournalRepository(conn, self.search)
        self.sync = SqlSyncRepository(conn)

    def ensure_search_index(self) -> None:
        """Index everything again if the index was built another way, or never (a migration)."""
        if self.search.built_version() != INDEX_VERSION and not self.reading:
            self.rebuild_search_index()

    def rebuild_search_index(self) -> None:
        with self.transaction():
            self.search.rebuild(everything_written(self))

    @contextlib.contextmanager
    def bulk_writes(self) -> Iterator[None]:
        # Writing the index item by item inside one large transaction is most of an import's
        # time (its pages are rewritten again and again); a bigger page cache keeps the
        # transaction's pages from being spilled, encrypted, to the WAL and read back.
        self._conn.execute(f"PRAGMA cache_size = {BULK_CACHE_SIZE}")
        try:
            with self.transaction():
                self.search.paused = True
                try:
                    yield
                finally:
                    self.search.paused = False
                self.rebuild_search_index()
        finally:
            self._conn.execute(f"PRAGMA cache_size = {DEFAULT_CACHE_SIZE}")

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        # Nested blocks become savepoints, as in sqlite-utils' atomic().
        if self._conn.in_transaction:
            self._savepoints += 1
            name = f"sp{self._savepoints}"
            self._conn.execute(f"SAVEPOINT {name}")
            try:
                yield
            except BaseException:
                self._conn.execute(f"ROLLBACK TO {name}")
                self._conn.execute(f"RELEASE {name}")
                raise
            else:
                self._conn.execute(f"RELEASE {name}")
            finally:
                self._savepoints -= 1
            return
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        else:
            self._conn.execute("COMMIT")

    def backup_to(self, target: Path, *, other_name_if_taken: bool = True) -> Path:
        """A checked, encrypted copy at ``target`` (same passphrase), moved in whole, never over
        another file; the name it got (see ``write_backup``)."""
        try:
            return write_backup(
                self._conn, target, APPLICATION_ID, other_name_if_taken=other_name_if_taken
            )
        except (sqlcipher3.Error, OSError) as error:
            full = _primary_code(error) == SQLITE_FULL or (
                isinstance(error, OSError) and isinstance(disk_problem(error, target), DiskFull)
            )
            if not full:
                raise
            # The copy's disk is full (the copy was removed): say which disk.
            raise self._full_disk(target) from error

    def rekey(self, new_passphrase: str) -> None:
        # Through sqlite3_rekey, never formatted into SQL. Callers reopen to confirm.
        if self.cannot_write is not None:
            raise self.cannot_write
        try:
            self._conn.reset_key(normalise(new_passphrase))
        except sqlcipher3.Error as error:
            raise self.translate_error(error) from error

    def is_empty(self) -> bool:
        return not any(
            self._conn.execute(f"SELECT EXISTS (SELECT 1 FROM {table})").fetchone()[0]
            for table in data_tables()
        )

    def schema_version(self) -> int:
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    def integrity_problems(self) -> list[str]:
        problems: list[str] = []
        try:
            if not self._damaged and not self.reading:
                # cipher_integrity_check reads the file, not the WAL: after a crash (say, in the
                # middle of a passphrase change) the newest pages may still be only in the WAL.
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            problems += [row[0] for row in self._conn.execute("PRAGMA cipher_integrity_check")]
            rows = [row[0] for row in self._conn.execute("PRAGMA integrity_check")]
            problems += [row for row in rows if row != "ok"]
            problems += [
                f"foreign key: {row[0]} row {row[1]} -> {row[2]}"
                for row in self._conn.execute("PRAGMA foreign_key_check")
            ]
        except sqlcipher3.DatabaseError as error:
            problems.append(str(error))
        return problems

    def translate_error(self, error: BaseException) -> BaseException:
        """Turn a storage failure met while working into the sentence the person should see."""
        if isinstance(error, sqlcipher3.DatabaseError) and not isinstance(
            error, sqlcipher3.IntegrityError | sqlcipher3.ProgrammingError
        ):
            code = _primary_code(error)
            if code in (SQLITE_BUSY, SQLITE_LOCKED):
                return VaultBusy(self.path, str(error))
            if code in (SQLITE_CORRUPT, SQLITE_NOTADB) or self._damaged:
                return VaultDamaged(self.path, str(error))
            if code == SQLITE_READONLY and self.cannot_write is not None:
                return self.cannot_write
            if code == SQLITE_FULL or (
                code == SQLITE_IOERR and unwritable_reason(self.path) == FULL
            ):
                # SQLite rolled the transaction back: nothing of it was written.
                return DiskFull(self.path, str(error))
            return VaultUnreadable(self.path, str(error))
        if isinstance(error, OSError) and error.filename:
            # Our own writes (a restore point in the backup folder): say which disk is full.
            problem = disk_problem(error)
            if isinstance(problem, DiskFull):
                return self._full_disk(Path(error.filename).parent)
        return error

    def _full_disk(self, written: Path) -> DiskFull:
        """DiskFull for ``written`` (a file or folder): the journal's own disk, or another one."""
        try:
            here = os.stat(self.path.absolute().parent).st_dev
            same = os.stat(written.absolute().parent).st_dev == here
        except OSError:
            same = False
        return DiskFull(self.path) if same else DiskFull(written, "output")

    def stop_writing(self) -> None:
        """Refuse every later write, so a vault found damaged is left as it is."""
        self._damaged = True
        self._conn.execute("PRAGMA query_only = ON")

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None
