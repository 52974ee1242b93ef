"""The Qt desktop app: the only package that imports PySide6."""

import PySide6.QtCore  # noqa: F401 - PySide's import hook is in place from here on

from recovery_journal.ui.pyside_hook import lighten_import_hook

lighten_import_hook()
