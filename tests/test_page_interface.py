"""The window talks to its pages through two typed interfaces (ui/pages/__init__.py), not by
looking names up: every save_now returns the same shape, a list of the saves still running."""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parent.parent / "recovery_journal" / "ui"


def _methods(name: str) -> list[tuple[str, ast.FunctionDef]]:
    found = []
    for path in sorted(UI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.FunctionDef) and node.name == name:
                found.append((f"{path.relative_to(UI)}:{node.lineno}", node))
    return found


def test_every_save_now_returns_a_list_of_saves():
    shapes = {
        where: ast.unparse(node.returns) if node.returns else "?"
        for where, node in _methods("save_now")
    }
    assert len(shapes) >= 10
    assert {w: s for w, s in shapes.items() if not s.startswith("list[")} == {}


def test_the_window_looks_up_no_page_method_by_name():
    source = (UI / "main_window.py").read_text("utf-8")
    assert "getattr(" not in source or all(
        name not in source for name in ('"save_now"', '"show_item"')
    )
