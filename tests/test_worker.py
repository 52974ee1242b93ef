"""The vault worker: one thread owns the connection, errors come back as sentences."""

from __future__ import annotations

import threading
from datetime import date

import pytest
import sqlcipher3

from recovery_journal.errors import VaultDamaged, WrongPassphrase
from recovery_journal.services.today import load_today, save_daily_note
from recovery_journal.services.worker import VaultClosed, VaultWorker
from recovery_journal.store import open_vault
from tests.conftest import PASSPHRASE, TEST_KDF


def test_every_job_runs_on_the_thread_that_opened_the_vault(new_vault, vault_path):
    new_vault.close()
    worker = VaultWorker()
    try:
        worker.open(lambda: open_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)).result()
        threads = {worker.submit(lambda v: threading.get_ident()).result() for _ in range(20)}
        assert len(threads) == 1 and threading.get_ident() not in threads
        saved = worker.submit(lambda v: save_daily_note(v, date(2026, 11, 23), "hello")).result()
        assert saved.value.text == "hello"
        view = worker.submit(lambda v: load_today(v, date(2026, 11, 23))).result()
        assert view.note.text == "hello" and view.days_written == 1
    finally:
        worker.shutdown()


def test_open_errors_come_back_through_the_future(new_vault, vault_path):
    new_vault.close()
    worker = VaultWorker()
    try:
        future = worker.open(lambda: open_vault(vault_path, "nope nope", kdf_iterations=TEST_KDF))
        with pytest.raises(WrongPassphrase):
            future.result()
        with pytest.raises(VaultClosed):
            worker.submit(lambda v: v.notes.count()).result()
    finally:
        worker.shutdown()


def test_storage_errors_are_translated(new_vault, vault_path):
    new_vault.close()
    worker = VaultWorker()

    def damaged(_vault):
        error = sqlcipher3.DatabaseError("database disk image is malformed")
        error.sqlite_errorcode = 11
        raise error

    try:
        worker.open(lambda: open_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)).result()
        with pytest.raises(VaultDamaged):
            worker.submit(damaged).result()
        with pytest.raises(ZeroDivisionError):
            worker.submit(lambda v: 1 / 0).result()
    finally:
        worker.shutdown()


def test_shutdown_waits_for_queued_saves(new_vault, vault_path):
    new_vault.close()
    worker = VaultWorker()
    worker.open(lambda: open_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF))
    for day in range(1, 29):
        worker.submit(lambda v, d=day: save_daily_note(v, date(2026, 2, d), f"day {d}"))
    worker.shutdown()
    vault = open_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    try:
        assert vault.notes.count() == 28
    finally:
        vault.close()


def test_a_failed_job_leaves_no_live_frames_behind(tmp_path):
    """Frames (and the cursors in them) of a failed job are freed on the worker thread."""
    import gc
    import weakref

    from recovery_journal.services.worker import VaultWorker

    class Held:
        pass

    refs = []

    def failing(vault):
        held = Held()
        refs.append(weakref.ref(held))
        raise ValueError("no")

    worker = VaultWorker()
    worker.open(lambda: _FakeVault()).result()
    future = worker.submit(failing)
    error = future.exception()
    assert isinstance(error, ValueError)
    gc.disable()  # only reference counting may free it: the GUI thread never collects it
    try:
        assert refs[0]() is None
    finally:
        gc.enable()
        worker.shutdown()


class _FakeVault:
    def translate_error(self, error):
        return error

    def close(self):
        pass
