"""The desktop's notifications (org.freedesktop.Notifications), where there is no tray to show
the reminder: stock GNOME has none, and a banner in a closed or hidden window reaches nobody.

Notify's second argument (replaces_id) is a uint32, and PySide6 cannot put one in a D-Bus
message it builds itself (a Python int goes as int32, which the notification servers refuse).
QDBusInterface types the arguments from the server's own description instead, at the price of
asking for that description and waiting for both answers on the window's thread: a few
milliseconds once an evening (the call itself is bounded by NOTIFY_TIMEOUT_MS; the description
by Qt's own 25 s, reached only by a server that is hung).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Q_ARG, Q_RETURN_ARG, SLOT, QMetaObject, QObject, Qt, Signal, Slot
from PySide6.QtDBus import QDBusConnection, QDBusInterface

from recovery_journal import APP_NAME
from recovery_journal.app_id import APP_ID

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
INTERFACE = SERVICE
NOTIFY_TIMEOUT_MS = 5_000
OPEN = "open-journal"  # our action's key; "default" is a click on the notification itself


class DesktopNotifications(QObject):
    """Shows a notification with one action; ``action_invoked`` when the person chooses it."""

    action_invoked = Signal()

    def __init__(self, bus: QDBusConnection, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bus = bus
        self._shown: set[int] = set()
        # On the same connection as Notify: some servers send these to the sender alone.
        connect: Any = bus.connect  # the binding's stub wants bytes for SLOT()'s text
        connect(SERVICE, PATH, INTERFACE, "ActionInvoked", self, SLOT("_invoked(uint,QString)"))
        connect(SERVICE, PATH, INTERFACE, "NotificationClosed", self, SLOT("_closed(uint,uint)"))

    def show(self, summary: str, body: str, action: str) -> bool:
        """True once the desktop has taken the notification; False where none answers."""
        server = QDBusInterface(SERVICE, PATH, INTERFACE, self._bus)
        if not server.isValid():
            return False
        server.setTimeout(NOTIFY_TIMEOUT_MS)
        number = QMetaObject.invokeMethod(
            server,
            "Notify",
            Qt.ConnectionType.DirectConnection,
            Q_RETURN_ARG("uint"),
            Q_ARG(str, APP_NAME),
            Q_ARG("uint", 0),  # replaces none
            Q_ARG(str, APP_ID),  # the icon, by the app's name in the icon theme
            Q_ARG(str, summary),
            Q_ARG(str, body),
            Q_ARG("QStringList", ["default", action, OPEN, action]),
            Q_ARG("QVariantMap", {"desktop-entry": APP_ID}),
            Q_ARG(int, -1),  # the server's own timeout
        )
        if not isinstance(number, int) or number <= 0:  # no answer, or an error
            return False
        self._shown.add(number)
        return True

    @Slot("uint", str)
    def _invoked(self, number: int, _action: str) -> None:
        if number in self._shown:
            self._shown.discard(number)
            self.action_invoked.emit()

    @Slot("uint", "uint")
    def _closed(self, number: int, _reason: int) -> None:
        self._shown.discard(number)
