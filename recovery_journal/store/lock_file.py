"""One copy of the app per vault: an advisory lock on a small file beside it.

SQLite's exclusive locking mode already keeps a second writer out, but only after the second
copy has asked for the passphrase and derived the key. The lock file lets it say at once that
the vault is open elsewhere. The operating system drops the lock when the process ends, even
after kill -9, so a crash never leaves the vault locked.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import IO

from recovery_journal.errors import VaultBusy
from recovery_journal.temporaries import lock_path, try_lock

__all__ = ["VaultLock", "in_use", "lock_path"]


class VaultLock:
    """Held while a vault is open; ``release`` (or the end of the process) lets it go."""

    def __init__(self, vault: Path) -> None:
        self.path = lock_path(vault)
        descriptor = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        self._handle: IO[bytes] | None = os.fdopen(descriptor, "r+b")
        if not try_lock(self._handle):
            self._handle.close()
            self._handle = None
            raise VaultBusy(vault, "locked by another copy of the app")

    def release(self) -> None:
        if self._handle is not None:
            with contextlib.suppress(OSError):
                self._handle.close()  # closing drops the lock
            self._handle = None


def in_use(vault: Path) -> bool:
    """True when another process holds the vault's lock (checked without keeping it)."""
    if not lock_path(vault).exists():
        return False
    try:
        VaultLock(vault).release()
    except VaultBusy:
        return True
    except OSError:
        return False
    return False
