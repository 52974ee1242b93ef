"""The journal's right side: the day shown, with its note from the Today page, its entries, the
entry being written (and the bar that offers Undo above it), and what was written on the same
date in earlier years.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from recovery_journal.domain.journal import JournalEntry, plain_text
from recovery_journal.i18n import _, ngettext
from recovery_journal.services.journal import JournalDay
from recovery_journal.ui.dates import day_heading, time_text
from recovery_journal.ui.labels import heading
from recovery_journal.ui.pages.journal_names import entry_heading, mood_label

# An entry row's uid; an "on this day" row's (ISO day, uid).
ENTRY_ROLE = Qt.ItemDataRole.UserRole
# Enough for a few entries, the note and "on this day" to share the height with the editor.
LIST_HEIGHT = 96
NOTE_HEIGHT = 64


class DayPane(QWidget):
    """The day's lists around the entry form; the page says what to show and opens what is
    chosen."""

    entry_chosen = Signal(str)  # an entry of the day shown, by uid
    past_chosen = Signal(object, str)  # an entry of an earlier year: its day and uid

    def __init__(self, undo_bar: QWidget, form: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.day_heading = heading(scale=1.25)
        self.day_heading.setObjectName("day_heading")

        self.note_label = QLabel(_("Note of the day"))
        self.note_view = QPlainTextEdit()
        self.note_view.setObjectName("day_note")
        self.note_view.setAccessibleName(_("Note of the day, written on the Today page"))
        self.note_view.setReadOnly(True)
        self.note_view.setTabChangesFocus(True)
        self.note_view.setMaximumHeight(NOTE_HEIGHT)
        self.note_label.setBuddy(self.note_view)

        entries_label = QLabel(_("&Entries this day"))
        self.entries = QListWidget()
        self.entries.setObjectName("day_entries")
        self.entries.setAccessibleName(_("Entries this day"))
        self.entries.setMaximumHeight(LIST_HEIGHT)
        self.entries.currentItemChanged.connect(self._entry_chosen)
        entries_label.setBuddy(self.entries)

        self.past_label = QLabel(_("On this day in earlier &years"))
        self.on_this_day = QListWidget()
        self.on_this_day.setObjectName("on_this_day")
        self.on_this_day.setAccessibleName(_("On this day in earlier years"))
        self.on_this_day.setMaximumHeight(LIST_HEIGHT)
        # A long first line ends in "…" rather than a sideways scroll bar.
        self.on_this_day.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.on_this_day.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.on_this_day.itemActivated.connect(self._past_chosen)
        self.on_this_day.itemClicked.connect(self._past_chosen)
        self.past_label.setBuddy(self.on_this_day)

        # The form takes the height the note and the short lists leave.
        for short in (self.note_view, self.entries, self.on_this_day):
            short.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.day_heading)
        layout.addWidget(self.note_label)
        layout.addWidget(self.note_view)
        layout.addWidget(entries_label)
        layout.addWidget(self.entries)
        layout.addWidget(undo_bar)
        layout.addWidget(form, stretch=1)
        layout.addWidget(self.past_label)
        layout.addWidget(self.on_this_day)

    def show_day(self, view: JournalDay) -> None:
        """The day's heading, its note and its earlier years (its entries: ``show_entries``)."""
        self.day_heading.setText(day_heading(view.day))
        self._show_note(view)
        self._show_past(view)

    def _show_note(self, view: JournalDay) -> None:
        text = view.note.text if view.note is not None else ""
        if self.note_view.toPlainText() != text:
            self.note_view.setPlainText(text)
        self.note_label.setVisible(bool(text.strip()))
        self.note_view.setVisible(bool(text.strip()))

    def _show_past(self, view: JournalDay) -> None:
        self.on_this_day.clear()
        for entry in view.on_this_day:
            years = view.day.year - entry.day.year
            text = ngettext("{n} year ago · {title}", "{n} years ago · {title}", years).format(
                n=years, title=entry_heading(entry)
            )
            item = QListWidgetItem(text)
            item.setData(ENTRY_ROLE, (entry.day.isoformat(), entry.uid))
            item.setToolTip(plain_text(entry.body)[:400])
            self.on_this_day.addItem(item)
        self.past_label.setVisible(bool(view.on_this_day))
        self.on_this_day.setVisible(bool(view.on_this_day))

    def show_entries(self, entries: Sequence[JournalEntry], current: JournalEntry | None) -> None:
        """The day's entries, ``current`` (the one in the editor, as typed) chosen among them."""
        self.entries.blockSignals(True)
        self.entries.clear()
        for entry in entries:
            if current is not None and entry.uid == current.uid:
                entry = current
            text = f"{time_text(entry.created_at)} · {entry_heading(entry)}"
            if entry.mood is not None:
                text += f" · {mood_label(entry.mood)}"
            item = QListWidgetItem(text)
            item.setData(ENTRY_ROLE, entry.uid)
            item.setToolTip(plain_text(entry.body)[:400])
            self.entries.addItem(item)
            if current is not None and entry.uid == current.uid:
                self.entries.setCurrentItem(item)
        self.entries.blockSignals(False)

    def _entry_chosen(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        if item is not None:
            self.entry_chosen.emit(item.data(ENTRY_ROLE))

    def _past_chosen(self, item: QListWidgetItem) -> None:
        value = item.data(ENTRY_ROLE)
        if isinstance(value, (tuple, list)) and len(value) == 2:
            self.past_chosen.emit(date.fromisoformat(value[0]), value[1])
