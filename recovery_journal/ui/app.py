"""The GUI's composition root: the one place that wires the store, the worker and the windows."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from recovery_journal import APP_NAME, __version__
from recovery_journal.domain.backups import BackupReason, RestorePoint, backup_name
from recovery_journal.domain.clock import utc_now
from recovery_journal.errors import JournalError, VaultDamaged
from recovery_journal.i18n import _
from recovery_journal.services.backups import backup_if_due, make_backup
from recovery_journal.services.integrity import check_after_unlock
from recovery_journal.services.worker import VaultWorker
from recovery_journal.store_access import load_store
from recovery_journal.ui.bridge import when_done
from recovery_journal.ui.clipboard import mark_copies_secret
from recovery_journal.ui.garbage import collect_on_gui_thread, set_aside_long_lived
from recovery_journal.ui.i18n_qt import apply_language
from recovery_journal.ui.main_window import MainWindow
from recovery_journal.ui.messages import error_sentence
from recovery_journal.ui.operations import Operations
from recovery_journal.ui.pages import Page
from recovery_journal.ui.reminder import Reminder, app_icon
from recovery_journal.ui.ui_state import (
    APPLICATION,
    ORGANISATION,
    preferred_language,
    remember_language,
)
from recovery_journal.ui.vault_dialogs import CreateVaultDialog, UnlockDialog

BACKUP_CHECK_MS = 60 * 60 * 1000  # is a daily backup due? asked every hour while open


class AppController(QObject):
    """Opens the vault through a dialog, then keeps one main window (rebuilt for a new language)."""

    def __init__(self, app: QApplication, vault_path: Path, kdf_iterations: int | None = None):
        super().__init__()
        self.app = app
        self.vault_path = vault_path
        collect_on_gui_thread(app)  # before any other thread starts
        mark_copies_secret(app)
        self.worker = VaultWorker()
        self.operations = Operations(self.worker)
        self.store = load_store()
        self.window: MainWindow | None = None
        self.dialog: UnlockDialog | CreateVaultDialog | None = None
        self._replacing_window = False
        self.reminder: Reminder | None = None
        self._integrity_checked = False
        self._integrity_problems: list[str] = []
        self._backup_timer = QTimer(self)
        self._backup_timer.setInterval(BACKUP_CHECK_MS)
        self._backup_timer.timeout.connect(self._backup_if_due)
        # Only tests lower the iterations, to keep the suite quick; the app never does.
        self._kdf = {} if kdf_iterations is None else {"kdf_iterations": kdf_iterations}

    def start(self) -> QDialog:
        """Show the create or the unlock dialog; the main window follows once the vault is open."""
        path = self.vault_path
        if path.exists():
            self.dialog = UnlockDialog(
                path,
                lambda secret: self.worker.open(
                    lambda: self.store.open_vault(
                        path, secret, backup_before_upgrade=True, **self._kdf
                    )
                ),
            )
        else:
            self.dialog = CreateVaultDialog(
                path,
                lambda secret: self.worker.open(
                    lambda: self.store.create_vault(path, secret, **self._kdf)
                ),
            )
        self.dialog.opened.connect(self.show_main_window)
        self.dialog.rejected.connect(self.app.quit)
        self.dialog.show()
        return self.dialog

    def show_main_window(self) -> MainWindow:
        window = MainWindow(self.operations, self.vault_path)
        window.language_chosen.connect(self.switch_language)
        window.closing.connect(self._window_closing)
        window.quit_requested.connect(self.quit)
        window.restore_requested.connect(self.restore)
        window.change_passphrase_requested.connect(self.change_passphrase)
        self.window = window
        window.setWindowIcon(app_icon())
        if self.reminder is None:
            self.reminder = Reminder(self.operations, self)
            self.reminder.show_window.connect(self._bring_back)
            self.reminder.open_review.connect(self._open_review)
            self.reminder.quit_requested.connect(self.quit)
            self.reminder.remind_in_window.connect(self._remind_in_window)
        window.keep_in_tray = self._keep_in_tray
        window.show()
        set_aside_long_lived()
        self._show_damage()  # a window rebuilt for a new language says it again, translated
        if not self._integrity_checked:
            self._integrity_checked = True
            # Tampering is only noticed on pages that are read, so read them all once per
            # unlock, after the first page has loaded; the result arrives as a banner.
            self.operations.run(check_after_unlock, self._show_integrity)
            self._backup_if_due()
            self._backup_timer.start()
        return window

    # --- backups and the passphrase ----------------------------------------------------------

    def _kdf_iterations(self) -> int:
        return int(self._kdf.get("kdf_iterations", self.store.KDF_ITERATIONS))

    def _backup_if_due(self) -> None:
        # Quietly, once a day; only a failure is worth a word.
        self.operations.run(backup_if_due, lambda _point: None)

    def restore(self, point: RestorePoint, passphrase: str) -> None:
        """Check the backup, then close the window and the vault, put it back, and reopen."""
        store, kdf = self.store, self._kdf_iterations()
        self.operations.run(
            lambda _vault: store.check_backup(point.path, passphrase, kdf_iterations=kdf),
            lambda _ok: self._replace_with(point, passphrase),
        )

    def _replace_with(self, point: RestorePoint, passphrase: str) -> None:
        window = self.window
        if window is None:
            return
        page = window.current_page()
        if not self._close_window_to_replace(window):
            return
        self.window = None
        path, store, kdf = self.vault_path, self.store, self._kdf_iterations()
        aside = point.path.parent / backup_name(path, utc_now(), BackupReason.RESTORE)

        def opener() -> Any:
            store.restore_backup(point.path, path, passphrase, kdf_iterations=kdf, set_aside=aside)
            return store.open_vault(path, passphrase, kdf_iterations=kdf)

        future = self.worker.open(opener)
        when_done(future, lambda _none: self._restored(page), self._restore_failed)

    def _restored(self, page: Page) -> None:
        window = self.show_main_window()
        window.show_page(page)
        window.show_banner(
            _("The backup is restored. The vault as it was is kept as a restore point.")
        )

    def _restore_failed(self, error: BaseException) -> None:
        QMessageBox.warning(None, APP_NAME, error_sentence(error))
        self.start()

    def change_passphrase(self, current: str, new: str) -> None:
        store, kdf = self.store, self._kdf_iterations()

        def back_up_and_check(vault: Any) -> None:
            point = make_backup(vault, BackupReason.PASSPHRASE)
            # The backup holds the vault's key: the current passphrase must open it.
            store.check_backup(point.path, current, kdf_iterations=kdf)

        def rekey(vault: Any) -> tuple[Any, bool]:
            return store.change_passphrase(vault, current, new, kdf_iterations=kdf)

        def then_rekey(_none: None) -> None:
            when_done(self.worker.replace(rekey), self._passphrase_changed, self._rekey_failed)

        self.operations.run(back_up_and_check, then_rekey, on_error=self._passphrase_failed)

    def _passphrase_changed(self, changed: bool) -> None:
        if self.window is not None:
            self.window.show_banner(
                _("The passphrase is changed; the vault opened with the new one.")
                if changed
                else _("The passphrase was not changed; the vault still opens with the old one.")
            )

    def _rekey_failed(self, error: BaseException) -> None:
        # The vault was closed for the change and could not be opened again here: ask for the
        # passphrase as at start-up (whichever of the two opens it is the one in force).
        if self.window is not None:
            self._close_window_to_replace(self.window)
            self.window = None
        QMessageBox.warning(None, APP_NAME, error_sentence(error))
        self.start()

    def _passphrase_failed(self, error: BaseException) -> None:
        if self.window is not None:
            self.window.show_banner(
                _("The passphrase was not changed: {reason}").format(reason=error_sentence(error))
            )

    def _show_integrity(self, problems: list[str]) -> None:
        self._integrity_problems = problems
        self._show_damage()

    def _show_damage(self) -> None:
        if self._integrity_problems and self.window is not None:
            self.window.show_banner(
                VaultDamaged(self.vault_path, self._integrity_problems[0]).message()
            )

    def _keep_in_tray(self) -> bool:
        reminder = self.reminder
        return reminder is not None and reminder.tray_available and reminder.keep_in_tray

    def _bring_back(self) -> None:
        if self.window is not None:
            self.window.show()
            self.window.raise_()
            self.window.activateWindow()

    def _open_review(self) -> None:
        self._bring_back()
        if self.window is not None:
            self.window.open_review()

    def _remind_in_window(self, text: str) -> None:
        if self.window is not None:
            self.window.show_banner(text)

    def quit(self) -> None:
        """Quit for real, also when closing the window would only hide it to the tray."""
        if self.window is not None:
            self.window.keep_in_tray = lambda: False
            if not self.window.close():
                return
        self.app.quit()

    def _window_closing(self) -> None:
        if self._replacing_window:
            return
        self.window = None
        self.app.quit()

    def _close_window_to_replace(self, window: MainWindow) -> bool:
        """Close a window that another will replace, without quitting the app.

        Closing saves and waits first; the window stays open (False) if a save failed.
        """
        self._replacing_window = True
        try:
            return window.close()
        finally:
            self._replacing_window = False

    def switch_language(self, language: str) -> None:
        """Apply a new language by rebuilding the window over the same open vault."""
        old = self.window
        if old is None:
            return
        page = old.current_page()
        if not self._close_window_to_replace(old):
            return
        remember_language(language)
        apply_language(self.app, language)
        window = self.show_main_window()
        window.show_page(page)
        # The old window had the keyboard focus; hand it over, or shortcuts go nowhere.
        window.raise_()
        window.activateWindow()

    def shutdown(self) -> None:
        self._backup_timer.stop()
        if self.reminder is not None:
            self.reminder.close()
        if self.window is not None:
            self.window.save_pending()
        # Waits for queued saves, then closes the vault on its own thread.
        self.worker.shutdown()


def make_application(argv: list[str]) -> QApplication:
    app = QApplication.instance() or QApplication(argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APPLICATION)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    apply_language(app, preferred_language())
    return app


def run_gui(vault_path: Path) -> int:
    app = make_application(sys.argv[:1])
    try:
        controller = AppController(app, vault_path)
    except JournalError as error:  # the cipher is missing: fail closed, in a sentence
        QMessageBox.critical(None, APP_NAME, error.message())
        return 1
    controller.start()
    try:
        return app.exec()
    finally:
        controller.shutdown()
