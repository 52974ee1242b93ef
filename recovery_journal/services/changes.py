"""What a service call changed, so each view refreshes only what it shows (Anki's OpChanges)."""

from __future__ import annotations

from collections.abc import Iterable
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


def records_changed(record_types: Iterable[type]) -> Changes:
    """What saving or removing records of these kinds changes: the step work and its tools
    (the inventory among them), or the daily practice."""
    from recovery_journal.domain.record_kinds import Group, kind_of

    groups = {kind_of(record_type).group for record_type in record_types}
    return Changes(steps=bool(groups & {Group.STEPS, Group.INVENTORY}), daily=Group.DAILY in groups)


def carried_by(result: object) -> Changes:
    """The changes a service's result says it made: a ``Changes``, or one as the last item of a
    tuple (``(amend, changes)``); nothing otherwise."""
    if isinstance(result, Changes):
        return result
    if isinstance(result, tuple) and result and isinstance(result[-1], Changes):
        return result[-1]
    return Changes()
