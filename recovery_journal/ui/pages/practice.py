"""Clean time, meetings, spot-checks and the gratitude list, beside the nightly review."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from recovery_journal.domain.clean_time import CleanDate, Slip
from recovery_journal.domain.daily import NINETY, GratitudeEntry, Meeting, SpotCheck
from recovery_journal.i18n import _, ngettext
from recovery_journal.services.changes import Changes
from recovery_journal.services.clean_time import (
    CleanTime,
    PracticeView,
    days_text,
    days_until_start,
    load_practice,
    milestone_note,
    next_milestone_text,
    record_slip,
    set_ninety_start,
    span_text,
    starts_in_text,
)
from recovery_journal.services.programme_words import ProgrammeWords
from recovery_journal.ui.dates import DateEdit, clock_text, confirm_date, date_text, doubt_question
from recovery_journal.ui.labels import heading, wrapped
from recovery_journal.ui.operations import Operations
from recovery_journal.ui.record_model import Column
from recovery_journal.ui.record_table import RecordTable
from recovery_journal.ui.widgets import clear_layout, fit_to_screen, lines_high


def clean_time_card(item: CleanTime, today: date, words: ProgrammeWords) -> QFrame:
    """One clean date's counter: days, years-months-days, the longest run and the next milestone."""
    card = QFrame()
    card.setObjectName(f"clean_card_{item.clean.uid}")
    card.setFrameShape(QFrame.Shape.StyledPanel)
    layout = QVBoxLayout(card)
    name = item.clean.name or words.time
    layout.addWidget(heading(name, 1.15))
    ahead = days_until_start(item, today)
    if ahead:
        # A date still ahead (kept after the question): when it begins, not a count of 0 days
        # with a milestone "in 15 days" as if the count were running.
        shown = starts_in_text(ahead)
        count = heading(shown[:1].upper() + shown[1:], 1.8)
        count.setObjectName("clean_days")
        count.setAccessibleName(_("{name}: {days}").format(name=name, days=shown))
        layout.addWidget(count)
        layout.addWidget(wrapped(_("The count begins on {day}.").format(day=date_text(item.since))))
        return card
    count = heading(days_text(item.days), 1.8)
    count.setObjectName("clean_days")
    count.setAccessibleName(_("{name}: {days}").format(name=name, days=days_text(item.days)))
    layout.addWidget(count)
    layout.addWidget(
        wrapped(
            _("{span}, since {day}").format(span=span_text(item.span), day=date_text(item.since))
        )
    )
    if item.reached_today is not None:
        note = wrapped(milestone_note(item))
        note.setObjectName("milestone_note")
        note.setStyleSheet("QLabel { background: #e3f1e6; color: #183d22; padding: 6px; }")
        layout.addWidget(note)
    layout.addWidget(wrapped(_("Next: {text}").format(text=next_milestone_text(item, today))))
    if item.slips:
        # No count of slips on the card: it celebrates the time, the history keeps the rest.
        longest = _("Longest run: {longest}. What you learned is kept in the history of slips.")
        layout.addWidget(wrapped(longest.format(longest=days_text(item.longest_run))))
    return card


class SlipDialog(QDialog):
    """A slip, written down without shame: the date, what happened, what I learned."""

    def __init__(
        self,
        clean_dates: list[CleanDate],
        today: date,
        words: ProgrammeWords,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._today = today
        self.setWindowTitle(_("Record a slip"))
        self.clean = QComboBox()
        self.clean.setObjectName("slip_clean")
        for clean in clean_dates:
            self.clean.addItem(clean.name or words.time, clean.uid)
        self.on = DateEdit(today, latest=today)
        self.on.setObjectName("slip_on")
        self.what = QPlainTextEdit()
        self.what.setObjectName("slip_what")
        self.what.setTabChangesFocus(True)
        self.what.setMinimumHeight(lines_high(self.what, 3))
        self.learned = QPlainTextEdit()
        self.learned.setObjectName("slip_learned")
        self.learned.setTabChangesFocus(True)
        self.learned.setMinimumHeight(lines_high(self.learned, 3))
        form = QFormLayout()
        form.addRow(words.date_label, self.clean)
        form.addRow(_("&Day of the slip:"), self.on)
        form.addRow(_("&What happened:"), self.what)
        form.addRow(_("What I &learned:"), self.learned)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            wrapped(
                _(
                    "A slip is part of many people's recovery. The count starts again tomorrow; "
                    "your earlier days and your longest run stay in the history."
                )
            )
        )
        layout.addLayout(form)
        layout.addWidget(buttons)
        fit_to_screen(self, 520, 420)

    def accept(self) -> None:
        """Save, unless the day looks mistyped and the person would rather change it."""
        self.on.finish()
        question = doubt_question(self.on.day(), self._today)
        if question is not None and not confirm_date(self, question):
            self.on.setFocus(Qt.FocusReason.OtherFocusReason)  # the words typed stay
            return
        super().accept()


class PracticePage(QWidget):
    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._operations = operations
        self.view: PracticeView | None = None
        self.tabs = QTabWidget()
        self.tabs.setObjectName("practice_tabs")
        self.tabs.tabBar().setAccessibleName(_("Parts of this page"))
        self.tabs.addTab(self._clean_tab(), "")  # named by the programme: _use_words
        self.tabs.addTab(self._meetings_tab(), _("&Meetings"))
        self.tabs.addTab(self._spot_checks_tab(), _("S&pot-checks"))
        self.tabs.addTab(self._gratitude_tab(), _("G&ratitude"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        self.heading = heading("")
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs)
        self._use_words()
        operations.settings.read.connect(self._use_words)
        operations.changed.connect(self._on_changed)
        operations.day.turned.connect(self.reload)  # the counts move on with the day
        self.reload()

    # --- clean time ------------------------------------------------------------------------------

    def _clean_tab(self) -> QWidget:
        tab = QWidget()
        self.cards = QVBoxLayout()
        cards_host = QWidget()
        cards_host.setLayout(self.cards)
        cards_scroll = QScrollArea()
        cards_scroll.setWidgetResizable(True)
        cards_scroll.setWidget(cards_host)
        cards_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.clean_table = RecordTable(
            self._operations,
            CleanDate,
            [Column("name", _("What I stay away from"), stretch=True), Column("since", _("Since"))],
            make_new=lambda uid: CleanDate(uid, "", self._today()),
            doubt=lambda old, new: self._doubt(old.since, new.since),
        )
        self.clean_table.setObjectName("clean_dates")
        self.slip_button = QPushButton(_("Record a &slip…"))
        self.slip_button.setObjectName("record_slip")
        self.slip_button.clicked.connect(self.record_slip)
        self.slips_table = RecordTable(
            self._operations,
            Slip,
            [
                Column("on", _("Day")),
                Column("what_happened", _("What happened"), stretch=True),
                Column("learned", _("What I learned"), stretch=True),
            ],
            make_new=lambda uid: Slip(uid, "", self._today()),
            addable=False,
            name=_("History of slips"),
            doubt=lambda old, new: self._doubt(old.on, new.on),
        )
        self.slips_table.setObjectName("slips")
        left = QVBoxLayout()
        left.addWidget(cards_scroll, stretch=1)
        right = QVBoxLayout()
        self.add_hint = wrapped("")
        right.addWidget(self.add_hint)
        right.addWidget(self.clean_table, stretch=1)
        right.addWidget(self.slip_button, alignment=Qt.AlignmentFlag.AlignLeft)
        right.addWidget(QLabel(_("History of slips")))
        right.addWidget(self.slips_table, stretch=1)
        layout = QHBoxLayout(tab)
        layout.addLayout(left, stretch=2)
        layout.addLayout(right, stretch=3)
        return tab

    def _show_cards(self, view: PracticeView) -> None:
        clear_layout(self.cards)
        words = self._operations.settings.words()
        if not view.clean_times:
            self.cards.addWidget(wrapped(words.no_date))
        for item in view.clean_times:
            self.cards.addWidget(clean_time_card(item, view.today, words))
        self.cards.addStretch(1)

    def record_slip(self) -> None:
        view = self.view
        if view is None or not view.clean_times:
            return  # the button is disabled until there is a clean date
        dialog = SlipDialog(
            [c.clean for c in view.clean_times], view.today, self._operations.settings.words(), self
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        uid = dialog.clean.currentData()
        on = dialog.on.day()
        what, learned = dialog.what.toPlainText(), dialog.learned.toPlainText()
        self._operations.run(
            lambda vault: record_slip(vault, uid, on, what, learned),
            lambda _changes: self.slips_table.reload(),
            owner=self,
        )

    # --- meetings --------------------------------------------------------------------------------

    def _meetings_tab(self) -> QWidget:
        tab = QWidget()
        self.meetings_table = RecordTable(
            self._operations,
            Meeting,
            [
                Column("day", _("Date")),
                Column("name", _("Group or meeting"), stretch=True),
                Column("format", _("Format")),
                Column("shared", _("I shared")),
                Column("notes", _("Notes"), stretch=True),
            ],
            make_new=self._new_meeting,
            filterable=True,
            name=_("Meetings"),
        )
        self.meetings_table.setObjectName("meetings")
        self.ninety_on = QCheckBox(_("I am doing &90 meetings in 90 days, starting"))
        self.ninety_on.setObjectName("ninety_on")
        self.ninety_start = DateEdit(self._today())
        self.ninety_start.setObjectName("ninety_start")
        self.ninety_start.setAccessibleName(_("First day of the 90 days"))
        self.ninety_on.toggled.connect(self._ninety_changed)
        self.ninety_start.dateChanged.connect(self._ninety_changed)
        self.ninety_bar = QProgressBar()
        self.ninety_bar.setObjectName("ninety_bar")
        self.ninety_bar.setRange(0, NINETY)
        self.ninety_text = wrapped()
        self.ninety_text.setObjectName("ninety_text")
        ninety_row = QHBoxLayout()
        ninety_row.addWidget(self.ninety_on)
        ninety_row.addWidget(self.ninety_start)
        ninety_row.addStretch(1)
        layout = QVBoxLayout(tab)
        layout.addLayout(ninety_row)
        layout.addWidget(self.ninety_bar)
        layout.addWidget(self.ninety_text)
        layout.addWidget(self.meetings_table, stretch=1)
        return tab

    def _new_meeting(self, uid: str) -> Meeting:
        # The group most people log is the one they logged last.
        last = self.meetings_table.model.records[0] if self.meetings_table.model.records else None
        if last is not None:
            return Meeting(uid, self._today(), last.name, last.format)
        return Meeting(uid, self._today())

    def _show_ninety(self, view: PracticeView) -> None:
        ninety = view.ninety
        for widget in (self.ninety_on, self.ninety_start):
            widget.blockSignals(True)
        self.ninety_on.setChecked(ninety is not None)
        self.ninety_start.setEnabled(ninety is not None)
        if ninety is not None:
            self.ninety_start.set_day(ninety.start)
        for widget in (self.ninety_on, self.ninety_start):
            widget.blockSignals(False)
        self.ninety_bar.setVisible(ninety is not None)
        if ninety is None:
            self.ninety_text.setText(
                _("Some people go to a meeting every day for their first ninety days.")
            )
            return
        self.ninety_bar.setValue(min(NINETY, ninety.meetings))
        self.ninety_bar.setFormat(f"{ninety.meetings} / {NINETY}")
        if ninety.finished:
            text = ngettext(
                "{n} meeting in the ninety days.",
                "{n} meetings in the ninety days.",
                ninety.meetings,
            ).format(n=ninety.meetings)
        else:
            text = _("Day {day} of 90: {meetings} so far.").format(
                day=ninety.day_number,
                meetings=ngettext("{n} meeting", "{n} meetings", ninety.meetings).format(
                    n=ninety.meetings
                ),
            )
        self.ninety_text.setText(text)

    def _ninety_changed(self, *_args: Any) -> None:
        start = self.ninety_start.day() if self.ninety_on.isChecked() else None
        self.ninety_start.setEnabled(start is not None)
        self._operations.run(lambda vault: set_ninety_start(vault, start))

    # --- spot-checks and gratitude ---------------------------------------------------------------

    def _spot_checks_tab(self) -> QWidget:
        tab = QWidget()
        self.spot_table = RecordTable(
            self._operations,
            SpotCheck,
            [
                Column("day", _("Date")),
                Column("at", _("Time"), shown=lambda check: clock_text(check.at), read_only=True),
                Column("disturbed", _("What disturbed me"), stretch=True),
                Column("what_i_did", _("What I did about it"), stretch=True),
            ],
            make_new=lambda uid: SpotCheck(
                uid, self._today(), self._operations.day.now().strftime("%H:%M")
            ),
            filterable=True,
            name=_("Spot-checks"),
        )
        self.spot_table.setObjectName("spot_checks")
        layout = QVBoxLayout(tab)
        layout.addWidget(
            wrapped(
                _(
                    "A quick check during the day: when something disturbs you, write what it "
                    "was and what you did about it. Ctrl+N adds one."
                )
            )
        )
        layout.addWidget(self.spot_table)
        return tab

    def _gratitude_tab(self) -> QWidget:
        tab = QWidget()
        self.gratitude_table = RecordTable(
            self._operations,
            GratitudeEntry,
            [Column("day", _("Date")), Column("text", _("Grateful for"), stretch=True)],
            make_new=lambda uid: GratitudeEntry(uid, self._today(), ""),
            filterable=True,
            name=_("Gratitude list"),
        )
        self.gratitude_table.setObjectName("gratitude_list")
        layout = QVBoxLayout(tab)
        layout.addWidget(
            wrapped(
                _(
                    "Every gratitude line you have written, newest first. The nightly review "
                    "adds to it too."
                )
            )
        )
        layout.addWidget(self.gratitude_table)
        return tab

    def show_item(self, hit: Any) -> None:
        """Open the tab of a search result (a meeting, slip, spot-check or gratitude line), its
        row selected."""
        places = {
            "slips": (0, self.slips_table),
            "meetings": (1, self.meetings_table),
            "spot_checks": (2, self.spot_table),
            "gratitude": (3, self.gratitude_table),
        }
        if hit.kind not in places:
            return
        tab, table = places[hit.kind]
        self.tabs.setCurrentIndex(tab)
        table.reveal(hit.item_id, tuple(text for text, matched in hit.snippet.parts if matched))

    def start_spot_check(self) -> None:
        self.tabs.setCurrentIndex(2)
        self.spot_table.add()

    # --- loading ---------------------------------------------------------------------------------

    def _today(self) -> date:
        return self._operations.day.today()

    def _use_words(self) -> None:
        """The programme's words for the counted time (they change with it in Settings)."""
        words = self._operations.settings.words()
        self.tabs.setTabText(0, words.tab)
        self.heading.setText(words.page)
        self.clean_table.set_name(words.dates)
        self.add_hint.setText(words.add_hint)
        # The cards are drawn again by the reload the same change of settings asks for.

    def _doubt(self, before: date, after: date) -> str | None:
        return doubt_question(after, self._today()) if after != before else None

    def reload(self) -> None:
        now = self._operations.day.now()
        self._operations.run(lambda vault: load_practice(vault, now), self._show, owner=self)

    def _show(self, view: PracticeView) -> None:
        self.view = view
        self.slip_button.setEnabled(bool(view.clean_times))
        self._show_cards(view)
        self._show_ninety(view)

    def _on_changed(self, changes: Changes) -> None:
        if changes.daily or changes.settings:
            self.reload()

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        # Gratitude lines written in the review, slips recorded here: show what the vault holds.
        for table in (self.gratitude_table, self.slips_table):
            if not table.save_now():
                table.reload()
        super().showEvent(event)

    def save_now(self) -> list[Any]:
        futures: list[Any] = []
        for table in (
            self.clean_table,
            self.slips_table,
            self.meetings_table,
            self.spot_table,
            self.gratitude_table,
        ):
            futures += table.save_now()
        return futures
