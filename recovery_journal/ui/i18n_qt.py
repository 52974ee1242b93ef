"""Switching the language of our own text and of Qt's built-in buttons and menus together."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from recovery_journal.i18n import SOURCE_LANGUAGE, set_language

_qt_translator: QTranslator | None = None


def apply_language(app: QApplication, language: str) -> None:
    global _qt_translator
    set_language(language)
    if _qt_translator is not None:
        app.removeTranslator(_qt_translator)
        _qt_translator = None
    QLocale.setDefault(QLocale(language))
    if language == SOURCE_LANGUAGE:
        return
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(f"qtbase_{language}", folder):
        app.installTranslator(translator)
        _qt_translator = translator
