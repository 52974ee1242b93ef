"""The vault file on real SQLCipher files: settings, secrecy, and every way opening can fail."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import unicodedata
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import sqlcipher3

from recovery_journal.domain.notes import DailyNote
from recovery_journal.errors import (
    NotAVault,
    VaultDamaged,
    VaultExists,
    VaultMissing,
    VaultTooNew,
    WrongPassphrase,
)
from recovery_journal.store import create_vault, ensure_cipher_available, open_vault
from recovery_journal.store.vault_file import APPLICATION_ID, KDF_ITERATIONS, PAGE_SIZE
from tests.conftest import PASSPHRASE, TEST_KDF, reopen

SECRET_SENTENCE = "I took the money from my mother's purse in March"
MOMENT = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)


def _fill(vault, days: int = 200) -> None:
    with vault.transaction():
        for offset in range(days):
            day = date(2025, 1, 1).fromordinal(date(2025, 1, 1).toordinal() + offset)
            vault.notes.save(DailyNote(day, f"Day {offset}: " + "steady. " * 40, MOMENT, MOMENT))


def _digest(path: Path) -> dict[str, str | None]:
    """The vault and its WAL. (The -shm file is only SQLite's shared index; it holds no data.)"""
    result: dict[str, str | None] = {}
    for suffix in ("", "-wal"):
        candidate = Path(f"{path}{suffix}")
        result[suffix] = (
            hashlib.sha256(candidate.read_bytes()).hexdigest() if candidate.exists() else None
        )
    return result


@pytest.fixture
def filled_vault(vault_path: Path) -> Path:
    vault = create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    _fill(vault)
    vault.close()
    assert not Path(f"{vault_path}-wal").exists(), "closing should checkpoint the WAL away"
    return vault_path


def _flip_byte(path: Path, offset: int) -> None:
    with path.open("r+b") as handle:
        handle.seek(offset)
        value = handle.read(1)[0]
        handle.seek(offset)
        handle.write(bytes([value ^ 0x5A]))


# --- the happy path and the promised settings ---------------------------------------------------


def test_cipher_is_sqlcipher_4_with_fts5():
    ensure_cipher_available()
    conn = sqlcipher3.connect(":memory:")
    assert conn.execute("PRAGMA cipher_version").fetchone()[0].startswith("4.")


def test_new_vault_is_private_and_configured(new_vault, vault_path):
    assert oct(vault_path.stat().st_mode & 0o777) == "0o600"
    conn = new_vault._conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert new_vault.schema_version() >= 1
    assert new_vault.integrity_problems() == []
    assert [p.name for p in vault_path.parent.iterdir() if "creating" in p.name] == []


def test_vault_opens_in_any_sqlcipher_4_client_with_only_the_passphrase(tmp_path):
    path = tmp_path / "real.rjvault"
    create_vault(path, PASSPHRASE).close()  # the app's real settings, 256,000 iterations
    conn = sqlcipher3.connect(str(path))
    conn.set_key(PASSPHRASE)
    conn.execute("PRAGMA cipher_compatibility = 4")
    assert conn.execute("PRAGMA kdf_iter").fetchone()[0] == str(KDF_ITERATIONS)
    assert conn.execute("PRAGMA cipher_kdf_algorithm").fetchone()[0] == "PBKDF2_HMAC_SHA512"
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert "daily_notes" in tables
    conn.close()


def test_written_sentence_is_in_neither_vault_nor_wal(new_vault, vault_path):
    with new_vault.transaction():
        new_vault.notes.save(DailyNote(date(2026, 11, 23), SECRET_SENTENCE, MOMENT, MOMENT))
    # Read while the connection is still open, so the WAL holds the fresh page.
    wal = Path(f"{vault_path}-wal")
    assert wal.exists() and wal.stat().st_size > 0
    needles = [SECRET_SENTENCE.encode(), b"mother's purse", "purse".encode("utf-16-le")]
    files = [Path(f"{vault_path}{suffix}") for suffix in ("", "-wal", "-shm")]
    for path in [f for f in files if f.exists()]:
        data = path.read_bytes()
        for needle in needles:
            assert needle not in data, f"plain text found in {path.name}"
    assert new_vault.notes.get(date(2026, 11, 23)).text == SECRET_SENTENCE


def test_reopen_keeps_what_was_written(new_vault, vault_path):
    with new_vault.transaction():
        new_vault.notes.save(DailyNote(date(2026, 11, 23), "Still here.", MOMENT, MOMENT))
    new_vault.close()
    again = reopen(vault_path)
    try:
        assert again.notes.get(date(2026, 11, 23)).text == "Still here."
    finally:
        again.close()


def test_transaction_rolls_back_everything_on_error(new_vault):
    with pytest.raises(RuntimeError), new_vault.transaction():
        new_vault.notes.save(DailyNote(date(2026, 1, 1), "one", MOMENT, MOMENT))
        with new_vault.transaction():
            new_vault.notes.save(DailyNote(date(2026, 1, 2), "two", MOMENT, MOMENT))
        raise RuntimeError("boom")
    assert new_vault.notes.count() == 0


def test_nested_failure_rolls_back_only_the_inner_block(new_vault):
    with new_vault.transaction():
        new_vault.notes.save(DailyNote(date(2026, 1, 1), "kept", MOMENT, MOMENT))
        with pytest.raises(ValueError), new_vault.transaction():
            new_vault.notes.save(DailyNote(date(2026, 1, 2), "dropped", MOMENT, MOMENT))
            raise ValueError
    assert [n.text for n in new_vault.notes.all()] == ["kept"]


# --- passphrases --------------------------------------------------------------------------------


def test_wrong_passphrase(filled_vault):
    before = _digest(filled_vault)
    with pytest.raises(WrongPassphrase) as caught:
        reopen(filled_vault, "four calm words her")
    assert "passphrase" in caught.value.message()
    assert _digest(filled_vault) == before


def test_nfd_typed_passphrase_opens_a_vault_made_with_nfc(vault_path):
    composed = unicodedata.normalize("NFC", "тёплый café ночью")
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    create_vault(vault_path, composed, kdf_iterations=TEST_KDF).close()
    reopen(vault_path, decomposed).close()
    # And the other way round: a vault made from NFD input opens with NFC input.
    other = vault_path.with_name("other.rjvault")
    create_vault(other, decomposed, kdf_iterations=TEST_KDF).close()
    reopen(other, composed).close()


def test_cyrillic_passphrase_is_not_the_same_as_its_latin_lookalike(vault_path):
    create_vault(vault_path, "сова сова сова", kdf_iterations=TEST_KDF).close()
    with pytest.raises(WrongPassphrase):
        reopen(vault_path, "cова cова cова")  # Latin "c"


# --- files that are not (or no longer) a good vault -----------------------------------------------


def test_missing_file(tmp_path):
    with pytest.raises(VaultMissing):
        reopen(tmp_path / "nothing.rjvault")
    assert not (tmp_path / "nothing.rjvault").exists()


def test_zero_length_file_is_never_replaced_by_a_new_vault(vault_path):
    vault_path.write_bytes(b"")
    with pytest.raises(NotAVault) as caught:
        reopen(vault_path)
    assert "empty" in caught.value.message()
    assert vault_path.stat().st_size == 0
    with pytest.raises(VaultExists):
        create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    assert vault_path.stat().st_size == 0


def test_plain_sqlite_file(vault_path):
    conn = sqlite3.connect(vault_path)
    conn.execute("CREATE TABLE diary (text)")
    conn.execute("INSERT INTO diary VALUES ('plain')")
    conn.commit()
    conn.close()
    before = _digest(vault_path)
    with pytest.raises(NotAVault) as caught:
        reopen(vault_path)
    assert "unencrypted" in caught.value.message()
    assert _digest(vault_path) == before


def test_random_bytes_are_not_a_vault(vault_path):
    vault_path.write_bytes(os.urandom(50_000))
    before = _digest(vault_path)
    with pytest.raises(NotAVault):
        reopen(vault_path)
    assert _digest(vault_path) == before


def test_other_programs_sqlcipher_database_is_not_a_vault(vault_path):
    conn = sqlcipher3.connect(str(vault_path))
    conn.set_key(PASSPHRASE)
    conn.execute("PRAGMA cipher_compatibility = 4")
    conn.execute(f"PRAGMA kdf_iter = {TEST_KDF}")
    conn.execute("CREATE TABLE passwords (site, secret)")
    conn.commit()
    conn.close()
    before = _digest(vault_path)
    with pytest.raises(NotAVault) as caught:
        reopen(vault_path)
    assert "another program" in caught.value.message()
    assert _digest(vault_path) == before


@pytest.mark.parametrize("page", [1, 3, "last"])
def test_byte_flipped_inside_a_page_is_reported_as_damage(filled_vault, page):
    pages = filled_vault.stat().st_size // PAGE_SIZE
    number = pages if page == "last" else page
    _flip_byte(filled_vault, (number - 1) * PAGE_SIZE + 1500)
    before = _digest(filled_vault)
    try:
        vault = reopen(filled_vault)
    except VaultDamaged as error:
        assert "damaged" in error.message()
    else:
        # Tampering far from the pages opening reads is found by the integrity check.
        try:
            problems = vault.integrity_problems()
        finally:
            vault.close()
        assert any(f"page {number}" in problem for problem in problems), problems
    assert _digest(filled_vault)[""] == before[""]


def _root_page(path: Path, table: str) -> int:
    """The page a scan of ``table`` reads first (its b-tree's root)."""
    vault = reopen(path)
    try:
        query = "SELECT rootpage FROM sqlite_master WHERE name = ?"
        return int(vault._conn.execute(query, (table,)).fetchone()[0])
    finally:
        vault.close()


def test_damaged_page_met_while_reading_becomes_a_clear_error(filled_vault):
    _flip_byte(filled_vault, (_root_page(filled_vault, "daily_notes") - 1) * PAGE_SIZE + 900)
    vault = reopen(filled_vault)
    try:
        with pytest.raises(sqlcipher3.DatabaseError) as caught:
            list(vault.notes.all())
        translated = vault.translate_error(caught.value)
        assert isinstance(translated, VaultDamaged)
    finally:
        vault.close()


def test_wrong_passphrase_on_a_damaged_vault_is_still_wrong_passphrase(filled_vault):
    _flip_byte(filled_vault, 2 * PAGE_SIZE + 10)
    with pytest.raises(WrongPassphrase):
        reopen(filled_vault, "not the passphrase")


def test_truncated_mid_page(filled_vault):
    os.truncate(filled_vault, filled_vault.stat().st_size - 1000)
    before = _digest(filled_vault)
    with pytest.raises(VaultDamaged):
        reopen(filled_vault)
    assert _digest(filled_vault) == before


def test_truncated_on_a_page_boundary_is_found_by_the_integrity_check(filled_vault):
    os.truncate(filled_vault, 4 * PAGE_SIZE)
    before = _digest(filled_vault)
    try:
        vault = reopen(filled_vault)
    except VaultDamaged:
        assert _digest(filled_vault) == before
        return
    try:
        assert vault.integrity_problems() != []
    finally:
        vault.close()


def test_truncated_to_less_than_a_page(filled_vault):
    os.truncate(filled_vault, 100)
    with pytest.raises((NotAVault, VaultDamaged)):
        reopen(filled_vault)
    assert filled_vault.stat().st_size == 100


def test_vault_from_a_newer_version_is_refused_unchanged(filled_vault):
    vault = reopen(filled_vault)
    vault._conn.execute("PRAGMA user_version = 99")
    vault.close()
    before = _digest(filled_vault)
    with pytest.raises(VaultTooNew) as caught:
        reopen(filled_vault)
    assert caught.value.found == 99
    assert "newer version" in caught.value.message()
    assert _digest(filled_vault) == before


def test_failed_open_with_a_wal_left_by_a_crash_changes_nothing(filled_vault, tmp_path):
    # Copy the vault and its WAL while a writer still has them open: what a crash leaves.
    vault = reopen(filled_vault)
    with vault.transaction():
        vault.notes.save(DailyNote(date(2030, 1, 1), "after the crash", MOMENT, MOMENT))
    crashed = tmp_path / "crashed.rjvault"
    shutil.copy(filled_vault, crashed)
    shutil.copy(f"{filled_vault}-wal", f"{crashed}-wal")
    vault.close()
    before = _digest(crashed)
    with pytest.raises(WrongPassphrase):
        reopen(crashed, "some other words")
    assert _digest(crashed) == before
    recovered = reopen(crashed)
    try:
        assert recovered.notes.get(date(2030, 1, 1)).text == "after the crash"
    finally:
        recovered.close()


def test_create_refuses_an_existing_file_and_a_directory(tmp_path):
    existing = tmp_path / "notes.txt"
    existing.write_text("my notes")
    with pytest.raises(VaultExists):
        create_vault(existing, PASSPHRASE, kdf_iterations=TEST_KDF)
    assert existing.read_text() == "my notes"
    with pytest.raises(NotAVault):
        reopen(tmp_path)


def test_default_kdf_is_the_sqlcipher_4_default():
    assert KDF_ITERATIONS == 256_000


def test_open_with_real_iterations_is_not_mistaken_for_wrong_passphrase(tmp_path):
    path = tmp_path / "real.rjvault"
    create_vault(path, PASSPHRASE).close()
    open_vault(path, PASSPHRASE).close()
    with pytest.raises(WrongPassphrase):
        open_vault(path, PASSPHRASE, kdf_iterations=TEST_KDF)


def test_memory_security_is_off_as_decided(new_vault):
    # A written decision (see _connect in store/vault_file.py): it cost 3-9x on every write
    # and protected nothing that Python's own copies of the words leave open.
    assert new_vault._conn.execute("PRAGMA cipher_memory_security").fetchone()[0] in (0, "0")


def test_a_binding_without_sqlcipher_fails_closed(monkeypatch, tmp_path):
    from recovery_journal.errors import CipherUnavailable
    from recovery_journal.store import vault_file

    monkeypatch.setattr(vault_file, "_cipher_checked", False)
    monkeypatch.setattr(vault_file, "sqlcipher3", None)
    with pytest.raises(CipherUnavailable) as caught:
        create_vault(tmp_path / "v.rjvault", PASSPHRASE, kdf_iterations=TEST_KDF)
    assert "Reinstall" in caught.value.message()
    assert not (tmp_path / "v.rjvault").exists()


def test_plain_sqlite_posing_as_the_binding_fails_closed(monkeypatch):
    # The stdlib sqlite3 answers PRAGMA cipher_version with nothing: it must be refused.
    from recovery_journal.errors import CipherUnavailable
    from recovery_journal.store import vault_file

    monkeypatch.setattr(vault_file, "_cipher_checked", False)
    monkeypatch.setattr(vault_file, "sqlcipher3", sqlite3)
    with pytest.raises(CipherUnavailable):
        ensure_cipher_available()


def test_a_second_opener_is_told_the_vault_is_busy(new_vault, vault_path):
    from recovery_journal.errors import VaultBusy

    with new_vault.transaction():
        new_vault.notes.save(DailyNote(date(2026, 5, 1), "first copy", MOMENT, MOMENT))
    with pytest.raises(VaultBusy) as caught:
        reopen(vault_path)
    assert "open in another copy" in caught.value.message()
    # The first copy carries on untouched.
    with new_vault.transaction():
        new_vault.notes.save(DailyNote(date(2026, 5, 2), "still mine", MOMENT, MOMENT))
    assert new_vault.notes.count() == 2


def test_a_vault_found_damaged_stops_taking_writes(new_vault):
    from recovery_journal.services.integrity import check_after_unlock

    assert check_after_unlock(new_vault) == []
    new_vault.stop_writing()
    with pytest.raises(sqlcipher3.OperationalError) as caught:
        new_vault.notes.save(DailyNote(date(2026, 5, 1), "x", MOMENT, MOMENT))
    assert isinstance(new_vault.translate_error(caught.value), VaultDamaged)


def test_io_errors_are_not_called_damage(new_vault):
    from recovery_journal.errors import VaultUnreadable

    error = sqlcipher3.OperationalError("disk I/O error")
    error.sqlite_errorcode = 10
    assert isinstance(new_vault.translate_error(error), VaultUnreadable)
