"""Settings ▸ "Use this journal on more than one computer…", and the question asked when the
passphrase was changed on the other computer (issue 24; the exchanges are ui/sharing.py's)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from recovery_journal.i18n import _
from recovery_journal.ui.labels import wrapped
from recovery_journal.ui.messages import ask_yes_no, error_sentence
from recovery_journal.ui.sharing import Sharing, arrival_line
from recovery_journal.ui.widgets import SharedFolderRow


def _busy_bar() -> QProgressBar:
    bar = QProgressBar()
    bar.setRange(0, 0)  # moving, with no end known: the worker is reading the folder
    bar.setTextVisible(False)
    bar.setMaximumHeight(8)
    bar.setAccessibleName(_("Working…"))
    bar.hide()
    return bar


def _passphrase_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setInputMethodHints(
        Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhNoPredictiveText
    )
    return field


def _problem_label() -> QLabel:
    label = wrapped()
    label.setObjectName("problem")
    label.hide()
    return label


class SyncDialog(QDialog):
    """Start sharing through a folder (or join the journal already there), or, when shared,
    see the folder and when changes last arrived, exchange now, or stop."""

    def __init__(self, sharing: Sharing, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sharing = sharing
        self.setWindowTitle(_("One journal on more than one computer"))

        # Not shared yet.
        self.start_part = QWidget()
        about = wrapped(
            _(
                "Choose a folder that a sync program (such as Syncthing, Nextcloud or Dropbox) "
                "keeps the same on each of your computers. Only encrypted files go there, never "
                "your journal as you read it."
            )
        )
        how = wrapped(
            _(
                "On the other computer, choose the same folder and type the same passphrase: "
                "the journal appears there, and from then on the changes travel both ways."
            )
        )
        folder_row = SharedFolderRow()
        self.folder = folder_row.line
        self.folder.setObjectName("sync_folder")
        self.folder.setPlaceholderText(_("Type a folder's path, or choose one"))
        choose = folder_row.choose_button
        choose.setObjectName("choose_folder")
        self.passphrase = _passphrase_field("sync_passphrase")
        folder_row.chosen.connect(self.passphrase.setFocus)
        self.passphrase.returnPressed.connect(self._start)
        self.folder.returnPressed.connect(self._start)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        folder_label = QLabel(_("&Folder:"))
        folder_label.setBuddy(self.folder)
        form.addRow(folder_label, folder_row)
        passphrase_label = QLabel(_("Your &passphrase:"))
        passphrase_label.setBuddy(self.passphrase)
        form.addRow(passphrase_label, self.passphrase)
        self.start_button = QPushButton(_("&Start"))
        self.start_button.setObjectName("start_sharing")
        self.start_button.clicked.connect(self._start)
        start_layout = QVBoxLayout(self.start_part)
        start_layout.setContentsMargins(0, 0, 0, 0)
        start_layout.addWidget(about)
        start_layout.addWidget(how)
        start_layout.addLayout(form)
        self._start_controls: list[QWidget] = [self.folder, choose, self.passphrase]

        # Shared.
        self.shared_part = QWidget()
        self.shared_folder = wrapped(selectable=True)
        self.shared_folder.setObjectName("shared_folder")
        self.arrived = wrapped()
        self.arrived.setObjectName("arrived")
        self.exchange_button = QPushButton(_("&Exchange now"))
        self.exchange_button.setObjectName("exchange_now")
        self.exchange_button.clicked.connect(self._exchange_now)
        self.stop_button = QPushButton(_("S&top using the folder…"))
        self.stop_button.setObjectName("stop_sharing")
        self.stop_button.clicked.connect(self._stop)
        shared_buttons = QHBoxLayout()
        shared_buttons.addWidget(self.exchange_button)
        shared_buttons.addWidget(self.stop_button)
        shared_buttons.addStretch(1)
        shared_layout = QVBoxLayout(self.shared_part)
        shared_layout.setContentsMargins(0, 0, 0, 0)
        shared_layout.addWidget(
            wrapped(
                _(
                    "This journal is shared through the folder below. Changes are exchanged "
                    "when it opens, while it is open and before it locks."
                )
            )
        )
        shared_layout.addWidget(self.shared_folder)
        shared_layout.addWidget(self.arrived)
        shared_layout.addLayout(shared_buttons)

        self.busy = _busy_bar()
        self.problem = _problem_label()
        self.buttons = QDialogButtonBox()
        self.buttons.addButton(self.start_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.setAutoDefault(False)
        for button in (self.start_button, self.exchange_button, self.stop_button):
            button.setAutoDefault(False)  # Enter in a field is handled by the field
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.start_part)
        layout.addWidget(self.shared_part)
        layout.addWidget(self.busy)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 90)
        sharing.changed.connect(self._show_state)
        sharing.finished.connect(self._exchanged)
        self._exchanging = False  # Exchange now pressed, and its exchange not ended yet
        self._show_state()
        if sharing.folder is None:
            self.folder.setFocus()  # the first thing to give

    def _show_state(self) -> None:
        folder = self._sharing.folder
        self.start_part.setVisible(folder is None)
        self.start_button.setVisible(folder is None)
        self.shared_part.setVisible(folder is not None)
        if folder is not None:
            self.shared_folder.setText(_("Folder: {path}").format(path=folder))
            self.arrived.setText(arrival_line(self._sharing.arrived))
        # Once the parts shown have their sizes: no empty space left by the part now hidden.
        QTimer.singleShot(0, self, self.adjustSize)

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for control in (*self._start_controls, self.start_button, self.exchange_button):
            control.setEnabled(not busy)
        self.stop_button.setEnabled(not busy)
        if busy:
            self.problem.hide()

    def _say(self, sentence: str) -> None:
        self.problem.setText(sentence)
        self.problem.setVisible(bool(sentence))

    def _start(self) -> None:
        typed = self.folder.text().strip()
        folder = Path(typed).expanduser()
        if not typed or not folder.is_dir():
            self._say(
                _("There is no folder at {path}.").format(path=folder)
                if typed
                else _("Choose the folder your sync program keeps in step.")
            )
            self.folder.setFocus()
            return
        if not self.passphrase.text():
            self._say(_("Type the passphrase your journal opens with."))
            self.passphrase.setFocus()
            return
        self._set_busy(True)
        self._sharing.share(folder.absolute(), self.passphrase.text(), self._started, self._failed)

    def _started(self) -> None:
        self._set_busy(False)
        self.passphrase.clear()
        self._show_state()
        self.close_button.setFocus()

    def _failed(self, error: BaseException) -> None:
        # What was typed stays, for another try.
        self._set_busy(False)
        self._say(error_sentence(error))
        self.passphrase.setFocus()
        self.passphrase.selectAll()

    def _exchange_now(self) -> None:
        self._exchanging = True
        self._set_busy(True)
        self._sharing.exchange(asked=True)

    def _exchanged(self) -> None:
        if self._exchanging:
            self._exchanging = False
            self._set_busy(False)

    def _stop(self) -> None:
        if not ask_yes_no(
            self,
            _("Stop using the folder"),
            _(
                "Stop exchanging changes through this folder? Nothing is deleted: your journal "
                "stays as it is on this computer, and the files in the folder stay too."
            ),
        ):
            return
        self._set_busy(True)

        def stopped() -> None:
            self._set_busy(False)
            self._show_state()

        self._sharing.stop(stopped)


class OtherPassphraseDialog(QDialog):
    """The passphrase was changed on the other computer: the new one, asked for once."""

    def __init__(self, sharing: Sharing, sentence: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sharing = sharing
        self.setWindowTitle(_("The passphrase was changed on the other computer"))
        self.passphrase = _passphrase_field("other_passphrase")
        self.busy = _busy_bar()
        self.problem = _problem_label()
        form = QFormLayout()
        label = QLabel(_("The &new passphrase:"))
        label.setBuddy(self.passphrase)
        form.addRow(label, self.passphrase)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._try)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped(sentence))
        layout.addWidget(
            wrapped(
                _(
                    "Until you type it, the changes made there wait in the folder; nothing is "
                    "lost. The journal on this computer still opens with the passphrase it has "
                    "now."
                )
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.busy)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)

    def _try(self) -> None:
        folder = self._sharing.folder
        if not self.passphrase.text() or folder is None:
            self.passphrase.setFocus()
            return
        self.busy.show()
        self.problem.hide()
        self.passphrase.setEnabled(False)
        self.buttons.setEnabled(False)
        self._sharing.share(folder, self.passphrase.text(), self.accept, self._failed)

    def _failed(self, error: BaseException) -> None:
        self.busy.hide()
        self.passphrase.setEnabled(True)
        self.buttons.setEnabled(True)
        self.problem.setText(error_sentence(error))
        self.problem.show()
        self.passphrase.setFocus()
        self.passphrase.selectAll()
