"""Where a file dialog opens: the folder last chosen for that kind of file, else Documents.

Qt's dialogs open in the current folder when given none: started from a source checkout, the
sponsor report was offered a place inside a git tree. A private file belongs where the person
keeps their documents, and next time where they put the last one. Only the folder is kept (in
QSettings, like the window's size), never a file's name.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from recovery_journal.ui.ui_state import ui_settings

LAST_FOLDER = "files/last_folder"


class FileKind(StrEnum):
    REPORT = "report"
    EXPORT = "export"
    CHART = "chart"
    QUESTION_PACK = "question_pack"
    VAULT_COPY = "vault_copy"  # another copy of the journal, to merge


def documents_folder() -> Path:
    """The person's Documents folder, or their home folder where there is none."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    documents = Path(found) if found else Path.home()
    return documents if documents.is_dir() else Path.home()


def start_folder(kind: FileKind) -> Path:
    remembered = ui_settings().value(f"{LAST_FOLDER}/{kind.value}")
    if isinstance(remembered, str) and remembered and Path(remembered).is_dir():
        return Path(remembered)
    return documents_folder()


def _remember(kind: FileKind, chosen: Path) -> None:
    ui_settings().setValue(f"{LAST_FOLDER}/{kind.value}", str(chosen.parent))


def save_file_name(
    parent: QWidget, kind: FileKind, title: str, suggested_name: str, filters: str
) -> Path | None:
    """Ask where to save; None when the person cancels."""
    start = start_folder(kind) / suggested_name
    chosen, _filter = QFileDialog.getSaveFileName(parent, title, str(start), filters)
    if not chosen:
        return None
    path = Path(chosen)
    _remember(kind, path)
    return path


def open_file_name(parent: QWidget, kind: FileKind, title: str, filters: str) -> Path | None:
    """Ask which file to open; None when the person cancels."""
    chosen, _filter = QFileDialog.getOpenFileName(parent, title, str(start_folder(kind)), filters)
    if not chosen:
        return None
    path = Path(chosen)
    _remember(kind, path)
    return path
