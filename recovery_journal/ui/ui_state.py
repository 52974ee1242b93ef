"""UI state that may live outside the vault: window geometry, the chosen language, the last page.

Nothing about the person goes here; QSettings is a plain file anyone on the computer can read.
"""

from __future__ import annotations

import contextlib
import math
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QSettings

from recovery_journal.i18n import LANGUAGES, language_from_locale_name

if TYPE_CHECKING:
    from recovery_journal.domain.backups import RestorePoint
    from recovery_journal.domain.daily import ReminderTimes

ORGANISATION = "RecoveryJournal"
APPLICATION = "recovery-journal"

LANGUAGE = "ui/language"
MAIN_WINDOW_GEOMETRY = "main_window/geometry"
MAIN_WINDOW_STATE = "main_window/state"
LAST_PAGE = "main_window/page"
REMEMBERED = "keychain"
BACKUP_FOLDERS = "backup_folders"
REMINDERS = "reminder"
AUTO_LOCK = "lock/after_minutes"
LOCK_AFTER_CHOICES = (5, 10, 15, 30, 60, 0)  # minutes; 0 is never
DEFAULT_LOCK_AFTER = 10


def ui_settings() -> QSettings:
    settings = QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION
    )
    _keep_private(Path(settings.fileName()))
    return settings


_KEPT_PRIVATE: set[Path] = set()


def _keep_private(file: Path) -> None:
    """The file and its folder readable by this account only, before the first byte is written.

    Nothing about the person is in it, but it names the backup folder and which vaults keep a
    key in the keychain. QSettings writes through a new file that takes the permissions of the
    one it replaces, so an empty 0600 file made first keeps every later write private; a file
    and folder left 0644/0755 by an earlier version are tightened.
    """
    if file in _KEPT_PRIVATE:
        return
    try:
        file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(file.parent, 0o700)
        try:
            os.close(os.open(file, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        except FileExistsError:
            os.chmod(file, 0o600)
    except OSError:
        return  # a read-only home: QSettings cannot write there either; asked again next time
    _KEPT_PRIVATE.add(file)


def preferred_language() -> str:
    chosen = ui_settings().value(LANGUAGE)
    if isinstance(chosen, str) and chosen in LANGUAGES:
        return chosen
    return language_from_locale_name(QLocale.system().name())


def remember_language(language: str) -> None:
    ui_settings().setValue(LANGUAGE, language)


def _vault_key(path: Path) -> str:
    # A digest, not the path: which vaults exist on this computer is nobody's business.
    import hashlib  # OpenSSL's loading is not needed for the first window

    return hashlib.sha256(str(path.resolve()).encode("utf-8")).hexdigest()[:24]


def is_marked_remembered(path: Path) -> bool:
    """Whether the keychain holds this vault's key (so only then is the keychain asked)."""
    return ui_settings().value(f"{REMEMBERED}/{_vault_key(path)}") in (True, "true")


def mark_remembered(path: Path, remembered: bool) -> None:
    settings = ui_settings()
    if remembered:
        settings.setValue(f"{REMEMBERED}/{_vault_key(path)}", True)
    else:
        settings.remove(f"{REMEMBERED}/{_vault_key(path)}")


KEYCHAIN_REFUSED = "keychain_refused"


def keychain_refused(name: str) -> bool:
    """Whether this computer's keychain (by its backend's name) refused to keep a key before:
    then "remember my passphrase" is not offered again; another keychain gets its chance."""
    return ui_settings().value(KEYCHAIN_REFUSED) == name


def mark_keychain_refused(name: str) -> None:
    ui_settings().setValue(KEYCHAIN_REFUSED, name)


def auto_lock_minutes() -> int:
    """Minutes without use before the journal locks itself (0: never)."""
    try:
        minutes = int(str(ui_settings().value(AUTO_LOCK, DEFAULT_LOCK_AFTER)))
    except (TypeError, ValueError):
        return DEFAULT_LOCK_AFTER
    return minutes if minutes in LOCK_AFTER_CHOICES else DEFAULT_LOCK_AFTER


# Stands in for the setting where a wait of minutes is too long: the journeys lock after seconds.
LOCK_AFTER_SECONDS_VARIABLE = "RECOVERY_JOURNAL_LOCK_AFTER_SECONDS"


def auto_lock_seconds() -> float:
    """Seconds without use before the journal locks itself (0: never)."""
    override = os.environ.get(LOCK_AFTER_SECONDS_VARIABLE, "")
    try:
        seconds = float(override)
    except ValueError:
        seconds = 0.0
    # Only a real delay stands in for the setting: "0", "nan" or "inf" never turn the lock off.
    if math.isfinite(seconds) and seconds > 0:
        return seconds
    return auto_lock_minutes() * 60.0


def remember_auto_lock(minutes: int) -> None:
    ui_settings().setValue(AUTO_LOCK, minutes)


def remember_backup_folder(path: Path, folder: Path) -> None:
    """Where this vault's backups go, so a damaged vault (its settings unreadable) finds them."""
    ui_settings().setValue(f"{BACKUP_FOLDERS}/{_vault_key(path)}", str(folder))


def remembered_backup_folder(path: Path) -> Path | None:
    value = ui_settings().value(f"{BACKUP_FOLDERS}/{_vault_key(path)}")
    return Path(value) if isinstance(value, str) and value else None


def remember_reminder(path: Path, times: ReminderTimes | None) -> None:
    """When this vault's evening reminder comes (and its day begins), for the app to remind
    while the journal is locked or not yet opened; kept only while the app starts with the
    computer (None: forgotten)."""
    settings = ui_settings()
    key = f"{REMINDERS}/{_vault_key(path)}"
    if times is None:
        settings.remove(key)
    else:
        settings.setValue(key, f"{times.at:%H:%M} {times.boundary:%H:%M}")


def remembered_reminder(path: Path) -> ReminderTimes | None:
    from datetime import time

    from recovery_journal.domain.daily import ReminderTimes

    value = ui_settings().value(f"{REMINDERS}/{_vault_key(path)}")
    try:
        at, boundary = str(value).split()
        return ReminderTimes(time.fromisoformat(at), time.fromisoformat(boundary))
    except ValueError:  # none kept, or not ours to read
        return None


def known_restore_points(path: Path) -> list[RestorePoint]:
    """This vault's restore points that can be found without opening it, newest first: beside
    the vault, and in the folder chosen in Settings as this computer remembers it (the choice
    itself is inside the vault)."""
    from recovery_journal.domain.backups import default_folder, newest_first
    from recovery_journal.services.backups import restore_points

    folders = [default_folder(path)]
    chosen = remembered_backup_folder(path)
    if chosen is not None and chosen not in folders:
        folders.append(chosen)
    points = []
    for folder in folders:
        with contextlib.suppress(OSError):  # a folder on a disk not there now
            points += restore_points(path, folder)
    return newest_first(points)
