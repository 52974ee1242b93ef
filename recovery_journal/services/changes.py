"""What a service call changed, so each view refreshes only what it shows (Anki's OpChanges)."""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True, slots=True)
class Changes:
    notes: bool = False
    settings: bool = False
    steps: bool = False
    daily: bool = False  # the nightly review, clean time, spot-checks, gratitude, meetings
    journal: bool = False  # the free journal

    @classmethod
    def everything(cls) -> Changes:
        return cls(**{field.name: True for field in fields(cls)})

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            **{f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)}
        )

    def __bool__(self) -> bool:
        return any(getattr(self, field.name) for field in fields(self))


# The step work, its tools and the inventory all refresh together.
STEPS_CHANGED = Changes(steps=True)
DAILY_CHANGED = Changes(daily=True)
JOURNAL_CHANGED = Changes(journal=True)
