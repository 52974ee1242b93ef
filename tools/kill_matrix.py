"""The kill matrix: every storage operation killed at random moments and at exact system calls.

    make kill-matrix                     # the full run
    .venv/bin/python tools/kill_matrix.py --quick
    .venv/bin/python tools/kill_matrix.py --ops restore,backup --random 5 --writes 10

Each operation runs in a child process on real vault files in a private folder (its own HOME,
so the list of unfinished writes is its own too). It is killed (a) after a random delay, and (b)
with ``strace -e inject=<syscall>:signal=SIGKILL:when=N`` just before the N-th call of each of
rename, link, unlink, fsync, fdatasync, write, pwrite64, ftruncate and close that the operation
itself makes. Which calls are its own is measured once per operation in an uninterrupted run
traced whole: the child touches a marker path just before its work begins and just after it
ends, and the calls of each kind before the first marker (Python's start-up, the imports, the
vault's opening) are skipped. Every such call is a kill, except write and pwrite64 where there
are more than ``--writes`` of them: then that many are taken evenly spaced from the first to
the last (``first + round(i * (count - 1) / (writes - 1))``).

After each kill (and after each run that went to its end) the promises are checked: the
vault's path holds a whole vault that opens with exactly one passphrase and checks clean; its
content is the state before or the state after (or, for the save loop, every save reported
done is there); after the next opening and ``sweep_leftovers()`` no hidden temporary or
``.restore`` note is left, no restore point is a hard link to the live vault, every restore
point opens and holds what it should, and no file under the test folder holds the journal's
words in plain text (except a finished export, which must be whole).

Prints kills, passes and failures per operation and per system call, and the wall time; exits
1 on any failure, with the first failure's details. Plain Python: no pytest.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

STRACE = shutil.which("strace")
SYSCALLS = (
    "rename",
    "link",
    "unlink",
    "fsync",
    "fdatasync",
    "write",
    "pwrite64",
    "ftruncate",
    "close",
)
SAMPLED = ("write", "pwrite64")  # only these are sampled when there are many
# As in the tests: quick key derivation for the store's own operations. change-passphrase runs
# the command line as it is, with the app's 256,000 iterations.
TEST_KDF = 4_000
PASSPHRASE = "four calm words here"
NEW_PASSPHRASE = "a second calm phrase"
# Written into every journal under test: a file holding it is the journal in plain text.
MARKER = "kill-matrix-plain-words-7f3a9c"
END = date(2026, 11, 30)
FIRST_SAVE_DAY = date(1990, 1, 1).toordinal()  # far from the demo's days: each save adds one
SQLITE_PLAIN = b"SQLite format 3\x00"
HIDDEN_LOCK = re.compile(r"^\.(?P<base>.+)\.lock$")

# --- the child processes ------------------------------------------------------------------------

PRELUDE = """
import json, os, sys
P = json.loads(sys.argv[1])

def mark(name):
    try:
        os.stat("/kill-matrix-" + name)
    except OSError:
        pass

def begin():
    print("begin", flush=True)
    mark("begin")

def end():
    mark("end")
    print("done", flush=True)
"""

SCRIPTS = {
    "save": """
from datetime import UTC, date, datetime
from recovery_journal.domain.notes import DailyNote
from recovery_journal.store import open_vault

vault = open_vault(P["vault"], P["passphrase"], kdf_iterations=P["kdf"])
moment = datetime(2026, 11, 24, tzinfo=UTC)
begin()
for number in range(P["saves"]):
    with vault.transaction():
        day = date.fromordinal(P["first_day"] + number)
        text = f"save {number} " + "x" * (number * 397 % 700)
        vault.notes.save(DailyNote(day, text, moment, moment))
    print(number, flush=True)  # reported done only after the commit returned
vault.close()
end()
""",
    "change-passphrase": """
import recovery_journal.domain.backups, recovery_journal.services.backups
import recovery_journal.services.keychain, recovery_journal.store_access
from recovery_journal import cli, store

real_open = store.open_vault
opened = []

def open_then_begin(*args, **kwargs):
    vault = real_open(*args, **kwargs)
    if not opened:
        opened.append(True)
        begin()  # the command's own opening done: its work starts here
    return vault

store.open_vault = open_then_begin
argv = ["change-passphrase", "--vault", P["vault"], "--passphrase-file", P["old_file"],
        "--new-passphrase-file", P["new_file"]]
code = cli.main(argv)
if code:
    print("failed", code, flush=True)
    sys.exit(code)
end()
""",
    "restore": """
from pathlib import Path
from recovery_journal.store import restore_backup

begin()
restore_backup(Path(P["backup"]), Path(P["vault"]), P["passphrase"], kdf_iterations=P["kdf"],
               set_aside=Path(P["aside"]))
end()
""",
    "backup": """
from recovery_journal.domain.backups import BackupReason
from recovery_journal.services.backups import make_backup
from recovery_journal.store import open_vault

vault = open_vault(P["vault"], P["passphrase"], kdf_iterations=P["kdf"])
begin()
make_backup(vault, BackupReason.BY_HAND)
vault.close()
end()
""",
    "export-json": """
from pathlib import Path
from recovery_journal.services.export import export_to_file
from recovery_journal.store import open_vault

vault = open_vault(P["vault"], P["passphrase"], kdf_iterations=P["kdf"])
begin()
export_to_file(vault, Path(P["output"]))
vault.close()
end()
""",
    "import-json": """
from pathlib import Path
from recovery_journal.services.export import import_document, read_export_file
from recovery_journal.store import open_vault

document = read_export_file(Path(P["source"]))  # read and checked before the vault is opened
vault = open_vault(P["vault"], P["passphrase"], kdf_iterations=P["kdf"])
begin()
import_document(vault, document)
vault.close()
end()
""",
    "sync": """
from datetime import UTC, datetime
from pathlib import Path
from recovery_journal import store
from recovery_journal.services.sync import share_through
from recovery_journal.store import open_vault, vault_file

vault_file.KDF_ITERATIONS = P["kdf"]  # the folder's key, derived as the tests derive it
vault = open_vault(P["vault"], P["passphrase"], kdf_iterations=P["kdf"])
begin()
share_through(vault, store, Path(P["shared"]), P["passphrase"], datetime(2026, 12, 6, tzinfo=UTC))
vault.close()
end()
""",
    "create": """
from recovery_journal.store import create_vault

begin()
create_vault(P["vault"], P["passphrase"], kdf_iterations=P["kdf"]).close()
end()
""",
}
OPERATIONS = tuple(SCRIPTS)


@dataclass
class Run:
    """What one child did: how far it said it got, and whether it was killed."""

    lines: list[str]
    killed: bool
    returncode: int
    stderr: str
    seconds: float = 0.0  # from the start of the work to the end of the process

    @property
    def done(self) -> bool:
        return "done" in self.lines

    @property
    def confirmed(self) -> int:
        """Saves the save loop reported done."""
        return sum(1 for line in self.lines if line.isdigit())


@dataclass
class Tally:
    tried: int = 0
    killed: int = 0
    passed: int = 0
    failed: int = 0
    calls: int | None = None  # the operation's own calls of this kind (exact kills)


@dataclass
class Matrix:
    tallies: dict[tuple[str, str], Tally] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    kept: Path | None = None

    def tally(self, operation: str, kind: str) -> Tally:
        return self.tallies.setdefault((operation, kind), Tally())


def _environment(home: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "DBUS_SESSION_BUS_ADDRESS")
        and not key.startswith("RECOVERY_JOURNAL")
    }
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_STATE_HOME=str(home / ".local" / "state"),
        XDG_CACHE_HOME=str(home / ".cache"),
        LANG="C.UTF-8",
        PYTHONPATH=str(ROOT),
        PYTHONDONTWRITEBYTECODE="1",
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        QT_QPA_PLATFORM="offscreen",
    )
    return env


def _command(operation: str, params: dict[str, Any]) -> list[str]:
    return [sys.executable, "-c", PRELUDE + SCRIPTS[operation], json.dumps(params)]


def _finish(child: subprocess.Popen[bytes], killed_by_us: bool = False) -> Run:
    out, err = child.communicate(timeout=300)
    lines = out.decode("utf-8", "replace").split()
    code = child.returncode
    killed = code in (-signal.SIGKILL, 128 + signal.SIGKILL) or killed_by_us and code != 0
    return Run(lines, killed and "done" not in lines, code, err.decode("utf-8", "replace"))


def run_exact(operation: str, params: dict[str, Any], env: dict[str, str], syscall: str, when: int):
    assert STRACE is not None
    command = [STRACE, "-f", "-qq", "-o", os.devnull, "-e", f"trace={syscall}"]
    command += ["-e", f"inject={syscall}:signal=SIGKILL:when={when}"]
    child = subprocess.Popen(
        command + _command(operation, params),
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    return _finish(child)


def run_random(
    operation: str, params: dict[str, Any], env: dict[str, str], delay: float | None
) -> Run:
    """Kill the child ``delay`` seconds after its work began (None: let it finish)."""
    # Unbuffered: readline takes the first line byte by byte and no more. A buffered reader
    # would swallow the save loop's next lines, which communicate() (reading the pipe itself)
    # then never sees: saves reported done would look unreported.
    child = subprocess.Popen(
        _command(operation, params),
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        bufsize=0,
    )
    assert child.stdout is not None
    first = child.stdout.readline().decode("utf-8", "replace").strip()
    lines = [first]
    began = time.monotonic()
    if first == "begin" and delay is not None:
        time.sleep(delay)
        with contextlib.suppress(ProcessLookupError):
            child.send_signal(signal.SIGKILL)
    run = _finish(child, killed_by_us=delay is not None)
    run.seconds = time.monotonic() - began
    run.lines = lines + run.lines
    run.killed = run.killed and "done" not in run.lines
    return run


def own_calls(
    operation: str, params: dict[str, Any], env: dict[str, str], folder: Path
) -> dict[str, tuple[int, int]]:
    """For each system call, the numbers of the operation's own calls (first, last), counted in
    one uninterrupted run traced whole."""
    assert STRACE is not None
    trace = folder / "trace.txt"
    command = [STRACE, "-f", "-qq", "-o", str(trace)] + _command(operation, params)
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    if "done" not in done.stdout.split():
        raise SystemExit(
            f"{operation}: the uninterrupted traced run failed:\n{done.stderr[-3000:]}"
        )
    counts = dict.fromkeys(SYSCALLS, 0)
    before: dict[str, int] = {}
    main_pid = None
    call = re.compile(r"^(\d+)\s+(\w+)\(")
    with trace.open(encoding="utf-8", errors="replace") as lines:
        for line in lines:
            found = call.match(line)
            if found is None:
                continue
            pid, name = found.groups()
            main_pid = main_pid or pid
            if "/kill-matrix-begin" in line:
                before = dict(counts)
            elif "/kill-matrix-end" in line:
                break
            if pid == main_pid and name in counts:
                counts[name] += 1
    trace.unlink()
    ranges = {name: (before[name] + 1, counts[name]) for name in SYSCALLS}
    return ranges


def sample(first: int, last: int, most: int | None) -> list[int]:
    """Every number from ``first`` to ``last``, or ``most`` of them evenly spaced."""
    count = last - first + 1
    if count <= 0:
        return []
    if most is None or count <= most:
        return list(range(first, last + 1))
    if most == 1:
        return [first]
    return sorted({first + round(i * (count - 1) / (most - 1)) for i in range(most)})


# --- the scenes: real vaults, set up once, copied fresh before each run -------------------------


def _opening(vault: Path, **extra: Any) -> dict[str, Any]:
    """A child's parameters: the vault, its passphrase and the tests' key derivation, and more."""
    return {"vault": str(vault), "passphrase": PASSPHRASE, "kdf": TEST_KDF, **extra}


@dataclass
class Scene:
    """One operation's files: ``pristine`` is copied to ``folder`` before every run."""

    operation: str
    folder: Path
    pristine: Path
    params: dict[str, Any]
    check: Callable[[Run], None]
    random_delay: float = 0.5  # the longest random delay; set from an uninterrupted run

    def reset(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
        shutil.copytree(self.pristine, self.folder, symlinks=True)


class Failure(Exception):
    pass


def expect(condition: object, message: str) -> None:
    if not condition:
        raise Failure(message)


def _filled(path: Path, days: int, kdf: int) -> str:
    from recovery_journal.domain.notes import DailyNote
    from recovery_journal.services.demo import fill_demo
    from recovery_journal.store import create_vault

    vault = create_vault(path, PASSPHRASE, kdf_iterations=kdf)
    try:
        fill_demo(vault, days, "en", end=END)
        moment = datetime(2026, 11, 30, tzinfo=UTC)
        with vault.transaction():
            vault.notes.save(DailyNote(date(1989, 1, 1), f"{MARKER} words", moment, moment))
        return _state(vault)
    finally:
        vault.close()


def _state(vault: Any) -> str:
    from recovery_journal.services.export import dumps, export_document

    return str(dumps(export_document(vault)))


def _without_id(state: str) -> str:
    """A vault's state without the journal's identifier, which each new vault draws at random."""
    document = json.loads(state)
    document.pop("journal_id", None)
    return json.dumps(document, sort_keys=True)


@dataclass
class Opened:
    phrase: str
    state: str
    notes: int
    vault: Any = None


def open_with_each(
    path: Path, phrases: list[str], kdf: int, look: Callable[[Any], None] | None = None
):
    """The passphrases of ``phrases`` that open ``path``: each opening checks clean."""
    from recovery_journal.errors import WrongPassphrase
    from recovery_journal.store import open_vault

    opened = []
    for phrase in phrases:
        try:
            vault = open_vault(path, phrase, kdf_iterations=kdf)
        except WrongPassphrase:
            continue
        except Exception as error:  # noqa: BLE001 - any other answer breaks the promise
            raise Failure(f"{path.name} does not open: {type(error).__name__}: {error}") from error
        try:
            problems = vault.integrity_problems()
            expect(problems == [], f"{path.name} does not check clean: {problems[:3]}")
            if look is not None:
                look(vault)
            opened.append(Opened(phrase, _state(vault), vault.notes.count()))
        finally:
            vault.close()
    return opened


def _hidden(folder: Path) -> list[Path]:
    """Hidden names (our temporaries, restore notes), except a lock file beside a file that is
    there; a lock beside nothing is a leftover too."""
    found = []
    for path in folder.rglob(".*"):
        lock = HIDDEN_LOCK.match(path.name)
        if lock and (path.parent / lock["base"]).exists():
            continue
        found.append(path)
    return sorted(found)


def _common_after(scene: Scene, vault: Path, allowed_plain: Path | None = None) -> None:
    """After the next opening: sweep, then no hidden leftover, no hard link to the live vault,
    no plain text anywhere under the test folder."""
    from recovery_journal.paths import unfinished_folder
    from recovery_journal.temporaries import sweep_leftovers

    sweep_leftovers()
    hidden = _hidden(scene.folder)
    expect(not hidden, f"left after the next opening and sweep: {[str(p) for p in hidden]}")
    listed = list(unfinished_folder().glob("*")) if unfinished_folder().is_dir() else []
    expect(not listed, f"the list of unfinished writes still names {len(listed)} file(s)")
    if vault.exists():
        expect(vault.stat().st_nlink == 1, f"{vault.name} has {vault.stat().st_nlink} names")
    home = Path(os.environ["HOME"])
    for root in (scene.folder, home):
        for path in root.rglob("*"):
            if not path.is_file() or path == allowed_plain:
                continue
            data = path.read_bytes()
            expect(not data.startswith(SQLITE_PLAIN), f"a plain SQLite file: {path}")
            expect(MARKER.encode() not in data, f"the journal in plain text: {path}")


def _points(vault: Path) -> list[Path]:
    from recovery_journal.domain.backups import default_folder
    from recovery_journal.services.backups import restore_points

    return [point.path for point in restore_points(vault, default_folder(vault))]


def _lost_files(vault: Path) -> list[str]:
    """Anything in the backup folder that is not a restore point (or a WAL set aside with one)."""
    from recovery_journal.domain.backups import default_folder

    folder = default_folder(vault)
    if not folder.is_dir():
        return []
    points = {p.name for p in _points(vault)}
    return [
        p.name
        for p in folder.iterdir()
        if p.name not in points
        and not (p.name.endswith("-wal") and p.name[:-4] in points)
        and not p.name.startswith(".")
    ]


def make_scenes(base: Path, saves: int) -> dict[str, Scene]:
    """Every operation's files, made once."""
    inputs = base / "inputs"
    inputs.mkdir()
    scenes: dict[str, Scene] = {}

    def scene(name: str) -> tuple[Path, Path]:
        pristine = base / "pristine" / name
        pristine.mkdir(parents=True)
        return pristine, base / "scenes" / name

    # The save loop: a journal with a month in it, and saves on days of their own.
    pristine, folder = scene("save")
    before_notes = _opened_notes(_filled(pristine / "v.rjvault", 30, TEST_KDF))
    save_vault = folder / "v.rjvault"

    def check_save(run: Run) -> None:
        expect(save_vault.exists(), "nothing at the vault's path")
        from recovery_journal.domain.notes import DailyNote  # noqa: F401 - for look below

        def look(vault: Any) -> None:
            count = vault.notes.count() - before_notes
            confirmed = run.confirmed
            expect(count >= confirmed, f"{confirmed} saves reported done, {count} there")
            expect(count <= confirmed + 1, f"{count} saves there, {confirmed} reported")
            for number in range(count):
                note = vault.notes.get(date.fromordinal(FIRST_SAVE_DAY + number))
                expect(
                    note is not None and note.text.startswith(f"save {number} "),
                    f"save {number} is not whole",
                )

        opened = open_with_each(save_vault, [PASSPHRASE], TEST_KDF, look)
        expect(len(opened) == 1, "the passphrase does not open the vault")
        expect(MARKER in opened[0].state, "the journal's older writing is gone")
        _common_after(scenes["save"], save_vault)
        expect(not _points(save_vault), "a restore point appeared")

    scenes["save"] = Scene(
        "save",
        folder,
        pristine,
        _opening(save_vault, first_day=FIRST_SAVE_DAY, saves=saves),
        check_save,
    )

    # change-passphrase: the command line, with the app's own key derivation.
    from recovery_journal.store import KDF_ITERATIONS

    pristine, folder = scene("change-passphrase")
    rekey_before = _filled(pristine / "v.rjvault", 30, KDF_ITERATIONS)
    old_file, new_file = inputs / "old.txt", inputs / "new.txt"
    for file, phrase in ((old_file, PASSPHRASE), (new_file, NEW_PASSPHRASE)):
        file.write_text(phrase + "\n", "utf-8")
        file.chmod(0o600)
    rekey_vault = folder / "v.rjvault"

    def check_rekey(run: Run) -> None:
        expect(rekey_vault.exists(), "nothing at the vault's path")
        opened = open_with_each(rekey_vault, [PASSPHRASE, NEW_PASSPHRASE], KDF_ITERATIONS)
        expect(len(opened) == 1, f"{len(opened)} passphrases open the vault")
        expect(opened[0].state == rekey_before, "the journal changed")
        if run.done:
            expect(opened[0].phrase == NEW_PASSPHRASE, "reported changed, but the old one opens")
        _common_after(scenes["change-passphrase"], rekey_vault)
        points = _points(rekey_vault)
        expect(len(points) <= 1, f"{len(points)} restore points")
        if run.done:
            expect(len(points) == 1, "reported done, but the backup before is missing")
        for point in points:
            kept = open_with_each(point, [PASSPHRASE, NEW_PASSPHRASE], KDF_ITERATIONS)
            expect([k.phrase for k in kept] == [PASSPHRASE], "the backup before is not the old")
            expect(kept[0].state == rekey_before, "the backup before holds something else")
        expect(not _lost_files(rekey_vault), f"stray files: {_lost_files(rekey_vault)}")

    scenes["change-passphrase"] = Scene(
        "change-passphrase",
        folder,
        pristine,
        {"vault": str(rekey_vault), "old_file": str(old_file), "new_file": str(new_file)},
        check_rekey,
    )

    # restore: a journal of two months replaced by a backup of another of eight days.
    pristine, folder = scene("restore")
    restore_before = _filled(pristine / "v.rjvault", 60, TEST_KDF)
    restore_after = _filled(inputs / "other.rjvault", 8, TEST_KDF)
    backup = inputs / "b.rjvault"
    shutil.copyfile(inputs / "other.rjvault", backup)
    restore_vault = folder / "v.rjvault"
    aside = folder / "v backups" / "v 2026-12-06T093042.000Z before-restore.rjvault"

    def check_restore(run: Run) -> None:
        expect(restore_vault.exists(), "nothing at the vault's path")
        opened = open_with_each(restore_vault, [PASSPHRASE], TEST_KDF)
        expect(len(opened) == 1, "the passphrase does not open the vault")
        state = opened[0].state
        expect(state in (restore_before, restore_after), "neither the journal nor the backup")
        if run.done:
            expect(state == restore_after, "reported restored, but the old journal is there")
        _common_after(scenes["restore"], restore_vault)
        points = _points(restore_vault)
        if state == restore_after:
            expect(len(points) == 1, f"restored, and {len(points)} restore points")
            kept = open_with_each(points[0], [PASSPHRASE], TEST_KDF)
            expect(kept and kept[0].state == restore_before, "the old journal was not kept")
        else:
            expect(not points, f"not restored, yet restore points: {[p.name for p in points]}")
        expect(not _lost_files(restore_vault), f"stray files: {_lost_files(restore_vault)}")

    scenes["restore"] = Scene(
        "restore",
        folder,
        pristine,
        _opening(restore_vault, backup=str(backup), aside=str(aside)),
        check_restore,
    )

    # backup (make_backup, by hand) of a month's journal.
    pristine, folder = scene("backup")
    backup_before = _filled(pristine / "v.rjvault", 30, TEST_KDF)
    backup_vault = folder / "v.rjvault"

    def check_backup(run: Run) -> None:
        opened = open_with_each(backup_vault, [PASSPHRASE], TEST_KDF)
        expect(len(opened) == 1, "the passphrase does not open the vault")
        expect(opened[0].state == backup_before, "the journal changed")
        _common_after(scenes["backup"], backup_vault)
        points = _points(backup_vault)
        expect(len(points) <= 1, f"{len(points)} restore points from one backup")
        if run.done:
            expect(len(points) == 1, "reported done, but the backup is missing")
        for point in points:
            kept = open_with_each(point, [PASSPHRASE], TEST_KDF)
            expect(kept and kept[0].state == backup_before, "the backup is not the journal")
        expect(not _lost_files(backup_vault), f"stray files: {_lost_files(backup_vault)}")

    scenes["backup"] = Scene(
        "backup",
        folder,
        pristine,
        _opening(backup_vault),
        check_backup,
    )

    # export-json: a month's journal to a plain-text file beside it.
    pristine, folder = scene("export-json")
    export_before = _filled(pristine / "v.rjvault", 30, TEST_KDF)
    export_vault, output = folder / "v.rjvault", folder / "out.json"

    def check_export(run: Run) -> None:
        opened = open_with_each(export_vault, [PASSPHRASE], TEST_KDF)
        expect(len(opened) == 1, "the passphrase does not open the vault")
        expect(opened[0].state == export_before, "the journal changed")
        if run.done:
            expect(output.exists(), "reported done, but the export is missing")
        if output.exists():
            expect(output.read_text("utf-8") == export_before, "the export is not whole")
            expect(oct(output.stat().st_mode & 0o777) == "0o600", "the export is not private")
        _common_after(scenes["export-json"], export_vault, allowed_plain=output)

    scenes["export-json"] = Scene(
        "export-json",
        folder,
        pristine,
        _opening(export_vault, output=str(output)),
        check_export,
    )

    # import-json: two months' export into a new, empty vault.
    from recovery_journal.store import create_vault

    pristine, folder = scene("import-json")
    source = inputs / "source.json"
    source.write_text(_filled(inputs / "source.rjvault", 60, TEST_KDF), "utf-8")
    empty = create_vault(pristine / "v.rjvault", PASSPHRASE, kdf_iterations=TEST_KDF)
    import_empty = _state(empty)
    empty.close()
    import_after = source.read_text("utf-8")
    import_vault = folder / "v.rjvault"

    def check_import(run: Run) -> None:
        opened = open_with_each(import_vault, [PASSPHRASE], TEST_KDF)
        expect(len(opened) == 1, "the passphrase does not open the vault")
        state = opened[0].state
        expect(state in (import_empty, import_after), "imported in part")
        if run.done:
            expect(state == import_after, "reported done, but the import is not there")
        _common_after(scenes["import-json"], import_vault)
        expect(not _points(import_vault), "a restore point appeared")

    scenes["import-json"] = Scene(
        "import-json",
        folder,
        pristine,
        _opening(import_vault, source=str(source)),
        check_import,
    )

    # sync: the journal's first exchange through a shared folder where another computer's
    # file already waits with three notes written there (issue 24).
    pristine, folder = scene("sync")
    sync_before = _filled(pristine / "v.rjvault", 30, TEST_KDF)
    sync_vault, shared = folder / "v.rjvault", folder / "shared"
    sync_after, other_file = _other_computer(pristine)

    def check_sync(run: Run) -> None:
        opened = open_with_each(sync_vault, [PASSPHRASE], TEST_KDF)
        expect(len(opened) == 1, "the passphrase does not open the vault")
        state = opened[0].state
        expect(state in (sync_before, sync_after), "neither before nor after the exchange")
        if run.done:
            expect(state == sync_after, "reported done, but the other computer's notes are not in")
        expect(
            (shared / other_file.name).read_bytes() == other_file.read_bytes(),
            "the other computer's file changed",
        )
        for file in shared.glob("*.rjsync"):
            _whole_sync_file(file)
        _common_after(scenes["sync"], sync_vault)
        expect(not _points(sync_vault), "a restore point appeared")

    scenes["sync"] = Scene(
        "sync", folder, pristine, _opening(sync_vault, shared=str(shared)), check_sync
    )

    # create: a new vault where there was none.
    pristine, folder = scene("create")
    created = folder / "new.rjvault"

    def check_create(run: Run) -> None:
        if run.done:
            expect(created.exists(), "reported created, but there is no vault")
        if created.exists():
            opened = open_with_each(created, [PASSPHRASE], TEST_KDF)
            expect(len(opened) == 1, "the passphrase does not open the new vault")
            # Each new vault has an identifier of its own (schema 8), not the person's writing.
            expect(
                _without_id(opened[0].state) == _without_id(import_empty),
                "the new vault is not empty",
            )
        else:
            expect(not Path(f"{created}-wal").exists(), "a WAL beside no vault")
        _common_after(scenes["create"], created)

    scenes["create"] = Scene(
        "create",
        folder,
        pristine,
        _opening(created),
        check_create,
    )
    return scenes


def _other_computer(pristine: Path) -> tuple[str, Path]:
    """Another computer's file in ``pristine``/shared: the journal there, joined from this one's,
    with three notes written there; and the state this journal has once it took them in."""
    from datetime import UTC, date, datetime

    from recovery_journal import store
    from recovery_journal.domain.notes import DailyNote
    from recovery_journal.services.sync import exchange, share_through
    from recovery_journal.store import create_vault, open_vault, vault_file

    vault_file.KDF_ITERATIONS = TEST_KDF
    work = pristine.parent / "sync-work"
    shutil.copytree(pristine, work)
    shared = work / "shared"
    shared.mkdir()
    moment = datetime(2026, 12, 6, tzinfo=UTC)
    this = open_vault(work / "v.rjvault", PASSPHRASE, kdf_iterations=TEST_KDF)
    share_through(this, store, shared, PASSPHRASE, moment)
    own = set(shared.iterdir())
    other = create_vault(work / "other.rjvault", PASSPHRASE, kdf_iterations=TEST_KDF)
    share_through(other, store, shared, PASSPHRASE, moment)
    with other.transaction():
        for day in (1, 2, 3):
            other.notes.save(DailyNote(date(2026, 12, day), f"there {day}", moment, moment))
    exchange(other, store, moment)
    other.close()
    exchange(this, store, moment)
    after = _state(this)
    this.close()
    (other_file,) = set(shared.iterdir()) - own
    (pristine / "shared").mkdir()
    kept = shutil.copy2(other_file, pristine / "shared" / other_file.name)
    shutil.rmtree(work)
    return after, Path(kept)


def _whole_sync_file(path: Path) -> None:
    """A file in the shared folder opens whole with the journal's passphrase."""
    from recovery_journal.store import read_sync_file, salt_of
    from recovery_journal.store.sync_file import derive_sync_key

    salt = salt_of(path)
    expect(salt is not None, f"{path.name} is empty")
    try:
        read_sync_file(path, derive_sync_key(PASSPHRASE, salt))
    except Exception as error:  # noqa: BLE001 - any failure breaks the promise
        raise Failure(f"{path.name} in the shared folder is not whole: {error}") from error


def _opened_notes(_state_text: str) -> int:
    return len(json.loads(_state_text)["daily_notes"])


# --- the matrix ----------------------------------------------------------------------------------


def _listing(folder: Path) -> str:
    rows = []
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            rows.append(f"    {path.relative_to(folder)}  {path.stat().st_size} bytes")
    return "\n".join(rows) or "    (empty)"


def _check(matrix: Matrix, scene: Scene, tally: Tally, run: Run, what: str, keep: Path) -> None:
    tally.tried += 1
    tally.killed += run.killed
    if not run.killed and not run.done:
        problem = f"the run was neither killed nor finished (exit {run.returncode})"
        problem += f": {run.stderr.strip()[-1500:]}"
    else:
        listing = _listing(scene.folder)
        try:
            scene.check(run)
            problem = ""
        except Failure as failure:
            problem = f"{failure}\n  files right after the kill:\n{listing}"
        except Exception:  # noqa: BLE001 - reported as a failure with its traceback
            problem = f"{traceback.format_exc()}\n  files right after the kill:\n{listing}"
    if problem:
        tally.failed += 1
        matrix.failures.append(f"{scene.operation}, {what}: {problem}")
        if matrix.kept is None:
            matrix.kept = keep / scene.operation
            shutil.copytree(scene.folder, matrix.kept, dirs_exist_ok=True)
    else:
        tally.passed += 1
    scene.reset()
    with contextlib.suppress(FileNotFoundError):
        from recovery_journal.paths import unfinished_folder

        shutil.rmtree(unfinished_folder())


def run_matrix(args: argparse.Namespace, base: Path) -> Matrix:
    matrix = Matrix()
    home = base / "home"
    home.mkdir()
    env = _environment(home)
    # The checks in this process use the same private list of unfinished writes.
    for key in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        os.environ[key] = env[key]
    scenes = make_scenes(base, args.saves)
    rng = random.Random(args.seed)
    for operation in args.ops:
        scene = scenes[operation]
        scene.reset()
        params = {**scene.params}
        started = time.monotonic()
        # (a) random moments: a delay up to the length of an uninterrupted run's work.
        whole = run_random(operation, params, env, None)
        _check(matrix, scene, matrix.tally(operation, "(whole run)"), whole, "a whole run", base)
        duration = whole.seconds
        if operation == "save":
            duration = 0.5  # the loop runs until killed
            params_random = {**params, "saves": 100_000}
        else:
            params_random = params
        tally = matrix.tally(operation, "random")
        for number in range(args.random):
            delay = rng.uniform(0, duration)
            run = run_random(operation, params_random, env, delay)
            _check(matrix, scene, tally, run, f"random kill #{number + 1} at {delay:.3f} s", base)
        # (b) exact system calls of the operation's own work.
        if STRACE is None:
            continue
        ranges = own_calls(operation, params, env, base)
        scene.reset()
        for syscall in SYSCALLS:
            first, last = ranges[syscall]
            tally = matrix.tally(operation, syscall)
            tally.calls = max(0, last - first + 1)
            most = args.writes if syscall in SAMPLED else args.every
            for when in sample(first, last, most):
                run = run_exact(operation, params, env, syscall, when)
                what = f"killed at {syscall} #{when} (own call {when - first + 1} of {tally.calls})"
                _check(matrix, scene, tally, run, what, base)
        print(f"  {operation}: {time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)
    return matrix


def print_table(matrix: Matrix, ops: list[str], seconds: float) -> None:
    print(
        f"{'operation':<18} {'kill at':<12} {'own calls':>9} {'runs':>5} {'killed':>6} "
        f"{'passed':>6} {'failed':>6}"
    )
    totals = Tally()
    for operation in ops:
        op_total = Tally()
        for (name, kind), tally in matrix.tallies.items():
            if name != operation:
                continue
            calls = "" if tally.calls is None else str(tally.calls)
            print(
                f"{operation:<18} {kind:<12} {calls:>9} {tally.tried:>5} {tally.killed:>6} "
                f"{tally.passed:>6} {tally.failed:>6}"
            )
            for total in (op_total, totals):
                total.tried += tally.tried
                total.killed += tally.killed
                total.passed += tally.passed
                total.failed += tally.failed
        print(
            f"{operation:<18} {'= all':<12} {'':>9} {op_total.tried:>5} {op_total.killed:>6} "
            f"{op_total.passed:>6} {op_total.failed:>6}"
        )
    print(
        f"{'all operations':<18} {'':<12} {'':>9} {totals.tried:>5} {totals.killed:>6} "
        f"{totals.passed:>6} {totals.failed:>6}"
    )
    print(f"wall time {seconds:.0f} s ({seconds / 60:.1f} min)")


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help="3 random kills and at most 3 "
        "exact kills per system call (first, middle, last) per operation",
    )
    parser.add_argument(
        "--random", type=int, default=None, help="random kills per operation (full: 20)"
    )
    parser.add_argument(
        "--writes",
        type=int,
        default=None,
        help="most write/pwrite64 kills per operation, evenly spaced (full: 40)",
    )
    parser.add_argument(
        "--every",
        type=int,
        default=None,
        help="most kills per other system call (full: every call)",
    )
    parser.add_argument("--saves", type=int, default=3, help="saves in the save loop's exact run")
    parser.add_argument(
        "--ops",
        default=",".join(OPERATIONS),
        help=f"which operations, comma-separated: {', '.join(OPERATIONS)}",
    )
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument(
        "--keep",
        type=Path,
        default=None,
        help="where to keep the first "
        "failure's files (default: a folder under the system's temporary one)",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.random = 3 if args.random is None else args.random
        args.writes = 3 if args.writes is None else args.writes
        args.every = 3 if args.every is None else args.every
    else:
        args.random = 20 if args.random is None else args.random
        args.writes = 40 if args.writes is None else args.writes
    args.ops = [op.strip() for op in args.ops.split(",") if op.strip()]
    unknown = set(args.ops) - set(OPERATIONS)
    if unknown:
        parser.error(f"unknown operations: {', '.join(sorted(unknown))}")
    return args


@contextlib.contextmanager
def _work_folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="kill-matrix-") as folder:
        yield Path(folder)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    if STRACE is None:
        print("strace is not installed: only the random kills run", file=sys.stderr)
    started = time.monotonic()
    with _work_folder() as base:
        matrix = run_matrix(args, base)
        seconds = time.monotonic() - started
        print_table(matrix, args.ops, seconds)
        print(
            f"sampling: write and pwrite64 at most {args.writes} evenly spaced per operation; "
            f"other calls {'every one' if args.every is None else f'at most {args.every}'}; "
            f"{args.random} random kills per operation"
        )
        if not matrix.failures:
            return 0
        keep = args.keep or Path(tempfile.mkdtemp(prefix="kill-matrix-failure-"))
        if matrix.kept is not None:
            shutil.copytree(matrix.kept, keep, dirs_exist_ok=True)
        print(f"\n{len(matrix.failures)} failure(s). The first:\n{matrix.failures[0]}")
        print(f"its files are kept in {keep}")
        return 1


if __name__ == "__main__":
    sys.exit(main())
