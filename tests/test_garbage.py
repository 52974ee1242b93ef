"""Reference cycles are freed on the GUI thread, never on the vault or charts thread (a Qt object
freed there deadlocked the suite once)."""

from __future__ import annotations

import gc
import threading
import weakref

from recovery_journal.ui.garbage import GuiGarbageCollector, collect_on_gui_thread


class Cycle:
    def __init__(self) -> None:
        self.me = self


def test_cycles_made_anywhere_are_freed_by_the_gui_threads_timer(qapp, qtbot):
    was_enabled = gc.isenabled()
    collect_on_gui_thread(qapp)
    collect_on_gui_thread(qapp)  # once is enough; a second call adds nothing
    try:
        assert len(qapp.findChildren(GuiGarbageCollector)) == 1
        assert not gc.isenabled()
        freed_on: list[str] = []
        cycle = Cycle()
        weakref.finalize(cycle, lambda: freed_on.append(threading.current_thread().name))
        del cycle

        kept: list[list[int]] = []

        def allocate() -> None:
            # Far past the thresholds: Python would collect here, on this thread, if allowed.
            kept.extend([n] for n in range(200_000))

        worker = threading.Thread(target=allocate, name="vault-like")
        worker.start()
        worker.join()
        assert freed_on == []
        qtbot.waitUntil(lambda: freed_on == [threading.main_thread().name], timeout=5_000)
        kept.clear()
    finally:
        if was_enabled:
            gc.enable()
