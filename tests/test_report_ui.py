"""The export dialog driven as a person would: choose, preview the real pages, save, cancel."""
# ruff: noqa: F811 - the controllers fixture is imported from test_ui and used as an argument

from __future__ import annotations

import json
import os
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyle, QStyleOptionButton

from recovery_journal.domain.inventory import Resentment
from recovery_journal.domain.settings_keys import REPORT_CHOICES
from recovery_journal.services.demo import fill_demo
from recovery_journal.services.report_choices import Section
from recovery_journal.store import create_vault
from recovery_journal.ui.i18n_qt import apply_language
from tests.conftest import PASSPHRASE, TEST_KDF, persons_today
from tests.test_ui import controllers, start, unlock  # noqa: F401

PRIVATE = "Okapi private grudge"


def _window(qapp, qtbot, controllers, vault_path):
    vault = create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    fill_demo(vault, 30, "en", end=persons_today())
    with vault.transaction():
        vault.records.save(Resentment("private-1", PRIVATE, "cause", private=True))
    vault.close()
    controller, dialog = start(qapp, controllers, vault_path)
    return unlock(qtbot, controller, dialog)


def _open(qtbot, window):
    dialog = window.open_report()
    qtbot.waitUntil(lambda: dialog.options is not None and not dialog._busy, timeout=20_000)
    return dialog


def _text(path) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(path).pages)


def test_choose_preview_save_and_the_choices_are_remembered(
    qapp, qtbot, controllers, vault_path, tmp_path
):
    window = _window(qapp, qtbot, controllers, vault_path)
    dialog = _open(qtbot, window)
    boxes = dialog.section_boxes
    assert boxes[Section.COVER].isChecked() and not boxes[Section.WORKSHEETS].isChecked()
    for sheet in ("fears", "sex_conduct"):
        dialog.sheet_boxes[sheet].click()  # ticked, then unticked
        dialog.sheet_boxes[sheet].click()
    dialog.sheet_boxes["resentments"].click()
    qtbot.keyClicks(dialog.name, "J. D.")
    # What I want to talk over, for the letter on the first page.
    qtbot.keyClicks(dialog.letter, "A calm week.")
    qtbot.keyClicks(dialog.questions, "When do we meet?")
    qtbot.keyClick(dialog.questions, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.questions, "Step 5 next?")
    assert not dialog.appendix.isChecked()  # long lists are summarised unless asked for
    dialog.appendix.click()
    assert "not encrypted" in dialog.protect_note.text()

    dialog.preview_button.click()
    qtbot.waitUntil(lambda: bool(dialog.pages) and not dialog._busy, timeout=60_000)
    assert len(dialog.pages) >= 3
    assert dialog.pages[0].width() < dialog.pages[0].height()  # A4 portrait

    target = tmp_path / "report.pdf"
    assert dialog.save(target)
    qtbot.waitUntil(lambda: dialog.saved_to == target, timeout=60_000)
    text = _text(target)
    assert "J. D." in text and "Resentments" in text and PRIVATE not in text
    assert "Relationships and sex conduct" not in text
    assert "A calm week." in text and "1. When do we meet? 2. Step 5 next?" in text

    # A private row goes in when ticked here, one by one.
    (row,) = [
        dialog.private_list.item(i)
        for i in range(dialog.private_list.count())
        if dialog.private_list.item(i).data(Qt.ItemDataRole.UserRole) == "private-1"
    ]
    row.setCheckState(Qt.CheckState.Checked)
    dialog.saved_to = None
    assert dialog.save(target)
    qtbot.waitUntil(lambda: dialog.saved_to == target, timeout=60_000)
    assert PRIVATE in _text(target)
    dialog.close()

    again = _open(qtbot, window)
    assert again.name.text() == "J. D."
    assert again.letter.toPlainText() == "A calm week."
    assert again.questions.toPlainText() == "When do we meet?\nStep 5 next?"
    assert again.appendix.isChecked()
    assert again.section_boxes[Section.WORKSHEETS].checkState() == Qt.CheckState.PartiallyChecked
    assert again.sheet_boxes["resentments"].isChecked()
    assert not again.sheet_boxes["fears"].isChecked()
    again.close()


def _click(qtbot, box) -> None:
    """A click on the box's own square, as a person makes it."""
    option = QStyleOptionButton()
    box.initStyleOption(option)
    square = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=square.center())


def test_step_4_worksheets_ticks_its_four_sheets_and_shows_a_partial_choice(
    qapp, qtbot, controllers, vault_path, tmp_path
):
    window = _window(qapp, qtbot, controllers, vault_path)
    dialog = _open(qtbot, window)
    worksheets, sheets = dialog.section_boxes[Section.WORKSHEETS], dialog.sheet_boxes
    states = {
        Qt.CheckState.Checked: "all",
        Qt.CheckState.PartiallyChecked: "some",
        Qt.CheckState.Unchecked: "none",
    }

    def shown() -> tuple[str, set[str]]:
        return states[worksheets.checkState()], {k for k, box in sheets.items() if box.isChecked()}

    assert shown() == ("none", set())
    _click(qtbot, worksheets)
    assert shown() == ("all", set(sheets))
    _click(qtbot, sheets["fears"])
    assert shown() == ("some", set(sheets) - {"fears"})
    choices = dialog.choices()
    assert Section.WORKSHEETS in choices.sections and "fears" not in choices.worksheets
    worksheets.setFocus()
    qtbot.keyClick(worksheets, Qt.Key.Key_Space)  # some: a click ticks all
    assert shown() == ("all", set(sheets))
    qtbot.keyClick(worksheets, Qt.Key.Key_Space)  # all: a click unticks all
    assert shown() == ("none", set())
    assert Section.WORKSHEETS not in dialog.choices().sections
    _click(qtbot, sheets["resentments"])  # one sheet alone puts the section in
    assert shown() == ("some", {"resentments"})
    _click(qtbot, sheets["resentments"])
    assert shown() == ("none", set())
    _click(qtbot, sheets["resentments"])

    # The report follows what is ticked.
    target = tmp_path / "sheets.pdf"
    assert dialog.save(target)
    qtbot.waitUntil(lambda: dialog.saved_to == target, timeout=60_000)
    text = _text(target)
    assert "Step 4 worksheets" in text and "Resentments" in text
    assert "Relationships and sex conduct" not in text and "Other harms done" not in text


def test_answers_to_the_step_questions_ticks_its_twelve_steps_and_shows_what_goes_in(
    qapp, qtbot, controllers, vault_path
):
    """The answers box over its twelve steps works as the worksheets box does: what is ticked
    is what goes in (every step's answers went in while all twelve boxes looked unticked)."""
    window = _window(qapp, qtbot, controllers, vault_path)
    dialog = _open(qtbot, window)
    answers, steps = dialog.section_boxes[Section.ANSWERS], dialog.step_boxes

    def shown() -> tuple[Qt.CheckState, set[int]]:
        return answers.checkState(), {n for n, box in steps.items() if box.isChecked()}

    _click(qtbot, answers)
    assert shown() == (Qt.CheckState.Checked, set(range(1, 13)))
    _click(qtbot, steps[5])
    assert shown() == (Qt.CheckState.PartiallyChecked, set(range(1, 13)) - {5})
    assert 5 not in dialog.choices().steps and Section.ANSWERS in dialog.choices().sections
    _click(qtbot, answers)  # some: all
    _click(qtbot, answers)  # all: none
    assert shown() == (Qt.CheckState.Unchecked, set())
    assert Section.ANSWERS not in dialog.choices().sections
    dialog.close()

    # Kept as "the section, no step picked" (as older versions saved it): shown as all twelve.
    from recovery_journal.services.report_choices import ReportChoices, save_choices

    window._operations.run(
        lambda vault: save_choices(vault, ReportChoices(sections=frozenset({Section.ANSWERS})))
    ).result(timeout=10)
    again = _open(qtbot, window)
    assert (again.section_boxes[Section.ANSWERS].checkState(), len(again.choices().steps)) == (
        Qt.CheckState.Checked,
        12,
    )
    again.close()


def test_the_report_is_in_the_window_language(qapp, qtbot, controllers, vault_path, tmp_path):
    vault = create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    fill_demo(vault, 30, "en", end=persons_today())
    with vault.transaction():
        # Chosen last time, in an English window.
        made_in_english = {"sections": ["cover", "meetings"], "language": "en", "interface": "en"}
        vault.settings.set(REPORT_CHOICES.name, json.dumps(made_in_english))
    vault.close()
    apply_language(qapp, "ru")  # the window is Russian now; the fixture puts English back
    controller, login = start(qapp, controllers, vault_path)
    window = unlock(qtbot, controller, login)
    dialog = _open(qtbot, window)
    assert dialog.language.currentData() == "ru"
    target = tmp_path / "report.pdf"
    assert dialog.save(target)
    qtbot.waitUntil(lambda: dialog.saved_to == target, timeout=60_000)
    text = _text(target)
    assert "Отчёт для спонсора" in text and "Собрания" in text and "Progress report" not in text


def test_a_password_must_be_typed_twice_and_protects_the_file(
    qapp, qtbot, controllers, vault_path, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QFileDialog

    window = _window(qapp, qtbot, controllers, vault_path)
    dialog = _open(qtbot, window)
    target = tmp_path / "locked"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    dialog.protect.click()
    qtbot.keyClicks(dialog.password, "river stone")
    qtbot.keyClicks(dialog.repeat, "river ston")
    dialog.save_button.click()
    assert "not the same" in dialog.status.text()
    qtbot.keyClicks(dialog.repeat, "e")
    dialog.save_button.click()
    saved = tmp_path / "locked.pdf"
    qtbot.waitUntil(lambda: dialog.saved_to == saved, timeout=60_000)
    reader = PdfReader(saved)
    assert reader.is_encrypted and not reader.decrypt("wrong")
    assert reader.decrypt("river stone")
    assert "opens only with its password" in dialog.status.text()


def test_cancel_leaves_no_file(qapp, qtbot, controllers, vault_path, tmp_path):
    window = _window(qapp, qtbot, controllers, vault_path)
    dialog = _open(qtbot, window)
    target = tmp_path / "never.pdf"
    assert dialog.save(target)
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: not dialog._busy, timeout=60_000)
    assert "Cancelled" in dialog.status.text()
    assert list(tmp_path.glob("*.pdf")) == [] and list(tmp_path.glob(".never*")) == []


def _drawing_children() -> list[int]:
    """This process's children that are drawing a report (Linux's /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue  # gone meanwhile
        parent = next(line.split()[1] for line in status.splitlines() if line[:5] == "PPid:")
        if int(parent) == os.getpid() and b"--draw-report" in command:
            found.append(int(entry.name))
    return found


def test_the_pages_are_drawn_in_a_child_process_and_cancelling_ends_it(
    qapp, qtbot, controllers, vault_path, tmp_path, monkeypatch
):
    """Qt's drawing never runs on a thread of the window's process (report_process says why);
    the report goes to a child, which a cancel ends."""
    from recovery_journal.ui import report_pdf

    def not_here(*_args, **_kwargs):
        raise AssertionError("the report was laid out in the window's process")

    monkeypatch.setattr(report_pdf, "_lay_out", not_here)
    window = _window(qapp, qtbot, controllers, vault_path)
    dialog = _open(qtbot, window)
    dialog.preview_button.click()
    qtbot.waitUntil(lambda: bool(dialog.pages) and not dialog._busy, timeout=60_000)
    assert len(dialog.pages) >= 3
    target = tmp_path / "report.pdf"
    assert dialog.save(target)
    qtbot.waitUntil(lambda: dialog.saved_to == target, timeout=60_000)
    assert "Progress report" in _text(target)

    assert dialog.save(tmp_path / "never.pdf")
    qtbot.waitUntil(lambda: bool(_drawing_children()), timeout=10_000)
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: not dialog._busy, timeout=60_000)
    assert "Cancelled" in dialog.status.text()
    assert _drawing_children() == []
    assert not (tmp_path / "never.pdf").exists()
    dialog.close()


def test_a_dialog_gone_with_its_window_ends_the_drawing_and_writes_nothing(
    qapp, qtbot, controllers, vault_path, tmp_path
):
    """At a lock the window and its dialogs are deleted without a Cancel: the drawing child
    ends at once, and no PDF appears after the journal locked."""
    from PySide6.QtCore import QCoreApplication, QEvent

    window = _window(qapp, qtbot, controllers, vault_path)
    dialog = _open(qtbot, window)
    target = tmp_path / "after the lock.pdf"
    assert dialog.save(target)
    qtbot.waitUntil(lambda: bool(_drawing_children()), timeout=10_000)
    dialog.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qtbot.waitUntil(lambda: _drawing_children() == [], timeout=5_000)
    qtbot.wait(500)
    assert not target.exists()
