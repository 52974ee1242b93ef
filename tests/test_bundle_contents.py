"""tools/bundle_contents.py, the check tools/check_dist.sh runs on a built bundle: over its
budget, a group that no session loads back in, or a file a path of the app needs gone, each
fails; a bundle as build.spec makes it passes. (On a fake bundle: the real one is checked by
`make dist-check`.)"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))

import bundle_contents  # noqa: E402


@pytest.fixture
def bundle(tmp_path) -> Path:
    """A bundle holding just what must stay."""
    root = tmp_path / "recovery-journal"
    for _why, paths in bundle_contents.KEPT:
        for path in paths:
            target = root / "_internal" / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(b"\0" * 100)
    (root / "recovery-journal").write_bytes(b"\0" * 100)
    return root


def _add(bundle: Path, path: str, size: int = 100) -> None:
    target = bundle / "_internal" / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(b"\0" * size)


def test_a_bundle_with_what_must_stay_and_nothing_left_out_passes(bundle):
    _add(bundle, "PySide6/Qt/plugins/imageformats/libqsvg.so")  # the one image format kept
    _add(bundle, "numpy/_core/_multiarray_umath.cpython-311-x86_64-linux-gnu.so")
    assert bundle_contents.problems(bundle) == []


@pytest.mark.parametrize(
    "path",
    [
        "PySide6/Qt/plugins/imageformats/libqjpeg.so",
        "PySide6/Qt/plugins/platforms/libqeglfs.so",
        "PySide6/Qt/plugins/egldeviceintegrations/libqeglfs-x11-integration.so",
        "PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so",
        "numpy/random/_generator.cpython-311-x86_64-linux-gnu.so",
        "PIL/_avif.cpython-311-x86_64-linux-gnu.so",
        "contourpy/_contourpy.cpython-311-x86_64-linux-gnu.so",
        "matplotlib/mpl-data/sample_data/goog.npz",
        "matplotlib/mpl-data/fonts/ttf/DejaVuSerif.ttf",
        "PySide6/Qt/translations/qt_help_ru.qm",
    ],
)
def test_a_group_no_session_loads_fails_when_it_is_back(bundle, path):
    _add(bundle, path)
    (problem,) = bundle_contents.problems(bundle)
    assert "no session loads are in the bundle again" in problem and path in problem


def test_a_file_a_path_of_the_app_needs_fails_when_it_is_gone(bundle):
    (bundle / "_internal/PySide6/Qt/plugins/platforms/libqwayland.so").unlink()
    (bundle / "_internal/matplotlib/mpl-data/fonts/ttf/LastResortHE-Regular.ttf").unlink()
    found = bundle_contents.problems(bundle)
    assert len(found) == 2
    assert all("is missing" in problem for problem in found)


def test_a_bundle_over_its_budget_fails(bundle, monkeypatch):
    monkeypatch.setattr(bundle_contents, "BUDGET_BYTES", 10_000)
    _add(bundle, "matplotlib/ft2font.cpython-311-x86_64-linux-gnu.so", size=20_000)
    (problem,) = bundle_contents.problems(bundle)
    assert "over its budget" in problem


def test_the_budget_is_the_measured_size_and_a_tenth():
    assert bundle_contents.BUDGET_BYTES == bundle_contents.MEASURED_BYTES * 11 // 10
    assert bundle_contents.BUDGET_BYTES < 230 * 2**20  # was 274 MiB before the trimming


def test_the_spec_leaves_out_what_the_list_says():
    spec = (Path(__file__).resolve().parents[1] / "build.spec").read_text("utf-8")
    assert "bundle_contents.modules()" in spec  # Analysis' excludes
    assert "bundle_contents.qt_plugins()" in spec
    assert "bundle_contents.left_out(" in spec
    assert "strip_binaries(" in spec
