"""The "From my sponsor" page: every note the sponsor wrote back in a report, newest first, what
it is about, and the person's answer to it (saved as they type, for the next report).

Enter or a double-click on a note opens the item it is about on its own page (the window's
``open_about``); the keyboard walks the list, then the answer, then the buttons.
"""

from __future__ import annotations

import html
from concurrent.futures import Future
from functools import partial
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import (
    QFont,
    QKeySequence,
    QShortcut,
    QStandardItem,
    QStandardItemModel,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from recovery_journal.domain.journal import shortened
from recovery_journal.domain.sponsor_notes import About, SponsorNote, Topic
from recovery_journal.i18n import _, current_language
from recovery_journal.services.changes import Changed, Changes
from recovery_journal.services.sponsor_notes import (
    ItemName,
    NotesView,
    answer_note,
    delete_note,
    load_notes,
)
from recovery_journal.ui.autosave import Autosave
from recovery_journal.ui.dates import date_text
from recovery_journal.ui.labels import heading, wrapped
from recovery_journal.ui.messages import ask_yes_no
from recovery_journal.ui.operations import Operations
from recovery_journal.ui.pages import Page
from recovery_journal.ui.pages.search import HTML_ROLE, ResultsView
from recovery_journal.ui.widgets import lines_high

NOTE_ROLE = Qt.ItemDataRole.UserRole + 1  # the SponsorNote of a row
LIST_CHARS = 160  # of a note's words in the list; the whole note is shown beside it

# The page that shows each kind of item a note can be about; the whole report has none.
PAGE_OF_TOPIC: dict[Topic, Page] = {
    Topic.STEP: Page.STEPS,
    Topic.ANSWER: Page.STEPS,
    Topic.WORKSHEET: Page.INVENTORY,
    Topic.ROW: Page.INVENTORY,
    Topic.AMENDS: Page.INVENTORY,
    Topic.REVIEWS: Page.REVIEW,
}


def page_for_about(about: About) -> Page | None:
    return PAGE_OF_TOPIC.get(about.topic)


def empty_text() -> str:
    return _(
        "Nothing from your sponsor yet. A progress report (Journal ▸ Progress report for your "
        "sponsor…) has room for your sponsor to write in, in any PDF reader: a note on the whole "
        "report, and under your answers, worksheets, amends and nightly reviews. When they send "
        "it back, Journal ▸ Import my sponsor's reply… brings their words here, and beside what "
        "each is about."
    )


def note_by(note: SponsorNote) -> str:
    """Who wrote it and when: "Sam · December 3, 2026" (the date alone without a name)."""
    day = date_text(note.written_on)
    return _("{name} · {date}").format(name=note.sponsor, date=day) if note.sponsor else day


def _details(note: SponsorNote) -> str:
    """Who, when, and whether the person has answered, for the list."""
    return (
        _("{line} · answered").format(line=note_by(note)) if note.answer.strip() else note_by(note)
    )


def _words(note: SponsorNote) -> str:
    return shortened(" ".join(note.text.split()), LIST_CHARS)


def _note_html(note: SponsorNote, name: ItemName) -> str:
    """A row of the list as rich text, as the search results look: what it is about in bold,
    who and when beside it, the first words under them."""
    return (
        f"<b>{html.escape(name.text)}</b>&nbsp;&nbsp;·&nbsp;&nbsp;{html.escape(_details(note))}"
        f"<br>{html.escape(_words(note))}"
    )


def _note_spoken(note: SponsorNote, name: ItemName) -> str:
    """What a screen reader says of a row: all of it."""
    return _("{item}. {by}: {text}").format(item=name.text, by=_details(note), text=note.text)


def _answer_job(uid: str, text: str, vault: Any) -> Changed[SponsorNote | None]:
    return answer_note(vault, uid, text)


class SponsorPage(QWidget):
    open_about = Signal(object)  # domain.sponsor_notes.About
    import_reply = Signal()  # the person asks to bring in a reply (the window's menu entry)

    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._operations = operations
        self.view: NotesView | None = None
        self.note: SponsorNote | None = None  # the note shown beside the list
        self._typed: dict[str, str] = {}  # answers typed and not saved yet, by the note's uid
        self._wanted: str | None = None  # a note to select once the notes are read (a search)
        self._filling = False

        self.title = heading(_("From my sponsor"))
        self.intro = wrapped(
            _(
                "What your sponsor wrote back in your progress reports, newest first. Enter or "
                "a double-click opens what a note is about. Your answers save as you type and "
                "can go in your next report."
            )
        )
        self.intro.setObjectName("sponsor_intro")
        self.empty = wrapped(empty_text())
        self.empty.setObjectName("sponsor_empty")
        self.empty.setTextFormat(Qt.TextFormat.PlainText)

        # Drawn as the search results are: what a note is about in bold, its first words below.
        self.model = QStandardItemModel(self)
        self.list = ResultsView()
        self.list.setObjectName("sponsor_notes")
        self.list.setAccessibleName(_("Notes from your sponsor"))
        self.list.setAccessibleDescription(_("Press Enter on a note to open what it is about"))
        self.list.setModel(self.model)
        self.list.setMinimumHeight(lines_high(self.list, 8))
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        # Enter and a double-click (a single click where the desktop opens items that way).
        self.list.activated.connect(lambda _index: self.open_current())
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.list)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_current)

        self.item_name = wrapped()
        self.item_name.setObjectName("sponsor_item")
        bold = QFont(self.item_name.font())
        bold.setBold(True)
        self.item_name.setFont(bold)
        self.item_name.setTextFormat(Qt.TextFormat.PlainText)
        self.by = wrapped()
        self.by.setObjectName("sponsor_by")
        self.by.setTextFormat(Qt.TextFormat.PlainText)
        self.question = wrapped()
        self.question.setObjectName("sponsor_question")
        italic = QFont(self.question.font())
        italic.setItalic(True)
        self.question.setFont(italic)
        self.question.setTextFormat(Qt.TextFormat.PlainText)
        self.words = wrapped(selectable=True)
        self.words.setObjectName("sponsor_words")
        self.words.setTextFormat(Qt.TextFormat.PlainText)  # the sponsor's words, as written
        self.words.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.words.setAccessibleName(_("What your sponsor wrote"))
        self.answer = QPlainTextEdit()
        self.answer.setObjectName("sponsor_answer")
        self.answer.setAccessibleName(_("Your answer to your sponsor"))
        self.answer.setTabChangesFocus(True)
        self.answer.setMinimumHeight(lines_high(self.answer, 4))
        self.answer.setPlaceholderText(_("A few words back, if you like: for your next report."))
        self.answer.textChanged.connect(self._answer_edited)
        answer_label = QLabel(_("Your &answer:"))
        answer_label.setBuddy(self.answer)
        self.open_button = QPushButton(_("&Open what this is about"))
        self.open_button.setObjectName("sponsor_open")
        self.open_button.clicked.connect(self.open_current)
        self.delete_button = QPushButton(_("&Delete this note…"))
        self.delete_button.setObjectName("sponsor_delete")
        self.delete_button.clicked.connect(self.delete_current)
        self.save_state = QLabel()
        self.save_state.setObjectName("sponsor_save_state")
        self.autosave = Autosave(operations, self._write, self.save_state, parent=self)

        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_state)
        self.detail = QFrame()
        self.detail.setObjectName("sponsor_note")
        detail = QVBoxLayout(self.detail)
        detail.setContentsMargins(12, 0, 0, 0)
        detail.addWidget(self.item_name)
        detail.addWidget(self.question)
        detail.addWidget(self.by)
        detail.addWidget(self.words)
        detail.addSpacing(8)
        detail.addWidget(answer_label)
        detail.addWidget(self.answer)
        detail.addLayout(buttons)
        detail.addStretch(1)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.list)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)

        # Where a person looks for it when the page is empty: the menu entry's twin.
        self.import_button = QPushButton(_("&Import my sponsor's reply…"))
        self.import_button.setObjectName("sponsor_import")
        self.import_button.clicked.connect(self.import_reply)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignBottom)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addLayout(top)
        layout.addWidget(self.intro)
        layout.addWidget(self.empty)
        layout.addWidget(self.splitter, stretch=1)
        layout.addStretch(0)  # takes the room only while the list is hidden (no notes yet)
        self.empty.hide()
        self.intro.hide()
        self.splitter.hide()

        operations.changed.connect(self._on_changed)
        self.reload()

    # --- reading ---------------------------------------------------------------------------------

    def reload(self) -> None:
        language = current_language()
        self._operations.run(lambda vault: load_notes(vault, language), self._show, owner=self)

    def _on_changed(self, changes: Changes) -> None:
        if changes.initiator is self.autosave and not (changes.steps or changes.daily):
            return  # this page's own answer: the list says "answered" once the page is read
        if changes.sponsor or changes.steps:  # the notes, or the names of what they are about
            self.reload()

    def _show(self, view: NotesView) -> None:
        self.view = view
        current = self._wanted or (self.note.uid if self.note is not None else None)
        self._wanted = None
        selection = self.list.selectionModel()
        selection.blockSignals(True)
        self.model.clear()
        chosen = 0
        for row, note in enumerate(view.notes):
            item = QStandardItem()
            item.setEditable(False)
            self._fill_item(item, note)
            self.model.appendRow(item)
            if note.uid == current:
                chosen = row
        selection.blockSignals(False)
        has_notes = bool(view.notes)
        self.empty.setVisible(not has_notes)
        self.intro.setVisible(has_notes)
        self.splitter.setVisible(has_notes)
        index = self.model.index(chosen, 0) if has_notes else QModelIndex()
        self.list.setCurrentIndex(index)
        self._current_changed(index)

    def _fill_item(self, item: QStandardItem, note: SponsorNote) -> None:
        assert self.view is not None
        name = self.view.names[note.about]
        item.setData(note, NOTE_ROLE)
        item.setData(_note_html(note, name), HTML_ROLE)
        item.setData(
            f"{name.text} · {_details(note)} · {_words(note)}", Qt.ItemDataRole.DisplayRole
        )
        item.setData(_note_spoken(note, name), Qt.ItemDataRole.AccessibleTextRole)
        item.setToolTip(_("Enter or double-click to open what it is about"))

    def _row_of(self, uid: str) -> int:
        for row in range(self.model.rowCount()):
            if self.model.item(row).data(NOTE_ROLE).uid == uid:
                return row
        return -1

    # --- the note beside the list ----------------------------------------------------------------

    def _current_changed(self, index: QModelIndex, _previous: Any = None) -> None:
        note: SponsorNote | None = index.data(NOTE_ROLE) if index.isValid() else None
        if self.note is not None and (note is None or note.uid != self.note.uid):
            self.autosave.save_now()  # the answer typed to the note before
        self.note = note
        self.detail.setEnabled(note is not None)
        if note is None or self.view is None:
            for label in (self.item_name, self.by, self.question, self.words):
                label.clear()
            self._fill_answer("")
            return
        name = self.view.names[note.about]
        self.item_name.setText(name.text)
        self.by.setText(note_by(note))
        self.question.setText(name.detail)
        self.question.setVisible(bool(name.detail))
        self.words.setText(note.text)
        self.open_button.setEnabled(name.exists and page_for_about(note.about) is not None)
        self._fill_answer(self._typed.get(note.uid, note.answer))

    def _fill_answer(self, text: str) -> None:
        if self.answer.toPlainText() == text:
            return
        self._filling = True
        self.answer.setPlainText(text)
        self.answer.moveCursor(QTextCursor.MoveOperation.End)  # to go on where it stopped
        self._filling = False

    # --- the answer, saved as it is typed --------------------------------------------------------

    def _answer_edited(self) -> None:
        if self._filling or self.note is None:
            return
        self._typed[self.note.uid] = self.answer.toPlainText()
        self.autosave.edited(self.note.uid)

    def save_now(self) -> list[Future[Any]]:
        return self.autosave.save_now()

    def _write(self, keys: set[str]) -> None:
        for uid in sorted(keys):
            if uid not in self._typed:
                continue
            text = self._typed[uid]
            self.autosave.run(
                partial(_answer_job, uid, text),
                partial(self._answer_saved, uid, text),
                key=uid,
            )

    def _answer_saved(self, uid: str, text: str, saved: Changed[SponsorNote | None]) -> None:
        if self._typed.get(uid) == text:
            del self._typed[uid]  # nothing typed since: the vault holds it
        if saved.value is not None:
            self._keep_in_list(saved.value)
        self.autosave.saved(_("Saved"))

    def _keep_in_list(self, note: SponsorNote) -> None:
        """The list's copy of a note (and the one shown) as the vault now holds it."""
        row = self._row_of(note.uid)
        if row >= 0:
            self._fill_item(self.model.item(row), note)
        if self.note is not None and self.note.uid == note.uid:
            self.note = note

    # --- opening and deleting --------------------------------------------------------------------

    def open_current(self) -> None:
        note = self.note
        if note is None or not self.open_button.isEnabled():
            return
        self.autosave.save_now()
        self.open_about.emit(note.about)

    def delete_current(self) -> None:
        note = self.note
        if note is None:
            return
        if not ask_yes_no(
            self,
            _("Delete this note"),
            _(
                "Delete this note from your sponsor? Their words and your answer to them go "
                "from the journal."
            ),
        ):
            return
        self.autosave.forget(note.uid)
        self._typed.pop(note.uid, None)
        uid = note.uid
        self._operations.run(lambda vault: delete_note(vault, uid), owner=self)

    # --- a search result -------------------------------------------------------------------------

    def show_item(self, hit: Any) -> None:
        """Select the note a search found, with the keyboard on the list."""
        uid = hit.item_id
        row = self._row_of(uid)
        if row >= 0:
            index = self.model.index(row, 0)
            self.list.setCurrentIndex(index)
            self.list.scrollTo(index)
            self.list.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self._wanted = uid  # not read yet (the page was just built): selected once it is
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_start(self) -> None:
        """Shown by itself, the keyboard goes to the list of notes."""
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)
