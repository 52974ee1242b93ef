"""The GUI's composition root: the one place that wires the store, the worker and the windows."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from recovery_journal import APP_NAME, __version__
from recovery_journal.app_id import APP_ID
from recovery_journal.errors import (
    JournalError,
    NewestBackupNotOpened,
    VaultDamaged,
    WrongPassphrase,
    reading_only_notice,
)
from recovery_journal.i18n import _, ngettext
from recovery_journal.ui.appearance import (
    apply_appearance,
    follow_system_scheme,
    remember_appearance,
)
from recovery_journal.ui.bridge import when_done
from recovery_journal.ui.clipboard import mark_copies_secret
from recovery_journal.ui.garbage import collect_on_gui_thread
from recovery_journal.ui.i18n_qt import apply_language
from recovery_journal.ui.messages import error_sentence
from recovery_journal.ui.pages import Page
from recovery_journal.ui.remembered import RememberedPassphrase
from recovery_journal.ui.start_order import later
from recovery_journal.ui.ui_state import (
    APPLICATION,
    ORGANISATION,
    auto_lock_seconds,
    known_restore_points,
    preferred_language,
    remember_backup_folder,
    remember_language,
)
from recovery_journal.ui.vault_dialogs import UnlockDialog

if TYPE_CHECKING:
    from recovery_journal.domain.backups import RestorePoint
    from recovery_journal.domain.ports import VaultStore
    from recovery_journal.domain.steps import Programme
    from recovery_journal.passphrase import RawKey, Secret
    from recovery_journal.services.worker import VaultWorker
    from recovery_journal.ui.auto_lock import AutoLock
    from recovery_journal.ui.desktop_bus import Buses
    from recovery_journal.ui.main_window import MainWindow
    from recovery_journal.ui.operations import Operations
    from recovery_journal.ui.reminder import Reminder
    from recovery_journal.ui.sharing import Sharing
    from recovery_journal.ui.welcome_dialog import CreateVaultDialog


def _name_controls(app: QApplication) -> None:
    """accessibility.name_controls_for_screen_readers, before the first combo box, calendar or
    tool bar is made (not before an unlock dialog, which has none: the module costs about 8 ms)."""
    from recovery_journal.ui import accessibility

    accessibility.name_controls_for_screen_readers(app)


def _import_main_window() -> type[MainWindow]:
    from recovery_journal.ui.main_window import MainWindow

    return MainWindow


SET_ASIDE_MS = 1_000
LOCK_WAIT_MS = 2_000  # the longest a last exchange may keep the passphrase dialog waiting
BACKUP_CHECK_MS = 60 * 60 * 1000  # is a daily backup due? asked every hour while open


class AppController(QObject):
    """Opens the vault through a dialog, then keeps one main window (rebuilt for a new language)."""

    def __init__(self, app: QApplication, vault_path: Path, buses: Buses | None = None):
        """``buses``: the D-Bus connections to the desktop (its own by default; tests give
        private ones)."""
        super().__init__()
        self.app = app
        self.vault_path = vault_path
        self._buses = buses
        # Said once the journal is open: what earlier runs, killed half-way, had left behind.
        self._news: list[str] = []
        collect_on_gui_thread(app)  # before any other thread starts
        mark_copies_secret(app)
        self.window: MainWindow | None = None
        self.dialog: UnlockDialog | CreateVaultDialog | None = None
        self.guide: QDialog | None = None  # the first-run guide, when one was shown
        # Asked when the passphrase was changed on another computer (ui/sharing.py).
        self.other_passphrase_dialog: QDialog | None = None
        self._replacing_window = False
        self.reminder: Reminder | None = None
        self._integrity_checked = False
        self._integrity_problems: list[str] = []
        self._backup_timer = QTimer(self)
        self._backup_timer.setInterval(BACKUP_CHECK_MS)
        self._backup_timer.timeout.connect(self._backup_if_due)
        self.remembered = RememberedPassphrase(
            vault_path,
            lambda passphrase: self.store.derive_raw_key(vault_path, passphrase),
            self,
        )
        self.remembered.found.connect(self._keychain_found)
        # The remembered passphrase opens the vault by itself only at start; after a lock the
        # person asks for it with a click (or the lock would undo itself).
        self._use_remembered_now = True
        self._return_to: Page | None = None  # the page shown when the journal locked
        self._return_focus = ""  # the control the keyboard was on then (its object name)
        self._restored_from: RestorePoint | None = None
        # Started with the computer (--background): closing the window or cancelling the
        # passphrase returns to waiting for the reminder rather than ending the program.
        self.background = False
        self._waiting = False  # in the background with no window at all

    # The worker, the storage layer and the operations are made on first use: normally by
    # prepare(), just after the first dialog shows; at the latest when it opens the vault.

    @cached_property
    def buses(self) -> Buses:
        from recovery_journal.ui.desktop_bus import desktop_buses

        return self._buses if self._buses is not None else desktop_buses()

    @cached_property
    def auto_lock(self) -> AutoLock:
        from recovery_journal.ui.auto_lock import AutoLock

        # Asks D-Bus: not before the first window shows.
        auto_lock = AutoLock(self.app, auto_lock_seconds, self, self.buses)
        auto_lock.lock_due.connect(self.lock)
        return auto_lock

    @cached_property
    def worker(self) -> VaultWorker:
        from recovery_journal.services.worker import VaultWorker

        return VaultWorker()

    @cached_property
    def operations(self) -> Operations:
        from recovery_journal.ui.operations import Operations

        return Operations(self.worker)

    @cached_property
    def sharing(self) -> Sharing:
        from recovery_journal.ui.sharing import Sharing

        sharing = Sharing(self.operations, self.store, self)
        sharing.passphrase_wanted.connect(self._ask_other_passphrase)
        return sharing

    @cached_property
    def store(self) -> VaultStore:
        from recovery_journal.store_access import load_store

        return load_store()  # raises CipherUnavailable when sqlcipher3 cannot be loaded

    def prepare(self) -> None:
        """Everything the first dialog did not need, imported and made while it is shown."""
        try:
            self.store  # noqa: B018 - made now rather than when the passphrase is entered
        except JournalError as error:  # the cipher is missing: fail closed, in a sentence
            if self.dialog is not None and shiboken6.isValid(self.dialog):
                self.dialog.hide()
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.critical(None, APP_NAME, error.message())
            QApplication.exit(1)
            return
        self.operations  # noqa: B018
        self.auto_lock  # noqa: B018
        _name_controls(self.app)
        _import_main_window()
        from recovery_journal.ui.reminder import app_icon

        self.app.setWindowIcon(app_icon())  # every window, the dialog shown already too

    def start(self, note: str = "") -> QDialog:
        """Show the create or the unlock dialog; the main window follows once the vault is open."""
        self._waiting = False
        path = self.vault_path
        if path.exists():
            dialog = UnlockDialog(path, self._open_with, note=note)
            dialog.remembered_requested.connect(self._unlock_with_remembered)
            dialog.damaged.connect(self._offer_backup)
            dialog.maybe_damaged.connect(self._offer_backup_on_suspicion)
            dialog.restore_requested.connect(self._restore_damaged)
            self.dialog = dialog
        else:
            from recovery_journal.ui.welcome_dialog import CreateVaultDialog

            _name_controls(self.app)  # before its combo box is made
            self.dialog = CreateVaultDialog(path, self._create_with)
        self.dialog.opened.connect(self._unlocked)
        self.dialog.rejected.connect(self._dialog_rejected)
        self.dialog.show()
        later(self.dialog.select_text, self.dialog)
        if isinstance(self.dialog, UnlockDialog):
            if self.remembered.available is None:
                # Asked once the dialog is on screen: loading keyring takes a while.
                later(self.remembered.look_for_keychain)
            else:
                self._keychain_found(self.remembered.available)
        later(self.prepare)
        return self.dialog

    def _dialog_rejected(self) -> None:
        if self.background:
            self._waiting = True  # cancelled: back to waiting for the reminder
        else:
            self.app.quit()

    def wait_in_background(self) -> None:
        """Started with the computer: no window until the reminder, the tray or another launch
        asks for one. The journal stays locked; the reminder knows its time without it."""
        self.background = True
        self._waiting = True
        self._remind()
        later(self.prepare)

    def _back_to_background(self) -> None:
        """The window closed while started with the computer: lock, and wait again."""
        self._waiting = True
        self._use_remembered_now = False
        self.auto_lock.stop()
        when_done(self.worker.close(), lambda _none: None, lambda _error: None)

    def bring_to_front(self) -> None:
        """The journal's window in front of the others (the passphrase's while locked, asked
        for first when waiting in the background): for another launch, the tray, a reminder."""
        target: QWidget | None = self.window
        if target is None and self._waiting:
            target = self.start()
        if target is None and self.dialog is not None and shiboken6.isValid(self.dialog):
            target = self.dialog
        if target is not None:
            show_in_front(target)

    def _create_with(self, passphrase: str, programme: Programme, folder: Path | None) -> Any:
        """A new journal; with ``folder``, the journal another computer keeps there (joining)."""
        path, store = self.vault_path, self.store

        def creator() -> Any:
            from recovery_journal.domain.clock import utc_now
            from recovery_journal.services.settings import update_settings
            from recovery_journal.services.sync import check_shared_folder, share_through

            if folder is not None:
                # Said before anything is made: no journal there, or another passphrase.
                check_shared_folder(store, folder, passphrase)
            vault = store.create_vault(path, passphrase)
            try:
                update_settings(vault, programme=programme)
            except BaseException:
                vault.close()  # the file stays, whole; the sentence says what happened
                raise
            if folder is not None:
                try:
                    share_through(vault, store, folder, passphrase, utc_now())
                except Exception as error:  # noqa: BLE001 - the journal opens; the banner says
                    sentence = error_sentence(vault.translate_error(error))
                    self._news.append(
                        _(
                            "Your journal was made here, but the shared folder could not be "
                            "read: {reason} Try again from Settings ▸ Use this journal on more "
                            "than one computer."
                        ).format(reason=sentence)
                    )
            return vault

        return self.worker.open(creator)

    def _open_first_guide(self) -> None:
        if self.window is not None:
            self.guide = self.window.open_guide()

    def _open_with(self, secret: Secret) -> Any:
        path, store = self.vault_path, self.store
        # Where nothing can be written (a read-only folder or file, a full disk) the journal
        # opens for reading, and the window says why (_show_reading_only).
        access = store.Access.WRITE_OR_READ

        def opener() -> Any:
            from recovery_journal.domain.backups import default_folder
            from recovery_journal.services.backups import interrupted_restore_sentence
            from recovery_journal.temporaries import leftover_sentences, sweep_leftovers

            # Here, off the window's thread and before the journal opens, rather than before
            # the first window (it cost that window about 10 ms of imports).
            removed = sweep_leftovers((path.parent, default_folder(path)))
            news = leftover_sentences(removed, plain_only=True)
            vault = store.open_vault(path, secret, backup_before_upgrade=True, access=access)
            if sentence := interrupted_restore_sentence(vault):
                news.append(sentence)
            self._news += news
            return vault

        return self.worker.open(opener)

    def _unlock_dialog(self) -> UnlockDialog | None:
        dialog = self.dialog
        if isinstance(dialog, UnlockDialog) and shiboken6.isValid(dialog) and dialog.isVisible():
            return dialog
        return None

    def _unlocked(self) -> None:
        from recovery_journal.ui.welcome_dialog import CreateVaultDialog

        dialog = self.dialog
        typed = wanted = None
        if isinstance(dialog, UnlockDialog):
            typed, wanted = dialog.take_typed(), dialog.remember_wanted
        window = self.show_main_window()
        if isinstance(dialog, CreateVaultDialog):
            # A new vault is the first run: a few pages on what the app is for (skippable), once
            # its settings are read, so that the guide speaks the programme chosen.
            window.settings_read_once(self._open_first_guide)
        if self._return_to is not None:
            window.show_page(self._return_to)
            self._return_to = None
        # Once shown and active: the keyboard where it was before a lock, else in the page;
        # never the window's first control (words typed went into the search box).
        where, self._return_focus = self._return_focus, ""
        QTimer.singleShot(0, window, lambda: window.focus_control(where))
        if self._news:
            window.show_banner(" ".join(self._news))
            self._news = []
        if self._restored_from is not None:
            from recovery_journal.ui.dates import moment_text

            window.show_banner(
                _(
                    "The backup from {when} is restored. The damaged file is kept beside your "
                    "backups; nothing was deleted."
                ).format(when=moment_text(self._restored_from.made_at))
            )
            self._restored_from = None
        # A copy a sync tool left beside the vault, or records written on two computers at once.
        window.look_for_copies()
        if typed is not None and wanted:
            self.remembered.remember(typed, self._now_remembered, self._keychain_failed)
        elif typed is not None and self.remembered.remembered:
            self.forget_passphrase()  # the box was unticked: forget
        self.auto_lock.start()

    # --- the remembered passphrase -----------------------------------------------------------

    def _keychain_found(self, available: bool) -> None:
        if self.window is not None:
            self.window.set_remembered(self.remembered.remembered)
        dialog = self._unlock_dialog()
        if dialog is None or not available or dialog.is_busy:
            return
        dialog.offer_remember(self.remembered.remembered)
        if self.remembered.remembered and self._use_remembered_now:
            self._unlock_with_remembered()

    def _unlock_with_remembered(self) -> None:
        dialog = self._unlock_dialog()
        if dialog is None:
            return
        dialog.set_busy(True, _("Asking the system keychain…"))

        def arrived(key: RawKey | None) -> None:
            if self._unlock_dialog() is not dialog:
                return
            dialog.set_busy(False)
            if key is None:
                dialog.not_remembered()
            else:
                dialog.unlock_with(key)

        def failed(error: BaseException) -> None:
            if self._unlock_dialog() is dialog:
                dialog.set_busy(False, error_sentence(error))
                dialog.passphrase.setFocus()

        self.remembered.recall(arrived, failed)

    def _recall_key(self, on_key: Callable[[RawKey | None], object]) -> None:
        """The journal's key from the keychain, where the person chose to remember it (a copy
        of the journal opens with it); None otherwise, or when the keychain cannot answer."""
        if not self.remembered.remembered:
            on_key(None)
            return
        self.remembered.recall(on_key, lambda _error: on_key(None))

    def _now_remembered(self, _done: bool) -> None:
        if self.window is not None:
            self.window.set_remembered(True)

    def _keychain_failed(self, error: BaseException) -> None:
        if self.window is not None:
            self.window.show_banner(error_sentence(error))

    def forget_passphrase(self) -> None:
        def forgotten(_done: bool) -> None:
            if self.window is not None:
                self.window.set_remembered(False)
                self.window.show_banner(
                    _("The remembered passphrase is forgotten; type it next time."), news=True
                )

        self.remembered.forget(forgotten, self._keychain_failed)

    # --- locking -----------------------------------------------------------------------------

    def lock(self) -> None:
        """Save, close the window and the vault, and ask for the passphrase again."""
        if self.window is None:
            return
        where = self.window.focused_control()
        page = self._close_window_for_now()
        if page is None:
            self.auto_lock.start()  # a save failed and the window shows why; try again later
            return
        self._return_focus = where
        self.auto_lock.stop()
        self._return_to = page
        self._use_remembered_now = False
        seconds = auto_lock_seconds()
        note = _("Your journal is locked.")
        if self.auto_lock.idle_seconds() >= seconds > 0:
            minutes = max(1, round(seconds / 60))
            note = ngettext(
                "Your journal locked itself after {n} minute without use.",
                "Your journal locked itself after {n} minutes without use.",
                minutes,
            ).format(n=minutes)
        # One last exchange through a shared folder, queued before the vault closes.
        self._exchange_before_closing()
        # Closing the vault wipes SQLCipher's copy of the key; the new dialog has empty fields.
        # An exchange that takes long (a slow network folder) does not keep the passphrase
        # from being asked for: the dialog shows after LOCK_WAIT_MS at the latest.
        asked = False

        def ask(_result: object = None) -> None:
            nonlocal asked
            if not asked:
                asked = True
                self.start(note)

        when_done(self.worker.close(), ask, ask)
        QTimer.singleShot(LOCK_WAIT_MS, self, ask)

    def _exchange_before_closing(self) -> None:
        if "sharing" in self.__dict__:
            self.sharing.before_closing(self.worker)

    # --- one journal on more than one computer -----------------------------------------------

    def open_sharing(self) -> QDialog | None:
        from PySide6.QtCore import Qt

        from recovery_journal.ui.sync_dialog import SyncDialog

        if self.window is None:
            return None
        dialog = SyncDialog(self.sharing, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def _ask_other_passphrase(self, sentence: str) -> None:
        from PySide6.QtCore import Qt

        from recovery_journal.ui.sync_dialog import OtherPassphraseDialog

        if self.window is None:
            return
        dialog = OtherPassphraseDialog(self.sharing, sentence, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.other_passphrase_dialog = dialog

    # --- a damaged vault ---------------------------------------------------------------------

    def _offer_backup(self) -> None:
        from recovery_journal.ui.dates import moment_text

        dialog = self._unlock_dialog()
        points = known_restore_points(self.vault_path)
        if dialog is not None and points:
            dialog.offer_backup(points[0], moment_text(points[0].made_at))

    def _offer_backup_on_suspicion(self, error: WrongPassphrase) -> None:
        """The typed passphrase failed twice: the file may be damaged (SQLCipher cannot tell)."""
        from recovery_journal.domain.backups import BackupReason
        from recovery_journal.ui.dates import moment_text

        dialog = self._unlock_dialog()
        if dialog is None:
            return
        points = known_restore_points(self.vault_path)
        if not points:
            dialog.suspect_damage(error.with_damage_hint().message(), None)
            return
        newest, when = points[0], moment_text(points[0].made_at)
        # Made just before a passphrase change, it opens with the old passphrase: most likely
        # the one typed out of habit, and the vault itself is fine. Nothing to offer then.
        before_change = newest.reason is BackupReason.PASSPHRASE
        sentence = error.with_damage_hint(when, before_change=before_change).message()
        dialog.suspect_damage(sentence, None if before_change else newest)

    def _restore_damaged(self, offered: RestorePoint) -> None:
        """Put the newest backup the typed passphrase opens in the damaged vault's place; when
        the vault only may be damaged (its passphrase failed twice), only the one offered."""
        dialog = self._unlock_dialog()
        if dialog is None:
            return
        passphrase = dialog.typed_passphrase
        store = self.store
        on_suspicion = dialog.offered_on_suspicion
        candidates = [offered] if on_suspicion else known_restore_points(self.vault_path)

        def opener() -> Any:
            problem: BaseException = VaultDamaged(self.vault_path, "no backup could be checked")
            for point in candidates:
                try:
                    store.check_backup(point.path, passphrase)
                except WrongPassphrase as error:
                    # The same passphrase fails on the backup: most likely it is a typo after all.
                    problem = NewestBackupNotOpened() if on_suspicion else error
                    continue
                except JournalError as error:
                    problem = error
                    continue
                self._restored_from = point
                return self._put_back(point, passphrase)
            raise problem

        dialog.restore_with(self.worker.open(opener))

    def show_main_window(self) -> MainWindow:
        from recovery_journal.services.backups import backup_settings
        from recovery_journal.services.integrity import check_after_unlock
        from recovery_journal.ui.garbage import set_aside_long_lived
        from recovery_journal.ui.reminder import app_icon

        _name_controls(self.app)  # done by prepare() unless it has not run
        window = _import_main_window()(self.operations, self.vault_path)
        window.language_chosen.connect(self.switch_language)
        window.appearance_chosen.connect(self.switch_appearance)
        window.closing.connect(self._window_closing)
        window.quit_requested.connect(self.quit)
        window.restore_requested.connect(self.restore)
        window.change_passphrase_requested.connect(self.change_passphrase)
        window.lock_requested.connect(self.lock)
        window.forget_passphrase_requested.connect(self.forget_passphrase)
        window.sharing_requested.connect(self.open_sharing)
        window.set_remembered(self.remembered.remembered)
        window.recall_key = self._recall_key
        self.window = window
        window.setWindowIcon(app_icon())
        self._remind()
        window.keep_in_tray = self._keep_in_tray
        window.show()
        # A full collection takes a while: after the first page has shown, not before.
        QTimer.singleShot(SET_ASIDE_MS, set_aside_long_lived)
        self._show_damage()  # a window rebuilt for a new language says it again, translated
        self.operations.run(lambda vault: vault.cannot_write, self._show_reading_only)
        if not self._integrity_checked:
            self._integrity_checked = True
            # Tampering is only noticed on pages that are read, so read them all once per
            # unlock, after the first page has loaded; the result arrives as a banner.
            self.operations.run(check_after_unlock, self._show_integrity)
            self._keep_autostart_in_step()
            self._backup_if_due()
            self._backup_timer.start()
        self.operations.run(
            lambda vault: backup_settings(vault).folder,
            lambda folder: remember_backup_folder(self.vault_path, folder),
        )
        # Shared through a folder: its line in the window, and after an unlock an exchange.
        self.sharing.attach(window)
        return window

    def _keep_autostart_in_step(self) -> None:
        from recovery_journal.services.autostart import keep_in_step, this_program

        launcher = this_program()
        self.operations.run(lambda vault: keep_in_step(vault, launcher))

    # --- backups and the passphrase ----------------------------------------------------------

    def _backup_if_due(self) -> None:
        from recovery_journal.services.backups import backup_if_due

        # Quietly, once a day; only a failure is worth a word. Not while the vault is open for
        # reading only: the window says so once, and the day's backup would only fail again.
        self.operations.run(
            lambda vault: None if vault.cannot_write else backup_if_due(vault), lambda _point: None
        )

    def _show_reading_only(self, reason: JournalError | None) -> None:
        """The one line saying that nothing can be saved here, and why (or nothing)."""
        window = self.window
        if window is None:
            return
        window.cannot_write = reason
        if reason is not None:
            window.show_banner(reading_only_notice(reason))

    def restore(self, point: RestorePoint, passphrase: str) -> None:
        """Check the backup, then close the window and the vault, put it back, and reopen."""
        store = self.store
        self.operations.run(
            lambda _vault: store.check_backup(point.path, passphrase),
            lambda _ok: self._replace_with(point, passphrase),
        )

    def _replace_with(self, point: RestorePoint, passphrase: str) -> None:
        page = self._close_window_for_now()
        if page is None:
            return
        future = self.worker.open(lambda: self._put_back(point, passphrase))
        when_done(future, lambda _none: self._restored(page), self._restore_failed)

    def _put_back(self, point: RestorePoint, passphrase: str) -> Any:
        """On the worker: the backup in the vault's place (the vault set aside), then open it."""
        from recovery_journal.domain.backups import BackupReason, backup_name

        path = self.vault_path
        aside = point.path.parent / backup_name(path, BackupReason.RESTORE)
        self.store.restore_backup(point.path, path, passphrase, set_aside=aside)
        return self.store.open_vault(path, passphrase)

    def _restored(self, page: Page) -> None:
        window = self.show_main_window()
        window.show_page(page)
        window.show_banner(
            _("The backup is restored. The vault as it was is kept as a restore point.")
        )

    def _restore_failed(self, error: BaseException) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(None, APP_NAME, error_sentence(error))
        self.start()

    def change_passphrase(self, current: str, new: str) -> None:
        from recovery_journal.domain.backups import BackupReason
        from recovery_journal.services.backups import make_backup

        store = self.store

        def back_up_and_check(vault: Any) -> None:
            # Said before anything is tried: a vault open for reading only, or a disk without
            # room to write every page again.
            store.ensure_room_to_rekey(vault)
            point = make_backup(vault, BackupReason.PASSPHRASE)
            # The backup holds the vault's key: the current passphrase must open it.
            store.check_backup(point.path, current)

        def rekey(vault: Any) -> tuple[Any, bool]:
            from recovery_journal.services.sync import follow_passphrase

            vault, changed = store.change_passphrase(vault, current, new)
            if changed:
                follow_passphrase(vault, store, new)
            return vault, changed

        def then_rekey(_none: None) -> None:
            when_done(
                self.worker.replace(rekey),
                lambda changed: self._passphrase_changed(changed, new),
                self._rekey_failed,
            )

        self.operations.run(back_up_and_check, then_rekey, on_error=self._passphrase_failed)

    def _passphrase_changed(self, changed: bool, new: str = "") -> None:
        if changed and new and self.remembered.remembered:
            # The remembered key is the old passphrase's: keep the new one's in its place.
            self.remembered.remember(new, self._now_remembered, self._keychain_failed)
        if self.window is not None:
            self.window.show_banner(
                _("The passphrase is changed; the vault opened with the new one.")
                if changed
                else _("The passphrase was not changed; the vault still opens with the old one."),
                news=changed,
            )

    def _rekey_failed(self, error: BaseException) -> None:
        # The vault was closed for the change and could not be opened again here: ask for the
        # passphrase as at start-up (whichever of the two opens it is the one in force).
        self._close_window_for_now()
        self.window = None  # closed or not, the vault behind it is gone
        from PySide6.QtWidgets import QMessageBox

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

    def _remind(self) -> Reminder:
        """The evening reminder (and the tray icon), made once: at the first unlock, or at once
        when started in the background."""
        if self.reminder is None:
            from recovery_journal.ui.reminder import Reminder

            reminder = Reminder(self.operations, self.vault_path, self, self.buses.session)
            reminder.show_window.connect(self.bring_to_front)
            reminder.open_review.connect(self._open_review)
            reminder.quit_requested.connect(self.quit)
            reminder.remind_in_window.connect(self._remind_in_window)
            self.reminder = reminder
        return self.reminder

    def _open_review(self) -> None:
        if self.window is None:
            self._return_to = Page.REVIEW  # once the passphrase is typed
        self.bring_to_front()
        if self.window is not None:
            self.window.open_review()

    def _remind_in_window(self, text: str) -> None:
        """The reminder where neither a tray nor the desktop's notifications can show it."""
        if self.window is not None:
            self.window.show_banner(text)
        elif self._waiting:
            show_in_front(self.start(text))  # in the background: the passphrase, saying why
        else:
            self.bring_to_front()

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
        self._exchange_before_closing()  # queued before the vault closes, on quit as well
        if self.background:
            self._back_to_background()
        else:
            self.app.quit()

    def _close_window_for_now(self) -> Page | None:
        """Close the window without quitting (a lock, a restore, a new language, a failed re-key).

        Closing saves and waits first, and closes for real even when the tray would only hide
        it. Returns the page it showed, or None when there is no window or a save failed (then
        it stays open, showing why).
        """
        window = self.window
        if window is None:
            return None
        page = window.current_page()
        keep_in_tray = window.keep_in_tray
        window.keep_in_tray = lambda: False
        self._replacing_window = True
        try:
            closed = window.close()
        finally:
            self._replacing_window = False
        if not closed:
            window.keep_in_tray = keep_in_tray
            return None
        self.window = None
        return page

    def switch_language(self, language: str) -> None:
        """Apply a new language by rebuilding the window over the same open vault."""

        def apply() -> None:
            remember_language(language)
            apply_language(self.app, language)

        self._rebuild_window(apply)

    def switch_appearance(self, theme: str, text_size: int) -> None:
        """A new theme or text size: the window is rebuilt so every font and colour follows."""

        def apply() -> None:
            remember_appearance(theme, text_size)
            apply_appearance(self.app, theme, text_size)

        self._rebuild_window(apply)
        if self.window is not None:
            from recovery_journal.ui.main_window import FIRST_SIZE
            from recovery_journal.ui.widgets import grow_for_text

            grow_for_text(self.window, *FIRST_SIZE)

    def _rebuild_window(self, change: Callable[[], None]) -> None:
        where = self.window.focused_control() if self.window is not None else ""
        page = self._close_window_for_now()
        if page is None:
            return
        change()
        window = self.show_main_window()
        window.show_page(page)
        # The old window had the keyboard focus; hand it over, or shortcuts go nowhere, and
        # to the same control (the text size box being stepped through), else into the page.
        window.raise_()
        window.activateWindow()
        QTimer.singleShot(0, window, lambda: window.focus_control(where))

    def shutdown(self) -> None:
        self._backup_timer.stop()
        if "auto_lock" in self.__dict__:
            self.auto_lock.detach()
        if self.reminder is not None:
            self.reminder.close()
        if self.window is not None:
            self.window.save_pending()
        if "worker" in self.__dict__:  # made (cached_property keeps it in the instance)
            # Waits for queued saves, then closes the vault on its own thread.
            self.worker.shutdown()


def show_in_front(window: QWidget) -> None:
    """Shown, not minimised, raised above the others and given the keyboard (activateWindow
    asks the window system through QWindow.requestActivate)."""
    from PySide6.QtCore import Qt

    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()


def make_application(argv: list[str]) -> QApplication:
    app = QApplication.instance() or QApplication(argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APPLICATION)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    # Locking, a restore and a new language close the main window before the next one shows;
    # Qt's default would end the program in that moment (it did: Ctrl+L quit). The program
    # ends only where it says so: the unlock dialog cancelled, the window closed, Quit.
    app.setQuitOnLastWindowClosed(False)
    # Names packaging/linux/<APP_ID>.desktop: Wayland's app_id, so the dock shows the menu's
    # icon and name for this window. (X11 matches by WM_CLASS, the application name, which the
    # entry's StartupWMClass gives.)
    app.setDesktopFileName(APP_ID)
    apply_language(app, preferred_language())
    apply_appearance(app, as_last_time=True)  # asked again once a window is painted (run_gui)
    return app


def quit_when_told(app: QApplication, controller: AppController) -> None:
    """SIGTERM (the session ending, the computer shutting down), SIGHUP and Ctrl+C in the
    terminal end the program as Quit does: the words typed a moment ago saved, the vault closed.

    Python runs a signal's handler only when it next runs Python code, which Qt's event loop
    may not do for a long while: the signal's wake-up byte on a socket wakes a notifier here.
    Without this, a SIGTERM ended the process on the spot and the words still waiting for
    the autosave's pause were lost.
    """
    import signal
    import socket

    from PySide6.QtCore import QSocketNotifier

    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)

    def told(_signal: int, _frame: object) -> None:
        def leave() -> None:
            controller.quit()
            app.quit()  # even if a save failed: the session is ending either way

        QTimer.singleShot(0, leave)

    for number in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        signal.signal(number, told)
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)
    notifier.activated.connect(lambda: reader.recv(64))  # Python runs: the handler with it
    _WATCHING.extend((reader, writer, notifier))  # alive as long as the program


_WATCHING: list[object] = []


# For the tests that start the real program: each window that takes the keyboard is named on
# standard output, as Qt sees it (a second launch raising the first copy's window, say).
SAY_ACTIVE_WINDOW_VARIABLE = "RECOVERY_JOURNAL_SAY_ACTIVE_WINDOW"


def _say_active_window() -> None:
    window = QApplication.activeWindow()
    if window is not None:
        print(f"active window: {type(window).__name__}", flush=True)


def run_gui(vault_path: Path, *, background: bool = False) -> int:
    """The app; ``background``: started with the computer, waiting for the reminder."""
    import os

    from PySide6.QtDBus import QDBusConnection

    from recovery_journal.ui.single_instance import claim_or_hand_over

    app = make_application(sys.argv[:1])
    # Before any window: a second launch brings the first copy forward and ends here.
    one = claim_or_hand_over(QDBusConnection.sessionBus(), vault_path, background=background)
    if one.hand_over:
        return 0
    controller = AppController(app, vault_path)
    if one.application is not None:
        one.application.activated.connect(controller.bring_to_front)
        _WATCHING.append(one.application)  # answers as long as the program runs
    if os.environ.get(SAY_ACTIVE_WINDOW_VARIABLE):
        app.focusWindowChanged.connect(lambda _window: _say_active_window())
    if background:
        controller.wait_in_background()
    else:
        controller.start()
    # Once the first window is up: the system's colour scheme, and the sockets and handlers
    # for signals (~5 ms), need not delay it.
    later(lambda: follow_system_scheme(app))
    if sys.platform != "win32":
        later(lambda: quit_when_told(app, controller))
    try:
        return app.exec()
    finally:
        controller.shutdown()
