"""What a service call changed, so each view refreshes only what it shows (Anki's OpChanges)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Changes:
    notes: bool = False
    settings: bool = False

    @classmethod
    def everything(cls) -> Changes:
        return cls(notes=True, settings=True)

    def __or__(self, other: Changes) -> Changes:
        return Changes(notes=self.notes or other.notes, settings=self.settings or other.settings)

    def __bool__(self) -> bool:
        return self.notes or self.settings
