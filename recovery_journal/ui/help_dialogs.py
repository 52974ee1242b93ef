"""Help: the keyboard shortcuts in one list, and the short guide shown when a vault is made."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from recovery_journal.i18n import N_, _
from recovery_journal.services.programme_words import ProgrammeWords
from recovery_journal.ui.flow_row import FlowRow
from recovery_journal.ui.labels import DIALOG_HEADING, heading, wrapped
from recovery_journal.ui.widgets import fit_to_screen

# Every shortcut the app has, in one place (a test checks the window's menus against it).
SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("Ctrl+Shift+H", N_("Help now: your sponsor, people you trust and helplines")),
    ("Ctrl+F", N_("Search everything you wrote")),
    ("Ctrl+1 … Ctrl+9", N_("Go to a page, in the order of the list on the left")),
    ("Ctrl+R", N_("Tonight's review")),
    ("Ctrl+Shift+K", N_("A spot-check")),
    ("Ctrl+P", N_("Progress report for your sponsor")),
    ("Ctrl+L", N_("Lock the journal now")),
    ("Ctrl+Q", N_("Quit")),
    ("F1", N_("Keyboard shortcuts (this list)")),
    ("Ctrl+S", N_("Save now (everything also saves as you type)")),
    ("Ctrl+N", N_("A new journal entry, or a new row in a list")),
    ("Ctrl+B, Ctrl+I", N_("Bold, italic in a journal entry")),
    ("Ctrl+Z, Ctrl+Shift+Z", N_("Undo, redo (deleted rows and entries come back)")),
    ("Alt+Left, Alt+Right", N_("The night before, the night after, in the nightly review")),
    ("Alt+Up, Alt+Down", N_("Move a row up or down in a list you order")),
    ("Ctrl+D", N_("A copy of the row")),
    ("Delete", N_("Delete the row (Undo brings it back)")),
    ("Y, N, 1, 0", N_("Yes or no on a review question")),
    ("Tab, Shift+Tab", N_("The next or the previous field")),
)


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Keyboard shortcuts"))
        self.table = QTableWidget(len(SHORTCUTS), 2)
        self.table.setObjectName("shortcuts")
        self.table.setAccessibleName(_("Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels([_("Keys"), _("What they do")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # A long meaning wraps in a taller row rather than ending in "…" (large text).
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        header.sectionResized.connect(lambda *_args: self.table.resizeRowsToContents())
        for row, (keys, meaning) in enumerate(SHORTCUTS):
            shown = ", ".join(
                QKeySequence(part.strip()).toString(QKeySequence.SequenceFormat.NativeText)
                or part.strip()
                for part in keys.split(",")
            )
            self.table.setItem(row, 0, QTableWidgetItem(shown))
            self.table.setItem(row, 1, QTableWidgetItem(_(meaning)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Keyboard shortcuts"), DIALOG_HEADING))
        layout.addWidget(
            wrapped(_("Everything in the app can be reached with the keyboard alone."))
        )
        layout.addWidget(self.table, stretch=1)
        layout.addWidget(buttons)
        fit_to_screen(self, 640, 560)


# The guide's pages: a heading and a few sentences each, in our own words. The page about
# counting the days comes third, in the programme's words (guide_pages).
GUIDE: tuple[tuple[str, str], ...] = (
    (
        N_("Welcome"),
        N_(
            "This is a private notebook for working the twelve steps: the steps with guided "
            "questions, your inventories, a short review each night, a free journal, and quiet "
            "charts that compare you only with who you were before. Take what helps and leave "
            "the rest; nothing here is a test."
        ),
    ),
    (
        N_("Private, and yours"),
        N_(
            "Everything you write stays in one encrypted file on this computer; the app never "
            "goes online. Your passphrase is the only key: if it is lost, nobody can open the "
            "journal, not even us. Write it down and keep it somewhere safe. The journal locks "
            "itself when you step away, and backups are made every day."
        ),
    ),
    (
        N_("The nightly review"),
        N_(
            "Each evening, the nightly review takes about two minutes: a few yes or no questions "
            "with a note, and how the day felt from 0 to 10. Ctrl+R opens tonight's from "
            "anywhere. The app can remind you at a time you choose, in Settings."
        ),
    ),
    (
        N_("For your sponsor"),
        N_(
            "When you meet your sponsor, Journal ▸ Progress report makes a PDF of the parts you "
            "choose. Nothing private goes in unless you tick it. If a day gets hard, Help now "
            "(Ctrl+Shift+H) shows the people and numbers you entered. This guide is in the Help "
            "menu whenever you want it again."
        ),
    ),
)


def guide_pages(words: ProgrammeWords) -> list[tuple[str, str]]:
    """The guide's pages, translated, with the programme's own page about counting the days."""
    pages = [(_(title), _(text)) for title, text in GUIDE]
    pages.insert(2, (words.guide_heading, words.guide_text))
    return pages


class GuideDialog(QDialog):
    """A few pages, Back and Next, and Skip at any point; reopened from Help."""

    def __init__(self, words: ProgrammeWords, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Getting started"))
        self.setObjectName("guide")
        self.pages = QStackedWidget()
        for title, text in guide_pages(words):
            page = QWidget()
            layout = QVBoxLayout(page)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.addWidget(heading(title, DIALOG_HEADING))
            body = wrapped(text)
            body.setObjectName("guide_text")
            layout.addWidget(body)
            layout.addStretch(1)
            self.pages.addWidget(page)
        self.position = QLabel()
        self.position.setObjectName("guide_position")
        self.skip_button = QPushButton(_("&Skip the guide"))
        self.skip_button.clicked.connect(self.reject)
        self.back_button = QPushButton(_("&Back"))
        self.back_button.clicked.connect(lambda: self.turn(-1))
        self.next_button = QPushButton(_("&Next"))
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self._next_or_done)
        # On two lines when they do not fit on one (large text, Russian).
        # Where it is and the way on, kept together; under "Skip" when both do not fit.
        turning = QWidget()
        turning_row = QHBoxLayout(turning)
        turning_row.setContentsMargins(0, 0, 0, 0)
        turning_row.addWidget(self.position)
        turning_row.addSpacing(12)
        turning_row.addWidget(self.back_button)
        turning_row.addWidget(self.next_button)
        buttons = FlowRow()
        buttons.addWidget(self.skip_button)
        buttons.addStretch()
        buttons.addWidget(turning)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, stretch=1)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        fit_to_screen(self, 560, 340)
        self._update()

    def turn(self, step: int) -> None:
        index = self.pages.currentIndex() + step
        if 0 <= index < self.pages.count():
            self.pages.setCurrentIndex(index)
            self._update()

    def _next_or_done(self) -> None:
        if self.pages.currentIndex() == self.pages.count() - 1:
            self.accept()
        else:
            self.turn(1)

    def _update(self) -> None:
        index, count = self.pages.currentIndex(), self.pages.count()
        self.position.setText(_("{n} of {count}").format(n=index + 1, count=count))
        self.back_button.setEnabled(index > 0)
        last = index == count - 1
        self.next_button.setText(_("&Start writing") if last else _("&Next"))
        self.skip_button.setVisible(not last)
        self.next_button.setFocus(Qt.FocusReason.OtherFocusReason)
