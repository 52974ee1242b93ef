"""Futures from the vault worker, delivered back on the GUI thread as queued signals."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, Signal

T = TypeVar("T")


class _Relay(QObject):
    deliver = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        # Queued: the worker thread emits, the GUI thread runs the callback.
        self.deliver.connect(self._run, Qt.ConnectionType.QueuedConnection)

    def _run(self, callback: Callable[[], None]) -> None:
        callback()


_relay: _Relay | None = None


def _get_relay() -> _Relay:
    global _relay
    if _relay is None:
        _relay = _Relay()
    return _relay


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

        relay.deliver.emit(deliver)

    future.add_done_callback(settled)
