"""Where the desktop has no tray (stock GNOME), the evening reminder comes through the desktop's
notification service, and its action opens the journal: never a banner in a window nobody sees.

The service is a fake in its own process (tests/fake_notifications.py) on a private bus; the
app talks to it as to GNOME's, and the test clicks through it.
"""
# ruff: noqa: F811 - the controllers fixture is imported from test_ui and used as an argument

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import time
from pathlib import Path

import pytest
from PySide6.QtDBus import QDBusConnection
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

import recovery_journal.store.vault_file as vault_file
from recovery_journal import APP_NAME
from recovery_journal.app_id import APP_ID
from recovery_journal.domain.daily import ReminderTimes
from recovery_journal.store import create_vault
from recovery_journal.ui.app import AppController
from recovery_journal.ui.desktop_bus import Buses
from recovery_journal.ui.pages import Page
from recovery_journal.ui.ui_state import remember_reminder
from recovery_journal.ui.vault_dialogs import UnlockDialog
from tests.conftest import PASSPHRASE, TEST_KDF, private_session_bus
from tests.test_ui import controllers, unlock  # noqa: F401

FAKE = Path(__file__).resolve().parent / "fake_notifications.py"
REMINDER = "Tonight's review is waiting. A couple of minutes is enough."
# The reminder due at any hour: from the day's first minute (its boundary) on.
ALWAYS = ReminderTimes(at=time(4, 0), boundary=time(4, 0))


class FakeService:
    def __init__(self, address: str, log: Path) -> None:
        self.log = log
        self.process = subprocess.Popen(
            [sys.executable, str(FAKE), address, str(log)],
            stdin=subprocess.PIPE,
            text=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )

    def lines(self) -> list[str]:
        return self.log.read_text("utf-8").splitlines() if self.log.exists() else []

    def calls(self) -> list[list[object]]:
        return [json.loads(line)["Notify"] for line in self.lines() if line.startswith("{")]

    def say(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def stop(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def notifications(qtbot, tmp_path) -> Iterator[tuple[FakeService, QDBusConnection]]:
    if QSystemTrayIcon.isSystemTrayAvailable():
        pytest.skip("this desktop has a tray: the reminder goes there")
    with private_session_bus("notification service") as address:
        fake = FakeService(address, tmp_path / "notifications.log")
        try:
            qtbot.waitUntil(lambda: "ready" in fake.lines(), timeout=30_000)
            name = f"app-{os.urandom(4).hex()}"
            yield fake, QDBusConnection.connectToBus(address, name)
            QDBusConnection.disconnectFromBus(name)
        finally:
            fake.stop()


def _visible_windows() -> list[str]:
    return [type(w).__name__ for w in QApplication.topLevelWidgets() if w.isVisible()]


def test_in_the_background_the_reminder_is_a_notification_that_opens_the_journal(
    qapp, qtbot, controllers, vault_path, notifications
):
    fake, bus = notifications
    create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF).close()
    vault_file.KDF_ITERATIONS = TEST_KDF  # put back by the controllers fixture
    remember_reminder(vault_path, ALWAYS)  # as the app keeps it while it starts with the computer
    controller = AppController(qapp, vault_path, Buses(session=bus, system=None))
    controllers.append(controller)
    controller.wait_in_background()  # as started with the computer

    qtbot.waitUntil(lambda: len(fake.calls()) == 1, timeout=10_000)
    (call,) = fake.calls()
    assert call == [
        APP_NAME,  # the app's name
        0,  # replaces no earlier one
        APP_ID,  # its icon, by name
        APP_NAME,
        REMINDER,
        ["default", "Open my journal", "open-journal", "Open my journal"],
        {"desktop-entry": APP_ID},
        -1,
    ]
    assert _visible_windows() == []  # no banner, no window: the desktop shows it

    fake.say("invoke 41 default")  # another program's notification: not ours
    qtbot.wait(300)
    assert _visible_windows() == []
    fake.say("invoke 1 open-journal")  # the person clicks "Open my journal"
    qtbot.waitUntil(
        lambda: isinstance(controller.dialog, UnlockDialog) and controller.dialog.isActiveWindow(),
        timeout=10_000,
    )
    window = unlock(qtbot, controller, controller.dialog)
    assert window.current_page() is Page.REVIEW  # tonight's review, as the reminder asked

    controller.reminder.check()  # reminded once a night, not again
    qtbot.wait(300)
    assert len(fake.calls()) == 1


def test_with_the_journal_open_the_reminder_is_a_notification_too(
    qapp, qtbot, controllers, vault_path, notifications
):
    from recovery_journal.services.settings import update_settings

    fake, bus = notifications
    vault = create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    update_settings(vault, reminder_on=True, reminder_time=time(4, 0), day_boundary=time(4, 0))
    vault.close()
    vault_file.KDF_ITERATIONS = TEST_KDF
    controller = AppController(qapp, vault_path, Buses(session=bus, system=None))
    controllers.append(controller)
    window = unlock(qtbot, controller, controller.start())
    qtbot.waitUntil(lambda: len(fake.calls()) == 1, timeout=10_000)
    assert fake.calls()[0][4] == REMINDER
    assert window.banner.text() != REMINDER  # not both


def test_a_tray_that_appears_after_the_app_started_gets_the_icon(
    qapp, qtbot, controllers, vault_path, monkeypatch
):
    """Started with the computer, the app may come up before the panel that holds the tray."""
    create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF).close()
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: False))
    controller = AppController(qapp, vault_path, Buses(session=None, system=None))
    controllers.append(controller)
    controller.wait_in_background()
    reminder = controller.reminder
    assert reminder is not None and reminder.tray is None
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    reminder.check()  # every half minute
    assert reminder.tray is not None
    reminder.close()
