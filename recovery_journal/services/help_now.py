"""Reading and keeping the help-now contacts (inside the vault, with the rest of the writing)."""

from __future__ import annotations

import json

from recovery_journal.domain.help_now import HelpNow
from recovery_journal.domain.ports import Vault
from recovery_journal.services.changes import Changes

HELP_NOW_KEY = "help_now"


def load_help_now(vault: Vault) -> HelpNow:
    stored = vault.settings.get_all().get(HELP_NOW_KEY)
    if not stored:
        return HelpNow()
    try:
        return HelpNow.from_plain(json.loads(stored))
    except ValueError:
        return HelpNow()


def save_help_now(vault: Vault, help_now: HelpNow) -> Changes:
    cleaned = help_now.cleaned()
    with vault.transaction():
        if cleaned.empty:
            vault.settings.delete(HELP_NOW_KEY)
        else:
            vault.settings.set(
                HELP_NOW_KEY, json.dumps(cleaned.to_plain(), ensure_ascii=False, sort_keys=True)
            )
    return Changes(settings=True)
