"""The Settings page: fields as wide as what they hold; starting with the computer."""
# ruff: noqa: F811 - the controllers fixture is imported from test_ui and used as an argument

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QSize, Qt

from recovery_journal.services.autostart import (
    Launcher,
    autostart_file,
    set_start_with_computer,
    starts_with_computer,
)
from recovery_journal.store import create_vault
from recovery_journal.ui.pages import Page
from tests.conftest import PASSPHRASE, TEST_KDF
from tests.test_ui import controllers, settle, start, unlock  # noqa: F401 - fixtures and helpers


def test_the_time_boxes_keep_their_natural_width(qapp, qtbot, controllers, vault_path):
    create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF).close()
    controller, dialog = start(qapp, controllers, vault_path)
    window = unlock(qtbot, controller, dialog)
    window.resize(QSize(1280, 800))
    window.show()
    window.show_page(Page.SETTINGS)
    settle(qtbot, controller)
    qtbot.wait(20)
    page = window.settings
    for box in (page.day_boundary, page.reminder_time):
        # Five characters and the arrows, not the width of the page.
        assert box.isVisible()
        assert box.width() <= box.sizeHint().width(), box.objectName()
        assert box.width() < page.width() // 4, box.objectName()


def test_starting_with_the_computer_writes_and_removes_the_autostart_entry(
    qapp, qtbot, controllers, vault_path
):
    if sys.platform in ("win32", "darwin"):
        pytest.skip("XDG autostart is for Linux and other XDG desktops")
    create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF).close()
    controller, dialog = start(qapp, controllers, vault_path)
    window = unlock(qtbot, controller, dialog)
    window.show_page(Page.SETTINGS)
    settle(qtbot, controller)
    box = window.settings.start_with_computer
    assert box.isVisible() and not box.isChecked()
    entry = autostart_file()
    assert entry is not None and not entry.exists()

    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)  # ticked, as with the keyboard
    settle(qtbot, controller)
    assert entry.exists() and "--background" in entry.read_text("utf-8")
    on = controller.operations.run(starts_with_computer).result(timeout=10)
    assert on

    qtbot.keyClick(box, Qt.Key.Key_Space)
    settle(qtbot, controller)
    assert not entry.exists()
    assert not controller.operations.run(starts_with_computer).result(timeout=10)


def test_the_box_shows_whether_the_computer_starts_the_app(qapp, qtbot, controllers, vault_path):
    vault = create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    set_start_with_computer(vault, True, Launcher(("/usr/bin/recovery-journal",)))
    vault.close()
    controller, dialog = start(qapp, controllers, vault_path)
    window = unlock(qtbot, controller, dialog)
    window.show_page(Page.SETTINGS)
    settle(qtbot, controller)
    assert window.settings.start_with_computer.isChecked()


def test_closing_before_the_settings_arrive_writes_nothing_over_them(
    qapp, qtbot, controllers, vault_path
):
    """The settings page was opened while the worker was busy (a long exchange, a backup), and
    the window closed before the journal's settings reached it: its empty fields (no name, a
    day starting at midnight, no reminder) were saved over the person's. Found after midnight,
    when a language switch then moved the day."""
    import threading
    from datetime import time

    from recovery_journal.services.settings import load_settings, update_settings

    vault = create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    update_settings(vault, display_name="Alex", reminder_on=True, reminder_time=time(21, 30))
    vault.close()
    controller, dialog = start(qapp, controllers, vault_path)
    window = unlock(qtbot, controller, dialog)
    settle(qtbot, controller)
    busy = threading.Event()
    controller.worker.submit(lambda _vault: busy.wait(10))
    window.show_page(Page.SETTINGS)  # its settings wait behind the busy worker
    window.save_pending()
    busy.set()
    settle(qtbot, controller)
    kept = controller.worker.submit(load_settings).result()
    assert (kept.display_name, kept.reminder_on, kept.reminder_time) == ("Alex", True, time(21, 30))
    assert kept.day_boundary == time(4, 0)
