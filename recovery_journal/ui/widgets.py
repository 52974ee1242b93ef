"""The few label styles every page uses (a bold heading, a paragraph that wraps), a window's
first size that fits the screen, and the conversion between Python's dates and Qt's."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QSize, Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QLabel, QLayout, QWidget

PAGE_HEADING = 1.6
DIALOG_HEADING = 1.35
TITLE_BAR = 40  # room left on the screen for a window's frame, which is not known before it shows


def heading(text: str = "", scale: float = PAGE_HEADING) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def wrapped(text: str = "", *, selectable: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Give a window its first size, made smaller where the screen is smaller (1024x700, say)."""
    parent = window.parentWidget()
    anchor = parent.window() if parent is not None else window
    # Not QWidget.screen(): PySide ties the screen's wrapper to that widget's life.
    screen = QGuiApplication.screenAt(anchor.geometry().center()) or QGuiApplication.primaryScreen()
    room = screen.availableGeometry().size() - QSize(0, TITLE_BAR)
    window.resize(QSize(width, height).boundedTo(room))


def clear_layout(layout: QLayout) -> None:
    """Remove and delete every widget a layout holds (for forms rebuilt from new data)."""
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.deleteLater()


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())
