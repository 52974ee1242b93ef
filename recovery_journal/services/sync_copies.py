"""Copies of the vault a sync tool leaves beside it, and merging another copy in (issue 24).

A vault file kept in a synced folder and written on two computers before they heard from each
other becomes two files: the sync tool keeps one under the vault's name and renames the other.
The names, as each tool documents them (for a vault ``journal.rjvault``):
- Syncthing: ``journal.sync-conflict-20261206-101010-ABCDEFG.rjvault`` (the date and time, then
  the first seven characters of the device that wrote it);
- Dropbox: ``journal (Sam's conflicted copy 2026-12-06).rjvault`` (whose, or which computer's,
  then the day; a second one on the same day gets `` (1)`` inside the brackets);
- Nextcloud (and ownCloud before it): ``journal (conflicted copy 2026-12-06 101010).rjvault``.

Merging such a copy takes its records as versions (services/sync.merge_vault), so nothing in
either file is lost; the copy is only read. Afterwards it is moved into a folder of its own in
the backup folder, ``merged copies``, whole and unchanged: not deleted (it holds the person's
words, and nothing is deleted without asking), no longer beside the vault (so it is not offered
again, and the sync tool stops carrying a second journal to the other computers), and where the
person already looks for older states of the journal.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from recovery_journal.domain.ports import Vault, VaultStore
from recovery_journal.passphrase import Secret
from recovery_journal.services.backups import backup_settings
from recovery_journal.services.sync import Exchange, merge_vault
from recovery_journal.temporaries import other_names

MERGED_FOLDER = "merged copies"


def _patterns(vault_path: Path) -> tuple[re.Pattern[str], ...]:
    stem, suffix = re.escape(vault_path.stem), re.escape(vault_path.suffix)
    return (
        re.compile(rf"^{stem}\.sync-conflict-\d{{8}}-\d{{6}}-[A-Z0-9]{{7}}{suffix}$"),
        # Dropbox's "(Sam's conflicted copy 2026-12-06)", "(Laptop conflicted copy 2026-12-06
        # (1))"; Nextcloud's "(conflicted copy 2026-12-06 101010)".
        re.compile(rf"^{stem} \([^()]*conflicted copy [^()]*(?:\(\d+\))?\){suffix}$", re.I),
    )


def is_conflicted_copy(path: Path, vault_path: Path) -> bool:
    """Whether ``path`` is a copy of the vault that a sync tool left beside it."""
    return path.parent.absolute() == vault_path.parent.absolute() and any(
        pattern.match(path.name) for pattern in _patterns(vault_path)
    )


def conflicted_copies(vault_path: Path) -> list[Path]:
    """The copies of the vault that sync tools left beside it, oldest name first."""
    try:
        beside = list(vault_path.parent.iterdir())
    except OSError:
        return []
    return sorted(p for p in beside if is_conflicted_copy(p, vault_path) and p.is_file())


@dataclass(frozen=True, slots=True)
class CopyMerged:
    """What merging another copy did, and where the copy went (None: left where it was)."""

    exchange: Exchange
    moved_to: Path | None


def merge_copy(
    vault: Vault, store: VaultStore, path: Path, passphrase: Secret, now: datetime
) -> CopyMerged:
    """Merge the copy at ``path`` (opened only to read, with a passphrase or the journal's own
    remembered key: a copy has the vault's salt, so the same key opens it) into ``vault``; a
    sync tool's copy beside the vault is then moved aside, unchanged (see the module's
    docstring)."""
    other = store.open_vault(path, passphrase, access=store.Access.READ)
    try:
        done = merge_vault(vault, other, now)
    finally:
        other.close()
    moved = None
    if is_conflicted_copy(path, vault.path):
        moved = _move_aside(path, backup_settings(vault).folder / MERGED_FOLDER)
    return CopyMerged(done, moved)


def _move_aside(path: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    # A copy of the same name merged before stays as it was. Moved, not linked (place_new):
    # the backup folder may be on another disk.
    target = next(name for name in other_names(folder / path.name) if not os.path.lexists(name))
    shutil.move(path, target)
    return target
