"""Locking after idle time, on screen lock or sleep, or by hand; and a damaged vault's way out."""
# ruff: noqa: F811 - the controllers fixture is imported from test_ui and used as an argument

from __future__ import annotations

import pytest
from PySide6.QtGui import QAction

from recovery_journal.domain.backups import BackupReason, default_folder
from recovery_journal.services.backups import make_backup
from recovery_journal.services.demo import fill_demo
from recovery_journal.services.worker import VaultClosed
from recovery_journal.store import create_vault, open_vault
from recovery_journal.ui.main_window import MainWindow
from recovery_journal.ui.pages import Page
from recovery_journal.ui.ui_state import remember_auto_lock
from recovery_journal.ui.vault_dialogs import UnlockDialog
from tests.conftest import (
    PASSPHRASE,
    TEST_KDF,
    persons_today,
    private_session_bus,
    reopen,
    without_evening_reminder,
)
from tests.test_ui import controllers, settle, start, unlock  # noqa: F401

WORDS = "Written just before the screen went dark."


class FakeClock:
    def __init__(self) -> None:
        self.monotonic = 1000.0
        self.wall = 1_800_000_000.0

    def __call__(self) -> tuple[float, float]:
        return self.monotonic, self.wall


def _open(qapp, qtbot, controllers, vault_path):
    vault = create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    fill_demo(vault, 10, "en", end=persons_today())
    vault.close()
    controller, dialog = start(qapp, controllers, vault_path)
    window = unlock(qtbot, controller, dialog)
    clock = FakeClock()
    controller.auto_lock._clock = clock
    controller.auto_lock.touch()
    return controller, window, clock


def _locked(qtbot, controller) -> UnlockDialog:
    qtbot.waitUntil(
        lambda: controller.window is None and isinstance(controller.dialog, UnlockDialog),
        timeout=10_000,
    )
    qtbot.waitUntil(lambda: controller.dialog.isVisible(), timeout=10_000)
    assert controller.worker._vault is None  # the connection (and SQLCipher's key) is gone
    return controller.dialog


def test_idle_time_locks_saves_what_was_typed_and_unlocking_returns_to_the_page(
    qapp, qtbot, controllers, vault_path
):
    controller, window, clock = _open(qapp, qtbot, controllers, vault_path)
    window.show_page(Page.STEPS)
    detail = window.steps.open_step(3)
    qtbot.waitUntil(lambda: detail.isEnabled() and bool(detail.answer_editors), timeout=5_000)
    detail.answer_editors["s3.q01"].insertPlainText(WORDS)  # typed, not yet saved
    assert detail.has_unsaved_text()

    clock.monotonic += 9 * 60  # nine minutes: not yet
    controller.auto_lock.check()
    assert controller.window is window

    clock.monotonic += 61
    controller.auto_lock.check()
    dialog = _locked(qtbot, controller)
    assert "10 minutes" in dialog.findChild(type(dialog.status), "note").text()
    assert dialog.passphrase.text() == ""

    with pytest.raises(VaultClosed):  # nothing is open while locked
        controller.worker.submit(lambda vault: None).result(timeout=5)

    window = unlock(qtbot, controller, dialog)
    assert isinstance(window, MainWindow) and window.current_page() is Page.STEPS
    controller.window.close()
    controller.shutdown()
    vault = open_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    try:
        assert WORDS in vault.steps.answers(3)["s3.q01"].text
    finally:
        vault.close()


def test_a_computer_that_slept_locks_at_once(qapp, qtbot, controllers, vault_path):
    controller, window, clock = _open(qapp, qtbot, controllers, vault_path)
    clock.wall += 3 * 3600  # the monotonic clock stood still while the computer slept
    controller.auto_lock.check()
    _locked(qtbot, controller)


def test_screen_lock_and_lock_now_and_never(qapp, qtbot, controllers, vault_path):
    controller, window, clock = _open(qapp, qtbot, controllers, vault_path)
    controller.auto_lock.desktop_says(False)  # the screensaver went away: nothing to do
    assert controller.window is window
    controller.auto_lock.desktop_says(True)  # the screen locked
    dialog = _locked(qtbot, controller)
    assert "locked" in dialog.findChild(type(dialog.status), "note").text()

    window = unlock(qtbot, controller, dialog)
    window.lock_after_actions[0].trigger()  # Never
    clock.monotonic += 10 * 3600
    controller.auto_lock.check()
    assert controller.window is window
    (lock_now,) = [
        action
        for action in window.findChildren(QAction)
        if action.shortcut().toString() == "Ctrl+L"
    ]
    lock_now.trigger()
    _locked(qtbot, controller)


def test_a_damaged_vault_offers_its_newest_backup(qapp, qtbot, controllers, vault_path):
    remember_auto_lock(10)
    vault = create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    fill_demo(vault, 10, "en", end=persons_today())
    with vault.transaction():
        vault.settings.set("display_name", "kept in the backup")
    vault.close()
    without_evening_reminder(vault_path)
    vault = reopen(vault_path)
    make_backup(vault, BackupReason.BY_HAND)
    vault.close()
    size = vault_path.stat().st_size
    with vault_path.open("r+b") as handle:
        handle.truncate(size - 1000)  # cut short inside a page

    controller, dialog = start(qapp, controllers, vault_path)
    dialog.passphrase.setText(PASSPHRASE)
    dialog.unlock_button.click()
    qtbot.waitUntil(lambda: dialog.restore_button.isVisible(), timeout=10_000)
    assert "damaged" in dialog.status.text() and "backup" in dialog.backup_offer.text()
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: controller.window is not None, timeout=20_000)
    settle(qtbot, controller)
    assert "is restored" in controller.window.banner.text()
    # The damaged file is kept, not deleted.
    kept = [p for p in default_folder(vault_path).iterdir() if "restore" in p.name]
    assert len(kept) == 1 and kept[0].stat().st_size == size - 1000
    result = controller.operations.run(lambda v: v.settings.get_all().get("display_name"))
    assert result.result(timeout=10) == "kept in the backup"


SCREEN_LOCK_SCRIPT = r"""
import subprocess, sys, time
from pathlib import Path
from PySide6.QtWidgets import QApplication
from recovery_journal.store import create_vault
import recovery_journal.store.vault_file as vault_file
from recovery_journal.ui.app import AppController
from recovery_journal.ui.vault_dialogs import UnlockDialog

app = QApplication([])
path = Path(sys.argv[1])
create_vault(path, "four calm words here", kdf_iterations=4000).close()
vault_file.KDF_ITERATIONS = 4000  # quick to derive; the app uses the store's number
controller = AppController(app, path)
dialog = controller.start()


def wait(predicate, seconds=20):
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            raise SystemExit("timed out")
        app.processEvents()
        time.sleep(0.02)


dialog.passphrase.setText("four calm words here")
dialog.unlock_button.click()
wait(lambda: controller.window is not None)
subprocess.run(
    ["dbus-send", "--session", "--type=signal", "/org/freedesktop/ScreenSaver",
     "org.freedesktop.ScreenSaver.ActiveChanged", "boolean:true"],
    check=True,
)
wait(lambda: controller.window is None and isinstance(controller.dialog, UnlockDialog))
print("locked by the desktop")
controller.shutdown()
"""


def test_the_desktop_saying_the_screen_locked_locks_the_journal(tmp_path):
    """Over a real (private) D-Bus session bus, as a desktop's screensaver announces it."""
    import os
    import shutil
    import subprocess
    import sys

    if not shutil.which("dbus-send"):
        pytest.skip("no D-Bus session bus can be used here: dbus-send is not installed")
    with private_session_bus("D-Bus session bus") as address:
        env = dict(os.environ, DBUS_SESSION_BUS_ADDRESS=address, QT_QPA_PLATFORM="offscreen")
        done = subprocess.run(
            [sys.executable, "-c", SCREEN_LOCK_SCRIPT, str(tmp_path / "journal.rjvault")],
            capture_output=True,
            text=True,
            env=env,
            timeout=90,
        )
    assert "locked by the desktop" in done.stdout, done.stdout + done.stderr


def test_a_window_kept_in_the_tray_still_locks_and_changes_language(
    qapp, qtbot, controllers, vault_path
):
    # With the evening reminder in the tray, closing only hides the window; a lock or a new
    # language must close it for real (before, a new language only hid it).
    controller, window, clock = _open(qapp, qtbot, controllers, vault_path)
    window.keep_in_tray = lambda: True
    controller.switch_language("ru")
    renewed = controller.window
    assert renewed is not None and renewed is not window and renewed.isVisible()
    renewed.keep_in_tray = lambda: True
    controller.lock()
    _locked(qtbot, controller)


def test_journal_words_typed_just_before_a_lock_are_kept_and_found(
    qapp, qtbot, controllers, vault_path
):
    controller, window, _clock = _open(qapp, qtbot, controllers, vault_path)
    window.show_page(Page.JOURNAL)
    journal = window.journal
    qtbot.waitUntil(lambda: journal.new_button.isEnabled(), timeout=5_000)
    journal.new_entry()
    journal.title_edit.setText("Before the dark")
    journal.title_edit.textEdited.emit("Before the dark")
    journal.body.insertPlainText("Zephyrs over the harbour, typed a moment before the lock.")
    assert journal.has_unsaved_text()
    controller.lock()  # as Ctrl+L or the screen lock does, before the autosave's pause ends
    dialog = _locked(qtbot, controller)
    window = unlock(qtbot, controller, dialog)
    assert window.current_page() is Page.JOURNAL
    found = controller.worker.submit(
        lambda vault: [(e.title, e.body.strip()) for e in vault.journal.all() if "Zephyr" in e.body]
    ).result(timeout=5)
    assert found == [
        ("Before the dark", "Zephyrs over the harbour, typed a moment before the lock.")
    ]
    hits = controller.worker.submit(
        lambda vault: [(i.kind, i.title) for i in vault.search.find('stems : "zephyr"', 5)]
    ).result(timeout=5)
    assert hits == [("journal", "Before the dark")]


@pytest.mark.parametrize(
    ("given", "seconds"),
    [("3", 3.0), ("0", 600.0), ("nan", 600.0), ("inf", 600.0), ("-5", 600.0), ("soon", 600.0)],
)
def test_the_journeys_lock_delay_never_turns_the_lock_off(monkeypatch, given, seconds):
    from recovery_journal.ui.ui_state import LOCK_AFTER_SECONDS_VARIABLE, auto_lock_seconds

    monkeypatch.setenv(LOCK_AFTER_SECONDS_VARIABLE, given)
    assert auto_lock_seconds() == seconds  # else the setting: ten minutes by default


# --- a file that may be damaged, where SQLCipher can only say "wrong passphrase" ------------------

WRONG = (
    "That passphrase does not open this vault. Check the keyboard layout and Caps Lock, then "
    "try again."
)


def _flip_a_salt_byte(path) -> None:
    # The first 16 bytes are the key's salt: with one changed, no passphrase opens the file,
    # and SQLCipher cannot tell that from a wrong passphrase.
    with path.open("r+b") as handle:
        handle.seek(5)
        byte = handle.read(1)[0]
        handle.seek(5)
        handle.write(bytes([byte ^ 0xFF]))


def _try(qtbot, dialog, passphrase) -> str:
    dialog.passphrase.setText(passphrase)
    dialog.unlock_button.click()
    qtbot.waitUntil(lambda: not dialog.is_busy, timeout=10_000)
    return dialog.status.text()


def test_a_damaged_salt_gets_the_backup_offered_after_the_second_try(
    qapp, qtbot, controllers, vault_path
):
    from recovery_journal.ui.dates import moment_text

    vault = create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    fill_demo(vault, 5, "en", end=persons_today())
    with vault.transaction():
        vault.settings.set("display_name", "kept in the backup")
    point = make_backup(vault, BackupReason.BY_HAND)
    vault.close()
    _flip_a_salt_byte(vault_path)
    damaged = vault_path.read_bytes()

    controller, dialog = start(qapp, controllers, vault_path)
    # The first time, a typo is by far the likelier: nothing about damage yet.
    assert _try(qtbot, dialog, PASSPHRASE) == WRONG
    assert not dialog.restore_button.isVisible()
    said = _try(qtbot, dialog, PASSPHRASE)
    assert said.startswith(WRONG + " If you are sure of the passphrase, the file itself may be")
    assert moment_text(point.made_at) in said
    assert dialog.restore_button.isVisible() and dialog.backup_offer.isVisible()
    assert dialog.passphrase.hasFocus()  # another try is still the first thing Enter does
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: controller.window is not None, timeout=20_000)
    settle(qtbot, controller)
    result = controller.operations.run(lambda v: v.settings.get_all().get("display_name"))
    assert result.result(timeout=10) == "kept in the backup"
    kept = [p for p in default_folder(vault_path).iterdir() if "before-restore" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged


def test_a_wrong_passphrase_twice_restores_nothing_it_cannot_open(
    qapp, qtbot, controllers, vault_path
):
    vault = create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    make_backup(vault, BackupReason.BY_HAND)
    vault.close()
    before = vault_path.read_bytes()
    controller, dialog = start(qapp, controllers, vault_path)
    _try(qtbot, dialog, "not the passphrase")
    _try(qtbot, dialog, "not the passphrase")
    assert dialog.restore_button.isVisible()
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: not dialog.is_busy, timeout=10_000)
    assert dialog.status.text().startswith(
        "Your newest backup does not open with this passphrase either"
    )
    assert vault_path.read_bytes() == before
    assert not [p for p in default_folder(vault_path).iterdir() if "before-restore" in p.name]
    assert unlock(qtbot, controller, dialog) is not None


def test_the_old_passphrase_after_a_change_is_not_offered_the_old_backup(
    qapp, qtbot, controllers, vault_path
):
    from recovery_journal.store import change_passphrase

    vault = create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    make_backup(vault, BackupReason.PASSPHRASE)
    vault, changed = change_passphrase(
        vault, PASSPHRASE, "a new calm phrase", kdf_iterations=TEST_KDF
    )
    assert changed
    vault.close()
    controller, dialog = start(qapp, controllers, vault_path)
    _try(qtbot, dialog, PASSPHRASE)
    said = _try(qtbot, dialog, PASSPHRASE)
    assert "just before a passphrase change" in said
    assert not dialog.restore_button.isVisible()
