"""Checking a vault once it is open, and keeping a damaged one as it is."""

from __future__ import annotations

from recovery_journal.domain.ports import Vault


def check_after_unlock(vault: Vault) -> list[str]:
    """Read every page once; if any is damaged, stop writing so the file stays as it was found.

    Tampering is only noticed on pages that are read, so this runs after each unlock (in the
    background, after the first page has loaded).
    """
    problems = vault.integrity_problems()
    if problems:
        vault.stop_writing()
    return problems
