"""What a service call changed, so each view refreshes only what it shows (Anki's OpChanges)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Changes:
    notes: bool = False
    settings: bool = False
    steps: bool = False
    daily: bool = False  # the nightly review, clean time, spot-checks, gratitude, meetings
    journal: bool = False  # the free journal
    sponsor: bool = False  # the sponsor's notes, and the answers to them
    # Who asked for the change (the page whose save it was; Operations.run's owner): a page
    # knows its own save when it is announced, and leaves the form it already shows alone.
    initiator: object = field(default=None, compare=False, repr=False)

    @classmethod
    def everything(cls) -> Changes:
        return cls(**{area: True for area in _AREAS})

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            **{area: getattr(self, area) or getattr(other, area) for area in _AREAS},
            initiator=self.initiator if self.initiator is not None else other.initiator,
        )

    def __bool__(self) -> bool:
        return any(getattr(self, area) for area in _AREAS)

    def by(self, initiator: object) -> Changes:
        return replace(self, initiator=initiator)


# The parts of the app a change can touch: every field but the initiator (not compared).
_AREAS = tuple(area.name for area in fields(Changes) if area.compare)

# The step work, its tools and the inventory all refresh together.
STEPS_CHANGED = Changes(steps=True)
DAILY_CHANGED = Changes(daily=True)
JOURNAL_CHANGED = Changes(journal=True)
NOTES_CHANGED = Changes(notes=True)
SPONSOR_CHANGED = Changes(sponsor=True)


def records_changed(record_types: Iterable[type]) -> Changes:
    """What saving or removing records of these kinds changes: the step work and its tools
    (the inventory among them), the daily practice, or the sponsor's notes."""
    from recovery_journal.domain.record_kinds import Group, kind_of

    groups = {kind_of(record_type).group for record_type in record_types}
    return Changes(
        steps=bool(groups & {Group.STEPS, Group.INVENTORY}),
        daily=Group.DAILY in groups,
        sponsor=Group.SPONSOR in groups,
    )


@dataclass(frozen=True, slots=True)
class Changed(Generic[T]):
    """What a service that writes returns when it has something to say besides its changes:
    the saved note, the step's progress, the amend made (Anki's OpChangesWith...). The
    changes travel with the value, so no caller states them a second time."""

    value: T
    changes: Changes


def carried_by(result: object) -> Changes:
    """The changes a service's result says it made: a ``Changes`` or a ``Changed``; nothing
    otherwise (a read)."""
    if isinstance(result, Changes):
        return result
    if isinstance(result, Changed):
        return result.changes
    return Changes()
