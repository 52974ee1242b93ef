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


def test_what_lives_at_start_is_set_aside_and_later_garbage_still_goes(qapp, qtbot):
    from recovery_journal.ui.garbage import set_aside_long_lived

    was_enabled = gc.isenabled()
    try:
        collect_on_gui_thread(qapp)
        long_lived = Cycle()
        set_aside_long_lived()
        assert gc.get_freeze_count() > 0
        freed: list[bool] = []
        later = Cycle()
        weakref.finalize(later, lambda: freed.append(True))
        del later
        kept = [[n] for n in range(5_000)]  # past the first threshold
        qtbot.waitUntil(lambda: freed == [True], timeout=5_000)
        assert long_lived.me is long_lived
        del kept
    finally:
        gc.unfreeze()
        if was_enabled:
            gc.enable()
