"""Auto-lock hears every usual lock signal, really sent over a (private) D-Bus bus.

The desktop's signals come from another connection on the bus, as from the screensaver or
logind: a private dbus-daemon stands for both the session and the system bus, and a fake logind
owns org.freedesktop.login1 on it and answers which session is ours.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from PySide6.QtCore import ClassInfo, QObject, Slot
from PySide6.QtDBus import QDBusConnection, QDBusMessage, QDBusObjectPath

from recovery_journal.ui.auto_lock import AutoLock
from recovery_journal.ui.desktop_bus import Buses
from tests.conftest import private_session_bus

LOGIND = "org.freedesktop.login1"
OURS = "/org/freedesktop/login1/session/_32"
ANOTHER = "/org/freedesktop/login1/session/_33"


@ClassInfo({"D-Bus Interface": "org.freedesktop.login1.Manager"})
class FakeLogind(QObject):
    """Manager.GetSession as logind answers it: "" is the caller's own session (when it is in
    one); otherwise a session ID; an unknown one is an error."""

    def __init__(self, bus: QDBusConnection, sessions: dict[str, str]) -> None:
        super().__init__()
        self.bus = bus
        self.sessions = sessions
        self.asked: list[str] = []

    @Slot(str, QDBusMessage, result=QDBusObjectPath)
    def GetSession(self, session_id: str, message: QDBusMessage) -> QDBusObjectPath:  # noqa: N802 - D-Bus's name
        self.asked.append(session_id)
        path = self.sessions.get(session_id)
        if path is None:
            message.setDelayedReply(True)
            self.bus.send(
                message.createErrorReply(
                    "org.freedesktop.login1.NoSessionForPID", "no session for this process"
                )
            )
            return QDBusObjectPath("/")
        return QDBusObjectPath(path)


class Desktop:
    """The other end of the bus: logind and the screensavers, sending their signals."""

    def __init__(self, address: str, sessions: dict[str, str]) -> None:
        self.name = f"desktop-{os.urandom(4).hex()}"
        self.bus = QDBusConnection.connectToBus(address, self.name)
        assert self.bus.isConnected()
        self.logind = FakeLogind(self.bus, sessions)
        self.bus.registerObject(
            "/org/freedesktop/login1",
            self.logind,
            QDBusConnection.RegisterOption.ExportAllSlots,
        )
        assert self.bus.registerService(LOGIND)

    def send(self, path: str, interface: str, name: str, *arguments: object) -> None:
        signal = QDBusMessage.createSignal(path, interface, name)
        if arguments:
            signal.setArguments(list(arguments))
        assert self.bus.send(signal)

    def close(self) -> None:
        QDBusConnection.disconnectFromBus(self.name)


@pytest.fixture
def bus_address() -> Iterator[str]:
    with private_session_bus("D-Bus bus") as address:
        yield address


def _desktop_and_lock(qapp, address: str, sessions: dict[str, str]):
    desktop = Desktop(address, sessions)
    name = f"app-{os.urandom(4).hex()}"
    ours = QDBusConnection.connectToBus(address, name)
    parent = QObject()
    auto_lock = AutoLock(qapp, lambda: 0, parent, Buses(session=ours, system=ours))
    auto_lock.start()  # watching, as while the journal is open

    def close() -> None:
        auto_lock.detach()
        QDBusConnection.disconnectFromBus(name)
        desktop.close()

    return desktop, auto_lock, parent, close


SCREENSAVERS = [
    ("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver"),  # KDE and others
    ("/org/gnome/ScreenSaver", "org.gnome.ScreenSaver"),
    ("/org/xfce/ScreenSaver", "org.xfce.ScreenSaver"),  # xfce4-screensaver
    ("/org/mate/ScreenSaver", "org.mate.ScreenSaver"),  # mate-screensaver
    ("/org/cinnamon/ScreenSaver", "org.cinnamon.ScreenSaver"),  # cinnamon-screensaver
]


@pytest.mark.parametrize(
    ("path", "interface"), SCREENSAVERS, ids=[path.split("/")[2] for path, _ in SCREENSAVERS]
)
def test_a_screensaver_turning_on_locks_and_turning_off_does_not(
    qapp, qtbot, bus_address, path, interface
):
    desktop, auto_lock, _parent, close = _desktop_and_lock(qapp, bus_address, {})
    try:
        with qtbot.assertNotEmitted(auto_lock.lock_due, wait=500):
            desktop.send(path, interface, "ActiveChanged", False)
        with qtbot.waitSignal(auto_lock.lock_due, timeout=5_000):
            desktop.send(path, interface, "ActiveChanged", True)
    finally:
        close()


def test_going_to_sleep_locks(qapp, qtbot, bus_address):
    desktop, auto_lock, _parent, close = _desktop_and_lock(qapp, bus_address, {})
    try:
        with qtbot.waitSignal(auto_lock.lock_due, timeout=5_000):
            desktop.send(
                "/org/freedesktop/login1", "org.freedesktop.login1.Manager", "PrepareForSleep", True
            )
    finally:
        close()


def _session_lock_locks_only_our_session(qtbot, desktop, auto_lock, asked: list[str]) -> None:
    # Asked asynchronously (the window never waits for logind), then listened to.
    qtbot.waitUntil(lambda: desktop.logind.asked == asked, timeout=5_000)
    session = "org.freedesktop.login1.Session"
    with qtbot.assertNotEmitted(auto_lock.lock_due, wait=500):
        desktop.send(ANOTHER, session, "Lock")  # another session locking: not ours to follow
    with qtbot.waitSignal(auto_lock.lock_due, timeout=5_000):
        desktop.send(OURS, session, "Lock")  # loginctl lock-session, KDE, swayidle


def test_logind_locking_this_session_locks(qapp, qtbot, bus_address, monkeypatch):
    monkeypatch.delenv("XDG_SESSION_ID", raising=False)
    desktop, auto_lock, _parent, close = _desktop_and_lock(qapp, bus_address, {"": OURS})
    try:
        # "": the caller's own session, found by its process (as GetSessionByPID does).
        _session_lock_locks_only_our_session(qtbot, desktop, auto_lock, [""])
    finally:
        close()


def test_outside_a_session_the_session_named_in_the_environment_is_ours(
    qapp, qtbot, bus_address, monkeypatch
):
    # An app started by the user's service manager (GNOME does so) is in no session itself.
    monkeypatch.setenv("XDG_SESSION_ID", "c2")
    desktop, auto_lock, _parent, close = _desktop_and_lock(qapp, bus_address, {"c2": OURS})
    try:
        _session_lock_locks_only_our_session(qtbot, desktop, auto_lock, ["", "c2"])
    finally:
        close()
