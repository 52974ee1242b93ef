"""Results from other threads, delivered on the GUI thread without those threads touching Qt.

A worker thread that emits a Qt signal holds the GIL while Qt takes its own locks (the
connection lists, the receiving thread's event queue). If the GUI thread holds one of those locks
at that moment and needs the GIL to release a Python slot (a dialog being deleted, say), neither
can go on: a deadlock that no timeout can interrupt (CI hung 90 minutes in the report tests).

So no Qt call is made off the GUI thread: callbacks go into a plain queue, and one byte written
to a socket pair wakes the GUI thread, whose QSocketNotifier runs them in order.

The same goes for freeing: a job or a callback that holds the last reference to a widget (a
dialog closed while its PDF was still being drawn) would delete that widget on the thread that
drops it. So jobs and callbacks travel in a box that is emptied on the GUI thread only.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, QSocketNotifier

if TYPE_CHECKING:
    # Imported where they are made: the first window does not need them (about 4 ms).
    from concurrent.futures import Executor, Future, ThreadPoolExecutor
    from queue import SimpleQueue

T = TypeVar("T")


class _Relay(QObject):
    def __init__(self) -> None:
        super().__init__()
        from queue import SimpleQueue  # here, as socket below

        self._callbacks: SimpleQueue[Callable[[], None]] = SimpleQueue()
        import socket  # here, not at the top: the first window does not need it

        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._run_waiting)

    def post(self, callback: Callable[[], None]) -> None:
        """From any thread: run ``callback`` on the GUI thread soon, after those posted before."""
        self._callbacks.put(callback)
        try:
            self._writer.send(b"\0")
        except (BlockingIOError, InterruptedError):
            pass  # the socket is full of wake-ups already: the GUI thread will drain the queue

    def _run_waiting(self) -> None:
        try:
            while self._reader.recv(4096):
                pass
        except (BlockingIOError, InterruptedError):
            pass
        # The GUI thread is the one taker, so a queue not empty here still has one to take.
        while not self._callbacks.empty():
            callback = self._callbacks.get_nowait()
            try:
                callback()
            except Exception:
                # As an exception in a slot: reported (and failed by pytest-qt), the rest still run.
                sys.excepthook(*sys.exc_info())


_relay: _Relay | None = None


def _get_relay() -> _Relay:
    global _relay
    if _relay is None:
        # Its notifier must belong to the GUI thread: start_relay() (called by Operations and
        # run_off_gui, on the GUI thread, before any job can finish) makes sure of it.
        if threading.current_thread() is not threading.main_thread():
            raise RuntimeError("the GUI relay must be started on the GUI thread first")
        _relay = _Relay()
    return _relay


def start_relay() -> None:
    """Make the relay now, on the GUI thread, before a worker could need it."""
    _get_relay()


def post_to_gui(callback: Callable[[], None]) -> None:
    """Run ``callback`` on the GUI thread; safe to call from any thread."""
    _get_relay().post(callback)


def release_on_gui(box: list[Any]) -> None:
    """Empty ``box`` now and let its contents go on the GUI thread; safe from any thread."""
    held = box.copy()
    box.clear()
    post_to_gui(held.clear)


@cache
def own_thread(name: str) -> ThreadPoolExecutor:
    """The one thread of its own that a kind of long work runs on (the charts, the report's
    drawing), made when first asked for; a job there waits for the one before."""
    from concurrent.futures import ThreadPoolExecutor

    return ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)


def run_off_gui(executor: Executor, job: Callable[..., T], *args: Any) -> Future[T]:
    """``executor.submit(job, *args)``, but ``job`` and ``args`` are freed on the GUI thread."""
    start_relay()
    box: list[Any] = [job, args]

    def run() -> T:
        try:
            return box[0](*box[1])
        finally:
            release_on_gui(box)

    return executor.submit(run)


def when_done(
    future: Future[T],
    on_result: Callable[[T], Any] | None = None,
    on_error: Callable[[BaseException], Any] | None = None,
) -> None:
    """Call ``on_result`` or ``on_error`` on the GUI thread once ``future`` settles."""
    relay = _get_relay()
    # The future keeps ``settled`` and may be dropped last on the worker; the box it reads from is
    # emptied here, on the GUI thread, so the callbacks (and the widgets they hold) die here.
    box: list[Any] = [on_result, on_error]

    def settled(done: Future[T]) -> None:
        def deliver() -> None:
            result_callback, error_callback = box
            box.clear()
            error = done.exception()
            if error is not None:
                if error_callback is not None:
                    error_callback(error)
                else:
                    raise error
            elif result_callback is not None:
                result_callback(done.result())

        relay.post(deliver)

    future.add_done_callback(settled)
