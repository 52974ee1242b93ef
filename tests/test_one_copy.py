"""One copy of the app: launched again, the real program brings the running one forward.

The real program (``python -m recovery_journal``) twice, on a private session bus, in a fresh
home. The first says on its output which window takes the keyboard, as Qt sees it
(RECOVERY_JOURNAL_SAY_ACTIVE_WINDOW); started in the background it shows none until asked.
"""

# ruff: noqa: F811 - the controllers fixture is imported from test_ui and used as an argument

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtDBus import QDBusConnection, QDBusMessage
from PySide6.QtWidgets import QApplication

from recovery_journal.app_id import APP_ID
from recovery_journal.store import create_vault
from recovery_journal.ui.app import AppController
from recovery_journal.ui.vault_dialogs import UnlockDialog
from tests.conftest import PASSPHRASE, TEST_KDF, private_session_bus
from tests.test_ui import controllers, start, unlock  # noqa: F401

ROOT = Path(__file__).resolve().parents[1]
# Where the running copy answers org.freedesktop.Application: the app ID as a path.
OBJECT_PATH = "/" + APP_ID.replace(".", "/")
SAY_ACTIVE_WINDOW = "RECOVERY_JOURNAL_SAY_ACTIVE_WINDOW"  # ui/app.py


class Program:
    def __init__(self, env: dict[str, str], log: Path, *arguments: str) -> None:
        self.log = log
        with log.open("wb") as output:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "recovery_journal", *arguments],
                env=env,
                cwd=ROOT,
                stdout=output,
                stderr=subprocess.STDOUT,
            )

    def output(self) -> str:
        return self.log.read_text("utf-8", errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # as the session ending: Quit
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _wait(condition: Callable[[], object], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {seconds} s for {what}")
        time.sleep(0.05)


@pytest.fixture
def desktop(qapp, tmp_path: Path) -> Iterator[tuple[dict[str, str], Callable[..., Program]]]:
    home = tmp_path / "home"
    home.mkdir()
    started: list[Program] = []
    with private_session_bus("D-Bus session bus") as address:
        env = {
            "PATH": os.environ["PATH"],
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_DATA_HOME": str(home / ".local" / "share"),
            "LANG": "C.UTF-8",
            "QT_QPA_PLATFORM": "offscreen",
            "DBUS_SESSION_BUS_ADDRESS": address,
            "PYTHONPATH": str(ROOT),
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
            "RECOVERY_JOURNAL_NO_KEYCHAIN": "1",
            SAY_ACTIVE_WINDOW: "1",
        }

        def launch(*arguments: str) -> Program:
            program = Program(env, tmp_path / f"program-{len(started) + 1}.log", *arguments)
            started.append(program)
            return program

        try:
            yield env, launch
        finally:
            for program in started:
                program.stop()


def _owned(address: str) -> Callable[[], bool]:
    name = f"test-{os.urandom(4).hex()}"
    bus = QDBusConnection.connectToBus(address, name)

    def owned() -> bool:
        return bool(bus.interface().isServiceRegistered(APP_ID).value())

    return owned


def test_a_second_launch_brings_the_first_copys_window_forward_and_ends(desktop, tmp_path):
    env, launch = desktop
    vault = str(tmp_path / "journal.rjvault")
    # Started with the computer: no window at all until something asks for one.
    first = launch("--vault", vault, "--background")
    _wait(_owned(env["DBUS_SESSION_BUS_ADDRESS"]), 60, "the first copy to own the app's name")
    assert "active window" not in first.output()

    second = launch("--vault", vault)  # as a person starts it again from the menu
    assert second.process.wait(30) == 0
    assert second.output() == ""  # quietly: no window, no words

    raised = "active window: CreateVaultDialog"
    _wait(lambda: raised in first.output(), 30, "the first copy's window")
    assert first.process.poll() is None  # the first copy goes on


def test_a_launch_for_another_vault_starts_by_itself(desktop, tmp_path):
    env, launch = desktop
    first = launch("--vault", str(tmp_path / "one.rjvault"))
    _wait(_owned(env["DBUS_SESSION_BUS_ADDRESS"]), 60, "the first copy to own the app's name")
    _wait(lambda: "active window" in first.output(), 30, "the first copy's window")

    other = launch("--vault", str(tmp_path / "other.rjvault"))
    _wait(lambda: "active window: CreateVaultDialog" in other.output(), 60, "its own window")
    assert other.process.poll() is None
    assert first.output().count("active window") == 1  # the first was not brought forward


def test_the_desktop_may_open_nothing_and_run_no_action(desktop, tmp_path):
    """Open and ActivateAction (the rest of org.freedesktop.Application) say no, politely."""
    env, launch = desktop
    launch("--vault", str(tmp_path / "journal.rjvault"), "--background")
    _wait(_owned(env["DBUS_SESSION_BUS_ADDRESS"]), 60, "the first copy to own the app's name")
    bus = QDBusConnection.connectToBus(env["DBUS_SESSION_BUS_ADDRESS"], f"t-{os.urandom(4).hex()}")
    for method, arguments in (
        ("Open", [["file:///etc/passwd"], {}]),
        ("ActivateAction", ["quit", [], {}]),
    ):
        call = QDBusMessage.createMethodCall(
            APP_ID, OBJECT_PATH, "org.freedesktop.Application", method
        )
        call.setArguments(arguments)
        reply = bus.call(call)
        assert reply.type() == QDBusMessage.MessageType.ErrorMessage
        assert reply.errorName() == "org.freedesktop.DBus.Error.NotSupported"


# --- bringing forward, in the process ----------------------------------------------------------


def test_brought_forward_a_minimised_window_is_shown_and_active(
    qapp, qtbot, controllers, vault_path
):
    create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF).close()
    controller, dialog = start(qapp, controllers, vault_path)
    window = unlock(qtbot, controller, dialog)
    window.showMinimized()
    qtbot.waitUntil(window.isMinimized)
    controller.bring_to_front()
    qtbot.waitUntil(lambda: not window.isMinimized() and window.isActiveWindow())

    controller.lock()  # locked: the passphrase's window comes forward instead
    qtbot.waitUntil(lambda: controller.window is None and controller.dialog.isVisible())
    locked = controller.dialog
    locked.showMinimized()
    controller.bring_to_front()
    qtbot.waitUntil(lambda: not locked.isMinimized() and locked.isActiveWindow())
    assert controller.dialog is locked  # the same one, not a second


def test_waiting_in_the_background_brought_forward_asks_for_the_passphrase(
    qapp, qtbot, controllers, vault_path
):
    create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF).close()
    controller = AppController(qapp, vault_path)
    controllers.append(controller)
    controller.wait_in_background()
    qtbot.wait(100)
    assert controller.dialog is None
    assert not [widget for widget in QApplication.topLevelWidgets() if widget.isVisible()]
    controller.bring_to_front()
    dialog = controller.dialog
    assert isinstance(dialog, UnlockDialog)
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.isActiveWindow())
    dialog.reject()  # cancelled: back to waiting, the program goes on
    assert not dialog.isVisible()
    controller.bring_to_front()
    assert controller.dialog is not dialog and controller.dialog.isVisible()
