"""Results from other threads reach the GUI thread in order, without those threads calling Qt."""

from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor

from recovery_journal.ui.bridge import post_to_gui, when_done


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
