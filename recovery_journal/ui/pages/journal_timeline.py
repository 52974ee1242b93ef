"""The journal's left side: the day picker, Today and New entry, and the timeline of every day
with entries, newest first (a sentence in its place while no day has any).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from recovery_journal.i18n import _, ngettext
from recovery_journal.services.journal import Timeline
from recovery_journal.ui.dates import DateEdit, compact_date_text
from recovery_journal.ui.labels import heading, wrapped
from recovery_journal.ui.widgets import qdate

DAY_ROLE = Qt.ItemDataRole.UserRole  # a timeline row's day, as ISO text


class TimelinePanel(QWidget):
    """Where the person picks the day shown; the page opens it and starts new entries."""

    day_chosen = Signal(object)  # the day to show: a date, or None for today

    def __init__(self, day: date, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._days: tuple[tuple[date, int], ...] | None = None  # the rows shown, as loaded

        title = heading(_("Journal"))

        day_label = QLabel(_("&Day"))
        self.date_edit = DateEdit(day, latest=today)
        self.date_edit.setObjectName("journal_date")
        self.date_edit.setAccessibleName(_("Day to show"))
        self.date_edit.dateChanged.connect(
            lambda _value: self.day_chosen.emit(self.date_edit.day())
        )
        day_label.setBuddy(self.date_edit)
        self.today_button = QPushButton(_("T&oday"))
        self.today_button.setObjectName("journal_today")
        self.today_button.setAccessibleName(_("Go to today"))
        self.today_button.clicked.connect(lambda: self.day_chosen.emit(None))
        self.new_button = QPushButton(_("&New entry"))
        self.new_button.setObjectName("new_entry")
        self.new_button.setAccessibleName(_("New entry"))
        self.new_button.setToolTip(_("A new entry on the day shown (Ctrl+N)"))
        self.new_button.setEnabled(False)  # until the day has loaded (on first show)

        timeline_label = QLabel(_("&Timeline"))
        self.timeline = QListWidget()
        self.timeline.setObjectName("timeline")
        self.timeline.setAccessibleName(_("Days with entries, newest first"))
        self.timeline.setUniformItemSizes(True)
        self.timeline.currentItemChanged.connect(self._chosen)
        timeline_label.setBuddy(self.timeline)
        # In the list's place while no day has entries: a sentence that wraps, where a list
        # item was cut off and scrolled sideways.
        self.timeline_empty = wrapped(_("Nothing yet. The days you write about will appear here."))
        self.timeline_empty.setObjectName("timeline_empty")
        self.timeline_empty.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.timeline_empty.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.addWidget(title)
        day_row = QHBoxLayout()
        day_row.addWidget(day_label)
        day_row.addWidget(self.date_edit, stretch=1)
        layout.addLayout(day_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.today_button)
        buttons.addWidget(self.new_button)
        layout.addLayout(buttons)
        layout.addSpacing(8)
        layout.addWidget(timeline_label)
        layout.addWidget(self.timeline, stretch=1)
        layout.addWidget(self.timeline_empty, stretch=1)

    def show_day(self, day: date, today: date) -> None:
        """The picker on the day shown, which may be later than today (a day boundary moved)."""
        self.date_edit.blockSignals(True)
        self.date_edit.setMaximumDate(qdate(max(today, day)))
        self.date_edit.setDate(qdate(day))
        self.date_edit.blockSignals(False)

    def show_days(self, timeline: Timeline, day: date) -> None:
        """The days with entries, the day shown chosen among them."""
        if timeline.days != self._days:
            # Rebuilt only when a day gains or loses entries: not after every autosave.
            self._days = timeline.days
            self.timeline.blockSignals(True)
            self.timeline.clear()
            for shown, count in timeline.days:
                text = ngettext("{day} · {n} entry", "{day} · {n} entries", count).format(
                    day=compact_date_text(shown), n=count
                )
                item = QListWidgetItem(text)
                item.setData(DAY_ROLE, shown.isoformat())
                self.timeline.addItem(item)
            self.timeline.setVisible(bool(timeline.days))
            self.timeline_empty.setVisible(not timeline.days)
            self.timeline.blockSignals(False)
        self._select(day)

    def _select(self, day: date) -> None:
        self.timeline.blockSignals(True)
        wanted = day.isoformat()
        for row in range(self.timeline.count()):
            item = self.timeline.item(row)
            if item.data(DAY_ROLE) == wanted:
                self.timeline.setCurrentItem(item)
                break
        else:
            self.timeline.setCurrentRow(-1)
        self.timeline.blockSignals(False)

    def _chosen(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        # Tabbing into the list makes its first row current without choosing it: only a chosen
        # (selected) day is opened.
        if item is None or not item.isSelected():
            return
        value = item.data(DAY_ROLE)
        if isinstance(value, str):
            self.day_chosen.emit(date.fromisoformat(value))
