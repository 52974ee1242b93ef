"""Settings: the language, how the app addresses the person, the day boundary and the reminder
(and, beside it, starting with the computer so that the reminder comes without the window)."""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import replace
from datetime import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from recovery_journal.domain.settings import (
    MAX_ADDICTION_NAME,
    MAX_DISPLAY_NAME,
    JournalSettings,
)
from recovery_journal.domain.steps import Programme
from recovery_journal.i18n import LANGUAGES, _, current_language
from recovery_journal.services.autostart import (
    set_start_with_computer,
    starts_with_computer,
    this_program,
)
from recovery_journal.services.autostart import supported as autostart_supported
from recovery_journal.services.changes import Changes
from recovery_journal.services.settings import load_settings, update_settings
from recovery_journal.ui.appearance import TEXT_SIZES, THEMES, chosen_text_size, chosen_theme
from recovery_journal.ui.dates import time_edit
from recovery_journal.ui.flow_row import FlowRow
from recovery_journal.ui.labels import heading, wrapped
from recovery_journal.ui.operations import Operations
from recovery_journal.ui.widgets import programme_box


def _qtime(value: time) -> QTime:
    return QTime(value.hour, value.minute)


def _pytime(value: QTime) -> time:
    return time(value.hour(), value.minute())


class SettingsPage(QWidget):
    language_chosen = Signal(str)
    appearance_chosen = Signal(str, int)  # theme, text size in per cent
    sharing_requested = Signal()  # the journal on more than one computer (ui/sync_dialog.py)

    def __init__(self, operations: Operations, vault_path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self._operations = operations
        # None until the journal's settings are shown: until then the fields hold Qt's empty
        # defaults (no name, midnight), and saving them (a close, a lock or a new language
        # while a long exchange kept the worker busy) wrote them over the person's own.
        self._saved: JournalSettings | None = None
        self._save_when_shown = False  # a field left before then: saved once they are shown

        title = heading(_("Settings"))

        self.language = QComboBox()
        self.language.setObjectName("language")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(current_language()))
        self.language.activated.connect(self._language_activated)

        # How the app looks on this computer (kept beside the language, outside the vault).
        self.theme = QComboBox()
        self.theme.setObjectName("theme")
        for code, name in THEMES.items():
            self.theme.addItem(_(name), code)
        self.theme.setCurrentIndex(self.theme.findData(chosen_theme()))
        self.theme.activated.connect(lambda _index: self._appearance_activated())
        self.text_size = QComboBox()
        self.text_size.setObjectName("text_size")
        for percent in TEXT_SIZES:
            self.text_size.addItem(_("{percent} %").format(percent=percent), percent)
        self.text_size.setCurrentIndex(self.text_size.findData(chosen_text_size()))
        self.text_size.activated.connect(lambda _index: self._appearance_activated())

        self.programme = programme_box()
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

        self.day_boundary = time_edit()
        self.day_boundary.setObjectName("day_boundary")
        self.day_boundary.setTimeRange(QTime(0, 0), QTime(11, 59))
        self.day_boundary.editingFinished.connect(self._save)
        self.reminder_on = QCheckBox(_("Remind me when tonight's review is not written, at"))
        self.reminder_on.setObjectName("reminder_on")
        self.reminder_on.toggled.connect(lambda _on: self._save())
        self.reminder_time = time_edit()
        self.reminder_time.setObjectName("reminder_time")
        self.reminder_time.setAccessibleName(_("Reminder time"))
        self.reminder_time.editingFinished.connect(self._save)
        # A time is five characters: the boxes keep their natural width rather than the page's.
        for box in (self.day_boundary, self.reminder_time):
            box.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        # The time goes under the long sentence when both do not fit on one line.
        reminder_row = FlowRow()
        reminder_row.addWidget(self.reminder_on)
        reminder_row.addWidget(self.reminder_time)
        # Offered where the desktop starts programs at login from a folder of entries (Linux and
        # the other XDG desktops; services/autostart says what the others would need).
        self.start_with_computer = QCheckBox(_("Start with my computer, in the background"))
        self.start_with_computer.setObjectName("start_with_computer")
        self.start_with_computer.toggled.connect(self._start_with_computer_toggled)
        self.start_with_computer_note = wrapped(
            _(
                "When you log in, the app starts with no window and your journal locked, so "
                "the reminder reaches you even when you have not opened it."
            )
        )
        self.start_with_computer_note.setObjectName("start_with_computer_note")
        self.keep_in_tray = QCheckBox(
            _("Stay in the tray when the window is closed, for the reminder")
        )
        self.keep_in_tray.setObjectName("keep_in_tray")
        self.keep_in_tray.toggled.connect(lambda _on: self._save())
        # Without a tray the box cannot do what it says (closing quit while it stayed ticked):
        # shown unticked and greyed, with the reason; the stored choice is kept for a desktop
        # that has one.
        self.has_tray = QSystemTrayIcon.isSystemTrayAvailable()
        self.no_tray = wrapped(
            _(
                "This desktop has no tray, so the app closes with its window; the reminder "
                "comes as one of the desktop's notifications."
            )
        )
        self.no_tray.setObjectName("no_tray")
        self.no_tray.setVisible(not self.has_tray)
        self.keep_in_tray.setEnabled(self.has_tray)

        location = QLabel(str(vault_path.absolute()))
        location.setWordWrap(True)
        location.setObjectName("vault_path")

        form = QFormLayout()
        # A field goes under its label when the two do not fit side by side (large text).
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(_("&Language:"), self.language)
        form.addRow(_("&Theme:"), self.theme)
        form.addRow(_("Te&xt size:"), self.text_size)
        form.addRow(_("What should the app &call you?"), self.display_name)
        form.addRow(_("&Programme:"), self.programme)
        form.addRow(_("What are you &recovering from?"), self.addiction)
        form.addRow(_("A new &day starts at:"), self.day_boundary)
        form.addRow(
            "",
            wrapped(
                _(
                    "A review written after midnight but before this time belongs to the "
                    "evening before."
                )
            ),
        )
        form.addRow(_("Reminder:"), reminder_row)
        # Each box with what it means (and, where there is no tray, why it is greyed) under it,
        # read together.
        for check, meaning in (
            (self.start_with_computer, self.start_with_computer_note),
            (self.keep_in_tray, self.no_tray),
        ):
            pair = QWidget()
            pair_layout = QVBoxLayout(pair)
            pair_layout.setContentsMargins(0, 0, 0, 0)
            pair_layout.addWidget(check)
            pair_layout.addWidget(meaning)
            # Height the form gives beyond the two (a wrapped label's estimate) goes below them,
            # not between the box and what it means.
            pair_layout.addStretch(1)
            form.addRow("", pair)
            if check is self.start_with_computer:
                form.setRowVisible(pair, autostart_supported())
        form.addRow(_("Your vault:"), location)
        self.sharing = QPushButton(_("&Use this journal on more than one computer…"))
        self.sharing.setObjectName("sharing")
        self.sharing.clicked.connect(self.sharing_requested)
        sharing_row = QHBoxLayout()
        sharing_row.addWidget(self.sharing)
        sharing_row.addStretch(1)
        form.addRow("", sharing_row)
        note = QLabel(
            _(
                "Your name and everything you write are kept inside the encrypted vault. "
                "Outside it, this computer remembers only how the app looks and behaves: "
                "language, theme, text size, window size and page, lock delay, backup folder, "
                "the folders you last saved files in (never their names), whether a passphrase "
                "is remembered, and, while the app starts with your computer, when to remind "
                "you."
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
        operations.run(starts_with_computer, self._show_start_with_computer, owner=self)
        operations.changed.connect(self._on_changed)

    def _on_changed(self, changes: Changes) -> None:
        if changes.settings:
            self._operations.run(load_settings, self._show, owner=self)
            self._operations.run(starts_with_computer, self._show_start_with_computer, owner=self)

    def _show_start_with_computer(self, on: bool) -> None:
        self.start_with_computer.blockSignals(True)
        self.start_with_computer.setChecked(on)
        self.start_with_computer.blockSignals(False)

    def _start_with_computer_toggled(self, on: bool) -> None:
        # The entry names the program running now: this very app, however it was installed.
        launcher = this_program()
        self._operations.run(lambda vault: set_start_with_computer(vault, on, launcher))

    def _show(self, settings: JournalSettings) -> None:
        self._saved = settings
        if not self.display_name.hasFocus():
            self.display_name.setText(settings.display_name)
        if not self.addiction.hasFocus():
            self.addiction.setText(settings.addiction_name)
        self.programme.setCurrentIndex(self.programme.findData(settings.programme))
        for widget in (self.reminder_on, self.keep_in_tray):
            widget.blockSignals(True)
        if not self.day_boundary.hasFocus():
            self.day_boundary.setTime(_qtime(settings.day_boundary))
        if not self.reminder_time.hasFocus():
            self.reminder_time.setTime(_qtime(settings.reminder_time))
        self.reminder_on.setChecked(settings.reminder_on)
        self.keep_in_tray.setChecked(settings.keep_in_tray and self.has_tray)
        for widget in (self.reminder_on, self.keep_in_tray):
            widget.blockSignals(False)
        self._update_addiction()
        if self._save_when_shown:  # what was typed into a field before (it kept its words)
            self._save_when_shown = False
            self._save()

    def _update_addiction(self) -> None:
        self.addiction.setEnabled(self.programme.currentData() is Programme.GENERIC)

    def _fields(self, saved: JournalSettings) -> dict[str, Any]:
        """The preferences this page edits, as its widgets hold them."""
        return {
            "display_name": self.display_name.text().strip(),
            "programme": self.programme.currentData(),
            "addiction_name": self.addiction.text().strip(),
            "day_boundary": _pytime(self.day_boundary.time()),
            "reminder_on": self.reminder_on.isChecked(),
            "reminder_time": _pytime(self.reminder_time.time()),
            "keep_in_tray": (
                self.keep_in_tray.isChecked() if self.has_tray else saved.keep_in_tray
            ),
        }

    def _save(self) -> Future[Changes] | None:
        self._update_addiction()
        saved = self._saved
        if saved is None:
            self._save_when_shown = True
            return None
        fields = self._fields(saved)
        wanted = replace(saved, **fields)
        if wanted == saved:
            return None
        self._saved = wanted
        return self._operations.run(lambda vault: update_settings(vault, **fields))

    def save_now(self) -> list[Future[Any]]:
        saving = self._save()
        return [] if saving is None else [saving]

    def _appearance_activated(self) -> None:
        theme, size = self.theme.currentData(), self.text_size.currentData()
        if (theme, size) != (chosen_theme(), chosen_text_size()):
            self.appearance_chosen.emit(theme, size)

    def _language_activated(self, index: int) -> None:
        code = self.language.itemData(index)
        if code != current_language():
            self.language_chosen.emit(code)
