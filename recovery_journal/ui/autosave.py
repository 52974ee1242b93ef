"""Saving as one types, the one way every editor does it.

An ``Autosave`` belongs to an editor (a page, a table's form). It holds:

- which of the editor's words wait to be saved ("keys": one for a page with one text, a question
  id for each answer on a step), so ``dirty`` says whether anything would be lost;
- one pause after the last keystroke (``AUTOSAVE_DELAY_MS``) before saving by itself;
- the saves under way (``save_now`` returns those not finished, for the window to wait on);
- the line beside the words: "Not saved yet…" while typing, what the editor says once saved, and
  "Not saved — …" when a save failed;
- what a failure does: the words stay where they are and are marked unsaved again, the window
  is told (its banner gives the reason: a read-only vault, a full disk), and the next keystroke,
  ``save_now`` or the close of the window tries again. There is no retry on a timer: a vault that
  cannot be written would only say the same thing again and again.

The editor gives ``write``: called by ``save_now`` with the keys that waited (maybe none, for an
editor that checks something of its own such as an open wording), it starts each save with
``run``. Saving happens on the vault's worker; ``save_now`` only starts the saves and returns at
once, so the window (closing, locking) waits on the futures with ``wait_for_saves``.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from datetime import datetime
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel

from recovery_journal.domain.ports import Vault
from recovery_journal.i18n import _
from recovery_journal.ui.dates import time_text
from recovery_journal.ui.operations import Operations

T = TypeVar("T")

# The pause after the last keystroke before the words are saved by themselves: long enough not
# to save at every letter, short enough that closing the window seldom has anything to wait for.
AUTOSAVE_DELAY_MS = 700
WORDS = "words"  # the key of an editor with one text


def words_kept() -> str:
    return _("Not saved — your words are still here.")


def saved_at(moment: datetime) -> str:
    """What the label says once words are saved: when."""
    return _("Saved at {time}").format(time=time_text(moment))


class Autosave(QObject):
    """The unsaved words of one editor, the pause before saving them, and what the label says."""

    def __init__(
        self,
        operations: Operations,
        write: Callable[[set[str]], Any],
        label: QLabel | None = None,
        *,
        parent: QObject,
        not_saved: Callable[[], str] = words_kept,
        delay_ms: int = AUTOSAVE_DELAY_MS,
    ) -> None:
        """``write(keys)`` starts the saves of what waited (through ``run``); ``label`` shows
        how the words stand; ``not_saved`` is the sentence after a failure (its words:
        "answers" where the review has more than words)."""
        super().__init__(parent)
        self._operations = operations
        self._write = write
        self.label = label
        self._not_saved = not_saved
        self._dirty: set[str] = set()
        self._saves: list[Future[Any]] = []
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.save_now)

    # --- what waits ------------------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        """Whether any words wait to be saved (typed, or kept after a failed save)."""
        return bool(self._dirty)

    def is_dirty(self, key: str = WORDS) -> bool:
        return key in self._dirty

    def edited(self, key: str = WORDS) -> None:
        """Words were typed: say so, and save them once the typing pauses."""
        self._dirty.add(key)
        self.show(_("Not saved yet…"))
        self.timer.start()

    def mark(self, key: str = WORDS) -> None:
        """The words under ``key`` wait again (saved with the next save), without a word."""
        self._dirty.add(key)

    def stop(self) -> None:
        """No save at the end of this pause (the editor is being refilled); what waits, waits."""
        self.timer.stop()

    def forget(self, key: str | None = None) -> None:
        """Nothing to save under ``key`` (or at all) any more: the editor was emptied or
        refilled from the vault, or the words were deleted. The pause is stopped too."""
        self.timer.stop()
        if key is None:
            self._dirty.clear()
        else:
            self._dirty.discard(key)

    # --- saving ----------------------------------------------------------------------------------

    def save_now(self) -> list[Future[Any]]:
        """Start saving whatever waits, now (the pause, closing, locking, another day shown);
        the saves not finished yet, for the window to wait on (empty when none)."""
        self.timer.stop()
        keys, self._dirty = self._dirty, set()
        self._write(keys)
        self._saves = [future for future in self._saves if not future.done()]
        return list(self._saves)

    @property
    def saving(self) -> bool:
        """Whether a save started here has not finished yet."""
        return any(not future.done() for future in self._saves)

    def run(
        self,
        job: Callable[[Vault], T],
        on_saved: Callable[[T], Any] | None = None,
        *,
        key: str | None = WORDS,
        on_failed: Callable[[BaseException], bool] | None = None,
    ) -> Future[T]:
        """Start one save; if it fails, the words under ``key`` wait again (None: the editor
        keeps them its own way) and the label and the window say so.

        ``on_failed`` comes first and may answer False: the words are no longer wanted (deleted
        meanwhile), and nothing is said.
        """

        def failed(error: BaseException) -> None:
            if on_failed is not None and not on_failed(error):
                return
            if key is not None:
                self._dirty.add(key)
            self._operations.report(error)
            self.show(self._not_saved())

        # Owned by this autosave (a child of the page, gone with it): its announcement names it
        # as the initiator, so the page knows its own save.
        future = self._operations.run(job, on_saved, on_error=failed, owner=self)
        self._saves.append(future)
        return future

    # --- the label -------------------------------------------------------------------------------

    def show(self, text: str) -> None:
        if self.label is not None:
            self.label.setText(text)

    def saved(self, text: str) -> None:
        """A save is done: say ``text``, unless words typed since wait."""
        if not self._dirty:
            self.show(text)
