"""ui -> services -> domain; only store/ imports sqlcipher3, only ui/ imports PySide6."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "recovery_journal"


def _imports(path: Path) -> list[tuple[str, int, bool]]:
    """(module, line, at module level) for every import in the file."""
    tree = ast.parse(path.read_text("utf-8"))
    top_level = {id(node) for node in tree.body}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno, id(node) in top_level) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, node.lineno, id(node) in top_level))
    return found


def _sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _part(path: Path) -> str:
    relative = path.relative_to(PACKAGE).parts
    return relative[0] if len(relative) > 1 else ""


def test_the_walk_sees_the_package():
    parts = {_part(p) for p in _sources()}
    assert {"domain", "services", "store", "ui"} <= parts


def test_only_ui_imports_qt():
    offenders = [
        f"{p.relative_to(PACKAGE)}:{line} imports {module}"
        for p in _sources()
        if _part(p) != "ui"
        for module, line, _top in _imports(p)
        if module.split(".")[0] in ("PySide6", "shiboken6", "PyQt5", "PyQt6")
    ]
    assert offenders == []


def test_only_store_imports_sqlcipher():
    offenders = [
        f"{p.relative_to(PACKAGE)}:{line} imports {module}"
        for p in _sources()
        if _part(p) != "store"
        for module, line, _top in _imports(p)
        if module.split(".")[0] in ("sqlcipher3", "sqlite3", "pysqlcipher3")
    ]
    assert offenders == []


def test_domain_and_services_import_neither_ui_nor_store():
    offenders = [
        f"{p.relative_to(PACKAGE)}:{line} imports {module}"
        for p in _sources()
        if _part(p) in ("domain", "services")
        for module, line, _top in _imports(p)
        if module.startswith(("recovery_journal.ui", "recovery_journal.store"))
    ]
    assert offenders == []


def test_domain_imports_no_services():
    offenders = [
        f"{p.relative_to(PACKAGE)}:{line} imports {module}"
        for p in _sources()
        if _part(p) == "domain"
        for module, line, _top in _imports(p)
        if module.startswith("recovery_journal.services")
    ]
    assert offenders == []


def test_matplotlib_only_lazily_in_one_chart_module():
    users = {}
    for path in _sources():
        for module, line, top in _imports(path):
            if module.split(".")[0] == "matplotlib":
                users.setdefault(path.relative_to(PACKAGE), []).append((line, top))
    assert len(users) <= 1, f"matplotlib imported from several modules: {sorted(users)}"
    for path, places in users.items():
        assert path.parts[0] == "ui", f"{path} is outside ui/"
        assert not any(top for _line, top in places), f"{path} imports matplotlib at load time"


def test_domain_and_services_load_without_qt_or_sqlcipher():
    # A fresh interpreter, so modules other tests loaded cannot hide an import.
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import recovery_journal.cli, recovery_journal.services.export, "
        "recovery_journal.services.today, recovery_journal.services.demo, "
        "recovery_journal.services.worker\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'sqlcipher3', 'matplotlib', 'jsonschema')]\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_store_s_modules_import_one_another_without_a_circle():
    """Counting imports inside functions too: a circle held open by a late import is still a
    circle (store/backup.py and store/vault_file.py were one, issue 21)."""
    store = PACKAGE / "store"
    graph = {
        path.stem: {
            module.rsplit(".", 1)[1]
            for module, _line, _top in _imports(path)
            if module.startswith("recovery_journal.store.")
        }
        for path in store.glob("*.py")
        if path.stem != "__init__"
    }

    def circle_from(start: str, path: tuple[str, ...]) -> tuple[str, ...] | None:
        for nxt in sorted(graph.get(path[-1], ())):
            if nxt == start:
                return (*path, nxt)
            if nxt not in path:
                found = circle_from(start, (*path, nxt))
                if found:
                    return found
        return None

    circles = [" -> ".join(c) for name in graph if (c := circle_from(name, (name,)))]
    assert circles == []
