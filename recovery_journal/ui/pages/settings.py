"""Settings: the language of the app and how it addresses the person."""

from __future__ import annotations

from concurrent.futures import Future
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from recovery_journal.domain.settings import MAX_DISPLAY_NAME, JournalSettings
from recovery_journal.i18n import LANGUAGES, _, current_language
from recovery_journal.services.changes import Changes
from recovery_journal.services.today import load_settings, save_settings
from recovery_journal.ui.operations import Operations


class SettingsPage(QWidget):
    language_chosen = Signal(str)

    def __init__(self, operations: Operations, vault_path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self._operations = operations
        self._saved_name = ""

        title = QLabel(_("Settings"))
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)

        self.language = QComboBox()
        self.language.setObjectName("language")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(current_language()))
        self.language.activated.connect(self._language_activated)

        self.display_name = QLineEdit()
        self.display_name.setObjectName("display_name")
        self.display_name.setMaxLength(MAX_DISPLAY_NAME)
        self.display_name.setPlaceholderText(_("Optional"))
        self.display_name.editingFinished.connect(self._save_name)

        location = QLabel(str(vault_path.absolute()))
        location.setWordWrap(True)
        location.setObjectName("vault_path")

        form = QFormLayout()
        form.addRow(_("&Language:"), self.language)
        form.addRow(_("What should the app &call you?"), self.display_name)
        form.addRow(_("Your vault:"), location)
        note = QLabel(
            _(
                "Your name and everything you write are kept inside the encrypted vault. "
                "Only the language and the window size are remembered outside it."
            )
        )
        note.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(title)
        layout.addSpacing(12)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addStretch(1)
        operations.run(load_settings, self._show, owner=self)

    def _show(self, settings: JournalSettings) -> None:
        self._saved_name = settings.display_name
        if not self.display_name.hasFocus():
            self.display_name.setText(settings.display_name)

    def _save_name(self) -> Future[Changes] | None:
        name = self.display_name.text().strip()
        if name == self._saved_name:
            return None
        self._saved_name = name
        return self._operations.run(
            lambda vault: save_settings(vault, JournalSettings(display_name=name)),
            changes=Changes(settings=True),
        )

    def save_now(self) -> Future[Changes] | None:
        return self._save_name()

    def _language_activated(self, index: int) -> None:
        code = self.language.itemData(index)
        if code != current_language():
            self.language_chosen.emit(code)
