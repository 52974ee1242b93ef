"""Real full disks and read-only places for the tests: small tmpfs mounts and read-only binds.

They need the right to mount (root, as in CI); elsewhere the tests that use them are skipped with
the reason. Each mount is undone when its ``with`` block ends, also after a failed assertion.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


def _mount(*args: str | Path) -> None:
    result = subprocess.run(
        ["mount", *map(str, args)], capture_output=True, text=True, timeout=30, check=False
    )
    if result.returncode != 0:
        pytest.skip(f"mounting is not permitted here: {result.stderr.strip() or 'mount failed'}")


def _unmount(target: Path) -> None:
    done = subprocess.run(["umount", str(target)], capture_output=True, timeout=30, check=False)
    if done.returncode != 0:
        # Still in use (a failed test's window holds the file until its fixtures end): detached
        # now and gone once the last file on it is closed, never left mounted.
        subprocess.run(["umount", "-l", str(target)], capture_output=True, timeout=30, check=False)


def can_mount() -> bool:
    return os.name == "posix" and shutil.which("mount") is not None and os.geteuid() == 0


@contextlib.contextmanager
def full_disk(folder: Path, *, size_kib: int = 2048) -> Iterator[Path]:
    """A small disk (a tmpfs of ``size_kib``) at ``folder``; ``fill`` then fills it up."""
    if not can_mount():
        pytest.skip("a full disk needs the right to mount (root)")
    folder.mkdir(parents=True, exist_ok=True)
    _mount("-t", "tmpfs", "-o", f"size={size_kib}k,mode=0700", "tmpfs", folder)
    try:
        yield folder
    finally:
        _unmount(folder)


def fill(folder: Path, free_bytes: int = 0) -> None:
    """Fill the disk at ``folder`` until only ``free_bytes`` (rounded to a page) are left."""
    filler = folder / "filler"
    free = shutil.disk_usage(folder).free - free_bytes
    with filler.open("ab") as handle:
        with contextlib.suppress(OSError):
            while free > 0:
                chunk = min(free, 1 << 16)
                handle.write(b"\0" * chunk)
                handle.flush()
                free -= chunk
    assert abs(shutil.disk_usage(folder).free - free_bytes) <= 4096, shutil.disk_usage(folder)


@contextlib.contextmanager
def read_only_view(source: Path, view: Path) -> Iterator[Path]:
    """``source`` (a folder or a file) seen read-only at ``view``, as on a mounted snapshot."""
    if not can_mount():
        pytest.skip("a read-only place needs the right to mount (root)")
    if source.is_dir():
        view.mkdir(parents=True, exist_ok=True)
    elif not view.exists():
        view.touch()
    _mount("--bind", source, view)
    try:
        _mount("-o", "remount,ro,bind", view)
        yield view
    finally:
        _unmount(view)


def listing(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())
