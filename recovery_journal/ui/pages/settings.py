"""Settings: the language of the app and how it addresses the person."""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from recovery_journal.domain.settings import (
    MAX_ADDICTION_NAME,
    MAX_DISPLAY_NAME,
    JournalSettings,
)
from recovery_journal.domain.steps import Programme
from recovery_journal.i18n import LANGUAGES, _, current_language
from recovery_journal.services.changes import Changes
from recovery_journal.services.settings import load_settings, save_settings
from recovery_journal.services.step_content import step_content
from recovery_journal.ui.operations import Operations
from recovery_journal.ui.widgets import heading


class SettingsPage(QWidget):
    language_chosen = Signal(str)

    def __init__(self, operations: Operations, vault_path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self._operations = operations
        self._saved = JournalSettings()

        title = heading(_("Settings"))

        self.language = QComboBox()
        self.language.setObjectName("language")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(current_language()))
        self.language.activated.connect(self._language_activated)

        self.programme = QComboBox()
        self.programme.setObjectName("programme")
        names = step_content(current_language()).programme_names
        for programme in Programme:
            self.programme.addItem(names[programme], programme)
        self.programme.activated.connect(lambda _index: self._save())
        self.addiction = QLineEdit()
        self.addiction.setObjectName("addiction")
        self.addiction.setMaxLength(MAX_ADDICTION_NAME)
        self.addiction.setPlaceholderText(_("for example: gambling"))
        self.addiction.editingFinished.connect(self._save)

        self.display_name = QLineEdit()
        self.display_name.setObjectName("display_name")
        self.display_name.setMaxLength(MAX_DISPLAY_NAME)
        self.display_name.setPlaceholderText(_("Optional"))
        self.display_name.editingFinished.connect(self._save)

        location = QLabel(str(vault_path.absolute()))
        location.setWordWrap(True)
        location.setObjectName("vault_path")

        form = QFormLayout()
        form.addRow(_("&Language:"), self.language)
        form.addRow(_("What should the app &call you?"), self.display_name)
        form.addRow(_("&Programme:"), self.programme)
        form.addRow(_("What are you &recovering from?"), self.addiction)
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
        self._saved = settings
        if not self.display_name.hasFocus():
            self.display_name.setText(settings.display_name)
        if not self.addiction.hasFocus():
            self.addiction.setText(settings.addiction_name)
        self.programme.setCurrentIndex(self.programme.findData(settings.programme))
        self._update_addiction()

    def _update_addiction(self) -> None:
        self.addiction.setEnabled(self.programme.currentData() is Programme.GENERIC)

    def _wanted(self) -> JournalSettings:
        return replace(
            self._saved,
            display_name=self.display_name.text().strip(),
            programme=self.programme.currentData(),
            addiction_name=self.addiction.text().strip(),
        )

    def _save(self) -> Future[Changes] | None:
        self._update_addiction()
        wanted = self._wanted()
        if wanted == self._saved:
            return None
        self._saved = wanted
        return self._operations.run(
            lambda vault: save_settings(vault, wanted), changes=Changes(settings=True)
        )

    def save_now(self) -> Future[Changes] | None:
        return self._save()

    def _language_activated(self, index: int) -> None:
        code = self.language.itemData(index)
        if code != current_language():
            self.language_chosen.emit(code)
