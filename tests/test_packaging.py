"""Packaging without a build: the spec's version, the desktop entry, the icons, the installer and
how the shipped data is found (importlib.resources, from a zipped package too). `make dist-check`
tries the real PyInstaller build, `make wheel-check` the installed wheel."""

from __future__ import annotations

import configparser
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

import recovery_journal
from recovery_journal import package_data
from recovery_journal.app_id import APP_ID
from recovery_journal.package_data import resource, resources_root
from recovery_journal.ui.ui_state import APPLICATION

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "build.spec"
DESKTOP = ROOT / "packaging" / "linux" / f"{APP_ID}.desktop"
INSTALL = ROOT / "packaging" / "linux" / "install.sh"
RESOURCES = ROOT / "recovery_journal" / "resources"
ICONS = RESOURCES / "icons"
BLUE = QColor("#2f6690")


def _make_icons():
    spec = importlib.util.spec_from_file_location("make_icons", ROOT / "tools" / "make_icons.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_icons = _make_icons()


def _spec_version(package_root: Path) -> str:
    """Run the spec's own lines up to the version, as PyInstaller would, for ``package_root``."""
    head = SPEC.read_text("utf-8").split("\nICONS =", 1)[0]
    assert "VERSION =" in head
    namespace: dict[str, object] = {"SPECPATH": str(package_root)}
    exec(compile(head, str(SPEC), "exec"), namespace)
    return str(namespace["VERSION"])


# --- the spec ------------------------------------------------------------------------------------


def test_the_spec_reads_the_version_from_the_package():
    assert _spec_version(ROOT) == recovery_journal.__version__


def test_the_spec_follows_a_changed_version(tmp_path):
    (tmp_path / "recovery_journal").mkdir()
    (tmp_path / "recovery_journal" / "__init__.py").write_text(
        '"""Doc."""\n\n# __version__ = "0.0.0" in a comment is not it\n__version__ = "9.8.7rc1"\n',
        encoding="utf-8",
    )
    assert _spec_version(tmp_path) == "9.8.7rc1"


def test_the_spec_names_the_macos_bundle_with_the_app_id():
    text = SPEC.read_text("utf-8")
    namespace: dict[str, object] = {"SPECPATH": str(ROOT)}
    head = text.split("\n# Qt modules the app never imports", 1)[0]
    exec(compile(head, str(SPEC), "exec"), namespace)  # as PyInstaller would, to this line
    assert namespace["APP_ID"] == APP_ID
    assert "bundle_identifier=APP_ID," in text


def test_the_spec_keeps_the_qt_modules_the_app_uses():
    text = SPEC.read_text("utf-8")
    excluded = set(
        re.findall(r'"PySide6\.(Qt\w+)"', text.split("UNUSED_QT = [", 1)[1].split("]")[0])
    )
    used = set()
    for path in (ROOT / "recovery_journal").rglob("*.py"):
        used |= set(re.findall(r"\bPySide6\.(Qt\w+)", path.read_text("utf-8")))
    assert {"QtCore", "QtGui", "QtWidgets", "QtSvg", "QtDBus"} <= used
    assert used & excluded == set()
    assert "QtNetwork" in excluded  # the journal never touches the network


def test_the_spec_keeps_qt_translations_for_every_language_the_app_speaks():
    from recovery_journal.i18n import LANGUAGES, SOURCE_LANGUAGE

    kept = re.search(r"^QT_LANGUAGES = \(([^)]*)\)", SPEC.read_text("utf-8"), re.MULTILINE)
    assert kept is not None
    assert set(re.findall(r'"(\w+)"', kept.group(1))) == set(LANGUAGES) - {SOURCE_LANGUAGE}


# --- the application ID and the Linux desktop entry -----------------------------------------------


def test_the_app_id_is_reverse_dns_and_a_valid_dbus_name():
    """The AppStream rules for a component ID, which are also D-Bus's for a well-known name:
    ASCII letters, digits and underscores in two or more dot-separated parts, none starting with
    a digit, and no hyphen (allowed in AppStream for old IDs only; not in D-Bus interface names
    or the desktop entry spec's DBusActivatable file names)."""
    parts = APP_ID.split(".")
    assert len(parts) >= 3  # {tld}.{vendor}.{product}
    assert APP_ID == APP_ID.lower()  # the spec's advice; validate --pedantic flags capitals
    assert all(re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", part) for part in parts), APP_ID
    assert len(APP_ID) <= 255


def test_the_window_names_the_desktop_entry():
    """Wayland's app_id comes from the desktop file name: the dock shows the menu entry's icon
    and name for the running window only when they match. (In a process of its own: the
    application made as the program makes it, not the tests' shared one.)"""
    program = (
        "from recovery_journal.ui.app import make_application\n"
        "print(make_application(['recovery-journal']).desktopFileName())\n"
    )
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", program],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    name = result.stdout.strip().splitlines()[-1]
    assert name == APP_ID
    assert (ROOT / "packaging" / "linux" / f"{name}.desktop").is_file()


def _desktop_entry(path: Path = DESKTOP) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def test_the_desktop_entry_has_what_menus_need():
    entry = _desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == recovery_journal.APP_NAME
    # One product name in every language (docs/glossary.md); the Russian menu finds it by what
    # it is, «Дневник выздоровления», and by each fellowship's word for its time.
    assert entry["Name[ru]"] == recovery_journal.APP_NAME
    assert entry["GenericName[ru]"] == "Дневник выздоровления"
    assert {"трезвость", "чистое время", "воздержание"} <= set(entry["Keywords[ru]"].split(";"))
    assert entry["Comment"] and entry["Comment[ru]"]
    assert entry["Exec"] == "recovery-journal"
    assert entry["Icon"] == APP_ID  # installed under the ID's name (install.sh, build-deb.sh)
    assert entry["Terminal"] == "false"
    assert entry["Categories"] == "Office;"  # one main category: one place in the menu
    assert entry["Keywords"].endswith(";") and entry["Keywords[ru]"].endswith(";")
    # Qt names the window's class after the application name (ui/app.py, setApplicationName):
    # the dock matches the running window to this entry by it.
    assert entry["StartupWMClass"] == APPLICATION


# --- the icons -----------------------------------------------------------------------------------


def test_every_png_size_is_there_and_the_size_its_folder_says(qapp):
    folders = {p.name for p in (ICONS / "hicolor").iterdir() if p.is_dir()}
    assert folders == {f"{size}x{size}" for size in make_icons.SIZES}
    for size in make_icons.SIZES:
        path = make_icons.png_path(size)
        image = QImage(str(path))
        assert not image.isNull(), path
        assert (image.width(), image.height()) == (size, size), path
        assert image.hasAlphaChannel()
        assert image.pixelColor(0, 0).alpha() == 0  # the rounded corner is see-through
        assert image.pixelColor(size // 2, size // 8) == BLUE  # the cover


def test_the_pngs_are_what_the_svg_renders_to(qapp):
    """Regenerate them with tools/make_icons.py after changing the SVG."""
    for size in make_icons.SIZES:
        committed = QImage(str(make_icons.png_path(size))).convertToFormat(
            QImage.Format.Format_ARGB32
        )
        assert committed == make_icons.render(size), f"{size}x{size} is out of date"


def test_the_svg_draws_the_notebook(qapp):
    renderer = QSvgRenderer(str(ICONS / "recovery-journal.svg"))
    assert renderer.isValid()
    assert renderer.defaultSize() == QSize(64, 64)
    image = QImage(64, 64, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    assert image.pixelColor(0, 0).alpha() == 0
    assert image.pixelColor(32, 8) == BLUE
    assert image.pixelColor(32, 22) == QColor("white")  # the three lines
    assert image.pixelColor(32, 34) == QColor("white")
    assert image.pixelColor(32, 46) == QColor("white")
    assert image.pixelColor(32, 28) == BLUE  # and the cover between them


def test_the_windows_and_macos_icons_are_there():
    assert (ICONS / "recovery-journal.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"
    assert (ICONS / "recovery-journal.icns").read_bytes()[:4] == b"icns"


def test_the_app_icon_has_every_size(qapp):
    from recovery_journal.ui.reminder import app_icon

    icon = app_icon()
    sizes = {(s.width(), s.height()) for s in icon.availableSizes()}
    assert sizes == {(size, size) for size in make_icons.SIZES}
    assert icon.pixmap(QSize(48, 48)).toImage().pixelColor(24, 6) == BLUE


def _resources_with(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *, icons: str) -> None:
    """The app reads a copy of the shipped data with only some of its icons."""
    copy = tmp_path / "resources"
    shutil.copytree(RESOURCES, copy)
    if icons == "svg only":
        shutil.rmtree(copy / "icons" / "hicolor")
    elif icons == "none":
        shutil.rmtree(copy / "icons")
    monkeypatch.setattr(package_data, "resources_root", lambda: copy)


def test_the_app_icon_falls_back_to_the_svg_then_to_drawing(qapp, tmp_path, monkeypatch):
    from recovery_journal.ui.reminder import app_icon

    _resources_with(tmp_path / "svg", monkeypatch, icons="svg only")
    from_svg = app_icon()
    assert from_svg.availableSizes() == []  # scalable
    assert from_svg.pixmap(QSize(64, 64)).toImage().pixelColor(32, 8) == BLUE

    _resources_with(tmp_path / "none", monkeypatch, icons="none")
    drawn = app_icon()
    assert {s.width() for s in drawn.availableSizes()} == {16, 22, 32, 48, 64}


# --- the shipped data, read through importlib.resources ------------------------------------------


def test_the_shipped_data_is_inside_the_package():
    assert Path(str(resources_root())) == RESOURCES
    assert resource("i18n", "ru.po").is_file()
    assert resource("icons", "recovery-journal.svg").is_file()
    assert not (ROOT / "resources").exists()  # one place, the package's


# What the zipped package must still do: every kind of shipped data read, and a real file for Qt.
ZIPPED_RUN = """
import sys
import recovery_journal
assert recovery_journal.__file__.startswith(sys.argv[1]), recovery_journal.__file__
from recovery_journal.i18n import _, set_language
set_language("ru")
assert _("Today") == "Сегодня", _("Today")
from recovery_journal.services.step_content import step_content
assert len(step_content("ru").guides) == 12
from recovery_journal.services.inventory import inventory_text
assert inventory_text("ru").language == "ru"
from recovery_journal.errors import ImportRejected
from recovery_journal.services.export import FORMAT_VERSION, SCHEMAS
from recovery_journal.services.json_files import validate
try:
    validate({}, SCHEMAS[FORMAT_VERSION])
except ImportRejected:
    pass
else:
    raise AssertionError("an empty export passed the schema")
from recovery_journal.store.migrations import all_migrations
assert all_migrations()
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication
app = QApplication([])
from recovery_journal.ui.reminder import app_icon
sizes = {size.width() for size in app_icon().availableSizes()}
assert sizes == {16, 22, 24, 32, 48, 64, 128, 256, 512}, sizes
assert not app_icon().pixmap(QSize(48, 48)).isNull()
print("read from the zip")
"""


def test_the_shipped_data_is_read_from_a_zipped_package(tmp_path):
    """Nothing reads a path beside the code: the package works from a zip file, where no such
    path exists, so it works wherever an installer or a bundler puts it."""
    archive = tmp_path / "recovery_journal.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in sorted((ROOT / "recovery_journal").rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                zipped.write(path, path.relative_to(ROOT).as_posix())
    environment = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "PYTHONPATH": str(archive),
        "QT_QPA_PLATFORM": "offscreen",
        "LANG": "C.UTF-8",
    }
    result = subprocess.run(
        [sys.executable, "-c", ZIPPED_RUN, str(archive)],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "read from the zip" in result.stdout


# --- the scripts ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "script",
    [
        "tools/check_dist.sh",
        "tools/check_wheel.sh",
        "packaging/linux/install.sh",
        "packaging/linux/build-deb.sh",
        "packaging/linux/check-deb.sh",
    ],
)
def test_the_scripts_are_bash_that_parses(script):
    path = ROOT / script
    assert path.read_text("utf-8").startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in path.read_text("utf-8")
    assert os.access(path, os.X_OK)
    subprocess.run(["bash", "-n", str(path)], check=True)


def test_install_sh_installs_and_uninstalls_for_the_user(tmp_path):
    """With a stand-in for the built app: what lands where, and what --uninstall removes."""
    dist = tmp_path / "dist" / "recovery-journal"
    (dist / "_internal").mkdir(parents=True)
    shutil.copytree(ICONS, dist / "_internal" / "recovery_journal" / "resources" / "icons")
    app = dist / "recovery-journal"
    app.write_text('#!/bin/sh\necho "recovery-journal 1.2.3"\n', encoding="utf-8")
    app.chmod(0o755)
    home = tmp_path / "my home"  # a space, which the menu entry must quote
    home.mkdir()
    environment = {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8"}
    # What an install.sh from before the app ID left: named after the program. It goes, or the
    # menu shows the app twice.
    applications = home / ".local" / "share" / "applications"
    hicolor = home / ".local" / "share" / "icons" / "hicolor"
    applications.mkdir(parents=True)
    shutil.copy(DESKTOP, applications / "recovery-journal.desktop")
    (hicolor / "48x48" / "apps").mkdir(parents=True)
    (hicolor / "48x48" / "apps" / "recovery-journal.png").write_bytes(b"old")

    result = subprocess.run(
        ["bash", str(INSTALL), str(dist)],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "1.2.3" in result.stdout
    installed = home / ".local" / "opt" / "recovery-journal" / "recovery-journal"
    link = home / ".local" / "bin" / "recovery-journal"
    assert link.is_symlink() and link.resolve() == installed.resolve()
    entry_path = applications / f"{APP_ID}.desktop"
    assert [p.name for p in applications.glob("*.desktop")] == [entry_path.name]
    entry = _desktop_entry(entry_path)
    assert entry["Exec"] == f'"{installed}"'
    assert entry["GenericName[ru]"] == "Дневник выздоровления"
    for size in make_icons.SIZES:
        assert (hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png").is_file()
    assert (hicolor / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    assert not list(hicolor.rglob("recovery-journal.*"))
    metainfo = home / ".local" / "share" / "metainfo" / f"{APP_ID}.metainfo.xml"
    assert metainfo.read_bytes() == (DESKTOP.parent / metainfo.name).read_bytes()
    if shutil.which("desktop-file-validate"):
        subprocess.run(["desktop-file-validate", str(entry_path)], check=True)

    (home / "journal.rjvault").write_bytes(b"not touched")
    result = subprocess.run(
        ["bash", str(INSTALL), "--uninstall"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert not installed.exists() and not link.is_symlink() and not entry_path.exists()
    assert not list(hicolor.rglob(f"{APP_ID}.*")) and not metainfo.exists()
    assert (home / "journal.rjvault").read_bytes() == b"not touched"
