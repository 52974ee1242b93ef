"""A stand-in for the desktop's notification service, for tests: its own process on a bus.

Usage: python tests/fake_notifications.py BUS_ADDRESS LOG

Owns org.freedesktop.Notifications on the bus at BUS_ADDRESS and answers Notify as a desktop
does (numbering the notifications from 1), writing each call's arguments to LOG as a JSON line;
"ready" once it owns the name. A line "invoke ID ACTION" on standard input sends ActionInvoked,
as when the person clicks; "close ID" sends NotificationClosed.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import ClassInfo, QCoreApplication, QObject, QSocketNotifier, Signal, Slot
from PySide6.QtDBus import QDBusConnection

address, log = sys.argv[1], sys.argv[2]
app = QCoreApplication([])
bus = QDBusConnection.connectToBus(address, "fake-notifications")


@ClassInfo({"D-Bus Interface": "org.freedesktop.Notifications"})
class Notifications(QObject):
    # Exported as D-Bus signals, typed as the specification has them (uint32 ids).
    ActionInvoked = Signal("uint", str)
    NotificationClosed = Signal("uint", "uint")

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    @Slot(str, "uint", str, str, str, "QStringList", "QVariantMap", int, result="uint")
    def Notify(self, *arguments: object) -> int:  # noqa: N802 - the interface's name
        self.count += 1
        with open(log, "a", encoding="utf-8") as output:
            output.write(json.dumps({"Notify": list(arguments)}) + "\n")
        return self.count

    @Slot(result="QStringList")
    def GetCapabilities(self) -> list[str]:  # noqa: N802
        return ["actions", "body"]


service = Notifications()
bus.registerObject(
    "/org/freedesktop/Notifications",
    service,
    QDBusConnection.RegisterOption.ExportAllSlots | QDBusConnection.RegisterOption.ExportAllSignals,
)
if not bus.registerService("org.freedesktop.Notifications"):
    sys.exit("the name is taken")
with open(log, "a", encoding="utf-8") as output:
    output.write("ready\n")


def command() -> None:
    line = sys.stdin.readline()
    if not line:
        app.quit()
        return
    word, *rest = line.split()
    if word == "invoke":
        service.ActionInvoked.emit(int(rest[0]), rest[1])
    elif word == "close":
        service.NotificationClosed.emit(int(rest[0]), 2)


reader = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
reader.activated.connect(command)
app.exec()
