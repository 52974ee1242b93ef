"""Reading and keeping the help-now contacts (inside the vault, with the rest of the writing)."""

from __future__ import annotations

import json

from recovery_journal.domain.help_now import EmergencyArea, HelpNow, emergency_number
from recovery_journal.domain.ports import Vault
from recovery_journal.domain.settings_keys import HELP_NOW
from recovery_journal.i18n import _
from recovery_journal.services.changes import Changes


def load_help_now(vault: Vault) -> HelpNow:
    stored = vault.settings.get_all().get(HELP_NOW.name)
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
            vault.settings.delete(HELP_NOW.name)
        else:
            vault.settings.set(
                HELP_NOW.name, json.dumps(cleaned.to_plain(), ensure_ascii=False, sort_keys=True)
            )
    # Kept in the settings table, but no page shows them but Help now, which shows what it
    # saved: announcing "settings" would reload every page (at each lock, too).
    return Changes()


def _where(area: EmergencyArea) -> str:
    return {
        EmergencyArea.EUROPE: _("across Europe"),
        EmergencyArea.RUSSIA: _("in Russia"),
        EmergencyArea.UNITED_KINGDOM: _("in the United Kingdom"),
        EmergencyArea.UNITED_STATES_AND_CANADA: _("in the United States and Canada"),
        EmergencyArea.AUSTRALIA: _("in Australia"),
        EmergencyArea.NEW_ZEALAND: _("in New Zealand"),
    }[area]


def what_to_do_now(territory: str) -> tuple[str, ...]:
    """What anyone can do in a hard moment, before or beside their own contacts, in our own
    words. ``territory`` is the computer's region (an ISO 3166 code, "" if unknown): the
    emergency number is named with the place it holds, since the region is only a guess."""
    found = emergency_number(territory)
    if found is None:
        emergency = _(
            "If you are in danger or might hurt yourself, call your local emergency number now."
        )
    else:
        number = found.numbers[0]
        for other in found.numbers[1:]:
            number = _("{number} or {other}").format(number=number, other=other)
        emergency = _(
            "If you are in danger or might hurt yourself, call the emergency number now: "
            "{number} {where}."
        ).format(number=number, where=_where(found.area))
    return (
        emergency,
        _("Call your sponsor or someone you trust, and say that today is hard."),
        _("Go to a meeting today, in person or online."),
    )
