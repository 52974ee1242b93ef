"""Encrypted copies of a vault and putting one back in its place.

A backup is a whole vault, encrypted with the same passphrase (``sqlcipher_export`` into a
database attached with the open vault's own key), written under a temporary name, read back
and compared with the vault, and only then moved to its name. Restoring never writes over the
vault before the copy has been opened with the passphrase and checked.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlcipher3

from recovery_journal.errors import NotAVault, VaultDamaged, VaultError, VaultExists
from recovery_journal.paths import unfinished_folder
from recovery_journal.store.lock_file import VaultLock
from recovery_journal.temporaries import (
    SQLITE_SIDECARS,
    fsync_directory,
    fsync_file,
    other_names,
    place_new,
    replace_whole,
    temporary_beside,
)


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


def _copy_file(source: Path, target: Path) -> None:
    with source.open("rb") as reading, target.open("wb") as writing:
        shutil.copyfileobj(reading, writing, 1 << 20)
        writing.flush()
        os.fsync(writing.fileno())


@contextlib.contextmanager
def _checked_copy(
    backup: Path, beside: Path, passphrase: str, kdf_iterations: int, purpose: str
) -> Iterator[Path]:
    """A private copy of ``backup`` beside ``beside``, proven to open with ``passphrase`` and
    to check clean; removed on leaving unless it was moved away."""
    from recovery_journal.store.vault_file import open_vault

    if not backup.is_file():
        raise NotAVault(backup, "folder" if backup.is_dir() else "missing")
    with temporary_beside(beside, purpose) as temporary:
        _copy_file(backup, temporary)
        wal = Path(f"{backup}-wal")
        if wal.is_file():
            # A restore point set aside with its WAL (a crash had left one): the newest
            # writing is in the WAL, and opening the copy below merges it in.
            _copy_file(wal, Path(f"{temporary}-wal"))
        try:
            opened = open_vault(temporary, passphrase, kdf_iterations=kdf_iterations)
        except VaultError as error:
            if error.path == temporary:
                error.path = backup  # the person chose the backup; the copy is ours
            raise
        try:
            problems = opened.integrity_problems()
        finally:
            opened.close()  # the last connection to close merges the WAL and removes it
        if problems:
            raise VaultDamaged(backup, "; ".join(problems[:3]))
        fsync_file(temporary)
        yield temporary


# --- restoring: the vault's path never holds nothing ----------------------------------------------
#
# The vault being replaced gets a second name (a hard link, or a copy on another disk) as its
# restore point, and only then is the checked copy renamed over the vault's path: one atomic
# step. A WAL left beside the vault (a crash) travels with it. Before the first step a note is
# written beside the vault: a fingerprint of the vault and of the copy, and the names made. A
# run that finds the note (the process was killed) looks at which of the two the vault's path
# holds, by content (a folder copied elsewhere keeps its content, not its inode numbers), and
# undoes the first steps or finishes the tidying. The note then waits, holding only the outcome,
# until an opening that succeeds can tell the person.


def _note_path(vault: Path) -> Path:
    return vault.with_name(f".{vault.name}.restore")


def _read_note(vault: Path) -> dict[str, Any] | None:
    try:
        record = json.loads(_note_path(vault).read_text("utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        record = None
    if not isinstance(record, dict):
        _note_path(vault).unlink(missing_ok=True)  # unreadable: there is nothing it can tell
        return None
    return record


def _write_note(vault: Path, record: dict[str, Any]) -> None:
    with temporary_beside(_note_path(vault), "writing") as temporary:
        temporary.write_text(json.dumps(record), "utf-8")
        fsync_file(temporary)
        replace_whole(temporary, _note_path(vault))


def _fingerprint(path: Path) -> str | None:
    """Size and SHA-256 of the content; None if there is no file."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    except FileNotFoundError:
        return None
    return f"{path.stat().st_size}:{digest.hexdigest()}"


def _holds_the_same(first: Path, second: Path) -> bool:
    """One file under two names, or two files with the same content."""
    try:
        if os.path.samefile(first, second):
            return True
    except OSError:
        return False
    return _fingerprint(first) == _fingerprint(second)


def _second_name(source: Path, wanted: Path) -> Path:
    """``source`` under ``wanted`` too, taking nothing's place (FileExistsError if taken): a hard
    link, or a copy where links cannot be made (another disk, a file system without them)."""
    try:
        return place_new(source, wanted, other_name_if_taken=False, keep_source=True)
    except FileExistsError:
        raise
    except OSError:
        pass
    with temporary_beside(wanted, "copying") as temporary:
        _copy_file(source, temporary)
        return place_new(temporary, wanted, other_name_if_taken=False)


def _free_names(vault: Path, wanted: Path) -> tuple[Path, Path | None]:
    """The first name like ``wanted`` free for the vault and, if it has one, its WAL (a stale
    "-wal" left by an older version must not block the WAL's second name)."""
    has_wal = Path(f"{vault}-wal").exists()
    for name in other_names(wanted):
        if not os.path.lexists(name) and not os.path.lexists(f"{name}-wal"):
            return name, Path(f"{name}-wal") if has_wal else None
    raise FileExistsError(wanted)


def tidy_interrupted_restore(vault: Path) -> None:
    """Undo or finish a restore that was killed half-way; the outcome waits in the note.

    Call with the vault's lock held and the vault closed, before anything reads it. If the
    vault's path still holds the old vault, the names the restore made for it go (the old vault
    and its WAL are untouched). If it holds the checked copy, a WAL beside it is the old vault's
    (already kept with its second name) and must never be read into the copy.
    """
    record = _read_note(vault)
    if record is None or "outcome" in record:
        return
    wal = Path(f"{vault}-wal")
    holds = _fingerprint(vault)
    kept = record.get("kept")
    kept_wal = record.get("kept_wal")
    if holds == record.get("vault"):
        for name, original in ((kept, vault), (kept_wal, wal)):
            # Named in the note before it was made, and free then: what is there now and
            # holds what the original holds is ours (a link, or a whole copy on another disk).
            if name and _holds_the_same(Path(name), original):
                Path(name).unlink()
        outcome = "undone"
    elif holds == record.get("copy"):
        # The second names were made before the rename: the old WAL's words are kept there
        # (or were let go as asked). This one must never be read into the restored vault.
        wal.unlink(missing_ok=True)
        outcome = "finished" if kept else "finished-dropped"
    else:
        # Neither: something else has put a file here since. Leave everything as it is.
        _note_path(vault).unlink(missing_ok=True)
        return
    Path(f"{vault}-shm").unlink(missing_ok=True)
    _write_note(vault, {"outcome": outcome})
    fsync_directory(vault.parent)


def restore_pending(vault: Path) -> bool:
    """A restore was killed half-way and nothing has tidied after it yet."""
    record = _read_note(vault)
    return record is not None and "outcome" not in record


def holds_restored_copy(vault: Path) -> bool:
    """A killed restore had renamed its copy into place: a WAL beside it is the old vault's.
    For reading where nothing can be tidied (a snapshot taken mid-restore)."""
    record = _read_note(vault)
    return record is not None and record.get("copy") == _fingerprint(vault)


def take_restore_outcome(vault: Path) -> str | None:
    """What a tidied, interrupted restore came to ("undone", "finished"...), once: the note goes."""
    record = _read_note(vault)
    if record is None or "outcome" not in record:
        return None
    _note_path(vault).unlink(missing_ok=True)
    return str(record["outcome"])


def restore_backup(
    backup: Path,
    vault: Path,
    passphrase: str,
    *,
    kdf_iterations: int,
    set_aside: Path | None,
) -> Path | None:
    """Put ``backup`` in the vault's place once it opens with ``passphrase`` and checks clean.

    The vault that was there (and a WAL left beside it) is kept under ``set_aside``, or the
    next free name like it, if given, else dropped, only after the copy is proven good. Returns
    where it was kept. The vault must not be open; its lock is held throughout.
    """
    lock = VaultLock(vault)
    try:
        tidy_interrupted_restore(vault)
        with _checked_copy(backup, vault, passphrase, kdf_iterations, "restoring") as copy:
            kept = None
            if vault.exists():
                kept = _replace(vault, copy, set_aside)
            else:
                replace_whole(copy, vault)
            # Only now: until the rename, a kill leaves the old vault whole with its WAL.
            for suffix in SQLITE_SIDECARS:
                Path(f"{vault}{suffix}").unlink(missing_ok=True)
        _note_path(vault).unlink(missing_ok=True)
        fsync_directory(vault.parent)
        return kept
    finally:
        lock.release()


def _replace(vault: Path, copy: Path, set_aside: Path | None) -> Path | None:
    """The note, the old vault's second names, then the copy renamed over the vault."""
    kept = kept_wal = None
    if set_aside is not None:
        set_aside.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        kept, kept_wal = _free_names(vault, set_aside)
    # Written before anything is made, naming all of it, so a kill at any later point is
    # tidied whole: the names to drop on an undo are known even before they exist.
    _write_note(
        vault,
        {
            "vault": _fingerprint(vault),
            "copy": _fingerprint(copy),
            "kept": str(kept.absolute()) if kept else None,
            "kept_wal": str(kept_wal.absolute()) if kept_wal else None,
        },
    )
    try:
        if kept is not None:
            _second_name(vault, kept)
        if kept_wal is not None:
            _second_name(Path(f"{vault}-wal"), kept_wal)
        replace_whole(copy, vault)
    except Exception:
        # Failed, not killed: undo at once; the error itself tells the person.
        tidy_interrupted_restore(vault)
        take_restore_outcome(vault)
        raise
    return kept


def check_backup(backup: Path, passphrase: str, *, kdf_iterations: int) -> None:
    """Raise the JournalError that says why ``backup`` would not restore; leave nothing behind.

    The checked copy is made beside the backup, or, where nothing can be written there (a
    read-only medium, a full disk), in a private folder of the app's.
    """
    beside = backup
    if not _room_for(backup):
        scratch = unfinished_folder().with_name("checking")
        scratch.mkdir(parents=True, exist_ok=True, mode=0o700)
        beside = scratch / backup.name
    with _checked_copy(backup, beside, passphrase, kdf_iterations, "checking"):
        pass


def _room_for(backup: Path) -> bool:
    """A copy of ``backup`` can be written beside it (a read-only disk says EROFS even to root)."""
    try:
        size = backup.stat().st_size
        return os.access(backup.parent, os.W_OK) and (
            shutil.disk_usage(backup.parent).free > 2 * size
        )
    except OSError:
        return False
