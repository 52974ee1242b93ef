"""File dialogs open in the person's Documents folder, then where they last saved; the menu's
JSON export reaches its dialog."""

from __future__ import annotations

# ruff: noqa: F811 - the controllers fixture is imported from test_ui and used as an argument
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox

from recovery_journal.ui.file_dialogs import FileKind, save_file_name, start_folder
from tests.test_safety_ui import _open
from tests.test_ui import controllers, settle  # noqa: F401


def _asked_folders(monkeypatch, answer: Path | None) -> list[str]:
    asked: list[str] = []

    def dialog(parent, title, directory, filters, *rest):
        asked.append(directory)
        return (str(answer) if answer else "", "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    return asked


def test_a_save_dialog_opens_in_documents_then_in_the_folder_last_chosen(
    qapp, monkeypatch, tmp_path
):
    documents = Path.home() / "Documents"
    documents.mkdir()
    monkeypatch.chdir(tmp_path)  # started from a source checkout, say
    chosen = tmp_path / "for my sponsor" / "report.pdf"
    chosen.parent.mkdir()
    asked = _asked_folders(monkeypatch, chosen)
    assert save_file_name(None, FileKind.REPORT, "Save", "report.pdf", "*.pdf") == chosen
    assert Path(asked[0]) == documents / "report.pdf"
    save_file_name(None, FileKind.REPORT, "Save", "report.pdf", "*.pdf")
    assert Path(asked[1]) == chosen.parent / "report.pdf"
    # Each kind of file remembers its own folder.
    assert start_folder(FileKind.EXPORT) == documents


def test_without_a_documents_folder_the_dialog_opens_at_home(qapp, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert start_folder(FileKind.CHART) == Path.home()


def test_the_menus_json_export_asks_where_and_writes_the_file(
    qapp, qtbot, controllers, vault_path, tmp_path, monkeypatch
):
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Yes)
    target = tmp_path / "everything.json"
    asked = _asked_folders(monkeypatch, target)
    export = next(
        action
        for action in window.findChildren(QAction)
        if action.text() == "&Export everything as JSON…"
    )
    export.trigger()  # as the menu does, with its `checked` argument
    settle(qtbot, controller)
    assert asked, "no file dialog was shown"
    assert Path(asked[0]).parent == Path.home()  # not the folder the program was started in
    qtbot.waitUntil(target.exists, timeout=5_000)
    assert "not encrypted" in window.banner.text()
