"""The export dialog of the sponsor's report: the person chooses exactly what goes in.

Choices are kept in the vault for next time. The report is gathered on the vault worker and
drawn in a child process (preview pages or the PDF; ``ui.report_process`` says why), with
progress and Cancel; the window never waits for it.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from recovery_journal.domain.inventory import WORKSHEETS
from recovery_journal.i18n import LANGUAGES, _, current_language, ngettext
from recovery_journal.services.inventory import inventory_text
from recovery_journal.services.report import build_report
from recovery_journal.services.report_choices import (
    MAX_LETTER,
    SECTION_TITLES,
    Paper,
    ReportChoices,
    Section,
    questions_from_lines,
    save_choices,
)
from recovery_journal.services.report_options import ReportOptions, report_options
from recovery_journal.ui.bridge import post_to_gui, run_off_gui, when_done
from recovery_journal.ui.dates import DateEdit, date_text
from recovery_journal.ui.file_dialogs import FileKind, save_file_name
from recovery_journal.ui.labels import wrapped
from recovery_journal.ui.messages import error_sentence
from recovery_journal.ui.operations import Operations
from recovery_journal.ui.report_process import PageImage, page_image, report_thread
from recovery_journal.ui.widgets import clear_layout, fit_to_screen

PREVIEW_DPI = 96  # drawn a little larger than shown, so scaled pages stay crisp


class _AllOrNone(QCheckBox):
    """A box over a group of boxes: a click ticks them all, or unticks them all when all are
    ticked; it shows "partly" when only some are (set by the group, never by a click)."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.setTristate(True)

    def nextCheckState(self) -> None:  # noqa: N802 - Qt's name
        on = self.checkState() != Qt.CheckState.Checked
        self.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


def _link(whole: QCheckBox, parts: list[QCheckBox]) -> None:
    """A section's box over its steps' or sheets' boxes: a click on it ticks or unticks them
    all; each part ticked or unticked shows it all, some or none. What is ticked is what goes
    in (all twelve steps' answers went in while every step box looked unticked)."""

    def tick_all() -> None:
        on = whole.checkState() == Qt.CheckState.Checked
        for part in parts:
            part.setChecked(on)

    def follow() -> None:
        ticked = sum(part.isChecked() for part in parts)
        whole.setCheckState(
            Qt.CheckState.Unchecked
            if not ticked
            else Qt.CheckState.Checked
            if ticked == len(parts)
            else Qt.CheckState.PartiallyChecked
        )

    whole.clicked.connect(tick_all)
    for part in parts:
        part.toggled.connect(follow)


class ReportDialog(QDialog):
    finished_work = Signal(str)  # the status line once a preview or a save is over

    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Progress report for your sponsor"))
        self.setObjectName("report_dialog")
        fit_to_screen(self, 1100, 760)
        self._operations = operations
        self.options: ReportOptions | None = None
        self._cancel = threading.Event()
        # The dialog gone with its window (a lock, a new language, quitting) ends a drawing
        # under way, as Cancel does (the Event itself, not the dialog, is held here).
        cancel = self._cancel
        self.destroyed.connect(lambda *_: cancel.set())
        self._busy = False
        self.pages: list[QPixmap] = []
        self.saved_to: Path | None = None
        self._picked_notes: set[str] = set()  # kept across changes of the dates

        self._build()
        self._set_busy(True, _("Reading your journal…"))
        today = operations.day.today()
        operations.run(
            lambda vault: report_options(vault, current_language(), today),
            self._loaded,
            on_error=self._failed,
            owner=self,
        )

    # --- the form --------------------------------------------------------------------------------

    def _build(self) -> None:
        form_widget = QWidget()
        form = QVBoxLayout(form_widget)

        basics = QFormLayout()
        self.name = QLineEdit()
        self.name.setObjectName("report_name")
        self.name.setPlaceholderText(_("for example, your first name or initials"))
        basics.addRow(_("Name on the &cover:"), self.name)
        self.first = DateEdit()
        self.first.setObjectName("report_first")
        self.last = DateEdit()
        self.last.setObjectName("report_last")
        basics.addRow(_("&From:"), self.first)
        basics.addRow(_("&To:"), self.last)
        self.paper = QComboBox()
        self.paper.setObjectName("report_paper")
        self.paper.addItem("A4", Paper.A4)
        self.paper.addItem(_("Letter"), Paper.LETTER)
        basics.addRow(_("&Paper:"), self.paper)
        self.language = QComboBox()
        self.language.setObjectName("report_language")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        basics.addRow(_("&Language of the report:"), self.language)
        form.addLayout(basics)

        # The first page is a letter: what I want to talk over, kept for next time.
        letter = QGroupBox(_("On the first page"))
        letter_layout = QVBoxLayout(letter)
        note_label = QLabel(_("A &note to my sponsor:"))
        self.letter = QPlainTextEdit()
        self.letter.setObjectName("report_letter")
        self.letter.setTabChangesFocus(True)
        self.letter.setPlaceholderText(_("what has been going on, what I want to talk over"))
        self.letter.setMaximumHeight(90)
        note_label.setBuddy(self.letter)
        questions_label = QLabel(_("&Questions to ask, one a line:"))
        self.questions = QPlainTextEdit()
        self.questions.setObjectName("report_questions")
        self.questions.setTabChangesFocus(True)
        self.questions.setMaximumHeight(70)
        questions_label.setBuddy(self.questions)
        for widget in (note_label, self.letter, questions_label, self.questions):
            letter_layout.addWidget(widget)
        form.addWidget(letter)

        sections = QGroupBox(_("What goes in"))
        column = QVBoxLayout(sections)
        self.section_boxes: dict[Section, QCheckBox] = {}
        self.step_boxes: dict[int, QCheckBox] = {}
        self.sheet_boxes: dict[str, QCheckBox] = {}
        text = inventory_text(current_language())
        for section in Section:
            title = _(SECTION_TITLES[section])
            grouped = section in (Section.ANSWERS, Section.WORKSHEETS)
            box = _AllOrNone(title) if grouped else QCheckBox(title)
            box.setObjectName(f"section_{section.value}")
            box.toggled.connect(self._follow_sections)
            self.section_boxes[section] = box
            column.addWidget(box)
            if section is Section.ANSWERS:
                # Which steps' answers: two rows of six under their section.
                steps = QGridLayout()
                steps.setContentsMargins(24, 0, 0, 4)
                for number in range(1, 13):
                    step = QCheckBox(str(number))
                    step.setAccessibleName(_("Answers of step {number}").format(number=number))
                    self.step_boxes[number] = step
                    steps.addWidget(step, (number - 1) // 6, (number - 1) % 6)
                column.addLayout(steps)
                _link(box, list(self.step_boxes.values()))
            if section is Section.WORKSHEETS:
                sheets = QGridLayout()
                sheets.setContentsMargins(24, 0, 0, 4)
                for index, sheet in enumerate(WORKSHEETS):
                    worksheet = QCheckBox(str(text.worksheets[sheet]["title"]))
                    worksheet.setObjectName(f"sheet_{sheet}")
                    self.sheet_boxes[sheet] = worksheet
                    # One a line: two side by side made the form too wide for 200 % text.
                    sheets.addWidget(worksheet, index, 0)
                column.addLayout(sheets)
                _link(box, list(self.sheet_boxes.values()))
        # Long logs come as a count and a small chart; in full only when asked for.
        # A short box and a line that wraps: a long box would make the form too wide for 200 %
        # text.
        self.appendix = QCheckBox(_("The full lists at the &end"))
        self.appendix.setObjectName("report_appendix")
        column.addWidget(self.appendix)
        appendix_note = wrapped(
            _(
                "Meetings, service, practice and gratitude, every entry. Without them, long "
                "lists come as a count and a small chart."
            )
        )
        appendix_note.setContentsMargins(24, 0, 0, 0)
        column.addWidget(appendix_note)
        form.addWidget(sections)

        private = QGroupBox(_("Private entries"))
        private_layout = QVBoxLayout(private)
        private_layout.addWidget(
            wrapped(
                _(
                    "Rows and answers you marked private stay out unless you tick them here, "
                    "one by one."
                )
            )
        )
        self.private_list = QListWidget()
        self.private_list.setObjectName("private_rows")
        self.private_list.setAccessibleName(_("Private entries"))
        self.private_list.setMaximumHeight(110)
        private_layout.addWidget(self.private_list)
        form.addWidget(private)

        # Its title as a line that wraps inside the box: a group box's own title does not, and
        # this long one made the form too wide for 200 % text.
        notes = QGroupBox()
        notes_layout = QVBoxLayout(notes)
        notes_title = wrapped(_("Notes from nightly reviews to share"))
        bold = QFont(notes_title.font())
        bold.setBold(True)
        notes_title.setFont(bold)
        notes_layout.addWidget(notes_title)
        self.notes_list = QListWidget()
        self.notes_list.setObjectName("review_notes")
        self.notes_list.setAccessibleName(_("Notes from nightly reviews to share"))
        self.notes_list.setMaximumHeight(130)
        notes_layout.addWidget(self.notes_list)
        form.addWidget(notes)
        self.first.dateChanged.connect(lambda _d: self._fill_notes())
        self.last.dateChanged.connect(lambda _d: self._fill_notes())

        protect = QGroupBox(_("Sending it by email"))
        protect_layout = QFormLayout(protect)
        self.protect = QCheckBox(_("Protect the PDF with a password (AES-256)"))
        self.protect.setObjectName("protect")
        protect_layout.addRow(self.protect)
        self.password = QLineEdit()
        self.password.setObjectName("pdf_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setObjectName("pdf_password_repeat")
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        protect_layout.addRow(_("Pass&word:"), self.password)
        protect_layout.addRow(_("The same &again:"), self.repeat)
        self.protect_note = wrapped()
        self.protect_note.setObjectName("protect_note")
        protect_layout.addRow(self.protect_note)
        self.protect.toggled.connect(self._follow_protect)
        form.addWidget(protect)
        form.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(form_widget)
        # Never narrower than the form (it does not scroll sideways), on a small screen too.
        scroll.setMinimumWidth(
            form_widget.minimumSizeHint().width()
            + scroll.verticalScrollBar().sizeHint().width()
            + 2 * scroll.frameWidth()
        )

        self.preview_area = QScrollArea()
        self.preview_area.setObjectName("preview")
        self.preview_area.setWidgetResizable(True)
        self.preview_holder = QWidget()
        self.preview_layout = QVBoxLayout(self.preview_holder)
        self.preview_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.preview_hint = wrapped(_("Press Preview to see the real pages before saving."))
        self.preview_layout.addWidget(self.preview_hint)
        self.preview_area.setWidget(self.preview_holder)

        splitter = QSplitter()
        splitter.addWidget(scroll)
        splitter.addWidget(self.preview_area)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([520, 580])

        self.status = wrapped()
        self.status.setObjectName("report_status")
        self.bar = QProgressBar()
        self.bar.setVisible(False)
        self.preview_button = QPushButton(_("Pre&view"))
        self.preview_button.clicked.connect(self.preview)
        self.save_button = QPushButton(_("&Save PDF…"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.ask_and_save)
        self.cancel_button = QPushButton(_("Cancel"))
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self._cancel.set)
        close = QPushButton(_("Close"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, stretch=1)
        buttons.addWidget(self.bar)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(splitter, stretch=1)
        layout.addLayout(buttons)
        self._follow_protect()

    def _loaded(self, options: ReportOptions) -> None:
        self.options = options
        choices = options.choices
        self.name.setText(choices.name)
        self.letter.setPlainText(choices.letter)
        self.questions.setPlainText("\n".join(choices.questions))
        self.appendix.setChecked(choices.appendix)
        for edit in (self.first, self.last):
            edit.set_range(options.first_day, options.today)
        self.first.set_day(choices.first or options.first_day)
        self.last.set_day(choices.last or options.today)
        self.paper.setCurrentIndex(self.paper.findData(choices.paper))
        self.language.setCurrentIndex(self.language.findData(choices.language))
        for section, box in self.section_boxes.items():
            if section not in (Section.ANSWERS, Section.WORKSHEETS):  # those follow their boxes
                box.setChecked(section in choices.sections)
        # Saved without a pick, a section meant all of its steps or sheets: shown so.
        steps = choices.steps or tuple(self.step_boxes)
        for number, box in self.step_boxes.items():
            box.setChecked(Section.ANSWERS in choices.sections and number in steps)
        sheets = choices.worksheets or tuple(WORKSHEETS)
        for sheet, box in self.sheet_boxes.items():
            box.setChecked(Section.WORKSHEETS in choices.sections and sheet in sheets)
        for item in options.private:
            row = QListWidgetItem(item.text)
            row.setData(Qt.ItemDataRole.UserRole, item.uid)
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = item.uid in choices.private
            row.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.private_list.addItem(row)
        if not options.private:
            self.private_list.addItem(_("Nothing is marked private."))
        self._picked_notes = set(choices.notes)
        self._fill_notes()
        self._follow_sections()
        self._set_busy(False)

    def _fill_notes(self) -> None:
        if self.options is None:
            return
        self._picked_notes = self._picked_notes_now()
        first, last = self.first.day(), self.last.day()
        self.notes_list.clear()
        shown = 0
        for note in self.options.notes:
            if not first <= note.day <= last:
                continue
            row = QListWidgetItem(f"{date_text(note.day)} · {note.question}: {note.note}")
            row.setData(Qt.ItemDataRole.UserRole, note.key)
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = note.key in self._picked_notes
            row.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.notes_list.addItem(row)
            shown += 1
            if shown >= 500:  # the newest 500 of the range; a longer list helps no one
                break

    def _picked_notes_now(self) -> set[str]:
        picked = set(self._picked_notes)
        for index in range(self.notes_list.count()):
            row = self.notes_list.item(index)
            key = row.data(Qt.ItemDataRole.UserRole)
            if key is None:
                continue
            if row.checkState() == Qt.CheckState.Checked:
                picked.add(key)
            else:
                picked.discard(key)
        return picked

    def _follow_sections(self) -> None:
        self.notes_list.setEnabled(self.section_boxes[Section.REVIEWS].isChecked())

    def _follow_protect(self) -> None:
        on = self.protect.isChecked()
        self.password.setEnabled(on)
        self.repeat.setEnabled(on)
        self.protect_note.setText(
            _(
                "The PDF opens only with this password. Tell it to your sponsor another way, "
                "not in the same email."
            )
            if on
            else _(
                "Without a password the PDF itself is not encrypted: anyone who gets the file "
                "can read it."
            )
        )

    def choices(self) -> ReportChoices:
        private = set()
        for index in range(self.private_list.count()):
            row = self.private_list.item(index)
            uid = row.data(Qt.ItemDataRole.UserRole)
            if uid and row.checkState() == Qt.CheckState.Checked:
                private.add(uid)
        base = self.options.choices if self.options else ReportChoices()
        return replace(
            base,
            # Partly ticked is ticked: the sheets ticked go in.
            sections=frozenset(
                s
                for s, box in self.section_boxes.items()
                if box.checkState() != Qt.CheckState.Unchecked
            ),
            first=self.first.day(),
            last=self.last.day(),
            steps=tuple(n for n, box in self.step_boxes.items() if box.isChecked()),
            worksheets=tuple(k for k, box in self.sheet_boxes.items() if box.isChecked()),
            notes=tuple(sorted(self._picked_notes_now())),
            private=frozenset(private),
            paper=self.paper.currentData(),
            language=self.language.currentData(),
            name=self.name.text().strip(),
            letter=self.letter.toPlainText().strip()[:MAX_LETTER],
            questions=questions_from_lines(self.questions.toPlainText()),
            appendix=self.appendix.isChecked(),
        )

    # --- work ------------------------------------------------------------------------------------

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self._busy = busy
        self.bar.setVisible(busy)
        self.bar.setRange(0, 0)
        self.cancel_button.setVisible(busy)
        self.preview_button.setEnabled(not busy)
        self.save_button.setEnabled(not busy)
        if text:
            self.status.setText(text)

    def _show_progress(self, done: int, total: int) -> None:
        self.bar.setRange(0, total)
        self.bar.setValue(done)

    def _start(self, text: str, draw: Any, done: Any) -> bool:
        """Save the choices, gather the report, then ``draw`` it (from the report thread, which
        waits for the drawing child)."""
        if self._busy or self.options is None:
            return False
        choices = self.choices()
        if not choices.sections:
            self.status.setText(_("Tick at least one section."))
            return False
        self._cancel.clear()
        self._set_busy(True, text)
        today = self.options.today

        def gather(vault: Any) -> Any:
            # Remembered for next time, inside the vault; not where nothing can be saved (a
            # vault open for reading only), which must not stop the report itself.
            if vault.cannot_write is None:
                save_choices(vault, choices)
            return build_report(vault, choices, today)

        def drawn(report: Any) -> None:
            cancelled = self._cancel.is_set
            show = self._alive(lambda counts: self._show_progress(*counts))

            def progress(done: int, total: int) -> None:
                # On the report thread: no Qt call here (ui.bridge says why).
                post_to_gui(lambda: show((done, total)))

            future = run_off_gui(report_thread(), draw, report, progress, cancelled)
            when_done(future, self._alive(done), self._alive(self._failed))

        self._operations.run(gather, drawn, on_error=self._failed, owner=self)
        return True

    def _alive(self, callback: Any) -> Any:
        def call(value: Any) -> None:
            if shiboken6.isValid(self):
                callback(value)

        return call

    def preview(self) -> None:
        from recovery_journal.ui.report_process import draw_pages

        def draw(report: Any, progress: Any, cancelled: Any) -> Any:
            return draw_pages(report, PREVIEW_DPI, progress=progress, cancelled=cancelled)

        self._start(_("Drawing the pages…"), draw, self._show_pages)

    def _show_pages(self, images: list[PageImage]) -> None:
        clear_layout(self.preview_layout)
        self.pages = []
        # Pages fit the width of the preview; the full page is in the PDF.
        width = max(200, self.preview_area.viewport().width() - 40)
        for number, image in enumerate(images, start=1):
            pixmap = QPixmap.fromImage(page_image(image))
            if pixmap.width() > width:
                pixmap = pixmap.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
            self.pages.append(pixmap)
            page = QLabel()
            page.setPixmap(pixmap)
            page.setAccessibleName(_("Page {number}").format(number=number))
            page.setStyleSheet("border: 1px solid #999; background: white;")
            self.preview_layout.addWidget(page, alignment=Qt.AlignmentFlag.AlignHCenter)
        count = len(images)
        pages = ngettext("{count} page.", "{count} pages.", count).format(count=count)
        self._set_busy(False, pages)
        self.finished_work.emit(self.status.text())

    def ask_and_save(self) -> None:
        if self.protect.isChecked():
            if not self.password.text():
                self.status.setText(_("Type the password twice, or untick the password."))
                return
            if self.password.text() != self.repeat.text():
                self.status.setText(_("The two passwords are not the same."))
                return
        target = save_file_name(
            self,
            FileKind.REPORT,
            _("Save the report"),
            _("progress report.pdf"),
            _("PDF document (*.pdf)"),
        )
        if target is not None:
            if target.suffix.lower() != ".pdf":
                target = target.with_name(target.name + ".pdf")
            self.save(target)

    def save(self, target: Path) -> bool:
        from recovery_journal.ui.report_pdf import write_report
        from recovery_journal.ui.report_process import draw_pdf

        password = self.password.text() if self.protect.isChecked() else None

        def draw(report: Any, progress: Any, cancelled: Any) -> Path:
            write_report(
                report,
                target,
                password=password,
                progress=progress,
                cancelled=cancelled,
                draw=draw_pdf,
            )
            return target

        return self._start(_("Writing the PDF…"), draw, self._saved)

    def _saved(self, target: Path) -> None:
        self.saved_to = target
        note = (
            _("It opens only with its password.")
            if self.protect.isChecked()
            else _("The PDF itself is not encrypted: send it only to someone you trust.")
        )
        self._set_busy(False, _("Saved to {path}.").format(path=target) + " " + note)
        self.finished_work.emit(self.status.text())

    def _failed(self, error: BaseException) -> None:
        from recovery_journal.ui.report_pdf import ReportCancelled

        if isinstance(error, ReportCancelled):
            text = _("Cancelled. No file was written.")
        else:
            text = error_sentence(error)
        self._set_busy(False, text)
        self.finished_work.emit(text)

    def reject(self) -> None:
        self._cancel.set()  # a drawing under way stops at its next page
        super().reject()
