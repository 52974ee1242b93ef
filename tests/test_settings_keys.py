"""The vault's key-value settings table: every key declared once, with its one writer."""

from __future__ import annotations

import pytest

from recovery_journal.domain.backups import BackupReason
from recovery_journal.domain.help_now import Contact, HelpNow
from recovery_journal.domain.settings_keys import KEYS, UndeclaredSetting
from recovery_journal.services.backups import make_backup, save_backup_settings
from recovery_journal.services.demo import fill_demo
from recovery_journal.services.help_now import save_help_now
from recovery_journal.services.report_choices import ReportChoices, save_choices


def test_a_key_declared_nowhere_is_refused_before_it_reaches_the_file(new_vault):
    with pytest.raises(UndeclaredSetting), new_vault.transaction():
        new_vault.settings.set("report.choise", "{}")
    with pytest.raises(UndeclaredSetting), new_vault.transaction():
        new_vault.settings.replace_all({"display_name": "Al", "backup.foldr": "/tmp"})
    assert new_vault.settings.get_all().keys() == {"journal.id"}  # a new vault's own


def test_what_the_app_writes_is_all_declared(new_vault, tmp_path):
    fill_demo(new_vault, days=30)
    save_backup_settings(new_vault, tmp_path, 5)
    make_backup(new_vault, BackupReason.BY_HAND)
    save_help_now(new_vault, HelpNow(sponsor=Contact("Sam", "555-0101")))
    save_choices(new_vault, ReportChoices(language="en", interface="en"))
    written = set(new_vault.settings.get_all())
    assert written <= set(KEYS)
    assert {"backup.folder", "help_now", "report.choices"} <= written


def test_this_computers_own_settings_are_the_ones_that_name_this_computer():
    """A folder path, the tray, the evening reminder and starting with the computer belong to one
    computer; the rest is the journal's own and goes where the journal goes (issue 24)."""
    own = {name for name, key in KEYS.items() if key.this_computer}
    assert own == {
        "backup.folder",
        "backup.last",
        "reminder_on",
        "reminder_time",
        "keep_in_tray",
        "autostart",
        # services/sync.py: this computer's name, its shared folder and keys, its last arrival.
        "sync.computer",
        "sync.folder",
        "sync.keys",
        "sync.arrived",
        "sync.read",
        "sync.written",
    }


def test_each_key_has_one_writer_and_it_is_a_service():
    import importlib

    for key in KEYS.values():
        importlib.import_module(f"recovery_journal.services.{key.writer}")
