"""'Remember my passphrase': only a real keychain, only the raw key, every call off the GUI thread.

The GUI tests put in a keyring backend of their own (a dict in memory); one test runs against a
real Secret Service (gnome-keyring on a private D-Bus session) and is skipped, with its reason,
where none can be started.
"""
# ruff: noqa: F811 - the controllers fixture is imported from test_ui and used as an argument

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

from recovery_journal.errors import WrongPassphrase
from recovery_journal.passphrase import RawKey
from recovery_journal.services import keychain as keychains
from recovery_journal.services.keychain import (
    Keychain,
    KeychainProblem,
    in_background,
    is_real_keychain,
)
from recovery_journal.services.keychain import find_keychain as real_find_keychain
from recovery_journal.store import create_vault, derive_raw_key, open_vault
from recovery_journal.ui.ui_state import is_marked_remembered
from tests.conftest import PASSPHRASE, TEST_KDF, private_session_bus
from tests.test_ui import controllers, settle, start  # noqa: F401

NEW_PASSPHRASE = "seven quiet river stones"


class MemoryKeyring(KeyringBackend):
    """A keychain in a dict, standing in for the OS one."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}
        self.delay = 0.0

    def get_password(self, service: str, username: str) -> str | None:
        time.sleep(self.delay)
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.entries.pop((service, username), None) is None:
            raise PasswordDeleteError("not there")


@pytest.fixture
def memory_keyring(monkeypatch) -> MemoryKeyring:
    backend = MemoryKeyring()
    monkeypatch.setattr(keychains, "find_keychain", lambda: Keychain(backend))
    return backend


@pytest.fixture
def vault(vault_path) -> Path:
    create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF).close()
    return vault_path


def _unlock_typing(qtbot, controller, dialog, passphrase=PASSPHRASE, remember=True):
    qtbot.waitUntil(lambda: controller.remembered.available is not None, timeout=10_000)
    if remember is not None:
        qtbot.waitUntil(lambda: not dialog.remember.isHidden(), timeout=5_000)
        dialog.remember.setChecked(remember)
    dialog.passphrase.setText(passphrase)
    dialog.unlock_button.click()
    qtbot.waitUntil(lambda: controller.window is not None, timeout=10_000)
    settle(qtbot, controller)
    return controller.window


def _settings_text(home: Path) -> str:
    return "".join(p.read_text(errors="replace") for p in home.rglob("*.conf"))


# --- which keychains count -----------------------------------------------------------------------


def _backend_from(module: str, priority: float | None) -> object:
    def raising(self):
        raise RuntimeError("not here")

    namespace = {"priority": property(raising) if priority is None else priority}
    kind = type("Keyring", (), namespace)
    kind.__module__ = module
    return kind()


def test_only_a_real_os_keychain_is_used():
    from keyring.backends import chainer, fail, null

    assert not is_real_keychain(fail.Keyring())
    assert not is_real_keychain(null.Keyring())
    assert not is_real_keychain(chainer.ChainerBackend())
    assert not is_real_keychain(_backend_from("keyrings.alt.file", 5))  # plaintext file
    assert not is_real_keychain(_backend_from("keyring.backends.SecretService", None))
    assert not is_real_keychain(_backend_from("keyring.backends.SecretService", 0.5))
    assert is_real_keychain(_backend_from("keyring.backends.SecretService", 5))
    assert is_real_keychain(_backend_from("keyring.backends.Windows", 5))


def test_the_derived_raw_key_opens_the_vault_and_a_stale_one_does_not(vault):
    key = derive_raw_key(vault, PASSPHRASE, kdf_iterations=TEST_KDF)
    assert key.hex not in repr(key) and PASSPHRASE not in key.hex
    open_vault(vault, key, kdf_iterations=TEST_KDF).close()
    stale = derive_raw_key(vault, NEW_PASSPHRASE, kdf_iterations=TEST_KDF)
    with pytest.raises(WrongPassphrase):
        open_vault(vault, stale, kdf_iterations=TEST_KDF)
    with pytest.raises(ValueError):
        RawKey("not hex")


def test_a_keychain_that_never_answers_times_out():
    release = threading.Event()
    started = time.monotonic()
    future = in_background(lambda: release.wait(30), timeout=0.2)
    with pytest.raises(KeychainProblem):
        future.result(timeout=5)
    assert time.monotonic() - started < 2
    release.set()


# --- in the window ------------------------------------------------------------------------------


def test_remembered_key_unlocks_at_start_and_is_the_raw_key_not_the_passphrase(
    qapp, qtbot, controllers, vault, memory_keyring
):
    controller, dialog = start(qapp, controllers, vault)
    _unlock_typing(qtbot, controller, dialog)
    qtbot.waitUntil(lambda: bool(memory_keyring.entries), timeout=10_000)
    (stored,) = memory_keyring.entries.values()
    assert stored == derive_raw_key(vault, PASSPHRASE, kdf_iterations=TEST_KDF).hex
    assert PASSPHRASE not in stored
    assert is_marked_remembered(vault)
    qtbot.waitUntil(lambda: controller.window.forget_action.isEnabled(), timeout=5_000)
    home = Path(os.environ["HOME"])
    assert PASSPHRASE not in _settings_text(home) and stored not in _settings_text(home)
    controller.window.close()
    controller.shutdown()

    # Next start: no typing at all.
    again, dialog = start(qapp, controllers, vault)
    qtbot.waitUntil(lambda: again.window is not None, timeout=10_000)
    assert dialog.passphrase.text() == ""

    # Forgetting is one click.
    again.window.forget_action.trigger()
    qtbot.waitUntil(lambda: not again.window.forget_action.isEnabled(), timeout=5_000)
    assert not memory_keyring.entries and not is_marked_remembered(vault)
    assert "forgotten" in again.window.banner.text()
    again.window.close()
    again.shutdown()
    third, dialog = start(qapp, controllers, vault)
    qtbot.waitUntil(lambda: not dialog.remember.isHidden(), timeout=10_000)
    assert not dialog.remember.isChecked() and dialog.use_remembered.isHidden()
    assert third.window is None


def test_a_stale_entry_falls_back_to_the_prompt_and_is_replaced(
    qapp, qtbot, controllers, vault, memory_keyring
):
    controller, dialog = start(qapp, controllers, vault)
    _unlock_typing(qtbot, controller, dialog)
    qtbot.waitUntil(lambda: bool(memory_keyring.entries), timeout=10_000)
    right = next(iter(memory_keyring.entries.values()))
    controller.window.close()
    controller.shutdown()
    (account,) = memory_keyring.entries
    memory_keyring.entries[account] = derive_raw_key(
        vault, "an older passphrase", kdf_iterations=TEST_KDF
    ).hex

    again, dialog = start(qapp, controllers, vault)
    qtbot.waitUntil(lambda: "no longer opens" in dialog.status.text(), timeout=10_000)
    assert again.window is None and dialog.remember.isChecked()
    _unlock_typing(qtbot, again, dialog, remember=None)
    qtbot.waitUntil(lambda: memory_keyring.entries[account] == right, timeout=10_000)


def test_the_entry_follows_a_passphrase_change(qapp, qtbot, controllers, vault, memory_keyring):
    controller, dialog = start(qapp, controllers, vault)
    _unlock_typing(qtbot, controller, dialog)
    qtbot.waitUntil(lambda: bool(memory_keyring.entries), timeout=10_000)
    controller.change_passphrase(PASSPHRASE, NEW_PASSPHRASE)
    new_key = derive_raw_key(vault, NEW_PASSPHRASE, kdf_iterations=TEST_KDF).hex
    qtbot.waitUntil(lambda: new_key in memory_keyring.entries.values(), timeout=20_000)
    assert "new one" in controller.window.banner.text()


def test_a_silent_keychain_leaves_the_prompt_working(
    qapp, qtbot, controllers, vault, memory_keyring, monkeypatch
):
    controller, dialog = start(qapp, controllers, vault)
    _unlock_typing(qtbot, controller, dialog)
    qtbot.waitUntil(lambda: bool(memory_keyring.entries), timeout=10_000)
    controller.window.close()
    controller.shutdown()
    memory_keyring.delay = 30  # the keychain hangs (a D-Bus service that never answers)
    monkeypatch.setattr(keychains, "TIMEOUT_SECONDS", 0.3)

    started = time.monotonic()
    again, dialog = start(qapp, controllers, vault)
    qtbot.waitUntil(lambda: "did not answer" in dialog.status.text(), timeout=10_000)
    assert time.monotonic() - started < 5 and not dialog.is_busy
    _unlock_typing(qtbot, again, dialog, remember=None)


def test_without_a_keychain_nothing_is_offered(qapp, qtbot, controllers, vault):
    controller, dialog = start(qapp, controllers, vault)
    qtbot.waitUntil(lambda: controller.remembered.available is False, timeout=10_000)
    assert dialog.remember.isHidden() and dialog.use_remembered.isHidden()


# --- a real Secret Service ----------------------------------------------------------------------


def _forget_backends() -> None:
    """keyring looks for its backends once per process; make it look again."""
    from keyring.backend import get_all_keyring

    vars(get_all_keyring).pop("saved_result", None)


@pytest.fixture
def secret_service(tmp_path, monkeypatch):
    """gnome-keyring on a D-Bus session bus of the test's own, with a fresh login keyring."""
    if not shutil.which("gnome-keyring-daemon"):
        pytest.skip("no Secret Service can be started here: gnome-keyring is not installed")
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    env = dict(os.environ, XDG_RUNTIME_DIR=str(runtime))
    with contextlib.ExitStack() as cleanup:
        env["DBUS_SESSION_BUS_ADDRESS"] = cleanup.enter_context(
            private_session_bus("Secret Service", env)
        )
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        monkeypatch.delenv("PYTHON_KEYRING_BACKEND")
        monkeypatch.delenv(keychains.NO_KEYCHAIN_VARIABLE)
        keyring_daemon = subprocess.Popen(
            ["gnome-keyring-daemon", "--unlock", "--components=secrets", "--foreground"],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
        )
        cleanup.callback(keyring_daemon.wait, timeout=10)
        cleanup.callback(keyring_daemon.terminate)
        cleanup.callback(_forget_backends)
        assert keyring_daemon.stdin is not None
        keyring_daemon.stdin.write("login keyring of the test\n")
        keyring_daemon.stdin.close()
        _forget_backends()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            found = real_find_keychain()
            if found is not None:
                break
            _forget_backends()
            time.sleep(0.2)
        else:
            pytest.skip("no Secret Service can be started here: gnome-keyring did not answer")
        yield found


def test_a_real_secret_service_keeps_the_raw_key(secret_service, vault):
    keychain = secret_service
    assert type(keychain.backend).__module__ == "keyring.backends.SecretService"
    key = derive_raw_key(vault, PASSPHRASE, kdf_iterations=TEST_KDF)
    assert keychain.recall(vault) is None
    keychain.remember(vault, key)
    recalled = keychain.recall(vault)
    assert recalled == key
    open_vault(vault, recalled, kdf_iterations=TEST_KDF).close()
    keychain.forget(vault)
    assert keychain.recall(vault) is None
    keychain.forget(vault)  # forgetting twice is no error


def test_the_command_line_passphrase_change_updates_a_remembered_key(secret_service, vault_path):
    import sys

    create_vault(vault_path, PASSPHRASE).close()  # the command line derives keys as the app does
    secret_service.remember(vault_path, derive_raw_key(vault_path, PASSPHRASE))
    env = dict(
        os.environ,
        RECOVERY_JOURNAL_PASSPHRASE=PASSPHRASE,
        RECOVERY_JOURNAL_NEW_PASSPHRASE=NEW_PASSPHRASE,
    )
    done = subprocess.run(
        [sys.executable, "-m", "recovery_journal", "change-passphrase", "--vault", str(vault_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "remembered on this computer is updated" in done.stdout
    assert secret_service.recall(vault_path) == derive_raw_key(vault_path, NEW_PASSPHRASE)


def test_after_a_lock_the_remembered_passphrase_waits_for_a_click(
    qapp, qtbot, controllers, vault, memory_keyring
):
    controller, dialog = start(qapp, controllers, vault)
    _unlock_typing(qtbot, controller, dialog)
    qtbot.waitUntil(lambda: bool(memory_keyring.entries), timeout=10_000)
    controller.lock()
    qtbot.waitUntil(lambda: controller.window is None and controller.dialog is not dialog)
    locked = controller.dialog
    qtbot.waitUntil(lambda: locked.use_remembered.isVisible(), timeout=10_000)
    qtbot.wait(300)
    assert controller.window is None  # the lock is not undone by itself
    locked.use_remembered.click()
    qtbot.waitUntil(lambda: controller.window is not None, timeout=10_000)


def test_a_keychain_that_refuses_to_store_says_so_in_the_journals_words(
    qapp, qtbot, controllers, vault, memory_keyring
):
    def refuse(service, username, password):
        raise RuntimeError("write refused")

    memory_keyring.set_password = refuse
    controller, dialog = start(qapp, controllers, vault)
    _unlock_typing(qtbot, controller, dialog)
    window = controller.window
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=10_000)
    assert "not remembered" in window.banner.text()
    assert "to unlock" not in window.banner.text()  # the journal is open already
    assert not window.forget_action.isEnabled() and not is_marked_remembered(vault)
    window.close()
    controller.shutdown()

    # Next time the box is not offered by a keychain that refused (it was, to fail again)...
    again, dialog = start(qapp, controllers, vault)
    qtbot.waitUntil(lambda: again.remembered.available is not None, timeout=10_000)
    assert again.remembered.available is False and dialog.remember.isHidden()
    again.dialog.close()

    # ...and nothing is read from a keychain at start: a locked one would ask its password.
    reads: list[str] = []
    memory_keyring.get_password = lambda service, user: reads.append(user)
    third, dialog = start(qapp, controllers, vault)
    qtbot.waitUntil(lambda: third.remembered.available is not None, timeout=10_000)
    assert reads == []
