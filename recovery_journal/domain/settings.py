"""Preferences about the person. They live inside the vault, never in QSettings."""

from __future__ import annotations

from dataclasses import dataclass

from recovery_journal.domain.steps import Programme

# The keys the app knows; unknown keys in an import are refused rather than carried blindly.
DISPLAY_NAME = "display_name"
PROGRAMME = "programme"
ADDICTION_NAME = "addiction_name"
KNOWN_SETTINGS = frozenset({DISPLAY_NAME, PROGRAMME, ADDICTION_NAME})
MAX_DISPLAY_NAME = 80
MAX_ADDICTION_NAME = 80


@dataclass(frozen=True, slots=True)
class JournalSettings:
    display_name: str = ""
    programme: Programme = Programme.ALCOHOL
    addiction_name: str = ""  # what the person names, for the generic programme

    @classmethod
    def from_mapping(cls, values: dict[str, str]) -> JournalSettings:
        try:
            programme = Programme(values.get(PROGRAMME, Programme.ALCOHOL.value))
        except ValueError:
            programme = Programme.ALCOHOL
        return cls(
            display_name=values.get(DISPLAY_NAME, ""),
            programme=programme,
            addiction_name=values.get(ADDICTION_NAME, ""),
        )

    def to_mapping(self) -> dict[str, str]:
        """Only what differs from the defaults, so an untouched vault exports no settings."""
        values = {}
        if self.display_name:
            values[DISPLAY_NAME] = self.display_name
        if self.programme is not Programme.ALCOHOL:
            values[PROGRAMME] = self.programme.value
        if self.addiction_name:
            values[ADDICTION_NAME] = self.addiction_name
        return values
