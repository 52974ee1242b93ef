"""One copy of the app: launched again, it brings the running one's window to the front.

On Linux the first copy owns the app ID's name on the session bus and answers the desktop's
org.freedesktop.Application interface there: Activate is what a launcher calls, and what a
second launch calls before it ends quietly. Open and ActivateAction are refused politely (the
app opens no files and has no actions). A second launch for another vault (``--vault``) is
refused too, and starts on its own.

Where there is no session bus (or on another system) every launch starts as before, and the
vault's lock file still keeps a second copy off the same vault (store/lock_file.py).

Done before the first window, so a second launch shows none: the D-Bus connection and the name
cost about 2 ms (measured against a private bus).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import ClassInfo, QObject, Signal, Slot
from PySide6.QtDBus import QDBus, QDBusConnection, QDBusConnectionInterface, QDBusMessage

from recovery_journal.app_id import APP_ID

OBJECT_PATH = "/" + APP_ID.replace(".", "/")
INTERFACE = "org.freedesktop.Application"
# In Activate's platform data: the vault the launch is for (the desktop's own launch names none).
VAULT_KEY = "io.github.recovery_journal.vault"
OTHER_VAULT = f"{APP_ID}.Error.OtherVault"
NOT_SUPPORTED = "org.freedesktop.DBus.Error.NotSupported"
ACTIVATE_TIMEOUT_MS = 5_000
# What a launcher hands the process it starts, so that the window it raises may take the focus
# (X11's startup notification, Wayland's xdg-activation); passed on as GApplication does.
_TOKENS = {"desktop-startup-id": "DESKTOP_STARTUP_ID", "activation-token": "XDG_ACTIVATION_TOKEN"}


def _same_vault(one: str, other: Path) -> bool:
    try:
        return Path(one).resolve() == other.resolve()
    except OSError:
        return False


# The binding's stub has ClassInfo take keywords only and not decorate; at run time it does both.
_class_info: Any = ClassInfo


@_class_info({"D-Bus Interface": INTERFACE})
class DesktopApplication(QObject):
    """The running copy as the desktop sees it (org.freedesktop.Application)."""

    activated = Signal()

    def __init__(self, bus: QDBusConnection, vault: Path) -> None:
        super().__init__()
        self._bus = bus
        self._vault = vault

    def _refuse(self, message: QDBusMessage, name: str, text: str) -> None:
        message.setDelayedReply(True)  # the reply is this error, not the method's return
        self._bus.send(message.createErrorReply(name, text))

    # The methods' names are the interface's; the last parameter is the call itself, which Qt
    # passes to a slot that asks for it.

    @Slot("QVariantMap", QDBusMessage)
    def Activate(self, platform_data: dict[str, object], message: QDBusMessage) -> None:  # noqa: N802
        asked = platform_data.get(VAULT_KEY)
        if isinstance(asked, str) and asked and not _same_vault(asked, self._vault):
            self._refuse(message, OTHER_VAULT, "this copy has another vault open")
            return
        for key, variable in _TOKENS.items():
            token = platform_data.get(key)
            if isinstance(token, str) and token:
                # Read by Qt when the window asks for the focus (as KDE's KDBusService does).
                os.environ[variable] = token
        self.activated.emit()

    @Slot("QStringList", "QVariantMap", QDBusMessage)
    def Open(self, _uris: list[str], _data: dict[str, object], message: QDBusMessage) -> None:  # noqa: N802
        self._refuse(message, NOT_SUPPORTED, "Recovery Journal opens no files")

    @Slot(str, "QVariantList", "QVariantMap", QDBusMessage)
    def ActivateAction(  # noqa: N802
        self, _name: str, _parameter: list[object], _data: dict[str, object], message: QDBusMessage
    ) -> None:
        self._refuse(message, NOT_SUPPORTED, "Recovery Journal has no actions")


class OneCopy:
    """What the launch found: ``hand_over`` (another copy took it: end now, exit 0), else
    ``application`` (this is the first copy; None where there is no bus to be found on)."""

    def __init__(self, hand_over: bool, application: DesktopApplication | None) -> None:
        self.hand_over = hand_over
        self.application = application


def claim_or_hand_over(bus: QDBusConnection | None, vault: Path, *, background: bool) -> OneCopy:
    """Become the first copy, or bring the first copy forward.

    ``background`` (started with the computer): a copy already running is all that was wanted,
    so it is left as it is, not brought forward.
    """
    if bus is None or not bus.isConnected():
        return OneCopy(False, None)
    application = DesktopApplication(bus, vault)
    # The object is there before the name, so a call that finds the name finds the object.
    if not bus.registerObject(
        OBJECT_PATH, application, QDBusConnection.RegisterOption.ExportAllSlots
    ):
        return OneCopy(False, None)
    interface = bus.interface()
    reply = interface.registerService(
        APP_ID,
        QDBusConnectionInterface.ServiceQueueOptions.DontQueueService,
        QDBusConnectionInterface.ServiceReplacementOptions.DontAllowReplacement,
    )
    registered = QDBusConnectionInterface.RegisterServiceReply.ServiceRegistered.value
    if reply.isValid() and reply.value() == registered:  # the binding gives the number
        return OneCopy(False, application)
    bus.unregisterObject(OBJECT_PATH)
    if background or _activate_running(bus, vault):
        return OneCopy(True, None)
    # The running copy did not answer, or has another vault open: this one starts by itself.
    return OneCopy(False, None)


def _activate_running(bus: QDBusConnection, vault: Path) -> bool:
    platform_data: dict[str, object] = {VAULT_KEY: str(vault)}
    for key, variable in _TOKENS.items():
        if os.environ.get(variable):
            platform_data[key] = os.environ[variable]
    call = QDBusMessage.createMethodCall(APP_ID, OBJECT_PATH, INTERFACE, "Activate")
    call.setArguments([platform_data])
    # Before any window: waiting here blocks nothing the person sees.
    reply = bus.call(call, QDBus.CallMode.Block, ACTIVATE_TIMEOUT_MS)
    return reply.type() == QDBusMessage.MessageType.ReplyMessage
