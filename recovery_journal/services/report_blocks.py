"""The blocks a sponsor's report is made of: plain data (no Qt), gathered by ``services.report``
and laid out and drawn by ``ui.report_pdf``.

A block names the items of the report it belongs to (``about``: the string forms of
``domain.sponsor_notes.About``, outermost first: a step's answers, then one answer), and a table
names each row's item: the layout records where each item was drawn, so that a sticky note a
sponsor puts on a page is kept with the item it was placed on. A ``Reply`` is a place for the
sponsor to write, which the PDF makes a form field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from recovery_journal.domain.trends import Period
from recovery_journal.services.report_choices import (
    Paper,
    Section,
)
from recovery_journal.services.trends import ChartsView


@dataclass(frozen=True, slots=True)
class Heading:
    text: str
    level: int = 2
    about: tuple[str, ...] = ()  # the items it belongs to, outermost first


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    quiet: bool = False  # a note in a smaller, grey type
    about: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()  # relative widths; empty: equal
    about: tuple[str, ...] = ()  # the items the whole table belongs to
    row_about: tuple[str, ...] = ()  # each row's own item ("" for none); empty: no row has one


@dataclass(frozen=True, slots=True)
class WeeklyCounts:
    """What the "weekly" chart draws: a count for each week (meetings, times of practice)."""

    first: date  # the Monday of the first week
    last: date  # the period's last day
    counts: tuple[int, ...]
    title: str  # above the chart: "Meetings each week"
    mean: float  # a week, over the period's days (its first and last weeks may be partial)
    average: str  # beside its line: "2.5 a week on average"


@dataclass(frozen=True, slots=True)
class Chart:
    name: str  # a chart of ui.charts: "trends", "yes_answers", "calendar", "clean_time", "weekly"
    period: Period | None
    view: ChartsView | WeeklyCounts  # WeeklyCounts for "weekly"
    # Rows named in full below the chart, numbered in it (a question would not fit beside it).
    legend: tuple[str, ...] = ()
    about: tuple[str, ...] = ()
    aspect: float = 0.0  # its height over its width; 0: the report's usual


@dataclass(frozen=True, slots=True)
class Reply:
    """A box for the sponsor's words about one item: a form field any PDF reader fills."""

    about: str  # the item the words are about (``About``'s string form)
    label: str  # above the box: "Your note on these answers"
    lines: int = 4  # its height, in lines of text


Block = Heading | Paragraph | Table | Chart | Reply


@dataclass(frozen=True, slots=True)
class Part:
    section: Section | None  # None: the closing line naming the sections with nothing to show
    title: str  # empty: no heading
    blocks: tuple[Block, ...]
    landscape: bool = False  # wide worksheets get landscape pages
    about: tuple[str, ...] = ()  # the items the whole section is ("amends", "reviews")


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
    # Which journal and which report a reply answers (random identifiers, none of the person's
    # words): a reply is imported only into the journal whose report it answers.
    journal_id: str = ""
    report_id: str = ""
