"""Files on their way into place: private temporaries, moves that never replace, and sweeping up.

Everything the app writes (a backup, a restore, an export, a PDF) goes first to a hidden name
beside its target and is moved into place whole. A kill between the two would leave the
temporary behind, and for an export that is the whole journal in plain text. So before a
temporary is made it is written down in a private list: one small file per temporary in the
per-user state folder, locked for as long as its writer lives. The next run of the app or of the
command line removes every temporary whose writer has gone (plain text first) and can say so.

No Qt, no storage: the store, the services and the command line all write through here.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from recovery_journal.i18n import _, ngettext
from recovery_journal.paths import unfinished_folder

# What a temporary is for, in its name: ".<target>.<purpose>-<8 hex>".
PURPOSES = ("writing", "restoring", "checking", "creating", "copying")
_TEMPORARY_NAME = re.compile(
    r"^\.(?P<target>.+)\.(?P<purpose>" + "|".join(PURPOSES) + r")-[0-9a-f]{8}$"
)
# SQLite's files beside a database, and our lock file: a temporary vault may have any of them.
SQLITE_SIDECARS = ("-wal", "-shm", "-journal")


if sys.platform == "win32":  # pragma: no cover - exercised on Windows builds only
    import msvcrt

    def try_lock(handle: IO[bytes]) -> bool:
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

else:
    import fcntl

    def try_lock(handle: IO[bytes]) -> bool:
        """An exclusive advisory lock, without waiting; the system drops it when we die."""
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True


def lock_path(vault: Path) -> Path:
    return vault.with_name(f".{vault.name}.lock")


@dataclass(frozen=True, slots=True)
class Leftover:
    """A temporary an earlier run left behind, now removed."""

    path: Path
    plain: bool  # it held words unencrypted (an export, a PDF)
    size: int

    @property
    def target_name(self) -> str:
        return target_of(self.path).name


def target_of(path: Path) -> Path:
    """The file a temporary was on its way to (".out.json.writing-0a1b2c3d" was for
    "out.json"); any other path as it is."""
    match = _TEMPORARY_NAME.match(path.name)
    return path.with_name(match["target"]) if match else path


def fsync_file(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def fsync_directory(directory: Path) -> None:
    if os.name == "posix":
        fsync_file(directory)


def remove_with_sidecars(path: Path) -> int:
    """Remove a temporary and whatever SQLite or we made beside it; the bytes removed."""
    removed = 0
    for leftover in (path, *(Path(f"{path}{s}") for s in SQLITE_SIDECARS), lock_path(path)):
        with contextlib.suppress(FileNotFoundError):
            removed += leftover.stat().st_size
            leftover.unlink()
    return removed


class _Entry:
    """One line of the list of unfinished writes: a file naming the temporary, locked while we
    live, so a later run knows both what to remove and that nobody is still writing it."""

    def __init__(self, temporary: Path, plain: bool) -> None:
        folder = unfinished_folder()
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        name = os.urandom(8).hex()
        # Made, locked and written under a name the sweep does not read, then renamed: a sweep
        # in another process never sees an entry it could lock before we do, or read half-way.
        making = folder / f"{name}.new"
        self.path = folder / f"{name}.json"
        descriptor = os.open(making, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o600)
        self._handle: IO[bytes] = os.fdopen(descriptor, "r+b")
        try:
            if not try_lock(self._handle):
                raise OSError(f"could not lock {making}")
            record = {"path": str(temporary.absolute()), "plain": plain}
            self._handle.write(json.dumps(record).encode("utf-8"))
            self._handle.flush()
            os.fsync(self._handle.fileno())
            os.rename(making, self.path)
            fsync_directory(folder)
        except BaseException:
            self._handle.close()
            making.unlink(missing_ok=True)
            raise

    def close(self) -> None:
        # Closed before it is removed: Windows refuses to remove a file that is open.
        self._handle.close()
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()


@contextlib.contextmanager
def temporary_beside(target: Path, purpose: str, *, plain: bool = False) -> Iterator[Path]:
    """A new, empty file beside ``target``, readable by the owner only, removed on leaving
    (with its sidecars) unless it was moved into place; written down first, so that a crash
    leaves nothing the next run does not sweep up. ``plain``: it will hold unencrypted words."""
    if purpose not in PURPOSES:
        raise ValueError(f"unknown purpose {purpose!r}")
    temporary = target.with_name(f".{target.name}.{purpose}-{os.urandom(4).hex()}")
    try:
        entry: _Entry | None = _Entry(temporary, plain)
    except OSError:
        # The list cannot be written (the disk holding the home folder is full, or it is
        # read-only): an export to another disk must still work. Only the sweep of the folders
        # beside the vault would find a leftover then.
        entry = None
    try:
        # Mode 0600 from the first byte: the file is never readable by others, even empty.
        os.close(os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        try:
            yield temporary
        finally:
            remove_with_sidecars(temporary)
    finally:
        if entry is not None:
            entry.close()


def other_names(target: Path) -> Iterator[Path]:
    """``target``, then "<stem> (2)<suffix>" and so on: the names a taken name gives way to."""
    yield target
    for number in range(2, 1000):
        yield target.with_name(f"{target.stem} ({number}){target.suffix}")


def place_new(
    source: Path, target: Path, *, other_name_if_taken: bool, keep_source: bool = False
) -> Path:
    """Move ``source`` to ``target`` without ever replacing a file there; the name used.

    A hard link fails if the name is taken, where a rename would quietly replace it. Taken,
    the name becomes "<stem> (2)<suffix>" and so on, or FileExistsError is raised. With
    ``keep_source`` the file keeps its old name too (OSError where links cannot be made).
    """
    for candidate in other_names(target) if other_name_if_taken else (target,):
        try:
            os.link(source, candidate)
        except FileExistsError:
            continue
        except OSError:
            if keep_source:
                raise
            # A file system without hard links (FAT on a memory stick): check, then rename.
            # Not atomic against another program making the same name at the same moment.
            if os.path.lexists(candidate):
                continue
            os.rename(source, candidate)
        else:
            if not keep_source:
                os.unlink(source)
        fsync_directory(candidate.parent)
        return candidate
    raise FileExistsError(target)


def replace_whole(temporary: Path, target: Path) -> None:
    """Move ``temporary`` over ``target`` in one step, then make the move itself durable."""
    os.replace(temporary, target)
    fsync_directory(target.parent)


# A temporary of ours this old, found in a folder but named in no list, has no writer left: it
# was left by a version that kept no list. The slowest backup or restore takes seconds.
STALE_SECONDS = 3600


def _stale_in(folders: Iterable[Path], live: set[str]) -> list[Leftover]:
    removed = []
    now = time.time()
    for folder in folders:
        with contextlib.suppress(OSError):
            for path in folder.iterdir():
                if (
                    _TEMPORARY_NAME.match(path.name)
                    and str(path.absolute()) not in live
                    and now - path.lstat().st_mtime > STALE_SECONDS
                ):
                    with contextlib.suppress(OSError):
                        if size := remove_with_sidecars(path):
                            removed.append(Leftover(path, _held_plain_text(path), size))
    return removed


def _held_plain_text(temporary: Path) -> bool:
    """For a temporary no list describes: an export or a PDF on its way, not a vault, a backup
    or one of our notes (which name only paths)."""
    match = _TEMPORARY_NAME.match(temporary.name)
    target = match["target"] if match else ""
    return (
        match is not None
        and match["purpose"] == "writing"
        and not target.endswith(".rjvault")
        and not target.startswith(".")
    )


def sweep_leftovers(folders: Iterable[Path] = ()) -> list[Leftover]:
    """Remove every temporary whose writer has gone (and old ones of ours in ``folders``, the
    vault's and its backups', that no list names); plain text first. What was removed."""
    listed = unfinished_folder()
    entries = sorted(listed.glob("*.json")) if listed.is_dir() else []
    removed: list[Leftover] = []
    live: set[str] = set()
    for entry in entries:
        try:
            handle = entry.open("r+b")
        except OSError:
            continue
        with handle:
            try:
                record = json.loads(handle.read(4096).decode("utf-8"))
                path, plain = Path(record["path"]), bool(record["plain"])
            except (ValueError, KeyError, TypeError):
                path, plain = Path(), False
            if not try_lock(handle):
                live.add(str(path))  # its writer is at work (another copy of the app, a command)
                continue
            # Only ever a name of ours: a list edited by someone else cannot aim this elsewhere.
            if _TEMPORARY_NAME.match(path.name):
                with contextlib.suppress(OSError):
                    if size := remove_with_sidecars(path):
                        removed.append(Leftover(path, plain, size))
        with contextlib.suppress(OSError):
            entry.unlink()  # closed first: Windows refuses to remove an open file
    for making in sorted(listed.glob("*.new")) if listed.is_dir() else []:
        # An entry its writer was killed while making: no temporary was made after it yet.
        with contextlib.suppress(OSError):
            with making.open("r+b") as handle:
                dead = try_lock(handle)
            if dead:
                making.unlink()
    removed += _stale_in(folders, live)
    return sorted(removed, key=lambda leftover: not leftover.plain)


def leftover_sentences(leftovers: list[Leftover], *, plain_only: bool) -> list[str]:
    """What the person should hear about the leftovers removed: always the plain-text ones (a
    copy of their words lay unencrypted on disk), the rest in one line where asked."""
    sentences = [
        _(
            "An export to {name} was interrupted earlier and had left an unencrypted copy in "
            "{folder}; that copy has been removed."
        ).format(name=leftover.target_name, folder=leftover.path.parent)
        for leftover in leftovers
        if leftover.plain
    ]
    encrypted = [leftover for leftover in leftovers if not leftover.plain]
    if encrypted and not plain_only:
        sentences.append(
            ngettext(
                "Removed {count} encrypted copy left by an interrupted backup or restore.",
                "Removed {count} encrypted copies left by interrupted backups or restores.",
                len(encrypted),
            ).format(count=len(encrypted))
        )
    return sentences
