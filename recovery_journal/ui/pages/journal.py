"""The free journal page (being built)."""

from __future__ import annotations

from concurrent.futures import Future
from typing import Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from recovery_journal.ui.operations import Operations


class JournalPage(QWidget):
    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._operations = operations
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Journal"))

    def show_item(self, hit: Any) -> None:
        """Open the entry (or the day's note) a search result names."""

    def save_now(self) -> Future[Any] | None:
        return None
