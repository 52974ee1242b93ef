"""Start-up: the first window comes before everything it does not need (issues 10 and 25).

Not timed (a slow machine must not fail CI): what is checked is what was imported, and whether
Qt's namespace was made, by the time the first window is on screen; that the launcher reads the
window's options as the full parser does; that what waits for the first window still happens;
and that the deferred part still fails closed. The times are tools/bench.py's.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtWidgets import QApplication, QMessageBox

import recovery_journal.store.vault_file as vault_file
from recovery_journal import store_access
from recovery_journal.errors import CipherUnavailable
from recovery_journal.ui.app import AppController
from tests.conftest import TEST_KDF

ROOT = Path(__file__).resolve().parents[1]

# Starts the app in a fresh process as `recovery-journal` does and, once the first window is
# exposed, says which of the heavy modules were already imported.
PROBE = ROOT / "tools" / "first_window_probe.py"

HEAVY = [
    "sqlcipher3",
    "recovery_journal.store",
    "recovery_journal.domain.ports",
    "recovery_journal.domain.search",
    "recovery_journal.services.worker",
    "recovery_journal.ui.main_window",
    "recovery_journal.ui.reminder",
    "recovery_journal.ui.auto_lock",
    # PySide6.QtDBus is not here: a second launch must show no window, so the first copy is
    # found on the session bus before it (ui/single_instance.py; about 2 ms in all).
    "keyring",
    "matplotlib",
    "Stemmer",
    # The passphrase's strength: zxcvbn builds its frequency lists on import (about 0.1 s).
    "zxcvbn",
    "recovery_journal.passphrase_guesses",
    # Issue 25: the command line's parser and commands (the launcher reads the window's options
    # itself), importlib.resources (the package's own folder is read directly), the threads'
    # futures, the dark theme's style (only when one of our looks is chosen).
    "recovery_journal.cli",
    "recovery_journal.cli_args",
    "recovery_journal.cli_commands",
    "importlib.resources",
    "concurrent.futures",
    "recovery_journal.ui.themes",
]
# What the unlock dialog, every start's first window but the first, does without as well: the
# first-run dialog with its passphrase rating, the pages' widgets, the screen-reader names (made
# before the first combo box, calendar or tool bar; the unlock dialog has none).
NOT_FOR_UNLOCKING = [
    "recovery_journal.ui.welcome_dialog",
    "recovery_journal.passphrase",
    "recovery_journal.ui.passphrase_rater",
    "recovery_journal.ui.widgets",
    "recovery_journal.ui.accessibility",
    "recovery_journal.ui.dates",
    "dataclasses",
]


@pytest.mark.parametrize("exists", [True, False], ids=["unlock", "create"])
def test_the_first_window_shows_before_the_storage_the_pages_and_the_keychain_load(
    tmp_path, exists
):
    vault = tmp_path / "journal.rjvault"
    if exists:
        vault.write_bytes(os.urandom(4096))  # never opened before the dialog: any file will do
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    watched = HEAVY + NOT_FOR_UNLOCKING if exists else HEAVY
    result = subprocess.run(
        [sys.executable, str(PROBE), repr(time.time()), str(vault), json.dumps(watched)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    assert lines, result.stdout + result.stderr
    shown = json.loads(lines[-1])
    assert shown["window"] == ("UnlockDialog" if exists else "CreateVaultDialog")
    assert shown["imported"] == []
    # Qt's namespace (``Qt.``) is about 20 ms of enums, made on its first touch: after the first
    # window (ui/start_order.py).
    assert shown["qt_namespace"] is False


def test_a_missing_cipher_found_after_the_dialog_shows_closes_it_with_one_sentence(
    qapp, qtbot, tmp_path, monkeypatch
):
    said: list[str] = []
    exited: list[int] = []

    def no_cipher():
        raise CipherUnavailable("sqlcipher3 cannot be loaded: test")

    monkeypatch.setattr(store_access, "load_store", no_cipher)
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: said.append(text))
    monkeypatch.setattr(QApplication, "exit", staticmethod(lambda code=0: exited.append(code)))
    monkeypatch.setattr(vault_file, "KDF_ITERATIONS", TEST_KDF)
    controller = AppController(qapp, tmp_path / "journal.rjvault")
    dialog = controller.start()
    try:
        qtbot.waitUntil(lambda: exited == [1], timeout=5_000)
        assert not dialog.isVisible()
        assert len(said) == 1
        assert said[0].startswith("The encryption library is missing")
        assert said[0].endswith("Reinstall Recovery Journal.")
    finally:
        if shiboken6.isValid(dialog):
            dialog.close()
        controller.shutdown()


# --- the launcher reads the window's options as the parser does -----------------------------

WINDOW_ONLY = [
    [],
    ["--background"],
    ["--vault", "/tmp/j.rjvault"],
    ["--vault=/tmp/j.rjvault"],
    ["--vault", "~/j.rjvault", "--background"],
    ["--background", "--vault", "relative/j.rjvault"],
    ["--vault", ""],
    ["--vault", "журнал.rjvault"],
]
FOR_THE_PARSER = [
    ["--help"],
    ["--version"],
    ["summary"],
    ["--vault", "j.rjvault", "summary"],
    ["--vault"],
    ["--vault", "-x"],
    ["--vault", "a", "--vault", "b"],
    ["--background", "--background"],
    ["--vau", "j.rjvault"],  # an abbreviation, which argparse takes
    ["--back"],
    ["--passphrase-file", "f"],
    ["--", "x"],
    ["-h"],
]


@pytest.mark.parametrize("arguments", WINDOW_ONLY, ids=repr)
def test_the_launcher_opens_the_window_on_the_vault_the_parser_would(arguments):
    from recovery_journal.cli import build_parser, cmd_gui
    from recovery_journal.cli_args import vault_path
    from recovery_journal.launch import vault_at, window_arguments

    parsed = build_parser().parse_args(arguments)
    assert parsed.handler is cmd_gui
    window = window_arguments(arguments)
    assert window is not None
    assert vault_at(window[0]) == vault_path(parsed)
    assert window[1] == parsed.background


@pytest.mark.parametrize("arguments", FOR_THE_PARSER, ids=repr)
def test_anything_else_goes_to_the_full_parser(arguments):
    from recovery_journal.launch import window_arguments

    assert window_arguments(arguments) is None


def test_the_installed_command_and_python_m_start_from_the_launcher():
    import tomllib

    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts["recovery-journal"] == "recovery_journal.launch:main"
    assert (
        "from recovery_journal.launch import main"
        in (ROOT / "recovery_journal" / "__main__.py").read_text()
    )


def test_a_subcommand_through_the_launcher_is_the_command_line(tmp_path, capsys):
    from recovery_journal.launch import main

    # The parser's own words: the launcher handed it over.
    assert main(["--vault", str(tmp_path / "none.rjvault"), "summary"]) == 2
    assert "recovery-journal: No passphrase given" in capsys.readouterr().err


def test_no_display_through_the_launcher_is_one_sentence(monkeypatch, capsys):
    from recovery_journal.launch import main

    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    assert main([]) == 1
    err = capsys.readouterr().err
    assert err.startswith("recovery-journal: No display found")
    assert err.count("\n") == 1


# --- what the first window leaves for later still happens -----------------------------------


def test_the_passphrase_field_keeps_out_of_input_method_history_without_being_told(qapp):
    from PySide6.QtCore import Qt

    from recovery_journal.ui.vault_dialogs import passphrase_field

    # Qt sets these with the password echo mode: the field no longer sets them itself.
    hints = passphrase_field().inputMethodHints()
    for hint in (
        Qt.InputMethodHint.ImhHiddenText,
        Qt.InputMethodHint.ImhSensitiveData,
        Qt.InputMethodHint.ImhNoPredictiveText,
    ):
        assert hints & hint


@pytest.mark.parametrize("exists", [True, False], ids=["unlock", "create"])
def test_the_first_windows_sentences_become_selectable_once_it_is_shown(
    qapp, qtbot, tmp_path, exists
):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    vault = tmp_path / "journal.rjvault"
    if exists:
        vault.write_bytes(os.urandom(4096))
    controller = AppController(qapp, vault)
    dialog = controller.start()
    try:
        # They were selectable from the start before; now they become so once it is shown.
        paragraphs = [dialog.findChild(QLabel, name) for name in ("location", "status")]
        assert all(paragraphs)

        def selectable() -> bool:
            return all(
                label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
                for label in paragraphs
            )

        qtbot.waitUntil(selectable, timeout=2_000)
    finally:
        dialog.close()
        controller.shutdown()
