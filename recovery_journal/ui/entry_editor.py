"""The box a journal entry is written in: bold, italic and lists, and pasting that brings in
only words.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtGui import (
    QFont,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocumentFragment,
    QTextListFormat,
)
from PySide6.QtWidgets import QTextEdit


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


def _blocks_of(cursor: QTextCursor) -> list[QTextBlock]:
    """The paragraphs a selection touches (the cursor's own when nothing is selected)."""
    document = cursor.document()
    first = document.findBlock(cursor.selectionStart())
    last = document.findBlock(cursor.selectionEnd())
    blocks = [first]
    while blocks[-1] != last and blocks[-1].next().isValid():
        blocks.append(blocks[-1].next())
    return blocks
