"""Putting a backup back in the vault's place: the vault's path never holds nothing.

Restoring never writes over the vault before the copy has been opened with the passphrase and
checked; a restore killed half-way is tidied by the next opening (``store.restore_note``).
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from recovery_journal.errors import NotAVault, VaultDamaged, VaultError
from recovery_journal.paths import unfinished_folder
from recovery_journal.store.backup import copy_file
from recovery_journal.store.lock_file import VaultLock
from recovery_journal.store.restore_note import (
    fingerprint,
    note_path,
    take_restore_outcome,
    tidy_interrupted_restore,
    write_note,
)
from recovery_journal.store.vault_file import open_vault
from recovery_journal.temporaries import (
    SQLITE_SIDECARS,
    fsync_directory,
    fsync_file,
    other_names,
    place_new,
    replace_whole,
    temporary_beside,
)


@contextlib.contextmanager
def _checked_copy(
    backup: Path, beside: Path, passphrase: str, kdf_iterations: int | None, purpose: str
) -> Iterator[Path]:
    """A private copy of ``backup`` beside ``beside``, proven to open with ``passphrase`` and
    to check clean; removed on leaving unless it was moved away."""
    if not backup.is_file():
        raise NotAVault(backup, "folder" if backup.is_dir() else "missing")
    with temporary_beside(beside, purpose) as temporary:
        copy_file(backup, temporary)
        wal = Path(f"{backup}-wal")
        if wal.is_file():
            # A restore point set aside with its WAL (a crash had left one): the newest
            # writing is in the WAL, and opening the copy below merges it in.
            copy_file(wal, Path(f"{temporary}-wal"))
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
        copy_file(source, temporary)
        return place_new(temporary, wanted, other_name_if_taken=False)


def _free_names(vault: Path, wanted: Path) -> tuple[Path, Path | None]:
    """The first name like ``wanted`` free for the vault and, if it has one, its WAL (a stale
    "-wal" left by an older version must not block the WAL's second name)."""
    has_wal = Path(f"{vault}-wal").exists()
    for name in other_names(wanted):
        if not os.path.lexists(name) and not os.path.lexists(f"{name}-wal"):
            return name, Path(f"{name}-wal") if has_wal else None
    raise FileExistsError(wanted)


def restore_backup(
    backup: Path,
    vault: Path,
    passphrase: str,
    *,
    kdf_iterations: int | None = None,
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
        note_path(vault).unlink(missing_ok=True)
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
    write_note(
        vault,
        {
            "vault": fingerprint(vault),
            "copy": fingerprint(copy),
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


def check_backup(backup: Path, passphrase: str, *, kdf_iterations: int | None = None) -> None:
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
