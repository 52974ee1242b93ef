"""Results from other threads, delivered on the GUI thread without those threads touching Qt.

A worker thread that emits a Qt signal holds the GIL while Qt takes its own locks (the
connection lists, the receiving thread's event queue). If the GUI thread holds one of those locks
at that moment and needs the GIL to release a Python slot (a dialog being deleted, say), neither
can go on: a deadlock that no timeout can interrupt (CI hung 90 minutes in the report tests).

So no Qt call is made off the GUI thread: callbacks go into a plain queue, and one byte written
to a socket pair wakes the GUI thread, whose QSocketNotifier runs them in order.
"""

from __future__ import annotations

import socket
import sys
from collections.abc import Callable
from concurrent.futures import Future
from queue import Empty, SimpleQueue
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QSocketNotifier

T = TypeVar("T")


class _Relay(QObject):
    def __init__(self) -> None:
        super().__init__()
        self._callbacks: SimpleQueue[Callable[[], None]] = SimpleQueue()
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
        while True:
            try:
                callback = self._callbacks.get_nowait()
            except Empty:
                return
            try:
                callback()
            except Exception:
                # As an exception in a slot: reported (and failed by pytest-qt), the rest still run.
                sys.excepthook(*sys.exc_info())


_relay: _Relay | None = None


def _get_relay() -> _Relay:
    global _relay
    if _relay is None:
        _relay = _Relay()  # made on the GUI thread: the first when_done is always called there
    return _relay


def post_to_gui(callback: Callable[[], None]) -> None:
    """Run ``callback`` on the GUI thread; safe to call from any thread."""
    _get_relay().post(callback)


def when_done(
    future: Future[T],
    on_result: Callable[[T], Any] | None = None,
    on_error: Callable[[BaseException], Any] | None = None,
) -> None:
    """Call ``on_result`` or ``on_error`` on the GUI thread once ``future`` settles."""
    relay = _get_relay()

    def settled(done: Future[T]) -> None:
        def deliver() -> None:
            error = done.exception()
            if error is not None:
                if on_error is not None:
                    on_error(error)
                else:
                    raise error
            elif on_result is not None:
                on_result(done.result())

        relay.post(deliver)

    future.add_done_callback(settled)
