"""Text copied out of the journal is marked secret, so clipboard managers do not keep it.

KDE's Klipper and most Linux clipboard managers skip content carrying
``x-kde-passwordManagerHint: secret`` (KeePassXC sets the same); Windows' clipboard history
skips ``ExcludeClipboardContentFromMonitorProcessing``. Whatever widget copied the text, the
hint is added once it is on the clipboard.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QClipboard, QGuiApplication

SECRET_HINT = "x-kde-passwordManagerHint"
WINDOWS_EXCLUDE = (
    'application/x-qt-windows-mime;value="ExcludeClipboardContentFromMonitorProcessing"'
)


def _mark(clipboard: QClipboard) -> None:
    if QCoreApplication.closingDown():
        return  # the clipboard is being torn down with the application
    # Some platforms (Wayland, offscreen) never say we own the clipboard; a change while one of
    # our windows has the focus is ours too. A copy made in another program is left alone.
    ours = clipboard.ownsClipboard() or QGuiApplication.focusWindow() is not None
    if not ours:
        return
    current = clipboard.mimeData()
    if current is None or current.hasFormat(SECRET_HINT):
        return
    # Added to the clipboard's own data in place: a new QMimeData handed over from Python is
    # freed twice at exit. Other programs ask for the formats when they paste, so they see it.
    current.setData(SECRET_HINT, b"secret")
    current.setData(WINDOWS_EXCLUDE, b"\x00\x00\x00\x00")


def mark_copies_secret(app: QGuiApplication) -> None:
    if app.property("recovery_journal_clipboard"):
        return  # once per application, however many windows it has had
    app.setProperty("recovery_journal_clipboard", True)
    clipboard = app.clipboard()
    clipboard.dataChanged.connect(lambda: _mark(clipboard))
