"""Backups, restore, passphrase change and the JSON export, driven through the window."""
# ruff: noqa: F811 - the controllers fixture is imported from test_ui and used as an argument

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from recovery_journal.domain.backups import BackupReason
from recovery_journal.errors import WrongPassphrase
from recovery_journal.store import create_vault, open_vault
from tests.conftest import PASSPHRASE, TEST_KDF
from tests.test_ui import controllers, settle, start, unlock  # noqa: F401


def _open(qapp, qtbot, controllers, vault_path):
    if not vault_path.exists():
        create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF).close()
    controller, dialog = start(qapp, controllers, vault_path)
    window = unlock(qtbot, controller, dialog)
    return controller, window


def _type_note(qtbot, controller, window, text):
    editor = window.today.editor
    qtbot.waitUntil(lambda: not editor.isReadOnly(), timeout=5_000)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    for future in window.today.save_now():
        future.result(timeout=5)
    settle(qtbot, controller)


def test_back_up_now_then_restore_brings_the_old_words_back(qapp, qtbot, controllers, vault_path):
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    settle(qtbot, controller)  # the daily backup made at unlock
    _type_note(qtbot, controller, window, "Before the backup")
    dialog = window.open_backups()
    qtbot.waitUntil(lambda: dialog.settings is not None, timeout=5_000)
    qtbot.mouseClick(dialog.now_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Backed up"), timeout=10_000)
    qtbot.waitUntil(lambda: dialog.points.count() == 2, timeout=5_000)
    reasons = [
        dialog.points.item(row).data(Qt.ItemDataRole.UserRole).reason
        for row in range(dialog.points.count())
    ]
    dialog.points.setCurrentRow(reasons.index(BackupReason.BY_HAND))
    point = dialog.selected_point()
    assert point is not None and point.reason is BackupReason.BY_HAND
    dialog.close()
    _type_note(qtbot, controller, window, "After the backup")

    controller.restore(point, PASSPHRASE)
    qtbot.waitUntil(
        lambda: controller.window is not None and controller.window is not window,
        timeout=15_000,
    )
    restored = controller.window
    settle(qtbot, controller)
    qtbot.waitUntil(
        lambda: restored.today.editor.toPlainText() == "Before the backup", timeout=5_000
    )
    assert "restored" in restored.banner.text()
    # What was written since is kept as a restore point of its own.
    kept = list(point.path.parent.glob("* before-restore.rjvault"))
    assert len(kept) == 1
    controller.window.close()
    controller.shutdown()
    aside = open_vault(kept[0], PASSPHRASE, kdf_iterations=TEST_KDF)
    try:
        assert [n.text for n in aside.notes.all()] == ["After the backup"]
    finally:
        aside.close()


def test_a_backup_with_another_passphrase_is_refused_and_nothing_changes(
    qapp, qtbot, controllers, vault_path
):
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    settle(qtbot, controller)
    dialog = window.open_backups()
    qtbot.waitUntil(lambda: dialog.points.count() == 1 and dialog.settings is not None)
    dialog.points.setCurrentRow(0)
    point = dialog.selected_point()
    dialog.close()
    controller.restore(point, "not the passphrase")
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=10_000)
    assert "passphrase" in window.banner.text().lower()
    assert controller.window is window  # still open, nothing replaced


def test_changing_the_passphrase_from_the_window(qapp, qtbot, controllers, vault_path):
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    settle(qtbot, controller)
    dialog = window.open_change_passphrase()
    qtbot.keyClicks(dialog.current, "wrong current words")
    qtbot.keyClicks(dialog.new, "a brand new calm phrase")
    qtbot.keyClicks(dialog.repeat, "a brand new calm phrase")
    assert dialog.ok.isEnabled()
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "not changed" in window.banner.text(), timeout=15_000)

    dialog = window.open_change_passphrase()
    qtbot.keyClicks(dialog.current, PASSPHRASE)
    qtbot.keyClicks(dialog.new, "a brand new calm phrase")
    qtbot.keyClicks(dialog.repeat, "a brand new calm phras")
    assert not dialog.ok.isEnabled()  # the two do not match yet
    qtbot.keyClicks(dialog.repeat, "e")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "is changed" in window.banner.text(), timeout=15_000)
    _type_note(qtbot, controller, window, "Written after the change")
    window.close()
    controller.shutdown()
    try:
        open_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
        raise AssertionError("the old passphrase still opens the vault")
    except WrongPassphrase:
        pass
    vault = open_vault(vault_path, "a brand new calm phrase", kdf_iterations=TEST_KDF)
    try:
        assert [n.text for n in vault.notes.all()] == ["Written after the change"]
    finally:
        vault.close()


def test_the_json_export_warns_first_and_writes_only_when_agreed(
    qapp, qtbot, controllers, vault_path, tmp_path, monkeypatch
):
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    asked = []

    def cancel(*args, **kwargs):
        asked.append(args[2])
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "warning", cancel)
    window.export_json()
    assert asked and "not encrypted" in asked[0]
    target = tmp_path / "export.json"
    window.export_json(target)
    settle(qtbot, controller)
    assert target.exists() and target.stat().st_mode & 0o077 == 0
    assert "not encrypted" in window.banner.text()


def test_an_export_the_system_refuses_is_said_with_the_place(
    qapp, qtbot, controllers, vault_path, tmp_path
):
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    missing = tmp_path / "not made yet" / "export.json"
    window.export_json(missing)
    settle(qtbot, controller)
    assert window.banner.text() == (
        f"The folder {missing.parent} does not exist; choose another place."
    )
    window.export_json(tmp_path)
    settle(qtbot, controller)
    assert window.banner.text() == f"{tmp_path} is a folder, not a file; choose a file name."
