"""Journal ▸ Written on two computers…: the records kept in two versions, and a choice.

A record written on two computers before they heard from each other keeps both versions
(services/sync.py): the newer is shown on its page, the other kept beside it. Here the person
reads them one above the other, as written (a note's words, an entry's title and body, a
worksheet row's fields under their names; a deletion said in words), each with when and where it
was written, and keeps one. Nothing is chosen for them: closing the window keeps both.

The records are read on the vault's worker; each is named as the search names its results.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from recovery_journal.domain import record_kinds
from recovery_journal.domain import search_items as kinds
from recovery_journal.domain.clock import from_iso, utc_now
from recovery_journal.domain.journal import plain_text
from recovery_journal.domain.ports import Vault
from recovery_journal.domain.records import record_from_plain
from recovery_journal.domain.search import IndexedItem, Snippet
from recovery_journal.domain.sync_merge import Key
from recovery_journal.i18n import _, current_language, ngettext
from recovery_journal.services.changes import Changes
from recovery_journal.services.export import (
    answer_from_plain,
    entry_from_plain,
    note_from_plain,
    progress_from_plain,
    review_from_plain,
)
from recovery_journal.services.inventory import inventory_text
from recovery_journal.services.report_options import question_names
from recovery_journal.services.search import SearchHit, item_title, kind_heading, question_texts
from recovery_journal.services.sync import choose, this_computer, to_choose
from recovery_journal.ui.dates import date_text, moment_text
from recovery_journal.ui.messages import error_sentence
from recovery_journal.ui.operations import Operations
from recovery_journal.ui.pages.search import hit_details, hit_title

_KINDS = {f"{kind.group.value}.{kind.name}": kind for kind in record_kinds.kinds()}
# The worksheets whose columns name a row's fields (the step 8 list and step 9 share a record).
_SHEETS: dict[str, tuple[str, ...]] = {
    **{kind.name: (kind.name,) for kind in record_kinds.in_group(record_kinds.Group.INVENTORY)},
    "amends": ("step8", "step9"),
}
_NOT_WRITING = {"uid", "position", "created_at", "updated_at", "private", "discussed"}


@dataclass(frozen=True, slots=True)
class Written:
    """One version of a record, as the dialog shows it."""

    words: str | None  # the record's export form as JSON; None: deleted
    written_at: datetime
    here: bool  # written on this computer
    shown: bool  # the one its page shows now


@dataclass(frozen=True, slots=True)
class Twice:
    """A record written on two computers at once, its versions the one shown first."""

    key: Key
    versions: tuple[Written, ...]


@dataclass(frozen=True, slots=True)
class WrittenTwice:
    records: tuple[Twice, ...]
    questions: Mapping[str, str]  # a step question's id, or a review question's uid: its words


def written_twice(vault: Vault, language: str) -> WrittenTwice:
    """On the worker: every record with more than one version, and the questions' words."""
    found = to_choose(vault)
    here = this_computer(vault) if vault.cannot_write is None else ""
    records = []
    for key in sorted(found):
        record = found[key]
        versions = [
            Written(v.words, from_iso(v.written_at), v.dot.computer == here, shown=index == 0)
            for index, v in enumerate((record.shown, *record.others))
        ]
        records.append(Twice(key, tuple(versions)))
    questions: dict[str, str] = {}
    if any(key[0] == "steps.answers" for key in found):
        questions |= question_texts(vault, language)
    if any(key[0] == "daily.reviews" for key in found):
        questions |= question_names(vault)
    return WrittenTwice(tuple(records), questions)


def count_written_twice(vault: Vault) -> int:
    """How many records wait for a choice (none where nothing can be written)."""
    return 0 if vault.cannot_write is not None else vault.sync.written_twice()


def _item(key: Key, words: str) -> IndexedItem | None:
    """The record as the search indexes it, for its name; None where the search has none."""
    section = key[0]
    if section == "settings":
        return None
    plain = json.loads(words)
    if section == "daily_notes":
        return kinds.item_of_note(note_from_plain(plain))
    if section == "journal":
        return kinds.item_of_entry(entry_from_plain(plain))
    if section == "steps.answers":
        return kinds.item_of_answer(answer_from_plain(plain))
    if section == "steps.progress":
        return kinds.item_of_progress(progress_from_plain(plain))
    if section == "daily.reviews":
        return kinds.item_of_review(review_from_plain(plain))
    kind = _KINDS.get(section)
    return kinds.item_of_record(record_from_plain(kind.record, plain)) if kind else None


def record_name(record: Twice, questions: Mapping[str, str]) -> str:
    """What the record is called in the list: its kind, and its day or title, as the search
    results call it: "Notes of the day", and on a line of its own "Sunday, December 6, 2026"."""
    words = next((v.words for v in record.versions if v.words), None)
    item = _item(record.key, words) if words else None
    if item is None:
        if record.key[0] == "settings":
            return _("A setting of the journal ({name})").format(name=record.key[1])
        return _("Something else in the journal")
    hit = SearchHit(item.kind, item.ref, item.day, item_title(item, dict(questions)), Snippet(()))
    name = " · ".join(filter(None, (hit_title(hit), hit_details(hit))))
    heading = kind_heading(item.kind)
    return name if name == heading else f"{heading}\n{name}"


def _paragraph(text: str) -> str:
    return html.escape(text.strip()).replace("\n", "<br>")


def _labelled(label: str, text: str) -> str:
    if not text.strip():
        return ""
    if not label:
        return f"<p>{_paragraph(text)}</p>"
    return f"<p><b>{html.escape(label)}</b><br>{_paragraph(text)}</p>"


def _record_fields(section: str, plain: Mapping[str, Any]) -> list[tuple[str, str]]:
    """A worksheet row's fields under its columns' names, its ticks as the options' words (as
    the worksheet shows them); another record's writing, as the search reads it."""
    kind = _KINDS.get(section)
    sheets = _SHEETS.get(kind.name if kind else "", ())
    if sheets:
        text = inventory_text(current_language())
        fields: list[tuple[str, str]] = []
        for sheet in sheets:
            for name, label in text.worksheets[sheet]["columns"].items():
                if name in plain and name not in (n for n, _label in fields):
                    fields.append((name, str(label)))
        return [(label, _field_text(text, name, plain[name])) for name, label in fields]
    if kind is not None and kind.search is not None:
        names = [n for n in (kind.search.title, *kind.search.text) if n]
    else:
        names = [n for n, v in plain.items() if isinstance(v, str) and n not in _NOT_WRITING]
    return [("", str(plain.get(n) or "")) for n in names]


# The option groups whose field on the step 8 and 9 lists is named otherwise.
_GROUPS = {"kind": "amends_kind", "status": "amends_status"}


def _field_text(text: Any, name: str, value: Any) -> str:
    group = text.options.get(_GROUPS.get(name, name), {})
    if isinstance(value, list):
        return ", ".join(str(group.get(key, key)) for key in value)
    if isinstance(value, str) and value in group:
        return str(group[value])
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return date_text(date.fromisoformat(value))
    return "" if value is None or isinstance(value, bool) else str(value)


def version_html(key: Key, words: str, questions: Mapping[str, str]) -> str:
    """A version's words as the person wrote them (never its JSON)."""
    section = key[0]
    if section == "settings":
        return _labelled("", words)
    plain = json.loads(words)
    if section == "daily_notes":
        return _labelled("", plain["text"])
    if section == "journal":
        tags = " ".join(f"#{tag}" for tag in sorted(plain.get("tags", ())))
        title = f"<p><b>{_paragraph(plain['title'])}</b></p>" if plain["title"].strip() else ""
        return title + _labelled("", plain_text(plain["body"])) + _labelled("", tags)
    if section == "steps.answers":
        return _labelled("", plain["text"])
    if section == "steps.progress":
        return _labelled("", plain["notes"])
    if section == "daily.reviews":
        parts = []
        for answer in plain["answers"]:
            said = {True: _("Yes"), False: _("No")}.get(answer["yes"], "")
            line = " — ".join(filter(None, (said, answer["note"].strip())))
            parts.append(_labelled(questions.get(answer["question_uid"], ""), line))
        return "".join(parts)
    return "".join(_labelled(label, value) for label, value in _record_fields(section, plain))


def written_line(version: Written) -> str:
    """Where and when a version was written, and whether its page shows it."""
    when = moment_text(version.written_at)
    if version.words is None:
        said = (
            _("Deleted on this computer, {when}")
            if version.here
            else _("Deleted on the other computer, {when}")
        )
    else:
        said = (
            _("Written on this computer, {when}")
            if version.here
            else _("Written on the other computer, {when}")
        )
    shown = _("Shown now") if version.shown else _("Kept beside it")
    return f"{shown} · {said.format(when=when)}"


class VersionsDialog(QDialog):
    """The records written twice; ``chosen`` gives how many are left after each choice."""

    chosen = Signal(int)

    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._operations = operations
        self._found: WrittenTwice | None = None
        self.setWindowTitle(_("Written on two computers"))
        self.resize(860, 600)
        layout = QVBoxLayout(self)
        self.summary = QLabel(_("Reading…"))
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.records = QListWidget()
        self.records.setAccessibleName(_("Records written on two computers"))
        # Each record on two lines (its kind, then its day or title), wrapped, never cut off.
        self.records.setWordWrap(True)
        self.records.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.records.setStyleSheet("QListWidget::item { padding: 6px 4px; }")
        self.records.currentRowChanged.connect(self._show_record)
        self.versions = QWidget()
        self.versions_layout = QVBoxLayout(self.versions)
        self.versions_layout.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.versions)
        self.split = QSplitter()
        self.split.addWidget(self.records)
        self.split.addWidget(scroll)
        self.split.setStretchFactor(1, 1)
        self.split.setSizes([280, 560])
        self.split.setChildrenCollapsible(False)
        layout.addWidget(self.split, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.keep_buttons: list[QPushButton] = []
        self.texts: list[QLabel] = []
        self._read()

    def _read(self) -> None:
        language = current_language()
        self._operations.run(
            lambda vault: written_twice(vault, language), self._show, self._refused, owner=self
        )

    def _refused(self, error: BaseException) -> None:
        self.summary.setText(error_sentence(error))

    def _show(self, found: WrittenTwice) -> None:
        self._found = found
        self.records.clear()
        for record in found.records:
            item = QListWidgetItem(record_name(record, found.questions))
            self.records.addItem(item)
        self._say_how_many()
        if found.records:
            self.records.setCurrentRow(0)
            self.records.setFocus()

    def _say_how_many(self) -> None:
        count = self.records.count()
        if not count:
            self.summary.setText(_("Every record now has one version. Nothing is left to choose."))
            self.split.hide()
            return
        self.summary.setText(
            ngettext(
                "{count} record was written on both computers at once. Both versions are kept, "
                "and its page shows the newer. Read them and keep the one you want: it takes the "
                "place of the other. Closing this window keeps both.",
                "{count} records were written on both computers at once. Both versions of each "
                "are kept, and their pages show the newer. Read them and keep the one you want: "
                "it takes the place of the other. Closing this window keeps both.",
                count,
            ).format(count=count)
        )

    def _record(self, row: int) -> Twice | None:
        found = self._found
        if found is None or not 0 <= row < len(found.records):
            return None
        return found.records[row]

    def _show_record(self, row: int) -> None:
        while self.versions_layout.count():
            taken = self.versions_layout.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.hide()  # at once: it is deleted only when the event loop comes round
                widget.deleteLater()
        self.keep_buttons, self.texts = [], []
        record = self._record(row)
        if record is None or self._found is None:
            return
        shown = {self._words_html(record, version) for version in record.versions}
        if len(shown) == 1:
            same = QLabel(
                _(
                    "They read the same here: they differ only in something this window does "
                    "not show (a date, an order, a setting). Either one keeps your words."
                )
            )
            same.setWordWrap(True)
            self.versions_layout.addWidget(same)
        for version in record.versions:
            self.versions_layout.addWidget(self._version_box(record, version))
        self.versions_layout.addStretch(1)

    def _version_box(self, record: Twice, version: Written) -> QWidget:
        box = QFrame()
        box.setFrameShape(QFrame.Shape.StyledPanel)
        column = QVBoxLayout(box)
        header = QLabel(written_line(version))
        header.setWordWrap(True)
        column.addWidget(header)
        # A line between where it was written and the words: a title in bold starts them.
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        column.addWidget(line)
        text = QLabel(self._words_html(record, version))
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(text)
        keep = QPushButton(_("Keep this one"))
        keep.setAccessibleName(_("Keep this one: {said}").format(said=header.text()))
        keep.clicked.connect(lambda _checked=False, v=version: self._keep(record, v))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(keep)
        column.addLayout(row)
        self.keep_buttons.append(keep)
        self.texts.append(text)
        return box

    def _words_html(self, record: Twice, version: Written) -> str:
        if version.words is None:
            here, there = _("Deleted on this computer."), _("Deleted on the other computer.")
            deleted = here if version.here else there
            return f"<p><i>{html.escape(deleted)}</i></p>"
        assert self._found is not None
        return version_html(record.key, version.words, self._found.questions) or "<p></p>"

    def _keep(self, record: Twice, version: Written) -> None:
        for button in self.keep_buttons:
            button.setEnabled(False)
        key, words = record.key, version.words

        def job(vault: Vault) -> Changes:
            choose(vault, key, words, utc_now())
            return Changes.everything()

        def kept(_changes: Changes) -> None:
            found = self._found
            assert found is not None
            row = found.records.index(record)
            left = tuple(r for r in found.records if r is not record)
            self._found = WrittenTwice(left, found.questions)
            self.records.blockSignals(True)
            self.records.takeItem(row)
            self.records.blockSignals(False)
            self._say_how_many()
            if left:
                self.records.setCurrentRow(min(row, len(left) - 1))
                self._show_record(self.records.currentRow())
                self.records.setFocus()
            else:
                self._show_record(-1)
                self.buttons.button(QDialogButtonBox.StandardButton.Close).setFocus()
            self.chosen.emit(len(left))

        def refused(error: BaseException) -> None:
            self.summary.setText(error_sentence(error))
            for button in self.keep_buttons:
                button.setEnabled(True)

        self._operations.run(job, kept, refused, owner=self)
