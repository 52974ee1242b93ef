"""When to lock by itself: after a while without input, when the screen locks, before sleep.

Input is seen by an event filter on the application (keys, mouse, wheel, touch). The check runs
every few seconds and measures idleness on both clocks: the monotonic one for a running
computer, the wall clock for one that slept (Linux's monotonic clock stops during suspend), so a
laptop opened after an hour locks at once. Where the desktop says so over D-Bus, the lock comes
at once: logind's PrepareForSleep (sleep) and this session's Lock (loginctl lock-session, KDE,
swayidle), and the ActiveChanged of the freedesktop, GNOME, Xfce, MATE and Cinnamon screensavers.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot

if TYPE_CHECKING:
    from PySide6.QtDBus import QDBusConnection

    from recovery_journal.ui.desktop_bus import Buses

CHECK_MS = 5_000
LOGIND_TIMEOUT_MS = 10_000

_INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)

LOGIND = "org.freedesktop.login1"
# (path, interface) of each screensaver whose ActiveChanged(true) means "the screen is locking".
# The same shape in each, read in their sources: xfce4-screensaver and mate-screensaver (the
# GNOME screensaver's descendants, gs-listener-dbus.c) and cinnamon-screensaver
# (org.cinnamon.ScreenSaver.xml); KDE and others speak the freedesktop one.
SCREENSAVERS = (
    ("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver"),
    ("/org/gnome/ScreenSaver", "org.gnome.ScreenSaver"),
    ("/org/xfce/ScreenSaver", "org.xfce.ScreenSaver"),
    ("/org/mate/ScreenSaver", "org.mate.ScreenSaver"),
    ("/org/cinnamon/ScreenSaver", "org.cinnamon.ScreenSaver"),
)


class AutoLock(QObject):
    lock_due = Signal()

    def __init__(
        self,
        app: QObject,
        seconds: Callable[[], float],
        parent: QObject,
        buses: Buses | None = None,
    ) -> None:
        """``buses``: where the desktop's signals come from (the desktop's own by default)."""
        super().__init__(parent)
        self._app = app
        self._seconds = seconds
        self._clock: Callable[[], tuple[float, float]] = lambda: (time.monotonic(), time.time())
        self._last = self._clock()
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(self.check)
        self._listen_to_desktop(buses)

    @property
    def watching(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        self.touch()
        if not self.watching:
            # Every event of the app passes through the filter, so it is there only while
            # the journal is open (not under the unlock dialog).
            self._app.installEventFilter(self)
        # Checked a few times within the delay, however short it is set.
        seconds = self._seconds()
        self._timer.setInterval(min(CHECK_MS, int(seconds * 250)) if seconds else CHECK_MS)
        self._timer.start()

    def stop(self) -> None:
        if self.watching:
            self._app.removeEventFilter(self)
        self._timer.stop()

    def detach(self) -> None:
        """Stop watching for good."""
        self.stop()

    def touch(self) -> None:
        self._last = self._clock()

    def idle_seconds(self) -> float:
        monotonic, wall = self._clock()
        return max(monotonic - self._last[0], wall - self._last[1])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in _INPUT:
            self._last = self._clock()
        return False

    def check(self) -> None:
        seconds = self._seconds()
        if self.watching and seconds and self.idle_seconds() >= seconds:
            self._due()

    def _due(self) -> None:
        if self.watching:
            self.stop()
            self.lock_due.emit()

    @Slot(bool)
    def desktop_says(self, locking: bool) -> None:
        if locking:
            self._due()

    @Slot()
    def session_locked(self) -> None:
        self._due()

    def _listen_to_desktop(self, buses: Buses | None) -> None:
        try:
            from PySide6.QtCore import SLOT

            from recovery_journal.ui.desktop_bus import desktop_buses
        except ImportError:  # pragma: no cover - a Qt build without D-Bus: the timer still works
            return
        if buses is None:
            buses = desktop_buses()
        # The binding wants SLOT()'s text; bytes (as its type hints say) are refused at run time.
        says = SLOT("desktop_says(bool)")
        try:
            if buses.session is not None:
                for path, interface in SCREENSAVERS:
                    buses.session.connect("", path, interface, "ActiveChanged", self, says)  # type: ignore[call-overload]
            if buses.system is not None:
                buses.system.connect(  # type: ignore[call-overload]
                    LOGIND, "/org/freedesktop/login1", f"{LOGIND}.Manager", "PrepareForSleep",
                    self, says,
                )  # fmt: skip
                # The session's Lock comes on its own object: only ours is listened to.
                named = os.environ.get("XDG_SESSION_ID", "")
                self._find_session(buses.system, ["", named] if named else [""])
        except Exception:  # noqa: BLE001 - an odd bus must not keep the journal from opening
            return

    def _find_session(self, bus: QDBusConnection, names: list[str]) -> None:
        """Ask logind for our session's object, by each name in turn, without waiting for it.

        "" is the caller's own session, found from this process (GetSessionByPID would say the
        same, but its uint32 argument cannot be sent from PySide6 without a blocking call);
        XDG_SESSION_ID names the session the desktop started us in, for a process that is in
        none itself (GNOME starts apps under the user's service manager).
        """
        from PySide6.QtDBus import QDBusMessage, QDBusObjectPath, QDBusPendingCallWatcher

        if not names:
            return  # in no session logind knows: the screensavers and sleep still lock
        ask = QDBusMessage.createMethodCall(
            LOGIND, "/org/freedesktop/login1", f"{LOGIND}.Manager", "GetSession"
        )
        ask.setArguments([names[0]])
        watcher = QDBusPendingCallWatcher(bus.asyncCall(ask, LOGIND_TIMEOUT_MS), self)

        def answered(done: QDBusPendingCallWatcher) -> None:
            done.deleteLater()
            reply = done.reply()
            path = ""
            if reply.type() == QDBusMessage.MessageType.ReplyMessage and reply.arguments():
                found = reply.arguments()[0]
                path = found.path() if isinstance(found, QDBusObjectPath) else str(found)
            if path:
                self._listen_to_session(bus, path)
            else:
                self._find_session(bus, names[1:])

        watcher.finished.connect(answered)

    def _listen_to_session(self, bus: QDBusConnection, path: str) -> None:
        from PySide6.QtCore import SLOT

        bus.connect(  # type: ignore[call-overload]
            LOGIND, path, f"{LOGIND}.Session", "Lock", self, SLOT("session_locked()")
        )
