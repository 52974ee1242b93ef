"""The calm notice across the top of the window: news and problems, never a modal box.

It has a close button, and may offer one thing to do about it (a button: "Compare…"). News
that needs no action (an export written, a passphrase changed) goes away by itself after a
while; what still matters (a damaged vault, words not saved) stays until the person closes it
or something newer replaces it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

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
        # What the message offers to do, if anything (it keeps the style's own button colours).
        self.action_button = QPushButton()
        self.action_button.setObjectName("banner_action")
        self.action_button.clicked.connect(self._act)
        self.action_button.hide()
        self._action: Callable[[], object] | None = None
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
        layout.addWidget(self.action_button, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self._fade = QTimer(self)
        self._fade.setSingleShot(True)
        self._fade.timeout.connect(self.dismiss)
        self.hide()

    def text(self) -> str:
        return self.label.text()

    def show_message(
        self,
        text: str,
        *,
        news: bool = False,
        action: tuple[str, Callable[[], object]] | None = None,
    ) -> None:
        """Show ``text`` (an empty one hides the banner); ``news`` goes away by itself;
        ``action`` (a button's words, what it does) is offered beside it, and taking it closes
        the message."""
        self._action = action[1] if action else None
        self.action_button.setText(action[0] if action else "")
        self.action_button.setVisible(action is not None)
        self.label.setText(text)
        self.setVisible(bool(text))
        self.label.setAccessibleName(text)
        if text and news:
            self._fade.start(NEWS_SECONDS * 1000)
        else:
            self._fade.stop()

    def offers(self) -> str:
        """The words of the button offered, or "" when there is none."""
        return self.action_button.text() if self._action is not None else ""

    def _act(self) -> None:
        action = self._action
        self.dismiss()
        if action is not None:
            action()

    def holds_notice(self) -> bool:
        """Something that still matters is shown (not news going by itself): news that comes
        on its own, such as changes from another computer, does not push it away."""
        return (
            self.isVisibleTo(self.parentWidget() or self)
            and bool(self.text())
            and (not self._fade.isActive())
        )

    def dismiss(self) -> None:
        self._action = None
        self.action_button.hide()
        self._fade.stop()
        self.label.clear()
        self.hide()
