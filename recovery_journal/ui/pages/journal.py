"""The free journal: entries by day with a title, formatted words, tags and a mood.

The left side is the timeline (every day with entries, newest first) and a date picker; the right
side is the shown day: its note from the Today page, its entries, the entry being written, and
what was written on the same date in earlier years. Entries save as one types (as on the Today
page); a deleted entry can be brought back whole from the calm bar that says it went.

The page is the composition of its parts, each in a module of its own: the left side
(``journal_timeline``), the day's lists (``journal_day``), the entry's form
(``journal_entry_form``) and its saving (``journal_session``, ``journal_saves``), the Undo bar
(``journal_undo``) and what a load brings (``journal_shown``). The page decides which day and
which entry they show.
"""

from __future__ import annotations

from concurrent.futures import Future
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from recovery_journal.domain.clock import utc_now
from recovery_journal.domain.journal import JournalEntry
from recovery_journal.services.changes import Changed, Changes
from recovery_journal.services.journal import JournalDay, delete_entry, restore_entry
from recovery_journal.services.journal import new_entry as fresh_entry
from recovery_journal.ui.operations import Operations
from recovery_journal.ui.pages.journal_day import DayPane
from recovery_journal.ui.pages.journal_entry_form import EntryForm
from recovery_journal.ui.pages.journal_session import EntrySession
from recovery_journal.ui.pages.journal_shown import Loaded, load, with_saved
from recovery_journal.ui.pages.journal_timeline import TimelinePanel
from recovery_journal.ui.pages.journal_undo import UndoBar

# Where the keyboard goes once a day has loaded (go_to_day's ``focus``).
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
        self._select: str | None = None  # the entry to open once its day has loaded
        self._focus: str | None = None  # where the keyboard goes then: the editor or the note

        self._build()
        # The entry in the form and its saves; each save keeps the shown day in step.
        self.session = EntrySession(operations, self.form, self._saving, parent=self)
        operations.changed.connect(self._on_changed)
        self.form.set_editing(False)
        self.reload()

    # --- building --------------------------------------------------------------------------------

    def focus_start(self) -> None:
        """Where the keyboard goes when the page is shown by itself: the entry's words."""
        self.body.setFocus()

    def _build(self) -> None:
        self.side = TimelinePanel(self.day, self.today)
        self.side.day_chosen.connect(self.go_to_day)
        self.side.new_button.clicked.connect(self.new_entry)
        self.form = EntryForm()
        self.form.delete_button.clicked.connect(self.delete_current)
        self.undo_bar = UndoBar(scope=self)
        self.undo_bar.undo_asked.connect(self.undo_delete)
        self.shown = DayPane(self.undo_bar, self.form)
        self.shown.entry_chosen.connect(self._entry_chosen)
        self.shown.past_chosen.connect(self._past_chosen)

        # The widgets the window, the tools and the tests reach by the page's names for them.
        self.date_edit = self.side.date_edit
        self.new_button = self.side.new_button
        self.timeline = self.side.timeline
        self.timeline_empty = self.side.timeline_empty
        self.day_heading = self.shown.day_heading
        self.note_label = self.shown.note_label
        self.note_view = self.shown.note_view
        self.entries = self.shown.entries
        self.on_this_day = self.shown.on_this_day
        self.undo_label = self.undo_bar.label
        self.dismiss_button = self.undo_bar.dismiss_button
        self.title_edit = self.form.title_edit
        self.body = self.form.body
        self.tags_edit = self.form.tags_edit
        self.mood = self.form.mood
        self.save_state = self.form.save_state
        self.delete_button = self.form.delete_button
        self.bullets_action = self.form.format_bar.bullets_action

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.side)
        splitter.addWidget(self.shown)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 700])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(splitter)

        # The keyboard goes through the page in reading order.
        order = [
            self.date_edit,
            self.side.today_button,
            self.new_button,
            self.timeline,
            self.note_view,
            self.entries,
            self.undo_bar.undo_button,
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

    # --- loading ---------------------------------------------------------------------------------

    def reload(self) -> None:
        self._request += 1
        request, saves, wanted = self._request, self.session.saves, self._wanted
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
            self.session.close()
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
        self.side.show_day(self.day, self.today)
        self.shown.show_day(view)
        self.side.show_days(loaded.timeline, self.day)
        self._fill_editor(view, behind=saves != self.session.saves)
        self._show_entries()
        self._apply_focus()

    def _fill_editor(self, view: JournalDay, behind: bool) -> None:
        found = {entry.uid: entry for entry in view.entries}
        session = self.session
        if self._select is not None:
            chosen = found.get(self._select)
            self._select = None
            if chosen is not None:
                session.open(chosen, stored=True)
                return
        current = session.entry
        if current is not None and current.day == view.day:
            if session.autosave.is_dirty(current.uid) or not session.stored or behind:
                # Typing, a new entry not yet typed in, or words saved after this load was
                # asked for: what the editor holds is newer, and is never overwritten.
                return
            stored = found.get(current.uid)
            if stored is None:
                pass  # gone (deleted): open another below
            elif stored != current:
                session.open(stored, stored=True)  # changed elsewhere (an import, a restore)
                return
            else:
                return
        # A day just shown: its latest entry, or a new one to write in.
        if view.entries:
            session.open(view.entries[-1], stored=True)
        else:
            session.open(fresh_entry(view.day, utc_now()), stored=False)

    def _show_entries(self) -> None:
        view = self.view
        entries = list(view.entries) if view is not None else []
        current = self.session.entry
        if current is not None and not self.session.stored and current.day == self.day:
            entries.append(current)  # a new entry, not kept yet: listed as it is typed
        self.shown.show_entries(entries, current)

    def _apply_focus(self) -> None:
        focus, self._focus = self._focus, None
        if focus == _EDITOR and self.session.entry is not None:
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

    def _entry_chosen(self, uid: str) -> None:
        if self.view is None:
            return
        current = self.session.entry
        if current is not None and uid == current.uid:
            return
        for entry in self.view.entries:
            if entry.uid == uid:
                self.session.open(entry, stored=True)
                self._show_entries()
                return

    def _past_chosen(self, day: date, uid: str) -> None:
        if uid != self._select:
            self.go_to_day(day, select=uid, focus=_EDITOR)

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
        current = self.session.entry
        if current is not None and current.uid == uid:
            self._apply_focus_now(_EDITOR)
            return
        if day == self.day and self.view is not None:
            for entry in self.view.entries:
                if entry.uid == uid:
                    self.session.open(entry, stored=True)
                    self._show_entries()
                    self._apply_focus_now(_EDITOR)
                    return
        self.save_now()
        self.session.close()
        self._wanted, self._select, self._focus = day, uid, _EDITOR
        self.reload()

    def _apply_focus_now(self, focus: str) -> None:
        self._focus = focus
        self._apply_focus()

    # --- the entry -------------------------------------------------------------------------------

    def new_entry(self) -> None:
        """A new entry on the day shown, with the keyboard in its words."""
        if self.view is None or self.view.day != self.day:
            return  # the day is still loading
        session = self.session
        current = session.entry
        if current is not None and not session.stored and current.day == self.day:
            if session.snapshot().empty:
                self.body.setFocus()  # the new entry is already here, untouched
                return
        session.open(fresh_entry(self.day, utc_now()), stored=False)
        self._show_entries()
        self.body.setFocus()

    def save_now(self) -> list[Future[JournalEntry]]:
        """Save at once whatever waits (also before the window closes or locks); the saves not
        finished yet."""
        return self.session.save_now()

    def has_unsaved_text(self) -> bool:
        return self.session.autosave.dirty

    def _saving(self, entry: JournalEntry) -> None:
        self.view = with_saved(self.view, entry)

    # --- deleting, and undo ----------------------------------------------------------------------

    def delete_current(self) -> None:
        """Delete the entry in the editor at once; the bar that says so offers Undo."""
        had_focus = self.form.has_focus()
        let_go = self.session.let_go()
        if let_go is None:
            return
        entry, was_dirty, was_stored = let_go
        if had_focus or self.delete_button.hasFocus():
            self.entries.setFocus()
        if not was_stored and entry.empty:
            self.reload()  # nothing written: nothing to keep or undo
            return
        uid = entry.uid

        def deleted(found: Changed[JournalEntry | None]) -> None:
            # Undo brings back the latest words, typed or stored.
            self.undo_bar.offer(entry if was_dirty or found.value is None else found.value)

        def failed(error: BaseException) -> None:
            self._operations.report(error)
            self.session.take_back(entry, stored=was_stored, dirty=was_dirty)
            self._show_entries()

        self._operations.run(
            lambda vault: delete_entry(vault, uid),
            deleted,
            on_error=failed,
            owner=self,
        )

    def undo_delete(self) -> None:
        """Bring the deleted entry back whole: the same uid, dates, words, tags and mood."""
        entry = self.undo_bar.take()
        if entry is None:
            return
        self.session.restored(entry.uid)

        def restored(back: Changed[JournalEntry]) -> None:
            self._go_to_entry(back.value.day, back.value.uid)

        def failed(error: BaseException) -> None:
            self._operations.report(error)
            self.undo_bar.offer(entry)

        self._operations.run(
            lambda vault: restore_entry(vault, entry),
            restored,
            on_error=failed,
            owner=self,
        )
