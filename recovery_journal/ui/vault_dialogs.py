"""The unlock dialog (the first window of every start but the first), and what it shares with
the first-run dialog (ui/welcome_dialog.py).

Both hand the slow part (key derivation, about 0.1 s) to the vault worker and show a busy state
meanwhile; neither knows how a vault is stored, they only get a function that returns a future.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from recovery_journal import APP_NAME
from recovery_journal.errors import VaultDamaged, WrongPassphrase
from recovery_journal.i18n import _
from recovery_journal.ui.bridge import when_done
from recovery_journal.ui.labels import DIALOG_HEADING, heading, make_selectable, wrapped
from recovery_journal.ui.messages import error_sentence

if TYPE_CHECKING:
    from concurrent.futures import Future

    from recovery_journal.domain.backups import RestorePoint
    from recovery_journal.passphrase import Secret

DIALOG_TEXT_WIDTH = 440

# Given a passphrase (or the remembered raw key), start opening or creating the vault.
VaultStarter = Callable[["Secret"], "Future[None]"]


def dialog_heading(text: str) -> QLabel:
    return heading(text, DIALOG_HEADING)


def dialog_paragraph(text: str) -> QLabel:
    # Made selectable once the dialog is on screen (BusyDialog.select_text): the flag is one of
    # Qt's namespace, which the first window does without (ui/start_order.py).
    return wrapped(text)


def _at_left(widget: QWidget) -> QHBoxLayout:
    """``widget`` at the left of its row, at its own width (as Qt.AlignLeft would, without Qt's
    namespace)."""
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(widget)
    row.addStretch(1)
    return row


def passphrase_field() -> QLineEdit:
    field = QLineEdit()
    # The password echo mode also keeps the passphrase out of input-method history and
    # predictive text: Qt sets ImhHiddenText, ImhSensitiveData and ImhNoPredictiveText with it
    # (tests/test_startup.py reads them back).
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMinimumWidth(320)
    return field


class BusyDialog(QDialog):
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
        self.status = dialog_paragraph("")
        self.status.setObjectName("status")
        self.status.hide()
        self._inputs: list[QWidget] = []
        self.is_busy = False

    def select_text(self) -> None:
        """Its sentences selectable with the mouse (to copy an error, say): asked once it is on
        screen (AppController.start), since the flag is one of Qt's namespace."""
        for label in self.findChildren(QLabel):
            if label.wordWrap():
                make_selectable(label)

    def set_busy(self, busy: bool, text: str = "") -> None:
        self.is_busy = busy
        self.busy_bar.setVisible(busy)
        for widget in self._inputs:
            widget.setEnabled(not busy)
        if not busy:
            # Disabling moved the focus through the buttons, and a button that held it took
            # the default from the dialog's own: Enter then did nothing. Give it back.
            self.default_button.setDefault(True)
        self.show_status(text)
        self.update_buttons()

    def show_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))
        self.fit_paragraphs()

    def fit_paragraphs(self) -> None:
        """Every wrapped line shown: the fixed-size layout alone cut a long Russian sentence's
        last line off (and, at 200 % text, an English one's). Called whenever a text changes."""
        for label in self.findChildren(QLabel):
            if label.wordWrap() and label.width() == DIALOG_TEXT_WIDTH:
                # The minimum first let go: a label's height for a width never goes below its
                # minimum, so a three-line sentence followed by one line kept three lines' room.
                label.setMinimumHeight(0)
                label.setMinimumHeight(max(0, label.heightForWidth(DIALOG_TEXT_WIDTH)))
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
        self.default_button = button
        self.buttons.addButton(button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(on_accept)
        self.buttons.rejected.connect(self.reject)
        return button

    def _finish_layout(self, layout: QVBoxLayout, vault_path: Path) -> None:
        location = dialog_paragraph(_("Vault: {path}").format(path=vault_path.absolute()))
        location.setObjectName("location")
        layout.addWidget(location)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self._fit_layout(layout)
        self.update_buttons()
        self.fit_paragraphs()

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


class UnlockDialog(BusyDialog):
    remembered_requested = Signal()  # "unlock with the remembered passphrase" was asked for
    damaged = Signal()  # the vault is damaged: is there a backup to offer?
    # The typed passphrase failed a second time: the file may be damaged instead (WrongPassphrase).
    maybe_damaged = Signal(object)
    restore_requested = Signal(object)  # RestorePoint

    def __init__(
        self,
        vault_path: Path,
        start_unlock: VaultStarter,
        parent: QWidget | None = None,
        note: str = "",
    ):
        super().__init__(parent)
        self._start_unlock = start_unlock
        self._typed: str | None = None
        self._with_remembered = False
        self._again = False  # Enter pressed while an attempt was being checked
        self.passphrase = passphrase_field()
        self.passphrase.setAccessibleName(_("Passphrase"))
        self.passphrase.textChanged.connect(self.update_buttons)
        self.passphrase.returnPressed.connect(self._enter_while_busy)
        self.unlock_button = self._make_buttons(_("Unlock"), self._unlock)
        # Offered only once a real keychain answers (AppController asks it off this thread).
        self.remember = QCheckBox(_("&Remember my passphrase on this computer"))
        self.remember.setAccessibleName(_("Remember my passphrase on this computer"))
        self.remember.hide()
        self.remember_note = dialog_paragraph(
            _(
                "It is kept in your system's keychain, so anyone signed in to this computer "
                "account can open the journal. Untick it to forget it."
            )
        )
        self.remember_note.setObjectName("remember_note")
        self.remember_note.hide()
        self.remember.toggled.connect(self._follow_remember)
        self.use_remembered = QPushButton(_("Unlock with the remembered passphrase"))
        self.use_remembered.setAutoDefault(False)  # Return in the field still means Unlock
        self.use_remembered.hide()
        self.use_remembered.clicked.connect(self.remembered_requested)
        self.backup_offer = dialog_paragraph("")
        self.backup_offer.setObjectName("backup_offer")
        self.backup_offer.hide()
        self.restore_button = QPushButton(_("Restore this backup"))
        self.restore_button.setAutoDefault(False)
        self.restore_button.hide()
        self.restore_button.clicked.connect(self._restore_offered)
        self._offered: RestorePoint | None = None
        # Offered because a passphrase failed twice, not because the file is known damaged: then
        # only that newest backup is restored, and only if the typed passphrase opens it.
        self.offered_on_suspicion = False
        self._wrong_tries = 0
        # The field stays editable while a passphrase is checked (a key derivation takes a
        # moment): what is typed meanwhile is kept, and an Enter then tries it next.
        self._inputs = [self.buttons, self.remember, self.use_remembered]

        layout = QVBoxLayout(self)
        layout.addWidget(dialog_heading(_("Welcome back")))
        layout.addWidget(dialog_paragraph(_("Enter your passphrase to open your journal.")))
        if note:
            said = dialog_paragraph(note)
            said.setObjectName("note")
            layout.addWidget(said)
        form = QFormLayout()
        form.addRow(_("&Passphrase:"), self.passphrase)
        layout.addLayout(form)
        layout.addWidget(self.remember)
        layout.addWidget(self.remember_note)
        layout.addLayout(_at_left(self.use_remembered))
        self._finish_layout(layout, vault_path)
        # Below the sentence that says what is wrong, above the dialog's buttons.
        at = layout.indexOf(self.buttons)
        layout.insertWidget(at, self.backup_offer)
        layout.insertLayout(at + 1, _at_left(self.restore_button))
        self.backup_offer.setFixedWidth(DIALOG_TEXT_WIDTH)

    def update_buttons(self) -> None:
        self.unlock_button.setEnabled(not self.is_busy and bool(self.passphrase.text()))

    def _follow_remember(self, ticked: bool) -> None:
        self.remember_note.setVisible(ticked and not self.remember.isHidden())
        self.show_status(self.status.text())  # lets the dialog grow or shrink for the note

    # --- remembered passphrase ---------------------------------------------------------------

    def offer_remember(self, remembered: bool) -> None:
        """A real keychain is there: offer the box (ticked when a key is kept already)."""
        self.remember.setChecked(remembered)
        self.remember.show()
        self.use_remembered.setVisible(remembered)
        self._follow_remember(remembered)

    @property
    def remember_wanted(self) -> bool:
        return not self.remember.isHidden() and self.remember.isChecked()

    def take_typed(self) -> str | None:
        """The passphrase that opened the vault, handed over once (for the keychain) and gone."""
        typed, self._typed = self._typed, None
        return typed

    def unlock_with(self, key: Secret) -> None:
        self._with_remembered = True
        self._typed = None
        self._start(self._start_unlock(key), _("Unlocking with the remembered passphrase…"))

    def not_remembered(self) -> None:
        self.use_remembered.hide()
        self.show_status(_("No remembered passphrase was found on this computer; please type it."))
        self.passphrase.setFocus()

    # --- unlocking ---------------------------------------------------------------------------

    def _unlock(self) -> None:
        if self.is_busy or not self.passphrase.text():
            return
        self._with_remembered = False
        self._again = False
        self._typed = self.passphrase.text()
        self._start(self._start_unlock(self._typed), _("Unlocking…"))

    def _enter_while_busy(self) -> None:
        # When not busy the dialog's default button takes this Enter (and it is disabled now).
        if self.is_busy:
            self._again = True

    def _failed(self, error: BaseException) -> None:
        attempted, self._typed = self._typed, None
        typed_on = self.passphrase.text() != attempted
        if self._with_remembered and isinstance(error, WrongPassphrase):
            self.set_busy(
                False,
                _(
                    "The remembered passphrase no longer opens this journal (it may have been "
                    "changed); please type it."
                ),
            )
            self.use_remembered.hide()
        else:
            super()._failed(error)
            if isinstance(error, WrongPassphrase):
                self._wrong_tries += 1
                # A typo is far likelier than a damaged file: the first time, only the typo.
                if self._wrong_tries >= 2:
                    self.maybe_damaged.emit(error)
        self._with_remembered = False
        if isinstance(error, WrongPassphrase) and not typed_on:
            self.passphrase.selectAll()  # typing replaces it
        if isinstance(error, VaultDamaged):
            self.damaged.emit()
        self.passphrase.setFocus()
        if self._again and typed_on and isinstance(error, WrongPassphrase):
            self._unlock()  # the passphrase typed (and entered) during the check
        self._again = False

    # --- a damaged vault -------------------------------------------------------------------

    def offer_backup(self, point: RestorePoint, when: str) -> None:
        self.offered_on_suspicion = False
        self._offer(
            point,
            _(
                "Your newest backup, from {when}, can be put in its place. The damaged file "
                "is kept beside it, nothing is deleted."
            ).format(when=when),
        )
        self.restore_button.setFocus()

    def suspect_damage(self, sentence: str, point: RestorePoint | None) -> None:
        """The passphrase failed again: say the file may be damaged instead (``sentence`` names
        the newest backup's date) and offer that backup; the keyboard stays in the field, where
        another try is typed."""
        self.show_status(sentence)
        if point is None:
            return
        self.offered_on_suspicion = True
        self._offer(
            point,
            _(
                "If it is, that backup can be put in its place; it is restored only if the "
                "passphrase above opens it. This file is kept beside your backups, nothing is "
                "deleted."
            ),
        )

    def _offer(self, point: RestorePoint, text: str) -> None:
        self._offered = point
        self.backup_offer.setText(text)
        self.backup_offer.show()
        self.restore_button.show()
        self.show_status(self.status.text())
        self.adjustSize()

    def restore_with(self, future: Future[None]) -> None:
        self.backup_offer.hide()
        self.restore_button.hide()
        self._start(future, _("Checking and restoring the backup…"))

    def _restore_offered(self) -> None:
        if self._offered is not None and not self.is_busy:
            self.restore_requested.emit(self._offered)

    @property
    def typed_passphrase(self) -> str:
        return self.passphrase.text()
