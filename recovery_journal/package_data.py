"""The data shipped inside the package, in recovery_journal/resources/: translations (i18n), step
guidance (steps), worksheet texts (inventory), the JSON Schemas (schema) and the icons.

Read through importlib.resources, so it is found wherever the package is: a checkout, a wheel
installed into any environment, a PyInstaller bundle (whose importer serves ``files()`` from the
bundle's folder). pyproject.toml's package-data puts every file of it in the wheel and the sdist.
"""

from __future__ import annotations

import atexit
from contextlib import ExitStack
from importlib.resources import as_file, files
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

# Files copied out of a zipped package for programs that need a real path (Qt); removed at exit.
_extracted = ExitStack()
atexit.register(_extracted.close)


def resources_root() -> Traversable:
    return files("recovery_journal") / "resources"


def resource(*parts: str) -> Traversable:
    """``resource("steps", "ru.json")``: read it with ``read_text``, ``open``, ``iterdir``."""
    found = resources_root()
    for part in parts:
        found = found / part
    return found


def resource_file(*parts: str) -> Path:
    """A real file for what can only open a path (Qt's icon loaders): the file itself where the
    package lies on disk, as it always does when installed or bundled; else a copy kept until the
    process ends."""
    return _extracted.enter_context(as_file(resource(*parts)))
