"""When to lock by itself: after a while without input, when the screen locks, before sleep.

Input is seen by an event filter on the application (keys, mouse, wheel, touch). The check runs
every few seconds and measures idleness on both clocks: the monotonic one for a running
computer, the wall clock for one that slept (Linux's monotonic clock stops during suspend), so a
laptop opened after an hour locks at once. Where the desktop says so over D-Bus (logind's
PrepareForSleep, the freedesktop and GNOME screensavers' ActiveChanged), the lock comes at once.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot

if TYPE_CHECKING:
    from recovery_journal.ui.desktop_bus import Buses

CHECK_MS = 5_000

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

# (bus, service, path, interface, signal) whose boolean argument, when true, means "lock now".
_DESKTOP_SIGNALS = (
    ("system", "org.freedesktop.login1", "/org/freedesktop/login1",
     "org.freedesktop.login1.Manager", "PrepareForSleep"),
    ("session", "", "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver",
     "ActiveChanged"),
    ("session", "", "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver", "ActiveChanged"),
)  # fmt: skip


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

    def _listen_to_desktop(self, buses: Buses | None) -> None:
        try:
            from PySide6.QtCore import SLOT

            from recovery_journal.ui.desktop_bus import desktop_buses
        except ImportError:  # pragma: no cover - a Qt build without D-Bus: the timer still works
            return
        if buses is None:
            buses = desktop_buses()
        # The binding wants SLOT()'s text; bytes (as its type hints say) are refused at run time.
        slot = SLOT("desktop_says(bool)")
        for bus, service, path, interface, name in _DESKTOP_SIGNALS:
            connection = buses.system if bus == "system" else buses.session
            if connection is None:
                continue
            try:
                connection.connect(service, path, interface, name, self, slot)  # type: ignore[call-overload]
            except Exception:  # noqa: BLE001 - an odd bus must not keep the journal from opening
                continue
