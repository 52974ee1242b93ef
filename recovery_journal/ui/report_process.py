"""The report's pages drawn in a child process, so that Qt is used on the GUI thread only.

Drawing a report is Qt work (text layout, painting, the PDF writer) that takes seconds, so it
cannot be done on the GUI thread. Done on another thread of the same process, it shares Qt's
locks with the GUI thread while PySide makes each thread hold Python's GIL around its Qt calls:
the two can each wait for what the other holds. CI hung twice that way, at a text document made
on the charts thread while the GUI thread ran its event loop, and no timeout can interrupt it.
A child process has its own Qt and its own GIL.

The report goes to the child through a pipe (pickled, never written to a disk), and the pages or
the PDF come back the same way, with the progress on the way. The thread that waits for the
child only reads a pipe: no Qt call. Cancelling ends the child. The child hardens itself as the
app does (no core dump of what it holds) and writes nothing.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import subprocess
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recovery_journal.services.report_blocks import Report
from recovery_journal.ui.bridge import own_thread

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

# The first argument that makes the program the report's drawer instead of the app
# (recovery_journal/__main__.py).
CHILD_ARGUMENT = "--draw-report"

CANCEL_POLL_SECONDS = 0.1
Progress = Callable[[int, int], None] | None
Cancelled = Callable[[], bool] | None


@dataclass(frozen=True, slots=True)
class PageImage:
    """One page's pixels as the child drew them (a QImage is made from them on the GUI thread)."""

    width: int
    height: int
    bytes_per_line: int
    image_format: int  # QImage.Format's value
    pixels: bytes


class DrawingFailed(RuntimeError):
    """The child could not draw the report; its own error, in its words, is on stderr."""


def _command() -> list[str]:
    if getattr(sys, "frozen", False):  # the packaged app: its own executable is the program
        return [sys.executable, CHILD_ARGUMENT]
    # -P: the folder the window was started from is not put first on the import path (a
    # "recovery_journal" or "pickle.py" there must never receive the report).
    return [sys.executable, "-P", "-m", "recovery_journal", CHILD_ARGUMENT]


def _drawn(kind: str, report: Report, dpi: int, progress: Progress, cancelled: Cancelled) -> Any:
    """Run the child and wait for its result, passing on its progress; off the GUI thread."""
    from recovery_journal.ui.report_pdf import ReportCancelled

    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if not getattr(sys, "frozen", False):
        # The package the window runs from, wherever the child starts (a checkout run from
        # another folder finds it too).
        package_root = str(Path(__file__).resolve().parents[2])
        paths = [package_root, *filter(None, [environment.get("PYTHONPATH")])]
        environment["PYTHONPATH"] = os.pathsep.join(paths)
    try:
        child = subprocess.Popen(  # noqa: S603 - our own program, no shell
            _command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=environment
        )
    except OSError as error:
        raise DrawingFailed(f"the report's drawing could not start ({error})") from error
    assert child.stdin is not None and child.stdout is not None
    stop = threading.Event()
    if cancelled is not None:
        # A cancel (or the dialog going away, as at a lock) ends the child at once, not when
        # its next part is drawn: this thread is waiting on the pipe meanwhile.
        threading.Thread(
            target=_kill_when, args=(child, cancelled, stop), name="report-cancel", daemon=True
        ).start()
    try:
        try:
            with child.stdin:
                pickle.dump((kind, report, dpi), child.stdin, protocol=pickle.HIGHEST_PROTOCOL)
        except OSError as error:  # the child ended before it read the report
            if cancelled is not None and cancelled():
                raise ReportCancelled from None
            raise DrawingFailed(f"the report's drawing ended early ({error})") from error
        while True:
            if cancelled is not None and cancelled():
                raise ReportCancelled
            try:
                message = pickle.load(child.stdout)  # noqa: S301 - our own child's answer
            except EOFError:
                if cancelled is not None and cancelled():
                    raise ReportCancelled from None
                raise DrawingFailed(f"the report's drawing ended ({child.wait()})") from None
            if message[0] == "progress":
                if progress is not None:
                    progress(message[1], message[2])
            elif message[0] == "done":
                return message[1]
            else:
                raise DrawingFailed(message[1])
    finally:
        stop.set()
        if child.poll() is None:
            child.kill()
        child.wait()
        child.stdout.close()


def _kill_when(child: subprocess.Popen[bytes], cancelled: Callable[[], bool], stop: Any) -> None:
    while not stop.wait(CANCEL_POLL_SECONDS):
        if cancelled():
            child.kill()
            return


def draw_pdf(report: Report, progress: Progress = None, cancelled: Cancelled = None) -> bytes:
    """The whole PDF, in memory, drawn by a child process."""
    return bytes(_drawn("pdf", report, 0, progress, cancelled))


def draw_pages(
    report: Report, dpi: int, progress: Progress = None, cancelled: Cancelled = None
) -> list[PageImage]:
    """The pages as pictures for the preview, drawn by a child process."""
    return list(_drawn("pages", report, dpi, progress, cancelled))


def report_thread() -> ThreadPoolExecutor:
    """The thread that waits for the drawing child (one report at a time)."""
    return own_thread("report")


def page_image(page: PageImage) -> QImage:
    """The page as a QImage, on the GUI thread (a copy: the bytes are not kept alive by it)."""
    from PySide6.QtGui import QImage

    image = QImage(
        page.pixels, page.width, page.height, page.bytes_per_line, QImage.Format(page.image_format)
    )
    return image.copy()


def child_main() -> int:
    """The child: read one report from stdin, draw it, answer on stdout."""
    from recovery_journal.process import harden_process

    harden_process()
    answers = sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must never enter the answers

    def send(*message: Any) -> None:
        pickle.dump(message, answers, protocol=pickle.HIGHEST_PROTOCOL)
        answers.flush()

    kind, report, dpi = pickle.load(sys.stdin.buffer)  # noqa: S301 - from the app that ran us
    from recovery_journal.ui.report_pdf import drawing_without_window, render_pdf, render_preview

    app = drawing_without_window()  # noqa: F841 - alive while the report is drawn

    def progress(done: int, total: int) -> None:
        send("progress", done, total)

    try:
        if kind == "pdf":
            send("done", render_pdf(report, progress=progress))
        else:
            images = render_preview(report, dpi, progress=progress)
            pages = []
            while images:  # each page's image freed once copied: not two copies of them all
                image = images.pop(0)
                pages.append(
                    PageImage(
                        image.width(),
                        image.height(),
                        image.bytesPerLine(),
                        image.format().value,
                        bytes(image.constBits()),
                    )
                )
            send("done", pages)
    except Exception as error:  # noqa: BLE001 - answered, its traceback on stderr if any
        import traceback

        # Only the error's kind crosses back: its text could quote what the report holds.
        with contextlib.suppress(OSError, ValueError):
            traceback.print_exc()
        send("failed", type(error).__name__)
        return 1
    return 0
