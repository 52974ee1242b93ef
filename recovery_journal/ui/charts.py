"""The charts of "Better than yesterday", drawn with matplotlib's Figure (never pyplot).

The only module that imports matplotlib, and only inside its functions: the import costs about
half a second and 70 MiB, so it happens when the page is first opened, not at start.
Colours are the Okabe-Ito set (safe for colour-blind readers); a harder day is drawn in a quiet
tone, never an alarm red. Text and background follow the Qt palette (light and dark themes).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from recovery_journal.domain.trends import Period, Verdict
from recovery_journal.i18n import _, ngettext
from recovery_journal.services.trends import ChartsView

NOW = "#0072B2"  # Okabe-Ito blue
BEFORE = "#999999"
BETTER = "#009E73"  # bluish green
QUIET = "#E69F00"  # orange: "a harder day", not an alarm
LINES = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")


@dataclass(frozen=True, slots=True)
class Palette:
    text: str
    background: str
    grid: str


def make_canvas(parent: Any = None) -> Any:
    """A Qt widget holding an empty Figure."""
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    from matplotlib.figure import Figure

    canvas = FigureCanvasQTAgg(Figure(figsize=(7, 4), layout="constrained"))
    canvas.setParent(parent)
    return canvas


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


def draw_comparison(figure: Any, view: ChartsView, period: Period, palette: Palette) -> None:
    figure.clear()
    axes = figure.add_subplot()
    comparisons = view.comparisons[period]
    labels = {
        Period.DAY: (_("Yesterday"), _("Today")),
        Period.WEEK: (_("Last week"), _("This week")),
        Period.MONTH: (_("Last month"), _("This month")),
        Period.YEAR: (_("A year ago"), _("The last 30 days")),
    }[period]
    names = [view.names[c.dimension.uid] for c in comparisons]
    rows = list(range(len(comparisons)))
    before = [c.before if c.before is not None else 0 for c in comparisons]
    now = [c.now if c.now is not None else 0 for c in comparisons]
    axes.barh([r + 0.2 for r in rows], before, height=0.38, color=BEFORE, label=labels[0])
    colours = [QUIET if c.verdict is Verdict.LOWER else NOW for c in comparisons]
    axes.barh([r - 0.2 for r in rows], now, height=0.38, color=colours, label=labels[1])
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
    legend = axes.legend(loc="lower right", fontsize=8, frameon=False)
    for text in legend.get_texts():
        text.set_color(palette.text)
    _style(figure, palette)


def _dates(view: ChartsView) -> list[date]:
    return [view.first + timedelta(days=n) for n in range((view.last - view.first).days + 1)]


def draw_trends(figure: Any, view: ChartsView, palette: Palette) -> None:
    figure.clear()
    dimensions = view.dimensions
    if not dimensions:
        return
    days = _dates(view)
    axes_list = figure.subplots(len(dimensions), 1, sharex=True, squeeze=False)[:, 0]
    for axes, dimension, colour in zip(axes_list, dimensions, LINES, strict=False):
        daily = _nan(view.daily[dimension.uid])
        rolling = _nan(view.rolling[dimension.uid])
        axes.plot(days, daily, linestyle="none", marker=".", markersize=3, color=colour, alpha=0.35)
        axes.plot(days, rolling, color=colour, linewidth=1.8)
        axes.set_ylim(-0.5, 10.5)
        axes.set_yticks([0, 5, 10])
        title = view.names[dimension.uid]
        if dimension.lower_is_better:
            title += " " + _("(lower is better)")
        axes.set_title(title, fontsize=9, loc="left")
        axes.grid(axis="y", color=palette.grid, linewidth=0.5)
    figure.get_layout_engine().set(h_pad=0.02, hspace=0.02)
    _style(figure, palette)


def draw_yes(figure: Any, view: ChartsView, palette: Palette) -> None:
    """Questions by week: the share of nights answered "yes"; weeks without answers left blank."""
    import numpy as np

    figure.clear()
    questions = view.questions
    if not questions:
        return
    axes = figure.add_subplot()
    weeks = view.yes_weeks[questions[0].uid]
    grid = np.array(
        [
            [math.nan if w.share is None else w.share for w in view.yes_weeks[q.uid]]
            for q in questions
        ]
    )
    image = axes.imshow(
        grid, aspect="auto", cmap="cividis", vmin=0, vmax=1, interpolation="nearest"
    )
    axes.set_yticks(range(len(questions)), [_short(view.names[q.uid]) for q in questions])
    step = _tick_step(len(weeks))
    axes.set_xticks(
        range(0, len(weeks), step), [w.week.strftime("%d.%m.%y") for w in weeks[::step]]
    )
    bar = figure.colorbar(image, ax=axes, fraction=0.04)
    bar.set_label(_('share of nights answered "yes"'), color=palette.text, fontsize=8)
    bar.ax.tick_params(colors=palette.text, labelsize=8)
    _style(figure, palette)


def _tick_step(count: int, labels: int = 6) -> int:
    """Every how many columns a date label goes, so that about ``labels`` fit without overlap."""
    return max(1, math.ceil(count / labels))


def _short(text: str, limit: int = 38) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def draw_heat(figure: Any, view: ChartsView, palette: Palette) -> None:
    """Weeks left to right, Monday to Sunday top to bottom: a review, no review, or outside."""
    import numpy as np
    from matplotlib.colors import ListedColormap

    figure.clear()
    axes = figure.add_subplot()
    cells = np.array([[math.nan if c is None else float(c) for c in week] for week in view.heat]).T
    colours = ListedColormap([palette.grid, NOW])
    axes.imshow(cells, aspect="auto", cmap=colours, vmin=0, vmax=1, interpolation="nearest")
    axes.set_yticks(range(7), [_("Mon"), "", _("Wed"), "", _("Fri"), "", _("Sun")])
    weeks = len(view.heat)
    step = _tick_step(weeks)
    first_monday = view.first - timedelta(days=view.first.weekday())
    axes.set_xticks(
        range(0, weeks, step),
        [(first_monday + timedelta(weeks=n)).strftime("%d.%m.%y") for n in range(0, weeks, step)],
    )
    _style(figure, palette)


def draw_clean_runs(figure: Any, view: ChartsView, palette: Palette) -> None:
    from matplotlib.dates import date2num

    figure.clear()
    axes = figure.add_subplot()
    for row, run in enumerate(view.clean_runs):
        spans = [
            (date2num(start), max(1.0, float((end - start).days))) for start, end in run.periods
        ]
        axes.broken_barh(spans, (row - 0.2, 0.4), color=BETTER)
        for start, end in run.periods:
            axes.annotate(
                ngettext("{n} day", "{n} days", (end - start).days).format(n=(end - start).days),
                (date2num(end), row - 0.25),
                ha="right",
                va="bottom",
                fontsize=8,
                color=palette.text,
            )
        marks = [date2num(day) for day in run.milestones]
        axes.plot(marks, [row + 0.3] * len(marks), "^", markersize=7, color=palette.text)
    axes.set_yticks(
        range(len(view.clean_runs)), [r.name or _("Clean time") for r in view.clean_runs]
    )
    axes.set_ylim(len(view.clean_runs) - 0.2, -0.8)  # thin bars, first clean date on top
    axes.xaxis_date()
    axes.set_title(_("Runs of clean time; ▲ a milestone reached"), fontsize=9, loc="left")
    _style(figure, palette)


def draw_chart(
    name: str, period: Period | None, figure: Any, view: ChartsView, palette: Palette
) -> None:
    """Draw the chart of one tab: a comparison of ``period``, or the chart called ``name``."""
    if period is not None:
        draw_comparison(figure, view, period, palette)
        return
    drawers = {
        "trends": draw_trends,
        "yes_answers": draw_yes,
        "calendar": draw_heat,
        "clean_time": draw_clean_runs,
    }
    drawers[name](figure, view, palette)


def save_figure(figure: Any, path: str) -> None:
    """PNG or SVG by the file's suffix; SVG keeps the text as text."""
    figure.savefig(path, facecolor=figure.get_facecolor(), dpi=150)
