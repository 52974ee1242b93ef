"""One journal on several computers, through a folder a sync tool keeps in step (issue 24).

The rule is the domain's (domain/sync_merge.py); docs/sync-design.md says how the parts fit.
An exchange, all on the vault's one worker:
1. what the person wrote here since the last exchange becomes versions by this computer (a
   record whose words differ from the version shown; one gone is a deletion);
2. the other computers' files in the folder are read (a file that cannot be read is skipped
   with its sentence, never half used) and merged with this journal's versions;
3. the records whose shown words changed are written into the vault, and the versions kept,
   in one transaction;
4. this computer's own file in the folder is written again, whole.
Merging another vault (a copy, or a sync tool's "conflicted copy" of the vault itself) takes its
records as versions too, so nothing in either is lost.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from recovery_journal import __version__
from recovery_journal.domain.clock import to_iso
from recovery_journal.domain.journal_identity import is_journal_id
from recovery_journal.domain.ports import Vault, VaultStore
from recovery_journal.domain.settings_keys import (
    SYNC_ARRIVED,
    SYNC_COMPUTER,
    SYNC_FOLDER,
    SYNC_KEYS,
    SYNC_READ,
    SYNC_WRITTEN,
)
from recovery_journal.domain.sync_merge import (
    Journal,
    Key,
    Record,
    Version,
    Write,
    merge,
    seen_by,
    write,
    write_all,
)
from recovery_journal.errors import (
    JournalError,
    SyncFileDamaged,
    SyncFileForeign,
    SyncFileOtherPassphrase,
)
from recovery_journal.services.journal_identity import journal_id, keep_journal_id
from recovery_journal.services.sync_records import (
    apply_records,
    held_back,
    known_section,
    parents,
    records_of,
)

SUFFIX = ".rjsync"
_MACHINE_ID_FILES = (Path("/etc/machine-id"), Path("/var/lib/dbus/machine-id"))


@dataclass(frozen=True, slots=True)
class Exchange:
    """What one exchange (or one merge) did."""

    written_here: int  # records written on this computer since the last exchange
    arrived: int  # records this computer now shows differently, from the others
    to_choose: int  # records written on two computers at once: one shown, the other kept
    skipped: tuple[JournalError, ...] = ()  # files in the folder not used, each with its reason

    @property
    def other_passphrase(self) -> bool:
        """A file there opens with none of this computer's keys: the passphrase was changed on
        the computer that wrote it, and the person is asked for the new one."""
        return any(isinstance(problem, SyncFileOtherPassphrase) for problem in self.skipped)


def _where(vault: Vault) -> str:
    """This computer and this vault file, as a digest: a vault copied to another computer, or
    to another name, gets a name of its own among the computers (two copies counting writes
    under one name would give two different writes the same number)."""
    machine = next((p.read_text().strip() for p in _MACHINE_ID_FILES if p.is_file()), "")
    place = f"{machine or platform.node()}\n{vault.path.absolute()}"
    return hashlib.sha256(place.encode()).hexdigest()[:16]


def this_computer(vault: Vault) -> str:
    """This computer's name among those sharing the journal, made once (and again for a copy)."""
    kept = _json(vault.settings.get_all().get(SYNC_COMPUTER.name))
    where = _where(vault)
    if isinstance(kept, dict) and kept.get("where") == where and isinstance(kept.get("id"), str):
        return str(kept["id"])
    return _new_computer(vault)


def _json(text: str | None) -> Any:
    try:
        return json.loads(text) if text else None
    except ValueError:
        return None


def shared_folder(vault: Vault) -> Path | None:
    folder = vault.settings.get_all().get(SYNC_FOLDER.name)
    return Path(folder) if folder else None


def last_arrived(vault: Vault) -> str | None:
    """When the other computers' changes last arrived (ISO, UTC), or None."""
    return vault.settings.get_all().get(SYNC_ARRIVED.name) or None


def _keys(vault: Vault, store: VaultStore) -> list[Any]:
    kept = _json(vault.settings.get_all().get(SYNC_KEYS.name))
    if not isinstance(kept, list):
        return []
    from recovery_journal.passphrase import SaltedKey

    keys = []
    for text in kept:
        try:
            keys.append(SaltedKey(str(text)))
        except ValueError:
            continue
    return keys


def _folder_files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.name.endswith(SUFFIX) and p.is_file())
    except OSError:
        return []


def held(vault: Vault) -> Journal:
    """The versions this vault keeps."""
    return Journal.of(vault.sync.versions())


def _shown_live(journal: Journal) -> tuple[dict[Key, str], set[Key]]:
    """What the vault's tables hold when it is in step with ``journal``; and the records held
    back from them (``held_back``)."""
    live = journal.live()
    back = held_back(live)
    return {key: words for key, words in live.items() if key not in back}, back


def _record_here(
    journal: Journal, here: Mapping[Key, str], computer: str, now: str
) -> tuple[Journal, int]:
    """``journal`` with what the tables hold (``here``) written by this computer where it
    differs from what was shown: an edit is written over the version shown (and its copies),
    so a version from another computer kept beside it stays for the person to choose."""
    shown, back = _shown_live(journal)
    writes = []
    for key in sorted(set(here) | set(shown)):
        if key in back or here.get(key) == shown.get(key):
            continue
        record = journal.record(key)
        over = frozenset(
            v for v in journal.versions.get(key, ()) if record and v.words == record.shown.words
        )
        words = here.get(key)
        writes.append(Write(key, words, _when(words, now), over))
    return write_all(journal, computer, writes), len(writes)


def _when(words: str | None, now: str) -> str:
    """When a record was written, for showing the newer of two versions first: its own
    ``updated_at`` where it has one (a record never exchanged is written "now" only here)."""
    item = _json(words) if words and words.startswith("{") else None
    stamp = item.get("updated_at") if isinstance(item, dict) else None
    return stamp if isinstance(stamp, str) else now


def _standing_parents(
    journal: Journal, here: Mapping[Key, str], computer: str, now: str
) -> Journal:
    """A record deleted on one computer while another wrote one that points to it (a slip of a
    day count) is written again from the words this computer holds, so nothing pointing to it
    is lost; the other computers get it back at their next exchange."""
    live = journal.live()
    standing = {
        parent: here[parent]
        for key in sorted(held_back(live))
        for parent in parents(key, live[key])
        if parent not in live and parent in here
    }
    if not standing:
        return journal
    return write_all(journal, computer, (Write(k, w, now) for k, w in standing.items()))


def _settle(
    vault: Vault, before: Journal, merged: Journal, here: Mapping[Key, str], computer: str, now: str
) -> tuple[Journal, int]:
    """Write ``merged`` into the vault (in the caller's transaction): the records its tables
    (``here``) hold differently, and the versions of every record whose versions differ from
    those the vault kept (``before``)."""
    merged = _standing_parents(merged, here, computer, now)
    target, _back = _shown_live(merged)
    changes = {
        key: target.get(key) for key in set(here) | set(target) if here.get(key) != target.get(key)
    }
    apply_records(vault, changes)
    changed = [
        key
        for key in set(before.versions) | set(merged.versions)
        if before.versions.get(key) != merged.versions.get(key)
    ]
    vault.sync.replace(changed, (v for key in changed for v in merged.versions.get(key, ())))
    return merged, len(changes)


def _facts(vault: Vault, computer: str, now: str) -> dict[str, str]:
    return {
        "computer": computer,
        "journal_id": journal_id(vault),
        "written_at": now,
        "app_version": __version__,
    }


def _known(versions: Iterable[Version]) -> Journal:
    """The versions of the kinds of record this version of the app knows (a newer one's others
    stay in its own file)."""
    return Journal.of(version for version in versions if known_section(version.key))


def _signature(path: Path) -> list[int] | None:
    """A file's size, change time and inode: read again only when they change."""
    try:
        status = path.stat()
    except OSError:
        return None
    # The inode too: each file is renamed into place, so a new one has a new inode even where
    # the disk keeps times in two-second steps (FAT) and the size did not change.
    return [status.st_size, status.st_mtime_ns, status.st_ino]


# The other computers' files in the shared folder, as the exchange last found them: the window's
# watcher compares them to know whether an exchange has anything to read.
FolderState = frozenset[tuple[str, int, int, int]]


def others_state(folder: Path, own: str) -> FolderState:
    """The name, size, change time and inode of every other computer's file in ``folder``
    (``own``: this computer's file's name); empty when the folder cannot be read. A few
    ``stat`` calls, where an exchange reads and decrypts each file: the watcher wakes for this
    computer's own file and for a sync program's half-copied temporaries too."""
    return frozenset(
        (path.name, signature[0], signature[1], signature[2])
        for path in _folder_files(folder)
        if path.name != own and (signature := _signature(path)) is not None
    )


def exchange(vault: Vault, store: VaultStore, now: datetime) -> Exchange:
    """One exchange through the shared folder; see the module's docstring.

    Quick when there is nothing to do (a timer, a folder change that was our own file): a file
    of another computer unchanged since it was merged is not read again, and the journal is not
    read at all when nothing was written here since the last exchange (the tables count their
    own changes, schema 9)."""
    folder = shared_folder(vault)
    keys = _keys(vault, store)
    if folder is None or not keys:
        raise ValueError("this journal is not shared through a folder")
    if not folder.is_dir():
        raise SharedFolderMissing(folder)
    stamp = to_iso(now)
    computer = this_computer(vault)
    own = folder / f"{computer}{SUFFIX}"
    settings = vault.settings.get_all()
    merged_before = _json(settings.get(SYNC_READ.name))
    merged_before = merged_before if isinstance(merged_before, dict) else {}
    others: list[Journal] = []
    skipped: list[JournalError] = []
    read: dict[str, list[int]] = {}
    for path in _folder_files(folder):
        signature = _signature(path)
        if path == own or signature is None:
            continue
        if merged_before.get(path.name) == signature:
            read[path.name] = signature
            continue
        found = _read_with_any(store, path, keys)
        if isinstance(found, JournalError):
            skipped.append(found)
        else:
            others.append(_known(found[1]))
            read[path.name] = signature
    written = _json(settings.get(SYNC_WRITTEN.name))
    written = written if isinstance(written, dict) else {}
    own_as_written = own.exists() and written.get("file") == _signature(own)
    if not others and not vault.sync.written_since_exchange() and own_as_written:
        return Exchange(0, 0, vault.sync.written_twice(), tuple(skipped))
    # This computer's file, changed since this vault wrote it: the vault is an older copy of
    # itself (a backup put back), and the file holds writes it has not seen.
    mine = None if own_as_written or not own.exists() else _read_with_any(store, own, keys)
    with vault.transaction():
        before = held(vault)
        if isinstance(mine, tuple):
            theirs = _known(mine[1])
            if seen_by(theirs).get(computer, 0) > seen_by(before).get(computer, 0):
                # Its next write would reuse a number those writes have: it takes a new name,
                # and that file is another computer's from now on.
                computer = _new_computer(vault)
                own = folder / f"{computer}{SUFFIX}"
                others.append(theirs)
        here = records_of(vault)
        if not before.versions and vault.is_empty() and others:
            # A new computer joining: what a new vault sets up itself (the review's questions,
            # its settings) is not the person's writing, and must not stand beside the shared
            # journal's own as if written here; the journal comes as the others have it.
            journal, written_here = before, 0
        else:
            journal, written_here = _record_here(before, here, computer, stamp)
        merged, arrived = _settle(vault, before, merge(journal, *others), here, computer, stamp)
        if arrived:
            vault.settings.set(SYNC_ARRIVED.name, stamp)
        vault.settings.set(SYNC_READ.name, json.dumps(read, sort_keys=True))
        # Written only when it would say something new: a file rewritten with nothing new
        # would wake the other computers, whose own files would then wake this one, again and
        # again. Until the file is in place, the next exchange must not take the quick way.
        digest = _digest(merged, keys[0])
        stale = digest != written.get("digest") or not own_as_written
        if stale:
            vault.settings.delete(SYNC_WRITTEN.name)
        vault.sync.mark_exchanged()
    if stale:
        store.write_sync_file(
            own,
            keys[0],
            _facts(vault, computer, stamp),
            merged.every_version(),
        )
        with vault.transaction():
            vault.settings.set(
                SYNC_WRITTEN.name, json.dumps({"digest": digest, "file": _signature(own)})
            )
    return Exchange(written_here, arrived, len(merged.waiting()), tuple(skipped))


def _new_computer(vault: Vault) -> str:
    name = secrets.token_hex(8)
    with vault.transaction():
        vault.settings.set(SYNC_COMPUTER.name, json.dumps({"id": name, "where": _where(vault)}))
    return name


class SharedFolderMissing(JournalError):
    def __init__(self, folder: Path) -> None:
        super().__init__(str(folder))
        self.folder = folder

    def message(self) -> str:
        from recovery_journal.i18n import _

        return _(
            "The shared folder {path} cannot be found. If it is on a drive that is not "
            "connected, connect it; or choose the folder again."
        ).format(path=self.folder)


def _digest(journal: Journal, key: Any) -> str:
    """Which versions ``journal`` holds (a version's dot names it) and which key the file is
    written with, in a few bytes: this computer's file is written again when either changes."""
    dots = sorted(f"{v.dot.computer}:{v.dot.counter}" for v in journal.every_version())
    text = "\n".join([hashlib.sha256(key.hex.encode()).hexdigest(), *dots])
    return hashlib.sha256(text.encode()).hexdigest()


def _read_with_any(
    store: VaultStore, path: Path, keys: list[Any]
) -> tuple[dict[str, str], list[Version]] | JournalError:
    problem: JournalError = SyncFileOtherPassphrase(path)
    salt = store.salt_of(path)
    if salt is None:
        return SyncFileDamaged(path, "not whole yet")  # a sync tool's empty placeholder
    for key in (k for k in keys if k.salt == salt):  # a key of another salt cannot open it
        try:
            return store.read_sync_file(path, key)
        except SyncFileOtherPassphrase as error:
            problem = error
        except (SyncFileDamaged, SyncFileForeign) as error:
            return error
    return problem


class NotTheFolderPassphrase(JournalError):
    def message(self) -> str:
        from recovery_journal.i18n import _

        return _(
            "The journal in that folder does not open with this passphrase; type the passphrase "
            "you use on the other computer."
        )


def share_through(
    vault: Vault, store: VaultStore, folder: Path, passphrase: str, now: datetime
) -> Exchange:
    """Start sharing this journal through ``folder`` (or take the passphrase typed after it was
    changed on another computer), then exchange.

    The files in a folder share one salt: an empty folder gets a new one here, and a computer
    joining takes the one its files have. Two computers that started sharing into one folder at
    the same time drew two salts: a key is derived for each salt found, so each file opens."""
    folder = folder.absolute()
    if not folder.is_dir():
        raise SharedFolderMissing(folder)
    own = f"{this_computer(vault)}{SUFFIX}"
    files = [p for p in _folder_files(folder) if p.name != own]
    salts = _salts(store, files)
    known = _keys(vault, store)
    writing = store.derive_sync_key(
        passphrase, known[0].salt if known else (salts[0] if salts else os.urandom(16))
    )
    derived = [writing, *(store.derive_sync_key(passphrase, s) for s in salts if s != writing.salt)]
    if not files:
        # The first computer: the folder's files will open with this passphrase alone, so it
        # must be the journal's own (a typo here would lock the other computers out).
        _check_own_passphrase(vault, store, passphrase)
    else:
        opened = _opened_with(store, files, derived)
        if opened and vault.is_empty():
            # A new computer joining: its journal takes the shared journal's identifier, so the
            # reports it makes are answered into the same journal.
            identifier = opened[0][0].get("journal_id", "")
            if is_journal_id(identifier):
                keep_journal_id(vault, identifier)
    _keep_keys(vault, derived, known)
    with vault.transaction():
        vault.settings.set(SYNC_FOLDER.name, str(folder))
    return exchange(vault, store, now)


class NotThisJournalsPassphrase(JournalError):
    def message(self) -> str:
        from recovery_journal.i18n import _

        return _(
            "That is not the passphrase this journal opens with; type the one you unlock it with."
        )


def _check_own_passphrase(vault: Vault, store: VaultStore, passphrase: str) -> None:
    from recovery_journal.errors import WrongPassphrase

    try:
        store.open_vault(vault.path, passphrase, access=store.Access.READ).close()
    except WrongPassphrase:
        raise NotThisJournalsPassphrase() from None


class NoSharedJournal(JournalError):
    def message(self) -> str:
        from recovery_journal.i18n import _

        return _(
            "There is no shared journal in that folder yet. On the other computer, choose "
            "Settings ▸ Use this journal on more than one computer first, then wait until the "
            "sync program has brought its file here."
        )


def check_shared_folder(store: VaultStore, folder: Path, passphrase: str) -> None:
    """Before a new computer's journal is made from ``folder``: a journal is there, and the
    passphrase opens it (else the sentence saying which is not so, and nothing is made)."""
    files = _folder_files(folder)
    keys = [store.derive_sync_key(passphrase, salt) for salt in _salts(store, files)]
    if not _opened_with(store, files, keys):
        raise NoSharedJournal()


def _salts(store: VaultStore, files: list[Path]) -> list[bytes]:
    """The salts of ``files``, each once, in their order."""
    return list(dict.fromkeys(s for s in (store.salt_of(p) for p in files) if s is not None))


def _opened_with(
    store: VaultStore, files: list[Path], keys: list[Any]
) -> list[tuple[dict[str, str], list[Version]]]:
    """What ``keys`` open of ``files``; NotTheFolderPassphrase when they open none and some are
    under another passphrase (files only damaged or foreign give an empty list)."""
    found = [_read_with_any(store, path, keys) for path in files]
    opened = [result for result in found if not isinstance(result, JournalError)]
    if not opened and any(isinstance(result, SyncFileOtherPassphrase) for result in found):
        raise NotTheFolderPassphrase()
    return opened


def _keep_keys(vault: Vault, new: list[Any], known: list[Any]) -> None:
    """The folder's keys, the one this computer writes with first; a few older ones are kept to
    read files written before a passphrase changed."""
    hexes = list(dict.fromkeys([k.hex for k in new] + [k.hex for k in known]))
    with vault.transaction():
        vault.settings.set(SYNC_KEYS.name, json.dumps(hexes[:6]))
        # This computer's file is written again, with this key; every file read again.
        for forgotten in (SYNC_READ, SYNC_WRITTEN):
            vault.settings.delete(forgotten.name)


def follow_passphrase(vault: Vault, store: VaultStore, new: str) -> None:
    """After the vault's passphrase changed here: the folder's files are written with the new
    one's key from now on (the other computers ask for it once), and read with either."""
    known = _keys(vault, store)
    if known:
        salts = dict.fromkeys(k.salt for k in known)
        _keep_keys(vault, [store.derive_sync_key(new, salt) for salt in salts], known)


def stop_sharing(vault: Vault) -> None:
    """Stop exchanging through the folder (its files stay; the versions stay for a later merge)."""
    with vault.transaction():
        for key in (SYNC_FOLDER, SYNC_KEYS, SYNC_READ, SYNC_WRITTEN):
            vault.settings.delete(key.name)


def merge_vault(vault: Vault, other: Vault, now: datetime) -> Exchange:
    """Merge ``other`` (a copy of this journal, or a sync tool's conflicted copy) into ``vault``.

    Its versions come as they are. What it holds beyond them (written there since, or never
    exchanged) comes as versions by a computer named for that copy, written over the versions it
    had: a record changed only there arrives as it is, one changed on both sides keeps both
    words, and one only here is kept (a deletion there without history is not trusted)."""
    stamp = to_iso(now)
    their_history = held(other)
    their_records = records_of(other)
    # A name of its own for each merge: the copy's writes are counted afresh each time, and two
    # merges must never give two different writes one name.
    copy_name = "copy-" + secrets.token_hex(6)
    # A record missing there is a deletion only where the copy's versions say it stood.
    theirs, _written = _record_here(their_history, their_records, copy_name, stamp)
    computer = this_computer(vault)
    with vault.transaction():
        before = held(vault)
        here = records_of(vault)
        journal, written_here = _record_here(before, here, computer, stamp)
        # What the copy holds in the same words as a version here brings nothing: left out, so
        # merging the same copy again (or an identical one) adds no versions.
        words_here = {key: {v.words for v in vs} for key, vs in journal.versions.items()}
        brought = [
            v
            for v in theirs.every_version()
            if v.dot.computer != copy_name or v.words not in words_here.get(v.key, set())
        ]
        merged = merge(journal, _known(brought))
        merged, arrived = _settle(vault, before, merged, here, computer, stamp)
    return Exchange(written_here, arrived, len(merged.waiting()))


def to_choose(vault: Vault) -> dict[Key, Record]:
    """The records written on two computers at once: the version shown and the others kept."""
    return held(vault).waiting()


def choose(vault: Vault, key: Key, words: str | None, now: datetime) -> None:
    """Keep ``words`` for the record (one of its versions), over every version of it."""
    computer = this_computer(vault)
    stamp = to_iso(now)
    with vault.transaction():
        before = held(vault)
        here = records_of(vault)
        journal, _written = _record_here(before, here, computer, stamp)
        chosen, _version = write(journal, computer, key, words, stamp)
        _settle(vault, before, chosen, here, computer, stamp)
