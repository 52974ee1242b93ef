"""PySide6 6.12.0 on CPython 3.11 dropped a reference to None on each void Qt call (PITFALLS.md)."""

from __future__ import annotations

import sys

import PySide6
from PySide6.QtWidgets import QLabel


def test_pinned_pyside_is_the_known_good_one():
    assert PySide6.__version__ == "6.11.3", "re-run the None refcount check before moving the pin"


def test_void_qt_calls_keep_none_refcount(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for index in range(1000):
        label.setText(str(index))
    after = sys.getrefcount(None)
    # Immortal None (3.12+) reports a huge constant; on 3.11 a leak shows as a drop of ~1000.
    assert abs(after - before) < 50
