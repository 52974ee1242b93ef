"""The label styles every window uses: a bold heading, a paragraph that wraps (selectable or
not), and text shown as written. Light on purpose: the first window is built from these
(ui/start_order.py)."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel

PAGE_HEADING = 1.6
DIALOG_HEADING = 1.35


def heading(text: str = "", scale: float = PAGE_HEADING) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def literal(text: str) -> str:
    """``text`` as written, for a label with a buddy (or a button, a tab): an "&" the person or
    a question pack wrote is shown, not taken for a keyboard shortcut on the next letter."""
    return text.replace("&", "&&")


def wrapped(text: str = "", *, selectable: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if selectable:
        make_selectable(label)
    return label


def make_selectable(label: QLabel) -> None:
    from PySide6.QtCore import Qt  # not at the top: the first window does without it

    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
