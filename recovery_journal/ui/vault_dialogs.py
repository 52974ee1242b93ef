"""The first-run create-vault dialog and the unlock dialog.

Both hand the slow part (key derivation, about 0.1 s) to the vault worker and show a busy state
meanwhile; neither knows how a vault is stored, they only get a function that returns a future.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from recovery_journal import APP_NAME
from recovery_journal.errors import WrongPassphrase
from recovery_journal.i18n import _
from recovery_journal.passphrase import (
    Strength,
    problem_with_new_passphrase,
    strength,
    strength_hint,
)
from recovery_journal.ui.bridge import when_done
from recovery_journal.ui.messages import error_sentence
from recovery_journal.ui.widgets import DIALOG_HEADING, heading, wrapped

DIALOG_TEXT_WIDTH = 440

# Given a passphrase, start opening (or creating) the vault on the worker.
VaultStarter = Callable[[str], Future[None]]


def _heading(text: str) -> QLabel:
    return heading(text, DIALOG_HEADING)


def _paragraph(text: str) -> QLabel:
    return wrapped(text, selectable=True)


def passphrase_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMinimumWidth(320)
    # Keep the passphrase out of input-method history and predictive text.
    field.setInputMethodHints(
        Qt.InputMethodHint.ImhHiddenText
        | Qt.InputMethodHint.ImhSensitiveData
        | Qt.InputMethodHint.ImhNoPredictiveText
    )
    return field


class _BusyDialog(QDialog):
    """Shared busy handling: a thin indeterminate bar, inputs disabled while the worker runs."""

    opened = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(APP_NAME)
        self.setModal(True)
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setMaximumHeight(6)
        self.busy_bar.hide()
        self.status = _paragraph("")
        self.status.setObjectName("status")
        self.status.hide()
        self._inputs: list[QWidget] = []
        self.is_busy = False

    def set_busy(self, busy: bool, text: str = "") -> None:
        self.is_busy = busy
        self.busy_bar.setVisible(busy)
        for widget in self._inputs:
            widget.setEnabled(not busy)
        self.show_status(text)
        self.update_buttons()

    def show_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))
        self.status.updateGeometry()
        layout = self.layout()
        if layout is not None:
            layout.invalidate()
            layout.activate()

    def _fit_layout(self, layout: QVBoxLayout) -> None:
        # Wrapped labels only get their full height when the dialog's width is fixed and the
        # layout is allowed to grow and shrink the dialog as messages come and go.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        for label in self.findChildren(QLabel):
            if label.wordWrap():
                label.setFixedWidth(DIALOG_TEXT_WIDTH)

    def _make_buttons(self, text: str, on_accept: Callable[[], None]) -> QPushButton:
        """The dialog's own action (the default button) beside Qt's translated Cancel."""
        self.buttons = QDialogButtonBox()
        button = QPushButton(text)
        button.setDefault(True)
        self.buttons.addButton(button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(on_accept)
        self.buttons.rejected.connect(self.reject)
        return button

    def _finish_layout(self, layout: QVBoxLayout, vault_path: Path) -> None:
        location = _paragraph(_("Vault: {path}").format(path=vault_path.absolute()))
        location.setObjectName("location")
        layout.addWidget(location)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self._fit_layout(layout)
        self.update_buttons()

    def _start(self, future: Future[None], busy_text: str) -> None:
        self.set_busy(True, busy_text)
        when_done(future, self._opened, self._failed)

    def _opened(self, _result: object) -> None:
        self.set_busy(False)
        for field in self.findChildren(QLineEdit):
            field.clear()  # no passphrase lingers in a widget once the vault is open
        self.opened.emit()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.set_busy(False, error_sentence(error))

    def update_buttons(self) -> None:
        pass

    def reject(self) -> None:
        # Closing while the key derives would leave the worker opening a vault nobody shows.
        if not self.is_busy:
            super().reject()


class UnlockDialog(_BusyDialog):
    def __init__(self, vault_path: Path, start_unlock: VaultStarter, parent: QWidget | None = None):
        super().__init__(parent)
        self._start_unlock = start_unlock
        self.passphrase = passphrase_field()
        self.passphrase.setAccessibleName(_("Passphrase"))
        self.passphrase.textChanged.connect(self.update_buttons)
        self.unlock_button = self._make_buttons(_("Unlock"), self._unlock)
        self._inputs = [self.passphrase, self.buttons]

        layout = QVBoxLayout(self)
        layout.addWidget(_heading(_("Welcome back")))
        layout.addWidget(_paragraph(_("Enter your passphrase to open your journal.")))
        form = QFormLayout()
        form.addRow(_("&Passphrase:"), self.passphrase)
        layout.addLayout(form)
        self._finish_layout(layout, vault_path)

    def update_buttons(self) -> None:
        self.unlock_button.setEnabled(not self.is_busy and bool(self.passphrase.text()))

    def _unlock(self) -> None:
        if self.is_busy or not self.passphrase.text():
            return
        self._start(self._start_unlock(self.passphrase.text()), _("Unlocking…"))

    def _failed(self, error: BaseException) -> None:
        super()._failed(error)
        if isinstance(error, WrongPassphrase):
            self.passphrase.selectAll()
        self.passphrase.setFocus()


class CreateVaultDialog(_BusyDialog):
    def __init__(self, vault_path: Path, start_create: VaultStarter, parent: QWidget | None = None):
        super().__init__(parent)
        self._start_create = start_create
        self.passphrase = passphrase_field()
        self.passphrase.setAccessibleName(_("New passphrase"))
        self.repeat = passphrase_field()
        self.repeat.setAccessibleName(_("The same passphrase again"))
        self.hint = _paragraph("")
        self.hint.setObjectName("strength")
        self.passphrase.textChanged.connect(self.update_buttons)
        self.repeat.textChanged.connect(self.update_buttons)

        self.create_button = self._make_buttons(_("Create my journal"), self._create)
        self._inputs = [self.passphrase, self.repeat, self.buttons]

        layout = QVBoxLayout(self)
        layout.addWidget(_heading(_("Welcome to {app}").format(app=APP_NAME)))
        layout.addWidget(
            _paragraph(
                _(
                    "Your journal is kept in one encrypted file on this computer and never leaves "
                    "it. Choose a passphrase to lock it: a few unrelated words work well."
                )
            )
        )
        form = QFormLayout()
        form.addRow(_("&Passphrase:"), self.passphrase)
        form.addRow(_("&Again:"), self.repeat)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        warning = _paragraph(
            _(
                "Please write the passphrase down and keep it somewhere safe. If it is forgotten, "
                "nobody can open your journal — not even us. There is no reset."
            )
        )
        warning.setObjectName("warning")
        layout.addWidget(warning)
        self._finish_layout(layout, vault_path)

    def update_buttons(self) -> None:
        text = self.passphrase.text()
        self.hint.setText(strength_hint(text) if text else "")
        self.hint.setVisible(bool(text))
        ready = problem_with_new_passphrase(text, self.repeat.text()) is None
        self.create_button.setEnabled(not self.is_busy and ready)
        if text and self.repeat.text() and not self.is_busy:
            mismatch = strength(text) is not Strength.TOO_SHORT and not ready
            self.show_status(_("The two passphrases are not the same yet.") if mismatch else "")

    def _create(self) -> None:
        if self.is_busy or not self.create_button.isEnabled():
            return
        self._start(
            self._start_create(self.passphrase.text()), _("Creating your encrypted journal…")
        )
