"""Loading the storage layer, failing closed with one sentence when the cipher is not there.

Callers outside ``store`` come here instead of importing it, so a missing or wrong sqlcipher3
binding becomes CipherUnavailable rather than an ImportError traceback.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from recovery_journal.errors import CipherUnavailable

if TYPE_CHECKING:
    from recovery_journal.domain.ports import VaultStore


def load_store() -> VaultStore:
    try:
        from recovery_journal import store
    except ImportError as error:
        raise CipherUnavailable(f"sqlcipher3 cannot be loaded: {error}") from error
    store.ensure_cipher_available()
    return store
