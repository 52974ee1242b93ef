"""One thread owns the vault; everyone else hands it jobs and gets futures back.

sqlcipher3 connections refuse use from another thread, and key derivation takes about 0.1 s, so
the GUI never touches the vault itself (Electrum's sql_db and Picard's run_task work the same way).
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar, cast

from recovery_journal.domain.ports import Vault

T = TypeVar("T")


class VaultClosed(RuntimeError):
    """A job arrived while no vault was open (for example just after locking)."""


def _release_frames(error: BaseException) -> None:
    """Drop the local variables of the frames a failed job left in its traceback.

    The future carries the exception to the GUI thread. Its traceback keeps the job's frames
    alive, and with them cursors and connections; collected later by the GUI thread's garbage
    collector, finalising one needs the connection's mutex, which the worker may hold mid-query
    while it waits for the GIL the collector holds: a deadlock (seen once in CI). Cleared here,
    they are freed on the worker thread, where they belong.
    """
    seen: set[int] = set()
    pending: list[BaseException | None] = [error]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        traceback.clear_frames(current.__traceback__)
        pending += [current.__cause__, current.__context__]


def _guarded(job: Callable[[], T]) -> Callable[[], T]:
    def run() -> T:
        try:
            return job()
        except BaseException as error:
            _release_frames(error)
            raise

    return run


def _drop_here(box: list[object]) -> None:
    box.clear()


class VaultWorker:
    def __init__(self, release: Callable[[list[object]], None] = _drop_here) -> None:
        """``release`` empties a box holding a finished job, wherever the job may be freed.

        A job can hold the last reference to a window object (a page closed meanwhile); the GUI
        passes a ``release`` that frees it on the GUI thread, not here.
        """
        # max_workers=1 is the point: every job, the open and the close run on the same thread.
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="vault")
        self._vault: Vault | None = None
        self._shut_down = False
        self.release = release

    def _schedule(self, job: Callable[[], T]) -> Future[T]:
        if self._shut_down:
            # Late requests (a page refreshing while the app quits) get a clear, ignorable answer.
            refused: Future[T] = Future()
            refused.set_exception(VaultClosed("the vault worker has shut down"))
            return refused
        box: list[object] = [_guarded(job)]
        release = self.release

        def run() -> T:
            try:
                return cast(Callable[[], T], box[0])()
            finally:
                release(box)

        return self._executor.submit(run)

    def open(self, opener: Callable[[], Vault]) -> Future[None]:
        """Run ``opener`` (which derives the key) on the worker and keep the vault it returns."""

        def job() -> None:
            if self._vault is not None:
                self._vault.close()
                self._vault = None
            self._vault = opener()

        return self._schedule(job)

    def submit(self, job: Callable[[Vault], T]) -> Future[T]:
        def run() -> T:
            vault = self._vault
            if vault is None:
                raise VaultClosed("no vault is open")
            try:
                return job(vault)
            except Exception as error:
                translated = vault.translate_error(error)
                if translated is error:
                    raise
                raise translated from error

        return self._schedule(run)

    def replace(self, job: Callable[[Vault], tuple[Vault, T]]) -> Future[T]:
        """Run ``job``, which closes the open vault and opens it again (a passphrase change)."""

        def run() -> T:
            vault = self._vault
            if vault is None:
                raise VaultClosed("no vault is open")
            self._vault = None  # until the job hands back the vault open again
            reopened, result = job(vault)
            self._vault = reopened
            return result

        return self._schedule(run)

    def close(self) -> Future[None]:
        def job() -> None:
            if self._vault is not None:
                self._vault.close()
                self._vault = None

        return self._schedule(job)

    def shutdown(self) -> None:
        """Close the vault and wait for every queued job, so no save is lost on quit."""
        if self._shut_down:
            return
        self.close()
        self._shut_down = True
        self._executor.shutdown(wait=True)
