"""Journeys: the real program in a real window, driven from outside (tests/journeys/desktop.py).

One desktop (Xvfb, openbox, D-Bus, AT-SPI) serves every journey of a run; each journey has its
own home folder, vault and log. A journey that fails leaves, in journey-artifacts/<test>/, a
screenshot of the whole screen, the accessibility tree as it was, and the program's output.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.journeys.desktop import ROOT, App, Desktop, missing_tools, running_desktop

ARTIFACTS = ROOT / "journey-artifacts"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.journey)


@pytest.fixture(scope="session")
def desktop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desktop]:
    missing = missing_tools()
    if missing:
        # Not a skip: a journey that cannot run is a failure to see, never a silent green.
        pytest.fail(
            f"the journeys need {', '.join(missing)}: run `bash tools/system-packages.sh` "
            "(make test does it first)",
            pytrace=False,
        )
    with running_desktop(tmp_path_factory.mktemp("desktop")) as running:
        yield running


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    report = yield
    if report.when == "call":
        item.stash[_outcome] = report
    return report


_outcome = pytest.StashKey[pytest.TestReport]()


@pytest.fixture
def launch(
    desktop: Desktop, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[Callable[..., App]]:
    """Start the program: ``launch(vault=..., language="ru")``; all are stopped at the end."""
    started: list[App] = []
    home = tmp_path / "home"

    def start(vault: Path | None = None, language: str = "en", **options: object) -> App:
        app = App(
            desktop,
            home,
            vault if vault is not None else tmp_path / "journal.rjvault",
            tmp_path / f"app-{len(started) + 1}.log",
            language,
            extra_env=options.get("env"),  # type: ignore[arg-type]
        )
        started.append(app)
        return app.start()

    yield start
    report = request.node.stash.get(_outcome, None)
    if report is not None and report.failed:
        _keep_evidence(request.node.name, desktop, started)
    for app in started:
        app.stop()
    if report is not None and report.passed:
        # A journey that worked also wrote nothing alarming: a traceback, or Qt's warnings
        # (each one a fault seen in the first hour: timers on a thread without a dispatcher,
        # invalid SVG path data).
        noise = [line for app in started for line in app.log().splitlines() if _alarming(line)]
        assert not noise, "the program wrote:\n" + "\n".join(noise[:20])


# Written by Qt when the journey's own polling asks about an object that has just gone (a
# closed dialog's button): the test's doing, not the program's.
_OUR_NOISE = ("qt.accessibility.atspi: Could not find accessible",)
_ALARMING = ("Traceback", "QBasicTimer", "QObject::", "qt.svg", "QWidget::", "QPainter::")


def _alarming(line: str) -> bool:
    return not line.startswith(_OUR_NOISE) and any(word in line for word in _ALARMING)


def _keep_evidence(test_name: str, desktop: Desktop, started: list[App]) -> None:
    folder = ARTIFACTS / re.sub(r"[^\w.-]+", "_", test_name)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    try:
        desktop.screenshot(folder / "screen.png")
    except Exception as error:  # noqa: BLE001 - evidence is best effort
        (folder / "screen-failed.txt").write_text(repr(error))
    for number, app in enumerate(started, start=1):
        if app.log_path.exists():
            shutil.copy(app.log_path, folder / f"app-{number}.log")
        if app.running:
            try:
                tree = "\n\n".join(window.dump() for window in app.windows())
                (folder / f"screen-{number}.txt").write_text(tree, "utf-8")
            except Exception as error:  # noqa: BLE001
                (folder / f"screen-{number}.txt").write_text(repr(error))
    print(f"\njourney evidence (screenshot, screen text, program output): {folder}")
