"""Free journal entries: what happened today, what was heard at a meeting, a thought to keep."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import Enum


class Mood(Enum):
    GREAT = "great"
    GOOD = "good"
    OKAY = "okay"
    LOW = "low"
    HARD = "hard"


MAX_TAG_LENGTH = 40
MAX_TAGS = 100
# The export's limits since format 6 (recovery_journal/resources/schema/export-v*.json).
MAX_TITLE_LENGTH = 1000
_SPACES = re.compile(r"\s+")


def clean_tag(text: str) -> str:
    """A tag as kept: no commas (they separate tags as typed), single spaces, lower case."""
    # Cut, then strip: a tag cut after a space must not end in one.
    return _SPACES.sub(" ", text.replace(",", " ")).strip().lower()[:MAX_TAG_LENGTH].strip()


def tags_from_text(text: str) -> frozenset[str]:
    """Tags typed as one line, separated by commas."""
    tags: list[str] = []
    for tag in (clean_tag(part) for part in text.split(",")):
        if tag and tag not in tags:
            tags.append(tag)
    return frozenset(tags[:MAX_TAGS])


@dataclass(frozen=True, slots=True)
class JournalEntry:
    uid: str
    day: date
    created_at: datetime
    updated_at: datetime
    title: str = ""
    body: str = ""  # Markdown, as Qt's text editor writes it
    tags: frozenset[str] = frozenset()
    mood: Mood | None = None

    @property
    def empty(self) -> bool:
        return not (self.title.strip() or self.body.strip() or self.tags or self.mood)

    @property
    def heading(self) -> str:
        """The title, else the first line of the text, plain."""
        if self.title.strip():
            return self.title.strip()
        return first_line(plain_text(self.body))

    def edited(self, at: datetime, **changes: object) -> JournalEntry:
        return replace(self, updated_at=at, **changes)  # type: ignore[arg-type]


# Markers Qt's Markdown writer uses: emphasis, headings, list bullets and numbers, code ticks.
_MARKUP = re.compile(
    r"\*\*|\*|(?<!\w)__?|__?(?!\w)|^#{1,6}\s+|^\s*[-*+]\s+(?:\[[ xX]\]\s+)?|^\s*\d+[.)]\s+|`",
    re.M,
)
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|~])")


def plain_text(markdown: str) -> str:
    """The words of a Markdown body without its markers (for lists, snippets and the index)."""
    # An escaped mark is the person's own character: set aside, then put back after the markers go.
    kept: list[str] = []

    def keep(match: re.Match[str]) -> str:
        kept.append(match.group(1))
        return "\0"

    text = _MARKUP.sub("", _ESCAPED.sub(keep, markdown))
    return re.sub("\0", lambda _match: kept.pop(0), text).strip()


def first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""


def shortened(text: str, limit: int) -> str:
    """At most ``limit`` characters, cut between words where there is a space, with "…"."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:") + "…"
