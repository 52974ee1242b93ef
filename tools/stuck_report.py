"""Print, in a few lines, which test was stuck and where each thread was (for CI's output).

tests/conftest.py writes the test's name and faulthandler's dump of every thread to
``.test-stuck.txt`` when a test is stuck. CI shows only the end of its output, and a full dump
is mostly pytest's own frames, so this keeps the top of each stack and the project's frames.

    python tools/stuck_report.py [.test-stuck.txt]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

FRAME = re.compile(r'\s*File "(?P<path>[^"]+)", line (?P<line>\d+) in (?P<function>\S+)')
TOP_FRAMES = 3  # of each thread, whatever their file
OURS = ("recovery_journal/", "tests/", "tools/")


def condensed(text: str) -> list[str]:
    lines = text.splitlines()
    if not lines:
        return []
    out = [f"STUCK TEST: {lines[0]}"]
    thread, frames = "", []  # type: ignore[var-annotated]

    def flush() -> None:
        if not thread:
            return
        out.append(thread)
        kept = [frame for n, frame in enumerate(frames) if n < TOP_FRAMES or _ours(frame)]
        out.extend(f"  {_short(frame)}" for frame in kept[:8])

    for line in lines[1:]:
        if "most recent call first" in line:
            flush()
            thread, frames = line.split(" (most recent")[0], []
        elif FRAME.match(line):
            frames.append(line)
    flush()
    return out


def _ours(frame: str) -> bool:
    return any(f"/{part}" in frame and "site-packages" not in frame for part in OURS)


def _short(frame: str) -> str:
    match = FRAME.match(frame)
    assert match is not None
    path = match["path"]
    for marker in ("site-packages/", "/recovery_journal/", "/tests/", "/tools/"):
        if marker in path:
            path = (marker.strip("/") + "/" if marker != "site-packages/" else "") + path.split(
                marker, 1
            )[1]
            break
    return f"{path}:{match['line']} {match['function']}"


def main(argv: list[str]) -> int:
    path = Path(argv[0] if argv else ".test-stuck.txt")
    if not path.exists() or path.stat().st_size == 0:
        return 0
    print("\n".join(condensed(path.read_text(encoding="utf-8", errors="replace"))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
