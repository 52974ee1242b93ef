"""Cyclic garbage is collected on the GUI thread only.

Python's collector runs on whichever thread happens to allocate. When it frees a Qt object
there (a closed window caught in a reference cycle), the C++ destructor takes Qt's locks on the
vault or charts thread and then waits for the GIL, while the GUI thread holds the GIL and waits
for the same locks: a deadlock (seen in the test suite). So, as Anki does, automatic collection
is off and a timer on the GUI thread collects whenever Python's own thresholds say it is due.
"""

from __future__ import annotations

import ctypes
import gc
from functools import cache
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from recovery_journal.ui.bridge import when_done

if TYPE_CHECKING:
    from concurrent.futures import Future  # the first window does without it

CHECK_MS = 500
_INSTALLED = "recovery_journal_gui_collector"
# Work under way on another thread that makes objects to keep (matplotlib's import): no
# collection until it is over (set_aside_after).
_holding: set[Future[Any]] = set()


class GuiGarbageCollector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self._timer.start(CHECK_MS)

    def check(self) -> None:
        if _holding:
            return
        # The same generations Python would have collected, only here.
        young, middle, old = gc.get_count()
        if young > self.threshold[0]:
            gc.collect(0)
            if middle > self.threshold[1]:
                gc.collect(1)
                if old > self.threshold[2]:
                    gc.collect(2)


def set_aside_long_lived() -> None:
    """Collect once, then leave everything alive now out of later collections (gc.freeze).

    Called on the GUI thread once the window is up: modules, Qt wrappers and pages live as long
    as the app, and skipping them keeps each later full collection short instead of a pause.
    """
    gc.collect()
    gc.freeze()


def collect_on_gui_thread(app: QCoreApplication) -> None:
    """Install the collector once for ``app``."""
    # A property, not findChild: that walks the children in Python (10 ms before the first window).
    if not app.property(_INSTALLED):
        GuiGarbageCollector(app)
        app.setProperty(_INSTALLED, True)


def set_aside_after(future: Future[Any]) -> None:
    """No collection until ``future`` settles; then everything alive is set aside (gc.freeze)
    without a collection. Call on the GUI thread.

    For work on another thread that makes a great many objects to keep, as matplotlib's import
    (some 90,000 that the collector tracks): a collection of the young generation in the middle
    of it stalled the GUI thread 20-25 ms, to find nothing dead.
    """
    _holding.add(future)

    def over(_outcome: object) -> None:
        _holding.discard(future)
        if not _holding:
            gc.freeze()

    when_done(future, over, over)


@cache
def _malloc_trim() -> Any:
    try:
        return ctypes.CDLL("libc.so.6").malloc_trim  # glibc only
    except (OSError, AttributeError):
        return None


def return_freed_memory() -> None:
    """Collect, then hand what the C allocator holds free back to the system (glibc's
    malloc_trim; elsewhere only the collection). Call on the GUI thread, after letting go of
    something big: glibc kept what a page of charts had freed (10-17 MiB) counted against the
    app."""
    gc.collect()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
