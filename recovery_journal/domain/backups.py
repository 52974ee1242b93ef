"""Restore points: how backups are named, found and thinned out (no I/O beyond names)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import Enum
from pathlib import Path

SUFFIX = ".rjvault"
DEFAULT_KEEP = 10
DEFAULT_EVERY = timedelta(days=1)


class BackupReason(Enum):
    SCHEDULED = "scheduled"
    MIGRATION = "before-upgrade"
    PASSPHRASE = "before-passphrase-change"
    RESTORE = "before-restore"
    BY_HAND = "by-hand"


# "<vault stem> 2026-11-24T210501.042Z scheduled.rjvault": sorts by time, says why it was made.
# Two made in the same millisecond never share a name: the second is "... scheduled (2).rjvault".
_NAME = re.compile(
    r"^(?P<stem>.+) (?P<stamp>\d{4}-\d\d-\d\dT\d{6}\.\d{3})Z (?P<reason>[a-z-]+)"
    r"(?: \(\d+\))?\.rjvault$"
)
_STAMP = "%Y-%m-%dT%H%M%S.%f"


@dataclass(frozen=True, slots=True)
class RestorePoint:
    path: Path
    made_at: datetime  # UTC
    reason: BackupReason


def default_folder(vault: Path) -> Path:
    """Beside the vault, in a folder of its own."""
    return vault.with_name(f"{vault.stem} backups")


def backup_name(vault: Path, reason: BackupReason, made_at: datetime | None = None) -> str:
    """The restore point's file name; ``made_at`` defaults to now, to the millisecond (the
    vault's own time stamps stop at the second, and two backups in a second are common)."""
    made_at = made_at or datetime.now(UTC)
    stamp = made_at.astimezone(UTC).strftime(_STAMP)[:-3]  # milliseconds
    return f"{vault.stem} {stamp}Z {reason.value}{SUFFIX}"


def parse_point(path: Path, vault: Path) -> RestorePoint | None:
    match = _NAME.match(path.name)
    if match is None or match["stem"] != vault.stem:
        return None
    try:
        reason = BackupReason(match["reason"])
        made_at = datetime.strptime(match["stamp"] + "000", _STAMP).replace(tzinfo=UTC)
    except ValueError:
        return None
    return RestorePoint(path, made_at, reason)


def newest_first(points: list[RestorePoint]) -> list[RestorePoint]:
    return sorted(points, key=lambda p: (p.made_at, p.path.name), reverse=True)


def to_remove(points: list[RestorePoint], keep: int) -> list[RestorePoint]:
    """The automatic restore points beyond the newest ``keep``; those made by hand stay."""
    automatic = [p for p in newest_first(points) if p.reason is not BackupReason.BY_HAND]
    return automatic[max(keep, 1) :]


def due(last: datetime | None, now: datetime, every: timedelta = DEFAULT_EVERY) -> bool:
    return last is None or now - last >= every or last > now + timedelta(minutes=5)
