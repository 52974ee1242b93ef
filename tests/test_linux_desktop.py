"""The Linux desktop's view of the app: the AppStream metainfo and the desktop entry, read as a
software centre and a menu read them, and both checked by their own validators."""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
import xml.etree.ElementTree as ElementTree
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

import pytest
from PySide6.QtGui import QImage

import recovery_journal
from recovery_journal.app_id import APP_ID

ROOT = Path(__file__).resolve().parent.parent
LINUX = ROOT / "packaging" / "linux"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
DESKTOP = LINUX / f"{APP_ID}.desktop"
LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Where the metainfo's screenshot URLs point: this repository's files, once it is published.
PUBLISHED = "https://raw.githubusercontent.com/recovery-journal/recovery-journal/main/"


def _component() -> ElementTree.Element:
    return ElementTree.parse(METAINFO).getroot()


def _in(language: str | None, elements: list[ElementTree.Element]) -> list[ElementTree.Element]:
    return [e for e in elements if e.get(LANG) == language]


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version))


def test_the_metainfo_is_the_apps_component():
    component = _component()
    assert component.get("type") == "desktop-application"
    assert component.findtext("id") == APP_ID
    assert component.findtext("name") == recovery_journal.APP_NAME
    assert component.findtext("project_license") == "GPL-3.0-or-later"
    assert component.findtext("metadata_license") in ("CC0-1.0", "FSFAP")
    launchable = component.find("launchable")
    assert launchable is not None and launchable.get("type") == "desktop-id"
    assert launchable.text == DESKTOP.name and DESKTOP.is_file()
    # The command the package puts on PATH: the project's own script.
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["scripts"]
    assert [b.text for b in component.findall("provides/binary")] == list(scripts)


def test_the_newest_release_is_the_packages_version():
    """Bump __version__ and add its <release> (newest first) in the same commit."""
    releases = _component().findall("releases/release")
    assert releases, "no <release>"
    assert releases[0].get("version") == recovery_journal.__version__
    versions = [_version_key(r.get("version", "")) for r in releases]
    days = [date.fromisoformat(r.get("date", "")) for r in releases]
    assert versions == sorted(versions, reverse=True) and days == sorted(days, reverse=True)


def test_english_and_russian_say_the_same_things():
    """Translated paragraph by paragraph and item by item, as the spec asks: each English one
    followed by its Russian one."""
    component = _component()
    for tag in ("summary", "developer_name"):
        found = component.findall(tag)
        assert len(_in(None, found)) == 1 and len(_in("ru", found)) == 1, tag
    description = component.find("description")
    assert description is not None
    for block in (description, *description.findall("ul")):
        items = [e for e in block if e.tag in ("p", "li")]
        assert [e.get(LANG) for e in items] == [None, "ru"] * (len(items) // 2)
        for english, russian in zip(items[::2], items[1::2], strict=True):
            assert re.search("[а-яё]", "".join(russian.itertext()), re.IGNORECASE)
            assert not re.search("[а-яё]", "".join(english.itertext()), re.IGNORECASE)
    russian = " ".join(" ".join(e.itertext()) for e in description.iter() if e.get(LANG))
    # The glossary's words: the vault is «дневник» (never «сейф»), the review «вечерний разбор».
    assert "сейф" not in russian and "хранилище" not in russian
    assert "Вечерний разбор" in russian and "дневник" in russian


def test_each_screenshot_is_a_file_here_of_the_size_it_says(qapp):
    """The URLs point at packaging/linux/screenshots/ in the published repository
    (tools/appstream_screenshots.py makes them); every language has its own image."""
    screenshots = _component().findall("screenshots/screenshot")
    assert [s.get("type") for s in screenshots].count("default") == 1
    for screenshot in screenshots:
        images = screenshot.findall("image")
        assert {i.get(LANG) for i in images} == {None, "ru"}
        assert {c.get(LANG) for c in screenshot.findall("caption")} == {None, "ru"}
        for image in images:
            url = image.text or ""
            assert url.startswith(PUBLISHED), url
            path = ROOT / urlparse(url).path.removeprefix(urlparse(PUBLISHED).path)
            assert path.parent == LINUX / "screenshots", url
            picture = QImage(str(path))
            assert not picture.isNull(), f"{path} is missing or not an image"
            size = (picture.width(), picture.height())
            assert size == (int(image.get("width", 0)), int(image.get("height", 0))), path


def test_the_content_rating_says_what_the_app_speaks_of():
    """The steps and the demo speak of drinking and of drugs; there is no network, no chat,
    nothing shared with anyone, nothing to buy (OARS: every other attribute is none)."""
    rating = _component().find("content_rating")
    assert rating is not None and rating.get("type") == "oars-1.1"
    attributes = {a.get("id"): a.text for a in rating.findall("content_attribute")}
    assert attributes == {"drugs-alcohol": "mild", "drugs-narcotics": "mild"}
    assert _component().findtext("requires/internet") == "offline-only"


# --- the validators ------------------------------------------------------------------------------


VALIDATORS = {
    # Not a single message: errors, warnings and the infos a software centre's reviewer reads.
    "appstreamcli": (
        ["appstreamcli", "validate", "--no-net", "--explain", str(METAINFO)],
        "appstream",
    ),
    "desktop-file-validate": (["desktop-file-validate", str(DESKTOP)], "desktop-file-utils"),
}


@pytest.mark.parametrize("tool", sorted(VALIDATORS))
def test_the_validators_find_nothing(tool):
    command, package = VALIDATORS[tool]
    if shutil.which(command[0]) is None:
        pytest.skip(
            f"{command[0]} is not installed (Debian package {package}; "
            "bash tools/system-packages.sh installs it)"
        )
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)
    output = (result.stdout + result.stderr).strip()
    if tool == "appstreamcli":
        assert output.splitlines()[-1:] == ["✔ Validation was successful."], output
        output = "\n".join(output.splitlines()[:-1]).strip()
    # desktop-file-validate's hints count too: each names something a menu shows wrongly (two
    # main categories put the entry in two menus).
    assert (result.returncode, output) == (0, "")


# --- the .deb ------------------------------------------------------------------------------------


DEB_TOOLS = ("dpkg-deb", "dpkg-shlibdeps", "readelf", "chrpath")


@pytest.mark.skipif(
    not all(shutil.which(tool) for tool in DEB_TOOLS),
    reason="dpkg-dev, binutils and chrpath are not installed (bash tools/system-packages.sh)",
)
def test_build_deb_lays_out_the_package(tmp_path):
    """With a stand-in for the built app (make deb-check installs the real one): what goes where,
    named by the app ID, with the modes Debian's policy asks for and Depends from the ELF files."""
    dist = tmp_path / "dist" / "recovery-journal"
    (dist / "_internal").mkdir(parents=True)
    program = dist / "recovery-journal"
    program.write_text('#!/bin/sh\necho "recovery-journal 1.2.3"\n', encoding="utf-8")
    program.chmod(0o755)
    shutil.copy("/bin/true", dist / "_internal" / "helper")  # an ELF file that needs libc
    out = tmp_path / "out"
    result = subprocess.run(
        ["bash", str(LINUX / "build-deb.sh"), str(dist), str(out)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    deb = Path(result.stdout.strip().splitlines()[-1])
    assert deb.parent == out
    assert deb.name.startswith(f"recovery-journal_{recovery_journal.__version__}-1_")

    def field(name: str) -> str:
        return subprocess.run(
            ["dpkg-deb", "--field", str(deb), name], capture_output=True, text=True, check=True
        ).stdout.strip()

    assert field("Package") == "recovery-journal"
    assert field("Version") == f"{recovery_journal.__version__}-1"
    depends = [d.split()[0] for d in field("Depends").split(", ")]
    assert "libc6" in depends and "fonts-dejavu-core" in depends
    assert not field("Description").startswith(("A ", "a "))  # Debian's synopsis style

    listing = subprocess.run(
        ["dpkg-deb", "--contents", str(deb)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    entries = {line.split()[5].removeprefix("."): line.split() for line in listing}
    assert entries["/usr/bin/recovery-journal"][0].startswith("l")
    assert entries["/usr/bin/recovery-journal"][-1] == "../lib/recovery-journal/recovery-journal"
    assert entries["/usr/lib/recovery-journal/recovery-journal"][0] == "-rwxr-xr-x"
    assert entries["/usr/lib/recovery-journal/_internal/helper"][0] == "-rw-r--r--"
    assert all(entry[1] == "root/root" for entry in entries.values())
    for path in (
        f"/usr/share/applications/{APP_ID}.desktop",
        f"/usr/share/metainfo/{APP_ID}.metainfo.xml",
        f"/usr/share/icons/hicolor/scalable/apps/{APP_ID}.svg",
        f"/usr/share/icons/hicolor/48x48/apps/{APP_ID}.png",
        "/usr/share/doc/recovery-journal/copyright",
        "/usr/share/doc/recovery-journal/changelog.Debian.gz",
        "/usr/share/lintian/overrides/recovery-journal",
    ):
        assert path in entries and entries[path][0] == "-rw-r--r--", path
    assert not [path for path in entries if "recovery-journal.png" in path]  # named by the ID
