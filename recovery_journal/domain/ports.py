"""What the services need from storage. ``recovery_journal.store`` implements these."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path
from typing import Protocol

from recovery_journal.domain.notes import DailyNote


class DailyNoteRepository(Protocol):
    def get(self, day: date) -> DailyNote | None: ...
    def save(self, note: DailyNote) -> None: ...
    def delete(self, day: date) -> None: ...
    def recent(self, limit: int, before: date | None = None) -> Sequence[DailyNote]: ...
    def all(self) -> Iterator[DailyNote]: ...
    def count(self) -> int: ...


class SettingsRepository(Protocol):
    def get_all(self) -> dict[str, str]: ...
    def set(self, key: str, value: str) -> None: ...
    def replace_all(self, values: dict[str, str]) -> None: ...


class Vault(Protocol):
    """One open, unlocked vault: its repositories and its unit of work."""

    path: Path

    @property
    def notes(self) -> DailyNoteRepository: ...

    @property
    def settings(self) -> SettingsRepository: ...

    def translate_error(self, error: BaseException) -> BaseException:
        """Turn a storage failure into the JournalError the person should see, else return it."""
        ...

    def transaction(self) -> AbstractContextManager[None]:
        """All or nothing: commits when the block ends, rolls back on any exception."""
        ...

    def is_empty(self) -> bool:
        """True when the vault holds none of the person's writing (settings aside)."""
        ...

    def integrity_problems(self) -> list[str]:
        """Every problem the integrity checks find; an empty list means the vault is sound."""
        ...

    def schema_version(self) -> int: ...

    def stop_writing(self) -> None:
        """Refuse every later write (used once the vault is found damaged)."""
        ...

    def close(self) -> None: ...
