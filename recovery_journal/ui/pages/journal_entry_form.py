"""The form a journal entry is written in: its title, its words with the formatting bar, its
tags and mood, Delete, and the line that says whether it is saved.

The form shows one entry and reads back what was typed; which entry it shows, and saving it, are
the page's business.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from recovery_journal.domain.clock import utc_now
from recovery_journal.domain.journal import MAX_TITLE_LENGTH, JournalEntry, Mood, tags_from_text
from recovery_journal.i18n import _
from recovery_journal.ui.entry_editor import EntryEditor, FormatBar
from recovery_journal.ui.pages.journal_names import mood_label


class EntryForm(QWidget):
    """An entry's fields; ``edited`` when the person changes one (not when ``fill`` does)."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title_label = QLabel(_("T&itle"))
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("entry_title")
        self.title_edit.setMaxLength(MAX_TITLE_LENGTH)
        self.title_edit.setAccessibleName(_("Title of the entry"))
        self.title_edit.setPlaceholderText(_("Optional"))
        self.title_edit.textEdited.connect(self.edited)
        title_label.setBuddy(self.title_edit)

        body_label = QLabel(_("&Words"))
        self.body = EntryEditor()
        self.body.setObjectName("entry_body")
        self.body.setAccessibleName(_("The words of the entry"))
        self.body.setPlaceholderText(
            _("Whatever is on your mind: what happened, what you heard, a thought to keep.")
        )
        self.body.setTabChangesFocus(True)
        self.body.textChanged.connect(self.edited)
        body_label.setBuddy(self.body)
        self.format_bar = FormatBar(self.body)

        tags_label = QLabel(_("T&ags"))
        self.tags_edit = QLineEdit()
        self.tags_edit.setObjectName("entry_tags")
        self.tags_edit.setAccessibleName(_("Tags, separated by commas"))
        self.tags_edit.setPlaceholderText(_("Tags, separated by commas"))
        self.tags_edit.textEdited.connect(self.edited)
        tags_label.setBuddy(self.tags_edit)
        mood_title = QLabel(_("&Mood"))
        self.mood = QComboBox()
        self.mood.setObjectName("entry_mood")
        self.mood.setAccessibleName(_("Mood"))
        for mood in (None, *Mood):
            self.mood.addItem(mood_label(mood), mood.value if mood else None)
        self.mood.currentIndexChanged.connect(self.edited)
        mood_title.setBuddy(self.mood)

        self.save_state = QLabel()
        self.save_state.setObjectName("save_state")
        self.save_state.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.delete_button = QPushButton(_("De&lete entry"))
        self.delete_button.setObjectName("delete_entry")
        self.delete_button.setAccessibleName(_("Delete this entry"))
        self.delete_button.setToolTip(_("Deletes at once; you can undo it."))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title_row = QHBoxLayout()
        title_row.addWidget(title_label)
        title_row.addWidget(self.title_edit, stretch=1)
        layout.addLayout(title_row)
        words_row = QHBoxLayout()
        words_row.addWidget(body_label)
        words_row.addStretch(1)
        words_row.addWidget(self.format_bar)
        layout.addLayout(words_row)
        layout.addWidget(self.body, stretch=1)
        details = QHBoxLayout()
        details.addWidget(tags_label)
        details.addWidget(self.tags_edit, stretch=1)
        details.addWidget(mood_title)
        details.addWidget(self.mood)
        layout.addLayout(details)
        status = QHBoxLayout()
        status.addWidget(self.delete_button)
        status.addStretch(1)
        status.addWidget(self.save_state)
        layout.addLayout(status)

    @property
    def _fields(self) -> tuple[QWidget, ...]:
        return (self.title_edit, self.body, self.tags_edit, self.mood)

    def set_editing(self, enabled: bool) -> None:
        # Until the day has loaded, typing would be overwritten by what arrives.
        for widget in (self.title_edit, self.tags_edit):
            widget.setReadOnly(not enabled)
        self.body.setReadOnly(not enabled)
        self.mood.setEnabled(enabled)
        self.format_bar.setEnabled(enabled)
        self.delete_button.setEnabled(enabled)

    def fill(self, entry: JournalEntry) -> None:
        """Show ``entry``, ready to be typed in (the cursor at the end of its words)."""
        for widget in self._fields:
            widget.blockSignals(True)
        self.title_edit.setText(entry.title)
        # Without HTML: Qt's writer escapes only the "<" of a tag the person typed ("<i>"), and
        # read back as HTML it swallowed the rest of the paragraph.
        features = QTextDocument.MarkdownFeature
        self.body.document().setMarkdown(
            entry.body, features.MarkdownDialectGitHub | features.MarkdownNoHTML
        )
        self.body.document().clearUndoRedoStacks()
        self.body.moveCursor(QTextCursor.MoveOperation.End)
        self.tags_edit.setText(", ".join(sorted(entry.tags)))
        self.mood.setCurrentIndex(
            max(0, self.mood.findData(entry.mood.value if entry.mood else None))
        )
        for widget in self._fields:
            widget.blockSignals(False)
        self.format_bar.show_format(self.body.currentCharFormat())
        self.set_editing(True)

    def clear(self) -> None:
        """Empty and read-only, while another day loads."""
        self.set_editing(False)
        for widget in self._fields:
            widget.blockSignals(True)
        self.title_edit.clear()
        self.body.clear()
        self.tags_edit.clear()
        self.mood.setCurrentIndex(0)
        for widget in self._fields:
            widget.blockSignals(False)

    def snapshot(self, entry: JournalEntry) -> JournalEntry:
        """``entry`` with what the form holds now."""
        mood = self.mood.currentData()
        return entry.edited(
            utc_now(),
            title=self.title_edit.text().strip(),
            body=self.body.toMarkdown(),
            tags=tags_from_text(self.tags_edit.text()),
            mood=Mood(mood) if mood else None,
        )

    def has_focus(self) -> bool:
        """Whether the keyboard is in the entry's words (its title, words or tags)."""
        return any(w.hasFocus() for w in (self.title_edit, self.body, self.tags_edit))
