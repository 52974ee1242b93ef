"""The Today page: a greeting, a few words about today (saved as you type) and the last few days."""

from __future__ import annotations

from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from recovery_journal.domain.day import PartOfDay
from recovery_journal.domain.notes import DailyNote
from recovery_journal.i18n import _, ngettext
from recovery_journal.services.changes import Changed, Changes
from recovery_journal.services.clean_time import (
    days_text,
    days_until_start,
    milestone_note,
    starts_in_text,
)
from recovery_journal.services.labels import in_sentence
from recovery_journal.services.today import TodayView, load_today, save_daily_note
from recovery_journal.ui.autosave import Autosave, saved_at
from recovery_journal.ui.dates import compact_date_text, day_heading
from recovery_journal.ui.flow_row import FlowRow
from recovery_journal.ui.found_words import show_words
from recovery_journal.ui.labels import heading, wrapped
from recovery_journal.ui.operations import Operations


def greeting(part: PartOfDay, name: str) -> str:
    """Good morning from the day boundary, good evening until it (domain.day.part_of_day)."""
    if part is PartOfDay.MORNING:
        text = _("Good morning, {name}.") if name else _("Good morning.")
    elif part is PartOfDay.AFTERNOON:
        text = _("Good afternoon, {name}.") if name else _("Good afternoon.")
    else:
        text = _("Good evening, {name}.") if name else _("Good evening.")
    return text.format(name=name)


class TodayPage(QWidget):
    open_review = Signal()
    open_spot_check = Signal()

    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._operations = operations
        self.day = operations.day.today()  # the person's today: the night is still yesterday
        self._loaded = False
        # Today's note came from another computer (a shared folder): shown in the editor at the
        # next load unless words are being typed there, which would otherwise be saved over it.
        self._refill = False
        self._name = ""  # the display name, once the settings have been read

        self.greeting = heading()
        self.date_label = QLabel()
        self.date_label.setObjectName("date")
        self.focus = wrapped()
        self.focus.setObjectName("focus")
        self.focus.hide()

        self.clean_time = wrapped()
        self.clean_time.setObjectName("clean_time")
        self.milestones = wrapped()
        self.milestones.setObjectName("milestones")
        self.milestones.setStyleSheet(
            "QLabel { background: #e3f1e6; color: #183d22; padding: 8px 10px; }"
        )
        self.milestones.hide()
        self.review_state = wrapped()
        self.review_state.setObjectName("review_state")
        self.review_button = QPushButton(_("Write tonight's &review"))
        self.review_button.setObjectName("write_review")
        self.review_button.clicked.connect(self.open_review)
        self.spot_check_button = QPushButton(_("S&pot-check…"))
        self.spot_check_button.setObjectName("spot_check")
        self.spot_check_button.setToolTip(
            _("A quick note when something disturbs you during the day")
        )
        self.spot_check_button.clicked.connect(self.open_spot_check)

        prompt = QLabel(_("A few &words about today"))
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("today_note")
        self.editor.setAccessibleName(_("A few words about today"))
        self.editor.setPlaceholderText(
            _("What happened, how you feel, what you are grateful for… It saves as you type.")
        )
        self.editor.setTabChangesFocus(True)
        # Until the saved note has arrived, typing would be overwritten by it.
        self.editor.setReadOnly(True)
        prompt.setBuddy(self.editor)
        self.save_state = QLabel()
        self.save_state.setObjectName("save_state")
        self.save_state.setAlignment(Qt.AlignmentFlag.AlignRight)

        self.recent_title = QLabel(_("The last few days"))
        self.recent = QListWidget()
        self.recent.setObjectName("recent")
        self.recent.setAccessibleName(_("The last few days"))
        self.recent.setWordWrap(True)
        self.recent.setSpacing(3)
        self.recent.setAlternatingRowColors(True)
        self.summary = QLabel()
        self.summary.setObjectName("summary")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(self.greeting)
        layout.addWidget(self.date_label)
        layout.addWidget(self.focus)
        layout.addSpacing(8)
        layout.addWidget(self.clean_time)
        layout.addWidget(self.milestones)
        # The sentence and its buttons share a line while they fit, and wrap when they do not.
        practice_row = FlowRow()
        practice_row.addWidget(self.review_state)
        practice_row.addStretch()
        practice_row.addWidget(self.review_button)
        practice_row.addWidget(self.spot_check_button)
        layout.addWidget(practice_row)
        layout.addSpacing(12)
        layout.addWidget(prompt)
        layout.addWidget(self.editor, stretch=2)
        status_row = QHBoxLayout()
        status_row.addWidget(self.summary, stretch=1)
        status_row.addWidget(self.save_state)
        layout.addLayout(status_row)
        layout.addSpacing(8)
        layout.addWidget(self.recent_title)
        layout.addWidget(self.recent, stretch=2)

        self.autosave = Autosave(operations, self._write, self.save_state, parent=self)
        operations.day.turned.connect(self._check_day)
        self.editor.textChanged.connect(self.autosave.edited)
        operations.changed.connect(self._on_changed)
        self.reload()

    # --- loading ---------------------------------------------------------------------------------

    def focus_start(self) -> None:
        """Where the keyboard goes when the page is shown by itself: the day's note."""
        self.editor.setFocus()

    def reload(self) -> None:
        day = self.day
        self._operations.run(lambda vault: load_today(vault, day), self._show, owner=self)

    def _show(self, view: TodayView) -> None:
        if view.day != self.day:
            return
        self._name = view.settings.display_name
        self._greet()
        self.date_label.setText(day_heading(view.day))
        focus = view.focus
        if focus is not None and focus.name:
            text = (
                _("Today's focus: {virtue} (instead of {defect}).").format(
                    virtue=in_sentence(focus.opposite), defect=in_sentence(focus.name)
                )
                if focus.opposite
                else _("Today's focus: {defect}.").format(defect=in_sentence(focus.name))
            )
            self.focus.setText(text)
        self.focus.setVisible(focus is not None and bool(focus.name))
        self._show_practice(view)
        # The editor is filled once per day: refilling it after each autosave would move the cursor.
        refill = self._refill and not self.autosave.dirty
        self._refill = False
        if refill and self.editor.toPlainText() == (view.note.text if view.note else ""):
            refill = False  # the same words: the cursor stays where it is
        if not self._loaded or refill:
            self.editor.blockSignals(True)
            self.editor.setPlainText(view.note.text if view.note else "")
            self.editor.blockSignals(False)
            if refill:
                self.editor.moveCursor(QTextCursor.MoveOperation.End)  # to write on after it
            self.editor.setReadOnly(False)
            self._loaded = True
            self._show_saved(view.note)
        self._show_written(view)

    def _show_written(self, view: TodayView) -> None:
        """How many days hold a note (today's too), and the days before today: two views of the
        same notes, worded so they never seem to disagree."""
        self.summary.setText(
            ngettext(
                "You have written about {count} day.",
                "You have written about {count} days.",
                view.days_written,
            ).format(count=view.days_written)
        )
        self.summary.setVisible(view.days_written > 0)  # "0 days" says nothing kind or useful
        self.recent.clear()
        for note in view.recent:
            item = QListWidgetItem(f"{compact_date_text(note.day)}\n{note.first_line}")
            item.setToolTip(note.text[:500])
            self.recent.addItem(item)
        if not view.recent:
            written_today = view.note is not None
            self.recent.addItem(
                _(
                    "Today is the first day you have written about. From tomorrow, the days "
                    "before appear here."
                )
                if written_today
                else _("Nothing yet. The days you write about will appear here.")
            )

    def _show_practice(self, view: TodayView) -> None:
        words = self._operations.settings.words()
        counts = [
            _("{name}: {days}").format(
                name=item.clean.name or words.time,
                days=starts_in_text(days_until_start(item, view.day)),
            )
            if days_until_start(item, view.day)
            else words.counter.format(name=item.clean.name or words.time, days=days_text(item.days))
            for item in view.clean_times
        ]
        self.clean_time.setText(" · ".join(counts))
        self.clean_time.setVisible(bool(counts))
        notes = [
            f"{item.clean.name or words.time}: {milestone_note(item)}"
            for item in view.clean_times
            if item.reached_today is not None
        ]
        self.milestones.setText("\n".join(notes))
        self.milestones.setVisible(bool(notes))
        found = view.streaks
        if found is None:
            return
        if found.written_today:
            text = ngettext(
                "Tonight's review is written. {n} night in a row.",
                "Tonight's review is written. {n} nights in a row.",
                found.current,
            ).format(n=found.current)
            self.review_button.setText(_("Open tonight's &review"))
        else:
            text = _("Tonight's review is not written yet.")
            self.review_button.setText(_("Write tonight's &review"))
        self.review_state.setText(text)

    def _on_changed(self, changes: Changes) -> None:
        if changes.notes and changes.initiator is not self:
            # A note written from elsewhere (another computer's, a version kept of two, a
            # merge): the editor shows it at this reload, unless words wait there to be saved,
            # or the next autosave would put the old words back over it.
            self._refill = True
        if changes:
            self.reload()

    def _greet(self) -> None:
        self.greeting.setText(greeting(self._operations.day.part(), self._name))

    def _check_day(self) -> None:
        """The day or the part of it turned (or a save ended): greet anew, turn the page if due."""
        self._greet()
        today = self._operations.day.today()
        if today == self.day:
            return
        if self.autosave.dirty:
            # Yesterday's words go first; the page turns to the new day once they are saved.
            self.save_now()
            return
        self.day = today
        self._loaded = False
        self.editor.setReadOnly(True)
        self.reload()

    def show_item(self, hit: Any) -> None:
        """Today's note, as a search result: the keyboard goes to its words.

        The window opens a day's note on the journal page (every day is there); this page holds
        only today's.
        """
        if hit.kind != "note" or hit.item_id != self.day.isoformat():
            return
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        if self._loaded:
            show_words(self.editor, [text for text, matched in hit.snippet.parts if matched])

    # --- saving ----------------------------------------------------------------------------------

    def save_now(self) -> list[Future[DailyNote | None]]:
        """Save at once if anything is waiting (also before the window closes); the saves not
        finished yet."""
        return self.autosave.save_now()

    def has_unsaved_text(self) -> bool:
        return self.autosave.dirty

    def _write(self, keys: set[str]) -> None:
        if not keys:
            return
        day, text = self.day, self.editor.toPlainText()
        self.autosave.run(
            lambda vault: save_daily_note(vault, day, text),
            self._saved,
        )

    def _saved(self, saved: Changed[DailyNote | None]) -> None:
        if not self.autosave.dirty:
            self._show_saved(saved.value)
            if self._operations.day.today() != self.day:
                self._check_day()  # the words of the night before are kept: now turn the page

    def _show_saved(self, note: DailyNote | None) -> None:
        self.autosave.show("" if note is None else saved_at(note.updated_at))
