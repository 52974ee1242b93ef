"""The calm bar that says a journal entry was deleted, and brings it back whole.

Deleting is at once, without a question; the bar holds what was deleted until it is dismissed
or another entry is deleted. While it shows, Ctrl+Z anywhere on the page asks for the entry back
(in a text field it still undoes typing: the field takes the keys first).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from recovery_journal.domain.journal import JournalEntry, shortened
from recovery_journal.i18n import _

HEADING_CHARS = 60


class UndoBar(QFrame):
    """Shown with ``offer``; ``undo_asked`` by its button or Ctrl+Z in ``scope`` (the page)."""

    undo_asked = Signal()

    def __init__(self, scope: QWidget) -> None:
        super().__init__()
        self._deleted: JournalEntry | None = None  # what Undo brings back
        self.setObjectName("undo_bar")
        self.setStyleSheet(
            "QFrame#undo_bar { background: #e3f1e6; color: #183d22; border-radius: 4px; }"
        )
        self.label = QLabel(_("Entry deleted."))
        self.label.setObjectName("undo_label")
        self.label.setWordWrap(True)  # never wider than the page: Undo stays in the window
        self.undo_button = QPushButton(_("&Undo"))
        self.undo_button.setObjectName("undo_delete")
        self.undo_button.setAccessibleName(_("Undo: bring the deleted entry back"))
        self.undo_button.clicked.connect(self.undo_asked)
        self.dismiss_button = QPushButton(_("Dismiss"))
        self.dismiss_button.setObjectName("dismiss_undo")
        self.dismiss_button.setAccessibleName(_("Dismiss this message"))
        self.dismiss_button.clicked.connect(self.dismiss)
        bar = QHBoxLayout(self)
        bar.setContentsMargins(10, 4, 4, 4)
        bar.addWidget(self.label, stretch=1)
        bar.addWidget(self.undo_button)
        bar.addWidget(self.dismiss_button)
        self.hide()

        # On the whole page, not the bar: the keyboard is seldom on the bar itself.
        self.shortcut = QShortcut(QKeySequence.StandardKey.Undo, scope)
        self.shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.shortcut.activated.connect(self.undo_asked)
        self.shortcut.setEnabled(False)

    def offer(self, entry: JournalEntry) -> None:
        """Say that ``entry`` went, and hold it for Undo."""
        self._deleted = entry
        # The entry is named by its first words: its whole first line may be a paragraph.
        self.label.setText(
            _("Entry deleted: {title}").format(title=shortened(entry.heading, HEADING_CHARS))
            if entry.heading
            else _("Entry deleted.")
        )
        self.label.setToolTip(entry.heading)
        self.show()
        self.shortcut.setEnabled(True)

    def dismiss(self) -> None:
        self._deleted = None
        self.hide()
        self.shortcut.setEnabled(False)

    def take(self) -> JournalEntry | None:
        """The entry held for Undo, the bar gone (None: nothing to bring back)."""
        entry = self._deleted
        if entry is not None:
            self.dismiss()
        return entry
