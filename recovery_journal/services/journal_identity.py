"""The journal's identifier (domain/journal_identity.py), which reports carry: read, and kept."""

from __future__ import annotations

from recovery_journal.domain.journal_identity import is_journal_id, new_journal_id
from recovery_journal.domain.ports import Vault
from recovery_journal.domain.settings_keys import JOURNAL_ID


def journal_id(vault: Vault) -> str:
    """This journal's identifier. Every vault has one from schema 8 on (a migration gives it);
    one found missing or spoilt is made now and kept, so a journal never has two."""
    kept = vault.settings.get_all().get(JOURNAL_ID.name, "")
    if is_journal_id(kept):
        return kept
    made = new_journal_id()
    keep_journal_id(vault, made)
    return made


def keep_journal_id(vault: Vault, identifier: str) -> None:
    """Keep ``identifier`` as the journal's (an import brings the exported journal's)."""
    if not is_journal_id(identifier):
        raise ValueError("not a journal identifier")
    with vault.transaction():
        vault.settings.set(JOURNAL_ID.name, identifier)
