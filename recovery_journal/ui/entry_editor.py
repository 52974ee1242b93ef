"""The box a journal entry is written in: bold, italic and lists, and pasting that brings in
only words; and the bar of buttons that formats it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtGui import (
    QAction,
    QFont,
    QKeySequence,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocumentFragment,
    QTextListFormat,
)
from PySide6.QtWidgets import QTextEdit, QToolBar, QWidget

from recovery_journal.i18n import _


class EntryEditor(QTextEdit):
    """Bold, italic and lists; what is pasted comes in as plain text and nothing is ever fetched."""

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802 - Qt's name
        return source.hasText() or source.hasHtml()

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 - Qt's name
        # Web pages bring styles, colours and remote images: only their words come in.
        if source.hasText():
            text = source.text()
        elif source.hasHtml():
            text = QTextDocumentFragment.fromHtml(source.html()).toPlainText()
        else:
            return
        self.textCursor().insertText(text.replace("\ufffc", ""))
        self.ensureCursorVisible()

    def loadResource(self, kind: int, name: QUrl | str) -> Any:  # noqa: N802 - Qt's name
        # An image written in the Markdown (![](https://…)) stays a link: the app never
        # touches the network, nor reads files the person did not open.
        return None

    def set_bold(self, on: bool) -> None:
        change = QTextCharFormat()
        change.setFontWeight(QFont.Weight.Bold if on else QFont.Weight.Normal)
        self.mergeCurrentCharFormat(change)
        self.setFocus()

    def set_italic(self, on: bool) -> None:
        change = QTextCharFormat()
        change.setFontItalic(on)
        self.mergeCurrentCharFormat(change)
        self.setFocus()

    def toggle_list(self, style: QTextListFormat.Style) -> None:
        cursor = self.textCursor()
        current = cursor.currentList()
        cursor.beginEditBlock()
        if current is not None and current.format().style() == style:
            # The same button again: the paragraphs leave the list.
            for block in _blocks_of(cursor):
                found = block.textList()
                if found is not None:
                    found.remove(block)
                paragraph = QTextCursor(block)
                block_format = paragraph.blockFormat()
                block_format.setIndent(0)
                paragraph.setBlockFormat(block_format)
        elif current is not None:
            list_format = current.format()
            list_format.setStyle(style)
            current.setFormat(list_format)
        else:
            cursor.createList(style)
        cursor.endEditBlock()
        self.setFocus()


class FormatBar(QToolBar):
    """Bold, italic and the two lists as buttons over an ``EntryEditor``, their shortcuts working
    where one types; Bold and Italic show how the words at the cursor are."""

    def __init__(self, editor: EntryEditor, parent: QWidget | None = None) -> None:
        super().__init__(_("Formatting"), parent)
        self._editor = editor
        self.setObjectName("format_bar")
        self.setAccessibleName(_("Formatting"))
        self.bold_action = self._action(_("Bold"), "Ctrl+B", "bold")
        self.bold_action.setCheckable(True)
        self.bold_action.triggered.connect(editor.set_bold)
        self.italic_action = self._action(_("Italic"), "Ctrl+I", "italic")
        self.italic_action.setCheckable(True)
        self.italic_action.triggered.connect(editor.set_italic)
        self.bullets_action = self._action(_("Bulleted list"), "Ctrl+Shift+8", "bullets")
        self.bullets_action.triggered.connect(
            lambda: editor.toggle_list(QTextListFormat.Style.ListDisc)
        )
        self.numbers_action = self._action(_("Numbered list"), "Ctrl+Shift+7", "numbers")
        self.numbers_action.triggered.connect(
            lambda: editor.toggle_list(QTextListFormat.Style.ListDecimal)
        )
        bold_font = QFont(self.font())
        bold_font.setBold(True)
        self.bold_action.setFont(bold_font)
        italic_font = QFont(self.font())
        italic_font.setItalic(True)
        self.italic_action.setFont(italic_font)
        editor.currentCharFormatChanged.connect(self.show_format)

    def _action(self, text: str, keys: str, name: str) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.setToolTip(
            f"{text} ({QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)})"
        )
        self.addAction(action)
        # Added to the editor too, so its shortcut works where one types.
        self._editor.addAction(action)
        button = self.widgetForAction(action)
        if button is not None:
            button.setAccessibleName(text)
        return action

    def show_format(self, char_format: QTextCharFormat) -> None:
        """Bold and Italic checked as the words at the cursor are."""
        self.bold_action.setChecked(char_format.fontWeight() >= QFont.Weight.Bold.value)
        self.italic_action.setChecked(char_format.fontItalic())


def _blocks_of(cursor: QTextCursor) -> list[QTextBlock]:
    """The paragraphs a selection touches (the cursor's own when nothing is selected)."""
    document = cursor.document()
    first = document.findBlock(cursor.selectionStart())
    last = document.findBlock(cursor.selectionEnd())
    blocks = [first]
    while blocks[-1] != last and blocks[-1].next().isValid():
        blocks.append(blocks[-1].next())
    return blocks
