"""Start-up: the first window comes before everything it does not need (issue 10's cold start).

Not timed (a slow machine must not fail CI): what is checked is what was imported by the time
the unlock dialog is on screen, and that the deferred part still fails closed.
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
    result = subprocess.run(
        [sys.executable, str(PROBE), repr(time.time()), str(vault), json.dumps(HEAVY)],
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
