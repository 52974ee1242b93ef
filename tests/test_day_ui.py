"""One "today" everywhere: the Today page, its note, the greeting, tonight's review, the journal and
the clean-time counts all follow the day boundary, driven by a fixed clock (no waiting a night)."""
# ruff: noqa: F811 - the controllers fixture is imported from test_ui and used as an argument

from __future__ import annotations

from datetime import UTC, date, datetime, time

from PySide6.QtWidgets import QLabel

from recovery_journal.domain.clean_time import CleanDate
from recovery_journal.domain.notes import DailyNote
from recovery_journal.domain.settings import JournalSettings
from recovery_journal.store import create_vault, open_vault
from recovery_journal.ui.i18n_qt import apply_language
from recovery_journal.ui.pages import Page
from tests.conftest import PASSPHRASE, TEST_KDF
from tests.test_ui import controllers, settle, start, unlock  # noqa: F401

SUNDAY = date(2026, 12, 6)
MONDAY = date(2026, 12, 7)
WAIT = 10_000


class Clock:
    """The wall clock the app reads, set by the test."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


def at(day: date, hour: int, minute: int) -> datetime:
    """A moment on the machine's own wall clock, where the app's day boundary is read."""
    return datetime.combine(day, time(hour, minute)).astimezone()


def _open(qapp, qtbot, controllers, vault_path, clock: Clock, settings=None):
    apply_language(qapp, "en")
    vault = create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    vault.settings.replace_all((settings or JournalSettings()).to_mapping())
    written = datetime(2026, 12, 6, 19, 0, tzinfo=UTC)
    vault.notes.save(DailyNote(SUNDAY, "Evening words", written, written))
    vault.records.save(CleanDate("c1", "Alcohol", date(2026, 12, 1)))
    vault.close()
    controller, dialog = start(qapp, controllers, vault_path)
    controller.operations.day.clock = clock
    window = unlock(qtbot, controller, dialog)
    page = window.today
    qtbot.waitUntil(lambda: not page.editor.isReadOnly(), timeout=WAIT)
    settle(qtbot, controller)
    return controller, window, page


def _turn(qtbot, controller, clock: Clock, moment: datetime) -> None:
    clock.moment = moment
    controller.operations.day.check()  # what the day clock's timer does every half minute
    settle(qtbot, controller)


def test_at_one_in_the_night_today_is_still_the_evening_before(
    qapp, qtbot, controllers, vault_path
):
    clock = Clock(at(MONDAY, 1, 0))  # by the calendar it is Monday already
    controller, window, page = _open(
        qapp, qtbot, controllers, vault_path, clock, JournalSettings(display_name="Alex")
    )
    assert page.day == SUNDAY
    assert page.date_label.text() == "Sunday, December 6, 2026"
    assert page.greeting.text() == "Good evening, Alex."
    assert page.editor.toPlainText() == "Evening words"
    assert page.clean_time.text() == "Alcohol: 5 days sober"
    # Tonight's review, the journal's today and the clean-time page say the same day.
    window.show_page(Page.REVIEW)
    qtbot.waitUntil(lambda: window.review.sheet is not None, timeout=WAIT)
    assert window.review.day == SUNDAY and window.review.sheet.today == SUNDAY
    window.show_page(Page.JOURNAL)
    qtbot.waitUntil(lambda: window.journal.view is not None, timeout=WAIT)
    assert window.journal.today == SUNDAY and window.journal.day == SUNDAY
    window.show_page(Page.PRACTICE)
    practice = window.practice
    qtbot.waitUntil(lambda: practice.view is not None, timeout=WAIT)
    assert practice.view.today == SUNDAY

    def counted() -> str:
        return practice.cards.itemAt(0).widget().findChild(QLabel, "clean_days").text()

    assert counted() == "5 days"
    window.show_page(Page.TODAY)

    _turn(qtbot, controller, clock, at(MONDAY, 3, 59))
    assert page.day == SUNDAY and page.greeting.text() == "Good evening, Alex."

    _turn(qtbot, controller, clock, at(MONDAY, 4, 0))  # the day boundary
    qtbot.waitUntil(lambda: page.day == MONDAY and not page.editor.isReadOnly(), timeout=WAIT)
    settle(qtbot, controller)
    assert page.date_label.text() == "Monday, December 7, 2026"
    assert page.greeting.text() == "Good morning, Alex."
    assert page.editor.toPlainText() == ""  # a new day, a new note
    assert page.clean_time.text() == "Alcohol: 6 days sober"
    qtbot.waitUntil(lambda: counted() == "6 days", timeout=WAIT)  # the other page moved on too

    for moment, said in (
        (at(MONDAY, 4, 55), "Good morning, Alex."),
        (at(MONDAY, 5, 1), "Good morning, Alex."),
        (at(MONDAY, 12, 0), "Good afternoon, Alex."),
        (at(MONDAY, 23, 59), "Good evening, Alex."),
        (at(date(2026, 12, 8), 0, 30), "Good evening, Alex."),
    ):
        _turn(qtbot, controller, clock, moment)
        assert (page.day, page.greeting.text()) == (MONDAY, said), moment


def test_words_typed_just_before_the_boundary_stay_with_the_night(
    qapp, qtbot, controllers, vault_path
):
    clock = Clock(at(MONDAY, 3, 58))
    controller, window, page = _open(qapp, qtbot, controllers, vault_path, clock)
    assert page.day == SUNDAY and page.greeting.text() == "Good evening."
    page.editor.moveCursor(page.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(page.editor, ", and a late line")
    assert page.has_unsaved_text()
    _turn(qtbot, controller, clock, at(MONDAY, 4, 1))
    qtbot.waitUntil(lambda: page.day == MONDAY and not page.editor.isReadOnly(), timeout=WAIT)
    settle(qtbot, controller)
    assert page.editor.toPlainText() == "" and page.greeting.text() == "Good morning."
    window.close()
    controller.shutdown()
    vault = open_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    try:
        assert vault.notes.get(SUNDAY).text == "Evening words, and a late line"
        assert vault.notes.get(MONDAY) is None
    finally:
        vault.close()


def test_a_moved_boundary_moves_today_and_the_greeting(qapp, qtbot, controllers, vault_path):
    clock = Clock(at(MONDAY, 5, 30))
    late = JournalSettings(display_name="Alex", day_boundary=time(6, 0))
    controller, window, page = _open(qapp, qtbot, controllers, vault_path, clock, late)
    assert page.day == SUNDAY and page.greeting.text() == "Good evening, Alex."
    _turn(qtbot, controller, clock, at(MONDAY, 6, 0))
    qtbot.waitUntil(lambda: page.day == MONDAY, timeout=WAIT)
    assert page.greeting.text() == "Good morning, Alex."


def test_a_new_row_is_dated_the_persons_today(qapp, qtbot, controllers, vault_path):
    clock = Clock(at(MONDAY, 1, 0))
    controller, window, page = _open(qapp, qtbot, controllers, vault_path, clock)
    window.show_page(Page.PRACTICE)
    practice = window.practice
    qtbot.waitUntil(lambda: practice.view is not None, timeout=WAIT)
    practice.start_spot_check()
    settle(qtbot, controller)
    check = practice.spot_table.model.records[-1]
    assert (check.day, check.at) == (SUNDAY, "01:00")
    # Shown in the locale's own time.
    assert practice.spot_table.proxy.index(0, 1).data() == "1:00\u202fAM"
