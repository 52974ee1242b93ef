"""Results from other threads reach the GUI thread in order, without those threads calling Qt."""

from __future__ import annotations

import threading
import weakref
from concurrent.futures import Future, ThreadPoolExecutor

from recovery_journal.services.worker import VaultWorker
from recovery_journal.ui.bridge import post_to_gui, release_on_gui, run_off_gui, when_done


def test_callbacks_from_many_threads_run_on_the_gui_thread_in_order(qapp, qtbot):
    when_done(Future())  # the relay is made here, on the GUI thread
    seen: dict[int, list[int]] = {n: [] for n in range(4)}
    threads: set[str] = set()

    def note(sender: int, number: int) -> None:
        threads.add(threading.current_thread().name)
        seen[sender].append(number)

    def send(sender: int) -> None:
        for number in range(2000):
            post_to_gui(lambda s=sender, n=number: note(s, n))

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(send, range(4)))
    qtbot.waitUntil(lambda: all(len(numbers) == 2000 for numbers in seen.values()), timeout=10_000)
    assert threads == {threading.main_thread().name}
    assert all(numbers == list(range(2000)) for numbers in seen.values())


def test_a_future_settled_elsewhere_answers_on_the_gui_thread(qapp, qtbot):
    answers: list[tuple[str, object]] = []
    with ThreadPoolExecutor(1) as pool:
        good = pool.submit(lambda: 42)
        bad = pool.submit(lambda: 1 / 0)
    when_done(good, lambda value: answers.append((threading.current_thread().name, value)))
    when_done(bad, None, lambda error: answers.append((threading.current_thread().name, error)))
    qtbot.waitUntil(lambda: len(answers) == 2, timeout=5_000)
    main = threading.main_thread().name
    assert answers[0] == (main, 42)
    assert answers[1][0] == main and isinstance(answers[1][1], ZeroDivisionError)


class Held:
    """Stands for a dialog that only a job and its callbacks still refer to."""


def _watched(freed_on: list[str]) -> Held:
    held = Held()
    weakref.finalize(held, lambda: freed_on.append(threading.current_thread().name))
    return held


def test_a_job_and_its_callbacks_are_freed_on_the_gui_thread(qapp, qtbot):
    freed_on: list[str] = []
    started, finish = threading.Event(), threading.Event()
    with ThreadPoolExecutor(1, thread_name_prefix="charts") as pool:
        held = _watched(freed_on)

        def job(dialog: Held) -> None:
            started.set()
            finish.wait(5)

        future = run_off_gui(pool, job, held)
        when_done(future, lambda _none, dialog=held: None)
        started.wait(5)
        del held  # the window is closed while the job runs
        finish.set()
        qtbot.waitUntil(lambda: freed_on != [], timeout=5_000)
    assert freed_on == [threading.main_thread().name]


def test_the_vault_workers_finished_jobs_are_freed_where_it_is_told(qapp, qtbot):
    freed_on: list[str] = []
    worker = VaultWorker(release=release_on_gui)
    started, finish = threading.Event(), threading.Event()
    try:
        held = _watched(freed_on)

        def opener(dialog: Held = held) -> object:
            started.set()
            finish.wait(5)
            raise RuntimeError("no vault here")

        worker.open(opener)
        started.wait(5)
        del held, opener
        finish.set()
        qtbot.waitUntil(lambda: freed_on != [], timeout=5_000)
    finally:
        worker.shutdown()
    assert freed_on == [threading.main_thread().name]
