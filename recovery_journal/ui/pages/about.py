"""About: what the app is, what it keeps private, and that no fellowship stands behind it."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from recovery_journal import APP_NAME, __version__
from recovery_journal.i18n import _
from recovery_journal.ui.labels import heading, wrapped


class AboutPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = heading(f"{APP_NAME} {__version__}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(title)
        for number, text in enumerate(
            (
                _(
                    "A private notebook for working a twelve-step programme. Everything you "
                    "write stays encrypted on this computer and never goes to the network."
                ),
                _(
                    "This app is not affiliated with, endorsed by or connected to any "
                    "twelve-step fellowship."
                ),
                _(
                    "The guidance for each step is written in our own words. For your fellowship's "
                    "own wording and literature, use its books and pamphlets; you can reword each "
                    "step in the app to match them."
                ),
                _("It is free software: you can read, share and change it."),
            )
        ):
            paragraph = wrapped(text)
            paragraph.setObjectName(f"paragraph_{number}")
            layout.addWidget(paragraph)
        layout.addStretch(1)
