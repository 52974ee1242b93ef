"""The nightly step-10 review: a calendar of reviewed days beside the review of the chosen day.

Built for the keyboard: Tab walks question by question (answer, then note), Y/N (Д/Н in
Russian) or 1/0 answer a yes/no question, digits set a rating, Alt+Left/Alt+Right turn the day,
Ctrl+S saves at once. Everything also saves by itself a moment after typing stops.
"""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent, QKeySequence, QShortcut, QTextCharFormat
from PySide6.QtWidgets import (
    QApplication,
    QCalendarWidget,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from recovery_journal.domain.daily import (
    RATING_MAX,
    AnswerKind,
    NightlyReview,
    Rating,
    RatingDimension,
    ReviewAnswer,
    ReviewQuestion,
    current_streak,
    longest_streak,
)
from recovery_journal.domain.sponsor_notes import About, SponsorNote
from recovery_journal.i18n import _, pgettext
from recovery_journal.services.changes import Changes
from recovery_journal.services.review import (
    APOLOGY_QUESTION,
    GRATITUDE_QUESTION,
    ReviewSheet,
    add_apology_to_step8,
    dimension_name,
    load_sheet,
    question_text,
    review_day,
    save_review,
)
from recovery_journal.services.sponsor_notes import notes_about
from recovery_journal.ui.autosave import Autosave
from recovery_journal.ui.dates import weekday_date_text
from recovery_journal.ui.flow_row import FlowRow
from recovery_journal.ui.found_words import holds_words, show_words
from recovery_journal.ui.labels import heading, literal, wrapped
from recovery_journal.ui.operations import Operations, wait_for_saves
from recovery_journal.ui.record_model import Column
from recovery_journal.ui.record_table import RecordTable
from recovery_journal.ui.sponsor_remarks import NotesFeed, RemarkBox
from recovery_journal.ui.widgets import clear_layout, fit_to_screen, pydate, qdate

NOT_RATED = -1
REVIEWED_COLOUR = QColor("#cfe3f7")  # a soft blue that reads in light themes and to all eyes


def _answers_kept() -> str:
    return _("Not saved — your answers are still here.")


class YesNo(QComboBox):
    """Not answered, yes or no; Y/Д/1 and N/Н/0 answer without opening the list."""

    YES_KEYS = frozenset("yYдД1")
    NO_KEYS = frozenset("nNнН0")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.addItem("—")
        self.addItem(_("Yes"))
        self.addItem(_("No"))

    def value(self) -> bool | None:
        return {0: None, 1: True, 2: False}[self.currentIndex()]

    def set_value(self, value: bool | None) -> None:
        self.setCurrentIndex({None: 0, True: 1, False: 2}[value])

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        text = event.text()
        if text and text in self.YES_KEYS:
            self.set_value(True)
        elif text and text in self.NO_KEYS:
            self.set_value(False)
        elif event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.set_value(None)
        else:
            super().keyPressEvent(event)


class NoteBox(QPlainTextEdit):
    """A few lines of text where Tab moves on, as in the rest of the form."""

    def __init__(self, text: str = "", lines: int = 2, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setTabChangesFocus(True)
        height = self.fontMetrics().lineSpacing() * lines
        self.setFixedHeight(height + 2 * self.frameWidth() + 12)

    def text(self) -> str:
        return self.toPlainText()


class RatingBox(QSpinBox):
    """0 to 10, or "—" for not rated today."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(NOT_RATED, RATING_MAX)
        self.setSpecialValueText("—")
        self.setValue(NOT_RATED)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        # A digit replaces the value instead of being appended to it ("7" then "3" is 3, not 73).
        text = event.text()
        if text.isdigit() and len(text) == 1:
            current = self.value()
            wanted = int(text)
            if current == 1 and wanted == 0:
                wanted = 10  # "1" then "0" is ten
            self.setValue(wanted)
            return
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.setValue(NOT_RATED)
            return
        super().keyPressEvent(event)


class ReviewPage(QWidget):
    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._operations = operations
        self.day: date | None = None
        self.sheet: ReviewSheet | None = None
        self._loading: date | None = None  # the day whose sheet is being read
        self._focus_first = False
        self._reveal_words: tuple[str, ...] | None = None  # a search result's, to show
        self.apology_button: QPushButton | None = None
        self._apology_uid: str | None = None  # the question whose "yes" offers the step 8 list

        self.answers: dict[str, tuple[YesNo | None, QLineEdit | NoteBox]] = {}
        self.ratings: dict[str, RatingBox] = {}

        self.calendar = QCalendarWidget()
        self.calendar.setObjectName("review_calendar")
        self.calendar.setAccessibleName(_("Calendar of reviews"))
        self.calendar.setGridVisible(False)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setMaximumDate(qdate(operations.day.today()))  # each sheet says it again
        self.calendar.clicked.connect(lambda day: self.show_day(pydate(day)))
        self.calendar.activated.connect(lambda day: self.show_day(pydate(day)))
        self.calendar.currentPageChanged.connect(lambda *_args: self._mark_calendar())
        self.streak = wrapped()
        self.streak.setObjectName("streak")
        self.tonight_button = QPushButton(_("&Tonight's review"))
        self.tonight_button.clicked.connect(self.show_tonight)
        self.customise_button = QPushButton(_("Questions and &scales…"))
        self.customise_button.clicked.connect(self.customise)
        legend = wrapped(_("Days with a review are shaded."))
        # The sponsor's words on the nightly reviews (a report's summary of them).
        self.remark = RemarkBox()

        left = QVBoxLayout()
        left.addWidget(self.calendar)
        left.addWidget(legend)
        left.addWidget(self.streak)
        left.addWidget(self.tonight_button)
        left.addWidget(self.customise_button)
        left.addSpacing(8)
        left.addWidget(self.remark)
        left.addStretch(1)
        # As wide as the calendar and its buttons, however long the sentences under it: the
        # questions get the rest of the width (at 200 % text the sentences alone would take half).
        left_side = QWidget()
        left_side.setLayout(left)
        left.setContentsMargins(0, 0, 0, 0)
        left_side.setMaximumWidth(
            max(
                widget.sizeHint().width()
                for widget in (self.calendar, self.tonight_button, self.customise_button)
            )
        )

        self.title = heading()
        self.title.setObjectName("review_title")
        self.previous_button = QPushButton(_("◀ Day before"))
        self.previous_button.setToolTip(_("Alt+Left"))
        self.previous_button.clicked.connect(lambda: self.turn(-1))
        self.next_button = QPushButton(_("Day after ▶"))
        self.next_button.setToolTip(_("Alt+Right"))
        self.next_button.clicked.connect(lambda: self.turn(1))
        self.save_state = QLabel()
        self.save_state.setObjectName("review_save_state")
        self.form_host = QWidget()
        self.form_layout = QVBoxLayout(self.form_host)
        self.form_layout.setContentsMargins(0, 0, 8, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form_host)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self._scroll = scroll

        # The day buttons wrap onto a second line rather than be squeezed (large text, Russian).
        turning = FlowRow()
        turning.addWidget(self.previous_button)
        turning.addWidget(self.next_button)
        turning.addStretch()
        turning.addWidget(self.save_state)
        right = QVBoxLayout()
        right.addWidget(self.title)
        right.addWidget(turning)
        right.addWidget(scroll, stretch=1)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(left_side)
        layout.addSpacing(16)
        layout.addLayout(right, stretch=1)

        self.autosave = Autosave(
            operations, self._write, self.save_state, parent=self, not_saved=_answers_kept
        )
        for sequence, slot in (
            (QKeySequence("Alt+Left"), lambda: self.turn(-1)),
            (QKeySequence("Alt+Right"), lambda: self.turn(1)),
            (QKeySequence.StandardKey.Save, self.save_now),
        ):
            shortcut = QShortcut(sequence, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        operations.changed.connect(self._on_changed)
        NotesFeed(
            operations, self, self._notes_loaded, lambda vault: notes_about(vault, About.reviews())
        )
        # Tonight, unless a day was asked for meanwhile (the page is built when first needed,
        # often by a request for a given night).
        now = operations.day.now()
        operations.run(lambda vault: review_day(vault, now), self._first_day, owner=self)

    def _first_day(self, day: date) -> None:
        if self.day is None:
            self.show_day(day)

    # --- choosing the day ------------------------------------------------------------------------

    def show_tonight(self) -> None:
        now = self._operations.day.now()
        self._operations.run(lambda vault: review_day(vault, now), self.show_day, owner=self)

    def focus_start(self) -> None:
        """Where the keyboard goes when the page is shown by itself: the first answer."""
        self.focus_first_answer()

    def focus_first_answer(self) -> None:
        """Put the keyboard on the first answer, now or as soon as the form is there."""
        self._focus_first = True
        if self.sheet is not None and self.sheet.day == self.day:
            self._apply_first_focus()

    def show_item(self, hit: Any) -> None:
        """Show the night of a search result, the keyboard on the note holding its words."""
        day = hit.day or date.fromisoformat(hit.item_id)
        self._reveal_words = tuple(text for text, matched in hit.snippet.parts if matched)
        self.show_day(day)
        if self.sheet is not None and self.sheet.day == day and not self.autosave.dirty:
            self._apply_reveal()

    def _apply_reveal(self) -> None:
        words = self._reveal_words or ()
        self._reveal_words = None
        notes: list[QLineEdit | NoteBox] = [note for _yes_no, note in self.answers.values()]
        notes.append(self.gratitude)
        target = next((note for note in notes if holds_words(note.text(), words)), None)
        if target is None:
            self._apply_first_focus()
            return
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        show_words(target, words)
        self._scroll.ensureWidgetVisible(target)
        QTimer.singleShot(0, self, lambda: self._scroll.ensureWidgetVisible(target))

    def _apply_first_focus(self) -> None:
        self._focus_first = False
        first = next(iter(self.answers.values()), None)
        if first is not None:
            (first[0] or first[1]).setFocus(Qt.FocusReason.ShortcutFocusReason)

    def turn(self, step: int) -> None:
        if self.day is None:
            return
        wanted = self.day + timedelta(days=step)
        if self.sheet is not None and wanted > self.sheet.today:
            return  # tomorrow's review is written tomorrow
        self.show_day(wanted)

    def show_day(self, day: date) -> None:
        if day == self.day and (self.sheet is not None or self._loading == day):
            return  # shown, or on its way: a second load would rebuild the form under the keys
        self.save_now()
        self.day = day
        self.calendar.setSelectedDate(qdate(day))
        self._load()

    def _load(self) -> None:
        day = self.day
        if day is None:
            return
        self._loading = day
        now = self._operations.day.now()
        self._operations.run(
            lambda vault: load_sheet(vault, day, now),
            self._show_sheet,
            on_error=self._load_failed,
            owner=self,
        )

    def _load_failed(self, error: BaseException) -> None:
        self._loading = None
        self._operations.report(error)

    def _notes_loaded(self, notes: list[SponsorNote]) -> None:
        self.remark.show_notes(notes)

    def show_about(self, _about: About) -> None:
        """The sponsor's note on the reviews is beside the calendar: the keyboard to the form."""
        self.focus_first_answer()

    def _on_changed(self, changes: Changes) -> None:
        if changes.initiator in (self, self.autosave):
            # This page's own save, or its apology sent to step 8: the form already shows it
            # (reloading would rebuild it under the person's hands).
            return
        # Only changes made elsewhere (the questions dialog, an import) redraw the form.
        if changes.daily and not self.autosave.dirty and not self.autosave.saving:
            self._load()

    # --- the form --------------------------------------------------------------------------------

    def _show_sheet(self, sheet: ReviewSheet) -> None:
        if sheet.day == self._loading:
            self._loading = None
        if sheet.day != self.day or self.autosave.dirty:
            return
        # Only where the keyboard is in this page now: focusWidget() is the child that had it
        # last, and giving it back from a page in the background stole the keys from the page
        # in front (a clean date being typed lost its editor when a save elsewhere reloaded us).
        focused = QApplication.focusWidget()
        if focused is not None and not self.isAncestorOf(focused):
            focused = None
        focus_name = focused.objectName() if focused is not None else ""
        self.sheet = sheet
        self.title.setText(_("Review of {day}").format(day=weekday_date_text(sheet.day)))
        self.next_button.setEnabled(sheet.day < sheet.today)
        self.calendar.setMaximumDate(qdate(sheet.today))

        self._mark_calendar()
        self.streak.setText(self._streak_text(sheet))
        # Rebuild the form: the questions and scales can change between days.
        clear_layout(self.form_layout)
        self.answers.clear()
        self.ratings.clear()
        self.apology_button = None
        self._apology_uid = None
        questions = QWidget()
        grid = QGridLayout(questions)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(2, 3)
        self.gratitude = NoteBox("\n".join(sheet.gratitude), lines=4)
        self.gratitude.setObjectName("gratitude")
        self.gratitude.setAccessibleName(_("Gratitude list, one thing a line"))
        self.gratitude.setPlaceholderText(_("One thing a line…"))
        self.gratitude.textChanged.connect(self._edited)
        gratitude_in_questions = False
        row = -1
        for question in sheet.questions:
            row += 1
            answer = sheet.review.answer(question.uid) or ReviewAnswer(question.uid)
            text = question_text(question)
            label = wrapped(literal(text))
            label.setMinimumWidth(200)
            label.setMaximumWidth(360)
            grid.addWidget(label, row, 0)
            if question.builtin == GRATITUDE_QUESTION and not answer.note:
                # The gratitude list is this question's answer, a line for each thing.
                label.setBuddy(self.gratitude)
                grid.addWidget(self.gratitude, row, 1, 1, 2)
                gratitude_in_questions = True
                continue
            note: QLineEdit | NoteBox
            if question.kind is AnswerKind.YES_NO:
                note = QLineEdit(answer.note)
                note.setPlaceholderText(_("A note…"))
                note.textEdited.connect(self._edited)
            else:
                note = NoteBox(answer.note)
                note.setPlaceholderText(_("Write here…"))
                note.textChanged.connect(self._edited)
            note.setObjectName(f"note_{question.uid}")
            note.setAccessibleName(_("Note: {question}").format(question=text))
            yes_no: YesNo | None = None
            if question.kind is AnswerKind.YES_NO:
                yes_no = YesNo()
                yes_no.setObjectName(f"answer_{question.uid}")
                yes_no.setAccessibleName(text)
                yes_no.set_value(answer.yes)
                yes_no.currentIndexChanged.connect(self._edited)
                label.setBuddy(yes_no)
                grid.addWidget(yes_no, row, 1)
                grid.addWidget(note, row, 2)
            else:
                label.setBuddy(note)
                grid.addWidget(note, row, 1, 1, 2)
            if question.builtin == APOLOGY_QUESTION and yes_no is not None:
                button = QPushButton(
                    _("On the step 8 list") if sheet.on_step8 else _("Add to step &8 list…")
                )
                button.setObjectName("apology_to_step8")
                button.setEnabled(not sheet.on_step8 and answer.yes is True)
                button.clicked.connect(self.add_apology)
                yes_no.currentIndexChanged.connect(
                    lambda _index, b=button, y=yes_no: b.setEnabled(
                        y.value() is True and not self._on_step8()
                    )
                )
                row += 1  # under the note, so the notes keep the width
                grid.addWidget(button, row, 0, 1, 3, Qt.AlignmentFlag.AlignRight)
                self.apology_button = button
                self._apology_uid = question.uid
            self.answers[question.uid] = (yes_no, note)
        self.form_layout.addWidget(heading(_("Questions"), 1.15))
        self.form_layout.addWidget(questions)

        scales = QWidget()
        scale_grid = QGridLayout(scales)
        scale_grid.setContentsMargins(0, 0, 0, 0)
        scale_grid.setColumnStretch(2, 1)
        for row, dimension in enumerate(sheet.dimensions):
            name = dimension_name(dimension)
            box = RatingBox()
            box.setObjectName(f"rating_{dimension.uid}")
            box.setAccessibleName(name)
            value = sheet.review.rating(dimension.uid)
            box.setValue(NOT_RATED if value is None else value)
            box.valueChanged.connect(self._edited)
            label = wrapped(literal(name))
            label.setBuddy(box)
            hint = wrapped(
                _("0 to 10, lower is better") if dimension.lower_is_better else _("0 to 10")
            )
            scale_grid.addWidget(label, row, 0)
            scale_grid.addWidget(box, row, 1)
            scale_grid.addWidget(hint, row, 2)
            self.ratings[dimension.uid] = box
        self.form_layout.addSpacing(8)
        self.form_layout.addWidget(heading(_("How was the day?"), 1.15))
        self.form_layout.addWidget(scales)

        if not gratitude_in_questions:
            self.form_layout.addSpacing(8)
            gratitude_label = QLabel(_("Gratitude &list — one thing a line"))
            gratitude_label.setBuddy(self.gratitude)
            self.form_layout.addWidget(gratitude_label)
            self.form_layout.addWidget(self.gratitude)
        self.form_layout.addStretch(1)
        self._show_saved()
        # Keep the keyboard where it was when the form is rebuilt (a new day, new questions).
        # The old form waits for deleteLater under the same names: the newest match is ours.
        matches = self.form_host.findChildren(QWidget, focus_name) if focus_name else []
        target = matches[-1] if matches else None
        if self._reveal_words is not None:
            self._apply_reveal()
        elif self._focus_first:
            self._apply_first_focus()
        elif target is not None:
            target.setFocus()

    def _on_step8(self) -> bool:
        return self.sheet is not None and self.sheet.on_step8

    def _streak_text(self, sheet: ReviewSheet) -> str:
        days = set(sheet.reviewed_days)
        if not days:
            return _("No reviews yet: tonight's can be the first.")  # not three zeros
        now = current_streak(days, sheet.today)
        return _("Reviews in a row: {now}. Longest run: {longest}. Days reviewed: {total}.").format(
            now=now, longest=longest_streak(days), total=len(days)
        )

    def _mark_calendar(self) -> None:
        if self.sheet is None:
            return
        plain = QTextCharFormat()
        marked = QTextCharFormat()
        marked.setBackground(QBrush(REVIEWED_COLOUR))
        marked.setForeground(QBrush(QColor("#0b2740")))
        marked.setFontWeight(QFont.Weight.Bold)
        year, month = self.calendar.yearShown(), self.calendar.monthShown()
        first = QDate(year, month, 1).addMonths(-1)
        for offset in range(31 * 3):
            day = first.addDays(offset)
            reviewed = pydate(day) in self.sheet.reviewed_days
            self.calendar.setDateTextFormat(day, marked if reviewed else plain)

    def collected(self) -> tuple[NightlyReview, list[str]]:
        """The review and gratitude lines as the form holds them now."""
        assert self.day is not None
        answers = []
        for uid, (yes_no, note) in self.answers.items():
            answer = ReviewAnswer(uid, yes_no.value() if yes_no else None, note.text())
            if not answer.empty:
                answers.append(answer)
        ratings = [
            Rating(uid, box.value()) for uid, box in self.ratings.items() if box.value() >= 0
        ]
        lines = self.gratitude.toPlainText().splitlines()
        return NightlyReview(self.day, tuple(answers), tuple(ratings)), lines

    # --- saving ----------------------------------------------------------------------------------

    def _edited(self, *_args: Any) -> None:
        if self.sheet is None:
            return
        self.autosave.edited()

    def save_now(self) -> list[Future[Any]]:
        """Save at once if anything is waiting (Ctrl+S, another day, closing); the saves not
        finished yet."""
        return self.autosave.save_now()

    def _write(self, keys: set[str]) -> None:
        if keys and self.sheet is None:
            for key in keys:
                self.autosave.mark(key)  # no form to read them from yet: they wait
            return
        if not keys or self.sheet is None:
            return
        review, lines = self.collected()
        day, written = review.day, not review.empty

        def saved(_changes: Changes) -> None:
            self._saved(day, written)

        self.autosave.run(lambda vault: save_review(vault, review, lines), saved)

    def _saved(self, day: date, written: bool) -> None:
        if self.sheet is None or self.autosave.dirty:
            return
        days = set(self.sheet.reviewed_days)
        if written:
            days.add(day)
        else:
            days.discard(day)  # an emptied review is removed from the vault
        self.sheet = replace(self.sheet, reviewed_days=frozenset(days))
        self._mark_calendar()
        self.streak.setText(self._streak_text(self.sheet))
        self._show_saved()

    def _show_saved(self) -> None:
        if self.sheet is None:
            return
        written = self.day in self.sheet.reviewed_days
        self.autosave.show(_("Saved") if written else _("Nothing written for this day yet"))

    # --- step 8 and customising ------------------------------------------------------------------

    def add_apology(self) -> None:
        if self.day is None or self._apology_uid not in self.answers:
            return
        note = self.answers[self._apology_uid][1].text()
        person, ok = QInputDialog.getText(
            self,
            _("Add to the step 8 list"),
            _("Who do you owe an apology? (A name or a word that reminds you.)"),
            text=note,
        )
        if not ok:
            return
        day, uid = self.day, self._apology_uid
        self.save_now()

        def added(result: Any) -> None:
            if self.sheet is not None and self.sheet.day == day:
                self.sheet = replace(self.sheet, on_step8=True)
                button = self.apology_button
                if button is not None:
                    button.setText(_("On the step 8 list"))
                    if button.hasFocus() and uid in self.answers:
                        # Disabled, it would hand the keyboard on to the next answer unseen, and
                        # Tab would then skip that answer: back to the note it was sent from.
                        self.answers[uid][1].setFocus(Qt.FocusReason.OtherFocusReason)
                    button.setEnabled(False)

        self._operations.run(
            lambda vault: add_apology_to_step8(vault, day, person, note),
            added,
            owner=self,  # the step 8 list and the day's review changed: the result says so
        )

    def customise(self) -> None:
        self.save_now()
        dialog = QuestionsDialog(self._operations, self)
        dialog.exec()
        self.sheet = None  # the form is rebuilt with the new questions
        self._load()


class QuestionsDialog(QDialog):
    """Add, hide, reword and reorder the questions; add, rename and hide the rating scales."""

    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Questions and scales"))
        fit_to_screen(self, 820, 560)
        tabs = QTabWidget()
        tabs.tabBar().setAccessibleName(_("Questions and scales"))
        self.questions = RecordTable(
            operations,
            ReviewQuestion,
            [
                Column("text", _("Question"), stretch=True, shown=question_text),
                Column("kind", _("Answer")),
                # Translators: a tick column of the questions' table; the scales' table has its
                # own, as the word may agree with "question" or "scale".
                Column("hidden", pgettext("a question", "Hidden")),
            ],
            make_new=lambda uid: ReviewQuestion(uid, _("A new question")),
            reorder=True,
            removable=False,
            name=_("Questions"),
        )
        self.questions.setObjectName("review_questions")
        self.scales = RecordTable(
            operations,
            RatingDimension,
            [
                Column("name", _("Scale"), stretch=True, shown=dimension_name),
                Column("lower_is_better", _("Lower is better")),
                Column("hidden", pgettext("a scale", "Hidden")),
            ],
            make_new=lambda uid: RatingDimension(uid, _("A new scale")),
            reorder=True,
            removable=False,
            name=_("Scales"),
        )
        self.scales.setObjectName("rating_dimensions")
        for table, title, text in (
            (
                self.questions,
                _("Questions"),
                _(
                    "Double-click a question to reword it. Hidden questions stay in the reviews "
                    "that answered them."
                ),
            ),
            (
                self.scales,
                _("Scales"),
                _("Each scale is rated 0 to 10. Tick \u201clower is better\u201d for craving."),
            ),
        ):
            page = QWidget()
            layout = QVBoxLayout(page)
            layout.addWidget(wrapped(text))
            layout.addWidget(table)
            tabs.addTab(page, title)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)

    def done(self, result: int) -> None:
        wait_for_saves(self.questions.save_now() + self.scales.save_now())
        super().done(result)
