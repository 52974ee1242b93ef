"""Runs service calls on the vault worker and broadcasts what they changed (Anki's operations)."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, wait
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Signal

from recovery_journal.domain.ports import Vault
from recovery_journal.errors import SavingSlow
from recovery_journal.services.changes import carried_by
from recovery_journal.services.worker import VaultClosed, VaultWorker
from recovery_journal.ui.bridge import release_on_gui, start_relay, when_done
from recovery_journal.ui.day_clock import DayClock
from recovery_journal.ui.journal_settings import HeldSettings

T = TypeVar("T")


class Operations(QObject):
    """The one place pages go to read or change the vault."""

    changed = Signal(object)  # Changes
    failed = Signal(object)  # the exception, already translated to a JournalError where possible

    def __init__(self, worker: VaultWorker, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        start_relay()  # here, on the GUI thread, before the first job can finish
        worker.release = release_on_gui  # a finished job may hold the last reference to a page
        self._pending = 0
        self.settings = HeldSettings(self)  # the journal's settings, as last read
        self.day = DayClock(self)  # the person's today, for every page

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def run(
        self,
        job: Callable[[Vault], T],
        on_result: Callable[[T], Any] | None = None,
        on_error: Callable[[BaseException], Any] | None = None,
        owner: QObject | None = None,
    ) -> Future[T]:
        """Run ``job`` off the GUI thread; on success announce to every page the changes its
        result says it made (a ``Changes``, or a ``Changed`` with its value: ``carried_by``).

        The callbacks are skipped once ``owner`` (usually the page asking) has been deleted, as
        happens to the old window when the language changes.
        """
        self._pending += 1

        def alive() -> bool:
            return owner is None or shiboken6.isValid(owner)

        def done(result: T) -> None:
            self._pending -= 1
            try:
                if on_result is not None and alive():
                    on_result(result)
            finally:
                made = carried_by(result)
                if made:
                    self.changed.emit(made.by(owner))

        def error(problem: BaseException) -> None:
            self._pending -= 1
            if on_error is not None and alive():
                on_error(problem)
            else:
                self.report(problem)  # nobody left to ask, or nobody asked

        future = self.worker.submit(job)
        when_done(future, done, error)
        return future

    def report(self, problem: BaseException) -> None:
        """Every page's window shows a failure, except the vault closing under a job: then the
        window is going away anyway."""
        if not isinstance(problem, VaultClosed):
            self.failed.emit(problem)


SAVE_WAIT_SECONDS = 10.0


def wait_for_saves(saves: list[Future[Any]]) -> BaseException | None:
    """Wait for the saves a ``save_now`` returned; return the first failure, if any.

    A save takes milliseconds, so waiting is not felt, and it is the only way to know the words
    are safe before the editor holding them goes away.
    """
    if not saves:
        return None
    done, not_done = wait(saves, timeout=SAVE_WAIT_SECONDS)
    for future in done:
        error = future.exception()
        if error is not None:
            return error
    if not_done:
        return SavingSlow("saving took too long")
    return None
