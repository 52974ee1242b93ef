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


def test_no_collection_stalls_the_gui_thread_while_matplotlib_is_imported():
    """In a fresh interpreter: the collector's timer firing in the middle of matplotlib's import
    on the charts thread collects nothing (a collection there took 20-25 ms to find nothing
    dead); once the import is over, what it made is set aside, not collected."""
    from tests.conftest import in_fresh_python

    result = in_fresh_python(
        """
        import gc, sys, threading, time
        from PySide6.QtWidgets import QApplication
        from recovery_journal.ui import chart_view
        from recovery_journal.ui.garbage import GuiGarbageCollector, collect_on_gui_thread

        app = QApplication([])
        collect_on_gui_thread(app)
        collector = app.findChild(GuiGarbageCollector)
        on_gui_thread = []
        gc.callbacks.append(
            lambda phase, info: phase == "start"
            and threading.current_thread() is threading.main_thread()
            and on_gui_thread.append(info["generation"])
        )
        frozen = gc.get_freeze_count()
        warming = chart_view.warm_up()
        while "matplotlib.figure" not in sys.modules:
            time.sleep(0.001)
        time.sleep(0.05)  # well into the import: thousands of new objects
        young = gc.get_count()[0]
        collector.check()  # as its timer would
        assert young > collector.threshold[0], young
        assert on_gui_thread == [], on_gui_thread
        warming.result(timeout=60)
        deadline = time.monotonic() + 10
        while gc.get_freeze_count() <= frozen:
            assert time.monotonic() < deadline, "not set aside"
            app.processEvents()
            time.sleep(0.005)
        assert on_gui_thread == [], on_gui_thread
        assert gc.get_count()[0] < collector.threshold[0]
        print("ok")
        """
    )
    assert result.stdout.strip() == "ok"
