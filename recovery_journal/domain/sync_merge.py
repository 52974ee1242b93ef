"""One journal on several computers, merged record by record without losing a word (issue 24).

Each computer has its own name (``computer``: a random identifier, made once) and counts its own
writes. Every write of a record, a deletion too, is a ``Version``: the record's identity, the
words (None for a deletion), the write's ``Dot`` (which computer, its how-manieth write) and what
the writer had seen of that record when it wrote (``seen``: the dots of the record's versions
it wrote over, and of those they had seen). A version another has seen is superseded by it: the
person wrote on top of it. Versions neither of which saw the other were written at the same time
on two computers, and both are kept (``Record.others``): the newer shown, the other kept visibly,
for the person to choose.

``merge`` is a union followed by dropping what is superseded, a function of the set of versions
alone: the same changes merged twice, or in any order, or in any grouping, give the same journal.
Clocks only choose which of two concurrent versions is shown first; a computer whose clock is
wrong never loses an edit, because what is kept is decided by what each writer had seen.
A deletion is a version like any other, so it travels; a deletion and an edit made at the same
time keep the edit (nothing written is lost in silence).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

Key = tuple[str, str]  # (kind, identity): "resentments", "<uid>"; "daily_notes", "2026-12-06"


@dataclass(frozen=True, slots=True, order=True)
class Dot:
    """One write: by which computer, and its how-manieth write (from 1)."""

    computer: str
    counter: int


@dataclass(frozen=True, slots=True)
class Version:
    key: Key
    dot: Dot
    # The dots of this record's versions its writer had seen, sorted, as (computer, counter).
    # Each dot by itself, not a highest-per-computer vector: a computer that writes over its
    # own version shown, leaving the other computer's version beside it, may hold an earlier
    # version of its own beside them too (a vector would count that one as seen, and drop it;
    # the test on real vaults found it).
    seen: tuple[tuple[str, int], ...]
    written_at: str  # the writer's clock (UTC, ISO): only which concurrent version shows first
    words: str | None  # the record as its kind writes it (canonical JSON); None: deleted

    def saw(self, dot: Dot) -> bool:
        """Whether this version's writer had seen the write ``dot`` (and wrote over it)."""
        return (dot.computer, dot.counter) in self.seen


@dataclass(frozen=True, slots=True)
class Record:
    """A record as the person sees it after a merge."""

    shown: Version  # the newest of the versions written at the same time
    others: tuple[Version, ...] = ()  # "also written on the other computer", newest first

    @property
    def deleted(self) -> bool:
        return self.shown.words is None


def _newest_first(versions: Iterable[Version]) -> list[Version]:
    # An edit before a deletion written at the same time; then the later clock; then the dot,
    # so that every computer orders the same versions the same way.
    return sorted(versions, key=lambda v: (v.words is not None, v.written_at, v.dot), reverse=True)


@dataclass(frozen=True, slots=True)
class Journal:
    """Every version not superseded, by record; and how many writes each computer made."""

    versions: Mapping[Key, frozenset[Version]] = field(default_factory=dict)

    @classmethod
    def of(cls, versions: Iterable[Version]) -> Journal:
        """The journal holding ``versions`` as they are (a vault's, or a file's)."""
        by_key: dict[Key, set[Version]] = {}
        for version in versions:
            by_key.setdefault(version.key, set()).add(version)
        return cls({key: frozenset(held) for key, held in by_key.items()})

    def every_version(self) -> list[Version]:
        return [version for held in self.versions.values() for version in held]

    def waiting(self) -> dict[Key, Record]:
        """The records written on two computers at once: the version shown and the others kept
        beside it, for the person to choose."""
        return {
            key: record
            for key in self.versions
            if (record := self.record(key)) is not None and record.others
        }

    def record(self, key: Key) -> Record | None:
        """What the person sees of one record; None: never written here."""
        versions = self.versions.get(key)
        if not versions:
            return None
        ordered = _newest_first(versions)
        # A deletion shown only when nothing else is left: an edit at the same time wins. The
        # same words written on two computers (a copy of the vault merged back) are one.
        others: list[Version] = []
        for version in ordered[1:]:
            known = {ordered[0].words, *(o.words for o in others)}
            if version.words is not None and version.words not in known:
                others.append(version)
        return Record(ordered[0], tuple(others))

    def live(self) -> dict[Key, str]:
        """The records as shown, deleted ones left out: what the journal holds."""
        live: dict[Key, str] = {}
        for key, versions in self.versions.items():
            # Most records have one version: no ordering to do.
            shown = next(iter(versions)) if len(versions) == 1 else _newest_first(versions)[0]
            if shown.words is not None:
                live[key] = shown.words
        return live


def _seen(versions: Iterable[Version]) -> tuple[tuple[str, int], ...]:
    """The dots of ``versions`` and of everything they had seen."""
    dots: set[tuple[str, int]] = set()
    for version in versions:
        dots.update(version.seen)
        dots.add((version.dot.computer, version.dot.counter))
    return tuple(sorted(dots))


@dataclass(frozen=True, slots=True)
class Write:
    """One write of a record: its words (None: a deletion), the writer's clock, and the versions
    it is written over (None: every version of the record held)."""

    key: Key
    words: str | None
    written_at: str
    over: frozenset[Version] | None = None


def write_all(journal: Journal, computer: str, writes: Iterable[Write]) -> Journal:
    """The journal after ``computer`` makes ``writes``, in order. Choosing one of two concurrent
    versions is a write over both; an edit of the version shown is a write over that one alone,
    so the other computer's version stays beside it until the person chooses."""
    versions = dict(journal.versions)
    # After every write the computer made, counting those already written over: a version it
    # no longer holds is still named in what the later ones had seen. (Counting only the
    # versions held gave a write a number used before, once others had written over them all.)
    counter = seen_by(journal).get(computer, 0)
    for change in writes:
        held = versions.get(change.key, frozenset())
        current = held if change.over is None else change.over & held
        counter += 1
        version = Version(
            change.key, Dot(computer, counter), _seen(current), change.written_at, change.words
        )
        versions[change.key] = (held - current) | {version}
    return Journal(versions)


def write(
    journal: Journal, computer: str, key: Key, words: str | None, written_at: str
) -> tuple[Journal, Version]:
    """The journal after ``computer`` writes ``words`` to a record over every version of it
    held; and the version written."""
    written = write_all(journal, computer, [Write(key, words, written_at)])
    (version,) = written.versions[key]
    return written, version


def _kept(versions: frozenset[Version]) -> frozenset[Version]:
    """The versions no other one has seen."""
    return frozenset(v for v in versions if not any(o.dot != v.dot and o.saw(v.dot)
                                                      for o in versions))  # fmt: skip


def merge(*journals: Journal) -> Journal:
    """Every version of every journal given, less those another has seen."""
    union: dict[Key, set[Version]] = {}
    for journal in journals:
        for key, versions in journal.versions.items():
            union.setdefault(key, set()).update(versions)
    return Journal({key: _kept(frozenset(versions)) for key, versions in union.items()})


def changes_since(journal: Journal, seen: Mapping[str, int]) -> Journal:
    """The versions written after what ``seen`` (computer to its highest write) covers: what an
    exchange sends another computer that has seen that much. Merging them gives it what merging
    everything would."""
    return Journal(
        {
            key: frozenset(v for v in versions if v.dot.counter > seen.get(v.dot.computer, 0))
            for key, versions in journal.versions.items()
            if any(v.dot.counter > seen.get(v.dot.computer, 0) for v in versions)
        }
    )


def seen_by(journal: Journal) -> dict[str, int]:
    """For each computer, the highest of its writes this journal holds or has superseded."""
    highest: dict[str, int] = {}
    for versions in journal.versions.values():
        for computer, counter in _seen(versions):
            highest[computer] = max(highest.get(computer, 0), counter)
    return highest
