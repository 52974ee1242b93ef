"""The D-Bus connections the app talks to the desktop over, passed in rather than fetched.

The session bus carries the screensavers' signals, the notifications and the second launch's
activation; the system bus carries logind's (sleep, and the session's Lock). Each part takes a
``Buses``, so a test gives it a private bus in place of either; the app gives the real ones.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtDBus import QDBusConnection


@dataclass(frozen=True)
class Buses:
    session: QDBusConnection | None
    system: QDBusConnection | None


def _connected(connection: QDBusConnection) -> QDBusConnection | None:
    return connection if connection.isConnected() else None


def desktop_buses() -> Buses:
    """The desktop's session and system buses, each None where it cannot be reached (no
    desktop session, a container, another system): then the app works without what it gives."""
    return Buses(
        session=_connected(QDBusConnection.sessionBus()),
        system=_connected(QDBusConnection.systemBus()),
    )
