"""Everything that can go wrong with a vault, each with one calm sentence for the person.

The sentences are produced when shown (``message()``), so they come out in the language chosen then.
"""

from __future__ import annotations

import errno
from pathlib import Path

from recovery_journal.i18n import _


class JournalError(Exception):
    """An expected failure with a sentence for the person; never shown as a traceback."""

    def message(self) -> str:
        return str(self)


class UsageError(JournalError):
    """The command line was given something it cannot use (exit code 2)."""


class VaultError(JournalError):
    def __init__(self, path: Path | str, detail: str = "") -> None:
        super().__init__(f"{path}: {detail}" if detail else str(path))
        self.path = Path(path)
        self.detail = detail


class VaultMissing(VaultError):
    def message(self) -> str:
        return _("There is no vault at {path}. Create one first, or choose another file.").format(
            path=self.path
        )


class VaultExists(VaultError):
    def message(self) -> str:
        return _("A file already exists at {path}; nothing was changed.").format(path=self.path)


class WrongPassphrase(VaultError):
    """No page opens with this key. SQLCipher cannot tell a wrong passphrase from a damaged key
    salt (the file's first 16 bytes) or a file of random bytes; a typo is far likelier, so the
    sentence says so first, and only where told (the CLI, the window's second try) adds that
    the file may be damaged, with what is known of the newest restore point."""

    def __init__(self, path: Path | str, detail: str = "") -> None:
        super().__init__(path, detail)
        self.damage_hint = False
        self.newest_backup = ""  # when it was made, written for the person
        self.newest_path: Path | None = None
        self.before_change = False  # the newest restore point was made before a passphrase change

    def with_damage_hint(
        self, newest_backup: str = "", newest_path: Path | None = None, before_change: bool = False
    ) -> WrongPassphrase:
        hinted = WrongPassphrase(self.path, self.detail)
        hinted.damage_hint = True
        hinted.newest_backup = newest_backup
        hinted.newest_path = newest_path
        hinted.before_change = before_change and bool(newest_backup)
        return hinted

    def message(self) -> str:
        wrong = _(
            "That passphrase does not open this vault. Check the keyboard layout and Caps Lock, "
            "then try again."
        )
        if not self.damage_hint:
            return wrong
        if self.before_change:
            # Most likely the passphrase from before a change, typed out of habit.
            hint = _(
                "Your newest backup, from {when}, was made just before a passphrase change: if "
                "the change went through, the vault opens only with the new passphrase."
            ).format(when=self.newest_backup)
        elif self.newest_backup and self.newest_path is not None:
            hint = _(
                "If you are sure of the passphrase, the file itself may be damaged; your newest "
                "backup, from {when}, is {path}."
            ).format(when=self.newest_backup, path=self.newest_path)
        elif self.newest_backup:
            hint = _(
                "If you are sure of the passphrase, the file itself may be damaged; your newest "
                "backup is from {when}."
            ).format(when=self.newest_backup)
        else:
            hint = _(
                "If you are sure of the passphrase, the file itself may be damaged; restore it "
                "from a backup if you have one."
            )
        return f"{wrong} {hint}"


class NewestBackupNotOpened(JournalError):
    """The passphrase that did not open the vault does not open its newest backup either."""

    def message(self) -> str:
        return _(
            "Your newest backup does not open with this passphrase either, so it is most likely "
            "the passphrase that differs; nothing was changed. Check the keyboard layout and "
            "Caps Lock, then try again."
        )


class NotAVault(VaultError):
    def message(self) -> str:
        if self.detail == "missing":
            return _("There is no file at {path}; choose the backup file again.").format(
                path=self.path
            )
        if self.detail == "folder":
            return _("{path} is a folder, not a journal file; choose the file itself.").format(
                path=self.path
            )
        if self.detail == "empty":
            return _(
                "{path} is an empty file, not a vault; it was left untouched. If you expected "
                "your journal here, restore it from a backup."
            ).format(path=self.path)
        if self.detail == "plain-sqlite":
            return _(
                "{path} is an unencrypted SQLite database, not a Recovery Journal vault; "
                "it was left untouched."
            ).format(path=self.path)
        if self.detail == "foreign":
            return _(
                "{path} is an encrypted database made by another program, not a Recovery "
                "Journal vault; it was left untouched."
            ).format(path=self.path)
        return _(
            "{path} is not a Recovery Journal vault, or it has been cut short; it was left "
            "untouched. Choose the right file or restore it from a backup."
        ).format(path=self.path)


class VaultDamaged(VaultError):
    def message(self) -> str:
        return _(
            "The vault at {path} is damaged or has been tampered with; it was left as it is. "
            "Restore it from a backup, and keep this file in case it can be repaired."
        ).format(path=self.path)


class SyncFileOtherPassphrase(VaultError):
    """A file in the shared folder that this computer's key for the folder does not open: the
    passphrase was changed on the computer that wrote it."""

    def message(self) -> str:
        return _(
            "The journal written on another computer ({name}) does not open with the passphrase "
            "this computer knows. If you changed the passphrase there, type the new one here."
        ).format(name=self.path.name)


class SyncFileDamaged(VaultError):
    """A file in the shared folder cut short or damaged: being copied still, most likely."""

    def message(self) -> str:
        return _(
            "{name} in the shared folder is incomplete or damaged, so it was skipped; it is read "
            "again at the next exchange, once the sync program has finished copying it."
        ).format(name=self.path.name)


class SyncFileForeign(VaultError):
    def message(self) -> str:
        return _(
            "{name} in the shared folder is not a Recovery Journal file, so it was skipped."
        ).format(name=self.path.name)


class VaultUnreadable(VaultError):
    def message(self) -> str:
        return _(
            "The vault at {path} could not be read or written ({reason}); check the disk and the "
            "file's permissions, then try again."
        ).format(path=self.path, reason=self.detail)


class DiskFull(VaultError):
    """The disk is full where something was to be written; whatever was there is as it was.

    ``detail`` is "output" when the file being written is not the vault (an export, a backup
    elsewhere); otherwise the vault's own disk is full.
    """

    def message(self) -> str:
        if self.detail == "output":
            return _(
                "The disk is full where {path} was to be written, so nothing was written there. "
                "Free some space or choose another disk."
            ).format(path=self.path)
        return _(
            "The disk holding your journal ({path}) is full, so nothing was changed. Free some "
            "space, or copy the journal to another disk."
        ).format(path=self.path)


class ReadOnlyVault(VaultError):
    """Nothing can be written where the vault is; it can still be read. ``detail`` says why:
    "folder" (a read-only folder or disk), "file" (the file itself is read-only), "old" (its
    format needs an upgrade, which writes) or "wal" (changes not yet folded into the file
    wait beside it, and a read-only folder keeps SQLite from reading them)."""

    def message(self) -> str:
        if self.detail == "file":
            return _(
                "The journal file {path} is read-only, so nothing can be saved to it; nothing was "
                "changed. You can still read it, export it or back it up to another place."
            ).format(path=self.path)
        if self.detail == "old":
            return _(
                "The journal at {path} was made by an older version and must be upgraded before "
                "it can be read, which cannot be done in a read-only place. Copy it to a "
                "writable folder and open it there."
            ).format(path=self.path)
        if self.detail == "wal":
            return _(
                "The last changes to the journal at {path} are in the file beside it ending in "
                "-wal, which cannot be read in a read-only folder. Copy the journal together "
                "with the files beside it to a writable folder and open it there."
            ).format(path=self.path)
        return _(
            "The journal at {path} is in a read-only folder or disk, so nothing can be saved "
            "there; nothing was changed. You can still read it, export it or back it up to "
            "another place."
        ).format(path=self.path)


def disk_problem(
    error: OSError, path: Path | str | None = None, *, vault: bool = False
) -> JournalError | None:
    """The sentence for a file write that failed for lack of space or a read-only disk, if so.

    ``path``: the file the person asked for (an export's name rather than its hidden temporary
    one); ``vault``: the failed write was the vault's own (a backup beside it, a restore point).
    """
    path = path or error.filename
    if path is None:
        return None
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFull(path) if vault else DiskFull(path, "output")
    if error.errno == errno.EROFS and vault:
        return ReadOnlyVault(path, "folder")
    return None


def reading_only_notice(reason: JournalError) -> str:
    """The line the window shows when the vault opened for reading only, for ``reason``."""
    if isinstance(reason, DiskFull):
        return _(
            "Open for reading only: the disk holding your journal is full, so nothing you change "
            "here can be saved. Free some space, then lock and unlock to write again; or export "
            "it or back it up to another disk from the Journal menu."
        )
    if isinstance(reason, ReadOnlyVault) and reason.detail == "file":
        return _(
            "Open for reading only: the journal file is read-only, so nothing you change here can "
            "be saved. You can export it or back it up to another place from the Journal menu."
        )
    return _(
        "Open for reading only: the journal is in a read-only folder or disk, so nothing you "
        "change here can be saved. You can export it or back it up to another place from the "
        "Journal menu."
    )


class VaultTooNew(VaultError):
    def __init__(self, path: Path | str, found: int, supported: int) -> None:
        super().__init__(path, f"schema {found} > {supported}")
        self.found = found
        self.supported = supported

    def message(self) -> str:
        return _(
            "This vault was written by a newer version of Recovery Journal; update the app to "
            "open it. The vault was not changed."
        )


class VaultBusy(VaultError):
    def message(self) -> str:
        return _(
            "The vault at {path} is open in another copy of Recovery Journal or another "
            "program; close it there and try again."
        ).format(path=self.path)


class CipherUnavailable(JournalError):
    def message(self) -> str:
        return _(
            "The encryption library is missing or incomplete ({detail}); the app will not open "
            "a vault without it. Reinstall Recovery Journal."
        ).format(detail=str(self))


class ImportRejected(JournalError):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason

    def message(self) -> str:
        return _("{reason}; nothing was imported.").format(reason=self.reason)


class SavingSlow(JournalError):
    """A save did not finish in the time a save takes; it may still finish."""

    def message(self) -> str:
        return _(
            "Saving is taking longer than it should; what you wrote is still here. Please try "
            "again in a moment."
        )


class PassphraseRejected(JournalError):
    """A new passphrase that does not meet the minimum; the message says what to change."""


def _chosen_name(filename: object) -> Path | None:
    # Files are written beside their final name first (".export.json.writing-1a2b3c4d") and
    # moved into place whole; a refusal names that hidden copy, but the person chose the final
    # name. Imported here, not above: errors are imported before the first window, this is not.
    from recovery_journal.temporaries import target_of

    if not isinstance(filename, str | Path) or not str(filename):
        return None
    return target_of(Path(filename))


def os_error_sentence(error: OSError) -> str:
    """One sentence for a file or folder the system refused, naming the place the person chose
    rather than repeating the system's words (or the name of an exception)."""
    path = _chosen_name(error.filename)
    if path is None:
        return _("The operation failed: {reason}.").format(
            reason=error.strerror or _("the system refused it")
        )
    code = error.errno
    if code == errno.ENOENT and not path.parent.is_dir():
        return _("The folder {folder} does not exist; choose another place.").format(
            folder=path.parent
        )
    if code == errno.ENOENT:
        return _("There is no file at {path}.").format(path=path)
    if code in (errno.EACCES, errno.EPERM):
        return _(
            "Permission to use {path} was refused; choose another place, or check the "
            "permissions of the file and its folder."
        ).format(path=path)
    if code == errno.EISDIR or (code == errno.EEXIST and path.is_dir()):
        return _("{path} is a folder, not a file; choose a file name.").format(path=path)
    if code == errno.ENOTDIR:
        return _("Part of {path} is a file where a folder should be; choose another place.").format(
            path=path
        )
    if code == errno.EROFS:
        return _("{path} is on a disk that cannot be written to; choose another place.").format(
            path=path
        )
    if code in (errno.ENOSPC, errno.EDQUOT):
        return DiskFull(path, "output").message()
    return _("{path} could not be used ({reason}); choose another place or try again.").format(
        path=path, reason=error.strerror or _("the system refused it")
    )
