"""The Python distribution: what the sdist and the wheel carry, what they declare, and the locks.

`make wheel-check` (tools/check_wheel.sh) installs the wheel into a fresh venv outside the tree
and runs the command line and the window from it; these are the quick checks of the same
distribution, built here by tools/build_dist.py without a network."""

from __future__ import annotations

import ast
import gettext
import importlib.metadata
import importlib.util
import io
import re
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "recovery_journal"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
# What the code reads at run time; the first test would pass on an empty package without these.
KEY_FILES = {
    "recovery_journal/resources/i18n/ru.po",
    "recovery_journal/resources/steps/en.json",
    "recovery_journal/resources/steps/ru.json",
    "recovery_journal/resources/inventory/ru.json",
    "recovery_journal/resources/schema/export-v8.schema.json",
    "recovery_journal/resources/schema/question-pack-v1.schema.json",
    "recovery_journal/resources/icons/recovery-journal.svg",
    "recovery_journal/resources/icons/hicolor/48x48/apps/recovery-journal.png",
    "recovery_journal/resources/icons/recovery-journal.ico",
    "recovery_journal/resources/icons/recovery-journal.icns",
    "recovery_journal/store/migrations/0001_initial.sql",
}
# Imported by the code without being declared, each for its reason.
BROUGHT_BY_ANOTHER = {
    "shiboken6": "PySide6's own binding runtime, required by PySide6-Essentials at its version",
}


def _build_dist():
    spec = importlib.util.spec_from_file_location("build_dist", ROOT / "tools" / "build_dist.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# Made by the build, not copied: the .mo gettext reads, compiled from each .po by setup.py for
# the wheel (and by `make` in a checkout, where git ignores it); a .partial is one being written.
BUILT_SUFFIXES = (".py", ".pyc", ".mo", ".partial")


def shipped_data() -> set[str]:
    """Every file of the package that is not Python code nor made by the build, as a path from
    the checkout: what the sdist carries."""
    return {
        path.relative_to(ROOT).as_posix()
        for path in PACKAGE.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in BUILT_SUFFIXES
    }


def compiled_data() -> set[str]:
    """What the wheel carries besides: each translation compiled (.po to .mo)."""
    return {name.removesuffix(".po") + ".mo" for name in shipped_data() if name.endswith(".po")}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    for text in PYPROJECT["build-system"]["requires"]:
        needed = Requirement(text)
        try:
            have: str | None = importlib.metadata.version(needed.name)
        except importlib.metadata.PackageNotFoundError:
            have = None
        if have is None or Version(have) not in needed.specifier:
            pytest.skip(
                f"this venv's {needed.name} {have or '(none)'} cannot build the project "
                f"({needed}); `make` installs the locked one"
            )
    return _build_dist().build(tmp_path_factory.mktemp("dist"))


def test_the_package_holds_its_data():
    assert KEY_FILES <= shipped_data()
    assert not (ROOT / "resources").exists()


def test_the_sdist_carries_every_shipped_file(built):
    sdist, _wheel = built
    with tarfile.open(sdist) as archive:
        top = sdist.name.removesuffix(".tar.gz") + "/"
        members = {m.name.removeprefix(top) for m in archive.getmembers() if m.isfile()}
    assert sorted(shipped_data() - members) == []
    assert {"pyproject.toml", "README.md", "setup.py", "recovery_journal/__init__.py"} <= members
    assert compiled_data() & members == set()  # the translations as written; the wheel compiles


def test_the_wheel_built_from_the_sdist_carries_every_shipped_file(built):
    _sdist, wheel = built
    with zipfile.ZipFile(wheel) as archive:
        members = set(archive.namelist())
        (metadata,) = [name for name in members if name.endswith(".dist-info/METADATA")]
        declared = {
            canonicalize_name(Requirement(line.split(":", 1)[1].strip()).name)
            for line in archive.read(metadata).decode("utf-8").splitlines()
            if line.startswith("Requires-Dist:") and "extra ==" not in line
        }
        (entry_points,) = [n for n in members if n.endswith(".dist-info/entry_points.txt")]
        scripts = archive.read(entry_points).decode("utf-8")
        russian = gettext.GNUTranslations(
            io.BytesIO(archive.read("recovery_journal/resources/i18n/ru.mo"))
        )
    assert compiled_data() == {"recovery_journal/resources/i18n/ru.mo"}
    assert sorted((shipped_data() | compiled_data()) - members) == []
    # Compiled from the sdist's ru.po: plurals, contexts and all.
    assert russian.gettext("Today") == "Сегодня"
    assert russian.ngettext("{n} day", "{n} days", 5) == "{n} дней"
    assert russian.pgettext("button", "Change passphrase") == "Сменить парольную фразу"
    assert {"keyring", "pyside6-essentials", "sqlcipher3"} <= declared
    assert "recovery-journal = recovery_journal.launch:main" in scripts


def _imported_top_level_names() -> set[str]:
    names = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"), filename=str(path))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"recovery_journal", "__future__"}


def test_every_library_the_code_imports_is_declared():
    """A wheel installed the ordinary way brings only what pyproject.toml declares (keyring was
    missing: "Remember my passphrase" found no keychain)."""
    declared = {
        canonicalize_name(Requirement(text).name) for text in PYPROJECT["project"]["dependencies"]
    }
    providers = importlib.metadata.packages_distributions()
    undeclared = {}
    for name in sorted(_imported_top_level_names() - set(BROUGHT_BY_ANOTHER)):
        distributions = {canonicalize_name(d) for d in providers.get(name, [])}
        if not distributions & declared:
            undeclared[name] = sorted(distributions) or "not installed"
    assert undeclared == {}


# --- the locks -----------------------------------------------------------------------------------

LOCKS = {
    "requirements.txt": "uv pip compile --universal --generate-hashes pyproject.toml"
    " -o requirements.txt",
    "requirements-dev.txt": "uv pip compile --universal --generate-hashes pyproject.toml"
    " --extra dev -c requirements.txt -o requirements-dev.txt",
}
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s;]+)(?: ; (.*?))? \\$")


def _pins(name: str) -> dict[str, tuple[str, str | None]]:
    lines = (ROOT / name).read_text("utf-8").splitlines()
    pins = {}
    for number, line in enumerate(lines):
        match = PIN.match(line)
        if match:
            assert lines[number + 1].strip().startswith("--hash=sha256:"), line
            pins[canonicalize_name(match.group(1))] = (match.group(2), match.group(3))
        else:
            assert line.startswith(("#", "    ")), f"{name}: a line not written by the lock: {line}"
    return pins


@pytest.mark.parametrize("name", sorted(LOCKS))
def test_the_locks_are_generated_with_hashes_and_say_how(name):
    lines = (ROOT / name).read_text("utf-8").splitlines()
    assert lines[1].strip("# ") == LOCKS[name]
    pins = _pins(name)
    assert pins["pyside6-essentials"] == ("6.11.3", None)  # PITFALLS.md
    # Windows and macOS resolve too: their own packages are there, behind markers.
    assert pins["pywin32-ctypes"][1] == "sys_platform == 'win32'"
    assert pins["secretstorage"][1] == "sys_platform == 'linux'"


def test_the_locks_agree_with_pyproject_and_each_other():
    app, dev = _pins("requirements.txt"), _pins("requirements-dev.txt")
    for text in PYPROJECT["project"]["dependencies"]:
        requirement = Requirement(text)
        version, _marker = app[canonicalize_name(requirement.name)]
        assert Version(version) in requirement.specifier, text
    assert {name: dev[name][0] for name in app} == {name: pin[0] for name, pin in app.items()}
    for text in PYPROJECT["project"]["optional-dependencies"]["dev"]:
        assert canonicalize_name(Requirement(text).name) in dev, text
