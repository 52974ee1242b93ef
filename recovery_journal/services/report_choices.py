"""What the person chose for the sponsor's report (its sections, dates, paper, language, the
private rows and notes ticked one by one), and how the choice is kept in the vault."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from recovery_journal.domain.inventory import WORKSHEETS
from recovery_journal.domain.ports import Vault
from recovery_journal.domain.settings_keys import REPORT_CHOICES
from recovery_journal.i18n import (
    LANGUAGES,
    N_,
    SOURCE_LANGUAGE,
)


class Section(Enum):
    COVER = "cover"
    STEPS = "steps"
    ANSWERS = "answers"
    WORKSHEETS = "worksheets"
    AMENDS = "amends"
    REVIEWS = "reviews"
    CHARTS = "charts"
    MEETINGS = "meetings"
    PRACTICE = "practice"
    GRATITUDE = "gratitude"


SECTION_TITLES = {
    Section.COVER: N_("First page: a letter to my sponsor"),
    Section.STEPS: N_("Steps overview"),
    Section.ANSWERS: N_("Answers to the step questions"),
    Section.WORKSHEETS: N_("Step 4 worksheets"),
    Section.AMENDS: N_("Step 8 list and step 9 amends"),
    Section.REVIEWS: N_("Nightly reviews"),
    Section.CHARTS: N_("Better than yesterday"),
    Section.MEETINGS: N_("Meetings"),
    Section.PRACTICE: N_("Service and practice"),
    Section.GRATITUDE: N_("Gratitude"),
}


# Sections that hold what happened between the report's dates; the others (answers, worksheets,
# amends) hold what is written so far, whatever the dates.
DATED = frozenset(
    {Section.REVIEWS, Section.CHARTS, Section.MEETINGS, Section.PRACTICE, Section.GRATITUDE}
)


# Without saved choices: everything that holds no private row and needs no picking.
DEFAULT_SECTIONS = frozenset(
    {
        Section.COVER,
        Section.STEPS,
        Section.REVIEWS,
        Section.CHARTS,
        Section.MEETINGS,
        Section.PRACTICE,
        Section.GRATITUDE,
    }
)


class Paper(Enum):
    A4 = "a4"
    LETTER = "letter"


@dataclass(frozen=True, slots=True)
class ReportChoices:
    sections: frozenset[Section] = DEFAULT_SECTIONS
    first: date | None = None  # None: from the first entry
    last: date | None = None  # None: today
    steps: tuple[int, ...] = ()  # whose answers go in
    worksheets: tuple[str, ...] = ()  # keys of WORKSHEETS
    notes: tuple[str, ...] = ()  # review notes picked as notable: "<day>|<question uid>"
    private: frozenset[str] = frozenset()  # private rows ticked one by one
    paper: Paper = Paper.A4
    language: str = SOURCE_LANGUAGE
    name: str = ""  # on the cover: a name or initials, as the person wishes
    # The window's language when ``language`` was chosen: in another window language the report
    # follows the window again, so a report never stays in a language the person left behind.
    interface: str = ""
    # The letter on the first page: what I want to talk over with my sponsor (kept for next
    # time, like the rest).
    letter: str = ""  # a note to the sponsor
    questions: tuple[str, ...] = ()  # questions to ask, one each
    appendix: bool = False  # the long logs in full at the end (else summarised)

    def to_json(self) -> str:
        return json.dumps(
            {
                "sections": sorted(s.value for s in self.sections),
                "first": self.first.isoformat() if self.first else None,
                "last": self.last.isoformat() if self.last else None,
                "steps": list(self.steps),
                "worksheets": list(self.worksheets),
                "notes": list(self.notes),
                "private": sorted(self.private),
                "paper": self.paper.value,
                "language": self.language,
                "name": self.name,
                "interface": self.interface,
                "letter": self.letter,
                "questions": list(self.questions),
                "appendix": self.appendix,
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str | None, language: str = SOURCE_LANGUAGE) -> ReportChoices:
        """Saved choices; anything unreadable falls back to the defaults, field by field.

        ``language`` is the window's: the report is in it unless another was chosen the last
        time, in this same window language."""
        default = cls(language=language, interface=language)
        try:
            raw = json.loads(text) if text else {}
        except ValueError:
            return default
        if not isinstance(raw, dict):
            return default

        def pick(key: str, parse: Any, fallback: Any) -> Any:
            try:
                return parse(raw[key]) if key in raw else fallback
            except (TypeError, ValueError, KeyError, AttributeError):
                return fallback

        def day(value: Any) -> date | None:
            return None if value is None else date.fromisoformat(value)

        def language_code(value: Any) -> str:
            if value not in LANGUAGES:
                raise ValueError(value)
            return str(value)

        # Chosen in another window language, or before that was kept: the window's language.
        interface = pick("interface", language_code, "")
        chosen = pick("language", language_code, language) if interface == language else language
        return cls(
            sections=pick("sections", lambda v: frozenset(Section(x) for x in v), DEFAULT_SECTIONS),
            first=pick("first", day, None),
            last=pick("last", day, None),
            steps=pick("steps", lambda v: tuple(int(x) for x in v if 1 <= int(x) <= 12), ()),
            worksheets=pick("worksheets", lambda v: tuple(x for x in v if x in WORKSHEETS), ()),
            notes=pick("notes", lambda v: tuple(str(x) for x in v), ()),
            private=pick("private", lambda v: frozenset(str(x) for x in v), frozenset()),
            paper=pick("paper", Paper, Paper.A4),
            language=chosen,
            name=pick("name", lambda v: str(v)[:200], ""),
            interface=language,
            letter=pick("letter", lambda v: str(v)[:MAX_LETTER], ""),
            questions=pick("questions", _questions, ()),
            appendix=pick("appendix", lambda v: v is True, False),
        )


MAX_LETTER = 4000  # characters of the note to the sponsor
MAX_QUESTIONS = 20


def _questions(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise TypeError(value)
    return questions_from_lines("\n".join(str(line) for line in value))


def questions_from_lines(text: str) -> tuple[str, ...]:
    """The questions as typed, one a line: blank lines dropped, each line trimmed."""
    lines = (" ".join(line.split())[:500] for line in text.splitlines())
    return tuple(line for line in lines if line)[:MAX_QUESTIONS]


def load_choices(vault: Vault, language: str) -> ReportChoices:
    return ReportChoices.from_json(vault.settings.get_all().get(REPORT_CHOICES.name), language)


def save_choices(vault: Vault, choices: ReportChoices) -> None:
    with vault.transaction():
        vault.settings.set(REPORT_CHOICES.name, choices.to_json())


def answer_key(question_id: str) -> str:
    """How a private answer is named in ``ReportChoices.private``, apart from row uids."""
    return f"answer:{question_id}"


def note_key(day: date, question_uid: str) -> str:
    """How a picked review note is named in ``ReportChoices.notes``."""
    return f"{day.isoformat()}|{question_uid}"
