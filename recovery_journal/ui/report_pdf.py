"""The progress report drawn into a PDF by Qt's own engine (QPdfWriter, QTextDocument, QPainter).

Text is laid out by QTextDocument on the writer itself (so point sizes are right) and stays
real text: selectable, searchable, the font embedded. Charts come from matplotlib as SVG with
text kept as text and are painted by QSvgRenderer, so they stay vector. Every page has the
report's title and date at the top and "page N of M" at the bottom; M comes from a first pass
that lays everything out without painting. Wide worksheets get landscape pages.

Each run of text is laid out once, by the counting pass, and painted from that layout. A long
table goes in slices, one per page, each starting with the header: where a page turns is planned
before the run is laid out, from a small probe layout of what comes before the table and of its
first slice, and from the rows' heights measured cell by cell (``_Pages._plan``); the layout is
checked against the plan.

Sections follow one another on the page (the cover has its own), and a heading never ends a page:
it goes over with the start of what it heads. Table columns are as wide as their longest word
where the page allows, so words are not cut; where it does not, long Russian words are broken at a
syllable, with a hyphen (``domain.hyphenation``).

Runs on the main thread of a process of its own: the window's drawing child
(``ui.report_process``) or the command line; the fonts are registered first (``prepare_fonts``).
"""

from __future__ import annotations

import html
import importlib.util
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QLocale,
    QMarginsF,
    QPointF,
    QRectF,
    QSizeF,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPaintDevice,
    QPainter,
    QPdfWriter,
    QPen,
    QTextBlock,
    QTextDocument,
    QTextLayout,
    QTextOption,
    QTextTable,
    QTextTableCell,
)
from PySide6.QtSvg import QSvgRenderer

from recovery_journal import __version__
from recovery_journal.domain.hyphenation import SOFT_HYPHEN, hyphenated
from recovery_journal.domain.reply_layout import (
    REPORT,
    SPONSOR_NAME,
    Placed,
    ReportLayout,
    journal_proof,
)
from recovery_journal.i18n import _, language_on_this_thread
from recovery_journal.services.files import write_private_file
from recovery_journal.services.pdf_password import protect_pdf
from recovery_journal.services.reply_form import ReplyWords, with_reply_fields
from recovery_journal.services.report_blocks import (
    Block,
    Chart,
    Heading,
    Paragraph,
    Part,
    Reply,
    Report,
    Table,
)
from recovery_journal.services.report_choices import Paper, Section
from recovery_journal.ui.dates import day_month_names, month_names

FONT_FAMILY = "DejaVu Sans"
RESOLUTION = 300  # dots per inch of the layout; text and charts are vector anyway
MARGINS_MM = QMarginsF(18, 14, 18, 14)
BAND_PT = 9  # header and footer type size
CHART_ASPECT = 0.56  # height / width of a chart box
TABLE_SLICE = 40  # rows per table slice in the first layout (see _page_starts)
TABLE_PT = 9  # type size in tables
CELL_PADDING = 4  # of a table cell, in Qt's 96-per-inch pixels (as cellpadding="4")
SECTION_GAP_PT = 14  # above a section that follows another on the same page
HEADING_STATE = 1  # a block's user state is its index among the run's blocks plus this
TEXT = "#1a1a1a"
QUIET = "#5a5a5a"
RULE = "#b0b0b0"
HEADER_FILL = "#eef2f6"
REPLY_FILL = "#f6f8fb"  # the box for the sponsor's words: a light ground, as a form
REPLY_LINE_PT = 14  # one line of the sponsor's words in the box


class ReportCancelled(Exception):
    """The person pressed Cancel: nothing is written."""


_fonts_ready = False


def prepare_fonts() -> None:
    """Register DejaVu Sans (shipped inside matplotlib) so the PDF looks the same everywhere and
    Cyrillic always has a font; call on the GUI thread before rendering."""
    global _fonts_ready
    if _fonts_ready:
        return
    spec = importlib.util.find_spec("matplotlib")  # its folder, without importing it
    if spec is not None and spec.submodule_search_locations:
        folder = Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"
        for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"):
            if (folder / name).exists():
                QFontDatabase.addApplicationFont(str(folder / name))
    _fonts_ready = True


def _html_text(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


# Where each table's slices start: row indices, the first always 0. None: every TABLE_SLICE rows.
SliceStarts = dict[int, tuple[int, ...]]


@dataclass(frozen=True, slots=True)
class Laid:
    """A run of text laid out once (by the counting pass) and painted from the same layout."""

    document: QTextDocument
    starts: SliceStarts  # where its tables' slices begin
    turn: bool  # it begins a new page


def _names_items(block: Block) -> bool:
    return bool(getattr(block, "about", ())) or bool(getattr(block, "row_about", ()))


def _slice_starts(rows: int) -> tuple[int, ...]:
    return tuple(range(0, max(rows, 1), TABLE_SLICE))


# A piece of a table as laid out: its rows [start, end) and whether it begins a page.
Piece = tuple[int, int, bool]


def _pieces(rows: int, starts: tuple[int, ...] | None) -> list[Piece]:
    """A table's slices: given page starts, each begins a page; else every TABLE_SLICE rows."""
    paged = starts is not None
    starts = starts or _slice_starts(rows)
    ends = (*starts[1:], rows)
    return [(s, e, paged and n > 0) for n, (s, e) in enumerate(zip(starts, ends, strict=True))]


def _block_html(
    block: Block,
    index: int,
    starts: tuple[int, ...] | None = None,
    page_break: bool = False,
    pieces: Sequence[Piece] | None = None,
) -> str:
    # Each paragraph is marked with its index (as the block's user state), so a layout can be
    # read back block by block (see _lonely_heading); only a heading is given a page break.
    state = f"-qt-user-state:{index + HEADING_STATE}; "
    if page_break:
        state += "page-break-before:always; "
    if isinstance(block, Heading):
        size = {1: 26, 2: 16, 3: 12, 4: 10}.get(block.level, 12)  # 4: a step's question
        above, below = {1: (0, 14), 2: (4, 8), 3: (12, 4), 4: (8, 2)}.get(block.level, (8, 4))
        return (
            f'<p style="{state}font-size:{size}pt; font-weight:bold; margin-top:{above}pt; '
            f'margin-bottom:{below}pt">{_html_text(block.text)}</p>'
        )
    if isinstance(block, Paragraph):
        if block.quiet:
            return (
                f'<p style="{state}font-size:9pt; color:{QUIET}; margin-top:6pt; '
                f'margin-bottom:2pt">{_html_text(block.text)}</p>'
            )
        return f'<p style="{state}margin-top:2pt; margin-bottom:6pt">{_html_text(block.text)}</p>'
    assert isinstance(block, Table)
    widths = block.widths or (1,) * len(block.columns)
    total = sum(widths)
    head = "".join(
        f'<th width="{100 * w / total:.3f}%" align="left" bgcolor="{HEADER_FILL}">'
        f"{_html_text(title)}</th>"
        for title, w in zip(block.columns, widths, strict=False)
    )
    # Long tables go in slices: QTextDocument paints one big table in more than linear time
    # (every page walks every row). Given page starts, each slice is one page of rows and begins
    # a page, so the header shows at the top of each page and never in the middle of one.
    tables = []
    for start, end, turn in pieces if pieces is not None else _pieces(len(block.rows), starts):
        body = "".join(
            "<tr>" + "".join(f"<td>{_html_text(cell)}</td>" for cell in row) + "</tr>"
            for row in block.rows[start:end]
        )
        last = end >= len(block.rows)
        tables.append(
            f'<table width="100%" cellspacing="0" cellpadding="{CELL_PADDING}" border="1" '
            f'style="{"page-break-before:always; " if turn else ""}'
            f"border-collapse:collapse; border-color:{RULE}; font-size:{TABLE_PT}pt; "
            f'margin-top:{4 if start == 0 else 0}pt; margin-bottom:{10 if last else 0}pt">'
            f"<thead><tr>{head}</tr></thead>{body}</table>"
        )
    return "".join(tables)


def _filled(
    talls: Sequence[float], top: float, page: int, fit: _Fit, height: float
) -> tuple[int, ...]:
    """The rows that begin a page, for rows ``talls`` high whose first begins at ``top`` on
    ``page`` (in a run's document, pages ``height`` high): a row stays on a page only if it ends
    there with room for the table's bottom edge (a little slack covers rounding); a new page
    starts with the header, its first row ``fit.head`` below the page's top."""
    slack = height * 0.002
    starts = [0]
    y = top
    for number, tall in enumerate(talls):
        if number and y + tall + fit.below + slack > (page + 1) * height:
            starts.append(number)
            page += 1
            y = page * height + fit.head
        y += tall + fit.gap
    if len(starts) > 1 and len(talls) - starts[-1] == 1 and starts[-1] - starts[-2] > 2:
        starts[-1] -= 1  # a table's last page holds two rows at least, not one alone
    return tuple(starts)


@dataclass(frozen=True, slots=True)
class _Fit:
    """A table's measures that do not change from row to row, from a layout, device pixels."""

    gap: float  # from a row's text to the next row's text
    below: float  # from the last row's text to the table's bottom edge
    head: float  # from a page's top to its first row's text, below the header


def _tables(document: QTextDocument) -> Iterator[QTextTable]:
    """The document's tables in order (a Table block is one per slice)."""
    return iter(
        frame for frame in document.rootFrame().childFrames() if isinstance(frame, QTextTable)
    )


def _row_span(document: QTextDocument, table: QTextTable, row: int) -> tuple[float, float]:
    """Where a table's row is: the top of its first cell's text and the bottom of its tallest."""
    layout = document.documentLayout()
    first = layout.blockBoundingRect(table.cellAt(row, 0).firstCursorPosition().block())
    bottom = max(
        layout.blockBoundingRect(table.cellAt(row, c).lastCursorPosition().block()).bottom()
        for c in range(table.columns())
    )
    return first.y(), bottom


_SPACES = re.compile(r"[ \t\r\f]+")


def _row_heights(table: Table, widths: Sequence[float], device: QPaintDevice) -> list[float]:
    """Each row's height as a table lays it out: its tallest cell's lines, each cell's text laid
    out on its own at the width its column gives it (``widths``, read from a laid-out row). Much
    cheaper than a document's layout of the table, which lays out every cell more than once."""
    font = QFont(FONT_FAMILY)
    font.setPointSizeF(TABLE_PT)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    known: dict[tuple[int, str], float] = {}

    def height(column: int, text: str) -> float:
        found = known.get((column, text))
        if found is None:
            # As the HTML reads it: spaces run together, a new line a line separator.
            lines = "\u2028".join(_SPACES.sub(" ", line) for line in text.split("\n"))
            layout = QTextLayout(lines.strip(" "), font, device)
            layout.setTextOption(option)
            layout.beginLayout()
            found = 0.0
            while (line := layout.createLine()).isValid():
                line.setLeadingIncluded(True)
                line.setLineWidth(widths[column])
                found += line.height()
            layout.endLayout()
            known[(column, text)] = found
        return found

    return [max((height(c, text) for c, text in enumerate(row)), default=0.0) for row in table.rows]


def _item_spans(
    document: QTextDocument, blocks: Sequence[Block], starts: SliceStarts, pad: float
) -> list[tuple[str, float, float]]:
    """Where each item of a laid-out run is, down the document: (item, top, bottom)."""
    layout = document.documentLayout()
    spans: list[tuple[str, float, float]] = []
    placed: dict[int, tuple[float, float]] = {}
    block: QTextBlock = document.begin()
    while block.isValid():
        if block.userState() >= HEADING_STATE:
            rect = layout.blockBoundingRect(block)
            placed[block.userState() - HEADING_STATE] = (rect.top(), rect.bottom())
        block = block.next()
    tables = _tables(document)
    for index, item in enumerate(blocks):
        if isinstance(item, Table):
            # Every slice of the table, and the rows (row 0 of a slice is its header).
            pieces = starts.get(index) or _slice_starts(len(item.rows))
            ends = (*pieces[1:], len(item.rows))
            for start, end in zip(pieces, ends, strict=True):
                table = next(tables)
                frame = layout.frameBoundingRect(table)
                for about in item.about:
                    spans.append((about, frame.top(), frame.bottom()))
                for row in range(start, end):
                    about = item.row_about[row] if item.row_about else ""
                    if about:
                        top, bottom = _row_span(document, table, row - start + 1)
                        spans.append((about, top - pad, bottom + pad))
        elif isinstance(item, Heading | Paragraph) and index in placed:
            top, bottom = placed[index]
            spans.extend((about, top, bottom) for about in item.about)
    return spans


_WORD = re.compile(r"\S+")
_BREAKABLE_SPACE = re.compile(r"[ \t\n\r]+")


def _breakable_words(text: str) -> list[str]:
    """The pieces of ``text`` between the spaces a line may break at (no-break spaces hold)."""
    return [piece for piece in _BREAKABLE_SPACE.split(text) if piece]


_RUSSIAN = re.compile(r"[а-яё]", re.IGNORECASE)


def _widest_piece(word: str, metrics: QFontMetricsF) -> float:
    """How narrow a column may be for ``word``: whole, or its widest syllable and a hyphen."""
    if not _RUSSIAN.search(word):
        return metrics.horizontalAdvance(word)
    hyphen = metrics.horizontalAdvance("-")
    return max(
        metrics.horizontalAdvance(piece) + hyphen for piece in hyphenated(word).split(SOFT_HYPHEN)
    )


def _shared_out(
    weights: Sequence[float], least: Sequence[float], total: float
) -> list[float] | None:
    """Widths in the proportions of ``weights``, none narrower than its ``least``; None when
    the least widths alone are wider than ``total``."""
    if sum(least) > total:
        return None
    count = len(weights)
    widths = [total * weight / sum(weights) for weight in weights]
    held: set[int] = set()
    while True:
        narrow = [c for c in range(count) if c not in held and widths[c] < least[c]]
        if not narrow:
            return widths
        for column in narrow:
            widths[column] = least[column]
            held.add(column)
        free = [c for c in range(count) if c not in held]
        rest = total - sum(widths[c] for c in held)
        if not free:
            return [width + rest / count for width in widths]
        weight = sum(weights[c] for c in free)
        for column in free:
            widths[column] = rest * weights[column] / weight


def _fitted(table: Table, width: float, device: QPaintDevice) -> Table:
    """``table`` with column widths (device pixels, ``width`` in all) that keep every word whole
    where the page allows, else every Russian syllable; a word still wider than its column gets
    soft hyphens, so Qt breaks it at a syllable with a hyphen, never in the middle of one."""
    columns = len(table.columns)
    if not columns:
        return table
    cell = QFont(FONT_FAMILY)
    cell.setPointSizeF(TABLE_PT)
    bold = QFont(cell)
    bold.setBold(True)
    plain, strong = QFontMetricsF(cell, device), QFontMetricsF(bold, device)
    # A cell's padding and rules either side, and a little for rounding.
    around = (2 * CELL_PADDING + 3) * device.logicalDpiX() / 96

    def words(column: int) -> Iterator[tuple[str, QFontMetricsF]]:
        # Each word once: a long table repeats its words (a meeting's name, a kind). Split
        # where a line may break: not at a no-break space, which holds a date together (split
        # there, "16 нояб. 2026 г." was measured by "2026" and broke before its "г.").
        yield from ((word, strong) for word in set(_breakable_words(table.columns[column])))
        cells = {row[column] for row in table.rows if column < len(row)}
        yield from ((word, plain) for word in {w for c in cells for w in _breakable_words(c)})

    measured = [[(w, m, m.horizontalAdvance(w)) for w, m in words(c)] for c in range(columns)]
    whole = [max((width for _w, _m, width in column), default=0.0) + around for column in measured]
    weights = table.widths or (1.0,) * columns
    widths = _shared_out(weights, whole, width)
    if widths is not None:
        return replace(table, widths=tuple(widths))  # every word fits whole
    pieces = [
        max((_widest_piece(w, m) for w, m, _width in column), default=0.0) + around
        for column in measured
    ]
    widths = _shared_out(weights, pieces, width) or [
        width * least / sum(pieces)
        for least in pieces  # the last resort: Qt cuts
    ]
    room = [w - around for w in widths]

    def breakable(text: str, column: int, metrics: QFontMetricsF) -> str:
        def word(match: re.Match[str]) -> str:
            found = match.group()
            fits = metrics.horizontalAdvance(found) <= room[column]
            return found if fits else hyphenated(found)

        return _WORD.sub(word, text)

    return replace(
        table,
        columns=tuple(breakable(t, c, strong) for c, t in enumerate(table.columns)),
        rows=tuple(
            tuple(breakable(text, c, plain) for c, text in enumerate(row)) for row in table.rows
        ),
        widths=tuple(widths),
    )


@dataclass(frozen=True, slots=True)
class _Line:
    """A paragraph or table cell of a laid-out run, as read back from the layout."""

    index: int | None  # among the run's blocks; None: a table's cell
    top: float  # of its first line
    bottom: float  # of its last line


def _read_back(document: QTextDocument) -> list[_Line]:
    """The run's paragraphs and, of each table's slice, the first cell with words below its
    header, in order: what follows a heading is all a heading alone is judged by, and reading
    every cell of a long table cost a third of a second."""
    layout = document.documentLayout()
    found: list[_Line] = []

    def line_of(block: QTextBlock) -> _Line | None:
        lines = block.layout()
        if not lines.lineCount():
            return None
        # Qt turns the page for a line by moving the line, not the block: where a block's
        # lines are is its position plus theirs.
        top = layout.blockBoundingRect(block).top()
        first, last = lines.lineAt(0), lines.lineAt(lines.lineCount() - 1)
        return _Line(None, top + first.y(), top + last.y() + last.height())

    child = document.rootFrame().begin()
    while not child.atEnd():
        frame = child.currentFrame()
        if isinstance(frame, QTextTable):
            found.extend(_first_cell(frame, line_of))
        elif frame is None and child.currentBlock().userState() >= HEADING_STATE:
            block = child.currentBlock()
            line = line_of(block)
            if line is not None:
                found.append(replace(line, index=block.userState() - HEADING_STATE))
        child += 1
    return found


def _first_cell(
    table: QTextTable, line_of: Callable[[QTextBlock], _Line | None]
) -> Iterator[_Line]:
    """The first cell of ``table``'s rows below its header that holds words, as a line."""
    for row in range(table.format().headerRowCount(), table.rows()):
        for column in range(table.columns()):
            block = table.cellAt(row, column).firstCursorPosition().block()
            line = line_of(block) if block.text().strip() else None
            if line is not None:
                yield line
                return


def _lonely_heading(
    document: QTextDocument, blocks: Sequence[Block], keep_after: float
) -> int | None:
    """The first heading that ends a page without the start of what it heads, as the index of
    the block to begin the next page with (the first of the headings that come together); None:
    none does. ``keep_after`` is the height of what comes right after the run (a chart)."""
    height = document.pageSize().height()

    def page(y: float) -> int:
        return int(y // height)

    def heading(line: _Line) -> bool:
        return line.index is not None and isinstance(blocks[line.index], Heading)

    def note(line: _Line) -> bool:
        block = blocks[line.index] if line.index is not None else None
        return isinstance(block, Paragraph) and block.quiet

    lines = _read_back(document)
    for number, line in enumerate(lines):
        if not heading(line):
            continue
        head = number
        while head and heading(lines[head - 1]):
            head -= 1
        first = lines[head]
        if first.top - page(first.top) * height < height * 0.02:
            continue  # already at the top of a page: nothing to gain
        after = [other for other in lines[number + 1 :] if not heading(other)]
        if after and not (keep_after and all(note(other) for other in after)):
            # From its first line: a heading of two lines cut by the page turn is alone too.
            lonely = page(line.top + 1) != page(after[0].top + 1)
        elif keep_after:
            end = (after[-1] if after else line).bottom + keep_after
            lonely = keep_after < height and page(end - 1) != page(first.top + 1)
        else:
            lonely = False
        if lonely:
            assert first.index is not None
            return first.index
    return None


def _runs(blocks: tuple[Block, ...]) -> list[list[Block] | Chart | Reply]:
    """Consecutive text blocks flow as one document; a chart or a reply box stands on its own."""
    runs: list[list[Block] | Chart | Reply] = []
    for block in blocks:
        if isinstance(block, Chart | Reply):
            runs.append(block)
        elif runs and isinstance(runs[-1], list):
            runs[-1].append(block)
        else:
            runs.append([block])
    return runs


@dataclass(slots=True)
class _Rows:
    """A table's rows as planned: their heights and the measures between them."""

    talls: list[float]
    fit: _Fit
    top: float  # where the first row begins, down the page that holds the header


@dataclass(slots=True)
class _Plan:
    starts: SliceStarts  # where each table's slices begin
    rows: dict[int, _Rows]  # each table's rows, as measured for the plan
    lonely: int | None = None  # a heading alone at a page's foot, found before any table


def _text_width(cell: QTextTableCell) -> float:
    """The width a table's column gives its text, as laid out."""
    lines = cell.firstCursorPosition().block().layout()
    return lines.lineAt(0).width() if lines.lineCount() else 0.0


def _has_cells(document: QTextDocument) -> bool:
    return any(line.index is None for line in _read_back(document))


def _measured_starts(
    document: QTextDocument,
    blocks: Sequence[Block],
    starts: SliceStarts,
    planned: dict[int, _Rows],
    height: float,
) -> SliceStarts:
    """The tables' slices as the rule cuts them from the layout's own measures: ``starts``
    itself when each slice holds its page of rows where the plan put them."""
    tables = _tables(document)
    found: SliceStarts = {}
    for index, block in enumerate(blocks):
        if not isinstance(block, Table):
            continue
        pieces = _pieces(len(block.rows), starts.get(index))
        frames = [next(tables) for _piece in pieces]
        rows = planned.get(index)
        if rows is None or not block.rows:
            found[index] = starts.get(index, (0,))
            continue
        talls, fit = rows.talls, rows.fit
        header = _row_span(document, frames[0], 0)[0]
        top = _row_span(document, frames[0], 1)[0]
        kept = abs(top - int(header // height) * height - rows.top) < 0.05
        for number, ((start, end, _turn), frame) in enumerate(zip(pieces, frames, strict=True)):
            first, _bottom = _row_span(document, frame, 1)
            _top, bottom = _row_span(document, frame, frame.rows() - 1)
            expected = first + sum(talls[start:end]) + fit.gap * (end - start - 1)
            page = int(first // height)
            kept = kept and abs(bottom - expected) < 0.05 and int((bottom - 1) // height) == page
            if number:
                kept = kept and abs(first - page * height - fit.head) < 0.05
        if kept:
            found[index] = starts[index]
            continue
        # The layout's own heights (a row across a page counts as tall as it was laid out).
        measured = [
            bottom - first
            for frame in frames
            for first, bottom in (_row_span(document, frame, r) for r in range(1, frame.rows()))
        ]
        found[index] = _filled(measured, top, int(header // height), fit, height)
    return found


class _Target:
    """Where pages go: a PDF writer, or pictures for the preview. Counts pages when it paints
    nothing (the first pass)."""

    def __init__(self, paper: Paper, dpi: int, metrics: QPaintDevice) -> None:
        self.size_id = QPageSize.PageSizeId.A4 if paper is Paper.A4 else QPageSize.PageSizeId.Letter
        self.dpi = dpi
        self.metrics = metrics  # what text is measured on
        self.landscape = False
        self.pages = 0

    def layout(self) -> QPageLayout:
        orientation = (
            QPageLayout.Orientation.Landscape
            if self.landscape
            else QPageLayout.Orientation.Portrait
        )
        return QPageLayout(
            QPageSize(self.size_id), orientation, MARGINS_MM, QPageLayout.Unit.Millimeter
        )

    def paint_rect(self) -> QRectF:
        """The printable area of the current page, from (0, 0), in device pixels."""
        rect = self.layout().paintRectPixels(self.dpi)
        return QRectF(0, 0, rect.width(), rect.height())

    def begin_page(self, landscape: bool) -> QPainter | None:
        self.landscape = landscape
        self.pages += 1
        return None

    def finish(self) -> None:
        pass


class _PdfTarget(_Target):
    def __init__(self, writer: QPdfWriter, paper: Paper) -> None:
        super().__init__(paper, writer.resolution(), writer)
        self.writer = writer
        self.painter: QPainter | None = None

    def begin_page(self, landscape: bool) -> QPainter | None:
        super().begin_page(landscape)
        self.writer.setPageLayout(self.layout())
        if self.painter is None:
            self.painter = QPainter()
            if not self.painter.begin(self.writer):
                raise OSError("the PDF could not be started")
        else:
            self.writer.newPage()
        return self.painter

    def finish(self) -> None:
        if self.painter is not None:
            self.painter.end()


class _ImageTarget(_Target):
    """Pages as pictures for the preview, drawn the same way at screen resolution."""

    def __init__(self, paper: Paper, dpi: int) -> None:
        probe = QImage(8, 8, QImage.Format.Format_RGB32)
        _set_dpi(probe, dpi)
        super().__init__(paper, dpi, probe)
        self.images: list[QImage] = []
        self.painter: QPainter | None = None

    def begin_page(self, landscape: bool) -> QPainter | None:
        super().begin_page(landscape)
        self.finish()
        layout = self.layout()
        full = layout.fullRectPixels(self.dpi)
        image = QImage(full.width(), full.height(), QImage.Format.Format_RGB32)
        _set_dpi(image, self.dpi)
        image.fill(QColor("white"))
        self.images.append(image)
        self.painter = QPainter(image)
        self.painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        margins = layout.marginsPixels(self.dpi)
        self.painter.translate(margins.left(), margins.top())
        return self.painter

    def finish(self) -> None:
        if self.painter is not None:
            self.painter.end()
            self.painter = None


def _set_dpi(image: QImage, dpi: int) -> None:
    per_metre = round(dpi / 0.0254)
    image.setDotsPerMeterX(per_metre)
    image.setDotsPerMeterY(per_metre)


class _Pages:
    """Lays the report out page by page onto a target; the first pass only counts pages."""

    def __init__(
        self,
        target: _Target,
        report: Report,
        total: int,
        cancelled: Callable[[], bool],
        svgs: dict[int, bytes],
        svg: Callable[[Chart, float, float], bytes],
        documents: dict[tuple[int, int], Laid],
    ) -> None:
        self.target = target
        self.report = report
        self.total = total
        self.cancelled = cancelled
        self.svgs = svgs  # drawn once per chart, reused by the second pass
        # Each run's layout, and whether it turns the page first: made by the counting pass.
        self.documents = documents
        self.svg = svg
        self.painter: QPainter | None = None
        self.y = 0.0
        self.after_cover = False
        self.font = QFont(FONT_FAMILY, 10)
        # Where each item and each box for the sponsor's words was drawn: (item, page from 1,
        # rectangle in the page's paint area, device pixels); recorded while painting.
        self.items: list[tuple[str, int, QRectF]] = []
        self.fields: list[tuple[str, int, QRectF]] = []
        self.landscape_pages: dict[int, bool] = {}

    @property
    def page(self) -> int:
        return self.target.pages

    @property
    def _content(self) -> QRectF:
        full = self.target.paint_rect()
        band = self._pixels(BAND_PT * 2.2)
        return QRectF(0, band, full.width(), full.height() - 2 * band)

    def _pixels(self, points: float) -> float:
        return points * self.target.dpi / 72

    def new_page(self, landscape: bool | None = None) -> None:
        if self.cancelled():
            raise ReportCancelled
        wide = self.target.landscape if landscape is None else landscape
        self.painter = self.target.begin_page(wide)  # None while counting
        self.landscape_pages[self.page] = wide
        if self.painter is not None:
            self._bands()
        self.y = self._content.top()

    def _bands(self) -> None:
        painter = self.painter
        assert painter is not None
        full = self.target.paint_rect()
        band = self._pixels(BAND_PT * 1.6)
        font = QFont(FONT_FAMILY)
        font.setPointSizeF(BAND_PT)
        painter.setFont(font)
        painter.setPen(QColor(QUIET))
        top = QRectF(0, 0, full.width(), band)
        painter.drawText(
            top,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            f"{self.report.title} · {self.report.made_on_text}",
        )
        bottom = QRectF(0, full.height() - band, full.width(), band)
        painter.drawText(
            bottom,
            int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter),
            _("Page {number} of {total}").format(number=self.page, total=self.total or "…"),
        )
        painter.setPen(QPen(QColor(RULE), self._pixels(0.5)))
        painter.drawLine(QPointF(0, band), QPointF(full.width(), band))
        painter.setPen(QColor(TEXT))

    def _document(
        self, blocks: list[Block], offset: float, keep_after: float
    ) -> tuple[QTextDocument, SliceStarts] | None:
        """The run laid out from ``offset`` down its first page, no heading alone at a page's
        foot; None: its first heading would be, so the run begins the next page."""
        content = self._content
        blocks = [
            _fitted(b, content.width(), self.target.metrics) if isinstance(b, Table) else b
            for b in blocks
        ]
        tables = any(isinstance(b, Table) for b in blocks)
        breaks: set[int] = set()
        while True:
            # Each table's slices are planned from a small layout of what comes before it (a
            # probe), so the run is laid out once; the probe of the first table also finds a
            # heading alone at a page's foot before it, with no layout of the whole run.
            plan = self._plan(blocks, breaks, offset, keep_after) if tables else _Plan({}, {})
            lonely = plan.lonely if plan.lonely not in breaks else None
            if lonely is None:
                document, starts = self._laid_out_to_plan(blocks, plan, breaks, offset)
                lonely = _lonely_heading(document, blocks, keep_after)
                if lonely is None or lonely in breaks:
                    return document, starts
            if lonely == 0:
                return None
            breaks.add(lonely)  # one at a time: each moves everything after it

    def _plan(
        self, blocks: list[Block], breaks: set[int], offset: float, keep_after: float
    ) -> _Plan:
        """Where each table of a run begins its pages. A table's first row begins where a probe
        puts it: the run's blocks before it, from the run's start or from the last page of a
        table before it that turns pages (which begins a page), and the table's first slice.
        The probe also gives what does not change from row to row (``_Fit``) and the width of
        each column's text; the rows' heights are measured cell by cell (``_row_heights``)."""
        height = self._content.height()
        plan = _Plan({}, {})
        anchor = 0  # the probe's first block: the run's first, or a table's last page
        turned = False  # the anchor is a table's last page, at the top of a page
        for index, block in enumerate(blocks):
            if not isinstance(block, Table):
                continue
            rows = len(block.rows)
            if not rows:
                plan.starts[index] = (0,)
                continue
            # The table's first slice, as the old two-pass layout had it (its bottom margin
            # counts as below its last row while it is the last), and one row on a page of its
            # own, for where a page's first row begins below the header.
            sample = min(rows, TABLE_SLICE)
            own: list[Piece] = [(0, sample, False)] + ([(rows - 1, rows, True)] if rows > 1 else [])
            html = []
            for number in range(anchor, index + 1):
                earlier = blocks[number]
                pieces: Sequence[Piece] | None = None
                if number == index:
                    pieces = own
                elif isinstance(earlier, Table):
                    done = plan.starts[number]
                    pieces = _pieces(len(earlier.rows), done)
                    if turned and number == anchor:
                        pieces = [(done[-1], len(earlier.rows), False)]
                html.append(_block_html(earlier, number, None, number in breaks, pieces))
            probe = self._laid_out_html("".join(html), 0.0 if turned else offset)
            probe.pageCount()
            if anchor == 0 and not turned and plan.lonely is None and _has_cells(probe):
                # Every heading before the first table is followed there by what follows it
                # in the whole run: a heading alone at a page's foot is alone there too.
                plan.lonely = _lonely_heading(probe, blocks, keep_after)
                if plan.lonely is not None and plan.lonely not in breaks:
                    return plan
            found = list(_tables(probe))
            first, last = (found[-2], found[-1]) if rows > 1 else (found[-1], found[-1])
            spans = [_row_span(probe, first, row) for row in range(1, first.rows())]
            header = _row_span(probe, first, 0)[0]
            layout = probe.documentLayout()
            below = layout.frameBoundingRect(first).bottom() - spans[-1][1]
            gaps = [
                b[0] - a[1]
                for a, b in zip(spans, spans[1:], strict=False)
                if int(a[0] // height) == int(b[0] // height)
            ]
            alone = _row_span(probe, last, 1)[0]
            fit = _Fit(min(gaps, default=below), below, alone - int(alone // height) * height)
            widths = [_text_width(first.cellAt(1, c)) for c in range(first.columns())]
            talls = _row_heights(block, widths, self.target.metrics)
            page, top = int(header // height), spans[0][0]
            plan.starts[index] = _filled(talls, top, page, fit, height)
            plan.rows[index] = _Rows(talls, fit, top - page * height)
            if len(plan.starts[index]) > 1:
                anchor, turned = index, True
        return plan

    def _laid_out_to_plan(
        self, blocks: list[Block], plan: _Plan, breaks: set[int], offset: float
    ) -> tuple[QTextDocument, SliceStarts]:
        """The run laid out with its tables cut as planned. Where the layout does not put the
        rows where the plan did (it should not happen), the tables are cut again from the
        layout's own measures and the run laid out again."""
        starts = plan.starts
        height = self._content.height()
        for _attempt in range(3):
            document = self._laid_out(blocks, starts, breaks, offset)
            document.pageCount()
            measured = _measured_starts(document, blocks, starts, plan.rows, height)
            if measured == starts:
                break
            starts = measured
        return document, starts

    def _laid_out(
        self, blocks: list[Block], starts: SliceStarts, breaks: set[int], offset: float
    ) -> QTextDocument:
        return self._laid_out_html(
            "".join(_block_html(b, i, starts.get(i), i in breaks) for i, b in enumerate(blocks)),
            offset,
        )

    def _laid_out_html(self, body: str, offset: float) -> QTextDocument:
        document = QTextDocument()
        document.documentLayout().setPaintDevice(self.target.metrics)
        document.setDefaultFont(self.font)
        document.setDocumentMargin(0)
        document.setDefaultStyleSheet(f"body {{ color: {TEXT}; }}")
        # What the page already holds above the run: an empty line of that height (a margin in
        # Qt's 96-per-inch pixels; the first block's own top margin would be dropped).
        spacer = (
            '<p style="margin-top:0; margin-bottom:'
            f'{offset * 96 / self.target.dpi:.2f}px; font-size:1pt">&nbsp;</p>'
            if offset > 0
            else ""
        )
        document.setHtml("<body>" + spacer + body + "</body>")
        content = self._content
        document.setPageSize(QSizeF(content.width(), content.height()))
        return document

    def text(self, blocks: list[Block], key: tuple[int, int], keep_after: float = 0.0) -> None:
        """A run of text from where the page has got to; ``keep_after``: the height of the
        chart that follows, which its last heading goes with."""
        content = self._content
        if self.y > content.bottom() - self._pixels(24):
            self.new_page()  # not even a line's room
        # Laid out once, in the counting pass, and painted from the same layout.
        laid = self.documents.get(key)
        if laid is None:
            turn = False
            made = self._document(blocks, self.y - content.top(), keep_after)
            if made is None:
                turn = True
                made = self._document(blocks, 0.0, keep_after)
                assert made is not None
            laid = self.documents[key] = Laid(*made, turn)
        document = laid.document
        if laid.turn:
            self.new_page()
        above = self.y - content.top()  # the page's earlier content; the run's spacer there
        first_page = self.page
        pages = document.pageCount()
        for index in range(pages):
            if index:
                self.new_page()
            self._paint_document(document, index, content.top(), 0.0 if index else above)
        self.y = content.top() + document.size().height() - (pages - 1) * content.height()
        if self.painter is not None and any(_names_items(b) for b in blocks):
            pad = self._pixels(CELL_PADDING * 72 / 96)
            for about, top, bottom in _item_spans(document, blocks, laid.starts, pad):
                self._place(about, first_page, top, bottom)

    def _place(self, about: str, first_page: int, top: float, bottom: float) -> None:
        """An item's span down a run's document, cut at the pages it was painted on."""
        content = self._content
        height = content.height()
        index = max(int(top // height), 0)
        while top < bottom:
            end = min(bottom, (index + 1) * height)
            if end > top:
                y0 = content.top() + top - index * height
                y1 = content.top() + end - index * height
                rect = QRectF(0, y0, content.width(), y1 - y0)
                self.items.append((about, first_page + index, rect))
            top = end
            index += 1

    def _paint_document(
        self, document: QTextDocument, index: int, top: float, above: float = 0.0
    ) -> None:
        """Page ``index`` of ``document``, below ``above`` (what the page held before it)."""
        if self.painter is None:
            return
        content = self._content
        painter = self.painter
        painter.save()
        painter.translate(0, top - index * content.height())
        # Half a pixel inside the page: a line that starts exactly where the next page does is
        # left to that page (Qt would write it into this one too, cut off but found by a search).
        start = max(above, 0.5)
        clip = QRectF(
            0, index * content.height() + start, content.width(), content.height() - start - 0.5
        )
        document.drawContents(painter, clip)
        painter.restore()

    def _chart_size(self, chart: Chart) -> tuple[float, float]:
        """The chart's box and the room below it for its legend, in device pixels."""
        content = self._content
        height = min(content.width() * (chart.aspect or CHART_ASPECT), content.height())
        if not chart.legend:
            return height, 0.0
        legend = self._laid_out([_legend(chart)], {}, set(), 0.0)
        return height, legend.size().height()

    def chart(self, chart: Chart, key: tuple[int, int]) -> None:
        content = self._content
        width = content.width()
        height, legend = self._chart_size(chart)
        # The chart and its legend together, on a new page if they do not fit on this one.
        if self.y + height + legend > content.bottom() + 1 and self.y > content.top() + 1:
            self.new_page()
        if self.painter is not None:
            svg_key = id(chart)
            if svg_key not in self.svgs:
                dpi = self.target.dpi
                self.svgs[svg_key] = self.svg(chart, width / dpi, height / dpi)
            renderer = QSvgRenderer(QByteArray(self.svgs[svg_key]))
            renderer.render(self.painter, QRectF(0, self.y, width, height))
            for about in chart.about:
                self.items.append((about, self.page, QRectF(0, self.y, width, height)))
        self.y += height + self._pixels(8)
        if chart.legend:
            self.text([_legend(chart)], key)

    def _reply_size(self, reply: Reply) -> tuple[float, float]:
        """The height of a reply's label line and of its box, in device pixels."""
        return self._pixels(BAND_PT * 1.9), self._pixels(REPLY_LINE_PT * reply.lines + 6)

    def reply(self, reply: Reply) -> None:
        """A labelled box for the sponsor's words; the PDF puts a form field on it."""
        content = self._content
        label, box = self._reply_size(reply)
        room = content.bottom() - self.y - self._pixels(4) - label
        # Short of room, a box shrinks to what is left if a line fits, rather than go alone to a
        # page of its own (the ten-year report had one such page, before a turn of the paper);
        # the field scrolls in a reader, so the sponsor can still write as much.
        least = self._pixels(REPLY_LINE_PT + 6)
        if box > room >= least:
            box = room
        elif room < least and self.y > content.top() + 1:
            self.new_page()
        self.y += self._pixels(4)
        rect = QRectF(0, self.y + label, content.width(), box)
        if self.painter is not None:
            painter = self.painter
            font = QFont(FONT_FAMILY)
            font.setPointSizeF(BAND_PT)
            painter.setFont(font)
            painter.setPen(QColor(QUIET))
            painter.drawText(
                QRectF(0, self.y, content.width(), label),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom),
                reply.label,
            )
            painter.setPen(QPen(QColor(RULE), self._pixels(0.6)))
            painter.setBrush(QColor(REPLY_FILL))
            painter.drawRect(rect)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QColor(TEXT))
            self.fields.append((reply.about, self.page, rect))
            if reply.about != SPONSOR_NAME:  # a name is no item a note can be about
                whole = QRectF(0, self.y, content.width(), label + box)
                self.items.append((reply.about, self.page, whole))
        self.y += label + box + self._pixels(8)

    def _standalone_height(self, run: list[Block] | Chart | Reply | None) -> float:
        """The height of a chart or reply box that follows a run (its last heading goes with it)."""
        if isinstance(run, Chart):
            return sum(self._chart_size(run))
        if isinstance(run, Reply):
            return sum(self._reply_size(run))
        return 0.0

    def part(self, part: Part) -> None:
        content = self._content
        # The closing line stays on the page as it is; a cover, a page after it, and a turn of
        # the paper start a page; other sections follow on.
        landscape = self.target.landscape if part.section is None else part.landscape
        if (
            self.page == 0
            or part.section is Section.COVER
            or self.after_cover
            or landscape != self.target.landscape
        ):
            self.new_page(landscape)
        elif self.y > content.top() + 1:
            self.y += self._pixels(SECTION_GAP_PT)
        self.after_cover = part.section is Section.COVER
        # The whole section is an item's band (its own, or the report's), so that a note on a
        # section without items of its own (the charts, the meetings) stays with it.
        band_start = (self.page, self.y)
        self._part(part)
        if self.painter is not None:
            self._band(part.about[0] if part.about else REPORT, band_start, (self.page, self.y))

    def _band(self, about: str, start: tuple[int, float], end: tuple[int, float]) -> None:
        """An item from a place on one page to a place on the same or a later page."""
        content = self._content
        for page in range(start[0], end[0] + 1):
            top = start[1] if page == start[0] else content.top()
            bottom = end[1] if page == end[0] else content.bottom()
            if bottom > top:
                self.items.append((about, page, QRectF(0, top, content.width(), bottom - top)))

    def _part(self, part: Part) -> None:
        blocks = part.blocks
        if part.title and part.section is not Section.COVER:  # the letter heads itself
            blocks = (Heading(part.title, 2, part.about), *blocks)
        runs = _runs(blocks)
        for index, run in enumerate(runs):
            if isinstance(run, Chart):
                self.chart(run, (id(part), index))
                continue
            if isinstance(run, Reply):
                self.reply(run)
                continue
            following = runs[index + 1] if index + 1 < len(runs) else None
            self.text(run, (id(part), index), self._standalone_height(following))


def _legend(chart: Chart) -> Paragraph:
    """The full names of a chart's numbered rows."""
    return Paragraph(
        "\n".join(f"{number}. {name}" for number, name in enumerate(chart.legend, start=1)),
        quiet=True,
    )


def _lay_out(
    report: Report,
    target: _Target,
    progress: Callable[[int, int], None] | None,
    cancelled: Callable[[], bool] | None,
    svg: Callable[[Chart, float, float], bytes],
) -> ReportLayout:
    """Both passes: count the pages, then paint them with "page N of M". Returns where each item
    and each box for the sponsor's words was drawn."""
    progress = progress or (lambda done, total: None)
    cancelled = cancelled or (lambda: False)
    steps = len(report.parts) * 2
    svgs: dict[int, bytes] = {}
    documents: dict[tuple[int, int], Laid] = {}
    counting = _Pages(
        _Target(report.paper, target.dpi, target.metrics),
        report,
        0,
        cancelled,
        svgs,
        svg,
        documents,
    )
    for number, part in enumerate(report.parts):
        counting.part(part)
        progress(number + 1, steps)
    pages = _Pages(target, report, counting.page, cancelled, svgs, svg, documents)
    try:
        for number, part in enumerate(report.parts):
            pages.part(part)
            progress(len(report.parts) + number + 1, steps)
    finally:
        target.finish()
    return _in_points(report, pages)


def _in_points(report: Report, pages: _Pages) -> ReportLayout:
    """The places recorded while painting, in PDF points from each page's foot."""
    target = pages.target

    def placed(about: str, page: int, rect: QRectF) -> Placed:
        target.landscape = pages.landscape_pages.get(page, False)
        layout = target.layout()
        full = layout.fullRect(QPageLayout.Unit.Point)
        margins = layout.margins(QPageLayout.Unit.Point)
        scale = 72 / target.dpi
        left = margins.left() + rect.left() * scale
        top = full.height() - (margins.top() + rect.top() * scale)
        return Placed(
            about, page - 1, left, top - rect.height() * scale, left + rect.width() * scale, top
        )

    return ReportLayout(
        journal_proof=journal_proof(report.journal_id, report.report_id),
        report_id=report.report_id,
        pages=pages.page,
        made_on=report.made_on.isoformat(),
        items=tuple(placed(*item) for item in pages.items),
        fields=tuple(placed(*field) for field in pages.fields),
    )


def _chart_svg(chart: Chart, width: float, height: float) -> bytes:
    from recovery_journal.i18n import current_language
    from recovery_journal.ui import charts

    locale = QLocale(current_language())  # the report's language on this thread
    # A legend below names the rows in full: the chart numbers them.
    numbered = bool(chart.legend)
    return charts.svg(
        chart.name, chart.period, chart.view, width, height,
        month_names(locale), numbered, day_month_names(locale),
    )  # fmt: skip


def _reply_words() -> ReplyWords:
    """The fields' tooltips, in the report's language (set on this thread)."""
    return ReplyWords(
        note=_("Write here: any PDF reader can fill this in, and your words come back to me."),
        name=_("Your name, so that I know who wrote"),
    )


def render_pdf(
    report: Report,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    svg: Callable[[Chart, float, float], bytes] = _chart_svg,
) -> bytes:
    """The whole PDF in memory (it reaches the disk only whole, see ``services.files``)."""
    with language_on_this_thread(report.language):
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = QPdfWriter(buffer)
        writer.setResolution(RESOLUTION)
        writer.setTitle(report.title)
        writer.setCreator(f"Recovery Journal {__version__}")
        target = _PdfTarget(writer, report.paper)
        layout = _lay_out(report, target, progress, cancelled, svg)
        buffer.close()
        data = bytes(buffer.data().data())
        if not report.report_id:
            return data  # a report nobody can answer (drawn for a test of its pages alone)
        return with_reply_fields(data, layout, _reply_words())


def render_preview(
    report: Report,
    dpi: int = 96,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    svg: Callable[[Chart, float, float], bytes] = _chart_svg,
) -> list[QImage]:
    """The same pages as pictures (for the export dialog's preview), off the GUI thread."""
    with language_on_this_thread(report.language):
        target = _ImageTarget(report.paper, dpi)
        _lay_out(report, target, progress, cancelled, svg)
        return target.images


def write_report(
    report: Report,
    path: Path,
    *,
    password: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    draw: Callable[..., bytes] = render_pdf,
) -> None:
    """Draw (here, or in a child process: ``report_process.draw_pdf``), protect if asked, and
    write the report: the file appears only when complete (written beside its target and moved
    into place); nothing goes to a temporary folder."""
    data = draw(report, progress=progress, cancelled=cancelled)
    if password:
        data = protect_pdf(data, password)
    if cancelled is not None and cancelled():
        raise ReportCancelled
    write_private_file(Path(path), data)


def drawing_without_window() -> QCoreApplication:
    """Qt ready to draw a report where there is no window (the command line, the window's
    drawing child): its fonts need an application object, never a display. Keep it alive."""
    import os

    from PySide6.QtGui import QGuiApplication

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication.instance() or QGuiApplication(["recovery-journal"])
    prepare_fonts()
    return app


def write_report_without_window(report: Report, path: Path, password: str | None = None) -> None:
    """For the command line."""
    app = drawing_without_window()  # noqa: F841 - alive while the report is drawn
    write_report(report, path, password=password)
