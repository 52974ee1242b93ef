"""The free journal: entries by day with a title, formatted words, tags and a mood.

The left side is the timeline (every day with entries, newest first) and a date picker; the right
side is the shown day: its note from the Today page, its entries, the entry being written, and
what was written on the same date in earlier years. Entries save as one types (as on the Today
page); a deleted entry can be brought back whole from the calm bar that says it went.

The page is the composition of its parts, each in a module of its own: the left side
(``journal_timeline``), the day's lists (``journal_day``), the entry's form
(``journal_entry_form``), the Undo bar (``journal_undo``), what a load brings (``journal_shown``)
and the words of failed saves (``journal_saves``). The page decides which day and which entry
they show, and saves.
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
from recovery_journal.services.journal import JournalDay, delete_entry, restore_entry, save_entry
from recovery_journal.services.journal import new_entry as fresh_entry
from recovery_journal.ui.autosave import Autosave, saved_at
from recovery_journal.ui.operations import Operations
from recovery_journal.ui.pages.journal_day import DayPane
from recovery_journal.ui.pages.journal_entry_form import EntryForm
from recovery_journal.ui.pages.journal_saves import WordsLeft
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
        self._saves = 0  # saves asked for so far: a load asked before the last one is behind it
        self._entry: JournalEntry | None = None  # the entry in the editor, as last saved or typed
        self._stored = False  # whether the vault holds that entry (a new one is kept once typed in)
        # The words of entries whose save failed after the editor had moved on (by uid): the
        # autosave keeps each entry's words under its uid, these under theirs till saved.
        self._left = WordsLeft()
        self._select: str | None = None  # the entry to open once its day has loaded
        self._focus: str | None = None  # where the keyboard goes then: the editor or the note

        self._build()
        self.autosave = Autosave(operations, self._write, self.save_state, parent=self)
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
        self.form.edited.connect(self._edited)
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
        self.side.show_day(self.day, self.today)
        self.shown.show_day(view)
        self.side.show_days(loaded.timeline, self.day)
        self._fill_editor(view, behind=saves != self._saves)
        self._show_entries()
        self._apply_focus()

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
            entries.append(current)  # a new entry, not kept yet: listed as it is typed
        self.shown.show_entries(entries, current)

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

    def _entry_chosen(self, uid: str) -> None:
        if self.view is None:
            return
        current = self._entry
        if current is not None and uid == current.uid:
            return
        for entry in self.view.entries:
            if entry.uid == uid:
                self._open(entry, stored=True)
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
        current = self._entry
        if current is not None and current.uid == uid:
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

    def _open(self, entry: JournalEntry, stored: bool) -> None:
        """Put an entry in the editor; the one there before keeps its words (saved first)."""
        if self._entry is not None and self._entry.uid != entry.uid:
            self.save_now()
        self._entry = entry
        self._stored = stored
        self.autosave.stop()
        self.form.fill(entry)
        self._show_saved(entry if stored else None)

    def _close_entry(self) -> None:
        """Empty the editor while another day loads (its words were saved just before)."""
        if self._entry is not None:
            self.autosave.forget(self._entry.uid)
        self._entry = None
        self._stored = False
        self.form.clear()
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
        return self.form.snapshot(self._entry)

    def _edited(self) -> None:
        if self._entry is None:
            return
        self.autosave.edited(self._entry.uid)

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

    def _open_uid(self) -> str | None:
        return self._entry.uid if self._entry is not None else None

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

    # --- deleting, and undo ----------------------------------------------------------------------

    def delete_current(self) -> None:
        """Delete the entry in the editor at once; the bar that says so offers Undo."""
        if self._entry is None:
            return
        self.autosave.stop()
        was_dirty, was_stored = self.autosave.is_dirty(self._entry.uid), self._stored
        entry = self._snapshot() if was_dirty else self._entry
        self._left.deleted(entry.uid)
        had_focus = self.form.has_focus()
        self._close_entry()
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

    def undo_delete(self) -> None:
        """Bring the deleted entry back whole: the same uid, dates, words, tags and mood."""
        entry = self.undo_bar.take()
        if entry is None:
            return
        self._left.restored(entry.uid)

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
