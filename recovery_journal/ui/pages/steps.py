"""The Steps page: the twelve steps as a path, and one step's guidance, questions and notes."""

from __future__ import annotations

from concurrent.futures import Future
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from recovery_journal.domain.sponsor_notes import About, SponsorNote, Topic, by_item
from recovery_journal.domain.steps import Answer, StepProgress, StepStatus
from recovery_journal.i18n import _, current_language, ngettext
from recovery_journal.services.changes import Changed, Changes
from recovery_journal.services.files import write_private_file
from recovery_journal.services.labels import label
from recovery_journal.services.question_packs import (
    delete_pack,
    import_pack,
    pack_file_bytes,
    read_pack_file,
    starter_pack,
)
from recovery_journal.services.steps import (
    StepCard,
    StepsOverview,
    StepView,
    continued_question,
    load_step,
    overview,
    save_answer,
    save_step_notes,
    set_sponsor_discussed,
    set_status,
    set_wording,
)
from recovery_journal.ui.autosave import Autosave
from recovery_journal.ui.dates import DateEdit, date_text, time_text
from recovery_journal.ui.file_dialogs import FileKind, open_file_name, save_file_name
from recovery_journal.ui.flow_row import FlowRow
from recovery_journal.ui.found_words import show_words
from recovery_journal.ui.labels import heading, literal, wrapped
from recovery_journal.ui.messages import ask_yes_no
from recovery_journal.ui.operations import Operations, wait_for_saves
from recovery_journal.ui.pages.step_tools import STEP_OF_TOOL, tools_for_step
from recovery_journal.ui.record_table import RecordTable
from recovery_journal.ui.sponsor_remarks import NotesFeed, RemarkBox, remark_text

NOTES = "step notes"  # the autosave's key for the notes; each answer's is its question's id
# Where the keyboard goes once a step has loaded, beside the search results' kinds: where one
# left off, or the step's first control (opened from its card).
CONTINUE = "continue"
FIRST = "first"
QUESTIONS = "questions"  # the questions from the top (a sponsor's note on the step's answers)


def _date_text(day: date | None) -> str:
    return "—" if day is None else date_text(day)


def _edited_text(answer: Answer | None) -> str:
    if answer is None:
        return ""
    local = answer.updated_at.astimezone()
    return _("Last edited {day} at {time}").format(
        day=date_text(local.date()), time=time_text(local)
    )


def stepheading(number: int, title: str) -> str:
    return _("Step {number} · {title}").format(number=number, title=title)


def _save_answer_job(
    step: int, question_id: str, text: str, private: bool, vault: Any
) -> Changed[Answer | None]:
    return save_answer(vault, step, question_id, text, private=private)


class StepCardWidget(QFrame):
    open_requested = Signal(int)

    def __init__(self, card: StepCard) -> None:
        super().__init__()
        self.setObjectName(f"step_card_{card.number}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.card = card
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(heading(stepheading(card.number, card.title), 1.1), stretch=1)
        self.status = QLabel(label(card.status))
        self.status.setObjectName("status")
        top.addWidget(self.status)
        layout.addLayout(top)
        wording = wrapped(card.wording)
        wording.setObjectName("wording")
        layout.addWidget(wording)
        bottom = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setRange(0, max(card.questions, 1))
        self.progress.setValue(card.answered)
        self.progress.setTextVisible(False)
        self.progress.setFixedSize(120, 10)
        bottom.addWidget(self.progress)
        dates = [
            ngettext(
                "{answered} of {total} question answered",
                "{answered} of {total} questions answered",
                card.questions,
            ).format(answered=card.answered, total=card.questions)
        ]
        if card.started_on:
            dates.append(_("started {day}").format(day=_date_text(card.started_on)))
        if card.completed_on:
            dates.append(_("completed {day}").format(day=_date_text(card.completed_on)))
        self.dates = wrapped(" · ".join(dates))
        self.dates.setObjectName("dates")
        bottom.addWidget(self.dates, stretch=1)
        self.open_button = QPushButton(_("Open"))
        self.open_button.setAccessibleName(stepheading(card.number, card.title))
        self.open_button.clicked.connect(lambda: self.open_requested.emit(card.number))
        bottom.addWidget(self.open_button)
        layout.addLayout(bottom)


class StepsOverviewWidget(QWidget):
    open_requested = Signal(int)
    continue_requested = Signal(int)

    def __init__(self, operations: Operations) -> None:
        super().__init__()
        self._operations = operations
        self.cards: dict[int, StepCardWidget] = {}
        self.continue_to = 1
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 24, 12)
        outer.addWidget(heading(_("The twelve steps")))
        intro = wrapped(
            _(
                "Take them in order and at your own pace, with your sponsor. Your answers save "
                "as you type."
            )
        )
        outer.addWidget(intro)
        row = QHBoxLayout()
        self.continue_button = QPushButton(_("Continue where I left off"))
        self.continue_button.setObjectName("continue")
        self.continue_button.clicked.connect(lambda: self.continue_requested.emit(self.continue_to))
        row.addWidget(self.continue_button)
        row.addStretch(1)
        self.packs_button = QPushButton(_("Question packs"))
        self.packs_menu = QMenu(self.packs_button)
        self.packs_button.setMenu(self.packs_menu)
        row.addWidget(self.packs_button)
        outer.addLayout(row)
        self.cards_scroll = QScrollArea()
        self.cards_scroll.setWidgetResizable(True)
        self.cards_scroll.setFrameShape(QFrame.Shape.NoFrame)
        # Cards wrap their text to the page's width instead of scrolling sideways.
        self.cards_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        holder = QWidget()
        self.cards_layout = QVBoxLayout(holder)
        self.cards_layout.setContentsMargins(0, 8, 8, 8)
        self.cards_scroll.setWidget(holder)
        outer.addWidget(self.cards_scroll, stretch=1)
        self.packs: list[Any] = []
        self._build_packs_menu()
        operations.changed.connect(self._changed)
        self.reload()

    def _changed(self, changes: Changes) -> None:
        if changes.steps or changes.settings:
            self.reload()

    def reload(self) -> None:
        language = current_language()

        def load(vault: Any) -> tuple[StepsOverview, list[Any]]:
            return overview(vault, language), list(vault.steps.packs())

        self._operations.run(load, self._show, owner=self)

    def _show(self, loaded: tuple[StepsOverview, list[Any]]) -> None:
        view, self.packs = loaded
        # The cards are made anew: the keyboard on one stays on it.
        focused = QApplication.focusWidget()
        kept = next(
            (n for n, c in self.cards.items() if focused is not None and c.isAncestorOf(focused)),
            None,
        )
        self.continue_to = view.continue_step
        self.continue_button.setText(
            _("Continue where I left off: step {number}").format(number=view.continue_step)
        )
        while self.cards_layout.count():
            item = self.cards_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.cards = {}
        for card in view.cards:
            widget = StepCardWidget(card)
            widget.open_requested.connect(self.open_requested)
            self.cards[card.number] = widget
            self.cards_layout.addWidget(widget)
        self.cards_layout.addStretch(1)
        self._build_packs_menu()
        if kept is not None:
            self.focus_card(kept)

    def focus_card(self, step: int) -> None:
        """The keyboard on a step's Open button (back from the step), the card in sight."""
        card = self.cards.get(step)
        if card is not None:
            card.open_button.setFocus(Qt.FocusReason.OtherFocusReason)
            self.cards_scroll.ensureWidgetVisible(card)

    # --- question packs --------------------------------------------------------------------------

    def _build_packs_menu(self) -> None:
        menu = self.packs_menu
        menu.clear()
        menu.addAction(_("Import a question pack…"), self.import_pack)
        menu.addAction(_("Save our questions as a pack to edit…"), self.export_starter)
        for pack in self.packs:
            menu.addSeparator()
            menu.addAction(
                _("Save “{name}” to a file…").format(name=pack.name), partial(self._export, pack)
            )
            menu.addAction(
                _("Remove “{name}”").format(name=pack.name), partial(self._remove, pack.id)
            )

    def import_pack(self, path: str | None = None) -> None:
        if path is None:
            picked = open_file_name(
                self, FileKind.QUESTION_PACK, _("Import a question pack"),
                _("Question packs (*.json)"),
            )  # fmt: skip
            path = str(picked) if picked is not None else None
        if not path:
            return
        chosen = Path(path)
        self._operations.run(lambda vault: import_pack(vault, read_pack_file(chosen)))

    def export_starter(self, path: str | None = None) -> None:
        pack = starter_pack(current_language(), _("My questions"))
        self._export(pack, path)

    def _export(self, pack: Any, path: str | None = None) -> None:
        if path is None:
            picked = save_file_name(
                self, FileKind.QUESTION_PACK, _("Save a question pack"), f"{pack.id}.json",
                _("Question packs (*.json)"),
            )  # fmt: skip
            path = str(picked) if picked is not None else None
        if not path:
            return
        data = pack_file_bytes(pack)
        target = Path(path)
        self._operations.run(lambda vault: write_private_file(target, data))

    def _remove(self, pack_id: str) -> None:
        if _removal_confirmed(self):
            self._operations.run(lambda vault: delete_pack(vault, pack_id))


def _removal_confirmed(parent: QWidget) -> bool:
    return ask_yes_no(
        parent,
        _("Question packs"),
        _(
            "Remove this question pack? Your answers to its questions stay in the vault and "
            "come back if you import the pack again."
        ),
    )


def _from_pack(text: str) -> QLabel:
    """A small, quiet line under a question that a question pack brought or reworded."""
    note = QLabel(text)
    note.setWordWrap(True)
    note.setObjectName("from_pack")
    # Smaller and in italics, in the text's own colour: a greyed label would be hard to read.
    font = QFont(note.font())
    font.setItalic(True)
    font.setPointSizeF(font.pointSizeF() * 0.9)
    note.setFont(font)
    return note


class StepDetailWidget(QWidget):
    """One step: its wording, status, guidance, questions (autosaved), notes and tools."""

    back_requested = Signal()

    def __init__(self, operations: Operations, step: int) -> None:
        super().__init__()
        self._operations = operations
        self.step = step
        self.answer_editors: dict[str, QPlainTextEdit] = {}
        self.edited_labels: dict[str, QLabel] = {}
        self.private_boxes: dict[str, QCheckBox] = {}
        # The sponsor's words: on the step's answers (above the questions) and on each answer.
        self.step_remark = RemarkBox()
        self.remarks: dict[str, RemarkBox] = {}
        self._notes: dict[About, list[SponsorNote]] = {}
        # What a search result asked to show once the step has loaded: (kind, id, words).
        self._wanted: tuple[str, str, tuple[str, ...]] | None = None

        self.back_button = QPushButton(_("← All steps"))
        self.back_button.clicked.connect(self.back_requested)
        self.heading = heading("")
        self.wording = wrapped()
        self.wording.setObjectName("wording")
        italic = QFont(self.wording.font())
        italic.setItalic(True)
        self.wording.setFont(italic)
        self.reword_button = QPushButton(_("Reword this step…"))
        self.reword_button.clicked.connect(self._start_rewording)
        self.reword_button.setMinimumWidth(self.reword_button.sizeHint().width())
        self.wording_editor = QPlainTextEdit()
        self.wording_editor.setObjectName("wording_editor")
        self.wording_editor.setAccessibleName(_("Your wording of this step"))
        self.wording_editor.setTabChangesFocus(True)
        self.wording_editor.setMaximumHeight(80)
        self.wording_editor.hide()
        self.save_wording_button = QPushButton(_("Save wording"))
        self.save_wording_button.clicked.connect(self._save_wording)
        self.reset_wording_button = QPushButton(_("Back to the template"))
        self.reset_wording_button.clicked.connect(self._reset_wording)
        self.save_wording_button.hide()
        self.reset_wording_button.hide()

        self.status = QComboBox()
        self.status.setObjectName("status")
        for status in StepStatus:
            self.status.addItem(label(status), status)
        self.status.activated.connect(self._status_picked)
        self.dates = wrapped()
        self.dates.setObjectName("dates")
        self.sponsor = QCheckBox(_("Discussed with my sponsor on"))
        self.sponsor.setObjectName("sponsor")
        self.sponsor_date = DateEdit(operations.day.today())
        self.sponsor_date.setObjectName("sponsor_date")
        self.sponsor_date.setAccessibleName(_("Day discussed with my sponsor"))
        self.sponsor_date.setEnabled(False)
        self.sponsor.toggled.connect(self._sponsor_changed)
        self.sponsor_date.dateChanged.connect(lambda _date: self._sponsor_changed())

        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addStretch(1)
        wording_row = QHBoxLayout()
        wording_row.addWidget(self.wording, stretch=1)
        wording_row.addWidget(self.reword_button)
        wording_buttons = QHBoxLayout()
        wording_buttons.addWidget(self.save_wording_button)
        wording_buttons.addWidget(self.reset_wording_button)
        wording_buttons.addStretch(1)
        status_row = QHBoxLayout()
        status_label = QLabel(_("Status:"))
        status_label.setBuddy(self.status)
        status_row.addWidget(status_label)
        status_row.addWidget(self.status)
        status_row.addWidget(self.dates, stretch=1)
        # The sponsor date gets a row of its own so long Russian dates never collide with it.
        sponsor_row = QHBoxLayout()
        sponsor_row.addWidget(self.sponsor)
        sponsor_row.addWidget(self.sponsor_date)
        sponsor_row.addStretch(1)

        self.tabs = QTabWidget()
        self.tabs.tabBar().setAccessibleName(_("Parts of this step"))
        self.about = wrapped()
        self.about.setTextFormat(Qt.TextFormat.PlainText)
        self.about.setAlignment(Qt.AlignmentFlag.AlignTop)
        about_scroll = QScrollArea()
        about_scroll.setWidgetResizable(True)
        about_holder = QWidget()
        about_layout = QVBoxLayout(about_holder)
        about_layout.addWidget(self.about)
        about_layout.addStretch(1)
        about_scroll.setWidget(about_holder)
        self.questions_scroll = QScrollArea()
        self.questions_scroll.setWidgetResizable(True)
        self.questions_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("notes")
        self.notes.setAccessibleName(_("Notes on this step"))
        self.notes.setTabChangesFocus(True)
        self.notes.setPlaceholderText(
            _("Anything else about this step: thoughts, what your sponsor said…")
        )
        self.notes.textChanged.connect(self._notes_edited)
        self.tabs.addTab(self.questions_scroll, _("&Questions"))
        self.tabs.addTab(about_scroll, _("&About this step"))
        self.tabs.addTab(self.notes, _("&Notes"))
        self.tools = tools_for_step(step, operations)
        if self.tools is not None:
            self.tabs.addTab(self.tools, _("&Tools"))
        self.save_state = QLabel()
        self.save_state.setObjectName("save_state")
        self.autosave = Autosave(operations, self._write, self.save_state, parent=self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 12)
        layout.addLayout(top)
        layout.addWidget(self.heading)
        layout.addLayout(wording_row)
        layout.addWidget(self.wording_editor)
        layout.addLayout(wording_buttons)
        layout.addLayout(status_row)
        layout.addLayout(sponsor_row)
        layout.addWidget(self.tabs, stretch=1)
        layout.addWidget(self.save_state, alignment=Qt.AlignmentFlag.AlignRight)
        self._loading = True
        self.setEnabled(False)  # until the saved answers have arrived
        language = current_language()
        operations.run(lambda vault: load_step(vault, step, language), self._show, owner=self)
        NotesFeed(operations, self, self._notes_loaded)

    # --- the sponsor's words ---------------------------------------------------------------------

    def _notes_loaded(self, notes: list[SponsorNote]) -> None:
        self._notes = {
            about: said for about, said in by_item(notes).items() if about.step_number == self.step
        }
        self._show_notes()

    def _show_notes(self) -> None:
        self.step_remark.show_notes(self._notes.get(About.step(self.step), []))
        for question_id, box in self.remarks.items():
            said = self._notes.get(About.answer(self.step, question_id), [])
            box.show_notes(said)
            # Heard with the answer it is about, as the keyboard reaches it.
            self.answer_editors[question_id].setAccessibleDescription(remark_text(said))

    # --- showing ---------------------------------------------------------------------------------

    def _show(self, view: StepView) -> None:
        self.view = view
        self.heading.setText(stepheading(view.guide.number, view.guide.title))
        self.wording.setText(view.wording)
        self.about.setText("\n\n".join(view.guide.about))
        holder = QWidget()
        layout = QVBoxLayout(holder)
        # Shown again after a pack is removed: the editors of before go with their holder.
        for editors in (self.answer_editors, self.edited_labels, self.private_boxes, self.remarks):
            editors.clear()
        self.step_remark = RemarkBox()
        layout.addWidget(self.step_remark)
        ours = {question.id for question in view.guide.questions}
        for number, question in enumerate(view.questions, start=1):
            prompt = wrapped(literal(f"{number}. {question.text}"))
            bold = QFont(prompt.font())
            bold.setBold(True)
            prompt.setFont(bold)
            if question.pack:
                name = view.pack_names.get(question.pack, question.pack)
                layout.addWidget(
                    _from_pack(
                        _("Worded as in the question pack “{name}”").format(name=name)
                        if question.id in ours
                        else _("From the question pack “{name}”").format(name=name)
                    )
                )
            editor = QPlainTextEdit()
            editor.setObjectName(f"answer_{question.id}")
            editor.setAccessibleName(question.text)
            editor.setTabChangesFocus(True)
            editor.setMinimumHeight(70)
            editor.setMaximumHeight(160)
            answer = view.answers.get(question.id)
            editor.setPlainText(answer.text if answer else "")
            editor.textChanged.connect(partial(self._answer_edited, question.id))
            prompt.setBuddy(editor)
            edited = QLabel(_edited_text(answer))
            edited.setObjectName(f"edited_{question.id}")
            # Over two lines when it and the tick box do not fit on one (large text, Russian).
            edited.setWordWrap(True)
            edited.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            private = QCheckBox(_("Private: leave out of sponsor reports"))
            private.setObjectName(f"private_{question.id}")
            private.setAccessibleName(
                _("Keep the answer to question {number} out of sponsor reports").format(
                    number=number
                )
            )
            private.setChecked(bool(answer and answer.private))
            private.toggled.connect(partial(self._answer_edited, question.id))
            self.answer_editors[question.id] = editor
            self.edited_labels[question.id] = edited
            self.private_boxes[question.id] = private
            # The tick box, and when it was edited at the right; under it where both do not
            # fit on one line (a Russian date at 200 % text).
            below = FlowRow()
            below.addWidget(private)
            below.addStretch()
            below.addWidget(edited)
            remark = RemarkBox()
            self.remarks[question.id] = remark
            layout.addWidget(prompt)
            layout.addWidget(editor)
            layout.addWidget(below)
            layout.addWidget(remark)
            layout.addSpacing(10)  # so a tick reads as part of its answer, not the next question
        self.remove_pack_buttons: dict[str, QPushButton] = {}
        for pack_id in dict.fromkeys(q.pack for q in view.questions if q.pack):
            button = QPushButton(
                _("Remove the question pack “{name}”…").format(
                    name=view.pack_names.get(pack_id, pack_id)
                )
            )
            button.setObjectName("remove_pack")
            button.clicked.connect(partial(self._remove_pack, pack_id))
            self.remove_pack_buttons[pack_id] = button
            layout.addWidget(button, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.questions_scroll.setWidget(holder)
        self._show_notes()
        self.notes.blockSignals(True)
        self.notes.setPlainText(view.progress.notes)
        self.notes.blockSignals(False)
        self._show_progress(view.progress)
        self._loading = False
        self.setEnabled(True)
        if self._wanted is not None:
            self._reveal_wanted()

    def _remove_pack(self, pack_id: str) -> None:
        if not _removal_confirmed(self):
            return
        wait_for_saves(self.save_now())  # what was typed is kept before the questions change
        step, language = self.step, current_language()

        def remove(vault: Any) -> Changed[StepView]:
            removed = delete_pack(vault, pack_id)
            return Changed(load_step(vault, step, language), removed)

        self._operations.run(remove, lambda removed: self._show(removed.value), owner=self)

    # --- a search result -------------------------------------------------------------------------

    def reveal(self, kind: str, item_id: str, words: tuple[str, ...] = ()) -> None:
        """Show an answer, the notes or a tool's row, with the keyboard on it (a search result)."""
        self._wanted = (kind, item_id, words)
        if not self._loading:
            self._reveal_wanted()
        # Otherwise once the step has loaded: until then the page is disabled and takes no keys.

    def continue_writing(self) -> None:
        """The cursor at the end of the answer written last (see continued_question), once the
        step has loaded."""
        self._focus_once_loaded(CONTINUE)

    def focus_first(self) -> None:
        """The keyboard on the step's first control, once the step has loaded."""
        self._focus_once_loaded(FIRST)

    def _focus_once_loaded(self, kind: str) -> None:
        self._wanted = (kind, "", ())
        if not self._loading:
            self._reveal_wanted()

    def _reveal_wanted(self) -> None:
        if self._wanted is None:
            return
        kind, item_id, words = self._wanted
        self._wanted = None
        if kind == FIRST:
            self.back_button.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        if kind == QUESTIONS:
            self.tabs.setCurrentWidget(self.questions_scroll)
            self.questions_scroll.verticalScrollBar().setValue(0)
            first = next(iter(self.answer_editors.values()), None)
            if first is not None:
                first.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        if kind == CONTINUE:
            question = continued_question(self.view)
            editor = self.answer_editors.get(question) if question is not None else None
            if editor is not None:
                self.tabs.setCurrentWidget(self.questions_scroll)
                editor.setFocus(Qt.FocusReason.OtherFocusReason)
                cursor = editor.textCursor()
                cursor.movePosition(cursor.MoveOperation.End)
                editor.setTextCursor(cursor)
                self._scroll_to(editor)
                QTimer.singleShot(0, self, partial(self._scroll_to, editor))
            return
        if kind == "step_notes":
            self.tabs.setCurrentWidget(self.notes)
            self.notes.setFocus(Qt.FocusReason.OtherFocusReason)
            show_words(self.notes, words)
        elif kind == "answer":
            editor = self.answer_editors.get(item_id)
            self.tabs.setCurrentWidget(self.questions_scroll)
            if editor is None:
                return  # a question of a pack since removed
            editor.setFocus(Qt.FocusReason.OtherFocusReason)
            show_words(editor, words)
            self._scroll_to(editor)
            # Once the new questions are laid out, the editor's place is known for sure.
            QTimer.singleShot(0, self, lambda: self._scroll_to(editor))
        elif self.tools is not None:
            self.tabs.setCurrentWidget(self.tools)
            # Each table shows only its own records (step 1 has two lists): the one holding the
            # row selects it. Not read yet (or written since), every table looks once.
            tables = self.tools.findChildren(RecordTable)
            holding = [table for table in tables if table.model.row_of(item_id) >= 0]
            for table in holding or tables:
                table.reveal(item_id, words)

    def _scroll_to(self, editor: QPlainTextEdit) -> None:
        """The whole answer in view, and its question above it (not only the cursor's line)."""
        holder = self.questions_scroll.widget()
        if holder is None or not holder.isAncestorOf(editor):
            return
        centre = editor.mapTo(holder, editor.rect().center())
        self.questions_scroll.ensureVisible(centre.x(), centre.y(), 0, editor.height() // 2 + 60)

    def _show_progress(self, progress: Any) -> None:
        self.status.setCurrentIndex(self.status.findData(progress.status))
        parts = [_("started {day}").format(day=_date_text(progress.started_on))]
        if progress.completed_on:
            parts.append(_("completed {day}").format(day=_date_text(progress.completed_on)))
        self.dates.setText(" · ".join(parts) if progress.started_on else "")
        self.sponsor.blockSignals(True)
        self.sponsor_date.blockSignals(True)
        discussed = progress.sponsor_discussed_on
        self.sponsor.setChecked(discussed is not None)
        self.sponsor_date.setEnabled(discussed is not None)
        if discussed:
            self.sponsor_date.set_day(discussed)
        self.sponsor.blockSignals(False)
        self.sponsor_date.blockSignals(False)

    # --- saving ----------------------------------------------------------------------------------

    def _answer_edited(self, question_id: str, *_changed: object) -> None:
        self.autosave.edited(question_id)

    def _notes_edited(self) -> None:
        self.autosave.edited(NOTES)

    def has_unsaved_text(self) -> bool:
        return self.autosave.dirty or self._wording_changed()

    def _wording_changed(self) -> bool:
        # isHidden, not isVisible: the page may be out of sight while the editor is still open.
        return (
            not self.wording_editor.isHidden()
            and self.wording_editor.toPlainText().strip() != self.wording.text()
        )

    def save_now(self) -> list[Future[Any]]:
        """Save every edited answer, an open wording and the notes now; the futures say when
        they are safe."""
        return self.autosave.save_now()

    def _write(self, keys: set[str]) -> None:
        step = self.step
        for question_id in sorted(keys - {NOTES}):
            text = self.answer_editors[question_id].toPlainText()
            private = self.private_boxes[question_id].isChecked()
            self.autosave.run(
                partial(_save_answer_job, step, question_id, text, private),
                partial(self._answer_saved, question_id),
                key=question_id,
            )
        if self._wording_changed():
            self._save_wording()
        if NOTES in keys:
            notes = self.notes.toPlainText()
            self.autosave.run(
                lambda vault: save_step_notes(vault, step, notes),
                lambda _progress: self._saved(),
                key=NOTES,
            )

    def _answer_saved(self, question_id: str, saved: Changed[Answer | None]) -> None:
        self.edited_labels[question_id].setText(_edited_text(saved.value))
        self._saved()
        if self.status.currentData() is StepStatus.NOT_STARTED:
            # The first answer starts the step; show the status and date it now has.
            step = self.step
            self._operations.run(
                lambda vault: vault.steps.progress()[step], self._show_progress, owner=self
            )

    def _saved(self) -> None:
        if not self.has_unsaved_text():
            self.autosave.show(_("All saved"))

    # --- status, sponsor and wording -------------------------------------------------------------

    def _status_picked(self, index: int) -> None:
        status = self.status.itemData(index)
        step, today = self.step, self._operations.day.today()
        self._operations.run(
            lambda vault: set_status(vault, step, status, today),
            lambda status: self._show_progress(status.value),
            owner=self,
        )

    def _sponsor_changed(self) -> None:
        if self._loading:
            return
        checked = self.sponsor.isChecked()
        self.sponsor_date.setEnabled(checked)
        day = self.sponsor_date.day() if checked else None
        step = self.step
        self._operations.run(
            lambda vault: set_sponsor_discussed(vault, step, day),
            owner=self,
        )

    def _start_rewording(self) -> None:
        self.wording_editor.setPlainText(self.wording.text())
        for widget in (self.wording_editor, self.save_wording_button, self.reset_wording_button):
            widget.show()
        self.wording_editor.setFocus()

    def _finish_rewording(self, wording: str | None) -> Future[Any]:
        step, language = self.step, current_language()
        # A failed wording stays in its open editor, and save_now tries it again while it
        # differs from the step's wording: no key of its own to mark.
        return self.autosave.run(
            lambda vault: set_wording(vault, step, wording, language),
            self._wording_saved,
            key=None,
        )

    def _wording_saved(self, saved: Changed[StepProgress]) -> None:
        progress = saved.value
        # The label changes only once the vault has the new wording.
        for widget in (self.wording_editor, self.save_wording_button, self.reset_wording_button):
            widget.hide()
        self.wording.setText(progress.wording or self.view.template_wording)
        self._saved()

    def _save_wording(self) -> Future[Any]:
        return self._finish_rewording(self.wording_editor.toPlainText().strip() or None)

    def _reset_wording(self) -> Future[Any]:
        return self._finish_rewording(None)


class StepsPage(QWidget):
    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._operations = operations
        self.stack = QStackedWidget()
        self.overview = StepsOverviewWidget(operations)
        self.overview.open_requested.connect(self._open_from_card)
        self.overview.continue_requested.connect(self.continue_step)
        self.stack.addWidget(self.overview)
        self.detail: StepDetailWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def open_step(self, step: int) -> StepDetailWidget | None:
        if not self._close_detail():
            return None
        self.detail = StepDetailWidget(self._operations, step)
        self.detail.back_requested.connect(self.show_overview)
        self.stack.addWidget(self.detail)
        self.stack.setCurrentWidget(self.detail)
        return self.detail

    def _open_from_card(self, step: int) -> None:
        # The card's button goes away with the overview: the keyboard goes into the step.
        detail = self.open_step(step)
        if detail is not None:
            detail.focus_first()

    def continue_step(self, step: int) -> StepDetailWidget | None:
        """Open a step with the cursor where the person left off in it."""
        detail = self.open_step(step)
        if detail is not None:
            detail.continue_writing()
        return detail

    def show_overview(self) -> None:
        detail, focused = self.detail, QApplication.focusWidget()
        had_keyboard = detail is not None and focused is not None and detail.isAncestorOf(focused)
        if self._close_detail():
            self.stack.setCurrentWidget(self.overview)
            if detail is not None and had_keyboard:
                self.overview.focus_card(detail.step)  # back where the step was opened

    def _close_detail(self) -> bool:
        """Save and close the open step; if a save fails it stays open, words and all."""
        if self.detail is not None:
            if wait_for_saves(self.detail.save_now()) is not None:
                return False
            self.stack.removeWidget(self.detail)
            self.detail.deleteLater()
            self.detail = None
        return True

    def save_now(self) -> list[Future[Any]]:
        return self.detail.save_now() if self.detail is not None else []

    def show_about(self, about: About) -> None:
        """Open what a sponsor's note is about: one answer, or the step's questions."""
        step = about.step_number
        if step is None:
            return
        detail = self.detail if self.detail is not None and self.detail.step == step else None
        detail = detail or self.open_step(step)
        if detail is None:
            return  # the open step could not be saved; it stays, with the reason in the banner
        self.stack.setCurrentWidget(detail)
        if about.topic is Topic.ANSWER:
            detail.reveal("answer", about.question_id)
        else:
            detail.reveal(QUESTIONS, "")

    def show_item(self, hit: Any) -> None:
        """Open the step holding a search result: an answer, the step's notes or a tool's row."""
        step = hit.step or STEP_OF_TOOL.get(hit.kind)
        if step is None:
            return
        detail = self.detail
        # The defects list belongs to steps 6 and 7 both: an open step 7 shows it as well.
        same = detail is not None and (
            detail.step == step or (hit.kind == "defects" and detail.step in (6, 7))
        )
        if not same:
            detail = self.open_step(step)
        if detail is None:
            return  # the open step could not be saved; it stays, with the reason in the banner
        self.stack.setCurrentWidget(detail)
        words = tuple(text for text, matched in hit.snippet.parts if matched)
        detail.reveal(hit.kind, hit.item_id, words)
