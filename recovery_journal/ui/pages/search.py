"""Search results page (being built)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from recovery_journal.ui.operations import Operations
from recovery_journal.ui.pages import Page


def page_for_kind(kind: str) -> Page:
    """The page that shows an item of this search kind."""
    return Page.JOURNAL


class SearchPage(QWidget):
    open_hit = Signal(object)  # services.search.SearchHit

    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._operations = operations
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Search"))

    def set_query(self, text: str) -> None:
        """Search for ``text`` (as typed in the window's search box)."""
