"""The window's side of 'remember my passphrase': every keychain call off the GUI thread.

Each call goes through ``keychain.in_background`` and answers through ``when_done``, so a slow or
silent keychain never freezes a window: past its timeout it counts as not there.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from recovery_journal.services import keychain as keychains
from recovery_journal.ui.bridge import when_done
from recovery_journal.ui.ui_state import (
    is_marked_remembered,
    keychain_refused,
    mark_keychain_refused,
    mark_remembered,
)

if TYPE_CHECKING:
    from recovery_journal.passphrase import RawKey

OnError = Callable[[BaseException], Any]


class RememberedPassphrase(QObject):
    found = Signal(bool)  # whether a real keychain is there (asked once, at start)

    def __init__(
        self, vault_path: Path, derive: Callable[[str], RawKey], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.vault_path = vault_path
        self._derive = derive
        self._keychain: keychains.Keychain | None = None
        self.available: bool | None = None  # None while the keychain is being looked for

    def look_for_keychain(self) -> None:
        when_done(
            keychains.in_background(keychains.find_keychain),
            self._found,
            lambda _error: self._found(None),
        )

    def _found(self, keychain: keychains.Keychain | None) -> None:
        if keychain is not None and keychain_refused(keychain.name):
            keychain = None  # it could not keep a key before: not offered again
        self._keychain = keychain
        self.available = keychain is not None
        self.found.emit(self.available)

    @property
    def remembered(self) -> bool:
        return bool(self.available) and is_marked_remembered(self.vault_path)

    def recall(self, on_key: Callable[[RawKey | None], Any], on_error: OnError) -> None:
        keychain, path = self._keychain, self.vault_path
        if keychain is None:
            on_key(None)
            return
        when_done(keychains.in_background(lambda: keychain.recall(path)), on_key, on_error)

    def remember(self, passphrase: str, on_done: Callable[[bool], Any], on_error: OnError) -> None:
        """Derive this vault's key from ``passphrase`` and keep it in the keychain."""
        keychain, path, derive = self._keychain, self.vault_path, self._derive
        if keychain is None:
            on_done(False)
            return

        def job() -> bool:
            key = derive(passphrase)
            try:
                keychain.remember(path, key)
            except Exception as error:  # noqa: BLE001 - said in a sentence, never raised further
                raise keychains.KeychainCannotStore(str(error)) from error
            return True

        def refused(error: BaseException) -> None:
            if isinstance(error, keychains.KeychainCannotStore):
                mark_keychain_refused(keychain.name)
                self._found(None)
            on_error(error)

        def done(_ok: bool) -> None:
            mark_remembered(path, True)
            on_done(True)

        when_done(keychains.in_background(job), done, refused)

    def forget(self, on_done: Callable[[bool], Any], on_error: OnError) -> None:
        """Remove the key from the keychain; the mark goes at once, so it is never used again."""
        keychain, path = self._keychain, self.vault_path
        mark_remembered(path, False)
        if keychain is None:
            on_done(True)
            return
        when_done(
            keychains.in_background(lambda: keychain.forget(path)),
            lambda _r: on_done(True),
            on_error,
        )
