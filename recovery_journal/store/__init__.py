"""SQLCipher storage: the only package that imports sqlcipher3."""

from recovery_journal.store.lock_file import in_use
from recovery_journal.store.restore import check_backup, restore_backup
from recovery_journal.store.sync_file import (
    derive_sync_key,
    read_sync_file,
    salt_of,
    write_sync_file,
)
from recovery_journal.store.vault_file import (
    KDF_ITERATIONS,
    Access,
    SqlCipherVault,
    change_passphrase,
    create_vault,
    derive_raw_key,
    ensure_cipher_available,
    ensure_room_to_rekey,
    open_vault,
)

__all__ = [
    "check_backup",
    "in_use",
    "restore_backup",
    "KDF_ITERATIONS",
    "Access",
    "SqlCipherVault",
    "change_passphrase",
    "create_vault",
    "derive_raw_key",
    "ensure_cipher_available",
    "ensure_room_to_rekey",
    "open_vault",
    "derive_sync_key",
    "read_sync_file",
    "salt_of",
    "write_sync_file",
]
