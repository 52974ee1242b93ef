"""Backups, restoring one, changing the passphrase and the unencrypted JSON export.

Every file operation runs on the vault's thread (``Operations``); these dialogs only ask and
show. Restoring and re-keying replace the open vault, so they go through the AppController.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from recovery_journal.domain.backups import BackupReason, RestorePoint
from recovery_journal.i18n import N_, _, pgettext
from recovery_journal.passphrase import Rating, Strength, problem_with_new_passphrase
from recovery_journal.services.backups import (
    MAX_KEEP,
    BackupSettings,
    all_restore_points,
    backup_settings,
    make_backup,
    save_backup_settings,
)
from recovery_journal.ui.dates import moment_text
from recovery_journal.ui.flow_row import FlowRow
from recovery_journal.ui.labels import wrapped
from recovery_journal.ui.messages import ask_yes_no
from recovery_journal.ui.operations import Operations
from recovery_journal.ui.passphrase_rater import PassphraseRater, use_anyway
from recovery_journal.ui.vault_dialogs import passphrase_field
from recovery_journal.ui.widgets import fit_to_screen, keep_tall_enough, lines_high

REASONS = {
    BackupReason.SCHEDULED: N_("daily"),
    BackupReason.MIGRATION: N_("before an upgrade"),
    BackupReason.PASSPHRASE: N_("before a passphrase change"),
    BackupReason.RESTORE: N_("the vault before a restore"),
    BackupReason.BY_HAND: N_("made by hand"),
}


class BackupsDialog(QDialog):
    """Where backups go, how many are kept, a backup now, and the restore points."""

    restore_requested = Signal(object, str)  # RestorePoint, the passphrase that opens it

    def __init__(
        self,
        operations: Operations,
        parent: QWidget | None = None,
        save_pending: Callable[[], bool] = lambda: True,
        *,
        reading_only: bool = False,
    ) -> None:
        super().__init__(parent)
        self._operations = operations
        # The vault is open for reading only: the folder and the number kept cannot be saved,
        # nothing can be restored, and a backup by hand goes to a folder chosen each time.
        self._reading_only = reading_only
        # The words typed a moment ago belong in a backup made now: saved first.
        self._save_pending = save_pending
        self.setWindowTitle(_("Backups"))
        self.settings: BackupSettings | None = None
        self.folder = QLabel()
        self.folder.setObjectName("backup_folder")
        self.folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder.setWordWrap(True)
        choose = QPushButton(_("&Choose folder…"))
        choose.clicked.connect(self._choose_folder)
        self.default_button = QPushButton(_("Use the &default"))
        self.default_button.clicked.connect(lambda: self._save(None))
        self.keep = QSpinBox()
        self.keep.setRange(1, MAX_KEEP)
        self.keep.setAccessibleName(_("How many daily backups to keep"))
        self.keep.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)  # a number
        self.keep.editingFinished.connect(lambda: self._save(self._chosen_folder()))
        self.points = QListWidget()
        self.points.setObjectName("restore_points")
        self.points.setAccessibleName(_("Restore points"))
        self.points.setMinimumHeight(lines_high(self.points, 4))
        self.points.itemSelectionChanged.connect(self._selection_changed)
        self.now_button = QPushButton(_("&Back up now"))
        self.now_button.clicked.connect(self._back_up_now)
        self.restore_button = QPushButton(_("&Restore this backup…"))
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self._restore)
        self.status = QLabel()
        self.status.setObjectName("backup_status")
        self.status.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(
            wrapped(
                _(
                    "Once a day, and before every upgrade or passphrase change, the whole vault is "
                    "copied, encrypted with the same passphrase, checked and kept here."
                )
            )
        )
        form = QFormLayout()
        # A field goes under its label, and a button under the others, when they do not fit
        # side by side (large text, a long folder name).
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        folder_buttons = FlowRow()
        folder_buttons.addWidget(choose)
        folder_buttons.addWidget(self.default_button)
        form.addRow(_("Folder:"), self.folder)
        form.addRow("", folder_buttons)
        form.addRow(_("&Keep the newest:"), self.keep)
        layout.addLayout(form)
        layout.addWidget(wrapped(_("Restore points, newest first:")))
        layout.addWidget(self.points, stretch=1)
        buttons = FlowRow()
        buttons.addWidget(self.now_button)
        buttons.addStretch()
        buttons.addWidget(self.restore_button)
        layout.addWidget(buttons)
        layout.addWidget(self.status)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        if reading_only:
            for control in (choose, self.default_button, self.keep):
                control.setEnabled(False)
            self.now_button.setText(_("&Back up to a folder…"))
            self.status.setText(
                _(
                    "The journal is open for reading only: nothing can be restored, and a "
                    "backup goes to a folder you choose each time, best on another disk."
                )
            )
        fit_to_screen(self, 640, 480)
        self._reload()

    def _reload(self) -> None:
        self._operations.run(
            lambda vault: (backup_settings(vault), all_restore_points(vault)),
            self._show,
            owner=self,
        )

    def _show(self, loaded: tuple[BackupSettings, list[RestorePoint]]) -> None:
        settings, points = loaded
        self.settings = settings
        self.folder.setText(str(settings.folder))
        self.default_button.setEnabled(settings.chosen_folder and not self._reading_only)
        self.keep.blockSignals(True)
        self.keep.setValue(settings.keep)
        self.keep.blockSignals(False)
        self.points.clear()
        for point in points:
            item = QListWidgetItem(f"{moment_text(point.made_at)} — {_(REASONS[point.reason])}")
            item.setData(Qt.ItemDataRole.UserRole, point)
            item.setToolTip(str(point.path))
            self.points.addItem(item)
        if not points:
            self.points.addItem(_("No backups yet."))
        self._selection_changed()

    def _chosen_folder(self) -> Path | None:
        settings = self.settings
        return settings.folder if settings is not None and settings.chosen_folder else None

    def _choose_folder(self) -> None:
        start = str(self.settings.folder) if self.settings else ""
        folder = QFileDialog.getExistingDirectory(self, _("Folder for backups"), start)
        if folder:
            self._save(Path(folder))

    def _save(self, folder: Path | None) -> None:
        keep = self.keep.value()
        self._operations.run(
            lambda vault: save_backup_settings(vault, folder, keep),
            lambda _settings: self._reload(),
            owner=self,
        )

    def _back_up_now(self) -> None:
        folder: Path | None = None
        if self._reading_only:
            chosen = QFileDialog.getExistingDirectory(self, _("Folder for this backup"))
            if not chosen:
                return
            folder = Path(chosen)
        elif not self._save_pending():
            return  # the window says why; nothing half-backed-up
        self.now_button.setEnabled(False)
        self.status.setText(_("Backing up…"))
        self._operations.run(
            lambda vault: make_backup(vault, BackupReason.BY_HAND, folder=folder),
            self._backed_up,
            on_error=self._backup_failed,
            owner=self,
        )

    def _backed_up(self, point: RestorePoint) -> None:
        self.now_button.setEnabled(True)
        self.status.setText(_("Backed up and checked: {path}").format(path=point.path))
        self._reload()

    def _backup_failed(self, error: BaseException) -> None:
        self.now_button.setEnabled(True)
        self.status.setText(_("The backup could not be written; the vault is unchanged."))
        self._operations.report(error)

    def selected_point(self) -> RestorePoint | None:
        item = self.points.currentItem()
        point = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return point if isinstance(point, RestorePoint) else None

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.selected_point() is not None and not self._reading_only)

    def _restore(self) -> None:
        point = self.selected_point()
        if point is None:
            return
        ask = RestoreDialog(point, self)
        if ask.exec() == QDialog.DialogCode.Accepted:
            self.restore_requested.emit(point, ask.passphrase.text())
            self.accept()


class RestoreDialog(QDialog):
    """Asks for the passphrase that opens the backup, and says what will happen."""

    def __init__(self, point: RestorePoint, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Restore a backup"))
        self.passphrase = passphrase_field()
        self.passphrase.setAccessibleName(_("Passphrase of the backup"))
        layout = QVBoxLayout(self)
        layout.addWidget(
            wrapped(
                _(
                    "The journal will go back to how it was on {when}. What you wrote since "
                    "then is not lost: the vault as it is now is kept as a restore point of its "
                    "own."
                ).format(when=moment_text(point.made_at))
            )
        )
        form = QFormLayout()
        form.addRow(_("&Passphrase of the backup:"), self.passphrase)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(_("Restore"))
        self.ok.setEnabled(False)
        self.passphrase.textChanged.connect(lambda text: self.ok.setEnabled(bool(text)))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class ChangePassphraseDialog(QDialog):
    """Current passphrase, the new one twice; the AppController does the change.

    The new one is rated as it is typed (off this thread), with ``names`` (the person's, the
    vault's: ``passphrase.names_to_try``) tried first; one a guesser would find quickly is asked
    about once, at the button."""

    change_requested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None, names: Sequence[str] = ()) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Change passphrase"))
        self.setMinimumWidth(460)
        keep_tall_enough(self)
        self.current = passphrase_field()
        self.current.setAccessibleName(_("Current passphrase"))
        self.new = passphrase_field()
        self.new.setAccessibleName(_("New passphrase"))
        self.repeat = passphrase_field()
        self.repeat.setAccessibleName(_("The same passphrase again"))
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.rater = PassphraseRater(self.new, names)
        self.rater.rated.connect(self._update)
        self._weak_but_wanted = False  # the person chose to keep this (weak) new passphrase
        self._deciding = False  # the button pressed, the rating on the way
        layout = QVBoxLayout(self)
        layout.addWidget(
            wrapped(
                _(
                    "A backup is made first, with the current passphrase. The vault is then "
                    "re-encrypted and opened again with the new one before this says it is done."
                )
            )
        )
        form = QFormLayout()
        # Each field under its label when the two do not fit side by side (large text).
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(_("&Current passphrase:"), self.current)
        form.addRow(_("&New passphrase:"), self.new)
        form.addRow(_("&Again:"), self.repeat)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        # Translators: the button that changes it; the window's title has the same English
        # words, which may need another form (a verb here, a noun there).
        self.ok.setText(pgettext("button", "Change passphrase"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for field in (self.current, self.new, self.repeat):
            field.textChanged.connect(self._update)
        self.new.textChanged.connect(self._forget_choice)
        self._update()

    def _problem(self) -> str | None:
        if not self.current.text():
            return ""
        return problem_with_new_passphrase(self.new.text(), self.repeat.text())

    def _update(self, *_changed: Any) -> None:
        text = self.new.text()
        problem = self._problem()
        rating = self.rater.rating
        if problem and self.repeat.text():
            self.hint.setText(problem)  # the two differ (or the new one is too short)
        elif text and rating is not None:
            self.hint.setText(rating.hint())
        elif not text:
            self.hint.setText("")
        # else: the last words stay until the new rating arrives, a moment after typing pauses
        self.ok.setEnabled(problem is None)

    def _forget_choice(self) -> None:
        self._weak_but_wanted = False

    def _accept(self) -> None:
        if self._problem() is None and not self._deciding:
            self._deciding = True
            self.rater.when_rated(self._change_if_wanted)

    def _change_if_wanted(self, rating: Rating) -> None:
        self._deciding = False
        if self._problem() is not None:
            return
        if rating.strength is Strength.WEAK and not self._weak_but_wanted:
            if not use_anyway(self, rating):
                self.new.setFocus()
                self.new.selectAll()
                return
            self._weak_but_wanted = True
        self.change_requested.emit(self.current.text(), self.new.text())
        self.accept()


def confirm_unencrypted_export(parent: QWidget) -> bool:
    return ask_yes_no(
        parent,
        _("Export everything as JSON"),
        _(
            "The JSON file is not encrypted: anyone who opens it can read everything you have "
            "written. Keep it somewhere private and delete it when you no longer need it. "
            "Write it anyway?"
        ),
        warning=True,
    )
