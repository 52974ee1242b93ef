"""The free journal: entries by day with a title, formatted words, tags and a mood.

The left side is the timeline (every day with entries, newest first) and a date picker; the right
side is the shown day: its note from the Today page, its entries, the entry being written, and
what was written on the same date in earlier years. Entries save as one types (as on the Today
page); a deleted entry can be brought back whole from the calm bar that says it went.
"""

from __future__ import annotations

from concurrent.futures import Future
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QAction,
    QFont,
    QKeySequence,
    QShortcut,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextListFormat,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from recovery_journal.domain.clock import utc_now
from recovery_journal.domain.journal import (
    MAX_TITLE_LENGTH,
    JournalEntry,
    Mood,
    plain_text,
    tags_from_text,
)
from recovery_journal.i18n import _, ngettext
from recovery_journal.services.changes import Changed, Changes
from recovery_journal.services.journal import (
    JournalDay,
    Timeline,
    delete_entry,
    restore_entry,
    save_entry,
)
from recovery_journal.services.journal import new_entry as fresh_entry
from recovery_journal.ui.autosave import Autosave, saved_at
from recovery_journal.ui.dates import DateEdit, compact_date_text, day_heading, time_text
from recovery_journal.ui.entry_editor import EntryEditor
from recovery_journal.ui.operations import Operations
from recovery_journal.ui.pages.journal_names import entry_heading, mood_label
from recovery_journal.ui.pages.journal_saves import WordsLeft
from recovery_journal.ui.pages.journal_shown import Loaded, load, with_saved
from recovery_journal.ui.widgets import heading, qdate, wrapped

ENTRY_ROLE = Qt.ItemDataRole.UserRole
# Enough for a few entries, the note and "on this day" to share the height with the editor.
LIST_HEIGHT = 96
NOTE_HEIGHT = 64

_EDITOR = "editor"
_NOTE = "note"


class JournalPage(QWidget):
    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._operations = operations
        self.today = operations.day.today()  # the person's today; each load says it again
        self.day = self.today
        self.view: JournalDay | None = None
        self._wanted: date | None = None  # the day asked for; None: today, by the day boundary
        self._request = 0  # only the newest load is shown
        self._saves = 0  # saves asked for so far: a load asked before the last one is behind it
        self._days: tuple[tuple[date, int], ...] | None = None
        self._entry: JournalEntry | None = None  # the entry in the editor, as last saved or typed
        self._stored = False  # whether the vault holds that entry (a new one is kept once typed in)
        # The words of entries whose save failed after the editor had moved on (by uid): the
        # autosave keeps each entry's words under its uid, these under theirs till saved.
        self._left = WordsLeft()
        self._deleted: JournalEntry | None = None  # what Undo brings back
        self._select: str | None = None  # the entry to open once its day has loaded
        self._focus: str | None = None  # where the keyboard goes then: the editor or the note

        self._build()
        self.autosave = Autosave(operations, self._write, self.save_state, parent=self)
        operations.changed.connect(self._on_changed)
        self._set_editing(False)
        self.reload()

    # --- building --------------------------------------------------------------------------------

    def focus_start(self) -> None:
        """Where the keyboard goes when the page is shown by itself: the entry's words."""
        self.body.setFocus()

    def _build(self) -> None:
        title = heading(_("Journal"))

        day_label = QLabel(_("&Day"))
        self.date_edit = DateEdit(self.day, latest=self.today)
        self.date_edit.setObjectName("journal_date")
        self.date_edit.setAccessibleName(_("Day to show"))
        self.date_edit.dateChanged.connect(lambda _value: self.go_to_day(self.date_edit.day()))
        day_label.setBuddy(self.date_edit)
        self.today_button = QPushButton(_("T&oday"))
        self.today_button.setObjectName("journal_today")
        self.today_button.setAccessibleName(_("Go to today"))
        self.today_button.clicked.connect(lambda: self.go_to_day(None))
        self.new_button = QPushButton(_("&New entry"))
        self.new_button.setObjectName("new_entry")
        self.new_button.setAccessibleName(_("New entry"))
        self.new_button.setToolTip(_("A new entry on the day shown (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_entry)
        self.new_button.setEnabled(False)  # until the day has loaded (on first show)

        timeline_label = QLabel(_("&Timeline"))
        self.timeline = QListWidget()
        self.timeline.setObjectName("timeline")
        self.timeline.setAccessibleName(_("Days with entries, newest first"))
        self.timeline.setUniformItemSizes(True)
        self.timeline.currentItemChanged.connect(self._timeline_chosen)
        timeline_label.setBuddy(self.timeline)
        # In the list's place while no day has entries: a sentence that wraps, where a list
        # item was cut off and scrolled sideways.
        self.timeline_empty = wrapped(_("Nothing yet. The days you write about will appear here."))
        self.timeline_empty.setObjectName("timeline_empty")
        self.timeline_empty.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.timeline_empty.hide()

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 8, 0)
        left_layout.addWidget(title)
        day_row = QHBoxLayout()
        day_row.addWidget(day_label)
        day_row.addWidget(self.date_edit, stretch=1)
        left_layout.addLayout(day_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.today_button)
        buttons.addWidget(self.new_button)
        left_layout.addLayout(buttons)
        left_layout.addSpacing(8)
        left_layout.addWidget(timeline_label)
        left_layout.addWidget(self.timeline, stretch=1)
        left_layout.addWidget(self.timeline_empty, stretch=1)

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

        self.undo_bar = QFrame()
        self.undo_bar.setObjectName("undo_bar")
        self.undo_bar.setStyleSheet(
            "QFrame#undo_bar { background: #e3f1e6; color: #183d22; border-radius: 4px; }"
        )
        self.undo_label = QLabel(_("Entry deleted."))
        self.undo_label.setObjectName("undo_label")
        self.undo_button = QPushButton(_("&Undo"))
        self.undo_button.setObjectName("undo_delete")
        self.undo_button.setAccessibleName(_("Undo: bring the deleted entry back"))
        self.undo_button.clicked.connect(self.undo_delete)
        self.dismiss_button = QPushButton(_("Dismiss"))
        self.dismiss_button.setObjectName("dismiss_undo")
        self.dismiss_button.setAccessibleName(_("Dismiss this message"))
        self.dismiss_button.clicked.connect(self._hide_undo)
        bar = QHBoxLayout(self.undo_bar)
        bar.setContentsMargins(10, 4, 4, 4)
        bar.addWidget(self.undo_label, stretch=1)
        bar.addWidget(self.undo_button)
        bar.addWidget(self.dismiss_button)
        self.undo_bar.hide()

        title_label = QLabel(_("T&itle"))
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("entry_title")
        self.title_edit.setMaxLength(MAX_TITLE_LENGTH)
        self.title_edit.setAccessibleName(_("Title of the entry"))
        self.title_edit.setPlaceholderText(_("Optional"))
        self.title_edit.textEdited.connect(self._edited)
        title_label.setBuddy(self.title_edit)

        body_label = QLabel(_("&Words"))
        self.body = EntryEditor()
        self.body.setObjectName("entry_body")
        self.body.setAccessibleName(_("The words of the entry"))
        self.body.setPlaceholderText(
            _("Whatever is on your mind: what happened, what you heard, a thought to keep.")
        )
        self.body.setTabChangesFocus(True)
        self.body.textChanged.connect(self._edited)
        body_label.setBuddy(self.body)

        self.format_bar = QToolBar(_("Formatting"))
        self.format_bar.setObjectName("format_bar")
        self.format_bar.setAccessibleName(_("Formatting"))
        self.bold_action = self._format_action(_("Bold"), "Ctrl+B", "bold")
        self.bold_action.setCheckable(True)
        self.bold_action.triggered.connect(self.body.set_bold)
        self.italic_action = self._format_action(_("Italic"), "Ctrl+I", "italic")
        self.italic_action.setCheckable(True)
        self.italic_action.triggered.connect(self.body.set_italic)
        self.bullets_action = self._format_action(_("Bulleted list"), "Ctrl+Shift+8", "bullets")
        self.bullets_action.triggered.connect(
            lambda: self.body.toggle_list(QTextListFormat.Style.ListDisc)
        )
        self.numbers_action = self._format_action(_("Numbered list"), "Ctrl+Shift+7", "numbers")
        self.numbers_action.triggered.connect(
            lambda: self.body.toggle_list(QTextListFormat.Style.ListDecimal)
        )
        bold_font = QFont(self.font())
        bold_font.setBold(True)
        self.bold_action.setFont(bold_font)
        italic_font = QFont(self.font())
        italic_font.setItalic(True)
        self.italic_action.setFont(italic_font)
        self.body.currentCharFormatChanged.connect(self._show_format)

        tags_label = QLabel(_("T&ags"))
        self.tags_edit = QLineEdit()
        self.tags_edit.setObjectName("entry_tags")
        self.tags_edit.setAccessibleName(_("Tags, separated by commas"))
        self.tags_edit.setPlaceholderText(_("Tags, separated by commas"))
        self.tags_edit.textEdited.connect(self._edited)
        tags_label.setBuddy(self.tags_edit)
        mood_title = QLabel(_("&Mood"))
        self.mood = QComboBox()
        self.mood.setObjectName("entry_mood")
        self.mood.setAccessibleName(_("Mood"))
        for mood in (None, *Mood):
            self.mood.addItem(mood_label(mood), mood.value if mood else None)
        self.mood.currentIndexChanged.connect(self._edited)
        mood_title.setBuddy(self.mood)

        self.save_state = QLabel()
        self.save_state.setObjectName("save_state")
        self.save_state.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.delete_button = QPushButton(_("De&lete entry"))
        self.delete_button.setObjectName("delete_entry")
        self.delete_button.setAccessibleName(_("Delete this entry"))
        self.delete_button.setToolTip(_("Deletes at once; you can undo it."))
        self.delete_button.clicked.connect(self.delete_current)

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

        right = QWidget()
        # The editor takes the height the note and the short lists leave.
        for short in (self.note_view, self.entries, self.on_this_day):
            short.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 0, 0, 0)
        right_layout.addWidget(self.day_heading)
        right_layout.addWidget(self.note_label)
        right_layout.addWidget(self.note_view)
        right_layout.addWidget(entries_label)
        right_layout.addWidget(self.entries)
        right_layout.addWidget(self.undo_bar)
        title_row = QHBoxLayout()
        title_row.addWidget(title_label)
        title_row.addWidget(self.title_edit, stretch=1)
        right_layout.addLayout(title_row)
        words_row = QHBoxLayout()
        words_row.addWidget(body_label)
        words_row.addStretch(1)
        words_row.addWidget(self.format_bar)
        right_layout.addLayout(words_row)
        right_layout.addWidget(self.body, stretch=1)
        details = QHBoxLayout()
        details.addWidget(tags_label)
        details.addWidget(self.tags_edit, stretch=1)
        details.addWidget(mood_title)
        details.addWidget(self.mood)
        right_layout.addLayout(details)
        status = QHBoxLayout()
        status.addWidget(self.delete_button)
        status.addStretch(1)
        status.addWidget(self.save_state)
        right_layout.addLayout(status)
        right_layout.addWidget(self.past_label)
        right_layout.addWidget(self.on_this_day)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 700])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(splitter)

        # The keyboard goes through the page in reading order.
        order = [
            self.date_edit,
            self.today_button,
            self.new_button,
            self.timeline,
            self.note_view,
            self.entries,
            self.undo_button,
            self.dismiss_button,
            self.title_edit,
            self.body,
            self.tags_edit,
            self.mood,
            self.delete_button,
            self.on_this_day,
        ]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

        new_shortcut = QShortcut(QKeySequence.StandardKey.New, self)
        new_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        new_shortcut.activated.connect(self.new_entry)
        delete_shortcut = QShortcut(QKeySequence.StandardKey.Delete, self.entries)
        delete_shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_shortcut.activated.connect(self.delete_current)
        # While the bar shows, Ctrl+Z brings the entry back (in a text field it undoes typing).
        self.undo_shortcut = QShortcut(QKeySequence.StandardKey.Undo, self)
        self.undo_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.undo_shortcut.activated.connect(self.undo_delete)
        self.undo_shortcut.setEnabled(False)

    def _format_action(self, text: str, keys: str, name: str) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.setToolTip(
            f"{text} ({QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)})"
        )
        self.format_bar.addAction(action)
        # Added to the editor too, so its shortcut works where one types.
        self.body.addAction(action)
        button = self.format_bar.widgetForAction(action)
        if button is not None:
            button.setAccessibleName(text)
        return action

    # --- loading ---------------------------------------------------------------------------------

    def reload(self) -> None:
        self._request += 1
        request, saves, wanted = self._request, self._saves, self._wanted
        now = self._operations.day.now()
        self._operations.run(
            lambda vault: load(vault, now, wanted),
            lambda loaded: self._show(request, saves, loaded),
            owner=self,
        )

    def go_to_day(
        self, day: date | None, select: str | None = None, focus: str | None = None
    ) -> None:
        """Show a day (None: today); open the entry ``select`` once it has loaded."""
        if day is not None and day == self.day and self.view is not None and select is None:
            if focus is not None:
                self._focus = focus
                self._apply_focus()
            return
        self.save_now()
        if day is not None and day != self.day:
            self._close_entry()
        self._wanted = day
        self._select = select
        self._focus = focus
        self.reload()

    def _show(self, request: int, saves: int, loaded: Loaded) -> None:
        if request != self._request:
            return  # a newer load is on its way
        view = loaded.view
        self.today = loaded.today
        self.day = view.day
        self._wanted = view.day
        self.view = view
        self.new_button.setEnabled(True)
        self.date_edit.blockSignals(True)
        self.date_edit.setMaximumDate(qdate(max(self.today, self.day)))
        self.date_edit.setDate(qdate(self.day))
        self.date_edit.blockSignals(False)
        self.day_heading.setText(day_heading(self.day))
        self._show_note(view)
        self._show_timeline(loaded.timeline)
        self._show_past(view)
        self._fill_editor(view, behind=saves != self._saves)
        self._show_entries()
        self._apply_focus()

    def _show_note(self, view: JournalDay) -> None:
        text = view.note.text if view.note is not None else ""
        if self.note_view.toPlainText() != text:
            self.note_view.setPlainText(text)
        self.note_label.setVisible(bool(text.strip()))
        self.note_view.setVisible(bool(text.strip()))

    def _show_timeline(self, timeline: Timeline) -> None:
        if timeline.days != self._days:
            # Rebuilt only when a day gains or loses entries: not after every autosave.
            self._days = timeline.days
            self.timeline.blockSignals(True)
            self.timeline.clear()
            for day, count in timeline.days:
                text = ngettext("{day} · {n} entry", "{day} · {n} entries", count).format(
                    day=compact_date_text(day), n=count
                )
                item = QListWidgetItem(text)
                item.setData(ENTRY_ROLE, day.isoformat())
                self.timeline.addItem(item)
            self.timeline.setVisible(bool(timeline.days))
            self.timeline_empty.setVisible(not timeline.days)
            self.timeline.blockSignals(False)
        self._select_in_timeline()

    def _select_in_timeline(self) -> None:
        self.timeline.blockSignals(True)
        wanted = self.day.isoformat()
        for row in range(self.timeline.count()):
            item = self.timeline.item(row)
            if item.data(ENTRY_ROLE) == wanted:
                self.timeline.setCurrentItem(item)
                break
        else:
            self.timeline.setCurrentRow(-1)
        self.timeline.blockSignals(False)

    def _show_past(self, view: JournalDay) -> None:
        self.on_this_day.clear()
        for entry in view.on_this_day:
            years = self.day.year - entry.day.year
            text = ngettext("{n} year ago · {title}", "{n} years ago · {title}", years).format(
                n=years, title=entry_heading(entry)
            )
            item = QListWidgetItem(text)
            item.setData(ENTRY_ROLE, (entry.day.isoformat(), entry.uid))
            item.setToolTip(plain_text(entry.body)[:400])
            self.on_this_day.addItem(item)
        self.past_label.setVisible(bool(view.on_this_day))
        self.on_this_day.setVisible(bool(view.on_this_day))

    def _fill_editor(self, view: JournalDay, behind: bool) -> None:
        found = {entry.uid: entry for entry in view.entries}
        if self._select is not None:
            chosen = found.get(self._select)
            self._select = None
            if chosen is not None:
                self._open(chosen, stored=True)
                return
        current = self._entry
        if current is not None and current.day == view.day:
            if self.autosave.is_dirty(current.uid) or not self._stored or behind:
                # Typing, a new entry not yet typed in, or words saved after this load was
                # asked for: what the editor holds is newer, and is never overwritten.
                return
            stored = found.get(current.uid)
            if stored is None:
                pass  # gone (deleted): open another below
            elif stored != current:
                self._open(stored, stored=True)  # changed elsewhere (an import, a restore)
                return
            else:
                return
        # A day just shown: its latest entry, or a new one to write in.
        if view.entries:
            self._open(view.entries[-1], stored=True)
        else:
            self._open(fresh_entry(view.day, utc_now()), stored=False)

    def _show_entries(self) -> None:
        view = self.view
        entries = list(view.entries) if view is not None else []
        current = self._entry
        if current is not None and not self._stored and current.day == self.day:
            entries.append(current)
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

    def _apply_focus(self) -> None:
        focus, self._focus = self._focus, None
        if focus == _EDITOR and self._entry is not None:
            self.body.setFocus()
        elif focus == _NOTE:
            if self.note_view.isVisible() or self.note_view.toPlainText():
                self.note_view.setFocus()
            else:
                self.entries.setFocus()

    def _on_changed(self, changes: Changes) -> None:
        if changes.journal or changes.notes or changes.settings:
            self.reload()

    # --- choosing --------------------------------------------------------------------------------

    def _timeline_chosen(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        # Tabbing into the list makes its first row current without choosing it: only a chosen
        # (selected) day is opened.
        if item is None or not item.isSelected():
            return
        value = item.data(ENTRY_ROLE)
        if isinstance(value, str):
            self.go_to_day(date.fromisoformat(value))

    def _entry_chosen(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        if item is None or self.view is None:
            return
        uid = item.data(ENTRY_ROLE)
        if self._entry is not None and uid == self._entry.uid:
            return
        for entry in self.view.entries:
            if entry.uid == uid:
                self._open(entry, stored=True)
                self._show_entries()
                return

    def _past_chosen(self, item: QListWidgetItem) -> None:
        value = item.data(ENTRY_ROLE)
        if isinstance(value, (tuple, list)) and len(value) == 2 and value[1] != self._select:
            self.go_to_day(date.fromisoformat(value[0]), select=value[1], focus=_EDITOR)

    def show_item(self, hit: Any) -> None:
        """Open the entry (or the day's note) a search result names."""
        if hit.kind == "note":
            day = hit.day or date.fromisoformat(hit.item_id)
            self.go_to_day(day, focus=_NOTE)
            return
        if hit.kind != "journal":
            return
        uid = hit.item_id
        if hit.day is not None:
            self._go_to_entry(hit.day, uid)
            return

        def found(entry: JournalEntry | None) -> None:
            if entry is not None:
                self._go_to_entry(entry.day, uid)

        self._operations.run(lambda vault: vault.journal.get(uid), found, owner=self)

    def _go_to_entry(self, day: date, uid: str) -> None:
        if self._entry is not None and self._entry.uid == uid:
            self._apply_focus_now(_EDITOR)
            return
        if day == self.day and self.view is not None:
            for entry in self.view.entries:
                if entry.uid == uid:
                    self._open(entry, stored=True)
                    self._show_entries()
                    self._apply_focus_now(_EDITOR)
                    return
        self.save_now()
        self._close_entry()
        self._wanted, self._select, self._focus = day, uid, _EDITOR
        self.reload()

    def _apply_focus_now(self, focus: str) -> None:
        self._focus = focus
        self._apply_focus()

    # --- the editor ------------------------------------------------------------------------------

    def _set_editing(self, enabled: bool) -> None:
        # Until the day has loaded, typing would be overwritten by what arrives.
        for widget in (self.title_edit, self.tags_edit):
            widget.setReadOnly(not enabled)
        self.body.setReadOnly(not enabled)
        self.mood.setEnabled(enabled)
        self.format_bar.setEnabled(enabled)
        self.delete_button.setEnabled(enabled)

    def _open(self, entry: JournalEntry, stored: bool) -> None:
        """Put an entry in the editor; the one there before keeps its words (saved first)."""
        if self._entry is not None and self._entry.uid != entry.uid:
            self.save_now()
        self._entry = entry
        self._stored = stored
        self.autosave.stop()
        for widget in (self.title_edit, self.body, self.tags_edit, self.mood):
            widget.blockSignals(True)
        self.title_edit.setText(entry.title)
        # Without HTML: Qt's writer escapes only the "<" of a tag the person typed ("<i>"), and
        # read back as HTML it swallowed the rest of the paragraph.
        features = QTextDocument.MarkdownFeature
        self.body.document().setMarkdown(
            entry.body, features.MarkdownDialectGitHub | features.MarkdownNoHTML
        )
        self.body.document().clearUndoRedoStacks()
        self.body.moveCursor(QTextCursor.MoveOperation.End)
        self.tags_edit.setText(", ".join(sorted(entry.tags)))
        self.mood.setCurrentIndex(
            max(0, self.mood.findData(entry.mood.value if entry.mood else None))
        )
        for widget in (self.title_edit, self.body, self.tags_edit, self.mood):
            widget.blockSignals(False)
        self._show_format(self.body.currentCharFormat())
        self._set_editing(True)
        self._show_saved(entry if stored else None)

    def _close_entry(self) -> None:
        """Empty the editor while another day loads (its words were saved just before)."""
        if self._entry is not None:
            self.autosave.forget(self._entry.uid)
        self._entry = None
        self._stored = False
        self._set_editing(False)
        for widget in (self.title_edit, self.body, self.tags_edit, self.mood):
            widget.blockSignals(True)
        self.title_edit.clear()
        self.body.clear()
        self.tags_edit.clear()
        self.mood.setCurrentIndex(0)
        for widget in (self.title_edit, self.body, self.tags_edit, self.mood):
            widget.blockSignals(False)
        self.autosave.show("")

    def new_entry(self) -> None:
        """A new entry on the day shown, with the keyboard in its words."""
        if self.view is None or self.view.day != self.day:
            return  # the day is still loading
        current = self._entry
        if current is not None and not self._stored and current.day == self.day:
            if self._snapshot().empty:
                self.body.setFocus()  # the new entry is already here, untouched
                return
        self._open(fresh_entry(self.day, utc_now()), stored=False)
        self._show_entries()
        self.body.setFocus()

    def _snapshot(self) -> JournalEntry:
        assert self._entry is not None
        mood = self.mood.currentData()
        return self._entry.edited(
            utc_now(),
            title=self.title_edit.text().strip(),
            body=self.body.toMarkdown(),
            tags=tags_from_text(self.tags_edit.text()),
            mood=Mood(mood) if mood else None,
        )

    def _edited(self, *_args: object) -> None:
        if self._entry is None:
            return
        self.autosave.edited(self._entry.uid)

    # --- formatting ------------------------------------------------------------------------------

    def _show_format(self, char_format: QTextCharFormat) -> None:
        self.bold_action.setChecked(char_format.fontWeight() >= QFont.Weight.Bold.value)
        self.italic_action.setChecked(char_format.fontItalic())

    # --- saving ----------------------------------------------------------------------------------

    def save_now(self) -> list[Future[JournalEntry]]:
        """Save at once whatever waits (also before the window closes or locks); the saves not
        finished yet."""
        return self.autosave.save_now()

    def has_unsaved_text(self) -> bool:
        return self.autosave.dirty

    def _write(self, uids: set[str]) -> None:
        current = self._entry
        for uid in sorted(uids):
            left = self._left.take(uid)
            if left is not None and (current is None or current.uid != uid):
                self._save(left)  # an entry left after its save failed: its words, kept here
        if current is not None and current.uid in uids:
            entry = self._snapshot()
            if entry.empty and not self._stored:
                self.autosave.show("")  # typed and erased, never kept: nothing to save
            else:
                self._entry = entry
                self._stored = True
                self._save(entry)

    def _save(self, entry: JournalEntry) -> Future[Changed[JournalEntry]]:
        self._saves += 1
        self.view = with_saved(self.view, entry)
        return self.autosave.run(
            lambda vault: save_entry(vault, entry),
            self._saved,
            key=entry.uid,
            on_failed=lambda _error: self._left.failed(entry, self._open_uid()),
        )

    def _saved(self, saved: Changed[JournalEntry]) -> None:
        entry, current = saved.value, self._entry
        if (
            current is not None
            and current.uid == entry.uid
            and not self.autosave.is_dirty(entry.uid)
        ):
            self._show_saved(entry)

    def _show_saved(self, entry: JournalEntry | None) -> None:
        self.autosave.show("" if entry is None else saved_at(entry.updated_at))

    def _open_uid(self) -> str | None:
        return self._entry.uid if self._entry is not None else None

    # --- deleting, and undo ----------------------------------------------------------------------

    def delete_current(self) -> None:
        """Delete the entry in the editor at once; the bar that says so offers Undo."""
        if self._entry is None:
            return
        self.autosave.stop()
        was_dirty, was_stored = self.autosave.is_dirty(self._entry.uid), self._stored
        entry = self._snapshot() if was_dirty else self._entry
        self._left.deleted(entry.uid)
        had_focus = any(w.hasFocus() for w in (self.title_edit, self.body, self.tags_edit))
        self._close_entry()
        if had_focus or self.delete_button.hasFocus():
            self.entries.setFocus()
        if not was_stored and entry.empty:
            self.reload()  # nothing written: nothing to keep or undo
            return
        uid = entry.uid

        def deleted(found: Changed[JournalEntry | None]) -> None:
            # Undo brings back the latest words, typed or stored.
            self._show_undo(entry if was_dirty or found.value is None else found.value)

        def failed(error: BaseException) -> None:
            self._operations.report(error)
            self._open(entry, stored=was_stored)
            if was_dirty:
                self.autosave.mark(entry.uid)
            self._show_entries()

        self._operations.run(
            lambda vault: delete_entry(vault, uid),
            deleted,
            on_error=failed,
            owner=self,
        )

    def _show_undo(self, entry: JournalEntry) -> None:
        self._deleted = entry
        self.undo_label.setText(
            _("Entry deleted: {title}").format(title=entry.heading)
            if entry.heading
            else _("Entry deleted.")
        )
        self.undo_bar.show()
        self.undo_shortcut.setEnabled(True)

    def _hide_undo(self) -> None:
        self._deleted = None
        self.undo_bar.hide()
        self.undo_shortcut.setEnabled(False)

    def undo_delete(self) -> None:
        """Bring the deleted entry back whole: the same uid, dates, words, tags and mood."""
        entry = self._deleted
        if entry is None:
            return
        self._hide_undo()
        self._left.restored(entry.uid)

        def restored(back: Changed[JournalEntry]) -> None:
            self._go_to_entry(back.value.day, back.value.uid)

        def failed(error: BaseException) -> None:
            self._operations.report(error)
            self._show_undo(entry)

        self._operations.run(
            lambda vault: restore_entry(vault, entry),
            restored,
            on_error=failed,
            owner=self,
        )
