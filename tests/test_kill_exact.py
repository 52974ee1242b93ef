"""A passphrase change (with its backup before) and an import, killed at exact system calls:
each kill leaves one whole vault that opens with exactly one passphrase and holds the state
before or after, and nothing the next run does not sweep up. The whole matrix, with random
kills and every operation, is ``make kill-matrix`` (tools/kill_matrix.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from recovery_journal.domain.backups import default_folder
from recovery_journal.errors import WrongPassphrase
from recovery_journal.services.backups import restore_points
from recovery_journal.services.demo import fill_demo
from recovery_journal.services.export import dumps, export_document
from recovery_journal.store import create_vault
from recovery_journal.temporaries import sweep_leftovers
from tests.conftest import PASSPHRASE, TEST_KDF, reopen
from tests.test_leftovers import CHILD_PREAMBLE, ROOT, STRACE, _hidden, _killed_at

NEW_PASSPHRASE = "a second calm phrase"

# As the command line's change-passphrase does it: a backup first, then the re-key, then an
# opening with the new passphrase to be sure. With argv[5] "before" it stops after the backup,
# to count the calls that come before the re-key.
REKEYER = (
    CHILD_PREAMBLE
    + """
from recovery_journal.domain.backups import BackupReason
from recovery_journal.services.backups import make_backup
from recovery_journal.store import change_passphrase
vault = open_vault(sys.argv[1], sys.argv[2], kdf_iterations=kdf)
make_backup(vault, BackupReason.PASSPHRASE)
if sys.argv[5] != "before":
    vault, changed = change_passphrase(vault, sys.argv[2], sys.argv[4], kdf_iterations=kdf)
    assert changed
vault.close()
print("done", flush=True)
"""
)

# With argv[5] "before" it stops once the document is read and the vault open.
IMPORTER = (
    CHILD_PREAMBLE
    + """
from recovery_journal.services.export import import_document, read_export_file
document = read_export_file(Path(sys.argv[4]))
vault = open_vault(sys.argv[1], sys.argv[2], kdf_iterations=kdf)
if sys.argv[5] != "before":
    import_document(vault, document)
vault.close()
print("done", flush=True)
"""
)


def _evenly(first: int, last: int, most: int) -> list[int]:
    """At most ``most`` numbers from ``first`` to ``last``, evenly spaced, both ends included."""
    if last < first:
        return []
    count = last - first + 1
    if count <= most:
        return list(range(first, last + 1))
    return sorted({first + round(i * (count - 1) / (most - 1)) for i in range(most)})


def _counts(script: str, syscalls: list[str], *args: object) -> dict[str, int]:
    """How many times a whole run of ``script`` makes each of ``syscalls`` (one traced run)."""
    command = [STRACE, "-f", "-qq", "-c", "-e", f"trace={','.join(syscalls)}"]
    command += [sys.executable, "-c", script, *map(str, args)]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert "done" in done.stdout, done.stderr[-2000:]
    rows = [line.split() for line in done.stderr.splitlines()]
    found = {row[-1]: int(row[3]) for row in rows if len(row) >= 5 and row[-1] in syscalls}
    return {syscall: found.get(syscall, 0) for syscall in syscalls}


def _plan(
    script: str,
    args: list[object],
    every: tuple[str, ...],
    sampled: dict[str, int],
    reset: Callable[[], None],
) -> list[tuple[str, int]]:
    """Where to kill: every call of the ``every`` kinds, and for each of ``sampled`` that many
    of the calls made after the work starts (counted in a run that stops there: argv[5]).
    ``reset`` puts the files back after each counting run."""

    def counts(until: str) -> dict[str, int]:
        counted = _counts(script, [*every, *sampled], *args, until)
        reset()
        return counted

    before, whole = counts("before"), counts("all")
    plan = [(syscall, when) for syscall in every for when in range(1, whole[syscall] + 1)]
    for syscall, most in sampled.items():
        plan += [(syscall, when) for when in _evenly(before[syscall] + 1, whole[syscall], most)]
    return plan


def _kill_at_each(
    script: str, args: list[object], plan: list[tuple[str, int]], check: Callable[[str], None]
) -> int:
    """Kill the child at each (syscall, N) of ``plan`` and check; then check a whole run too."""
    kills = 0
    for syscall, when in plan:
        killed = _killed_at(script, syscall, when, *args, "all")
        check(f"killed at {syscall} #{when}" if killed else f"not killed at {syscall} #{when}")
        kills += killed
    assert not _killed_at(script, "rename", 10_000, *args, "all")
    check("a whole run")
    return kills


def _filled(path: Path) -> str:
    vault = create_vault(path, PASSPHRASE, kdf_iterations=TEST_KDF)
    try:
        fill_demo(vault, 30, "en", end=date(2026, 11, 30))
        return dumps(export_document(vault))
    finally:
        vault.close()


def _opening_phrases(path: Path) -> list[tuple[str, str]]:
    """Each passphrase that opens ``path``, with what the vault then holds (checked clean)."""
    opened = []
    for phrase in (PASSPHRASE, NEW_PASSPHRASE):
        try:
            vault = reopen(path, phrase)
        except WrongPassphrase:
            continue
        try:
            assert vault.integrity_problems() == []
            opened.append((phrase, dumps(export_document(vault))))
        finally:
            vault.close()
    return opened


needs_strace = pytest.mark.skipif(STRACE is None, reason="strace is not installed")


@needs_strace
@pytest.mark.slow
def test_a_passphrase_change_killed_anywhere_leaves_exactly_one_passphrase_working(
    tmp_path, vault_path
):
    before = _filled(vault_path)
    pristine = tmp_path / "pristine.rjvault"
    shutil.copyfile(vault_path, pristine)
    outcomes = set()

    def check(where: str) -> None:
        assert vault_path.exists(), f"{where}: nothing at the vault's path"
        opened = _opening_phrases(vault_path)
        assert [content for _, content in opened] == [before], f"{where}: {opened!r:.200}"
        outcomes.add(opened[0][0])
        sweep_leftovers()
        folder = default_folder(vault_path)
        assert _hidden(tmp_path) == [] and _hidden(folder) == [], where
        assert vault_path.stat().st_nlink == 1, where
        points = restore_points(vault_path, folder)
        assert len(points) <= 1, where
        for point in points:  # the backup before: whole, and with the old passphrase
            assert _opening_phrases(point.path) == [(PASSPHRASE, before)], where
        if opened[0][0] == NEW_PASSPHRASE:
            assert len(points) == 1, f"{where}: changed without the backup before"
        reset()

    def reset() -> None:
        shutil.rmtree(default_folder(vault_path), ignore_errors=True)
        shutil.copyfile(pristine, vault_path)
        Path(f"{vault_path}-wal").unlink(missing_ok=True)

    args: list[object] = [vault_path, PASSPHRASE, TEST_KDF, NEW_PASSPHRASE]
    # The re-key's own fsyncs and page writes (the backup before makes hundreds of its own).
    plan = _plan(REKEYER, args, ("rename", "link", "unlink"), {"fsync": 8, "pwrite64": 8}, reset)
    kills = _kill_at_each(REKEYER, args, plan, check)
    assert kills >= 20
    assert outcomes == {PASSPHRASE, NEW_PASSPHRASE}  # killed both before and after the change


@needs_strace
@pytest.mark.slow
def test_an_import_killed_anywhere_imports_all_or_nothing(tmp_path, vault_path):
    source = tmp_path / "source.rjvault"
    document = tmp_path / "export.json"
    document.write_text(_filled(source), "utf-8")
    empty = create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    nothing = dumps(export_document(empty))
    empty.close()
    pristine = tmp_path / "pristine.rjvault"
    shutil.copyfile(vault_path, pristine)
    whole = document.read_text("utf-8")
    outcomes = set()

    def check(where: str) -> None:
        opened = _opening_phrases(vault_path)
        assert len(opened) == 1 and opened[0][1] in (nothing, whole), where
        outcomes.add(opened[0][1] == whole)
        sweep_leftovers()
        assert _hidden(tmp_path) == [], where
        assert not default_folder(vault_path).exists(), where
        reset()

    def reset() -> None:
        shutil.copyfile(pristine, vault_path)
        Path(f"{vault_path}-wal").unlink(missing_ok=True)

    args: list[object] = [vault_path, PASSPHRASE, TEST_KDF, document]
    plan = _plan(
        IMPORTER,
        args,
        ("unlink", "rename", "link"),
        {"fsync": 8, "ftruncate": 2, "pwrite64": 8, "close": 4},
        reset,
    )
    assert _kill_at_each(IMPORTER, args, plan, check) >= 15
    assert outcomes == {False, True}
