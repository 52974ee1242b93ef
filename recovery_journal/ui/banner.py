"""The calm notice across the top of the window: news and problems, never a modal box.

It has a close button, and news that needs no action (an export written, a passphrase changed)
goes away by itself after a while; what still matters (a damaged vault, words not saved) stays
until the person closes it or something newer replaces it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from recovery_journal.i18n import _

NEWS_SECONDS = 15


class Banner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        # The same warm note in light and dark: text and background chosen together.
        self.setStyleSheet(
            "QFrame#banner { background: #fff4d6; }"
            "QFrame#banner QLabel, QFrame#banner QToolButton { color: #3d2e00; }"
        )
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setAccessibleName(_("Close this message"))
        self.close_button.setToolTip(_("Close this message"))
        self.close_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 6, 6, 6)
        layout.addWidget(self.label, stretch=1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self._fade = QTimer(self)
        self._fade.setSingleShot(True)
        self._fade.timeout.connect(self.dismiss)
        self.hide()

    def text(self) -> str:
        return self.label.text()

    def show_message(self, text: str, *, news: bool = False) -> None:
        """Show ``text`` (an empty one hides the banner); ``news`` goes away by itself."""
        self.label.setText(text)
        self.setVisible(bool(text))
        self.label.setAccessibleName(text)
        if text and news:
            self._fade.start(NEWS_SECONDS * 1000)
        else:
            self._fade.stop()

    def holds_notice(self) -> bool:
        """Something that still matters is shown (not news going by itself): news that comes
        on its own, such as changes from another computer, does not push it away."""
        return (
            self.isVisibleTo(self.parentWidget() or self)
            and bool(self.text())
            and (not self._fade.isActive())
        )

    def dismiss(self) -> None:
        self._fade.stop()
        self.label.clear()
        self.hide()
