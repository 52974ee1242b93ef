"""SQLCipher storage: the only package that imports sqlcipher3."""

from recovery_journal.store.vault_file import (
    KDF_ITERATIONS,
    SqlCipherVault,
    create_vault,
    ensure_cipher_available,
    open_vault,
)

__all__ = [
    "KDF_ITERATIONS",
    "SqlCipherVault",
    "create_vault",
    "ensure_cipher_available",
    "open_vault",
]
