"""Nothing lost, nothing silently wrong: kill -9 mid-save and mid-re-key, bit flips, fuzzed input.

Every test works on real vault files and real processes.
"""

from __future__ import annotations

import functools
import itertools
import json
import random
import signal
import subprocess
import sys
import time
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recovery_journal.errors import ImportRejected, JournalError, WrongPassphrase
from recovery_journal.services.demo import fill_demo
from recovery_journal.services.export import (
    dumps,
    export_document,
    import_document,
    parse_document,
)
from recovery_journal.store import create_vault, open_vault
from tests.conftest import PASSPHRASE, TEST_KDF, reopen

ROOT = Path(__file__).parent.parent
FIRST_DAY = date(2000, 1, 1).toordinal()

SAVER = """
import sys
from datetime import UTC, date, datetime
from recovery_journal.domain.notes import DailyNote
from recovery_journal.store import open_vault

vault = open_vault(sys.argv[1], sys.argv[2], kdf_iterations=int(sys.argv[3]))
start = int(sys.argv[4])
moment = datetime(2026, 11, 24, tzinfo=UTC)
for number in range(start, start + 100_000):
    with vault.transaction():
        day = date.fromordinal(int(sys.argv[5]) + number)
        vault.notes.save(DailyNote(day, f"note {number} " + "x" * (number % 700), moment, moment))
    print(number, flush=True)  # reported done only after the commit returned
"""

REKEYER = """
import sys
from recovery_journal.store import open_vault

vault = open_vault(sys.argv[1], sys.argv[2], kdf_iterations=int(sys.argv[3]))
print("rekeying", flush=True)
vault.rekey(sys.argv[4])
vault.close()
print("done", flush=True)
"""


def _child(script: str, *args: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )


def test_every_save_reported_done_survives_kill_9(vault_path):
    create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF).close()
    rng = random.Random(8)
    confirmed = -1
    for _round in range(8):
        child = _child(SAVER, vault_path, PASSPHRASE, TEST_KDF, confirmed + 1, FIRST_DAY)
        assert child.stdout is not None
        wanted = rng.randint(1, 120)
        for _line in range(wanted):
            line = child.stdout.readline()
            if not line:
                break
            confirmed = int(line)
        # Killed in the middle of whatever it is doing: a write, a commit, an fsync.
        time.sleep(rng.random() * 0.01)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        for line in child.stdout.read().split():  # printed before the kill landed
            confirmed = int(line)
        child.stdout.close()
        assert child.stderr is not None
        child.stderr.close()
        vault = reopen(vault_path)
        try:
            assert vault.integrity_problems() == []
            count = vault.notes.count()
            assert count >= confirmed + 1  # nothing reported done is missing
            assert count <= confirmed + 2  # at most the one in flight, whole
            for number in (0, confirmed // 2, confirmed):
                note = vault.notes.get(date.fromordinal(FIRST_DAY + number))
                assert note is not None and note.text.startswith(f"note {number} ")
            confirmed = count - 1
        finally:
            vault.close()
    assert confirmed > 50


def test_a_kill_during_re_key_leaves_exactly_one_passphrase_working(vault_path):
    vault = create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    fill_demo(vault, 400, "en", end=date(2026, 11, 23))
    before = dumps(export_document(vault))
    vault.close()
    rng = random.Random(3)
    phrases = [PASSPHRASE, "second calm phrase"]
    current = 0
    outcomes = set()
    for _round in range(8):
        new = 1 - current
        child = _child(REKEYER, vault_path, phrases[current], TEST_KDF, phrases[new])
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "rekeying"
        time.sleep(rng.random() * 0.03)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        child.stdout.close()
        assert child.stderr is not None
        child.stderr.close()
        opened = []
        for index, phrase in enumerate(phrases):
            try:
                vault = reopen(vault_path, phrase)
            except WrongPassphrase:
                continue
            try:
                assert vault.integrity_problems() == []
                assert dumps(export_document(vault)) == before
            finally:
                vault.close()
            opened.append(index)
        assert len(opened) == 1, opened
        outcomes.add(opened[0] != current)
        current = opened[0]
    assert outcomes  # at least one round ran to an answer (often both outcomes are seen)


def test_bit_flips_anywhere_are_reported_never_silent(tmp_path, vault_path):
    vault = create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    fill_demo(vault, 60, "en", end=date(2026, 11, 23))
    vault.close()
    original = vault_path.read_bytes()
    rng = random.Random(11)
    offsets = [rng.randrange(len(original)) for _ in range(60)] + [0, 20, 4096, len(original) - 1]
    for number, offset in enumerate(offsets):
        data = bytearray(original)
        data[offset] ^= 1 << rng.randrange(8)
        copy = tmp_path / f"flip-{number}.rjvault"
        copy.write_bytes(bytes(data))
        try:
            flipped = reopen(copy)
        except JournalError as error:
            assert error.message() and "\n" not in error.message()
            continue
        try:
            problems = flipped.integrity_problems()
        finally:
            flipped.close()
        assert problems, f"a flipped bit at byte {offset} went unnoticed"


@functools.cache
def _demo_text(folder: Path) -> str:
    path = folder / "source.rjvault"
    vault = create_vault(path, PASSPHRASE, kdf_iterations=TEST_KDF)
    fill_demo(vault, 12, "ru", end=date(2026, 11, 23))
    text = dumps(export_document(vault))
    vault.close()
    return text


_names = itertools.count()


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*prefix, index))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=6,
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_a_real_export_changed_anywhere_imports_whole_or_not_at_all(tmp_path_factory, data):
    folder = tmp_path_factory.getbasetemp() / "fuzz-imports"
    folder.mkdir(exist_ok=True)
    document = json.loads(_demo_text(folder))
    paths = list(_paths(document))[1:]
    path = data.draw(st.sampled_from(paths))
    parent = document
    for key in path[:-1]:
        parent = parent[key]
    if data.draw(st.booleans()) and isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent[path[-1]] = data.draw(json_values)
    target_path = folder / f"target-{next(_names)}.rjvault"
    target = create_vault(target_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    try:
        new = target.settings.get_all()  # a new vault's: only its own identifier
        try:
            import_document(target, parse_document(json.dumps(document).encode()))
        except ImportRejected as rejected:
            assert rejected.message().endswith("nothing was imported.")
            assert target.is_empty() and target.settings.get_all() == new
        else:
            assert target.integrity_problems() == []
    finally:
        target.close()


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(passphrase=st.text(min_size=1, max_size=40), other=st.text(min_size=1, max_size=40))
def test_any_passphrase_opens_its_vault_and_no_other_does(tmp_path, passphrase, other):
    path = tmp_path / f"p-{next(_names)}.rjvault"
    create_vault(path, passphrase, kdf_iterations=TEST_KDF).close()
    # Typed composed or decomposed, it is the same passphrase.
    open_vault(path, unicodedata.normalize("NFD", passphrase), kdf_iterations=TEST_KDF).close()
    if unicodedata.normalize("NFC", other) != unicodedata.normalize("NFC", passphrase):
        with pytest.raises(WrongPassphrase):
            open_vault(path, other, kdf_iterations=TEST_KDF)
