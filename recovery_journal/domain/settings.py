"""Preferences about the person. They live inside the vault, never in QSettings."""

from __future__ import annotations

from dataclasses import dataclass

# The keys the app knows; unknown keys in an import are refused rather than carried blindly.
DISPLAY_NAME = "display_name"
KNOWN_SETTINGS = frozenset({DISPLAY_NAME})
MAX_DISPLAY_NAME = 80


@dataclass(frozen=True, slots=True)
class JournalSettings:
    display_name: str = ""

    @classmethod
    def from_mapping(cls, values: dict[str, str]) -> JournalSettings:
        return cls(display_name=values.get(DISPLAY_NAME, ""))

    def to_mapping(self) -> dict[str, str]:
        return {DISPLAY_NAME: self.display_name} if self.display_name else {}
