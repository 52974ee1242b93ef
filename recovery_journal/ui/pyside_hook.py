"""PySide's import hook, made light.

Once PySide is imported, every module imported after it is read for the word "PySide6"
(``shibokensupport.feature._mod_uses_pyside``, for modules that write ``from __feature__
import ...``), through ``inspect.getsource``, which keeps each module's whole source in
linecache, line by line, for the rest of the process: about 5 MiB for the window's own modules
and 20 MiB more once matplotlib and numpy are imported for the charts, besides the time to read
and split it all. Here the same question is answered from the file's bytes, dropped at once.

PySide 6.11's private function (requirements.txt pins PySide6; tests/test_startup.py holds this
hook in place and its answers the same as PySide's). Nothing here writes ``from __feature__``.
"""

from __future__ import annotations

import linecache
import sys
from types import ModuleType


def uses_pyside(module: ModuleType) -> bool:
    """Whether ``module``'s source names PySide6, as PySide asks (False without a source file)."""
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return False  # built in, compiled, an extension: PySide's own answer is False too
    try:
        with open(path, "rb") as source:
            return b"PySide6" in source.read()
    except OSError:
        return False


def lighten_import_hook() -> None:
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not hasattr(feature, "_mod_uses_pyside"):
        return  # another PySide: its own hook stays (the test says so)
    feature.__dict__["_mod_uses_pyside"] = uses_pyside  # a private name: no type says it is there
    # What it read for the modules imported before now is let go (read again if ever needed).
    linecache.clearcache()
