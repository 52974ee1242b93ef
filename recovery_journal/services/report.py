"""The sponsor's progress report: what the person chose, gathered as plain blocks (no Qt).

Nothing marked private goes in unless the person ticked that very row or answer (its uid, or
``answer_key`` of the question, is in ``ReportChoices.private``). The blocks are laid out and
drawn by ``ui.report_pdf``; the words are in the report's language, whatever the window's
(``language_on_this_thread``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from enum import Enum
from typing import Any

from recovery_journal.domain.daily import (
    AnswerKind,
    GratitudeEntry,
    Meeting,
    ReviewQuestion,
    longest_streak,
)
from recovery_journal.domain.inventory import CHOICES, WORKSHEETS, Amend
from recovery_journal.domain.ports import Vault
from recovery_journal.domain.settings_keys import REPORT_CHOICES
from recovery_journal.domain.step_tools import PracticeEntry, ServiceEntry
from recovery_journal.domain.steps import Answer
from recovery_journal.domain.trends import Period, yes_no_by_question
from recovery_journal.i18n import (
    LANGUAGES,
    N_,
    SOURCE_LANGUAGE,
    _,
    language_on_this_thread,
    ngettext,
)
from recovery_journal.services.clean_time import load_clean_times, span_text
from recovery_journal.services.inventory import inventory_text
from recovery_journal.services.labels import in_sentence, label
from recovery_journal.services.programme_words import programme_words
from recovery_journal.services.review import question_text, review_day
from recovery_journal.services.settings import load_settings
from recovery_journal.services.steps import load_step, overview
from recovery_journal.services.trends import ChartRange, ChartsView, load_charts

GRATITUDE_HIGHLIGHTS = 60  # the most recent lines in the range; the rest are counted


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
    Section.COVER: N_("Cover"),
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
        )


def load_choices(vault: Vault, language: str) -> ReportChoices:
    return ReportChoices.from_json(vault.settings.get_all().get(REPORT_CHOICES.name), language)


def save_choices(vault: Vault, choices: ReportChoices) -> None:
    with vault.transaction():
        vault.settings.set(REPORT_CHOICES.name, choices.to_json())


# --- the blocks a report is made of ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Heading:
    text: str
    level: int = 2


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    quiet: bool = False  # a note in a smaller, grey type


@dataclass(frozen=True, slots=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()  # relative widths; empty: equal


@dataclass(frozen=True, slots=True)
class Chart:
    name: str  # a chart of ui.charts: "trends", "yes_answers", "calendar", "clean_time"
    period: Period | None
    view: ChartsView
    # Rows named in full below the chart, numbered in it (a question would not fit beside it).
    legend: tuple[str, ...] = ()


Block = Heading | Paragraph | Table | Chart


@dataclass(frozen=True, slots=True)
class Part:
    section: Section | None  # None: the closing line naming the sections with nothing to show
    title: str  # empty: no heading
    blocks: tuple[Block, ...]
    landscape: bool = False  # wide worksheets get landscape pages


@dataclass(frozen=True, slots=True)
class Report:
    title: str
    made_on: date
    made_on_text: str
    first: date
    last: date
    language: str
    paper: Paper
    parts: tuple[Part, ...] = field(default_factory=tuple)


# --- gathering ---------------------------------------------------------------------------------


def _day(value: date | None) -> str:
    return short_date(value) if value else ""


def _kept(rows: Iterable[Any], choices: ReportChoices) -> list[Any]:
    """Rows without the private mark, and private ones the person ticked one by one."""
    return [row for row in rows if not getattr(row, "private", False) or row.uid in choices.private]


def answer_key(question_id: str) -> str:
    """How a private answer is named in ``ReportChoices.private``, apart from row uids."""
    return f"answer:{question_id}"


def _answer_kept(answer: Answer, choices: ReportChoices) -> bool:
    return not answer.private or answer_key(answer.question_id) in choices.private


def _in_range(day: date, first: date, last: date) -> bool:
    return first <= day <= last


def build_report(vault: Vault, choices: ReportChoices, today: date | None = None) -> Report:
    """Everything chosen, in the report's language; read on the vault worker."""
    today = today or review_day(vault)
    last = min(choices.last or today, today)
    first = choices.first or _first_entry(vault, last)
    first = min(first, last)
    with language_on_this_thread(choices.language):
        made_on_text = long_date(today)
        parts = []
        empty: list[Section] = []
        for section in Section:
            if section not in choices.sections:
                continue
            builder = _BUILDERS[section]
            blocks, landscape = builder(vault, replace(choices, first=first, last=last), today)
            if blocks:
                parts.append(Part(section, _(SECTION_TITLES[section]), tuple(blocks), landscape))
            else:
                empty.append(section)
        # A section with nothing to show takes no page: one quiet line at the end names them.
        closing = _nothing_in([_(SECTION_TITLES[s]) for s in empty if s in DATED], dated=True)
        closing += _nothing_in([_(SECTION_TITLES[s]) for s in empty if s not in DATED])
        if closing:
            parts.append(Part(None, "", tuple(closing)))
        return Report(
            title=_("Progress report"),
            made_on=today,
            made_on_text=made_on_text,
            first=first,
            last=last,
            language=choices.language,
            paper=choices.paper,
            parts=tuple(parts),
        )


# The window's styles (ui/dates.py, from Qt's locale data), written out here because the
# report is made without Qt's locale (the command line, another language than the window's):
# "December 6, 2026" and "Dec 6, 2026" in English, «6 декабря 2026» and «6 дек. 2026».
DATES = (
    N_("January {day}, {year}"), N_("February {day}, {year}"), N_("March {day}, {year}"),
    N_("April {day}, {year}"), N_("May {day}, {year}"), N_("June {day}, {year}"),
    N_("July {day}, {year}"), N_("August {day}, {year}"), N_("September {day}, {year}"),
    N_("October {day}, {year}"), N_("November {day}, {year}"), N_("December {day}, {year}"),
)  # fmt: skip
# The first day of a period whose last day is in the same year: the year is said once.
DAYS_OF_MONTHS = (
    N_("January {day}"), N_("February {day}"), N_("March {day}"), N_("April {day}"),
    N_("May {day}"), N_("June {day}"), N_("July {day}"), N_("August {day}"),
    N_("September {day}"), N_("October {day}"), N_("November {day}"), N_("December {day}"),
)  # fmt: skip
SHORT_DATES = (
    N_("Jan {day}, {year}"), N_("Feb {day}, {year}"), N_("Mar {day}, {year}"),
    N_("Apr {day}, {year}"), N_("May {day}, {year}"), N_("Jun {day}, {year}"),
    N_("Jul {day}, {year}"), N_("Aug {day}, {year}"), N_("Sep {day}, {year}"),
    N_("Oct {day}, {year}"), N_("Nov {day}, {year}"), N_("Dec {day}, {year}"),
)  # fmt: skip


def _nothing_in(titles: list[str], dated: bool = False) -> list[Block]:
    if not titles:
        return []
    names = ", ".join(in_sentence(title) for title in titles)
    text = (
        _("Nothing between these dates: {names}.") if dated else _("Nothing written yet: {names}.")
    )
    return [Paragraph(text.format(names=names), quiet=True)]


def long_date(day: date) -> str:
    """ "November 23, 2026" / «23 ноября 2026 г.» in the report's language, in one piece."""
    return _no_break(_(DATES[day.month - 1]).format(day=day.day, year=day.year))


def _without_year(day: date) -> str:
    """ "November 7" / «7 ноября»: a period's first day when its year is said at its end."""
    return _no_break(_(DAYS_OF_MONTHS[day.month - 1]).format(day=day.day))


def short_date(day: date) -> str:
    """ "Nov 23, 2026" / «23 нояб. 2026 г.»: a date in a table."""
    # May is short already: one message serves both (in Russian too: «6 мая 2026 г.»).
    return _no_break(_(SHORT_DATES[day.month - 1]).format(day=day.day, year=day.year))


def _one_full_stop(sentence: str) -> str:
    """A date that ends with its own full stop («2026 г.») ends the sentence with it: one, not
    two («по 6 декабря 2026 г.. Составлен…»)."""
    return re.sub(r"\.\.(?=\s|$)", ".", sentence)


def _no_break(text: str) -> str:
    # A date never breaks across lines, in a sentence or a narrow column.
    return text.replace(" ", "\u00a0")


def _first_entry(vault: Vault, today: date) -> date:
    candidates = [min(vault.reviews.days(), default=today)]
    candidates += [m.day for m in vault.records.all(Meeting)]
    candidates += [item.clean.since for item in load_clean_times(vault, today)]
    return min(candidates)


Built = tuple[list[Block], bool]


def _cover(vault: Vault, choices: ReportChoices, today: date) -> Built:
    assert choices.first is not None and choices.last is not None
    blocks: list[Block] = [Heading(_("Progress report"), 1)]
    if choices.name.strip():
        blocks.append(Heading(choices.name.strip(), 2))
    blocks.append(
        Paragraph(
            _one_full_stop(
                _("From {first} to {last}. Made on {today}.").format(
                    first=_without_year(choices.first)
                    if choices.first.year == choices.last.year
                    else long_date(choices.first),
                    last=long_date(choices.last),
                    today=long_date(today),
                )
            )
        )
    )
    words = programme_words(load_settings(vault).programme)
    rows = []
    for item in load_clean_times(vault, today):
        rows.append((item.clean.name or words.time, long_date(item.since), span_text(item.span)))
    if rows:
        blocks.append(Heading(words.time, 3))
        blocks.append(Table((_("What"), _("Since"), words.time), tuple(rows), (3, 3, 4)))
    blocks.append(
        Paragraph(
            _(
                "Made with Recovery Journal. Only what the person chose to share is in this "
                "report; entries they marked private are left out."
            ),
            quiet=True,
        )
    )
    return blocks, False


def _steps(vault: Vault, choices: ReportChoices, today: date) -> Built:
    cards = overview(vault, choices.language).cards
    rows = tuple(
        (
            str(card.number),
            card.title,
            label(card.status),
            _("{answered} of {questions}").format(answered=card.answered, questions=card.questions),
            _day(card.started_on),
            _day(card.completed_on),
        )
        for card in cards
    )
    columns = (_("Step"), _("Title"), _("Status"), _("Answered"), _("Started"), _("Done"))
    return [Table(columns, rows, (2, 7, 3, 3, 3, 3))], False


def _answers(vault: Vault, choices: ReportChoices, today: date) -> Built:
    blocks: list[Block] = []
    shown = False
    # No step picked: every step that has answers.
    for number in sorted(set(choices.steps or range(1, 13))):
        view = load_step(vault, number, choices.language)
        answered = [
            (q, view.answers[q.id])
            for q in view.questions
            if q.id in view.answers
            and view.answers[q.id].text.strip()
            and _answer_kept(view.answers[q.id], choices)
        ]
        blocks.append(
            Heading(_("Step {number}. {title}").format(number=number, title=view.guide.title), 3)
        )
        if not answered and not choices.steps:
            blocks.pop()  # a step never worked is left out when none was picked
            continue
        if not answered:
            blocks.append(Paragraph(_("No answers written yet."), quiet=True))
            continue
        for question, answer in answered:
            blocks.append(Paragraph(question.text, quiet=True))
            blocks.append(Paragraph(answer.text.strip()))
        shown = True
    return (blocks, False) if shown else ([], False)  # no answer at all: nothing to show


def _cell(value: Any, text: Any, name: str) -> str:
    if isinstance(value, frozenset):
        return ", ".join(text.option(name, key) for key in CHOICES[name] if key in value)
    if isinstance(value, Enum):
        return label(value)
    if isinstance(value, date):
        return short_date(value)
    return str(value or "")


def _worksheets(vault: Vault, choices: ReportChoices, today: date) -> Built:
    text = inventory_text(choices.language)
    blocks: list[Block] = []
    empty = []
    for sheet in choices.worksheets or tuple(WORKSHEETS):  # none picked: all four
        record_type = WORKSHEETS[sheet]
        rows = _kept(vault.records.all(record_type), choices)
        columns = text.worksheets[sheet]["columns"]
        if not rows:
            empty.append(str(text.worksheets[sheet]["title"]))
            continue
        blocks.append(Heading(str(text.worksheets[sheet]["title"]), 3))
        blocks.append(
            Table(
                tuple(str(title) for title in columns.values()),
                tuple(
                    tuple(_cell(getattr(row, name), text, name) for name in columns) for row in rows
                ),
            )
        )
    if not blocks:
        return [], False
    return [*blocks, *_nothing_in(empty)], True


def _amends(vault: Vault, choices: ReportChoices, today: date) -> Built:
    text = inventory_text(choices.language)
    rows = _kept(vault.records.all(Amend), choices)
    step8, step9 = text.worksheets["step8"]["columns"], text.worksheets["step9"]["columns"]
    if not rows:
        return [], False
    table = Table(
        (
            step8["person"],
            step8["my_part"],
            step8["harm"],
            step8["willingness"],
            step9["kind"],
            step9["status"],
            step9["made_on"],
        ),
        tuple(
            (
                row.person,
                # My part, as ticked on the worksheet: what step 8 is about (their part, the
                # cause, stays with the resentments section).
                _cell(row.my_part, text, "my_part"),
                row.harm,
                label(row.willingness),
                label(row.kind),
                label(row.status),
                _day(row.made_on),
            )
            for row in rows
        ),
        (3, 3, 4, 3, 3, 3, 3),
    )
    made = sum(1 for row in rows if row.status.value == "made")
    summary = ngettext(
        "{made} of {total} amend made.", "{made} of {total} amends made.", len(rows)
    ).format(made=made, total=len(rows))
    return [Paragraph(summary), table], False


def _reviews(vault: Vault, choices: ReportChoices, today: date) -> Built:
    assert choices.first is not None and choices.last is not None
    reviews = list(vault.reviews.between(choices.first, choices.last))
    blocks: list[Block] = []
    if not reviews:
        return [], False
    longest = longest_streak({r.day for r in reviews})
    total_days = (choices.last - choices.first).days + 1
    blocks.append(
        Paragraph(
            _("{reviews} in {days}; the longest run: {longest} in a row.").format(
                reviews=ngettext(
                    "{count} nightly review", "{count} nightly reviews", len(reviews)
                ).format(count=len(reviews)),
                days=ngettext("{n} day", "{n} days", total_days).format(n=total_days),
                longest=ngettext("{count} night", "{count} nights", longest).format(count=longest),
            )
        )
    )
    questions = [
        q for q in vault.records.all(ReviewQuestion) if not q.hidden and q.kind is AnswerKind.YES_NO
    ]
    answered = yes_no_by_question(reviews)
    rows = []
    for question in questions:
        given = answered.get(question.uid, {})
        yes = sum(given.values())
        share = f"{round(100 * yes / len(given))} %" if given else "—"
        rows.append((question_text(question), str(len(given)), str(yes), share))
    if rows:
        blocks.append(Heading(_('How often each question was answered "yes"'), 3))
        blocks.append(
            Table((_("Question"), _("Answered"), _("Yes"), _("Share")), tuple(rows), (8, 2, 2, 2))
        )
    picked = set(choices.notes)
    notes = []
    names = _question_names(vault)
    for review in reviews:
        for answer in review.answers:
            if note_key(review.day, answer.question_uid) in picked and answer.note.strip():
                notes.append(
                    (short_date(review.day), names.get(answer.question_uid, ""), answer.note)
                )
    if notes:
        blocks.append(Heading(_("Notes I chose to share"), 3))
        blocks.append(Table((_("Night"), _("Question"), _("Note")), tuple(notes), (2, 4, 8)))
    return blocks, False


def note_key(day: date, question_uid: str) -> str:
    """How a picked review note is named in ``ReportChoices.notes``."""
    return f"{day.isoformat()}|{question_uid}"


def _question_names(vault: Vault) -> dict[str, str]:
    return {q.uid: question_text(q) for q in vault.records.all(ReviewQuestion)}


def _charts(vault: Vault, choices: ReportChoices, today: date) -> Built:
    assert choices.first is not None and choices.last is not None
    view = load_charts(vault, ChartRange.EVERYTHING, span=(choices.first, choices.last))
    if view.empty:
        return [], False
    blocks: list[Block] = [
        Paragraph(
            _(
                "Compared only with themselves: each scale from 0 to 10, with a 7-day average; "
                "gaps are nights without a review."
            ),
            quiet=True,
        ),
        Chart("trends", None, view),
        Chart("month", Period.MONTH, view),
    ]
    if view.questions:
        blocks += [
            Heading(_('Answered "yes", week by week'), 3),
            Chart("yes_answers", None, view, tuple(view.names[q.uid] for q in view.questions)),
        ]
    return blocks, False


def _meetings(vault: Vault, choices: ReportChoices, today: date) -> Built:
    assert choices.first is not None and choices.last is not None
    meetings = [
        m for m in vault.records.all(Meeting) if _in_range(m.day, choices.first, choices.last)
    ]
    if not meetings:
        return [], False
    meetings.sort(key=lambda m: m.day)
    shared = sum(1 for m in meetings if m.shared)
    summary = ngettext(
        "{count} meeting; shared at {shared}.",
        "{count} meetings; shared at {shared}.",
        len(meetings),
    ).format(count=len(meetings), shared=shared)
    rows = tuple(
        (short_date(m.day), m.name, label(m.format), _("yes") if m.shared else "") for m in meetings
    )
    columns = (_("Date"), _("Meeting"), _("Format"), _("Shared"))
    return [Paragraph(summary), Table(columns, rows, (4, 10, 4, 4))], False


def _practice(vault: Vault, choices: ReportChoices, today: date) -> Built:
    assert choices.first is not None and choices.last is not None
    first, last = choices.first, choices.last
    service = sorted(
        (e for e in vault.records.all(ServiceEntry) if _in_range(e.day, first, last)),
        key=lambda e: e.day,
    )
    practice = sorted(
        (e for e in vault.records.all(PracticeEntry) if _in_range(e.day, first, last)),
        key=lambda e: e.day,
    )
    blocks: list[Block] = []
    if service:
        blocks.append(Heading(_("Service"), 3))
        blocks.append(
            Table(
                (_("Date"), _("Kind"), _("Notes")),
                tuple((short_date(e.day), label(e.kind), e.notes) for e in service),
                (2, 3, 8),
            )
        )
    if practice:
        minutes = sum(e.minutes for e in practice)
        blocks.append(Heading(_("Prayer and meditation"), 3))
        blocks.append(
            Paragraph(
                _("{times}, {minutes} in all.").format(
                    times=ngettext("{count} time", "{count} times", len(practice)).format(
                        count=len(practice)
                    ),
                    minutes=ngettext("{n} minute", "{n} minutes", minutes).format(n=minutes),
                )
            )
        )
        blocks.append(
            Table(
                (_("Date"), _("Kind"), _("Minutes"), _("Notes")),
                tuple(
                    (short_date(e.day), label(e.kind), str(e.minutes), e.notes) for e in practice
                ),
                (2, 3, 2, 6),
            )
        )
    return blocks, False


def _gratitude(vault: Vault, choices: ReportChoices, today: date) -> Built:
    assert choices.first is not None and choices.last is not None
    lines = [
        g
        for g in vault.records.all(GratitudeEntry)
        if _in_range(g.day, choices.first, choices.last) and g.text.strip()
    ]
    if not lines:
        return [], False
    # In the order written, as the other lists: the most recent ones when there are many.
    lines.sort(key=lambda g: (g.day, g.position))
    shown = lines[-GRATITUDE_HIGHLIGHTS:]
    blocks: list[Block] = []
    if len(lines) > len(shown):
        blocks.append(
            Paragraph(
                ngettext(
                    "The most recent {shown} of {total} line.",
                    "The most recent {shown} of {total} lines.",
                    len(lines),
                ).format(shown=len(shown), total=len(lines)),
                quiet=True,
            )
        )
    blocks.append(
        Table(
            (_("Date"), _("Grateful for")),
            tuple((short_date(g.day), g.text) for g in shown),
            (2, 10),
        )
    )
    return blocks, False


_BUILDERS = {
    Section.COVER: _cover,
    Section.STEPS: _steps,
    Section.ANSWERS: _answers,
    Section.WORKSHEETS: _worksheets,
    Section.AMENDS: _amends,
    Section.REVIEWS: _reviews,
    Section.CHARTS: _charts,
    Section.MEETINGS: _meetings,
    Section.PRACTICE: _practice,
    Section.GRATITUDE: _gratitude,
}


@dataclass(frozen=True, slots=True)
class PrivateItem:
    """A private row the export dialog offers to tick, one by one."""

    uid: str
    section: Section
    text: str


def private_items(vault: Vault, language: str) -> list[PrivateItem]:
    text = inventory_text(language)
    found = []
    for sheet, record_type in WORKSHEETS.items():
        title = str(text.worksheets[sheet]["title"])
        first_field = next(iter(text.worksheets[sheet]["columns"]))
        rows: list[Any] = vault.records.all(record_type)
        for row in rows:
            if row.private:
                found.append(
                    PrivateItem(
                        row.uid, Section.WORKSHEETS, f"{title}: {getattr(row, first_field)}"
                    )
                )
    for amend in vault.records.all(Amend):
        if amend.private:
            found.append(PrivateItem(amend.uid, Section.AMENDS, amend.person))
    private_steps = {a.step for a in vault.steps.answers().values() if a.private}
    for number in sorted(private_steps):
        view = load_step(vault, number, language)  # the questions as the step page shows them
        for question in view.questions:
            answer = view.answers.get(question.id)
            if answer is not None and answer.private and answer.text.strip():
                found.append(
                    PrivateItem(
                        answer_key(question.id),
                        Section.ANSWERS,
                        _("Step {number}: {question}").format(
                            number=number, question=question.text
                        ),
                    )
                )
    return found


@dataclass(frozen=True, slots=True)
class NoteItem:
    """A nightly-review note the person may pick as notable."""

    key: str  # "<day>|<question uid>", as kept in ReportChoices.notes
    day: date
    question: str
    note: str


@dataclass(frozen=True, slots=True)
class ReportOptions:
    """What the export dialog offers: the saved choices and the things to tick."""

    choices: ReportChoices
    first_day: date  # of the journal, the earliest a report can start
    today: date
    private: tuple[PrivateItem, ...]
    notes: tuple[NoteItem, ...]  # newest first


def report_options(vault: Vault, language: str, today: date | None = None) -> ReportOptions:
    today = today or review_day(vault)
    names = _question_names(vault)
    notes = [
        NoteItem(
            note_key(review.day, answer.question_uid),
            review.day,
            names.get(answer.question_uid, ""),
            answer.note.strip(),
        )
        for review in vault.reviews.all()
        for answer in review.answers
        if answer.note.strip()
    ]
    notes.reverse()
    return ReportOptions(
        choices=load_choices(vault, language),
        first_day=_first_entry(vault, today),
        today=today,
        private=tuple(private_items(vault, language)),
        notes=tuple(notes),
    )
