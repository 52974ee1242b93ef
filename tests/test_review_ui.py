"""The nightly review, clean time and the reminder, driven through the real widgets."""
# ruff: noqa: F811 - the controllers fixture is imported from test_ui and used as an argument

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QInputDialog, QLabel

from recovery_journal.domain.clean_time import CleanDate, Slip
from recovery_journal.domain.daily import (
    GratitudeEntry,
    NightlyReview,
    Rating,
    ReviewAnswer,
    ReviewQuestion,
)
from recovery_journal.domain.inventory import Amend
from recovery_journal.domain.settings import JournalSettings
from recovery_journal.services.review import review_day
from recovery_journal.store import create_vault, open_vault
from recovery_journal.ui.pages import Page
from recovery_journal.ui.pages.practice import SlipDialog
from recovery_journal.ui.pages.review import QuestionsDialog
from recovery_journal.ui.widgets import qdate
from tests.conftest import PASSPHRASE, TEST_KDF, persons_today
from tests.test_ui import controllers, settle, start, unlock  # noqa: F401


def _open(qapp, qtbot, controllers, vault_path, settings: JournalSettings | None = None):
    if not vault_path.exists():
        vault = create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
        if settings is not None:
            vault.settings.replace_all(settings.to_mapping())
        vault.close()
    controller, dialog = start(qapp, controllers, vault_path)
    window = unlock(qtbot, controller, dialog)
    return controller, window


def _stored_review(path, day: date) -> NightlyReview | None:
    vault = open_vault(path, PASSPHRASE, kdf_iterations=TEST_KDF)
    try:
        return vault.reviews.get(day)
    finally:
        vault.close()


def _key(qapp, qtbot, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(qapp.focusWidget(), key, modifier)


def test_a_whole_nightly_review_with_the_keyboard_alone(qapp, qtbot, controllers, vault_path):
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    window.activateWindow()
    # From anywhere, Ctrl+R opens tonight's review with the keyboard on the first answer.
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() is Page.REVIEW
    page = window.review
    qtbot.waitUntil(lambda: page.sheet is not None and bool(page.answers), timeout=10_000)
    settle(qtbot, controller)
    qtbot.waitUntil(lambda: qapp.focusWidget() is page.answers["q.resentful"][0])
    # A layout shows the widgets added to a shown page a moment later (a queued call), and
    # Tab skips what is not shown yet; a person's keys arrive after that, qtbot's at once.
    qtbot.waitUntil(lambda: page.answers["q.resentful"][1].isVisible())

    # Resentful: yes, with a note; every other yes/no question: no, and no note.
    _key(qapp, qtbot, Qt.Key.Key_Y)
    _key(qapp, qtbot, Qt.Key.Key_Tab)
    qtbot.keyClicks(qapp.focusWidget(), "At the driver")
    _key(qapp, qtbot, Qt.Key.Key_Tab)
    for uid in ("q.selfish", "q.dishonest", "q.afraid", "q.apology"):
        assert qapp.focusWidget() is page.answers[uid][0], uid
        _key(qapp, qtbot, Qt.Key.Key_N)
        _key(qapp, qtbot, Qt.Key.Key_Tab)  # to the note
        _key(qapp, qtbot, Qt.Key.Key_Tab)  # past the note
    # The apology button is disabled for "no", so Tab skips it.
    for uid in ("q.kept_secret", "q.kind", "q.others", "q.worry"):
        assert qapp.focusWidget() is page.answers[uid][0], uid
        _key(qapp, qtbot, Qt.Key.Key_1 if uid == "q.kind" else Qt.Key.Key_0)
        _key(qapp, qtbot, Qt.Key.Key_Tab)
        _key(qapp, qtbot, Qt.Key.Key_Tab)
    assert qapp.focusWidget() is page.answers["q.better"][1]
    qtbot.keyClicks(qapp.focusWidget(), "Listen more")
    _key(qapp, qtbot, Qt.Key.Key_Tab)
    assert qapp.focusWidget() is page.gratitude  # the gratitude question's answer is the list
    qtbot.keyClicks(qapp.focusWidget(), "Sunshine")
    _key(qapp, qtbot, Qt.Key.Key_Return)
    qtbot.keyClicks(qapp.focusWidget(), "A call with Sam")
    _key(qapp, qtbot, Qt.Key.Key_Tab)
    qtbot.keyClicks(qapp.focusWidget(), "Walk to work")
    _key(qapp, qtbot, Qt.Key.Key_Tab)
    # The scales: one digit each, in order: mood, craving, serenity, honesty, gratitude,
    # connection ("1" then "0" is ten).
    for keys in ((Qt.Key.Key_6,), (Qt.Key.Key_2,), (Qt.Key.Key_5,), (Qt.Key.Key_7,),
                 (Qt.Key.Key_1, Qt.Key.Key_0), (Qt.Key.Key_4,)):  # fmt: skip
        for key in keys:
            _key(qapp, qtbot, key)
        _key(qapp, qtbot, Qt.Key.Key_Tab)
    _key(qapp, qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, controller)
    qtbot.waitUntil(lambda: page.save_state.text() == "Saved")
    day = page.day
    assert day == persons_today()
    window.close()
    controller.shutdown()

    review = _stored_review(vault_path, day)
    assert review is not None
    answers = {a.question_uid: (a.yes, a.note) for a in review.answers}
    assert answers["q.resentful"] == (True, "At the driver")
    assert answers["q.selfish"] == (False, "")
    assert answers["q.kind"] == (True, "")
    assert answers["q.worry"] == (False, "")
    assert answers["q.better"] == (None, "Listen more")
    assert answers["q.tomorrow"] == (None, "Walk to work")
    ratings = {r.dimension_uid: r.value for r in review.ratings}
    assert ratings == {
        "d.mood": 6,
        "d.craving": 2,
        "d.serenity": 5,
        "d.honesty": 7,
        "d.gratitude": 10,
        "d.connection": 4,
    }
    vault = open_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    try:
        lines = [g.text for g in vault.records.in_days(GratitudeEntry, day, day)]
    finally:
        vault.close()
    assert lines == ["Sunshine", "A call with Sam"]


def test_a_past_day_is_filled_in_late_and_the_calendar_marks_it(
    qapp, qtbot, controllers, vault_path
):
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    window.show_page(Page.REVIEW)
    page = window.review
    qtbot.waitUntil(lambda: page.sheet is not None, timeout=10_000)
    tonight = page.day
    two_days_ago = tonight - timedelta(days=2)
    calendar = page.calendar

    def bold(day: date) -> bool:
        return calendar.dateTextFormat(qdate(day)).fontWeight() == QFont.Weight.Bold

    assert not bold(two_days_ago)
    window.activateWindow()
    page.ratings["d.mood"].setFocus()
    for back in (1, 2):  # Alt+Left turns back a day; each day loaded before the next key
        _key(qapp, qtbot, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
        day = tonight - timedelta(days=back)
        qtbot.waitUntil(
            lambda d=day: page.sheet is not None and page.sheet.day == d, timeout=10_000
        )
    assert calendar.selectedDate() == qdate(two_days_ago)
    page.ratings["d.mood"].setValue(3)
    page.save_now()
    settle(qtbot, controller)
    qtbot.waitUntil(lambda: bold(two_days_ago))
    assert not bold(tonight)
    assert "Days reviewed: 1" in page.streak.text()
    # Edited later: clearing the only rating removes the day's review again.
    page.ratings["d.mood"].setValue(-1)
    page.save_now()
    settle(qtbot, controller)
    qtbot.waitUntil(lambda: not bold(two_days_ago))
    window.close()
    controller.shutdown()
    assert _stored_review(vault_path, two_days_ago) is None


def test_i_owe_an_apology_puts_the_person_on_the_step_8_list(
    qapp, qtbot, controllers, vault_path, monkeypatch
):
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    window.open_review()
    page = window.review
    qtbot.waitUntil(lambda: page.sheet is not None and "q.apology" in page.answers)
    button = page.apology_button
    assert button is not None and not button.isEnabled()
    yes_no, note = page.answers["q.apology"]
    yes_no.set_value(True)
    note.setText("snapped at my sister")
    assert button.isEnabled()
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("My sister", True))
    button.click()
    settle(qtbot, controller)
    qtbot.waitUntil(lambda: not button.isEnabled())
    assert button.text() == "On the step 8 list"
    day = page.day
    window.close()
    controller.shutdown()
    vault = open_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    try:
        amends = vault.records.all(Amend)
        review = vault.reviews.get(day)
    finally:
        vault.close()
    assert [(a.person, a.harm, a.source_uid) for a in amends] == [
        ("My sister", "snapped at my sister", f"review:{day.isoformat()}")
    ]
    assert review is not None and review.answer("q.apology") == ReviewAnswer(
        "q.apology", True, "snapped at my sister"
    )


def test_the_reminder_shows_in_the_window_when_tonights_review_is_missing(
    qapp, qtbot, controllers, vault_path
):
    # Reminder time equal to the day boundary: due at any hour while the review is unwritten.
    settings = JournalSettings(reminder_on=True, reminder_time=time(4, 0))
    controller, window = _open(qapp, qtbot, controllers, vault_path, settings)
    qtbot.waitUntil(lambda: "Tonight's review is waiting" in window.banner.text(), timeout=10_000)
    assert window.banner.isVisible()
    assert controller.reminder is not None and not controller.reminder.tray_available
    # Closing without a tray quits rather than hiding the window where nobody can find it.
    assert window.keep_in_tray() is False


def test_no_reminder_once_the_review_is_written(qapp, qtbot, controllers, vault_path):
    vault = create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    vault.settings.replace_all(
        JournalSettings(reminder_on=True, reminder_time=time(4, 0)).to_mapping()
    )
    with vault.transaction():
        vault.reviews.save(
            NightlyReview(
                review_day(vault), ratings=(Rating("d.mood", 5),), updated_at=datetime.now(UTC)
            )
        )
    vault.close()
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    settle(qtbot, controller)
    controller.reminder.check()
    settle(qtbot, controller)
    qapp.processEvents()
    assert "review is waiting" not in window.banner.text()
    assert "Tonight's review is written" in window.today.review_state.text()


def test_a_clean_date_and_a_slip_from_the_clean_time_page(
    qapp, qtbot, controllers, vault_path, monkeypatch
):
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    window.show_page(Page.PRACTICE)
    page = window.practice
    settle(qtbot, controller)
    assert not page.slip_button.isEnabled()  # nothing to slip from yet
    table = page.clean_table
    # The journal's today: before the 04:00 day boundary it is still yesterday.
    today = (datetime.now() - timedelta(hours=4)).date()
    since = today - timedelta(days=40)
    record = CleanDate("c1", "Alcohol", since)
    table._push("Add", {"c1": None}, {"c1": record})
    settle(qtbot, controller)
    qtbot.waitUntil(lambda: page.slip_button.isEnabled(), timeout=10_000)
    assert page.cards.itemAt(0).widget().findChild(QLabel, "clean_days").text() == ("40 days")

    def fill_and_accept(dialog: SlipDialog) -> int:
        dialog.on.setDate(qdate(today - timedelta(days=10)))
        dialog.what.setPlainText("A wedding")
        dialog.learned.setPlainText("Leave early")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SlipDialog, "exec", fill_and_accept)
    page.slip_button.click()
    settle(qtbot, controller)
    qtbot.waitUntil(lambda: len(page.slips_table.model.records) == 1, timeout=10_000)

    def days_shown() -> str:
        return page.cards.itemAt(0).widget().findChild(QLabel, "clean_days").text()

    qtbot.waitUntil(lambda: days_shown() == "9 days")
    window.close()
    controller.shutdown()
    vault = open_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    try:
        slips = vault.records.all(Slip)
        cleans = vault.records.all(CleanDate)
    finally:
        vault.close()
    assert [(s.clean_uid, s.on, s.what_happened, s.learned) for s in slips] == [
        ("c1", today - timedelta(days=10), "A wedding", "Leave early")
    ]
    assert cleans == [record]  # the clean date itself never moves


def test_questions_are_reworded_hidden_reordered_and_added(qapp, qtbot, controllers, vault_path):
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    window.show_page(Page.REVIEW)
    page = window.review
    qtbot.waitUntil(lambda: page.sheet is not None and bool(page.answers), timeout=10_000)
    dialog = QuestionsDialog(controller.operations, page)
    table = dialog.questions
    qtbot.waitUntil(lambda: len(table.model.records) == 12, timeout=10_000)
    model = table.model
    # The shipped wording is shown (and edited) although the stored text is empty.
    text_column = 0
    assert model.data(model.index(0, text_column)) == "Was I resentful today?"
    model.setData(model.index(0, text_column), "Did I hold a grudge today?")
    hidden_column = 2
    row = model.row_of("q.selfish")
    model.setData(
        model.index(row, hidden_column), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )
    table.select("q.tomorrow")
    table.move_current(-1)  # "tomorrow" before "grateful"
    table.add()
    new_uid = next(r.uid for r in model.records if not r.uid.startswith("q."))
    dialog.done(0)
    settle(qtbot, controller)
    page.sheet = None
    page._load()
    qtbot.waitUntil(lambda: page.sheet is not None, timeout=10_000)
    uids = [q.uid for q in page.sheet.questions]
    assert "q.selfish" not in uids
    assert uids.index("q.tomorrow") < uids.index("q.grateful")
    assert uids[-1] == new_uid
    assert page.sheet.questions[0].text == "Did I hold a grudge today?"
    assert page.answers["q.resentful"][0].accessibleName() == "Did I hold a grudge today?"
    window.close()
    controller.shutdown()
    vault = open_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    try:
        stored = {q.uid: q for q in vault.records.all(ReviewQuestion)}
    finally:
        vault.close()
    assert stored["q.resentful"].text == "Did I hold a grudge today?"
    assert stored["q.selfish"].hidden is True
    assert stored["q.dishonest"].text == ""  # untouched questions keep following the language


def test_a_milestone_reached_today_gets_a_calm_note_on_today(qapp, qtbot, controllers, vault_path):
    vault = create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    with vault.transaction():
        vault.records.save(CleanDate("c1", "Gambling", review_day(vault) - timedelta(days=30)))
    vault.close()
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    settle(qtbot, controller)
    qtbot.waitUntil(lambda: window.today.milestones.isVisibleTo(window), timeout=10_000)
    assert "30 days today" in window.today.milestones.text()
    assert window.today.clean_time.text() == "Gambling: 30 days sober"


def test_a_review_reloaded_in_the_background_leaves_the_keyboard_where_it_is(
    qapp, qtbot, controllers, vault_path
):
    from recovery_journal.services.changes import DAILY_CHANGED

    controller, window = _open(qapp, qtbot, controllers, vault_path)
    window.activateWindow()
    window.open_review()  # the keyboard goes to its first answer
    page = window.review
    qtbot.waitUntil(
        lambda: (
            page.sheet is not None
            and qapp.focusWidget() in page.findChildren(type(qapp.focusWidget()))
        )
    )
    window.show_page(Page.JOURNAL)
    title = window.journal.title_edit
    title.setFocus()
    qtbot.waitUntil(title.hasFocus)
    controller.operations.changed.emit(DAILY_CHANGED)  # a save elsewhere: the review reloads
    settle(qtbot, controller)
    qtbot.wait(50)
    assert qapp.focusWidget() is title


def test_an_ampersand_the_person_wrote_is_shown_not_taken_for_a_shortcut(
    qapp, qtbot, controllers, vault_path
):
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QLabel

    from recovery_journal.domain.daily import RatingDimension

    vault = create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    with vault.transaction():
        vault.records.save(ReviewQuestion("own.q1", "Was I calm & kind?", position=99))
        vault.records.save(RatingDimension("own.d1", "Rest & quiet"))
    vault.close()
    _controller, window = _open(qapp, qtbot, controllers, vault_path)
    window.show_page(Page.REVIEW)
    page = window.review
    qtbot.waitUntil(lambda: "own.q1" in page.answers, timeout=10_000)
    labels = {label.text(): label for label in page.findChildren(QLabel) if label.buddy()}
    for written in ("Was I calm & kind?", "Rest & quiet"):
        label = labels[written.replace("&", "&&")]  # shown as written
        assert QKeySequence.mnemonic(label.text()).isEmpty()


def test_in_russian_hidden_agrees_with_a_question_and_with_a_scale(
    qapp, qtbot, controllers, vault_path
):
    """One English column title, two Russian words: «Скрыт» (вопрос), «Скрыта» (шкала)."""
    from recovery_journal.ui.i18n_qt import apply_language

    apply_language(qapp, "ru")  # the controllers fixture puts English back
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    window.show_page(Page.REVIEW)
    dialog = QuestionsDialog(controller.operations, window.review)
    qtbot.waitUntil(lambda: bool(dialog.questions.model.records), timeout=10_000)
    qtbot.waitUntil(lambda: bool(dialog.scales.model.records), timeout=10_000)

    def titles(table) -> list[str]:
        model = table.model
        return [
            model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
            for column in range(model.columnCount())
        ]

    assert titles(dialog.questions) == ["Вопрос", "Ответ", "Скрыт"]
    assert titles(dialog.scales) == ["Шкала", "Чем меньше, тем лучше", "Скрыта"]
    dialog.done(0)
