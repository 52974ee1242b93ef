"""The charts of "Better than yesterday", drawn with matplotlib's Figure (never pyplot).

The only module that imports matplotlib, and only inside its functions: the import costs about
half a second and 70 MiB, so it happens when the page is first opened, not at start.
Everything here runs on the charts thread (``ui.chart_view``), never on the GUI thread: a
figure is drawn by Agg into a buffer that the GUI shows as a picture. (The QtAgg canvas would
draw on the GUI thread; six trends over ten years take 0.3-0.5 s there on a 2-core machine.)
Colours are the Okabe-Ito set (safe for colour-blind readers); a harder day is drawn in a quiet
tone, never an alarm red. Text and background follow the Qt palette (light and dark themes);
dates are labelled with the UI language's month names.
"""

from __future__ import annotations

import io
import math
import sys
import threading
import types
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from recovery_journal.domain.daily import YesMeans, yes_means
from recovery_journal.domain.journal import shortened
from recovery_journal.domain.trends import Period, Verdict
from recovery_journal.i18n import _, ngettext
from recovery_journal.services.files import write_private_file
from recovery_journal.services.report_blocks import WeeklyCounts
from recovery_journal.services.review import YES_MEANS_WORDS
from recovery_journal.services.trends import ChartsView, DateTick, TickStyle, date_ticks

NOW = "#0072B2"  # Okabe-Ito blue
BEFORE = "#999999"
BETTER = "#009E73"  # bluish green
QUIET = "#E69F00"  # orange: "a harder day", not an alarm
# What a "yes" says, as a colour (domain.daily.yes_means).
YES_COLOURS = {YesMeans.GOOD: BETTER, YesMeans.HARD: QUIET, YesMeans.NEITHER: NOW}
LINES = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
SAVED_SIZE = (9.0, 5.0)  # inches of a saved chart, whatever the size of the window
SAVED_DPI = 150
DAILY_DOTS_UP_TO = 400  # days; longer trends show the rolling average only


@dataclass(frozen=True, slots=True)
class Palette:
    text: str
    background: str
    grid: str
    months: tuple[str, ...] = (
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    )  # fmt: skip
    # The months as they follow a day's number ("3 мая", not "3 май"); None: ``months``.
    day_months: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class Picture:
    """A chart drawn into RGBA pixels, for the GUI thread to show."""

    rgba: bytes
    width: int
    height: int
    axes: int  # how many axes were drawn: none means an empty figure


def _import_matplotlib() -> None:
    """Import matplotlib without two things these charts never use, which its import would
    otherwise do each time (measured with matplotlib 3.11, pinned in requirements.txt): the 3D
    toolkit (~30 ms; ``matplotlib.projections`` registers it only if its ``Axes3D`` is not
    None), and the list of properties written into the docstring of each artist class's ``set()``
    (~90 ms; help text only, read by no drawing code)."""
    if "matplotlib.figure" in sys.modules:
        return
    with _importing:  # one thread at a time puts kwdoc back as it found it
        if "matplotlib.figure" not in sys.modules:
            _import_without_extras()


_importing = threading.Lock()


def _import_without_extras() -> None:
    if "mpl_toolkits.mplot3d" not in sys.modules:
        # What matplotlib.projections finds when the toolkit is missing, without its warning.
        toolkit = types.ModuleType("mpl_toolkits.mplot3d", "Left out: no chart here is 3D.")
        toolkit.Axes3D = None  # type: ignore[attr-defined]
        sys.modules["mpl_toolkits.mplot3d"] = toolkit
    import matplotlib.artist

    kwdoc = matplotlib.artist.kwdoc
    matplotlib.artist.kwdoc = _no_property_list
    try:
        import matplotlib.backends.backend_agg
        import matplotlib.figure  # noqa: F401 - imported for its import's side
    finally:
        matplotlib.artist.kwdoc = kwdoc


def _no_property_list(artist: Any) -> str:
    return ""


# The Agg buffer a thread's figures draw into, kept for the next figure of the same size.
_buffers = threading.local()


@cache
def _canvas_class() -> Any:
    from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg

    class SharedBufferCanvas(FigureCanvasAgg):
        """Draws into the buffer of the last figure of this size drawn on this thread, not a
        new one: each figure's own (2 MiB a chart on screen, 8 MiB at twice the pixels) lived
        until its reference cycles were collected on the GUI thread, seconds later, so a page
        of charts held tens of MiB of buffers already copied out. A figure here is drawn once
        and its pixels copied (or written) at once, so none needs its buffer after that."""

        def get_renderer(self) -> Any:
            width, height = self.get_width_height(physical=True)
            key = (width, height, self.figure.dpi)
            held = getattr(_buffers, "renderer", None)
            if held is None or held[0] != key:
                held = _buffers.renderer = (key, RendererAgg(width, height, self.figure.dpi))
            self.renderer = held[1]
            return self.renderer

    return SharedBufferCanvas


def release_buffer() -> None:
    """Let go of this thread's Agg buffer (the charts are out of sight)."""
    _buffers.__dict__.pop("renderer", None)


def _figure(width: float, height: float, dpi: float) -> Any:
    _import_matplotlib()
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=dpi, layout="constrained")
    _canvas_class()(figure)
    return figure


def render(
    name: str,
    period: Period | None,
    view: ChartsView,
    palette: Palette,
    size: tuple[int, int],
    ratio: float = 1.0,
) -> Picture:
    """Draw one chart ``size`` logical pixels big, at ``ratio`` device pixels per pixel."""
    width, height = max(size[0], 50), max(size[1], 50)
    figure = _figure(width / 100, height / 100, 100 * ratio)
    draw_chart(name, period, figure, view, palette)
    figure.canvas.draw()
    pixels_wide, pixels_high = figure.canvas.get_width_height(physical=True)
    picture = Picture(
        bytes(figure.canvas.buffer_rgba()), pixels_wide, pixels_high, len(figure.axes)
    )
    _discard(figure)
    return picture


def _discard(figure: Any) -> None:
    """Take apart a figure drawn and copied out: with every artist's attributes let go, its
    objects are freed here and now by their reference counts. Left whole, a figure is 2,600 to
    11,000 objects in reference cycles (60,000 for a page of charts), freed only by the GUI
    thread's collector: 25-30 ms of its time, and 2-13 MiB held until then."""
    for artist in figure.findobj():
        artist.__dict__.clear()


PRINT = Palette(text="#1a1a1a", background="#ffffff", grid="#b0b0b0")


def svg(
    name: str,
    period: Period | None,
    view: ChartsView | WeeklyCounts,
    width: float,
    height: float,
    months: tuple[str, ...] | None = None,
    numbered: bool = False,
    day_months: tuple[str, ...] | None = None,
) -> bytes:
    """A chart for the printed report: SVG of ``width`` x ``height`` inches on white, its text
    kept as text (so it stays selectable and searchable in the PDF). ``numbered``: rows of
    questions are numbered, for a legend the report prints below in full."""
    _import_matplotlib()
    from matplotlib import rc_context

    palette = (
        PRINT
        if months is None
        else Palette(PRINT.text, PRINT.background, PRINT.grid, months, day_months)
    )
    with rc_context({"svg.fonttype": "none", "font.family": "DejaVu Sans"}):
        figure = _figure(width, height, 72)
        draw_chart(name, period, figure, view, palette, numbered)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg", facecolor=palette.background)
    _discard(figure)
    return buffer.getvalue()


def render_blank(size: tuple[int, int]) -> None:
    """An empty figure of ``size``: the floor under every chart (the benchmark's baseline)."""
    figure = _figure(size[0] / 100, size[1] / 100, 100)
    figure.canvas.draw()
    bytes(figure.canvas.buffer_rgba())
    _discard(figure)


def save(name: str, period: Period | None, view: ChartsView, palette: Palette, path: Path) -> None:
    """PNG or SVG by the file's suffix (SVG keeps the text as text), written whole or not at all."""
    figure = _figure(*SAVED_SIZE, SAVED_DPI)
    draw_chart(name, period, figure, view, palette)
    buffer = io.BytesIO()
    kind = "svg" if Path(path).suffix.lower() == ".svg" else "png"
    figure.savefig(buffer, format=kind, facecolor=figure.get_facecolor(), dpi=SAVED_DPI)
    _discard(figure)
    write_private_file(Path(path), buffer.getvalue())


def warm_up() -> None:
    """Import matplotlib before the first chart is asked for. (Its modules live as long as the
    app: ui.chart_view.warm_up sets them aside from collections.) No figure is drawn here: one
    drawn to load the fonts took ~40 ms and saved the first chart under 10, so it only delayed
    the first chart, whose data is read in less time than the import takes."""
    _import_matplotlib()


def tick_label(tick: DateTick, palette: Palette) -> str:
    month = palette.months[tick.day.month - 1]
    after_day = (palette.day_months or palette.months)[tick.day.month - 1]
    return {
        TickStyle.DAY_MONTH: f"{tick.day.day} {after_day}",
        TickStyle.MONTH: month,
        TickStyle.MONTH_YEAR: f"{month} {tick.day.year}",
        TickStyle.YEAR: str(tick.day.year),
    }[tick.style]


def _date_axis(axes: Any, first: date, last: date, palette: Palette, per: int = 1) -> None:
    """Label the x axis of days (``per`` = 1) or weeks (7) counted from ``first``."""
    ticks = date_ticks(first, last)
    axes.set_xticks(
        [tick.offset / per for tick in ticks], [tick_label(tick, palette) for tick in ticks]
    )


def _style(figure: Any, palette: Palette) -> None:
    figure.set_facecolor(palette.background)
    for axes in figure.axes:
        axes.set_facecolor(palette.background)
        axes.tick_params(colors=palette.text, labelsize=8)
        for spine in axes.spines.values():
            spine.set_color(palette.grid)
        axes.title.set_color(palette.text)
        axes.xaxis.label.set_color(palette.text)
        axes.yaxis.label.set_color(palette.text)


def _nan(values: list[float | None]) -> list[float]:
    # Gaps become NaN, which matplotlib leaves undrawn: a missing day is never a zero.
    return [math.nan if v is None else float(v) for v in values]


def _drawn(values: list[float]) -> bool:
    """Whether a series has a point to draw (gaps are NaN)."""
    return any(not math.isnan(value) for value in values)


def draw_comparison(figure: Any, view: ChartsView, period: Period, palette: Palette) -> None:
    from matplotlib.patches import Patch

    figure.clear()
    axes = figure.add_subplot()
    comparisons = view.comparisons[period]
    labels = {
        Period.DAY: (_("Yesterday"), _("Today"), _("Harder than yesterday")),
        Period.WEEK: (_("Last week"), _("This week"), _("Harder than last week")),
        Period.MONTH: (_("Last month"), _("This month"), _("Harder than last month")),
        Period.YEAR: (_("A year ago"), _("The last 30 days"), _("Harder than a year ago")),
    }[period]
    names = [view.names[c.dimension.uid] for c in comparisons]
    rows = list(range(len(comparisons)))
    before = [c.before if c.before is not None else 0 for c in comparisons]
    now = [c.now if c.now is not None else 0 for c in comparisons]
    axes.barh([r + 0.2 for r in rows], before, height=0.38, color=BEFORE)
    colours = [QUIET if c.verdict is Verdict.LOWER else NOW for c in comparisons]
    axes.barh([r - 0.2 for r in rows], now, height=0.38, color=colours)
    for row, comparison in zip(rows, comparisons, strict=True):
        mark = {Verdict.BETTER: "▲", Verdict.LOWER: "▽", Verdict.SAME: "=", Verdict.UNKNOWN: ""}[
            comparison.verdict
        ]
        if comparison.now is None:
            axes.text(0.1, row - 0.2, _("no rating"), va="center", fontsize=8, color=palette.text)
        else:
            axes.text(comparison.now + 0.15, row - 0.2, mark, va="center", color=palette.text)
    axes.set_yticks(rows, names)
    axes.invert_yaxis()
    axes.set_xlim(0, 10.8)
    axes.set_xticks(range(0, 11, 2))
    # The key names the colours, whatever the first bar happens to be.
    key = figure.legend(
        handles=[
            Patch(color=BEFORE, label=labels[0]),
            Patch(color=NOW, label=labels[1]),
            Patch(color=QUIET, label=labels[2]),
        ],
        loc="outside upper right",
        ncols=3,
        fontsize=8,
        frameon=False,
    )
    for text in key.get_texts():
        text.set_color(palette.text)
    _style(figure, palette)


def draw_trends(figure: Any, view: ChartsView, palette: Palette) -> None:
    figure.clear()
    dimensions = view.dimensions
    if not dimensions:
        return
    # Days are counted from the first one drawn: plain numbers draw much faster than dates,
    # and the labels come from date_ticks in the UI language.
    days = list(range((view.last - view.first).days + 1))
    axes_list = figure.subplots(len(dimensions), 1, sharex=True, squeeze=False)[:, 0]
    for axes, dimension, colour in zip(axes_list, dimensions, LINES, strict=False):
        daily = _nan(view.daily[dimension.uid])
        rolling = _nan(view.rolling[dimension.uid])
        # A line with no point at all is left out: matplotlib writes it into an SVG as a path
        # without data, which Qt's SVG renderer reports as "Invalid path data" (report charts).
        if len(days) <= DAILY_DOTS_UP_TO and _drawn(daily):
            # Over years the dots are a grey blur (and megabytes in a printed report): the
            # average alone tells the story there.
            axes.plot(
                days, daily, linestyle="none", marker=".", markersize=3, color=colour, alpha=0.35
            )
        if _drawn(rolling):
            axes.plot(days, rolling, color=colour, linewidth=1.8)
        axes.set_ylim(-0.5, 10.5)
        axes.set_yticks([0, 5, 10])
        title = view.names[dimension.uid]
        if dimension.lower_is_better:
            title += " " + _("(lower is better)")
        axes.set_title(title, fontsize=9, loc="left")
        axes.grid(axis="y", color=palette.grid, linewidth=0.5)
    axes_list[0].set_xlim(-0.5, days[-1] + 0.5)
    _date_axis(axes_list[-1], view.first, view.last, palette)
    figure.get_layout_engine().set(h_pad=0.02, hspace=0.02)
    _style(figure, palette)


def draw_yes(figure: Any, view: ChartsView, palette: Palette, numbered: bool = False) -> None:
    """Questions by week: the share of nights answered "yes"; weeks without answers left blank.
    ``numbered``: rows labelled 1, 2, … for a legend elsewhere, not by shortened questions."""
    import numpy as np
    from matplotlib.colors import LinearSegmentedColormap
    from matplotlib.patches import Patch

    figure.clear()
    questions = view.questions
    if not questions:
        return
    axes = figure.add_subplot()
    grid = np.array(
        [
            [math.nan if w.share is None else w.share for w in view.yes_weeks[q.uid]]
            for q in questions
        ]
    )
    # Each question in the colour of what its "yes" says: a good sign green, a harder day
    # orange (never an alarm red), the person's own questions blue; the stronger, the more
    # nights answered "yes".
    # Row by row, each in its own ramp: one mesh over every row with the other rows masked
    # writes those cells into the SVG as unfilled shapes, which Qt's PDF engine painted in
    # a flat colour over the rows of another ramp.
    ramps: dict[YesMeans, Any] = {}
    edges = np.arange(grid.shape[1] + 1) - 0.5
    for row, question in enumerate(questions):
        meaning = yes_means(question)
        if meaning not in ramps:
            colour = YES_COLOURS[meaning]
            ramps[meaning] = LinearSegmentedColormap.from_list(
                meaning.value, [_faint(colour, palette.background), colour]
            )
        axes.pcolormesh(
            edges,
            [row - 0.5, row + 0.5],
            np.ma.masked_invalid(grid[row : row + 1]),
            cmap=ramps[meaning],
            vmin=0,
            vmax=1,
        )
    axes.set_ylim(len(questions) - 0.5, -0.5)
    handles = [
        Patch(color=YES_COLOURS[meaning], label=_(YES_MEANS_WORDS[meaning]))
        for meaning in YES_COLOURS
        if meaning in ramps
    ]
    labels = [
        str(number) if numbered else shortened(view.names[q.uid], 38)
        for number, q in enumerate(questions, start=1)
    ]
    axes.set_yticks(range(len(questions)), labels)
    _week_axis(axes, view, palette)
    key = figure.legend(
        handles=handles,
        loc="outside upper right",
        ncols=len(handles),
        fontsize=8,
        frameon=False,
        title=_('the stronger the colour, the more nights answered "yes"'),
        title_fontsize=8,
    )
    for text in [*key.get_texts(), key.get_title()]:
        text.set_color(palette.text)
    _style(figure, palette)


def _faint(colour: str, background: str, share: float = 0.15) -> str:
    """``colour`` at ``share`` of its strength over ``background``: a week with no "yes"."""
    from matplotlib.colors import to_hex, to_rgb

    ink, paper = to_rgb(colour), to_rgb(background)
    red, green, blue = (p + share * (i - p) for i, p in zip(ink, paper, strict=True))
    return to_hex((red, green, blue))


def _cells(axes: Any, grid: Any, cmap: Any) -> Any:
    """A grid of coloured cells centred on whole numbers, first row on top; NaN cells stay
    empty. Drawn as shapes (pcolormesh), so a printed chart stays vector, not a picture."""
    import numpy as np

    rows, columns = grid.shape
    mesh = axes.pcolormesh(
        np.arange(columns + 1) - 0.5,
        np.arange(rows + 1) - 0.5,
        np.ma.masked_invalid(grid),
        cmap=cmap,
        vmin=0,
        vmax=1,
    )
    axes.set_ylim(rows - 0.5, -0.5)
    return mesh


def _week_axis(axes: Any, view: ChartsView, palette: Palette) -> None:
    # Column n is the week starting on the Monday n weeks after the first day's Monday.
    first_monday = view.first - timedelta(days=view.first.weekday())
    _date_axis(axes, first_monday, view.last, palette, per=7)


def draw_heat(figure: Any, view: ChartsView, palette: Palette) -> None:
    """Weeks left to right, Monday to Sunday top to bottom: a review, no review, or outside."""
    import numpy as np
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    figure.clear()
    axes = figure.add_subplot()
    cells = np.array([[math.nan if c is None else float(c) for c in week] for week in view.heat]).T
    colours = ListedColormap([palette.grid, NOW])
    _cells(axes, cells, colours)
    axes.set_yticks(range(7), [_("Mon"), "", _("Wed"), "", _("Fri"), "", _("Sun")])
    _week_axis(axes, view, palette)
    key = figure.legend(
        handles=[
            Patch(color=NOW, label=_("a review written")),
            Patch(color=palette.grid, label=_("no review")),
        ],
        loc="outside upper right",
        ncols=2,
        fontsize=8,
        frameon=False,
    )
    for text in key.get_texts():
        text.set_color(palette.text)
    _style(figure, palette)


def draw_clean_runs(figure: Any, view: ChartsView, palette: Palette) -> None:
    figure.clear()
    axes = figure.add_subplot()
    runs = view.clean_runs
    starts = [start for run in runs for start, _end in run.periods]
    origin = min(starts, default=view.first)

    def x(day: date) -> float:
        return float((day - origin).days)

    for row, run in enumerate(runs):
        spans = [(x(start), max(1.0, x(end) - x(start))) for start, end in run.periods]
        # An edge in the background colour keeps the day of a slip visible between two runs.
        axes.broken_barh(
            spans, (row - 0.2, 0.4), facecolor=BETTER, edgecolor=palette.background, linewidth=2
        )
        for start, end in run.periods:
            axes.annotate(
                ngettext("{n} day", "{n} days", (end - start).days).format(n=(end - start).days),
                (x(end), row - 0.25),
                ha="right",
                va="bottom",
                fontsize=8,
                color=palette.text,
            )
        marks = [x(day) for day in run.milestones]
        axes.plot(marks, [row + 0.3] * len(marks), "^", markersize=7, color=palette.text)
    if not runs:
        axes.text(
            0.5,
            0.5,
            view.words.no_date_runs,
            ha="center",
            va="center",
            wrap=True,
            color=palette.text,
            transform=axes.transAxes,
        )
        axes.set_axis_off()
    axes.set_yticks(range(len(runs)), [r.name or view.words.time for r in runs])
    axes.set_ylim(max(len(runs), 3) - 0.2, -0.8)  # thin bars, first clean date on top
    axes.set_xlim(-1, x(view.today) + 1)
    _date_axis(axes, origin, view.today, palette)
    axes.set_title(view.words.runs_title, fontsize=9, loc="left")
    _style(figure, palette)


def draw_weekly(figure: Any, counts: WeeklyCounts, palette: Palette) -> None:
    """A count for each week as steps (a bar a week would be hundreds of shapes over years),
    with a dashed line at the average, labelled."""
    figure.clear()
    axes = figure.add_subplot()
    values = counts.counts
    weeks = len(values)
    # One filled outline (``stairs``), not a bar a week: fast to build and light in a PDF.
    axes.stairs(values, [n - 0.5 for n in range(weeks + 1)], fill=True, color=NOW, alpha=0.8)
    average = counts.mean
    if average:
        axes.axhline(average, color=palette.text, linewidth=0.8, linestyle="--")
        # Its words at the right end of the line, on a patch of the background so that the
        # bars under them do not blur them.
        axes.annotate(
            counts.average,
            (1.0, average),
            xycoords=("axes fraction", "data"),
            xytext=(-3, 2),
            textcoords="offset points",
            ha="right",
            va="bottom",
            fontsize=8,
            color=palette.text,
            bbox={"facecolor": palette.background, "edgecolor": "none", "pad": 1.0},
        )
    axes.set_xlim(-0.5, weeks - 0.5)
    axes.set_ylim(0, max(max(values, default=0), 1) * 1.15)
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.grid(axis="y", color=palette.grid, linewidth=0.5)
    _date_axis(axes, counts.first, counts.last, palette, per=7)
    axes.set_title(counts.title, fontsize=9, loc="left")
    _style(figure, palette)


def draw_chart(
    name: str,
    period: Period | None,
    figure: Any,
    view: ChartsView | WeeklyCounts,
    palette: Palette,
    numbered: bool = False,
) -> None:
    """Draw the chart of one tab: a comparison of ``period``, or the chart called ``name``."""
    _import_matplotlib()
    from matplotlib import rc_context

    # The names are the person's own words: "Spent $5 or $10" is text, not mathematics (drawn
    # as maths, an odd dollar sign made the whole chart fail).
    # Every title in the text's colour: _style recolours the centred one, and those set at the
    # left (the scales of the trends, the clean runs, the weekly counts) were left black, which
    # the dark theme drew black on dark grey.
    with rc_context({"text.parse_math": False, "axes.titlecolor": palette.text}):
        if isinstance(view, WeeklyCounts):
            draw_weekly(figure, view, palette)
        elif period is not None:
            draw_comparison(figure, view, period, palette)
        elif name == "yes_answers":
            draw_yes(figure, view, palette, numbered)
        else:
            drawers = {
                "trends": draw_trends,
                "calendar": draw_heat,
                "clean_time": draw_clean_runs,
            }
            drawers[name](figure, view, palette)
