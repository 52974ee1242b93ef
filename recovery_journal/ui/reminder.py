"""The evening reminder: a tray notification while tonight's review is unwritten.

Where the desktop has no tray (stock GNOME; tests' offscreen platform) the reminder comes
through the desktop's notification service instead, with an action that opens the journal; only
where neither answers does it appear as the main window's calm banner. Without a tray, "keep in
the tray" is not offered by the window's close: a hidden window with no icon to bring it back
would look like a lost journal.

While the journal is locked (or the app waits in the background, started with the computer),
the vault cannot be read: the reminder then goes by the times this computer keeps outside it
(ui_state.remembered_reminder, kept only while the app starts with the computer), and by what
it saw of tonight's review while the journal was open.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from recovery_journal import APP_NAME
from recovery_journal.i18n import _
from recovery_journal.services.changes import Changes
from recovery_journal.services.review import ReminderCheck, check_reminder
from recovery_journal.services.worker import VaultClosed
from recovery_journal.ui.operations import Operations
from recovery_journal.ui.ui_state import remember_reminder, remembered_reminder

if TYPE_CHECKING:
    from PySide6.QtDBus import QDBusConnection

    from recovery_journal.ui.notifications import DesktopNotifications

CHECK_EVERY_MS = 30_000


def app_icon() -> QIcon:
    """The notebook from the package's resources/icons: its PNGs (read by Qt itself, no image
    plugin needed), else its SVG; drawn in code only when neither is there."""
    from PySide6.QtCore import QSize

    from recovery_journal.package_data import resource, resource_file

    icon = QIcon()
    # The sizes tools/make_icons.py renders from the SVG (the hicolor folders).
    for size in (16, 22, 24, 32, 48, 64, 128, 256, 512):
        png = ("icons", "hicolor", f"{size}x{size}", "apps", "recovery-journal.png")
        if resource(*png).is_file():
            icon.addFile(str(resource_file(*png)), QSize(size, size))
    svg = ("icons", "recovery-journal.svg")
    if icon.isNull() and resource(*svg).is_file():
        # Needs Qt's SVG icon engine, which a build may lack.
        icon.addFile(str(resource_file(*svg)))
    if not icon.pixmap(QSize(64, 64)).isNull():
        return icon
    icon = QIcon()
    for size in (16, 22, 32, 48, 64):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        path = QPainterPath()
        path.addRoundedRect(QRectF(1, 1, size - 2, size - 2), size / 6, size / 6)
        painter.fillPath(path, QColor("#2f6690"))
        pen = QPen(QColor("white"))
        pen.setWidthF(max(1.0, size / 16))
        painter.setPen(pen)
        for row in (0.35, 0.55, 0.75):
            painter.drawLine(int(size * 0.28), int(size * row), int(size * 0.72), int(size * row))
        painter.end()
        icon.addPixmap(pixmap)
    return icon


class Reminder(QObject):
    """Checks every half minute; reminds once a journal day."""

    open_review = Signal()
    show_window = Signal()
    quit_requested = Signal()
    remind_in_window = Signal(str)

    def __init__(
        self,
        operations: Operations,
        vault_path: Path,
        parent: QObject | None = None,
        bus: QDBusConnection | None = None,
    ) -> None:
        """``bus``: the session bus the desktop's notifications are on (None: none)."""
        super().__init__(parent)
        self._operations = operations
        self._vault_path = vault_path
        self.reminded: set[date] = set()
        self.written: set[date] = set()  # days seen with their review written (memory only)
        self.keep_in_tray = False
        self.tray: QSystemTrayIcon | None = None
        self.notifications: DesktopNotifications | None = None
        self._make_tray()
        if bus is not None and bus.isConnected():
            from recovery_journal.ui.notifications import DesktopNotifications

            self.notifications = DesktopNotifications(bus, self)
            self.notifications.action_invoked.connect(self.open_review)
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_EVERY_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()
        operations.changed.connect(self._on_changed)
        self.check()

    def _make_tray(self) -> None:
        """The tray icon, once the desktop has a tray: started with the computer, the app may
        come up before the panel that holds it, so it is looked for again at each check."""
        if self.tray is not None or not QSystemTrayIcon.isSystemTrayAvailable():
            return
        self.tray = QSystemTrayIcon(app_icon(), self)
        self.tray.setToolTip(APP_NAME)
        menu = QMenu()
        for text, signal in (
            (_("Open {app}").format(app=APP_NAME), self.show_window),
            (_("Write tonight's review"), self.open_review),
            (_("Quit"), self.quit_requested),
        ):
            action = QAction(text, menu)
            action.triggered.connect(signal)
            menu.addAction(action)
        self._menu = menu
        self.tray.setContextMenu(menu)
        self.tray.activated.connect(self._activated)
        self.tray.messageClicked.connect(self.open_review)
        self.tray.show()

    def _on_changed(self, changes: Changes) -> None:
        # A review written or the reminder moved; not every keystroke saved elsewhere.
        if changes.daily or changes.settings:
            self.check()

    @property
    def tray_available(self) -> bool:
        return self.tray is not None

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.show_window.emit()

    def check(self) -> None:
        self._make_tray()
        reminded, now = set(self.reminded), self._operations.day.now()
        self._operations.run(
            lambda vault: check_reminder(vault, reminded, now),
            self._checked_in_journal,
            self._journal_closed,
            owner=self,
        )

    def _checked_in_journal(self, result: ReminderCheck) -> None:
        self.keep_in_tray = result.keep_in_tray
        if result.written:
            self.written.add(result.day)
        times = result.times if result.start_with_computer else None
        if times != remembered_reminder(self._vault_path):
            remember_reminder(self._vault_path, times)
        self._remind_if_due(result.due, result.day)

    def _journal_closed(self, problem: BaseException) -> None:
        if not isinstance(problem, VaultClosed):
            self._operations.report(problem)
            return
        # Locked, or waiting in the background: by the times this computer remembers.
        times = remembered_reminder(self._vault_path)
        if times is None:
            return
        moment = self._operations.day.now()
        day = times.day(moment)
        due = times.due(moment, written=day in self.written, already_reminded=day in self.reminded)
        self._remind_if_due(due, day)

    def _remind_if_due(self, due: bool, day: date) -> None:
        if not due or day in self.reminded:
            return
        self.reminded.add(day)
        text = _("Tonight's review is waiting. A couple of minutes is enough.")
        if self.tray is not None and QSystemTrayIcon.supportsMessages():
            self.tray.showMessage(APP_NAME, text, app_icon(), 15_000)
        elif self.notifications is None or not self.notifications.show(
            APP_NAME, text, _("Open my journal")
        ):
            self.remind_in_window.emit(text)

    def close(self) -> None:
        self._timer.stop()
        if self.tray is not None:
            self.tray.hide()
