"""The exchanges through a shared folder while the journal is open (issue 24; services/sync.py).

An exchange runs on the vault's one worker, never two at once:
- right after the journal is unlocked;
- when the folder changes (a sync program brought another computer's file), once it has been
  quiet for FOLDER_QUIET_MS, and only when another computer's file changed
  (services/sync.others_state);
- every EXCHANGE_EVERY_MS, which also sends what was written here;
- before the journal locks or the app closes (``before_closing``), never holding either up.

What the person is typing is saved first (the window's ``save_pending``); when it cannot be
saved the exchange waits for the next turn. What arrived is announced to every page as
``Changes.everything()``, as an import is, with a quiet line in the banner.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from recovery_journal.domain.clock import from_iso, utc_now
from recovery_journal.errors import SyncFileOtherPassphrase
from recovery_journal.i18n import _, ngettext
from recovery_journal.services.changes import Changed, Changes
from recovery_journal.services.sync import (
    SUFFIX,
    Exchange,
    FolderState,
    exchange,
    last_arrived,
    others_state,
    share_through,
    shared_folder,
    stop_sharing,
    this_computer,
)
from recovery_journal.ui.dates import date_text, time_text
from recovery_journal.ui.messages import error_sentence

if TYPE_CHECKING:
    from recovery_journal.domain.ports import Vault, VaultStore
    from recovery_journal.services.worker import VaultWorker
    from recovery_journal.ui.main_window import MainWindow
    from recovery_journal.ui.operations import Operations

FOLDER_QUIET_MS = 2_000  # a sync program writes a file in bursts: wait for it to finish
EXCHANGE_EVERY_MS = 5 * 60 * 1000


@dataclass(frozen=True, slots=True)
class Shared:
    """Whether the journal is shared, and through which folder, as read on the worker."""

    folder: Path | None
    arrived: str | None  # when the other computers' changes last arrived (ISO, UTC)
    own: str  # this computer's file's name in the folder
    writable: bool = True  # False: the journal opened for reading only; no exchange can be kept


@dataclass(frozen=True, slots=True)
class Exchanged:
    done: Exchange
    shared: Shared
    state: FolderState  # the other computers' files as this exchange found them


def _shared(vault: Vault) -> Shared:
    folder = shared_folder(vault)
    if vault.cannot_write:
        # Nothing an exchange brings could be kept (the window says why nothing can be saved).
        return Shared(folder, last_arrived(vault), "", writable=False)
    own = f"{this_computer(vault)}{SUFFIX}" if folder is not None else ""
    return Shared(folder, last_arrived(vault), own)


def _after(done: Exchange, vault: Vault) -> Changed[Exchanged]:
    shared = _shared(vault)
    state = others_state(shared.folder, shared.own) if shared.folder else frozenset()
    # What came from another computer can be on any page: every page reads again.
    changes = Changes.everything() if done.arrived else Changes()
    return Changed(Exchanged(done, shared, state), changes)


def arrival_line(arrived: str | None, now: datetime | None = None) -> str:
    """The window's line about the other computer, in local time."""
    if arrived is None:
        return _("Nothing has come from your other computer yet.")
    moment = from_iso(arrived).astimezone()
    today = (now or datetime.now().astimezone()).astimezone().date()
    at = time_text(moment)
    if moment.date() == today:
        return _("Your other computer's changes arrived at {time}.").format(time=at)
    if (today - moment.date()).days == 1:
        return _("Your other computer's changes arrived yesterday at {time}.").format(time=at)
    return _("Your other computer's changes arrived on {date}.").format(
        date=date_text(moment.date())
    )


def arrivals_sentence(count: int) -> str:
    return ngettext(
        "{n} entry came from your other computer.",
        "{n} entries came from your other computer.",
        count,
    ).format(n=count)


class Sharing(QObject):
    """Keeps one open journal in step with the shared folder; one for the app's whole run."""

    changed = Signal()  # the folder, or when changes last arrived: the dialog shows them again
    passphrase_wanted = Signal(str)  # the sentence: another computer changed the passphrase
    finished = Signal()  # an exchange ended (or could not start): the dialog is no longer busy

    def __init__(self, operations: Operations, store: VaultStore, parent: QObject | None = None):
        super().__init__(parent)
        self._operations = operations
        self._store = store
        self._window: MainWindow | None = None
        self.folder: Path | None = None
        self.arrived: str | None = None
        self._own = ""
        self._active = False  # exchanging for this unlock (after the first read of the folder)
        self._running = False
        self._again = False  # asked for while one ran: one more after it
        self._state: FolderState | None = None  # the others' files at the last exchange
        self._told: set[str] = set()  # sentences said already this session (skipped files)
        self._choices_seen = 0  # records waiting for a choice at the last exchange
        self._asked = False  # the new passphrase asked for already this session
        self._quiet = QTimer(self)
        self._quiet.setSingleShot(True)
        self._quiet.setInterval(FOLDER_QUIET_MS)
        self._quiet.timeout.connect(self._folder_changed)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(lambda _path: self._quiet.start())
        self._timer = QTimer(self)
        self._timer.setInterval(EXCHANGE_EVERY_MS)
        self._timer.timeout.connect(self._every_while)

    @property
    def running(self) -> bool:
        return self._running

    @property
    def window(self) -> MainWindow | None:
        """The window showing the journal; None while there is none (the window is closed
        for a restore, before the new one shows: a closed window is deleted)."""
        window = self._window
        return window if window is not None and shiboken6.isValid(window) else None

    # --- the window --------------------------------------------------------------------------

    def attach(self, window: MainWindow) -> None:
        """A window shows the journal (after an unlock, or rebuilt for a new language): its line
        says when changes arrived, and after an unlock an exchange runs at once."""
        self._window = window
        self._show_line()
        self._operations.run(_shared, self._read, owner=self)

    def _read(self, shared: Shared) -> None:
        self._take(shared)
        if shared.folder is not None and shared.writable and not self._active:
            self._start_watching()
            self.exchange()

    def _take(self, shared: Shared) -> None:
        self.folder, self.arrived, self._own = shared.folder, shared.arrived, shared.own
        self._show_line()
        self.changed.emit()

    def _show_line(self) -> None:
        window = self.window
        if window is not None:
            window.show_sync_line(arrival_line(self.arrived) if self.folder else "")

    def _start_watching(self) -> None:
        self._active = True
        self._stop_watching()
        if self.folder is not None:
            self._watcher.addPath(str(self.folder))
        self._timer.start()

    def _stop_watching(self) -> None:
        self._quiet.stop()
        self._timer.stop()
        if self._watcher.directories():
            self._watcher.removePaths(self._watcher.directories())

    # --- exchanging --------------------------------------------------------------------------

    def exchange(self, *, asked: bool = False) -> None:
        """One exchange on the worker, unless one is running (then one more after it).
        ``asked``: the person asked for it (a new passphrase is asked for again)."""
        if self.folder is None:
            self.finished.emit()
            return
        if self._running:
            self._again = True
            return
        window = self.window
        if window is not None and not window.save_pending():
            # The words typed could not be saved (the banner says why): at the next turn.
            self.finished.emit()
            return
        self._running = True
        store = self._store

        def job(vault: Vault) -> Changed[Exchanged]:
            return _after(exchange(vault, store, utc_now()), vault)

        self._operations.run(
            job,
            lambda result: self._exchanged(result, asked=asked),
            on_error=self._failed,
            owner=self,
        )

    def _every_while(self) -> None:
        self._show_line()  # "yesterday" after midnight
        self.exchange()

    def _folder_changed(self) -> None:
        """The folder changed: exchange only when another computer's file did (the change may be
        this computer's own file, or a sync program's temporary)."""
        folder, own, seen = self.folder, self._own, self._state
        if folder is None or self._running:
            if self._running:
                self._quiet.start()  # looked at again once this exchange is done
            return
        self._operations.run(
            lambda _vault: others_state(folder, own),
            lambda state: self.exchange() if state != seen else None,
            on_error=lambda _error: None,
            owner=self,
        )

    def _exchanged(self, result: Changed[Exchanged], *, asked: bool = False) -> None:
        self._running = False
        found = result.value
        self._state = found.state
        if self._active or found.shared.folder is None:
            self._take(found.shared)
        self._say(found.done, asked=asked)
        if self._again:
            self._again = False
            QTimer.singleShot(0, self, self.exchange)
        else:
            self.finished.emit()

    def _failed(self, error: BaseException) -> None:
        self._running = False
        self.finished.emit()
        sentence = error_sentence(error)
        window = self.window
        if sentence not in self._told and window is not None:
            self._told.add(sentence)  # a folder gone: said once, not every five minutes
            window.show_banner(sentence)

    def _say(self, done: Exchange, *, asked: bool = False) -> None:
        """Into the banner: what arrived, and each file skipped, said once a session (an
        exchange every five minutes would otherwise say it again and again)."""
        fresh = [
            sentence
            for problem in done.skipped
            if not isinstance(problem, SyncFileOtherPassphrase)
            and (sentence := problem.message()) not in self._told
        ]
        sentences = ([arrivals_sentence(done.arrived)] if done.arrived else []) + fresh
        window = self.window
        if window is not None:
            # What waits for a choice between two versions: the menu entry follows, and the
            # banner offers Compare… when it has nothing else to say.
            # Said when more wait than before, not again every five minutes.
            grew = done.to_choose > self._choices_seen
            self._choices_seen = done.to_choose
            window.show_written_twice(done.to_choose, announce=grew and not sentences)
            # A notice that still matters (a damaged vault, words not saved) stays in sight: the
            # arrival is said by the line under the pages too, and a skipped file next time.
            if sentences and not window.banner.holds_notice():
                self._told.update(fresh)
                # Only the arrival is news that goes by itself; a file skipped stays until closed.
                window.show_banner(" ".join(sentences), news=not fresh)
        if done.other_passphrase and (asked or not self._asked):
            self._asked = True
            other = next(p for p in done.skipped if isinstance(p, SyncFileOtherPassphrase))
            self.passphrase_wanted.emit(other.message())

    # --- asked for in the dialogs ------------------------------------------------------------

    def share(
        self,
        folder: Path,
        passphrase: str,
        done: Callable[[], Any],
        failed: Callable[[BaseException], Any],
    ) -> None:
        """Start sharing through ``folder`` (joining when the journal is empty), or take the
        passphrase changed on another computer; then exchange as usual."""
        window = self.window
        if window is not None:
            # Queued before the exchange (one worker, in order); a save that fails says so in
            # the banner and keeps its words on screen.
            window.save_pending()
        store = self._store

        def job(vault: Vault) -> Changed[Exchanged]:
            return _after(share_through(vault, store, folder, passphrase, utc_now()), vault)

        def shared(result: Changed[Exchanged]) -> None:
            self._state = result.value.state
            self._take(result.value.shared)
            self._start_watching()
            self._say(result.value.done)
            done()

        self._operations.run(job, shared, on_error=failed, owner=self)

    def stop(self, done: Callable[[], Any]) -> None:
        def stopped(shared: Shared) -> None:
            self._stop_watching()
            self._active = False
            self._take(shared)
            done()

        def job(vault: Vault) -> Shared:
            stop_sharing(vault)
            return _shared(vault)

        self._operations.run(job, stopped, owner=self)

    # --- locking and closing -----------------------------------------------------------------

    def before_closing(self, worker: VaultWorker) -> None:
        """The window is closed (its words saved): one last exchange, queued before the vault
        closes. A failure is left for the next unlock; the lock or the close goes on."""
        self._stop_watching()
        folder = self.folder if self._active else None  # not for a journal open read-only
        self._window = None
        self._active = self._running = self._again = False
        self.folder = None
        if folder is None:
            return
        store = self._store

        def job(vault: Vault) -> None:
            try:
                exchange(vault, store, utc_now())
            except Exception:  # noqa: BLE001 - never in the way of the lock; next time
                return

        worker.submit(job)
