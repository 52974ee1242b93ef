"""Backups, restores, passphrase changes and the one-copy lock, on real vault files."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from recovery_journal.domain.backups import BackupReason, default_folder
from recovery_journal.errors import VaultBusy, VaultDamaged, WrongPassphrase
from recovery_journal.services.backups import (
    all_restore_points,
    backup_if_due,
    backup_settings,
    make_backup,
    save_backup_settings,
)
from recovery_journal.services.demo import fill_demo
from recovery_journal.services.export import dumps, export_document
from recovery_journal.store import (
    change_passphrase,
    in_use,
    open_vault,
    restore_backup,
)
from recovery_journal.store.lock_file import lock_path
from recovery_journal.store.migrations import latest_version
from tests.conftest import PASSPHRASE, TEST_KDF, reopen
from tests.test_migrations import FIXTURE_PASSPHRASE

FIXTURES = Path(__file__).parent / "fixtures" / "vaults"
NOW = datetime(2026, 11, 24, 21, 0, tzinfo=UTC)


@pytest.fixture
def filled(new_vault):
    fill_demo(new_vault, 30, "en", end=date(2026, 11, 23))
    return new_vault


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if ".writing-" in p.name or ".restoring-" in p.name]


def test_a_backup_opens_with_the_same_passphrase_and_holds_everything(filled, tmp_path):
    point = make_backup(filled, BackupReason.BY_HAND, NOW)
    assert point.path.parent == default_folder(filled.path)
    assert point.path.stat().st_mode & 0o077 == 0
    assert b"Tuesday" not in point.path.read_bytes()  # encrypted, like the vault
    copy = reopen(point.path)
    try:
        assert dumps(export_document(copy)) == dumps(export_document(filled))
        assert copy.integrity_problems() == []
    finally:
        copy.close()
    assert _leftovers(point.path.parent) == []
    with pytest.raises(WrongPassphrase):
        open_vault(point.path, "not the passphrase", kdf_iterations=TEST_KDF)


def test_only_the_chosen_number_of_automatic_backups_is_kept(filled, tmp_path):
    folder = tmp_path / "elsewhere"
    save_backup_settings(filled, folder, 3)
    by_hand = make_backup(filled, BackupReason.BY_HAND, NOW)
    for hours in range(5):
        make_backup(filled, BackupReason.SCHEDULED, NOW + timedelta(hours=hours + 1))
    points = all_restore_points(filled)
    assert [p.reason for p in points].count(BackupReason.SCHEDULED) == 3
    assert points[0].made_at == NOW + timedelta(hours=5)  # newest first
    assert by_hand.path in [p.path for p in points]  # made by hand: never thinned out
    assert backup_settings(filled).folder == folder


def test_a_scheduled_backup_is_made_once_a_day(filled):
    assert backup_if_due(filled, NOW) is not None
    assert backup_if_due(filled, NOW + timedelta(hours=5)) is None
    assert backup_if_due(filled, NOW + timedelta(days=1, minutes=1)) is not None
    assert len(all_restore_points(filled)) == 2


def test_a_damaged_vault_is_replaced_by_a_good_backup_and_kept_aside(filled, vault_path):
    point = make_backup(filled, BackupReason.SCHEDULED, NOW)
    before = dumps(export_document(filled))
    filled.close()
    data = bytearray(vault_path.read_bytes())
    data[len(data) // 2] ^= 0x40
    vault_path.write_bytes(bytes(data))
    with pytest.raises(VaultDamaged):
        damaged = reopen(vault_path)
        problems = damaged.integrity_problems()
        damaged.close()
        if problems:
            raise VaultDamaged(vault_path, "; ".join(problems))
    aside = vault_path.with_name("journal.damaged.rjvault")
    restore_backup(point.path, vault_path, PASSPHRASE, kdf_iterations=TEST_KDF, set_aside=aside)
    assert aside.read_bytes() == bytes(data)  # nothing thrown away
    restored = reopen(vault_path)
    try:
        assert dumps(export_document(restored)) == before
    finally:
        restored.close()
    assert _leftovers(vault_path.parent) == []


def test_a_backup_that_does_not_open_leaves_the_vault_untouched(filled, vault_path, tmp_path):
    point = make_backup(filled, BackupReason.SCHEDULED, NOW)
    filled.close()
    before = vault_path.read_bytes()
    with pytest.raises(WrongPassphrase):
        restore_backup(
            point.path, vault_path, "wrong words", kdf_iterations=TEST_KDF, set_aside=None
        )
    broken = tmp_path / "broken.rjvault"
    broken.write_bytes(point.path.read_bytes()[:-100])
    with pytest.raises(VaultDamaged):
        restore_backup(broken, vault_path, PASSPHRASE, kdf_iterations=TEST_KDF, set_aside=None)
    assert vault_path.read_bytes() == before
    assert _leftovers(vault_path.parent) == []


def test_an_upgrade_is_preceded_by_a_backup_of_the_old_schema(tmp_path):
    old = tmp_path / "old.rjvault"
    shutil.copy(FIXTURES / "schema-4.rjvault", old)
    vault = open_vault(old, FIXTURE_PASSPHRASE, backup_before_upgrade=True)
    try:
        assert vault.schema_version() == latest_version()
        points = all_restore_points(vault)
    finally:
        vault.close()
    assert [p.reason for p in points] == [BackupReason.MIGRATION]
    import sqlcipher3

    conn = sqlcipher3.connect(str(points[0].path))
    conn.set_key(FIXTURE_PASSPHRASE)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 4  # as it was before
    conn.close()
    # Opening an up-to-date vault makes no backup.
    open_vault(old, FIXTURE_PASSPHRASE, backup_before_upgrade=True).close()
    assert len(list(default_folder(old).iterdir())) == 1


def test_changing_the_passphrase_is_confirmed_by_reopening(filled, vault_path):
    before = dumps(export_document(filled))
    vault, changed = change_passphrase(
        filled, PASSPHRASE, "a new calm phrase", kdf_iterations=TEST_KDF
    )
    try:
        assert changed
        assert dumps(export_document(vault)) == before
    finally:
        vault.close()
    with pytest.raises(WrongPassphrase):
        reopen(vault_path)
    reopen(vault_path, "a new calm phrase").close()


def test_a_second_copy_is_refused_at_once_and_a_closed_vault_is_free(new_vault, vault_path):
    assert lock_path(vault_path).exists() and in_use(vault_path)
    script = (
        "import sys; from recovery_journal.store import open_vault\n"
        "from recovery_journal.errors import VaultBusy\n"
        "try:\n    open_vault(sys.argv[1], 'anything', kdf_iterations=4000)\n"
        "except VaultBusy as error:\n    print(error.message())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(vault_path)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).parent.parent,
    )
    assert "another" in result.stdout and result.returncode == 0, result.stderr
    with pytest.raises(VaultBusy):
        reopen(vault_path)  # the same process, a second time
    new_vault.close()
    assert not in_use(vault_path)
    reopen(vault_path).close()
