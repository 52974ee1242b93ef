"""The progress report drawn into a PDF by Qt's own engine (QPdfWriter, QTextDocument, QPainter).

Text is laid out by QTextDocument on the writer itself (so point sizes are right) and stays
real text: selectable, searchable, the font embedded. Charts come from matplotlib as SVG with
text kept as text and are painted by QSvgRenderer, so they stay vector. Every page has the
report's title and date at the top and "page N of M" at the bottom; M comes from a first pass
that lays everything out without painting. Wide worksheets get landscape pages.

Runs on the charts thread (matplotlib lives there) or, for the command line, the main thread;
the fonts are registered beforehand on the GUI thread (``prepare_fonts``).
"""

from __future__ import annotations

import html
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
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
    QImage,
    QPageLayout,
    QPageSize,
    QPaintDevice,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
    QTextTable,
)
from PySide6.QtSvg import QSvgRenderer

from recovery_journal import __version__
from recovery_journal.i18n import _, language_on_this_thread
from recovery_journal.services.files import write_private_file
from recovery_journal.services.pdf_password import protect_pdf
from recovery_journal.services.report import (
    Block,
    Chart,
    Heading,
    Paper,
    Paragraph,
    Part,
    Report,
    Section,
    Table,
)

FONT_FAMILY = "DejaVu Sans"
RESOLUTION = 300  # dots per inch of the layout; text and charts are vector anyway
MARGINS_MM = QMarginsF(18, 14, 18, 14)
BAND_PT = 9  # header and footer type size
CHART_ASPECT = 0.56  # height / width of a chart box
TABLE_SLICE = 40  # rows per table slice in the first layout (see _page_starts)
TEXT = "#1a1a1a"
QUIET = "#5a5a5a"
RULE = "#b0b0b0"
HEADER_FILL = "#eef2f6"


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


def _slice_starts(rows: int) -> tuple[int, ...]:
    return tuple(range(0, max(rows, 1), TABLE_SLICE))


def _block_html(block: Block, starts: tuple[int, ...] | None = None) -> str:
    if isinstance(block, Heading):
        size = {1: 26, 2: 16, 3: 12}.get(block.level, 12)
        above, below = {1: (0, 14), 2: (4, 8), 3: (12, 4)}.get(block.level, (8, 4))
        return (
            f'<p style="font-size:{size}pt; font-weight:bold; margin-top:{above}pt; '
            f'margin-bottom:{below}pt">{_html_text(block.text)}</p>'
        )
    if isinstance(block, Paragraph):
        if block.quiet:
            return (
                f'<p style="font-size:9pt; color:{QUIET}; margin-top:6pt; margin-bottom:2pt">'
                f"{_html_text(block.text)}</p>"
            )
        return f'<p style="margin-top:2pt; margin-bottom:6pt">{_html_text(block.text)}</p>'
    assert isinstance(block, Table)
    widths = block.widths or (1,) * len(block.columns)
    total = sum(widths)
    head = "".join(
        f'<th width="{round(100 * w / total)}%" align="left" bgcolor="{HEADER_FILL}">'
        f"{_html_text(title)}</th>"
        for title, w in zip(block.columns, widths, strict=False)
    )
    # Long tables go in slices: QTextDocument paints one big table in more than linear time
    # (every page walks every row). Given page starts, each slice is one page of rows and begins
    # a page, so the header shows at the top of each page and never in the middle of one.
    paged = starts is not None
    starts = starts or _slice_starts(len(block.rows))
    ends = (*starts[1:], len(block.rows))
    tables = []
    for index, (start, end) in enumerate(zip(starts, ends, strict=True)):
        body = "".join(
            "<tr>" + "".join(f"<td>{_html_text(cell)}</td>" for cell in row) + "</tr>"
            for row in block.rows[start:end]
        )
        last = end >= len(block.rows)
        page_break = "page-break-before:always; " if paged and index else ""
        tables.append(
            f'<table width="100%" cellspacing="0" cellpadding="4" border="1" '
            f'style="{page_break}border-collapse:collapse; border-color:{RULE}; font-size:9pt; '
            f'margin-top:{4 if start == 0 else 0}pt; margin-bottom:{10 if last else 0}pt">'
            f"<thead><tr>{head}</tr></thead>{body}</table>"
        )
    return "".join(tables)


@dataclass(frozen=True, slots=True)
class _Row:
    top: float
    bottom: float  # of its tallest cell's text
    page: int


def _page_starts(document: QTextDocument, blocks: list[Block]) -> SliceStarts:
    """For each table block, the rows that begin a page, from the measures of a first layout.

    The rows are laid out again on paper-sized pages from their measured heights: a row stays
    on a page only if it ends there with room for the table's bottom edge, and a new page
    starts with the header. Where the first layout broke a table, the room a page's header
    takes is measured; a little slack covers rounding.
    """
    layout = document.documentLayout()
    height = document.pageSize().height()
    tables = iter(
        frame for frame in document.rootFrame().childFrames() if isinstance(frame, QTextTable)
    )

    def measure(table: QTextTable, row: int) -> _Row:
        first = layout.blockBoundingRect(table.cellAt(row, 0).firstCursorPosition().block())
        bottom = max(
            layout.blockBoundingRect(table.cellAt(row, c).lastCursorPosition().block()).bottom()
            for c in range(table.columns())
        )
        return _Row(first.y(), bottom, int(first.y() // height))

    found: SliceStarts = {}
    for index, block in enumerate(blocks):
        if not isinstance(block, Table):
            continue
        slices = []
        for _first in _slice_starts(len(block.rows)):
            table = next(tables)
            rows = [measure(table, row) for row in range(table.rows())]
            below = layout.frameBoundingRect(table).bottom() - rows[-1].bottom
            slices.append((rows, below))
        header, below = slices[0][0][0], slices[0][1]
        data = [row for rows, _below in slices for row in rows[1:]]
        pairs = list(zip(data, data[1:], strict=False))
        gap = min((b.top - a.bottom for a, b in pairs if a.page == b.page), default=below)
        # Where a page's first row begins, below the header Qt repeats at a break.
        offsets = [b.top - b.page * height for a, b in pairs if b.page > a.page]
        head = max(offsets, default=2 * (data[0].top - header.top) if data else 0.0)
        slack = height * 0.002
        starts = [0]
        page = header.page
        y = data[0].top if data else 0.0
        for number, row in enumerate(data):
            tall = row.bottom - row.top
            if number and y + tall + below + slack > (page + 1) * height:
                starts.append(number)
                page += 1
                y = page * height + head
            y += tall + gap
        found[index] = tuple(starts)
    return found


def _runs(blocks: tuple[Block, ...]) -> list[list[Block] | Chart]:
    """Consecutive text blocks flow as one document; a chart stands on its own."""
    runs: list[list[Block] | Chart] = []
    for block in blocks:
        if isinstance(block, Chart):
            runs.append(block)
        elif runs and isinstance(runs[-1], list):
            runs[-1].append(block)
        else:
            runs.append([block])
    return runs


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
        documents: dict[tuple[int, int], QTextDocument],
    ) -> None:
        self.target = target
        self.report = report
        self.total = total
        self.cancelled = cancelled
        self.svgs = svgs  # drawn once per chart, reused by the second pass
        self.documents: dict[tuple[int, int], QTextDocument] = documents
        self.svg = svg
        self.painter: QPainter | None = None
        self.y = 0.0
        self.font = QFont(FONT_FAMILY, 10)

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

    def _document(self, blocks: list[Block]) -> QTextDocument:
        document = self._laid_out(blocks, {})
        if document.pageCount() > 1 and any(isinstance(b, Table) for b in blocks):
            # Laid out again with each table cut where the first layout turned the page.
            document = self._laid_out(blocks, _page_starts(document, blocks))
        return document

    def _laid_out(self, blocks: list[Block], starts: SliceStarts) -> QTextDocument:
        document = QTextDocument()
        document.documentLayout().setPaintDevice(self.target.metrics)
        document.setDefaultFont(self.font)
        document.setDocumentMargin(0)
        document.setDefaultStyleSheet(f"body {{ color: {TEXT}; }}")
        document.setHtml(
            "<body>"
            + "".join(_block_html(b, starts.get(i)) for i, b in enumerate(blocks))
            + "</body>"
        )
        content = self._content
        document.setPageSize(QSizeF(content.width(), content.height()))
        return document

    def text(self, blocks: list[Block], key: tuple[int, int]) -> None:
        # Laid out once, in the counting pass, and painted from the same layout.
        document = self.documents.get(key)
        if document is None:
            document = self.documents[key] = self._document(blocks)
        content = self._content
        height = document.size().height()
        if document.pageCount() == 1 and height <= content.bottom() - self.y:
            self._paint_document(document, 0, self.y)
            self.y += height
            return
        if self.y > content.top() + 1:
            self.new_page()
        pages = document.pageCount()
        for index in range(pages):
            if index:
                self.new_page()
            self._paint_document(document, index, content.top())
        self.y = content.top() + (height - (pages - 1) * content.height())

    def _paint_document(self, document: QTextDocument, index: int, top: float) -> None:
        if self.painter is None:
            return
        content = self._content
        painter = self.painter
        painter.save()
        painter.translate(0, top - index * content.height())
        clip = QRectF(0, index * content.height(), content.width(), content.height())
        document.drawContents(painter, clip)
        painter.restore()

    def chart(self, chart: Chart) -> None:
        content = self._content
        width = content.width()
        height = min(width * CHART_ASPECT, content.height())
        if self.y + height > content.bottom() + 1:
            self.new_page()
        if self.painter is not None:
            key = id(chart)
            if key not in self.svgs:
                dpi = self.target.dpi
                self.svgs[key] = self.svg(chart, width / dpi, height / dpi)
            renderer = QSvgRenderer(QByteArray(self.svgs[key]))
            renderer.render(self.painter, QRectF(0, self.y, width, height))
        self.y += height + self._pixels(8)

    def part(self, part: Part) -> None:
        self.new_page(part.landscape)
        blocks = part.blocks
        if part.section is Section.COVER:
            self.y += self._content.height() * 0.18  # a title page, not a form
        else:
            blocks = (Heading(part.title, 2), *blocks)
        for index, run in enumerate(_runs(blocks)):
            if isinstance(run, Chart):
                self.chart(run)
            else:
                self.text(run, (id(part), index))


def _lay_out(
    report: Report,
    target: _Target,
    progress: Callable[[int, int], None] | None,
    cancelled: Callable[[], bool] | None,
    svg: Callable[[Chart, float, float], bytes],
) -> None:
    """Both passes: count the pages, then paint them with "page N of M"."""
    progress = progress or (lambda done, total: None)
    cancelled = cancelled or (lambda: False)
    steps = len(report.parts) * 2
    svgs: dict[int, bytes] = {}
    documents: dict[tuple[int, int], QTextDocument] = {}
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


def _chart_svg(chart: Chart, width: float, height: float) -> bytes:
    from recovery_journal.i18n import current_language
    from recovery_journal.ui import charts

    locale = QLocale(current_language())  # the report's language on this thread
    months = tuple(
        locale.standaloneMonthName(month, QLocale.FormatType.ShortFormat) for month in range(1, 13)
    )
    return charts.svg(chart.name, chart.period, chart.view, width, height, months)


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
        _lay_out(report, target, progress, cancelled, svg)
        buffer.close()
        return bytes(buffer.data().data())


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
) -> None:
    """Draw, protect if asked, and write the report: the file appears only when complete
    (written beside its target and moved into place); nothing goes to a temporary folder."""
    data = render_pdf(report, progress=progress, cancelled=cancelled)
    if password:
        data = protect_pdf(data, password)
    if cancelled is not None and cancelled():
        raise ReportCancelled
    write_private_file(Path(path), data)


def write_report_without_window(report: Report, path: Path, password: str | None = None) -> None:
    """For the command line: Qt's fonts need an application object, never a display."""
    import os

    from PySide6.QtGui import QGuiApplication

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication.instance() or QGuiApplication(["recovery-journal"])  # noqa: F841
    prepare_fonts()
    write_report(report, path, password=password)
