"""The "Better than yesterday" page: the person compared only with who they were before.

matplotlib is imported on the charts thread the first time the page is shown, while the data is
read on the vault worker; each chart is drawn on the charts thread when its tab is first looked
at (ui.chart_view), so the window never waits for either.
"""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from recovery_journal.domain.trends import Period
from recovery_journal.i18n import _
from recovery_journal.services.changes import Changes
from recovery_journal.services.trends import (
    ChartRange,
    ChartsView,
    chart_words,
    comparison_words,
    load_charts,
    sentence,
)
from recovery_journal.ui.bridge import when_done
from recovery_journal.ui.chart_view import ChartView, release_memory, warm_up
from recovery_journal.ui.dates import day_month_names, month_names
from recovery_journal.ui.file_dialogs import FileKind, save_file_name
from recovery_journal.ui.labels import heading, wrapped
from recovery_journal.ui.messages import error_sentence
from recovery_journal.ui.operations import Operations


class ChartTab(QWidget):
    """Sentences above one chart, and a button that saves the chart as PNG or SVG."""

    def __init__(self, name: str, period: Period | None) -> None:
        super().__init__()
        self.setObjectName(name)
        self.period = period
        self.sentences = wrapped()
        self.sentences.setObjectName("sentences")
        self.chart = ChartView(name, period)
        self.chart.setAccessibleName(_("Chart"))
        self.save_button = QPushButton(_("Save chart…"))
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save)
        self.chart.painted.connect(lambda: self.save_button.setEnabled(True))
        # With too little to draw (one night, nothing a year ago) the sentence stands alone.
        self.words_only = False
        self.sentences.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout = self._column = QVBoxLayout(self)
        layout.addWidget(self.sentences)
        layout.addWidget(self.chart, stretch=1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_button)
        layout.addLayout(row)

    def show_words(self, sentences: str, words_only: bool) -> None:
        """The sentences above the chart, or, with ``words_only``, in its place."""
        self.sentences.setText(sentences)
        self.words_only = words_only
        self.chart.setVisible(not words_only)
        self.save_button.setVisible(not words_only)
        self._column.setStretchFactor(self.sentences, 1 if words_only else 0)

    @property
    def drawn_for(self) -> ChartsView | None:
        """The view this tab was last asked to draw."""
        return self.chart.view

    def draw(self, view: ChartsView, palette: Any) -> None:
        self.chart.show_chart(view, palette)

    def forget(self) -> None:
        """Let the chart's picture go; it is drawn again when next asked for."""
        self.chart.forget()
        self.save_button.setEnabled(False)

    def save(self) -> None:
        if self.chart.view is None:
            return
        target = save_file_name(
            self,
            FileKind.CHART,
            _("Save chart"),
            f"{self.objectName()}.png",
            _("PNG image (*.png);;SVG drawing (*.svg)"),
        )
        if target is None:
            return
        if target.suffix.lower() not in (".png", ".svg"):
            target = target.with_name(target.name + ".png")

        def failed(error: BaseException) -> None:
            if shiboken6.isValid(self):
                QMessageBox.warning(
                    self,
                    _("Save chart"),
                    _("The chart could not be saved: {reason}").format(
                        reason=error_sentence(error)
                    ),
                )

        when_done(self.chart.save(target), None, failed)


# How long after the page is left the pictures of its hidden tabs go (not at once: a person
# glancing at another page and coming back finds every tab drawn).
RELEASE_AFTER_MS = 2000


class ChartsPage(QWidget):
    open_review = Signal()

    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._operations = operations
        self.view: ChartsView | None = None
        self._warmed = False
        self._release = QTimer(self)
        self._release.setSingleShot(True)
        self._release.setInterval(RELEASE_AFTER_MS)
        self._release.timeout.connect(self._let_go)

        self.range = QComboBox()
        self.range.setObjectName("chart_range")
        self.range.setAccessibleName(_("Range of the charts"))
        for chart_range, text in (
            (ChartRange.DAYS_30, _("Last 30 days")),
            (ChartRange.DAYS_90, _("Last 90 days")),
            (ChartRange.YEAR, _("Last year")),
            (ChartRange.EVERYTHING, _("Everything")),
        ):
            self.range.addItem(text, chart_range)
        self.range.setCurrentIndex(1)
        self.range.activated.connect(lambda _index: self.reload())
        range_label = QLabel(_("&Range:"))
        range_label.setBuddy(self.range)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("chart_tabs")
        self.tabs.tabBar().setAccessibleName(_("Charts"))
        self.chart_tabs: list[tuple[ChartTab, Period | None]] = []
        for name, title, period in self._chart_kinds():
            tab = ChartTab(name, period)
            tab.chart.painted.connect(self._draw_next_hidden)
            self.chart_tabs.append((tab, period))
            self.tabs.addTab(tab, title)
        self.tabs.currentChanged.connect(lambda _index: self._draw_current())

        invitation = QWidget()
        invitation_layout = QVBoxLayout(invitation)
        invitation_layout.addWidget(
            wrapped(
                _(
                    "Nothing to compare yet. Write tonight's review — a couple of minutes — and "
                    "from tomorrow this page shows how you are changing, compared only with "
                    "yourself."
                )
            )
        )
        write = QPushButton(_("Write tonight's review"))
        write.clicked.connect(self.open_review)
        invitation_layout.addWidget(write)
        invitation_layout.addStretch(1)
        self.invitation = invitation
        self.stack = QStackedWidget()
        self.stack.addWidget(self.tabs)
        self.stack.addWidget(invitation)

        top = QHBoxLayout()
        top.addWidget(heading(_("Better than yesterday")), stretch=1)
        top.addWidget(range_label)
        top.addWidget(self.range)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addLayout(top)
        layout.addWidget(
            wrapped(
                _("Only you, compared with who you were before. Gaps are days without a review.")
            )
        )
        layout.addWidget(self.stack, stretch=1)
        self._use_words()
        operations.settings.read.connect(self._use_words)
        operations.changed.connect(self._on_changed)
        operations.day.turned.connect(self._day_turned)

    def _use_words(self) -> None:
        """The runs chart's tab is named in the programme's words."""
        self.tabs.setTabText(self.tabs.count() - 1, self._operations.settings.words().time)

    @staticmethod
    def _chart_kinds() -> list[tuple[str, str, Period | None]]:
        """(name, tab title, compared period or None) for each chart."""
        return [
            ("today", _("Today"), Period.DAY),
            ("week", _("This week"), Period.WEEK),
            ("month", _("This month"), Period.MONTH),
            ("year_ago", _("A year ago"), Period.YEAR),
            ("trends", _("Trends"), None),
            ("yes_answers", _("Yes answers"), None),
            ("calendar", _("Calendar"), None),
            ("clean_time", "", None),  # named by the programme: _use_words
        ]

    def palette_for_charts(self) -> Any:
        from recovery_journal.ui.charts import Palette

        palette = self.palette()
        return Palette(
            text=palette.color(QPalette.ColorRole.WindowText).name(),
            background=palette.color(QPalette.ColorRole.Window).name(),
            grid=palette.color(QPalette.ColorRole.Mid).name(),
            months=month_names(),
            day_months=day_month_names(),
        )

    # --- loading and drawing ---------------------------------------------------------------------

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._release.stop()
        if self.view is None:
            if not self._warmed:
                self._warmed = True
                warm_up()  # matplotlib loads on its own thread while the data is read
            self.reload()
        else:
            self._draw_next_hidden()  # the tabs let go of while the page was out of sight

    def hideEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        super().hideEvent(event)
        if self._warmed:
            self._release.start()

    def _let_go(self) -> None:
        """Out of sight for a while: the pictures of the tabs not in view go (2 MiB each, 8 at
        twice the pixels), to be drawn again in the background when the page is next shown;
        the one in view stays, to be there at once."""
        current = self.tabs.currentWidget()
        for tab, _period in self.chart_tabs:
            if tab is not current:
                tab.forget()
        release_memory()

    def reload(self) -> None:
        for tab, _period in self.chart_tabs:
            tab.chart.cancel()  # pictures of the old data: no use drawing them now
        chart_range = self.range.currentData()
        now = self._operations.day.now()
        self._operations.run(
            lambda vault: load_charts(vault, chart_range, now=now), self._show, owner=self
        )

    def _on_changed(self, changes: Changes) -> None:
        if (changes.daily or changes.settings) and self.view is not None:
            self._read_again()

    def _day_turned(self) -> None:
        # "Today" and "yesterday" move on with the person's day, not at midnight.
        if self.view is not None and self.view.today != self._operations.day.today():
            self._read_again()

    def _read_again(self) -> None:
        if self.isVisible():
            self.reload()
        else:
            self.view = None  # read again when the page is next shown

    def _show(self, view: ChartsView) -> None:
        self.view = view
        self.stack.setCurrentWidget(self.invitation if view.empty else self.tabs)
        for tab, period in self.chart_tabs:
            words = self._words(view, tab.objectName(), period)
            if words:
                tab.show_words(words, words_only=True)
            elif period is not None:
                tab.show_words(self._sentences(view, period), words_only=False)
            else:
                tab.show_words("", words_only=False)
        if not view.empty:
            self._draw_current()

    @staticmethod
    def _words(view: ChartsView, name: str, period: Period | None) -> str:
        """What a chart that would show next to nothing says instead of drawing."""
        if period is not None:
            return comparison_words(view, period)
        return chart_words(view, name)

    def _sentences(self, view: ChartsView, period: Period) -> str:
        return "\n".join(
            sentence(comparison, view.names[comparison.dimension.uid], period)
            for comparison in view.comparisons[period]
        )

    def _draw_current(self) -> None:
        view = self.view
        if view is None or view.empty:
            return
        tab, _period = self.chart_tabs[self.tabs.currentIndex()]
        if tab.words_only:
            self._draw_next_hidden()  # nothing to draw here: the other tabs may start
        elif tab.drawn_for is not view:
            tab.draw(view, self.palette_for_charts())

    def _draw_next_hidden(self) -> None:
        """Once the chart in view is painted, draw the other tabs one by one in the background,
        so switching tabs shows a finished chart at once."""
        view = self.view
        if view is None or view.empty or not self.isVisible():
            return
        current, _period = self.chart_tabs[self.tabs.currentIndex()]
        if not current.words_only and current.chart.painted_for is not view:
            return
        for tab, _period in self.chart_tabs:
            if not tab.words_only and tab.drawn_for is not view:
                # A tab never shown has no size yet: give it the one it will have when shown.
                tab.resize(current.size())
                if (layout := tab.layout()) is not None:
                    layout.activate()
                tab.draw(view, self.palette_for_charts())
                return
