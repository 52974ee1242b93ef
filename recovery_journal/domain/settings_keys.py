"""Every key of the vault's key-value ``settings`` table, declared once.

Several writers share that one table: the person's settings, the backups, the help-now contacts
and the report's choices. A writer that handled keys it did not own once wiped the report's
choices, so each key is declared here with the one service that writes it, and the store refuses
a key declared nowhere. Whether a key belongs to this computer only (a folder path, the tray, the
reminder's time) is declared here too: those stay behind when the journal is used elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from recovery_journal.domain.settings import JournalSettings


@dataclass(frozen=True, slots=True)
class SettingsKey:
    name: str
    writer: str  # the service module that writes it, and the only one
    this_computer: bool = False  # this computer's own: never carried to another computer


BACKUP_FOLDER = SettingsKey("backup.folder", "backups", this_computer=True)
BACKUP_KEEP = SettingsKey("backup.keep", "backups")
BACKUP_LAST = SettingsKey("backup.last", "backups", this_computer=True)
HELP_NOW = SettingsKey("help_now", "help_now")
# Whether this computer starts the app with the desktop session (the autostart entry it names
# is a file on this computer, so the key is not exported either).
START_WITH_COMPUTER = SettingsKey("autostart", "autostart", this_computer=True)
# The journal's identifier, which reports carry (domain/journal_identity.py). Every vault gets one
# at schema 8 (a migration's data step); an import brings the exported journal's.
JOURNAL_ID = SettingsKey("journal.id", "journal_identity")
REPORT_CHOICES = SettingsKey("report.choices", "report")
# One journal on several computers (services/sync.py): this computer's name among them, the
# shared folder, the keys that open the files there (newest first), and when the other
# computers' changes last arrived. All this computer's own.
SYNC_COMPUTER = SettingsKey("sync.computer", "sync", this_computer=True)
SYNC_FOLDER = SettingsKey("sync.folder", "sync", this_computer=True)
SYNC_KEYS = SettingsKey("sync.keys", "sync", this_computer=True)
SYNC_ARRIVED = SettingsKey("sync.arrived", "sync", this_computer=True)
# Which other computers' files were merged, by size and change time (not read again unchanged),
# and what this computer's own file was last written with (not written again unchanged).
SYNC_READ = SettingsKey("sync.read", "sync", this_computer=True)
SYNC_WRITTEN = SettingsKey("sync.written", "sync", this_computer=True)

KEYS: dict[str, SettingsKey] = {
    key.name: key
    for key in (
        *(
            SettingsKey(setting.name, "settings", setting.metadata["this_computer"])
            for setting in fields(JournalSettings)
        ),
        BACKUP_FOLDER,
        BACKUP_KEEP,
        BACKUP_LAST,
        HELP_NOW,
        JOURNAL_ID,
        REPORT_CHOICES,
        START_WITH_COMPUTER,
        SYNC_COMPUTER,
        SYNC_FOLDER,
        SYNC_KEYS,
        SYNC_ARRIVED,
        SYNC_READ,
        SYNC_WRITTEN,
    )
}


class UndeclaredSetting(ValueError):
    """A key no declaration names: a programming error, refused before it reaches the file."""


def declared(name: str) -> SettingsKey:
    try:
        return KEYS[name]
    except KeyError:
        raise UndeclaredSetting(f"no settings key is declared as {name!r}") from None
