"""What a sponsor wrote back in a progress report, kept beside the item it is about.

A sponsor answers in the report itself (issue 23): a note on the whole report, under a step's
answers or one answer, on a worksheet or one of its rows, on the amends list, on the nightly
reviews. Each note names its item with an ``About``, a small value with a stable string form
("step:4", "answer:4:s4.q03", "row:resentments:<uid>"), which the report writes beside each place
a sponsor can write and which the vault keeps; ``about_from_text`` reads it back.

A note's uid is made from the journal's identifier, the report's, the item and the words
(``note_uid``), so the same reply imported twice adds nothing.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import Enum

from recovery_journal.domain.inventory import WORKSHEETS
from recovery_journal.domain.records import TextValue
from recovery_journal.domain.steps import STEP_NUMBERS

AMENDS_LIST = "amends"  # the step 8 list and the step 9 amends: its rows are named like a sheet's
ROW_LISTS = (*WORKSHEETS, AMENDS_LIST)  # the lists whose rows a note can be about

# As the export writes them: a question id ("s4.q03", "<pack>/<question>"), a row's uid.
_QUESTION_ID = re.compile(r"^[A-Za-z0-9._/-]{1,120}$")
_ROW_UID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
MAX_ABOUT = 200  # the longest string form: "row:" and a list's name and a uid, or an answer's


class NotAnItem(ValueError):
    """A string that names no item a report holds (mistyped, or from a newer app)."""


class Topic(Enum):
    """What kind of item of a report a note is about."""

    REPORT = "report"  # the whole report: the sponsor's general note
    STEP = "step"  # a step's answers, all together (ref: the step's number)
    ANSWER = "answer"  # one answer (ref: "<step>:<question id>")
    WORKSHEET = "worksheet"  # a step 4 worksheet (ref: its key, "resentments")
    ROW = "row"  # one row of a worksheet or of the amends list (ref: "<list>:<uid>")
    AMENDS = "amends"  # the step 8 list and the step 9 amends
    REVIEWS = "reviews"  # the nightly-review summary


_WHOLE = frozenset({Topic.REPORT, Topic.AMENDS, Topic.REVIEWS})  # items without a ref


@dataclass(frozen=True, slots=True)
class About(TextValue):
    """The item a note is about. Its string form, ``str(about)``, is ``kind`` alone for the
    whole report, the amends and the reviews, else ``kind:ref``; ``about_from_text`` reads it.
    Make one with the constructors below, which give only valid items."""

    topic: Topic
    ref: str = ""

    @classmethod
    def report(cls) -> About:
        return cls(Topic.REPORT)

    @classmethod
    def step(cls, step: int) -> About:
        return about_from_text(f"step:{step}")

    @classmethod
    def answer(cls, step: int, question_id: str) -> About:
        return about_from_text(f"answer:{step}:{question_id}")

    @classmethod
    def worksheet(cls, sheet: str) -> About:
        return about_from_text(f"worksheet:{sheet}")

    @classmethod
    def row(cls, sheet: str, uid: str) -> About:
        """A row of a worksheet ("resentments") or of the amends list (``AMENDS_LIST``)."""
        return about_from_text(f"row:{sheet}:{uid}")

    @classmethod
    def amends(cls) -> About:
        return cls(Topic.AMENDS)

    @classmethod
    def reviews(cls) -> About:
        return cls(Topic.REVIEWS)

    @classmethod
    def parse(cls, text: str) -> About:
        return about_from_text(text)

    def __str__(self) -> str:
        return about_text(self)

    @property
    def step_number(self) -> int | None:
        """The step of a step's answers or of one answer."""
        if self.topic is Topic.STEP:
            return int(self.ref)
        if self.topic is Topic.ANSWER:
            return int(self.ref.split(":", 1)[0])
        return None

    @property
    def question_id(self) -> str:
        return self.ref.split(":", 1)[1] if self.topic is Topic.ANSWER else ""

    @property
    def sheet(self) -> str:
        """The worksheet, or the list a row is on (``AMENDS_LIST`` for the amends)."""
        if self.topic is Topic.WORKSHEET:
            return self.ref
        if self.topic is Topic.ROW:
            return self.ref.split(":", 1)[0]
        if self.topic is Topic.AMENDS:
            return AMENDS_LIST
        return ""

    @property
    def row_uid(self) -> str:
        return self.ref.split(":", 1)[1] if self.topic is Topic.ROW else ""


def about_text(about: About) -> str:
    """The string form of an item: "report", "step:4", "answer:4:s4.q03", "worksheet:fears",
    "row:resentments:<uid>", "row:amends:<uid>", "amends", "reviews"."""
    return about.topic.value if about.topic in _WHOLE else f"{about.topic.value}:{about.ref}"


def _step(text: str) -> int:
    if not text.isascii() or not text.isdigit() or str(int(text)) != text:
        raise NotAnItem(f"not a step number: {text!r}")
    if int(text) not in STEP_NUMBERS:
        raise NotAnItem(f"no step {text}")
    return int(text)


def about_from_text(text: str) -> About:
    """The item a string form names; NotAnItem if it names none."""
    if not isinstance(text, str) or not text or len(text) > MAX_ABOUT:
        raise NotAnItem("not an item of a report")
    kind, _colon, ref = text.partition(":")
    try:
        topic = Topic(kind)
    except ValueError:
        raise NotAnItem(f"no such kind of item: {kind!r}") from None
    if topic in _WHOLE:
        if _colon:
            raise NotAnItem(f"{kind} names no part of itself")
        return About(topic)
    if topic is Topic.STEP:
        _step(ref)
    elif topic is Topic.ANSWER:
        step, _colon, question = ref.partition(":")
        _step(step)
        if not _QUESTION_ID.match(question):
            raise NotAnItem(f"not a question: {question!r}")
    elif topic is Topic.WORKSHEET:
        if ref not in WORKSHEETS:
            raise NotAnItem(f"no worksheet {ref!r}")
    else:  # a row
        sheet, _colon, uid = ref.partition(":")
        if sheet not in ROW_LISTS:
            raise NotAnItem(f"no list {sheet!r}")
        if not _ROW_UID.match(uid):
            raise NotAnItem(f"not a row: {uid!r}")
    return About(topic, ref)


@dataclass(frozen=True, slots=True)
class SponsorNote:
    """What the sponsor wrote about one item of a report, and the person's answer to it."""

    uid: str  # note_uid(): the same words on the same item of the same report, the same uid
    about: About
    sponsor: str  # the name the sponsor gave in the reply; may be empty
    written_on: date  # when the sponsor wrote it (else when it came in)
    text: str
    received_on: date  # when the reply was imported
    report_made_on: date | None = None  # the day the report answered was made, if known
    answer: str = ""  # the person's answer, for the next report
    position: int = 0  # its place among the notes of one reply


def sponsor_words(text: str) -> str:
    """The words as kept and compared: composed Unicode, one kind of line break, no spaces at
    the ends of lines or blank lines around. PDF readers differ in these only."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n").strip()


def note_uid(journal_id: str, report_id: str, about: About, text: str) -> str:
    """The uid of the note with these words on this item of this journal's report: the same
    for the same comment however often the reply is imported, another for any other. ``text``
    is what tells a comment from the others on its item: its words, or for a box the sponsor
    writes in, which box (so that a box written in again is the same note, its words changed)."""
    key = json.dumps([journal_id, report_id, str(about), sponsor_words(text)], ensure_ascii=True)
    return hashlib.sha256(key.encode("ascii")).hexdigest()[:32]


def note_from_reply(
    journal_id: str,
    report_id: str,
    about: About,
    text: str,
    *,
    sponsor: str,
    written_on: date,
    received_on: date,
    report_made_on: date | None = None,
    position: int = 0,
    identity: str | None = None,
) -> SponsorNote:
    """A note as a reply brings it: its words cleaned, its uid from what identifies it (its
    words, unless ``identity`` says otherwise: a box, a reader's name for its note)."""
    return SponsorNote(
        uid=note_uid(journal_id, report_id, about, text if identity is None else identity),
        about=about,
        sponsor=" ".join(sponsor.split()),
        written_on=written_on,
        text=sponsor_words(text),
        received_on=received_on,
        report_made_on=report_made_on,
        position=position,
    )


def by_item(notes: list[SponsorNote] | tuple[SponsorNote, ...]) -> dict[About, list[SponsorNote]]:
    """The notes grouped by the item they are about, each group in the order given."""
    grouped: dict[About, list[SponsorNote]] = {}
    for note in notes:
        grouped.setdefault(note.about, []).append(note)
    return grouped
