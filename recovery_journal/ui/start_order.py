"""The start's order: the first window before everything it does not need.

Only what the first window needs is imported and made before it shows. The rest comes
``LATER_MS`` after it is on screen, while the person reads it or types the passphrase: the
storage layer, the services, the main window and its pages (about as long to import as Qt
itself), the keychain, the signal handlers, the system's colour scheme asked again, the dialog's
sentences made selectable.

Qt's own namespace (``Qt.``: about 20 ms of enums, made on its first touch) is among the rest.
In what the first window imports, it is imported inside the functions that use it, and the
first window is built without it (tests/test_startup.py holds both).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

LATER_MS = 30


def later(work: Callable[[], object], context: QObject | None = None) -> None:
    """Run ``work`` once the first window is on screen (not at all if ``context`` is gone)."""
    if context is None:
        QTimer.singleShot(LATER_MS, work)
    else:
        QTimer.singleShot(LATER_MS, context, work)
