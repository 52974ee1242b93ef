"""Shared set-up: offscreen Qt, a private HOME and QSettings for every test, quick vault helpers."""

from __future__ import annotations

import contextlib
import faulthandler
import gc
import os
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

# Before any Qt import: tests never need a display (Picard does the same in its conftest).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from recovery_journal.domain.day import journal_day  # noqa: E402
from recovery_journal.i18n import set_language  # noqa: E402
from recovery_journal.store import SqlCipherVault, create_vault, open_vault  # noqa: E402

# Store tests may derive keys faster than the app (STYLE.md); the app always uses 256,000.
TEST_KDF = 4_000
PASSPHRASE = "four calm words here"

ROOT = Path(__file__).resolve().parent.parent


def pytest_configure(config: pytest.Config) -> None:
    """The .mo gettext reads, compiled again where older than its .po, as `make test` does: a
    run of pytest by hand (or after an edit of ru.po) sees the translations as written, never a
    stale catalogue."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("rj_setup", ROOT / "setup.py")
    assert spec is not None and spec.loader is not None
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    try:
        build.compile_catalogues(ROOT / build.CATALOGUES, ROOT / build.CATALOGUES, only_stale=True)
    except ImportError as error:
        raise pytest.UsageError(
            f"The translations need compiling and Babel is missing ({error}): `make test` "
            "installs it (requirements-dev.txt)."
        ) from error


# A test stuck in C (two threads each waiting for the other's lock) cannot be interrupted from
# Python: no signal handler or timer thread runs while the GIL is held. faulthandler's watchdog is
# plain C, so it can still write every thread's stack to this file and end the run; .ci/run then
# prints the stuck test and the top of each stack, where CI shows it (the end of its output).
STUCK_SECONDS = int(os.environ.get("STUCK_SECONDS", "150"))
STUCK_REPORT = Path(__file__).resolve().parent.parent / ".test-stuck.txt"


# The quick loop (make quick: pytest -m "not slow and not journey", about a minute on an idle
# machine) leaves these files out whole: each takes many seconds (real PDFs drawn, processes
# killed at system calls, every page walked in two languages, the command line run as
# processes). One list, here; a single slow test elsewhere carries @pytest.mark.slow itself.
SLOW_FILES = frozenset(
    {
        "test_accelerators.py",
        "test_accessibility.py",
        "test_charts_ui.py",
        "test_cli.py",
        "test_crash_safety.py",
        "test_demo.py",
        "test_full_and_read_only.py",
        "test_kill_exact.py",
        "test_large_text.py",
        "test_leftovers.py",
        "test_privacy.py",
        "test_read_only_ui.py",
        "test_report_pdf.py",
        "test_report_ui.py",
        "test_search_ui.py",
    }
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).name in SLOW_FILES:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def _stuck_report() -> Iterator[object]:
    with STUCK_REPORT.open("w", encoding="utf-8") as report:
        yield report
    STUCK_REPORT.unlink(missing_ok=True)  # the run ended by itself


@pytest.fixture(autouse=True)
def _end_the_run_if_stuck(request: pytest.FixtureRequest, _stuck_report) -> Iterator[None]:
    _stuck_report.seek(0)
    _stuck_report.truncate()
    _stuck_report.write(f"{request.node.nodeid}\n")
    _stuck_report.flush()
    faulthandler.dump_traceback_later(STUCK_SECONDS, exit=True, file=_stuck_report)
    try:
        yield
    finally:
        faulthandler.cancel_dump_traceback_later()


@pytest.fixture(autouse=True)
def _garbage_on_the_main_thread() -> Iterator[None]:
    """As in the app (ui/garbage.py): Python's collector never runs on a worker thread.

    Left on, it runs on whichever thread allocates, and a widget from an earlier test caught in a
    cycle would be deleted on the vault or charts thread.
    """
    gc.disable()
    yield
    gc.collect()


@pytest.fixture(autouse=True)
def _private_environment(tmp_path_factory: pytest.TempPathFactory, monkeypatch) -> Iterator[None]:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("RECOVERY_JOURNAL_PASSPHRASE", raising=False)
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    # No test reaches the desktop session it runs in: a program a test starts would find the
    # person's own running app there and hand over to it (ui/single_instance.py). Tests that
    # need a session bus start a private one (private_session_bus).
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={home / 'no-session-bus'}")
    _english()
    try:
        from PySide6.QtCore import QSettings

        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(home / "qt"))
    except ImportError:  # pragma: no cover
        pass
    yield
    _english()


def _english() -> None:
    """Every test starts in English, its dates too, as the app sets them (ui/i18n_qt.py): a
    test of a page alone showed C's "15 June" where after a window's test it showed "June 15"."""
    set_language("en")
    try:
        from PySide6.QtCore import QLocale

        QLocale.setDefault(QLocale("en"))
    except ImportError:  # pragma: no cover
        pass


@pytest.fixture(autouse=True)
def _no_real_keychain(monkeypatch) -> None:
    """No test reads or writes the keychain of the computer it runs on.

    Tests of "remember my passphrase" put in a backend of their own (tests/test_keychain.py);
    programs the tests start get keyring's failing backend.
    """
    from recovery_journal.services import keychain

    monkeypatch.setattr(keychain, "find_keychain", lambda: None)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    monkeypatch.setenv(keychain.NO_KEYCHAIN_VARIABLE, "1")


class NetworkUsed(AssertionError):
    pass


def _refuse(*args, **kwargs):
    raise NetworkUsed(f"the app opened a network connection: {args!r}")


@pytest.fixture(autouse=True)
def _no_network(monkeypatch) -> None:
    """Any Internet connection made by any test fails it: the app never touches the network.

    Local (AF_UNIX) sockets stay allowed: D-Bus, which the keyring test needs, runs on them.
    """
    import socket

    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            _refuse(address)
        return real_connect(self, address)

    def connect_ex(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            _refuse(address)
        return real_connect_ex(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "create_connection", _refuse)


class UnexpectedDialog(AssertionError):
    pass


@pytest.fixture(autouse=True)
def _no_unexpected_modal_dialogs(monkeypatch) -> Iterator[None]:
    """A modal dialog no test asked for fails the test instead of hanging the suite.

    A modal dialog runs its own event loop inside Qt; pytest-timeout's exception raised there is
    swallowed by the slot that happens to run, so a stray message box used to hang CI for its
    whole 90 minutes. Here each one is answered "Cancel" at once and named when the test ends.
    Tests that expect a dialog patch it themselves, which replaces this.
    """
    try:
        from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox
    except ImportError:  # pragma: no cover
        yield
        return
    seen: list[str] = []

    def refuse(kind: str, answer: object):
        def shown(*args, **kwargs):
            texts = [str(a) for a in args if isinstance(a, str)]
            seen.append(f"{kind}: {' | '.join(texts)[:300]}")
            return answer

        return shown

    cancel = QMessageBox.StandardButton.Cancel
    for name in ("warning", "critical", "question", "information"):
        monkeypatch.setattr(QMessageBox, name, refuse(f"QMessageBox.{name}", cancel))
    monkeypatch.setattr(QMessageBox, "exec", refuse("QMessageBox.exec", cancel))
    for name in ("getSaveFileName", "getOpenFileName"):
        monkeypatch.setattr(QFileDialog, name, refuse(f"QFileDialog.{name}", ("", "")))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", refuse("QFileDialog.folder", ""))
    monkeypatch.setattr(QInputDialog, "getText", refuse("QInputDialog.getText", ("", False)))
    rejected = QDialog.DialogCode.Rejected
    monkeypatch.setattr(QDialog, "exec", refuse("QDialog.exec", rejected))
    yield
    if seen:
        raise UnexpectedDialog(f"a modal dialog opened that the test did not expect: {seen}")


@contextlib.contextmanager
def private_session_bus(what: str, env: dict[str, str] | None = None) -> Iterator[str]:
    """A D-Bus session bus of the test's own; yields its address.

    Where none can be started the test is skipped, saying that ``what`` cannot be started here.
    """
    if not shutil.which("dbus-daemon"):
        pytest.skip(f"no {what} can be started here: dbus-daemon is not installed")
    bus = subprocess.Popen(
        ["dbus-daemon", "--session", "--print-address=1", "--nofork", "--nopidfile"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    try:
        address = bus.stdout.readline().strip() if bus.stdout else ""
        if not address:
            pytest.skip(f"no {what} can be started here: dbus-daemon gave no address")
        yield address
    finally:
        bus.terminate()
        bus.wait(timeout=10)


@pytest.fixture
def vault_path(tmp_path: Path) -> Path:
    return tmp_path / "journal.rjvault"


@pytest.fixture
def new_vault(vault_path: Path) -> Iterator[SqlCipherVault]:
    vault = create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    yield vault
    vault.close()


def reopen(path: Path, passphrase: str = PASSPHRASE) -> SqlCipherVault:
    return open_vault(path, passphrase, kdf_iterations=TEST_KDF)


def in_fresh_python(script: str, timeout: float = 110) -> subprocess.CompletedProcess[str]:
    """``script`` (dedented) run by a fresh interpreter, offscreen: what is imported, and on which
    thread, can only be seen from a process's start. It must succeed; its output is returned."""
    import sys
    import textwrap

    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result


def without_evening_reminder(path: Path) -> None:
    """The evening reminder off in the vault at ``path`` (the demo turns it on). From its time
    (21:00) until the day ends it speaks in the window's banner, so a test that reads the banner
    for something else would pass or fail by the hour it runs at."""
    from dataclasses import replace

    from recovery_journal.services.settings import load_settings, save_settings

    vault = reopen(path)
    try:
        save_settings(vault, replace(load_settings(vault), reminder_on=False))
    finally:
        vault.close()


def persons_today() -> date:
    """Today as the app counts it with the default day boundary: at 01:00 it is still yesterday.
    Demo histories end there, so a test run after midnight sees the same days as one run at noon
    (date.today() made two tests fail between 00:00 and 04:00)."""
    return journal_day(datetime.now().astimezone())
