"""Automatic encrypted backups: where they go, how many are kept, when the next one is due.

The settings live inside the vault (they name a folder on this computer, so they are not part
of the JSON export). Each backup is the store's checked copy, moved into place whole.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from recovery_journal.domain.backups import (
    DEFAULT_KEEP,
    BackupReason,
    RestorePoint,
    backup_name,
    default_folder,
    due,
    newest_first,
    parse_point,
    to_remove,
)
from recovery_journal.domain.clock import from_iso, to_iso
from recovery_journal.domain.ports import Vault
from recovery_journal.domain.settings_keys import BACKUP_FOLDER, BACKUP_KEEP, BACKUP_LAST
from recovery_journal.i18n import _
from recovery_journal.temporaries import remove_with_sidecars

MAX_KEEP = 365


@dataclass(frozen=True, slots=True)
class BackupSettings:
    folder: Path
    keep: int
    chosen_folder: bool  # False: the default beside the vault
    last: datetime | None


def backup_settings(vault: Vault) -> BackupSettings:
    values = vault.settings.get_all()
    chosen = values.get(BACKUP_FOLDER.name, "")
    try:
        keep = min(max(int(values.get(BACKUP_KEEP.name, DEFAULT_KEEP)), 1), MAX_KEEP)
    except ValueError:
        keep = DEFAULT_KEEP
    try:
        last = from_iso(values[BACKUP_LAST.name]) if values.get(BACKUP_LAST.name) else None
    except ValueError:
        last = None
    folder = Path(chosen) if chosen else default_folder(vault.path)
    return BackupSettings(folder, keep, bool(chosen), last)


def save_backup_settings(vault: Vault, folder: Path | None, keep: int) -> BackupSettings:
    """``folder`` None: back to the default beside the vault."""
    with vault.transaction():
        vault.settings.set(BACKUP_FOLDER.name, str(folder) if folder else "")
        vault.settings.set(BACKUP_KEEP.name, str(min(max(keep, 1), MAX_KEEP)))
    return backup_settings(vault)


def restore_points(vault_path: Path, folder: Path) -> list[RestorePoint]:
    """The backups of this vault in ``folder``, newest first."""
    if not folder.is_dir():
        return []
    found = [parse_point(path, vault_path) for path in folder.iterdir() if path.is_file()]
    return newest_first([point for point in found if point is not None])


def all_restore_points(vault: Vault) -> list[RestorePoint]:
    return restore_points(vault.path, backup_settings(vault).folder)


def make_backup(
    vault: Vault, reason: BackupReason, now: datetime | None = None, folder: Path | None = None
) -> RestorePoint:
    """Write a restore point now, then let go of automatic ones beyond the number kept.

    ``folder``: this once, instead of the backup folder (a vault open for reading only cannot
    keep a new choice); nothing there is let go of.
    """
    # To the millisecond in the name, and never over another file (see backup_to).
    now = now or datetime.now(UTC)
    settings = backup_settings(vault)
    target = vault.backup_to((folder or settings.folder) / backup_name(vault.path, reason, now))
    if folder is not None:
        return RestorePoint(target, now, reason)
    if reason is BackupReason.SCHEDULED:
        vault.settings.set(BACKUP_LAST.name, to_iso(now))
    for old in to_remove(restore_points(vault.path, settings.folder), settings.keep):
        with contextlib.suppress(OSError):
            remove_with_sidecars(old.path)  # a WAL set aside with it goes too
    return RestorePoint(target, now, reason)


def backup_if_due(vault: Vault, now: datetime | None = None) -> RestorePoint | None:
    now = now or datetime.now(UTC)
    if not due(backup_settings(vault).last, now):
        return None
    return make_backup(vault, BackupReason.SCHEDULED, now)


def interrupted_restore_sentence(vault: Vault) -> str:
    """What to say when opening found a restore killed half-way (and tidied it); else ""."""
    if vault.interrupted_restore == "undone":
        return _(
            "A restore was interrupted before it could finish; your journal is as it was "
            "before it, and nothing was lost. You can restore again whenever you like."
        )
    if vault.interrupted_restore == "finished":
        return _(
            "A restore was interrupted at its very end, after the backup was in place; the "
            "journal that was there before is kept as a restore point."
        )
    return ""
