"""Encrypted copies of a vault and putting one back in its place.

A backup is a whole vault, encrypted with the same passphrase (``sqlcipher_export`` into a
database attached with the open vault's own key), written under a temporary name, read back
and compared with the vault, and only then moved to its name. Restoring never writes over the
vault before the copy has been opened with the passphrase and checked.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlcipher3

from recovery_journal.errors import NotAVault, VaultDamaged, VaultExists
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
        raise NotAVault(backup)
    with temporary_beside(beside, purpose) as temporary:
        _copy_file(backup, temporary)
        wal = Path(f"{backup}-wal")
        if wal.is_file():
            # A restore point set aside with its WAL (a crash had left one): the newest
            # writing is in the WAL, and opening the copy below merges it in.
            _copy_file(wal, Path(f"{temporary}-wal"))
        opened = open_vault(temporary, passphrase, kdf_iterations=kdf_iterations)
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
# The vault being replaced gets a second name (a hard link) as its restore point, and only then
# is the checked copy renamed over the vault's path: one atomic step. A WAL left beside the vault
# (a crash) travels with it. Before the first step a note is written beside the vault saying
# what is under way; a run that finds the note (the process was killed) looks at which file the
# vault's path now holds and either finishes the restore's tidying or undoes its first steps.


def _intent_path(vault: Path) -> Path:
    return vault.with_name(f".{vault.name}.restore")


def _identity(path: Path) -> list[int]:
    status = path.stat()
    return [status.st_dev, status.st_ino]


def _same(first: Path, second: Path) -> bool:
    try:
        return os.path.samefile(first, second)
    except OSError:
        return False


def _second_name(source: Path, wanted: Path, *, other_name_if_taken: bool = True) -> Path:
    """``source`` under a new name that takes nothing's place: a hard link, or a copy where
    links cannot be made (another disk, a file system without them)."""
    try:
        return place_new(source, wanted, other_name_if_taken=other_name_if_taken, keep_source=True)
    except FileExistsError:
        raise
    except OSError:
        pass
    with temporary_beside(wanted, "copying") as temporary:
        _copy_file(source, temporary)
        return place_new(temporary, wanted, other_name_if_taken=other_name_if_taken)


def finish_interrupted_restore(vault: Path) -> str | None:
    """Tidy after a restore that was killed half-way: "undone", "finished", or None if none.

    Call with the vault's lock held and the vault closed. If the checked copy had not yet
    taken the vault's path, the vault is as it was: its second name is dropped and a WAL moved
    with it is put back. If it had, only the old WAL beside the new vault is removed.
    """
    intent = _intent_path(vault)
    try:
        record = json.loads(intent.read_text("utf-8"))
        before = record["vault"]
        aside = Path(record["aside"]) if record["aside"] is not None else None
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        intent.unlink(missing_ok=True)  # unreadable: there is nothing it could tell us
        return None
    wal = Path(f"{vault}-wal")
    if vault.exists() and _identity(vault) == before:
        # Undone: the vault was never replaced, and its WAL is still beside it. Its second
        # name (the one wanted or the next free one) goes, where it is a link to the vault
        # itself; a copy made instead is a true restore point of the moment, and stays.
        for name in other_names(aside) if aside is not None else ():
            for second, first in ((name, vault), (Path(f"{name}-wal"), wal)):
                if _same(second, first):
                    second.unlink()
        return _tidied(vault, intent, "undone")
    # Finished: the restored vault has not been opened since (this runs before any opening),
    # so a WAL beside it is the old vault's, kept with its second name, and must never be read
    # into this one.
    wal.unlink(missing_ok=True)
    return _tidied(vault, intent, "finished")


def _tidied(vault: Path, intent: Path, outcome: str) -> str:
    Path(f"{vault}-shm").unlink(missing_ok=True)
    fsync_directory(vault.parent)
    intent.unlink()
    fsync_directory(vault.parent)
    return outcome


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
        finish_interrupted_restore(vault)
        with _checked_copy(backup, vault, passphrase, kdf_iterations, "restoring") as copy:
            kept = None
            if vault.exists():
                _write_intent(vault, set_aside)
                if set_aside is not None:
                    set_aside.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                    kept = _second_name(vault, set_aside)
                    if Path(f"{vault}-wal").exists():
                        _second_name(
                            Path(f"{vault}-wal"), Path(f"{kept}-wal"), other_name_if_taken=False
                        )
            replace_whole(copy, vault)
            # Only now: until the step above, a kill leaves the old vault whole with its WAL.
            for suffix in SQLITE_SIDECARS:
                Path(f"{vault}{suffix}").unlink(missing_ok=True)
        _intent_path(vault).unlink(missing_ok=True)
        fsync_directory(vault.parent)
        return kept
    finally:
        lock.release()


def _write_intent(vault: Path, set_aside: Path | None) -> None:
    """Before the first step: which file the vault's path holds now, and its wanted second name."""
    record = {
        "vault": _identity(vault),
        "aside": str(set_aside.absolute()) if set_aside is not None else None,
    }
    with temporary_beside(_intent_path(vault), "writing") as temporary:
        temporary.write_text(json.dumps(record), "utf-8")
        fsync_file(temporary)
        replace_whole(temporary, _intent_path(vault))


def check_backup(backup: Path, passphrase: str, *, kdf_iterations: int) -> None:
    """Raise the JournalError that says why ``backup`` would not restore; leave nothing behind."""
    with _checked_copy(backup, backup, passphrase, kdf_iterations, "checking"):
        pass
