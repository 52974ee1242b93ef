"""PySide's import hook reads every module imported after it for "PySide6"; through
inspect.getsource it kept each one's whole source in linecache for good (about 5 MiB at the
Today page). ui.pyside_hook answers the same question from the file's bytes (issue 25)."""

from __future__ import annotations

import inspect
import linecache
import sys

import recovery_journal.ui  # noqa: F401 - puts the lighter hook in place
from recovery_journal.ui.pyside_hook import uses_pyside


def _pysides_answer(module) -> bool:
    """shibokensupport.feature._mod_uses_pyside of PySide 6.11, as it is written there."""
    try:
        source = inspect.getsource(module)
    except (TypeError, OSError, SyntaxError):
        return False
    return "PySide6" in source


def test_the_hook_in_place_is_the_light_one():
    feature = sys.modules["shibokensupport.feature"]
    assert feature._mod_uses_pyside is uses_pyside


def test_a_module_imported_now_leaves_no_source_behind_and_is_judged_as_pyside_would(
    tmp_path, monkeypatch
):
    (tmp_path / "rj_uses_qt.py").write_text("import PySide6.QtCore\nX = 1\n")
    (tmp_path / "rj_plain.py").write_text("Y = 2\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    linecache.clearcache()
    try:
        # An import statement (builtins.__import__, which PySide's hook wraps).
        __import__("rj_uses_qt")
        __import__("rj_plain")
        assert not [name for name in linecache.cache if name.startswith(str(tmp_path))]
        feature = sys.modules["shibokensupport.feature"]
        assert feature.pyside_feature_dict["rj_uses_qt"] == 0  # uses PySide: "no feature"
        assert feature.pyside_feature_dict["rj_plain"] == -1  # does not: "ignore this module"
    finally:
        for name in ("rj_uses_qt", "rj_plain"):
            sys.modules.pop(name, None)


def test_every_module_loaded_gets_the_answer_pyside_gives():
    modules = [module for module in list(sys.modules.values()) if module is not None]
    assert len(modules) > 100
    try:
        different = [
            module.__name__ for module in modules if uses_pyside(module) != _pysides_answer(module)
        ]
    finally:
        linecache.clearcache()
    assert different == []
