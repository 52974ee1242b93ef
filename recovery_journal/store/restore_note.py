"""The note a restore leaves beside the vault, so that a restore killed half-way is undone or
finished by the next opening, and the person told which.

The vault being replaced gets a second name (a hard link, or a copy on another disk) as its
restore point, and only then is the checked copy renamed over the vault's path: one atomic
step. A WAL left beside the vault (a crash) travels with it. Before the first step a note is
written beside the vault: a fingerprint of the vault and of the copy, and the names made. A
run that finds the note (the process was killed) looks at which of the two the vault's path
holds, by content (a folder copied elsewhere keeps its content, not its inode numbers), and
undoes the first steps or finishes the tidying. The note then waits, holding only the outcome,
until an opening that succeeds can tell the person.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from recovery_journal.temporaries import (
    fsync_directory,
    fsync_file,
    replace_whole,
    temporary_beside,
)


def note_path(vault: Path) -> Path:
    return vault.with_name(f".{vault.name}.restore")


def read_note(vault: Path) -> dict[str, Any] | None:
    try:
        record = json.loads(note_path(vault).read_text("utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        record = None
    if not isinstance(record, dict):
        note_path(vault).unlink(missing_ok=True)  # unreadable: there is nothing it can tell
        return None
    return record


def write_note(vault: Path, record: dict[str, Any]) -> None:
    with temporary_beside(note_path(vault), "writing") as temporary:
        temporary.write_text(json.dumps(record), "utf-8")
        fsync_file(temporary)
        replace_whole(temporary, note_path(vault))


def fingerprint(path: Path) -> str | None:
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
    return fingerprint(first) == fingerprint(second)


def tidy_interrupted_restore(vault: Path) -> None:
    """Undo or finish a restore that was killed half-way; the outcome waits in the note.

    Call with the vault's lock held and the vault closed, before anything reads it. If the
    vault's path still holds the old vault, the names the restore made for it go (the old vault
    and its WAL are untouched). If it holds the checked copy, a WAL beside it is the old vault's
    (already kept with its second name) and must never be read into the copy.
    """
    record = read_note(vault)
    if record is None or "outcome" in record:
        return
    wal = Path(f"{vault}-wal")
    holds = fingerprint(vault)
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
        note_path(vault).unlink(missing_ok=True)
        return
    Path(f"{vault}-shm").unlink(missing_ok=True)
    write_note(vault, {"outcome": outcome})
    fsync_directory(vault.parent)


def restore_pending(vault: Path) -> bool:
    """A restore was killed half-way and nothing has tidied after it yet."""
    record = read_note(vault)
    return record is not None and "outcome" not in record


def holds_restored_copy(vault: Path) -> bool:
    """A killed restore had renamed its copy into place: a WAL beside it is the old vault's.
    For reading where nothing can be tidied (a snapshot taken mid-restore)."""
    record = read_note(vault)
    return record is not None and record.get("copy") == fingerprint(vault)


def take_restore_outcome(vault: Path) -> str | None:
    """What a tidied, interrupted restore came to ("undone", "finished"...), once: the note goes."""
    record = read_note(vault)
    if record is None or "outcome" not in record:
        return None
    note_path(vault).unlink(missing_ok=True)
    return str(record["outcome"])
