"""Runs service calls on the vault worker and broadcasts what they changed (Anki's operations)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from recovery_journal.domain.ports import Vault
from recovery_journal.services.changes import Changes
from recovery_journal.services.worker import VaultClosed, VaultWorker
from recovery_journal.ui.bridge import when_done

T = TypeVar("T")


class Operations(QObject):
    """The one place pages go to read or change the vault."""

    changed = Signal(object)  # Changes
    failed = Signal(object)  # the exception, already translated to a JournalError where possible

    def __init__(self, worker: VaultWorker, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self._pending = 0

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def run(
        self,
        job: Callable[[Vault], T],
        on_result: Callable[[T], Any] | None = None,
        changes: Changes | None = None,
        on_error: Callable[[BaseException], Any] | None = None,
    ) -> None:
        """Run ``job`` off the GUI thread; on success announce ``changes`` to every page."""
        self._pending += 1

        def done(result: T) -> None:
            self._pending -= 1
            if on_result is not None:
                on_result(result)
            if changes:
                self.changed.emit(changes)

        def error(problem: BaseException) -> None:
            self._pending -= 1
            if isinstance(problem, VaultClosed) and on_error is None:
                return  # the app is quitting or locked: there is nobody to tell
            if on_error is not None:
                on_error(problem)
            else:
                self.failed.emit(problem)

        when_done(self.worker.submit(job), done, error)
