"""Build the Python distribution as pip and pipx would: the sdist from a copy of this checkout,
then the wheel from that sdist (so a file the sdist leaves out is missing from the wheel too).

    .venv/bin/python tools/build_dist.py OUT_DIR      # prints the sdist's and the wheel's paths

No network: setuptools.build_meta runs in this Python, which needs what pyproject.toml's
[build-system] asks for: setuptools, and Babel for the translations setup.py compiles into the
wheel (requirements-dev.txt pins both). Used by
tests/test_distribution.py and tools/check_wheel.sh (make wheel-check).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The build backend, run in a child so that its chatter and its working folder stay its own.
_BACKEND = """
import sys
from setuptools import build_meta
kind, out = sys.argv[1], sys.argv[2]
build = build_meta.build_sdist if kind == "sdist" else build_meta.build_wheel
print(build(out))
"""


def _checkout_files(root: Path) -> list[Path]:
    """What a clone holds: the tracked files and the new ones git does not ignore."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=root,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    found = [Path(name) for name in listed.split("\0") if name]
    return [name for name in found if (root / name).is_file() and not (root / name).is_symlink()]


def _backend(kind: str, source: Path, out: Path) -> Path:
    result = subprocess.run(
        [sys.executable, "-c", _BACKEND, kind, str(out)],
        cwd=source,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"building the {kind} failed:\n{result.stdout}\n{result.stderr}")
    return out / result.stdout.strip().splitlines()[-1]


def build(out: Path, root: Path = ROOT) -> tuple[Path, Path]:
    """The sdist and the wheel built from it, both in ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="rj-build-") as scratch:
        source = Path(scratch) / "source"
        for name in _checkout_files(root):
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(root / name, source / name)
        sdist = _backend("sdist", source, out)
        unpacked = Path(scratch) / "unpacked"
        with tarfile.open(sdist) as archive:
            if hasattr(tarfile, "data_filter"):  # 3.11.4 and newer
                archive.extractall(unpacked, filter="data")
            else:
                archive.extractall(unpacked)  # our own sdist, made a moment ago
        (top,) = unpacked.iterdir()
        wheel = _backend("wheel", top, out)
    return sdist, wheel


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    for path in build(Path(argv[0]).resolve()):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
