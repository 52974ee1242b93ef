"""Journal ▸ Import my sponsor's reply…: what came back is shown before anything is kept.

The reply is read on the vault's worker (``services.sponsor_reply``); the dialog shows each
comment under the item it is about, marks those already in the journal, and keeps the new ones
only when the person says so. A reply protected by the report's password asks for it here; what
is no reply is one sentence, and nothing is kept.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from recovery_journal.domain.ports import Vault
from recovery_journal.i18n import _, current_language, ngettext
from recovery_journal.services.changes import Changed
from recovery_journal.services.review import review_day
from recovery_journal.services.sponsor_reply import (
    ReplyPreview,
    ReplyProblem,
    keep_reply,
    left_out_text,
    read_reply_file,
)
from recovery_journal.ui.messages import error_sentence
from recovery_journal.ui.operations import Operations


def preview_html(preview: ReplyPreview) -> str:
    """Each comment under what it is about; those already kept, or changed since, say so."""
    parts = []
    for note in preview.notes:
        name = preview.names[note.about]
        heading = html.escape(name.text)
        mark = ""
        if note.uid in preview.changed:
            mark = _("(changed since it was kept: Keep puts these words in its place)")
        elif note.uid not in preview.new:
            mark = _("(already in your journal)")
        if mark:
            heading += f" <span style='font-weight:normal'>{html.escape(mark)}</span>"
        words = html.escape(note.text).replace("\n", "<br>")
        parts.append(f"<p><b>{heading}</b><br>{words}</p>")
    return "".join(parts)


def summary_text(preview: ReplyPreview) -> str:
    """What came back, in a sentence or three, above the notes."""
    new, changed = len(preview.new), len(preview.changed)
    lines = []
    if not preview.notes:
        lines.append(_("Nothing is written in this report yet."))
    elif not new and not changed:
        lines.append(_("Everything in this reply is already in your journal."))
    if new and preview.sponsor:
        lines.append(
            ngettext(
                "{count} new note from {sponsor}. Keep it beside what it is about?",
                "{count} new notes from {sponsor}. Keep them beside what they are about?",
                new,
            ).format(count=new, sponsor=preview.sponsor)
        )
    elif new:
        lines.append(
            ngettext(
                "{count} new note from your sponsor. Keep it beside what it is about?",
                "{count} new notes from your sponsor. Keep them beside what they are about?",
                new,
            ).format(count=new)
        )
    if changed:
        lines.append(
            ngettext(
                "Your sponsor changed the words of {count} note you already have.",
                "Your sponsor changed the words of {count} notes you already have.",
                changed,
            ).format(count=changed)
        )
    if preview.unknown:
        lines.append(left_out_text(preview.unknown))
    return " ".join(lines)


class ReplyDialog(QDialog):
    """Shows a reply and keeps it; ``kept`` says how many notes were new."""

    kept = Signal(int)

    def __init__(self, operations: Operations, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._operations = operations
        self._path = path
        self._preview: ReplyPreview | None = None
        self.setWindowTitle(_("My sponsor's reply"))
        self.resize(560, 160)  # room for a sentence; the notes, once read, make it taller
        layout = QVBoxLayout(self)
        self.summary = QLabel(_("Reading {name}…").format(name=path.name))
        self.summary.setTextFormat(Qt.TextFormat.PlainText)  # a name or a file's, as written
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        self.password_row = QWidget()
        row = QHBoxLayout(self.password_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(_("The report's password"))
        self.password.setPlaceholderText(_("The report's password"))
        self.password.returnPressed.connect(self._read)
        self.open_button = QPushButton(_("&Open"))
        self.open_button.clicked.connect(self._read)
        row.addWidget(self.password, 1)
        row.addWidget(self.open_button)
        self.password_row.hide()
        layout.addWidget(self.password_row)
        self.notes = QTextBrowser()
        self.notes.setAccessibleName(_("What came back"))
        self.notes.setOpenLinks(False)
        self.notes.hide()
        layout.addWidget(self.notes, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.keep_button = self.buttons.addButton(
            _("&Keep"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.keep_button.setEnabled(False)
        self.buttons.accepted.connect(self._keep)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._read()

    def _read(self) -> None:
        password = self.password.text() or None
        path = self._path
        language = current_language()
        self.open_button.setEnabled(False)

        def job(vault: Vault) -> ReplyPreview:
            return read_reply_file(vault, path, password, review_day(vault), language)

        self._operations.run(job, self._show, self._refused, owner=self)

    def _refused(self, error: BaseException) -> None:
        self.open_button.setEnabled(True)
        self.summary.setText(error_sentence(error))
        if isinstance(error, ReplyProblem) and error.needs_password:
            self.password_row.show()
            self.password.selectAll()
            self.password.setFocus()
            return
        self.password_row.hide()
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)

    def _show(self, preview: ReplyPreview) -> None:
        self._preview = preview
        self.password_row.hide()
        self.summary.setText(summary_text(preview))
        if preview.notes:
            self.notes.setHtml(preview_html(preview))
            self.notes.show()
            self.resize(max(self.width(), 620), max(self.height(), 520))
        to_keep = bool(preview.new or preview.changed)
        self.keep_button.setEnabled(to_keep)
        if to_keep:
            self.keep_button.setDefault(True)
            self.keep_button.setFocus()
        else:
            self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)

    def _keep(self) -> None:
        preview = self._preview
        if preview is None or not preview.new:
            return
        self.keep_button.setEnabled(False)

        def kept(result: Changed[int]) -> None:
            self.kept.emit(result.value)
            self.accept()

        def refused(error: BaseException) -> None:
            self.summary.setText(error_sentence(error))
            self.keep_button.setEnabled(True)

        self._operations.run(
            lambda vault: keep_reply(vault, preview),
            kept,
            refused,
            owner=self,
        )
