"""Where a search result's words are: in a text, and under an editor's cursor."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit


def holds_words(text: str, words: Sequence[str]) -> bool:
    """Whether ``text`` contains one of ``words`` (as a search result marked them), any case."""
    folded = text.casefold()
    return any(word.casefold() in folded for word in words if word)


def show_words(editor: QPlainTextEdit | QLineEdit, words: Sequence[str]) -> None:
    """Put the editor's cursor (not a selection, which a key would replace) on the first word."""
    text = editor.toPlainText() if isinstance(editor, QPlainTextEdit) else editor.text()
    folded = text.casefold()
    found = [folded.find(word.casefold()) for word in words if word]
    positions = [position for position in found if position >= 0]
    if not positions:
        return
    if isinstance(editor, QLineEdit):
        editor.setCursorPosition(min(positions))
        return
    cursor = editor.textCursor()
    cursor.setPosition(min(positions))
    editor.setTextCursor(cursor)
    editor.ensureCursorVisible()
