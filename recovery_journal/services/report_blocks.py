"""The blocks a sponsor's report is made of: plain data (no Qt), gathered by ``services.report``
and laid out and drawn by ``ui.report_pdf``."""

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
