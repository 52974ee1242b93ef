"""The sponsor's words in the window (issue 23): the "From my sponsor" page lists them, opens what
each is about, keeps the person's answer; beside an answer, a row and the reviews they are shown."""
# ruff: noqa: F811 - the controllers fixture is imported from test_ui and used as an argument

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import Qt

from recovery_journal.domain.daily import NightlyReview, ReviewAnswer
from recovery_journal.domain.inventory import Amend, Resentment
from recovery_journal.domain.sponsor_notes import AMENDS_LIST, About, note_from_reply
from recovery_journal.domain.steps import Answer
from recovery_journal.services.journal_identity import journal_id
from recovery_journal.services.sponsor_notes import all_notes, keep_notes
from recovery_journal.store import create_vault, open_vault
from recovery_journal.ui.dates import date_text
from recovery_journal.ui.pages import Page
from recovery_journal.ui.pages import sponsor as sponsor_page
from recovery_journal.ui.pages.sponsor import NOTE_ROLE, empty_text
from recovery_journal.ui.sponsor_remarks import RemarkBox
from tests.conftest import PASSPHRASE, TEST_KDF, persons_today
from tests.test_ui import controllers, settle, shown_window, start, unlock  # noqa: F401 - fixtures and helpers

ON_ANSWER = "Look again at what you were afraid of here."
ON_ROW = "Where were you selfish in this one?"
ON_REVIEWS = "Seven nights in a row: well done."
ON_REPORT = "You are doing the work. Call me Sunday."


def _notes(identifier: str) -> list:
    def note(about: About, text: str, day: int, position: int = 0):
        return note_from_reply(
            identifier,
            "a report",
            about,
            text,
            sponsor="Sam",
            written_on=date(2026, 12, day),
            received_on=date(2026, 12, day),
            report_made_on=date(2026, 12, 1),
            position=position,
        )

    return [
        note(About.report(), ON_REPORT, 3, 0),
        note(About.answer(4, "s4.q02"), ON_ANSWER, 3, 1),
        note(About.row("resentments", "r1"), ON_ROW, 3, 2),
        note(About.reviews(), ON_REVIEWS, 10),
    ]


def _vault(path, *, notes: bool = True):
    vault = create_vault(path, PASSPHRASE, kdf_iterations=TEST_KDF)
    now = datetime.now(UTC)
    vault.steps.save_answer(Answer("s4.q02", 4, "Why I keep having the same fights.", now))
    vault.records.save(Resentment("r1", "My landlord", "Kept my deposit."))
    vault.records.save(Resentment("r2", "The bank", "Charged twice.", position=1))
    vault.records.save(Amend("a1", "Mum"))
    vault.reviews.save(
        NightlyReview(
            persons_today(), (ReviewAnswer("q.kind", True, "Helped Dan"),), updated_at=now
        )
    )
    if notes:
        keep_notes(vault, _notes(journal_id(vault)))
    vault.close()
    return path


def _window(qapp, qtbot, controllers, path):
    controller, window = shown_window(qapp, qtbot, controllers, path)
    window.show_page(Page.SPONSOR)
    settle(qtbot, controller)
    return controller, window


def _spaced(day: str) -> str:
    """A date as a remark says it: it may break across lines there (a narrow column)."""
    return day.replace("\u00a0", " ")


def _rows(page) -> list[str]:
    return [page.model.item(row).data(NOTE_ROLE).text for row in range(page.model.rowCount())]


def test_the_page_lists_every_note_newest_first_and_shows_the_one_chosen(
    qapp, qtbot, controllers, vault_path
):
    _controller, window = _window(qapp, qtbot, controllers, _vault(vault_path))
    page = window.sponsor
    assert _rows(page) == [ON_REVIEWS, ON_REPORT, ON_ANSWER, ON_ROW]
    assert page.list.isVisible() and not page.empty.isVisible()
    page.list.setCurrentIndex(page.model.index(2, 0))
    assert page.item_name.text() == "Step 4, question 2"
    assert page.question.text()  # the question asked, under what it is about
    assert page.by.text().startswith("Sam · ")
    assert page.words.text() == ON_ANSWER
    spoken = page.model.index(3, 0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert spoken.startswith("Resentments: My landlord. Sam · ") and spoken.endswith(ON_ROW)
    # The whole report has no page of its own to open.
    page.list.setCurrentIndex(page.model.index(1, 0))
    assert page.item_name.text() == "The whole report"
    assert not page.open_button.isEnabled()


def test_an_empty_page_says_where_the_notes_come_from(qapp, qtbot, controllers, vault_path):
    _controller, window = _window(qapp, qtbot, controllers, _vault(vault_path, notes=False))
    page = window.sponsor
    assert page.empty.isVisible() and not page.list.isVisible()
    assert page.empty.text() == empty_text()
    assert "Import my sponsor's reply" in page.empty.text()
    # Right under the heading, not pushed halfway down the page by the hidden list.
    assert page.empty.y() < page.title.y() + 2 * page.title.fontMetrics().height()


def test_enter_on_a_note_opens_the_answer_it_is_about_with_the_words_beside_it(
    qapp, qtbot, controllers, vault_path
):
    controller, window = _window(qapp, qtbot, controllers, _vault(vault_path))
    page = window.sponsor
    page.list.setFocus()
    page.list.setCurrentIndex(page.model.index(2, 0))
    qtbot.keyClick(page.list, Qt.Key.Key_Return)
    settle(qtbot, controller)
    assert window.current_page() is Page.STEPS
    detail = window.steps.detail
    qtbot.waitUntil(lambda: detail.isEnabled(), timeout=10_000)
    settle(qtbot, controller)
    editor = detail.answer_editors["s4.q02"]
    qtbot.waitUntil(editor.hasFocus, timeout=5_000)
    box = detail.remarks["s4.q02"]
    assert box.isVisible() and ON_ANSWER in box.text() and box.text().startswith("From my sponsor")
    # Heard with the answer as the keyboard reaches it.
    assert ON_ANSWER in editor.accessibleDescription()
    # Only that answer has a box; the step's own box is empty.
    assert not detail.step_remark.isVisible()
    assert [q for q, b in detail.remarks.items() if b.isVisible()] == ["s4.q02"]


def test_a_row_note_marks_the_row_and_shows_under_the_table(qapp, qtbot, controllers, vault_path):
    controller, window = _window(qapp, qtbot, controllers, _vault(vault_path))
    page = window.sponsor
    page.list.setCurrentIndex(page.model.index(3, 0))
    page.list.activated.emit(page.list.currentIndex())  # a double-click
    settle(qtbot, controller)
    assert window.current_page() is Page.INVENTORY
    tab = window.inventory.sheets["resentments"]
    assert window.inventory.tabs.currentWidget() is tab
    table = tab.table
    qtbot.waitUntil(lambda: table.current_record() is not None, timeout=5_000)
    assert table.current_record().uid == "r1"
    model = table.model
    first = model.index(model.row_of("r1"), 0)
    other = model.index(model.row_of("r2"), 0)
    assert first.data(Qt.ItemDataRole.DecorationRole) is not None
    assert ON_ROW in first.data(Qt.ItemDataRole.ToolTipRole)
    assert ON_ROW in first.data(Qt.ItemDataRole.AccessibleDescriptionRole)
    assert other.data(Qt.ItemDataRole.DecorationRole) is None
    assert table.remark.isVisible() and ON_ROW in table.remark.text()
    table.select("r2")
    assert not table.remark.isVisible()


def test_the_reviews_note_is_beside_the_calendar(qapp, qtbot, controllers, vault_path):
    controller, window = _window(qapp, qtbot, controllers, _vault(vault_path))
    window.open_about(About.reviews())
    settle(qtbot, controller)
    assert window.current_page() is Page.REVIEW
    assert window.review.remark.isVisible() and ON_REVIEWS in window.review.remark.text()


def test_a_worksheet_and_the_amends_list_show_their_notes_and_rows_on_the_list_too(
    qapp, qtbot, controllers, vault_path
):
    controller, window = _window(qapp, qtbot, controllers, _vault(vault_path))
    identifier = controller.operations.run(journal_id).result()
    more = [
        note_from_reply(
            identifier,
            "another report",
            about,
            text,
            sponsor="",
            written_on=date(2026, 12, 20),
            received_on=date(2026, 12, 20),
        )
        for about, text in (
            (About.worksheet("fears"), "Many of these are about money."),
            (About.amends(), "Start with the ones you are ready for."),
            (About.row(AMENDS_LIST, "a1"), "Talk to me before this one."),
        )
    ]
    controller.operations.run(lambda vault: keep_notes(vault, more))
    settle(qtbot, controller)
    window.open_about(About.worksheet("fears"))
    settle(qtbot, controller)
    inventory = window.inventory
    assert inventory.tabs.currentWidget() is inventory.sheets["fears"]
    fears = inventory.sheets["fears"].remark
    day = _spaced(date_text(date(2026, 12, 20)))
    assert fears.isVisible() and fears.text().startswith(f"From my sponsor ({day}): Many")
    window.open_about(About.row(AMENDS_LIST, "a1"))
    settle(qtbot, controller)
    assert inventory.tabs.currentWidget() is inventory.step8
    assert "Start with the ones" in inventory.step8.remark.text()
    qtbot.waitUntil(lambda: inventory.step8.table.current_record() is not None, timeout=5_000)
    assert inventory.step8.table.current_record().uid == "a1"
    assert "Talk to me" in inventory.step8.table.remark.text()
    # The page's list has them too, newest first.
    assert _rows(window.sponsor)[0] in {n.text for n in more}


def test_an_answer_to_the_sponsor_is_saved_as_it_is_typed(qapp, qtbot, controllers, vault_path):
    controller, window = _window(qapp, qtbot, controllers, _vault(vault_path))
    page = window.sponsor
    page.list.setCurrentIndex(page.model.index(1, 0))
    page.answer.setFocus()
    qtbot.keyClicks(page.answer, "Sunday at six.")
    assert page.save_state.text() == "Not saved yet…"
    qtbot.waitUntil(lambda: page.save_state.text() == "Saved", timeout=5_000)
    settle(qtbot, controller)
    # Another note, and back: the answer is there, and the list says it was answered.
    page.list.setCurrentIndex(page.model.index(0, 0))
    assert page.answer.toPlainText() == ""
    page.list.setCurrentIndex(page.model.index(1, 0))
    assert page.answer.toPlainText() == "Sunday at six."
    assert "answered" in page.model.index(1, 0).data(Qt.ItemDataRole.DisplayRole)
    # Typed and the note changed at once: saved all the same.
    qtbot.keyClicks(page.answer, " Or Monday.")
    page.list.setCurrentIndex(page.model.index(2, 0))
    settle(qtbot, controller)
    window.close()
    controller.shutdown()
    vault = open_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    try:
        answers = {note.text: note.answer for note in all_notes(vault)}
    finally:
        vault.close()
    assert answers[ON_REPORT] == "Sunday at six. Or Monday."


def test_a_search_finds_the_sponsors_words_and_opens_the_note(qapp, qtbot, controllers, vault_path):
    controller, window = _window(qapp, qtbot, controllers, _vault(vault_path))
    window.show_page(Page.TODAY)
    window.search_box.setFocus()
    qtbot.keyClicks(window.search_box, "selfish")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_page() is Page.SPONSOR, timeout=5_000)
    page = window.sponsor
    assert page.note is not None and page.note.text == ON_ROW
    assert page.list.hasFocus()


def test_a_note_is_deleted_only_when_the_person_says_so(
    qapp, qtbot, controllers, vault_path, monkeypatch
):
    controller, window = _window(qapp, qtbot, controllers, _vault(vault_path))
    page = window.sponsor
    answers = iter([False, True])
    monkeypatch.setattr(sponsor_page, "ask_yes_no", lambda *args, **kwargs: next(answers))
    page.list.setCurrentIndex(page.model.index(0, 0))
    page.delete_button.click()
    settle(qtbot, controller)
    assert len(_rows(page)) == 4
    page.list.setFocus()
    qtbot.keyClick(page.list, Qt.Key.Key_Delete)
    settle(qtbot, controller)
    assert _rows(page) == [ON_REPORT, ON_ANSWER, ON_ROW]
    # The review page heard it too.
    window.show_page(Page.REVIEW)
    settle(qtbot, controller)
    assert not window.review.remark.isVisible()


def test_the_remark_box_says_how_many_earlier_notes_there_are(qapp, qtbot):
    box = RemarkBox()
    qtbot.addWidget(box)
    notes = [
        note_from_reply(
            "0" * 32,
            f"report {n}",
            About.reviews(),
            f"Note {n}",
            sponsor="Sam",
            written_on=date(2026, 12, 10 - n),
            received_on=date(2026, 12, 10),
        )
        for n in range(3)
    ]
    box.show_notes(notes)
    assert box.text() == (
        f"From my sponsor (Sam, {_spaced(date_text(date(2026, 12, 10)))}): Note 0\n"
        "2 earlier notes are on the “From my sponsor” page."
    )
    box.show_notes([])
    assert box.isHidden()
