"""A chart on screen: drawn on the charts thread, shown by the GUI thread as a picture.

matplotlib runs on one thread of its own (it is not thread-safe, and one thread is all it
needs), so neither its import nor a ten-year chart ever stalls the window. A newer request for
the same chart makes an older one still waiting in the queue a no-op.
"""

from __future__ import annotations

import sys
from concurrent.futures import Future, ThreadPoolExecutor
from functools import cache
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from recovery_journal.domain.trends import Period
from recovery_journal.i18n import _
from recovery_journal.services.trends import ChartsView
from recovery_journal.ui.bridge import own_thread, run_off_gui, when_done
from recovery_journal.ui.garbage import return_freed_memory, set_aside_after

RESIZE_PAUSE_MS = 150  # redraw once the person stops resizing, not at every step
# The longest the GUI thread waits for the GIL while the charts thread holds it (Python's
# default is 5 ms). Each Qt event with Python in it waits once, several a frame: with the
# default, the window stood still 50-90 ms at a time while charts were drawn, though it used
# under 5 ms of processor in that time (measured on 2 cores); at 1 ms, about half that.
GIL_SWITCH_S = 0.001


def charts_thread() -> ThreadPoolExecutor:
    return own_thread("charts")


@cache
def warm_up() -> Future[None]:
    """Import matplotlib on the charts thread; the page asks for this when first shown. What the
    import makes lives as long as the app: set aside from collections once it is over. From now
    on the GUI thread waits for the GIL at most GIL_SWITCH_S. Once: later calls return the same
    future (the main window asks too, when the pointer rests on the charts' row)."""

    def job() -> None:
        from recovery_journal.ui import charts

        charts.warm_up()

    sys.setswitchinterval(min(sys.getswitchinterval(), GIL_SWITCH_S))
    future = run_off_gui(charts_thread(), job)
    set_aside_after(future)
    return future


def release_memory() -> None:
    """Once the charts are out of sight: the charts thread lets go of its drawing buffer, then
    what was freed goes back to the system (ui.garbage.return_freed_memory)."""
    if "recovery_journal.ui.charts" not in sys.modules:
        return  # nothing was ever drawn

    def job() -> None:
        from recovery_journal.ui import charts

        charts.release_buffer()

    when_done(run_off_gui(charts_thread(), job), lambda _done: return_freed_memory())


class ChartView(QWidget):
    """One chart: its picture scaled to the widget until the redraw at the new size arrives."""

    painted = Signal()

    def __init__(self, name: str, period: Period | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.period = period
        self.view: ChartsView | None = None
        self.palette_for_charts: Any = None
        self.painted_for: ChartsView | None = None  # the view of the picture shown
        self.axes = 0  # how many axes the shown picture has
        self._pixmap: QPixmap | None = None
        self._failed = False
        self._asked_size = (0, 0)
        self._shown_ticket = -1
        self._ticket = [0]  # a list, so the charts thread reads it without touching the widget
        self._resized = QTimer(self)
        self._resized.setSingleShot(True)
        self._resized.setInterval(RESIZE_PAUSE_MS)
        self._resized.timeout.connect(self._request)
        self.setMinimumHeight(260)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def show_chart(self, view: ChartsView, palette: Any) -> None:
        self.view = view
        self.palette_for_charts = palette
        self._request()

    @property
    def up_to_date(self) -> bool:
        """The picture shown is the last one asked for, and no redraw is waiting."""
        return (
            self._shown_ticket == self._ticket[0]
            and not self._resized.isActive()
            and self._asked_size == (self.width(), self.height())
        )

    def cancel(self) -> None:
        """Drop a drawing still waiting in the queue; the picture shown stays."""
        self._ticket[0] += 1

    def forget(self) -> None:
        """Let the picture go, and any drawing still waiting: drawn again when next asked for."""
        self.cancel()
        self.view = self.painted_for = self._pixmap = None
        self.axes, self._failed = 0, False
        self.update()

    def _request(self) -> None:
        view, palette = self.view, self.palette_for_charts
        if view is None:
            return
        self._ticket[0] += 1
        ticket, mine = self._ticket, self._ticket[0]
        name, period = self.name, self.period
        size = self._asked_size = (self.width(), self.height())
        ratio = self.devicePixelRatioF()

        def job() -> Any:
            if ticket[0] != mine:
                return None  # a newer request is behind this one
            from recovery_journal.ui import charts

            return charts.render(name, period, view, palette, size, ratio)

        def arrived(picture: Any) -> None:
            if picture is None or not shiboken6.isValid(self) or self._ticket[0] != mine:
                return
            image = QImage(
                picture.rgba, picture.width, picture.height, QImage.Format.Format_RGBA8888
            )
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(ratio)
            self._pixmap, self._failed, self._shown_ticket = pixmap, False, mine
            self.painted_for, self.axes = view, picture.axes
            self.update()
            self.painted.emit()

        def failed(error: BaseException) -> None:
            if shiboken6.isValid(self) and self._ticket[0] == mine:
                from recovery_journal.ui.messages import error_sentence

                error_sentence(error)  # the traceback goes to stderr for the developer
                self._pixmap, self._failed = None, True
                self.painted_for = view
                self.update()
                self.painted.emit()

        when_done(run_off_gui(charts_thread(), job), arrived, failed)

    def save(self, path: Path) -> Future[None]:
        """Save the chart (PNG or SVG by suffix) on the charts thread."""
        view, palette, name, period = self.view, self.palette_for_charts, self.name, self.period
        assert view is not None

        def job() -> None:
            from recovery_journal.ui import charts

            charts.save(name, period, view, palette, path)

        return run_off_gui(charts_thread(), job)

    # --- Qt ----------------------------------------------------------------------------------

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        # Qt also sends one when a widget sized while hidden is first shown: same size, no redraw.
        if self.view is not None and self._asked_size != (self.width(), self.height()):
            self._resized.start()

    def paintEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        try:
            if self._pixmap is not None:
                painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
                painter.drawPixmap(self.rect(), self._pixmap)
            elif self.view is not None:
                text = (
                    _("This chart could not be drawn. Your entries are safe.")
                    if self._failed
                    else _("Drawing the chart…")
                )
                painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, text)
        finally:
            painter.end()
