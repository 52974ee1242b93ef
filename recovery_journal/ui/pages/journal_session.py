"""The entry being written on the journal page: which one it is, whether the vault holds it yet,
and saving it as one types (through the one autosave), with the words of a failed save kept
until a later save takes them.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future

from PySide6.QtCore import QObject

from recovery_journal.domain.journal import JournalEntry
from recovery_journal.services.changes import Changed
from recovery_journal.services.journal import save_entry
from recovery_journal.ui.autosave import Autosave, saved_at
from recovery_journal.ui.operations import Operations
from recovery_journal.ui.pages.journal_entry_form import EntryForm
from recovery_journal.ui.pages.journal_saves import WordsLeft


class EntrySession(QObject):
    """The form's entry and its saves; ``on_save(entry)`` hears of each save as it starts."""

    def __init__(
        self,
        operations: Operations,
        form: EntryForm,
        on_save: Callable[[JournalEntry], object],
        *,
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self.form = form
        self.entry: JournalEntry | None = None  # the entry in the form, as last saved or typed
        self.stored = False  # whether the vault holds that entry (a new one is kept once typed in)
        self.saves = 0  # saves asked for so far: a load asked before the last one is behind it
        self._on_save = on_save
        # The words of entries whose save failed after the form had moved on (by uid): the
        # autosave keeps each entry's words under its uid, these under theirs till saved.
        self._left = WordsLeft()
        self.autosave = Autosave(operations, self._write, form.save_state, parent=self)
        form.edited.connect(self._edited)

    # --- which entry -----------------------------------------------------------------------------

    def open(self, entry: JournalEntry, stored: bool) -> None:
        """Put an entry in the form; the one there before keeps its words (saved first)."""
        if self.entry is not None and self.entry.uid != entry.uid:
            self.save_now()
        self.entry = entry
        self.stored = stored
        self.autosave.stop()
        self.form.fill(entry)
        self._show_saved(entry if stored else None)

    def close(self) -> None:
        """Empty the form while another day loads (its words were saved just before)."""
        if self.entry is not None:
            self.autosave.forget(self.entry.uid)
        self.entry = None
        self.stored = False
        self.form.clear()
        self.autosave.show("")

    def snapshot(self) -> JournalEntry:
        """The entry with what the form holds now."""
        assert self.entry is not None
        return self.form.snapshot(self.entry)

    def _edited(self) -> None:
        if self.entry is None:
            return
        self.autosave.edited(self.entry.uid)

    # --- deleting --------------------------------------------------------------------------------

    def let_go(self) -> tuple[JournalEntry, bool, bool] | None:
        """Close the entry to delete it: its latest words, whether they waited unsaved and
        whether the vault held it (None: no entry). Its words are not saved again, not even
        those of a save that fails later."""
        if self.entry is None:
            return None
        self.autosave.stop()
        was_dirty, was_stored = self.autosave.is_dirty(self.entry.uid), self.stored
        entry = self.snapshot() if was_dirty else self.entry
        self._left.deleted(entry.uid)
        self.close()
        return entry, was_dirty, was_stored

    def take_back(self, entry: JournalEntry, stored: bool, dirty: bool) -> None:
        """Open again an entry whose delete failed, its words waiting to be saved if they did."""
        self.open(entry, stored=stored)
        if dirty:
            self.autosave.mark(entry.uid)

    def restored(self, uid: str) -> None:
        """A deleted entry is coming back (Undo): its saves count again."""
        self._left.restored(uid)

    # --- saving ----------------------------------------------------------------------------------

    def save_now(self) -> list[Future[JournalEntry]]:
        return self.autosave.save_now()

    def _write(self, uids: set[str]) -> None:
        current = self.entry
        for uid in sorted(uids):
            left = self._left.take(uid)
            if left is not None and (current is None or current.uid != uid):
                self._save(left)  # an entry left after its save failed: its words, kept there
        if current is not None and current.uid in uids:
            entry = self.snapshot()
            if entry.empty and not self.stored:
                self.autosave.show("")  # typed and erased, never kept: nothing to save
            else:
                self.entry = entry
                self.stored = True
                self._save(entry)

    def _save(self, entry: JournalEntry) -> Future[Changed[JournalEntry]]:
        self.saves += 1
        self._on_save(entry)
        return self.autosave.run(
            lambda vault: save_entry(vault, entry),
            self._saved,
            key=entry.uid,
            on_failed=lambda _error: self._left.failed(entry, self._open_uid()),
        )

    def _open_uid(self) -> str | None:
        return self.entry.uid if self.entry is not None else None

    def _saved(self, saved: Changed[JournalEntry]) -> None:
        entry, current = saved.value, self.entry
        if (
            current is not None
            and current.uid == entry.uid
            and not self.autosave.is_dirty(entry.uid)
        ):
            self._show_saved(entry)

    def _show_saved(self, entry: JournalEntry | None) -> None:
        self.autosave.show("" if entry is None else saved_at(entry.updated_at))
