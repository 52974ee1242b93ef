# PyInstaller runtime hook, used on Linux in place of PyInstaller's own pyi_rth_pyside6
# (build.spec swaps it in).
#
# PyInstaller's hook imports PySide6.QtCore at start-up, in every process, only to check for the
# embedded qt.conf that tells Qt where its plugins are; the PySide6 wheel's QtCore registers that
# qt.conf itself when it is first imported (libpyside: "Prefix = .../PySide6/Qt"). The check cost
# 60-90 ms and mapped QtCore and ICU's 31 MB of data before `--version`, `search` or
# `export-json` did anything: the packaged `--version` took 2.5 times the venv's. Here only the
# plugin path is set, as PyInstaller's hook sets it; Qt loads when the app first imports it.
import os
import sys

os.environ["QT_PLUGIN_PATH"] = os.path.join(sys._MEIPASS, "PySide6", "Qt", "plugins")
