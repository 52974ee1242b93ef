"""The data shipped inside the package, in recovery_journal/resources/: translations (i18n), step
guidance (steps), worksheet texts (inventory), the JSON Schemas (schema) and the icons.

Read through importlib.resources, so it is found wherever the package is: a checkout, a wheel
installed into any environment, a PyInstaller bundle (whose importer serves ``files()`` from the
bundle's folder). pyproject.toml's package-data puts every file of it in the wheel and the sdist.
"""

from __future__ import annotations

import atexit
from contextlib import ExitStack
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

# Files copied out of a zipped package for programs that need a real path (Qt); removed at exit.
_extracted = ExitStack()
atexit.register(_extracted.close)


@cache
def resources_root() -> Traversable:
    # Where the package lies on disk (a checkout, an installed wheel, a bundle) its folder is what
    # importlib.resources would give: a Path, without importing importlib.resources (about 5 ms
    # before the first window, which reads its translation from here).
    on_disk = Path(__file__).resolve().parent / "resources"
    if on_disk.is_dir():
        return on_disk
    from importlib.resources import files

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
    from importlib.resources import as_file

    return _extracted.enter_context(as_file(resource(*parts)))
