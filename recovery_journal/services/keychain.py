"""'Remember my passphrase on this computer': the vault's raw key in the OS keychain.

Only a real keychain will do (the Secret Service or KWallet on Linux, the macOS Keychain, the
Windows Credential Manager): keyring's plaintext, null and fail backends, and its chainer (which
may fall through to one of them), are never used, so the key is never written anywhere the
person did not expect. What is stored is the derived raw key of one vault, never the passphrase.

Every call here can block (D-Bus, a keychain asking to be unlocked): callers run them through
``in_background``, which answers within a timeout whatever the keychain does.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from recovery_journal.errors import JournalError
from recovery_journal.i18n import _

if TYPE_CHECKING:
    from concurrent.futures import Future

    from recovery_journal.passphrase import RawKey

T = TypeVar("T")

SERVICE = "Recovery Journal"
TIMEOUT_SECONDS = 15.0  # long enough for a keychain that asks its own password first
NO_KEYCHAIN_VARIABLE = "RECOVERY_JOURNAL_NO_KEYCHAIN"  # set: never look (tests, kiosks)

# Modules of keyring's backends that keep secrets in the operating system's own keychain.
REAL_KEYCHAINS = (
    "keyring.backends.SecretService",
    "keyring.backends.libsecret",
    "keyring.backends.kwallet",
    "keyring.backends.macOS",
    "keyring.backends.Windows",
)


class KeychainProblem(JournalError):
    def message(self) -> str:
        return _(
            "The system keychain did not answer, so the passphrase is not remembered; "
            "type it to unlock."
        )


class KeychainCannotStore(JournalError):
    """Said in the open journal: the passphrase was to be remembered and could not be."""

    def message(self) -> str:
        return _(
            "The system keychain could not keep your passphrase, so it is not remembered; "
            "you will type it when you next unlock."
        )


def is_real_keychain(backend: Any) -> bool:
    module = type(backend).__module__
    if not any(module == name or module.startswith(name + ".") for name in REAL_KEYCHAINS):
        return False
    try:
        return float(backend.priority) >= 1
    except Exception:  # keyring's way of saying "not usable here" is to raise from priority
        return False


class Keychain:
    """One vault's entry in one real keychain backend (blocking calls)."""

    def __init__(self, backend: Any) -> None:
        self.backend = backend

    @property
    def name(self) -> str:
        """Which keychain this is (its keyring backend), to remember that it refused once."""
        kind = type(self.backend)
        return f"{kind.__module__}.{kind.__qualname__}"

    @staticmethod
    def account(vault: Path) -> str:
        return str(Path(vault).resolve())

    def remember(self, vault: Path, key: RawKey) -> None:
        self.backend.set_password(SERVICE, self.account(vault), key.hex)

    def recall(self, vault: Path) -> RawKey | None:
        stored = self.backend.get_password(SERVICE, self.account(vault))
        if not stored:
            return None
        try:
            from recovery_journal.passphrase import RawKey

            return RawKey(str(stored))
        except ValueError:  # not something we wrote: treat it as missing
            return None

    def forget(self, vault: Path) -> None:
        from keyring.errors import PasswordDeleteError

        try:
            self.backend.delete_password(SERVICE, self.account(vault))
        except PasswordDeleteError:
            pass  # nothing was remembered: forgotten already


def find_keychain() -> Keychain | None:
    """The highest-priority real keychain on this computer, or None (then nothing is offered)."""
    if os.environ.get(NO_KEYCHAIN_VARIABLE):
        return None
    try:
        from keyring.backend import get_all_keyring
    except ImportError:
        return None
    try:
        backends = [backend for backend in get_all_keyring() if is_real_keychain(backend)]
    except Exception:
        return None
    if not backends:
        return None
    # Nothing is read here: reading unlocks a locked keychain, which asks for its password, at
    # every start, of people who never ticked the box.
    return Keychain(max(backends, key=lambda backend: float(backend.priority)))


def in_background(job: Callable[[], T], timeout: float | None = None) -> Future[T]:
    """Run ``job`` on its own daemon thread; the future settles within ``timeout`` seconds.

    A keychain that hangs (a D-Bus service that never answers) fails the future with
    KeychainProblem instead, and its thread, being a daemon, never keeps the app from quitting.
    """
    from concurrent.futures import Future  # here: the first window does not need it

    future: Future[T] = Future()
    settle = threading.Lock()

    def finish(result: Any = None, error: BaseException | None = None) -> None:
        with settle:
            if future.done():
                return
            if error is None:
                future.set_result(result)
            else:
                future.set_exception(error)

    def run() -> None:
        try:
            result = job()
        except BaseException as error:  # handed to the caller, never raised on this thread
            finish(error=error if isinstance(error, JournalError) else KeychainProblem(str(error)))
        else:
            finish(result)

    seconds = TIMEOUT_SECONDS if timeout is None else timeout
    timer = threading.Timer(seconds, lambda: finish(error=KeychainProblem("timed out")))
    timer.daemon = True
    timer.start()
    future.add_done_callback(lambda _future: timer.cancel())
    threading.Thread(target=run, name="keychain", daemon=True).start()
    return future
