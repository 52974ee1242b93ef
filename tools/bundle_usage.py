"""Which files of the packaged app a session used, read from strace logs.

    python tools/bundle_usage.py BUNDLE TRACE...   [--unused-only] [--min-kb N]

BUNDLE is the PyInstaller folder (dist/recovery-journal); each TRACE is a log (or a folder of
logs) written by ``strace -f -y -e trace=openat,open,execve,mmap -ff -o PREFIX APP ...``
(``-y`` puts the real path of each file descriptor in the log). Every file of the bundle is put
in one of three kinds, with its size:

  loaded   mapped executable: a library or an extension module the dynamic loader brought in
  opened   opened but never mapped executable: data (fonts, .qm, mpl-data), or a Qt plugin that
           Qt only read the metadata of while choosing another one
  unused   never opened at all

docs/BUILDING.md ("What is left out, and how it was measured") tells how the sessions were run
and what was decided from this list; build.spec leaves out only what no session opened.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Iterable
from pathlib import Path

# openat(AT_FDCWD</cwd>, "name", O_RDONLY|O_CLOEXEC) = 3</real/path>
OPENED = re.compile(r"\b(?:openat|open)\(.*\) = \d+<([^>]+)>")
# mmap(addr, length, PROT_READ|PROT_EXEC, flags, 3</real/path>, offset) = address
MAPPED_EXEC = re.compile(r"\bmmap\([^,]+, \d+, ([A-Z_|]+), [A-Z_|]+, \d+<([^>]+)>")
EXECUTED = re.compile(r'\bexecve\("([^"]+)", .*\) = 0')


def trace_files(paths: Iterable[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        found.extend(sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path])
    return found


def read_traces(paths: Iterable[Path]) -> tuple[set[str], set[str]]:
    """The real paths opened, and those mapped executable (or executed), over all the logs."""
    opened: set[str] = set()
    loaded: set[str] = set()
    for path in trace_files(paths):
        with path.open(encoding="utf-8", errors="replace") as log:
            for line in log:
                if (match := OPENED.search(line)) is not None:
                    opened.add(match.group(1))
                elif (match := MAPPED_EXEC.search(line)) is not None:
                    if "PROT_EXEC" in match.group(1):
                        loaded.add(match.group(2))
                elif (match := EXECUTED.search(line)) is not None:
                    loaded.add(os.path.realpath(match.group(1)))
    return opened, loaded


def classify(bundle: Path, opened: set[str], loaded: set[str]) -> dict[str, list[tuple[str, int]]]:
    """Each regular file of the bundle (symbolic links are counted at their target) by kind."""
    kinds: dict[str, list[tuple[str, int]]] = {"loaded": [], "opened": [], "unused": []}
    root = bundle.resolve()
    for path in sorted(root.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        real = str(path)
        kind = "loaded" if real in loaded else "opened" if real in opened else "unused"
        kinds[kind].append((str(path.relative_to(root)), path.stat().st_size))
    return kinds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("bundle", type=Path)
    parser.add_argument("traces", type=Path, nargs="+")
    parser.add_argument("--unused-only", action="store_true", help="list only what was unused")
    parser.add_argument("--min-kb", type=int, default=0, help="list only files at least this big")
    args = parser.parse_args(argv)
    opened, loaded = read_traces(args.traces)
    kinds = classify(args.bundle, opened, loaded)
    for kind, files in kinds.items():
        total = sum(size for _name, size in files)
        print(f"# {kind}: {len(files)} files, {total / 2**20:.1f} MiB")
        if args.unused_only and kind != "unused":
            continue
        for name, size in sorted(files, key=lambda item: -item[1]):
            if size >= args.min_kb * 1024:
                print(f"{size / 1024:10.0f} kB  {kind:6}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
