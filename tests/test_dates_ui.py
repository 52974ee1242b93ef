"""Dates as a person types and reads them: the one editor, the one formatter, the calm question
before a doubtful clean date, in English and Russian."""
# ruff: noqa: F811 - the controllers fixture is imported from test_ui and used as an argument

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QMessageBox, QVBoxLayout, QWidget

from recovery_journal.domain.clean_time import CleanDate
from recovery_journal.domain.steps import Programme
from recovery_journal.services.programme_words import programme_words
from recovery_journal.store import create_vault, open_vault
from recovery_journal.ui.dates import (
    DateEdit,
    compact_date_text,
    date_text,
    day_heading,
    entry_format,
    moment_text,
    time_text,
    weekday_date_text,
)
from recovery_journal.ui.i18n_qt import apply_language
from recovery_journal.ui.pages import Page
from recovery_journal.ui.pages.practice import SlipDialog
from tests.conftest import PASSPHRASE, TEST_KDF, persons_today
from tests.test_ui import controllers, settle, start, unlock  # noqa: F401

SUNDAY = date(2026, 12, 6)
EVENING = datetime(2026, 12, 6, 21, 3)


@pytest.fixture
def language(qapp) -> Iterator:
    """Switch the interface language (ours and Qt's locale) for one test."""
    yield lambda code: apply_language(qapp, code)
    apply_language(qapp, "en")


# --- shown --------------------------------------------------------------------------------------

ALCOHOL_WORDS = programme_words(Programme.ALCOHOL)


def test_every_kind_of_date_and_time_in_english(language):
    language("en")
    assert entry_format() == "M/d/yyyy"
    assert date_text(SUNDAY) == "December\u00a06,\u00a02026"  # a date does not break
    assert weekday_date_text(SUNDAY) == "Sunday, December 6, 2026"
    assert day_heading(SUNDAY) == "Sunday, December 6, 2026"
    assert compact_date_text(SUNDAY) == "Sun, Dec 6, 2026"
    assert time_text(time(21, 3)) == "9:03\u202fPM"  # Qt's narrow no-break space
    assert moment_text(EVENING.astimezone()) == f"{date_text(SUNDAY)} at 9:03\u202fPM"


def test_every_kind_of_date_and_time_in_russian(language):
    language("ru")
    assert entry_format() == "dd.MM.yyyy"
    # Months in the genitive and lower case, the year without «г.» (as people write a date).
    year = "2026"
    assert date_text(SUNDAY) == f"6\u00a0декабря\u00a0{year}"
    assert weekday_date_text(SUNDAY) == f"воскресенье, 6 декабря {year}"
    assert day_heading(SUNDAY) == f"Воскресенье, 6 декабря {year}"
    assert compact_date_text(date(2026, 5, 3)) == f"Вс, 3 мая {year}"
    assert time_text(time(21, 3)) == "21:03"
    assert moment_text(EVENING.astimezone()) == f"{date_text(SUNDAY)} в 21:03"


# --- typed --------------------------------------------------------------------------------------


def _editor_in_window(qtbot, start: date) -> tuple[DateEdit, QLineEdit]:
    """A fresh date editor with the keyboard on it, and a field after it in the window."""
    window = QWidget()
    qtbot.addWidget(window)
    editor = DateEdit(start)
    after = QLineEdit()
    layout = QVBoxLayout(window)
    layout.addWidget(editor)
    layout.addWidget(after)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    editor.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(editor.hasFocus)
    editor.held_by = window  # the window lives as long as the test holds its editor
    return editor, after


def _typed(qtbot, keys: str, end: Qt.Key = Qt.Key.Key_Tab, start: date = date(2025, 1, 20)):
    """Type ``keys`` into a fresh date editor in a window, then leave it with ``end``."""
    editor, after = _editor_in_window(qtbot, start)
    qtbot.keyClicks(editor, keys)
    if end == Qt.Key.Key_Tab:
        after.setFocus(Qt.FocusReason.TabFocusReason)  # what Tab does in a window
    else:
        qtbot.keyClick(editor, end)
    return editor


@pytest.mark.parametrize(
    ("keys", "end"),
    [
        ("11/8/26", Qt.Key.Key_Tab),
        ("11/8/26", Qt.Key.Key_Return),
        ("11/8/2026", Qt.Key.Key_Tab),
        ("11/08/2026", Qt.Key.Key_Return),
    ],
)
def test_a_date_typed_in_english_with_a_short_or_a_long_year(qtbot, language, keys, end):
    language("en")
    editor = _typed(qtbot, keys, end)
    assert editor.day() == date(2026, 11, 8)
    assert editor.text() == "11/8/2026"
    assert editor.calendarPopup()


def test_a_separator_that_needs_shift_moves_on_once(qtbot, language):
    """On many layouts "/" or "." needs Shift: its press came first and was taken as a key
    typed, so the separator moved on a second time (09/07/2026 gave 9/6/00007/2026)."""
    language("en")
    editor, _after = _editor_in_window(qtbot, date(2026, 12, 6))
    for char in "09/07/2026":
        if char == "/":
            qtbot.keyPress(editor, Qt.Key.Key_Shift)
        qtbot.keyClicks(editor, char)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.day() == date(2026, 9, 7)


def test_a_whole_new_date_typed_over_all_of_the_old_one(qtbot, language):
    language("en")
    editor, _after = _editor_in_window(qtbot, date(2026, 12, 6))
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, "9/8/2026")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.day() == date(2026, 9, 8)  # was 8 December: the 9 was lost


@pytest.mark.parametrize("keys", ["08.11.26", "8.11.26", "08.11.2026", "8.11.2026"])
def test_a_date_typed_in_russian_with_a_short_or_a_long_year(qtbot, language, keys):
    language("ru")
    editor = _typed(qtbot, keys)
    assert editor.day() == date(2026, 11, 8)
    assert editor.text() == "08.11.2026"


def test_a_short_year_far_ahead_is_read_as_last_century(qtbot, language):
    language("en")
    assert _typed(qtbot, "3/1/85").day() == date(1985, 3, 1)


# --- the clean-time page ------------------------------------------------------------------------


def _practice(qapp, qtbot, controllers, vault_path, clean: CleanDate | None = None):
    apply_language(qapp, "en")  # as the app does at start (the tests' own locale is C)
    vault = create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    if clean is not None:
        vault.records.save(clean)
    vault.close()
    controller, dialog = start(qapp, controllers, vault_path)
    window = unlock(qtbot, controller, dialog)
    window.show_page(Page.PRACTICE)
    page = window.practice
    settle(qtbot, controller)
    qtbot.waitUntil(lambda: page.view is not None, timeout=10_000)
    return controller, window, page


def _clean_since(qapp, qtbot, controllers, vault_path, first: date):
    """The clean-time page over one clean date ("Alcohol", since ``first``), its table read."""
    controller, window, page = _practice(
        qapp, qtbot, controllers, vault_path, CleanDate("c1", "Alcohol", first)
    )
    table = page.clean_table
    qtbot.waitUntil(lambda: len(table.model.records) == 1, timeout=10_000)
    return controller, window, table


def _type_since(qapp, qtbot, table, keys: str) -> None:
    """Open the "Since" cell of the first row with a key press, type, press Enter."""
    table.view.setFocus(Qt.FocusReason.OtherFocusReason)
    table.view.setCurrentIndex(table.proxy.index(0, 1))
    qtbot.keyClick(table.view, Qt.Key.Key_F2)
    editor = qapp.focusWidget()
    while editor is not None and not isinstance(editor, DateEdit):
        editor = editor.parentWidget()
    assert isinstance(editor, DateEdit), qapp.focusWidget()
    qtbot.keyClicks(editor, keys)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def _card_text(page) -> str:
    card = page.cards.itemAt(0).widget()
    return " ".join(label.text() for label in card.findChildren(QLabel))


def _us_short(day: date) -> str:
    return f"{day.month}/{day.day}/{day.year % 100:02d}"


def test_a_clean_date_typed_with_a_short_year_is_this_century_everywhere(
    qapp, qtbot, controllers, vault_path
):
    controller, window, page = _practice(
        qapp, qtbot, controllers, vault_path, CleanDate("c1", "Alcohol", date(2025, 1, 1))
    )
    table = page.clean_table
    qtbot.waitUntil(lambda: len(table.model.records) == 1, timeout=10_000)
    today = controller.operations.day.today()
    meant = today - timedelta(days=28)
    _type_since(qapp, qtbot, table, _us_short(meant))  # "11/8/26": once 6 November 2082
    qtbot.waitUntil(lambda: table.model.records[0].since == meant, timeout=5_000)
    settle(qtbot, controller)
    # The table and the card say the date the same way.
    assert table.proxy.index(0, 1).data() == date_text(meant)
    qtbot.waitUntil(lambda: f"since {date_text(meant)}" in _card_text(page), timeout=5_000)
    assert "28 days" in _card_text(page) and "Next: 30 days in 2 days" in _card_text(page)
    window.close()
    controller.shutdown()
    vault = open_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    try:
        assert vault.records.all(CleanDate)[0].since == meant
    finally:
        vault.close()


@pytest.fixture
def answers(monkeypatch) -> Iterator[list]:
    """Answer each date question with the next of the answers put in; the questions asked are
    kept in ``answers.asked``."""

    class Answers(list):
        asked: list[str]

    given = Answers()
    given.asked = []

    def question(_parent, title, text, *_args):
        given.asked.append(f"{title}: {text}")
        yes = given.pop(0)
        return QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", question)
    yield given


def test_a_clean_date_in_the_future_is_kept_only_after_a_yes(
    qapp, qtbot, controllers, vault_path, answers
):
    first = date(2026, 1, 1)
    controller, window, table = _clean_since(qapp, qtbot, controllers, vault_path, first)
    ahead = controller.operations.day.today() + timedelta(days=3)
    answers.append(False)
    _type_since(qapp, qtbot, table, _us_short(ahead))
    qtbot.waitUntil(lambda: bool(answers.asked), timeout=5_000)
    assert answers.asked == [
        f"Check the date: {date_text(ahead)} has not come yet. Keep this date anyway?"
    ]
    settle(qtbot, controller)
    assert table.model.records[0].since == first  # "No" changes nothing
    assert not table.undo_stack.canUndo()

    answers.append(True)
    _type_since(qapp, qtbot, table, _us_short(ahead))
    qtbot.waitUntil(lambda: table.model.records[0].since == ahead, timeout=5_000)
    settle(qtbot, controller)
    assert len(answers.asked) == 2
    window.close()
    controller.shutdown()
    vault = open_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    try:
        assert vault.records.all(CleanDate)[0].since == ahead
    finally:
        vault.close()


def test_a_clean_date_more_than_sixty_years_back_gets_the_question_too(
    qapp, qtbot, controllers, vault_path, answers
):
    first = date(2026, 1, 1)
    controller, window, table = _clean_since(qapp, qtbot, controllers, vault_path, first)
    answers.append(False)
    _type_since(qapp, qtbot, table, "3/1/1950")
    qtbot.waitUntil(lambda: bool(answers.asked), timeout=5_000)
    assert "more than 60 years ago" in answers.asked[0]
    settle(qtbot, controller)
    assert table.model.records[0].since == first


def test_a_slip_long_ago_asks_and_a_no_keeps_the_dialog_and_its_words(
    qapp, qtbot, controllers, vault_path, answers
):
    controller, window, page = _practice(
        qapp, qtbot, controllers, vault_path, CleanDate("c1", "Alcohol", date(2026, 1, 1))
    )
    dialog = SlipDialog(
        [CleanDate("c1", "Alcohol", date(2026, 1, 1))],
        SUNDAY,
        programme_words(Programme.ALCOHOL),
        window,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.what.setPlainText("A wedding")
    dialog.on.set_day(date(1960, 6, 1))
    answers.append(False)
    dialog.accept()
    assert answers.asked and date_text(date(1960, 6, 1)) in answers.asked[0]
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.what.toPlainText() == "A wedding"
    answers.append(True)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    dialog.hide()
    # A slip today asks nothing.
    plain = SlipDialog(
        [CleanDate("c1", "Alcohol", date(2026, 1, 1))],
        SUNDAY,
        programme_words(Programme.ALCOHOL),
        window,
    )
    qtbot.addWidget(plain)
    plain.accept()
    assert len(answers.asked) == 2 and plain.result() == QDialog.DialogCode.Accepted


def test_the_steps_page_says_its_dates_the_same_way(qapp, qtbot, controllers, vault_path):
    apply_language(qapp, "en")
    vault = create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    vault.close()
    controller, dialog = start(qapp, controllers, vault_path)
    window = unlock(qtbot, controller, dialog)
    window.show_page(Page.STEPS)
    detail = window.steps.open_step(1)
    qtbot.waitUntil(lambda: bool(detail.answer_editors), timeout=10_000)
    question = next(iter(detail.answer_editors))
    qtbot.keyClicks(detail.answer_editors[question], "I could not stop.")
    detail.save_now()
    settle(qtbot, controller)
    today = controller.operations.day.today()
    edited = detail.edited_labels[question].text()
    assert edited.startswith(f"Last edited {date_text(datetime.now(UTC).astimezone().date())} at ")
    qtbot.waitUntil(lambda: f"started {date_text(today)}" in detail.dates.text(), timeout=5_000)
    assert QLocale().name() == "en_US"


def test_chart_days_in_russian_take_the_month_as_after_a_number(language):
    from recovery_journal.services.trends import DateTick, TickStyle
    from recovery_journal.ui.charts import Palette, tick_label
    from recovery_journal.ui.dates import day_month_names, month_names

    language("ru")
    palette = Palette("#000000", "#ffffff", "#888888", month_names(), day_month_names())
    assert tick_label(DateTick(0, date(2026, 5, 4), TickStyle.DAY_MONTH), palette) == "4 мая"
    assert tick_label(DateTick(0, date(2026, 5, 1), TickStyle.MONTH_YEAR), palette) == "май 2026"


def test_a_clean_date_kept_in_the_future_says_when_it_begins(qapp, qtbot, controllers, vault_path):
    """Kept after the question, a date ahead is not a count of 0 days with a milestone "in 15
    days": it says when it begins, on the page and on Today."""
    future = persons_today() + timedelta(days=14)
    controller, window, page = _practice(
        qapp, qtbot, controllers, vault_path, CleanDate("c1", "Alcohol", future)
    )
    days = (future - controller.operations.day.today()).days
    qtbot.waitUntil(lambda: page.cards.count() > 0, timeout=5_000)
    qtbot.waitUntil(lambda: f"Starts in {days} days" in _card_text(page), timeout=5_000)
    assert "0 days" not in _card_text(page) and "Next:" not in _card_text(page)
    window.show_page(Page.TODAY)
    settle(qtbot, controller)
    qtbot.waitUntil(
        lambda: window.today.clean_time.text() == f"Alcohol: starts in {days} days",
        timeout=5_000,
    )
