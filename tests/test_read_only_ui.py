"""The window on a journal it cannot write to (a read-only folder, a full disk), and beside it.

The journal opens and shows, one line says that nothing can be saved here and why, a save is
refused with that sentence (the words stay on screen, "Not saved"), closing is not blocked by a
refusal that can never succeed, and a backup copy can go to another folder.
"""
# ruff: noqa: F811 - the controllers fixture is imported from test_ui and used as an argument

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from recovery_journal.services.demo import fill_demo
from recovery_journal.store import create_vault, open_vault
from tests.conftest import PASSPHRASE, TEST_KDF, persons_today, reopen, without_evening_reminder
from tests.places import fill, full_disk, listing, read_only_view
from tests.test_lock_ui import _locked
from tests.test_ui import controllers, settle, start, unlock  # noqa: F401


def _journal(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "journal.rjvault"
    vault = create_vault(path, PASSPHRASE, kdf_iterations=TEST_KDF)
    fill_demo(vault, 30, "en", end=persons_today())
    vault.close()
    return path


def _notes(path: Path) -> list[str]:
    vault = reopen(path)
    try:
        return [note.text for note in vault.notes.all()]
    finally:
        vault.close()


def _type_and_wait_for_refusal(qtbot, window) -> None:
    page = window.today
    qtbot.waitUntil(lambda: not page.editor.isReadOnly(), timeout=5_000)
    qtbot.keyClicks(page.editor, " Words that cannot be kept here.")
    qtbot.waitUntil(lambda: page.save_state.text().startswith("Not saved —"), timeout=10_000)


def test_a_journal_in_a_read_only_folder_opens_for_reading_and_says_why(
    qapp, qtbot, controllers, tmp_path
):
    path = _journal(tmp_path / "source")
    before, notes = listing(path.parent), _notes(path)
    with read_only_view(path.parent, tmp_path / "snapshot") as view:
        controller, dialog = start(qapp, controllers, view / path.name)
        window = unlock(qtbot, controller, dialog)
        qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=5_000)
        assert window.banner.text().startswith("Open for reading only")
        assert "read-only folder" in window.banner.text()
        assert window.today.recent.count() > 0  # the journal itself is there to read
        _type_and_wait_for_refusal(qtbot, window)
        assert "nothing can be saved there" in window.banner.text()
        # Taken elsewhere: the whole journal as JSON, and the report (its choices, which it
        # would remember inside the vault, are not saved, and that does not stop it).
        exported = tmp_path / "all.json"
        window.export_json(exported)
        qtbot.waitUntil(lambda: window.banner.text().startswith("Exported to"), timeout=10_000)
        assert json.loads(exported.read_text("utf-8"))["daily_notes"]
        report = window.open_report()
        qtbot.waitUntil(lambda: report.options is not None and not report._busy, timeout=20_000)
        assert report.save(tmp_path / "report.pdf")
        qtbot.waitUntil(lambda: report.saved_to == tmp_path / "report.pdf", timeout=60_000)
        report.close()
        controller.change_passphrase(PASSPHRASE, "a brand new calm phrase")
        qtbot.waitUntil(lambda: "was not changed" in window.banner.text(), timeout=10_000)
        assert "read-only folder" in window.banner.text()
        window.close()  # not kept open by words that can never be saved here
        assert controller.window is None
        controller.shutdown()
    assert listing(path.parent) == before
    assert _notes(path) == notes


def test_a_full_disk_opens_for_reading_backs_up_elsewhere_and_writes_again_once_freed(
    qapp, qtbot, controllers, tmp_path, monkeypatch
):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    with full_disk(tmp_path / "disk") as disk:
        path = _journal(disk)
        notes = _notes(path)
        fill(disk)
        controller, dialog = start(qapp, controllers, path)
        window = unlock(qtbot, controller, dialog)
        qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=5_000)
        assert "disk holding your journal is full" in window.banner.text()
        _type_and_wait_for_refusal(qtbot, window)
        assert "is full, so nothing was changed" in window.banner.text()

        monkeypatch.setattr(
            QFileDialog, "getExistingDirectory", lambda *_args, **_kwargs: str(elsewhere)
        )
        backups = window.open_backups()
        qtbot.waitUntil(lambda: backups.settings is not None, timeout=5_000)
        assert backups.now_button.text() == "&Back up to a folder…"
        assert not backups.restore_button.isEnabled()
        qtbot.mouseClick(backups.now_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: backups.status.text().startswith("Backed up"), timeout=10_000)
        backups.close()
        copies = list(elsewhere.iterdir())
        assert len(copies) == 1 and _notes(copies[0]) == notes

        (disk / "filler").unlink()  # space freed: a lock and an unlock write again
        controller.lock()
        window = unlock(qtbot, controller, _locked(qtbot, controller))
        page = window.today
        qtbot.waitUntil(lambda: not page.editor.isReadOnly(), timeout=5_000)
        page.editor.selectAll()
        qtbot.keyClicks(page.editor, "Room again.")
        qtbot.waitUntil(lambda: page.save_state.text().startswith("Saved at"), timeout=10_000)
        assert not window.banner.isVisible()
        window.close()
        controller.shutdown()
        assert "Room again." in _notes(path)


def test_a_disk_filling_up_while_open_says_so_keeps_the_words_and_saves_once_freed(
    qapp, qtbot, controllers, tmp_path
):
    with full_disk(tmp_path / "disk") as disk:
        path = _journal(disk)
        without_evening_reminder(path)
        controller, dialog = start(qapp, controllers, path)
        window = unlock(qtbot, controller, dialog)
        assert not window.banner.isVisible()
        fill(disk)
        page = window.today
        qtbot.waitUntil(lambda: not page.editor.isReadOnly(), timeout=5_000)
        page.editor.selectAll()
        qtbot.keyClicks(page.editor, "Written as the disk filled up. " * 40)
        qtbot.waitUntil(lambda: page.save_state.text().startswith("Not saved —"), timeout=10_000)
        assert "is full, so nothing was changed" in window.banner.text()
        assert not window.close()  # the words are not given up while they could still be saved
        (disk / "filler").unlink()
        qtbot.keyClicks(page.editor, "Room again.")
        qtbot.waitUntil(lambda: page.save_state.text().startswith("Saved at"), timeout=10_000)
        window.close()
        assert controller.window is None
        controller.shutdown()
        assert any(text.endswith("Room again.") for text in _notes(path))


def test_the_reading_commands_work_while_the_window_holds_the_journal(
    qapp, qtbot, controllers, tmp_path
):
    from tests.test_cli import run

    path = tmp_path / "journal.rjvault"
    create_vault(path, PASSPHRASE).close()  # the app's own key derivation, as the CLI uses
    controller, dialog = start(qapp, controllers, path, kdf=None)
    window = unlock(qtbot, controller, dialog)
    page = window.today
    qtbot.waitUntil(lambda: not page.editor.isReadOnly(), timeout=5_000)
    qtbot.keyClicks(page.editor, "Saved while the window is open.")
    qtbot.waitUntil(lambda: page.save_state.text().startswith("Saved at"), timeout=10_000)
    for command in (("check",), ("export-json", "-o", "-"), ("backup", "-o", str(tmp_path / "b"))):
        result = run(*command, "--vault", str(path), passphrase=PASSPHRASE)
        assert result.returncode == 0, (command, result.stderr)
        if command[0] == "export-json":
            assert "Saved while the window is open." in result.stdout
    qtbot.keyClicks(page.editor, " And after.")  # the window carries on saving
    qtbot.waitUntil(lambda: page.save_state.text().startswith("Saved at"), timeout=10_000)
    window.close()
    controller.shutdown()
    vault = open_vault(path, PASSPHRASE)
    try:
        assert [note.text for note in vault.notes.all()] == [
            "Saved while the window is open. And after."
        ]
    finally:
        vault.close()
