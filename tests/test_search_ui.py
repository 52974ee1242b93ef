"""Search driven as a person would: Ctrl+F, type, look at the grouped results, open one."""
# ruff: noqa: F811 - the controllers fixture is imported from test_ui and used as an argument

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from recovery_journal.domain.daily import GratitudeEntry, Meeting, NightlyReview, ReviewAnswer
from recovery_journal.domain.inventory import Amend, Harm, Resentment
from recovery_journal.domain.notes import DailyNote
from recovery_journal.domain.step_tools import Defect, Step1Example, Step1List
from recovery_journal.domain.steps import Answer
from recovery_journal.services.search import kind_headings
from recovery_journal.store import create_vault
from recovery_journal.ui.dates import day_heading
from recovery_journal.ui.pages import Page
from recovery_journal.ui.pages import search as search_page
from recovery_journal.ui.pages.search import HIT_ROLE, HTML_ROLE, page_for_kind
from recovery_journal.ui.record_table import RecordTable
from tests.conftest import PASSPHRASE, TEST_KDF, persons_today
from tests.test_ui import controllers, settle, start, unlock  # noqa: F401 - fixtures and helpers

TODAY = persons_today()  # the Today page's day: before 04:00, still yesterday's
YESTERDAY = persons_today() - timedelta(days=1)
GRUDGES = "Mostly fear. I keep a list of grudges and old wounds."
BICYCLE = "Fixed the bicycle instead of phoning my sponsor"


def _fill(vault) -> None:
    vault.records.save(
        Resentment(
            "r-boss", "My boss", "He shouted at me in front of everyone; the resentment burns"
        )
    )
    vault.records.save(Resentment("r-bank", "The bank", "Charged a fee twice", position=1))
    vault.records.save(Harm("h-mama", "Мама", "Старая обида: я не звонил ей целый год"))
    vault.records.save(
        Amend("a-sis", "My sister", "Missed her wedding", plan="Write her a letter by spring")
    )
    vault.steps.save_answer(Answer("s4.q10", 4, GRUDGES, datetime.now(UTC)))
    vault.reviews.save(
        NightlyReview(
            YESTERDAY,
            (ReviewAnswer("q.resentful", True), ReviewAnswer("q.better", None, BICYCLE)),
            updated_at=datetime.now(UTC),
        )
    )
    vault.records.save(
        Meeting("m-tue", YESTERDAY, "Tuesday group", notes="A share about the calm morning walk")
    )
    vault.records.save(GratitudeEntry("g-sis", YESTERDAY, "A calm evening, and then morning tea"))
    vault.records.save(
        Step1Example("e-shop", Step1List.POWERLESSNESS, "Drove to the shop at midnight for more")
    )
    vault.records.save(Defect("d-imp", "Impatience", "Patience", "Honking at every driver"))
    now = datetime.now(UTC)
    vault.notes.save(DailyNote(TODAY, "Walked by the river after work", now, now))


def _open(qapp, qtbot, controllers, vault_path):
    vault = create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    _fill(vault)
    vault.close()
    controller, dialog = start(qapp, controllers, vault_path)
    window = unlock(qtbot, controller, dialog)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3_000)
    return controller, window


def _search(qtbot, window, text):
    """Ctrl+F and type, as a person does; wait for the answer to just this text."""
    answered = window.search.answered
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_box.hasFocus()
    qtbot.keyClicks(window.search_box, text)
    assert window.current_page() is Page.SEARCH
    return _results_for(qtbot, window, text, answered)


def _results_for(qtbot, window, text, answered):
    """The page once it shows the answer to a search asked after ``answered``, for ``text``."""
    page = window.search
    qtbot.waitUntil(lambda: page.answered > answered and page.results.query == text, timeout=5_000)
    return page


def _groups(page):
    return {kind: [hit.ref for hit in hits] for kind, hits in page.results.groups}


def _press_enter_on(qtbot, page, kind, ref):
    index = page.model.index_of(kind, ref)
    assert index.isValid(), (kind, ref, _groups(page))
    page.view.setCurrentIndex(index)
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Return)


def _double_click_on(qtbot, page, kind, ref):
    index = page.model.index_of(kind, ref)
    assert index.isValid(), (kind, ref, _groups(page))
    page.view.scrollTo(index)
    point = page.view.visualRect(index).center()
    # A click first: QTest's double-click alone delivers only its first press to a fresh view.
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert page.view.currentIndex() == index
    qtbot.mouseDClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_every_kind_opens_on_a_page_that_can_show_it():
    from recovery_journal.ui.pages.inventory import InventoryPage
    from recovery_journal.ui.pages.journal import JournalPage
    from recovery_journal.ui.pages.practice import PracticePage
    from recovery_journal.ui.pages.review import ReviewPage
    from recovery_journal.ui.pages.sponsor import SponsorPage
    from recovery_journal.ui.pages.steps import StepsPage

    classes = {
        Page.JOURNAL: JournalPage,
        Page.STEPS: StepsPage,
        Page.INVENTORY: InventoryPage,
        Page.REVIEW: ReviewPage,
        Page.PRACTICE: PracticePage,
        Page.SPONSOR: SponsorPage,
    }
    for kind in kind_headings():
        page = page_for_kind(kind)
        assert page in classes, kind
        assert hasattr(classes[page], "show_item"), kind
    assert page_for_kind("journal") is Page.JOURNAL and page_for_kind("note") is Page.JOURNAL
    assert page_for_kind("resentments") is Page.INVENTORY
    assert page_for_kind("practice_log") is Page.STEPS
    assert page_for_kind("gratitude") is Page.PRACTICE


def test_a_word_form_finds_a_resentment_and_enter_opens_its_row(
    qapp, qtbot, controllers, vault_path
):
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    page = _search(qtbot, window, "resentful")
    # "resentful" finds the resentment's "resentment" (one stem), and the review whose question
    # is not searched: only what the person wrote is.
    assert _groups(page) == {"resentments": ["r-boss"]}
    assert page.status.text() == "1 result for “resentful”."
    assert page.hint.text().startswith("Use quotes for a phrase")
    heading = page.model.index(0, 0)
    assert heading.data() == "Resentments (1)"
    result = page.model.index(0, 0, heading)
    assert result.data(HIT_ROLE).ref == "r-boss"
    shown = result.data(HTML_ROLE)
    assert "<b>My boss</b>" in shown
    assert ">resentment</b>" in shown and ">shouted</b>" not in shown
    assert page.view.accessibleName() == "Search results"
    assert "Resentments" in result.data(Qt.ItemDataRole.AccessibleTextRole)
    # The first result is ready for Enter as soon as the keyboard reaches the list.
    assert page.view.currentIndex() == result
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert window.current_page() is Page.INVENTORY
    sheet = window.inventory.sheets["resentments"]
    assert window.inventory.tabs.currentWidget() is sheet
    table = sheet.table
    qtbot.waitUntil(
        lambda: table.current_record() is not None and table.current_record().uid == "r-boss",
        timeout=5_000,
    )
    editor = table.form.texts["cause"]
    qtbot.waitUntil(editor.hasFocus, timeout=3_000)
    assert editor.textCursor().position() == editor.toPlainText().index("resentment")
    assert not window.banner.isVisible()


def _current_resentment(window):
    table = window.inventory.sheets["resentments"].table
    record = table.current_record()
    return record.uid if record is not None else None


def test_enter_in_the_search_box_opens_the_top_result_once_it_is_found(
    qapp, qtbot, controllers, vault_path
):
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.search_box, "boss")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)  # at once, before any result is back
    qtbot.waitUntil(lambda: window.current_page() is Page.INVENTORY, timeout=5_000)
    qtbot.waitUntil(lambda: _current_resentment(window) == "r-boss", timeout=5_000)
    table = window.inventory.sheets["resentments"].table
    # The keyboard on the row's name, which holds the word.
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table.form.texts["who"], timeout=3_000)


def _slow_search(monkeypatch) -> None:
    """Every search from now on takes 0.3 s, as on a slow disk: its answer comes late."""
    real_search = search_page.search

    def slow(vault, text, language, limit=200):
        time.sleep(0.3)
        return real_search(vault, text, language, limit)

    monkeypatch.setattr(search_page, "search", slow)


def test_enter_never_opens_the_results_of_the_words_typed_before(
    qapp, qtbot, controllers, vault_path, monkeypatch
):
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    page = _search(qtbot, window, "bank")
    assert _groups(page) == {"resentments": ["r-bank"]}
    _slow_search(monkeypatch)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.search_box, "boss")  # replaces "bank", selected by Ctrl+F
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    # The bank's results are still shown while the answer for "boss" is on its way.
    assert window.current_page() is Page.SEARCH and _groups(page) == {"resentments": ["r-bank"]}
    qtbot.waitUntil(lambda: window.current_page() is Page.INVENTORY, timeout=5_000)
    qtbot.waitUntil(lambda: _current_resentment(window) is not None, timeout=5_000)
    assert _current_resentment(window) == "r-boss"
    assert page.results.query == "boss"

    # Enter, then more typing before the answer: the wish was for other words, nothing opens.
    window.show_page(Page.TODAY)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.search_box, "ban")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    qtbot.keyClicks(window.search_box, "k")
    _results_for(qtbot, window, "bank", page.answered)
    settle(qtbot, controller)
    qtbot.wait(50)
    assert window.current_page() is Page.SEARCH


def test_a_prefix_finds_a_step_answer_and_a_double_click_opens_its_editor(
    qapp, qtbot, controllers, vault_path
):
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    page = _search(qtbot, window, "grud*")
    assert _groups(page) == {"answer": ["4:s4.q10"]}
    result = page.model.index_of("answer", "4:s4.q10")
    shown = result.data(HTML_ROLE)
    # The title is the question, with its step and the day it was written.
    assert "What makes it hard to be completely honest on paper, and what would help?" in shown
    assert "Step 4" in shown and ">grudges</b>" in shown
    _double_click_on(qtbot, page, "answer", "4:s4.q10")
    assert window.current_page() is Page.STEPS
    detail = window.steps.detail
    assert detail is not None and detail.step == 4
    qtbot.waitUntil(lambda: "s4.q10" in detail.answer_editors, timeout=5_000)
    qtbot.waitUntil(detail.answer_editors["s4.q10"].hasFocus, timeout=3_000)
    editor = detail.answer_editors["s4.q10"]
    assert detail.tabs.currentWidget() is detail.questions_scroll
    assert editor.toPlainText() == GRUDGES
    assert editor.textCursor().position() == GRUDGES.index("grudges")
    assert editor.accessibleName().startswith("What makes it hard")
    # The last question is scrolled into view.
    scroll = detail.questions_scroll

    def whole_in_view():
        top = editor.mapTo(scroll.viewport(), editor.rect().topLeft()).y()
        return 0 <= top and top + editor.height() <= scroll.viewport().height()

    qtbot.waitUntil(whole_in_view, timeout=3_000)
    assert scroll.verticalScrollBar().value() > 0


def test_a_phrase_in_quotes_finds_only_the_words_side_by_side(qapp, qtbot, controllers, vault_path):
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    page = _search(qtbot, window, "calm morning")
    assert _groups(page) == {"gratitude": ["g-sis"], "meetings": ["m-tue"]}
    page = _search(qtbot, window, '"calm morning"')
    assert _groups(page) == {"meetings": ["m-tue"]}
    shown = page.model.index_of("meetings", "m-tue").data(HTML_ROLE)
    assert ">calm</b>" in shown and ">morning</b>" in shown
    # A word left out with "-" takes its results away.
    page = _search(qtbot, window, "calm -share")
    assert _groups(page) == {"gratitude": ["g-sis"]}
    # The meeting opens on its tab, its row selected, its notes cell current.
    page = _search(qtbot, window, '"calm morning"')
    _press_enter_on(qtbot, page, "meetings", "m-tue")
    practice = window.practice
    assert window.current_page() is Page.PRACTICE
    assert practice.tabs.currentIndex() == 1
    table = practice.meetings_table
    qtbot.waitUntil(lambda: table.view.hasFocus() and table.current_record() is not None)
    assert table.current_record().uid == "m-tue"
    assert table.model.columns[table.view.currentIndex().column()].field == "notes"
    # A gratitude line: its tab, which reads its rows again as the page comes into view.
    page = _search(qtbot, window, "evening")
    _press_enter_on(qtbot, page, "gratitude", "g-sis")
    assert practice.tabs.currentIndex() == 3
    table = practice.gratitude_table
    qtbot.waitUntil(lambda: table.view.hasFocus() and table.current_record() is not None)
    assert table.current_record().uid == "g-sis"
    assert table.view.selectionModel().isRowSelected(table.view.currentIndex().row())


def test_russian_word_forms_find_each_other(qapp, qtbot, controllers, vault_path):
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    window.focus_search()
    window.search_box.insert("обиды")
    window._search_typed(window.search_box.text())
    page = _results_for(qtbot, window, "обиды", 0)
    assert _groups(page) == {"harms": ["h-mama"]}
    shown = page.model.index_of("harms", "h-mama").data(HTML_ROLE)
    assert "<b>Мама</b>" in shown and ">обида</b>" in shown
    _press_enter_on(qtbot, page, "harms", "h-mama")
    inventory = window.inventory
    assert inventory.tabs.currentWidget() is inventory.sheets["harms"]
    table = inventory.sheets["harms"].table
    qtbot.waitUntil(lambda: table.form.texts["what_i_did"].hasFocus(), timeout=3_000)
    assert table.current_record().uid == "h-mama"


def test_a_day_note_is_titled_as_one_and_today_s_opens_in_the_editor(
    qapp, qtbot, controllers, vault_path
):
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    page = _search(qtbot, window, "rivers")
    assert _groups(page) == {"note": [TODAY.isoformat()]}
    index = page.model.index_of("note", TODAY.isoformat())
    # Named by its day, which the snippet below does not repeat.
    assert f"<b>{day_heading(TODAY)}</b>" in index.data(HTML_ROLE)
    # The window opens a day's note on the journal page; today's note is also on Today.
    window.show_page(Page.TODAY)
    window.today.show_item(index.data(HIT_ROLE))
    editor = window.today.editor
    qtbot.waitUntil(editor.hasFocus, timeout=3_000)
    assert editor.textCursor().position() == editor.toPlainText().index("river")


def test_a_review_opens_on_its_night_with_the_note_in_hand(qapp, qtbot, controllers, vault_path):
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    page = _search(qtbot, window, "bicycle")
    assert _groups(page) == {"review": [YESTERDAY.isoformat()]}
    shown = page.model.index_of("review", YESTERDAY.isoformat()).data(HTML_ROLE)
    assert f"<b>{day_heading(YESTERDAY)}</b>" in shown and ">bicycle</b>" in shown
    assert page.model.index(0, 0).data() == "Nightly reviews (1)"
    _press_enter_on(qtbot, page, "review", YESTERDAY.isoformat())
    review = window.review
    assert window.current_page() is Page.REVIEW
    qtbot.waitUntil(lambda: review.sheet is not None and review.sheet.day == YESTERDAY)
    note = review.answers["q.better"][1]
    qtbot.waitUntil(note.hasFocus, timeout=3_000)
    assert note.text() == BICYCLE
    assert note.textCursor().position() == BICYCLE.index("bicycle")


def test_step_tools_and_amends_open_where_they_are_written(qapp, qtbot, controllers, vault_path):
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    # A step 1 example: step 1, its tools, the powerlessness list with the row selected.
    page = _search(qtbot, window, "midnight")
    _press_enter_on(qtbot, page, "step1_examples", "e-shop")
    detail = window.steps.detail
    assert detail is not None and detail.step == 1
    table = detail.tools.findChild(RecordTable, "step1_powerlessness")
    qtbot.waitUntil(lambda: table.view.hasFocus() and table.current_record() is not None)
    assert table.current_record().uid == "e-shop"
    assert detail.tabs.currentWidget() is detail.tools
    # A defect: step 6 (steps 6 and 7 share the list).
    page = _search(qtbot, window, "honking")
    _press_enter_on(qtbot, page, "defects", "d-imp")
    detail = window.steps.detail
    qtbot.waitUntil(lambda: detail.step == 6 and detail.tools.table.view.hasFocus())
    assert detail.tools.table.current_record().uid == "d-imp"
    # An amend's plan is on the step 9 tab; its harm on the step 8 list.
    page = _search(qtbot, window, "letter")
    _press_enter_on(qtbot, page, "amends", "a-sis")
    inventory = window.inventory
    qtbot.waitUntil(lambda: inventory.tabs.currentWidget() is inventory.step9, timeout=3_000)
    table = inventory.step9.table
    qtbot.waitUntil(lambda: table.form.texts["plan"].hasFocus(), timeout=3_000)
    assert table.current_record().uid == "a-sis"
    page = _search(qtbot, window, "wedding")
    _press_enter_on(qtbot, page, "amends", "a-sis")
    qtbot.waitUntil(lambda: inventory.tabs.currentWidget() is inventory.step8, timeout=3_000)
    table = inventory.step8.table
    qtbot.waitUntil(lambda: table.form.texts["harm"].hasFocus(), timeout=3_000)
    assert table.current_record().uid == "a-sis"


def test_typed_search_syntax_never_fails(qapp, qtbot, controllers, vault_path):
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    marks = ['"', "*", "-", ":", "(", ")", "^", "NEAR", "AND", "OR", "NOT", "-*", '""']
    for typed in [*marks, "boss AND", "NEAR(boss bank)", 'boss"', "boss:", "(boss"]:
        page = _search(qtbot, window, typed)
        settle(qtbot, controller)
        assert not window.banner.isVisible(), (typed, window.banner.text())
        status = page.status.text()
        assert status.startswith("No results for") or " for “" in status, (typed, status)
        if typed in ('boss"', "boss:", "(boss"):
            # The words around the marks are still searched (AND and NEAR are words too).
            assert "resentments" in _groups(page), typed
            # Found by the name: the name's word is the one marked.
            shown = page.model.index_of("resentments", "r-boss").data(HTML_ROLE)
            assert shown.startswith("<b>My <b style=") and ">boss</b></b>" in shown, shown


def test_an_edit_is_found_by_its_new_words_and_no_longer_by_the_old(
    qapp, qtbot, controllers, vault_path
):
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    page = _search(qtbot, window, "shouted")
    _press_enter_on(qtbot, page, "resentments", "r-boss")
    table = window.inventory.sheets["resentments"].table
    editor = table.form.texts["cause"]
    qtbot.waitUntil(editor.hasFocus, timeout=3_000)
    editor.selectAll()
    qtbot.keyClicks(editor, "Took the credit for my project")
    qtbot.waitUntil(lambda: not table.form.pending(), timeout=3_000)  # saved a moment later
    settle(qtbot, controller)
    page = _search(qtbot, window, "shouted")
    assert page.status.text() == "No results for “shouted”."
    assert page.model.rowCount() == 0
    page = _search(qtbot, window, "credit")
    assert _groups(page) == {"resentments": ["r-boss"]}
    # An answer edited on the steps page, the same way.
    page = _search(qtbot, window, "wounds")
    _press_enter_on(qtbot, page, "answer", "4:s4.q10")
    detail = window.steps.detail
    qtbot.waitUntil(lambda: "s4.q10" in detail.answer_editors, timeout=5_000)
    qtbot.waitUntil(detail.answer_editors["s4.q10"].hasFocus, timeout=3_000)
    answer = detail.answer_editors["s4.q10"]
    answer.selectAll()
    qtbot.keyClicks(answer, "Relief, and a little dread")
    qtbot.waitUntil(lambda: detail.save_state.text() == "All saved", timeout=5_000)
    settle(qtbot, controller)
    assert _groups(_search(qtbot, window, "wounds")) == {}
    assert _groups(_search(qtbot, window, "dread")) == {"answer": ["4:s4.q10"]}


def test_an_emptied_box_clears_the_results_and_a_late_answer_stays_away(
    qapp, qtbot, controllers, vault_path, monkeypatch
):
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    page = _search(qtbot, window, "boss")
    assert page.model.rowCount() == 1
    _slow_search(monkeypatch)
    # Type again, and empty the box while that search is on its way: it must not show up.
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.search_box, "bank")
    qtbot.waitUntil(lambda: not page._typing.isActive() and controller.operations.busy)
    qtbot.keyClick(window.search_box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.search_box, Qt.Key.Key_Backspace)
    assert window.search_box.text() == ""
    assert page.model.rowCount() == 0
    settle(qtbot, controller)
    qtbot.wait(20)
    assert page.results is None
    assert page.model.rowCount() == 0
    assert not page.status.isVisible()


def test_searching_is_said_only_when_a_search_is_slow(
    qapp, qtbot, controllers, vault_path, monkeypatch
):
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    page = _search(qtbot, window, "boss")
    seen = []
    page.status.setText = lambda text, real=page.status.setText: (seen.append(text), real(text))
    real_search = search_page.search

    def slow(vault, text, language, limit=200):
        time.sleep(0.7)
        return real_search(vault, text, language, limit)

    monkeypatch.setattr(search_page, "search", slow)
    _search(qtbot, window, "bank")
    assert seen[-2:] == ["Searching…", "1 result for “bank”."]
    monkeypatch.setattr(search_page, "search", real_search)
    seen.clear()
    _search(qtbot, window, "midnight")
    assert "Searching…" not in seen
