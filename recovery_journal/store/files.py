"""Writing vault files durably: private temporary names, fsync, and sweeping up what is left."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from recovery_journal.store.lock_file import lock_path


def private_temporary(target: Path, purpose: str) -> Path:
    """An empty, new file beside ``target``, readable by the owner only."""
    temporary = target.with_name(f".{target.name}.{purpose}-{secrets.token_hex(4)}")
    descriptor = os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(descriptor)
    return temporary


def fsync_file(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def fsync_directory(directory: Path) -> None:
    if os.name == "posix":
        fsync_file(directory)


def remove_with_sidecars(path: Path) -> None:
    """Remove a temporary vault file and the WAL, shared-memory and lock files SQLite or we
    may have made beside it."""
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), lock_path(path)):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()
