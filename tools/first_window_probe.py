"""Start a program and report the moment its first window is on screen, then stop it at once.

Usage: python tools/first_window_probe.py STARTED TARGET [MODULES_JSON]
STARTED is time.time() taken before the spawn; TARGET is "bare" (a PySide6 program showing an
empty QMainWindow, the benchmark's baseline) or a vault path (`recovery-journal --vault PATH`,
through its own entry point, ``launch.main``).
Prints one JSON line: seconds since STARTED, the window's class, which of MODULES_JSON (a JSON
list of module names) were imported by then, and whether Qt's namespace was made by then. Used
by tools/bench.py (cold start) and tests/test_startup.py (what the first window waits for).
"""

import json
import os
import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

started = float(sys.argv[1])
target = sys.argv[2]
watched = json.loads(sys.argv[3]) if len(sys.argv) > 3 else []


def watch() -> None:
    for widget in QApplication.topLevelWidgets():
        handle = widget.windowHandle()
        if widget.isVisible() and handle is not None and handle.isExposed():
            shown = {
                "seconds": time.time() - started,
                "window": type(widget).__name__,
                "imported": [name for name in watched if name in sys.modules],
                # Qt's namespace (``Qt.``) is made on first touch, about 20 ms of enums.
                "qt_namespace": "Qt" in vars(sys.modules["PySide6.QtCore"]),
            }
            print(json.dumps(shown), flush=True)
            os._exit(0)


original = QApplication.exec


def exec_(self: object = None) -> int:
    timer = QTimer()
    timer.timeout.connect(watch)
    timer.start(1)
    return original()


QApplication.exec = exec_  # type: ignore[method-assign, assignment]
if target == "bare":
    app = QApplication([])
    window = QMainWindow()
    window.show()
    app.exec()
else:
    from recovery_journal.launch import main

    main(["--vault", target])
