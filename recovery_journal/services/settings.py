"""Reading and changing the preferences kept in the vault."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from recovery_journal.domain.ports import Vault
from recovery_journal.domain.settings import (
    KNOWN_SETTINGS,
    MAX_ADDICTION_NAME,
    MAX_DISPLAY_NAME,
    JournalSettings,
)
from recovery_journal.services.changes import Changes


def load_settings(vault: Vault) -> JournalSettings:
    return JournalSettings.from_mapping(vault.settings.get_all())


def save_settings(vault: Vault, settings: JournalSettings) -> Changes:
    cleaned = replace(
        settings,
        display_name=settings.display_name.strip()[:MAX_DISPLAY_NAME],
        addiction_name=settings.addiction_name.strip()[:MAX_ADDICTION_NAME],
    )
    wanted = cleaned.to_mapping()
    with vault.transaction():
        # Only the person's preferences: the same table keeps the report's choices, the backup
        # settings and the help-now contacts, which a save here must leave alone.
        current = vault.settings.get_all()
        for key in KNOWN_SETTINGS:
            if key in wanted:
                if current.get(key) != wanted[key]:
                    vault.settings.set(key, wanted[key])
            elif key in current:
                vault.settings.delete(key)
    return Changes(settings=True)


def update_settings(vault: Vault, **fields: Any) -> Changes:
    """Change only the named preferences, on top of what the vault holds now.

    Pages hold copies of the settings; saving a whole stale copy would undo a change made on
    another page in the meantime.
    """
    with vault.transaction():
        return save_settings(vault, replace(load_settings(vault), **fields))


def names_in_journal(vault: Vault) -> tuple[str, ...]:
    """The names the person gave the journal: what it calls them and the report cover's name.
    Someone who knows the person tries these first in a passphrase (passphrase.names_to_try)."""
    from recovery_journal.i18n import SOURCE_LANGUAGE
    from recovery_journal.services.report_choices import load_choices

    names = (load_settings(vault).display_name, load_choices(vault, SOURCE_LANGUAGE).name)
    return tuple(name for name in names if name.strip())
