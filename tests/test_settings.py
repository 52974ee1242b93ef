"""The journal's settings, each declared once (its name, type, default and text form)."""

from __future__ import annotations

from dataclasses import fields
from datetime import date, time

from recovery_journal.domain.settings import KNOWN_SETTINGS, JournalSettings
from recovery_journal.domain.steps import Programme

CHANGED = JournalSettings(
    display_name="Sasha",
    programme=Programme.DRUGS,
    addiction_name="gambling",
    day_boundary=time(5, 30),
    reminder_on=True,
    reminder_time=time(22, 15),
    keep_in_tray=True,
    ninety_start=date(2026, 9, 1),
)


def test_every_setting_is_known_by_its_one_declaration():
    assert {f.name for f in fields(JournalSettings)} == KNOWN_SETTINGS
    assert all(getattr(CHANGED, f.name) != f.default for f in fields(JournalSettings))


def test_each_setting_keeps_its_value_through_the_vault_s_text():
    stored = CHANGED.to_mapping()
    assert stored == {
        "display_name": "Sasha",
        "programme": "drugs",
        "addiction_name": "gambling",
        "day_boundary": "05:30",
        "reminder_on": "1",
        "reminder_time": "22:15",
        "keep_in_tray": "1",
        "ninety_start": "2026-09-01",
    }
    assert JournalSettings.from_mapping(stored) == CHANGED


def test_the_defaults_store_nothing_and_a_value_it_cannot_read_is_the_default():
    assert JournalSettings().to_mapping() == {}
    unreadable = {name: "??" for name in KNOWN_SETTINGS} | {"display_name": ""}
    assert JournalSettings.from_mapping(unreadable) == JournalSettings(
        addiction_name="??"  # text is text
    )
