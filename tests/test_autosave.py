"""The one autosave every editor uses: typing waits for a pause, save_now saves at once, a failed
save keeps the words and says so, the next try saves them, and a vault that cannot be written
refuses without a word being lost. Real widgets, a real vault on the worker thread."""

from __future__ import annotations

import errno
from collections.abc import Iterator
from concurrent.futures import Future
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from recovery_journal.errors import ReadOnlyVault
from recovery_journal.services.today import save_daily_note
from recovery_journal.services.worker import VaultWorker
from recovery_journal.store import create_vault, open_vault
from recovery_journal.ui.autosave import AUTOSAVE_DELAY_MS, Autosave, saved_at, words_kept
from recovery_journal.ui.operations import Operations, wait_for_saves
from tests.conftest import PASSPHRASE, TEST_KDF

DAY = date(2025, 3, 14)
WAIT = 5_000


class Editor(QWidget):
    """The smallest editor: one text, its label, saved as a day's note."""

    def __init__(self, operations: Operations) -> None:
        super().__init__()
        self.text = QPlainTextEdit()
        self.label = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.label)
        self.writes: list[set[str]] = []
        self.refuse: BaseException | None = None  # what the vault answers instead of saving
        self.autosave = Autosave(operations, self._write, self.label, parent=self)
        self.text.textChanged.connect(self.autosave.edited)

    def _write(self, keys: set[str]) -> None:
        self.writes.append(set(keys))
        if not keys:
            return
        words, refuse = self.text.toPlainText(), self.refuse

        def job(vault: Any) -> Any:
            if refuse is not None:
                raise refuse
            return save_daily_note(vault, DAY, words)

        self.autosave.run(
            job,
            lambda saved: self.autosave.saved(
                saved_at(saved.value.updated_at) if saved.value else ""
            ),
        )


class Opened:
    def __init__(
        self, editor: Editor, worker: VaultWorker, operations: Operations, path: Path
    ) -> None:
        self.editor = editor
        self.path = path
        self.worker = worker
        self.operations = operations
        self.failures: list[BaseException] = []
        operations.failed.connect(self.failures.append)

    def stored(self) -> str | None:
        note = self.worker.submit(lambda vault: vault.notes.get(DAY)).result(timeout=10)
        return None if note is None else note.text


@pytest.fixture
def opened(qtbot, vault_path) -> Iterator[Opened]:
    create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF).close()
    worker = VaultWorker()
    worker.open(lambda: open_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)).result()
    operations = Operations(worker)
    editor = Editor(operations)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    yield Opened(editor, worker, operations, vault_path)
    worker.shutdown()


def _settled(qtbot, opened: Opened) -> None:
    qtbot.waitUntil(lambda: not opened.operations.busy, timeout=WAIT)


def test_typing_saves_once_after_the_pause(qtbot, opened):
    editor = opened.editor
    qtbot.keyClicks(editor.text, "One day at a time")
    assert editor.label.text() == "Not saved yet…"
    assert editor.autosave.dirty
    assert editor.writes == []  # not a save for every letter
    qtbot.waitUntil(lambda: editor.label.text().startswith("Saved at"), timeout=WAIT)
    assert editor.writes == [{"words"}]  # one save for the whole sentence
    assert not editor.autosave.dirty
    assert opened.stored() == "One day at a time"


def test_the_pause_is_the_one_declared_delay(qtbot, opened):
    editor = opened.editor
    assert editor.autosave.timer.interval() == AUTOSAVE_DELAY_MS
    qtbot.keyClicks(editor.text, "a")
    assert editor.autosave.timer.isActive()
    qtbot.wait(AUTOSAVE_DELAY_MS // 2)
    qtbot.keyClicks(editor.text, "b")  # a keystroke starts the pause again
    qtbot.wait(AUTOSAVE_DELAY_MS // 2 + 100)
    assert editor.writes == []
    qtbot.waitUntil(lambda: editor.writes == [{"words"}], timeout=WAIT)


def test_save_now_saves_at_once_and_returns_what_to_wait_for(qtbot, opened):
    editor = opened.editor
    assert editor.autosave.save_now() == []  # nothing typed: nothing to wait for
    qtbot.keyClicks(editor.text, "Typed just before the lock")
    saves = editor.autosave.save_now()  # within the pause, as the window does when it locks
    assert not editor.autosave.timer.isActive()
    assert len(saves) == 1 and isinstance(saves[0], Future)
    assert wait_for_saves(saves) is None
    assert opened.stored() == "Typed just before the lock"
    _settled(qtbot, opened)
    assert editor.autosave.save_now() == []  # all saved now
    assert editor.label.text().startswith("Saved at")


def test_a_failed_save_keeps_the_words_says_so_and_the_next_try_saves_them(qtbot, opened):
    editor = opened.editor
    editor.refuse = OSError(errno.EIO, "Input/output error")  # a disk's moment of trouble
    qtbot.keyClicks(editor.text, "Words that must not be lost")
    qtbot.waitUntil(lambda: editor.label.text() == words_kept(), timeout=WAIT)
    assert editor.label.text() == "Not saved — your words are still here."
    assert editor.autosave.dirty  # still waiting: closing would try again
    assert editor.text.toPlainText() == "Words that must not be lost"
    assert len(opened.failures) == 1  # the window is told once, for its banner
    writes = len(editor.writes)
    qtbot.wait(AUTOSAVE_DELAY_MS * 2)
    assert len(editor.writes) == writes  # no retry on a timer, no banner again and again
    editor.refuse = None  # the disk is well again
    assert wait_for_saves(editor.autosave.save_now()) is None  # the close of the window
    _settled(qtbot, opened)
    assert not editor.autosave.dirty
    assert editor.label.text().startswith("Saved at")
    assert opened.stored() == "Words that must not be lost"


def test_a_vault_that_cannot_be_written_refuses_and_every_word_stays(qtbot, opened, vault_path):
    editor = opened.editor
    editor.refuse = ReadOnlyVault(vault_path, "file")
    qtbot.keyClicks(editor.text, "Written where nothing can be kept")
    qtbot.waitUntil(lambda: editor.label.text() == words_kept(), timeout=WAIT)
    assert editor.text.toPlainText() == "Written where nothing can be kept"
    assert editor.autosave.dirty
    (failure,) = opened.failures
    assert isinstance(failure, ReadOnlyVault)  # the banner's reason: "read-only"
    # Closing asks again and is refused again; the words are still on screen, still unsaved.
    error = wait_for_saves(editor.autosave.save_now())
    assert isinstance(error, ReadOnlyVault)
    _settled(qtbot, opened)
    assert editor.label.text() == "Not saved — your words are still here."
    assert editor.text.toPlainText() == "Written where nothing can be kept"
    assert editor.autosave.dirty
    assert opened.stored() is None


def test_keys_wait_apart_and_forget_drops_only_one(qtbot, opened):
    editor = opened.editor
    autosave: Autosave = editor.autosave
    autosave.edited("answer_1")
    autosave.mark("notes")
    assert autosave.is_dirty("answer_1") and autosave.is_dirty("notes")
    autosave.forget("answer_1")
    assert not autosave.timer.isActive()
    assert autosave.dirty and not autosave.is_dirty("answer_1")
    autosave.save_now()
    assert editor.writes[-1] == {"notes"}
    assert not autosave.dirty


def test_a_failure_no_longer_wanted_says_nothing(qtbot, opened):
    """An editor whose words were deleted meanwhile: the late failure marks and says nothing."""
    editor = opened.editor
    autosave: Autosave = editor.autosave
    editor.label.setText("Entry deleted.")

    def job(_vault: Any) -> None:
        raise ReadOnlyVault(opened.path, "file")

    wanted: list[bool] = []
    future = autosave.run(job, key="gone", on_failed=lambda _error: bool(wanted))
    assert wait_for_saves([future]) is not None
    _settled(qtbot, opened)
    assert not autosave.dirty
    assert opened.failures == []
    assert editor.label.text() == "Entry deleted."
