"""Where the keyboard goes, pressed key by key: Tab from the page list into the page and on to
Help now, back from the step 8 list to the next answer, into the step one continues."""
# ruff: noqa: F811 - the controllers fixture is imported from test_ui and used as an argument

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QPushButton, QWidget

from recovery_journal.domain.ports import Vault
from recovery_journal.services.steps import save_answer
from recovery_journal.store import create_vault
from recovery_journal.ui.pages import Page
from tests.conftest import PASSPHRASE, TEST_KDF
from tests.test_ui import controllers, settle, start, unlock  # noqa: F401 - fixtures and helpers


def _window(
    qapp, qtbot, controllers, vault_path: Path, fill: Callable[[Vault], object] | None = None
):
    vault = create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    if fill is not None:
        fill(vault)
    vault.close()
    controller, dialog = start(qapp, controllers, vault_path)
    window = unlock(qtbot, controller, dialog)
    window.show()
    window.activateWindow()
    return controller, window


def _settle(qtbot, controller) -> None:
    """The vault's answers shown: widgets added to a shown page are shown a moment later."""
    settle(qtbot, controller)
    qtbot.wait(20)


def _tab(qtbot, backwards: bool = False) -> QWidget:
    """Press Tab (Shift+Tab) where the keyboard is; where it goes."""
    here = QApplication.focusWidget()
    assert here is not None
    if backwards:
        qtbot.keyClick(here, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    else:
        qtbot.keyClick(here, Qt.Key.Key_Tab)
    there = QApplication.focusWidget()
    assert there is not None
    return there


def test_tab_from_the_page_list_goes_into_the_page_and_help_now_comes_after_it(
    qapp, qtbot, controllers, vault_path
):
    controller, window = _window(qapp, qtbot, controllers, vault_path)
    window.show_page(Page.TODAY)
    _settle(qtbot, controller)
    window.navigation.setFocus()
    assert _tab(qtbot) is window.today.findChild(QPushButton, "write_review")
    # Shift+Tab from the list reaches the search box (Ctrl+F does too, from anywhere).
    window.navigation.setFocus()
    assert _tab(qtbot, backwards=True) is window.search_box

    # A page whose form is built when its answers arrive, after the page itself.
    window.show_page(Page.REVIEW)
    page = window.review
    qtbot.waitUntil(lambda: bool(page.ratings), timeout=10_000)
    _settle(qtbot, controller)
    window.navigation.setFocus()
    assert page.isAncestorOf(_tab(qtbot))
    last = list(page.ratings.values())[-1]
    last.setFocus()
    assert _tab(qtbot) is window.help_now_button
    assert _tab(qtbot) is window.search_box
    assert _tab(qtbot) is window.navigation
    assert _tab(qtbot, backwards=True) is window.search_box
    assert _tab(qtbot, backwards=True) is window.help_now_button
    assert _tab(qtbot, backwards=True) is last


def test_after_the_step_8_list_tab_goes_to_the_next_answer(
    qapp, qtbot, controllers, vault_path, monkeypatch
):
    controller, window = _window(qapp, qtbot, controllers, vault_path)
    window.open_review()
    page = window.review
    qtbot.waitUntil(lambda: "q.apology" in page.answers, timeout=10_000)
    _settle(qtbot, controller)
    yes_no, note = page.answers["q.apology"]
    yes_no.setFocus()
    qtbot.keyClick(yes_no, Qt.Key.Key_Y)
    assert _tab(qtbot) is note
    qtbot.keyClicks(note, "snapped at my sister")
    button = page.apology_button
    assert _tab(qtbot) is button
    # The dialog gives the keyboard back to the button when it closes, as here.
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("My sister", True))
    qtbot.keyClick(button, Qt.Key.Key_Space)
    settle(qtbot, controller)
    qtbot.waitUntil(lambda: not button.isEnabled())
    # The button is done with; the keyboard is back on the note the list was asked from,
    # and Tab goes on to the next question.
    assert QApplication.focusWidget() is note
    assert _tab(qtbot) is page.answers["q.kept_secret"][0]


def _two_answers(vault: Vault) -> None:
    save_answer(vault, 4, "s4.q01", "Written first.", datetime(2026, 3, 1, 21, tzinfo=UTC))
    save_answer(vault, 4, "s4.q03", "Where I stopped", datetime(2026, 3, 2, 21, tzinfo=UTC))


def test_continue_where_i_left_off_puts_the_cursor_in_that_answer(
    qapp, qtbot, controllers, vault_path
):
    controller, window = _window(qapp, qtbot, controllers, vault_path, _two_answers)
    window.show_page(Page.STEPS)
    steps = window.steps
    button = steps.overview.continue_button
    qtbot.waitUntil(lambda: button.text().endswith("step 4"), timeout=10_000)
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    detail = steps.detail
    assert detail is not None and detail.step == 4
    qtbot.waitUntil(lambda: QApplication.focusWidget() is detail.answer_editors.get("s4.q03"))
    editor = detail.answer_editors["s4.q03"]
    qtbot.keyClicks(editor, ", and went on.")  # the cursor is at the end of what was written
    assert editor.toPlainText() == "Where I stopped, and went on."


def test_a_step_opened_from_its_card_takes_the_keyboard_and_gives_it_back(
    qapp, qtbot, controllers, vault_path
):
    controller, window = _window(qapp, qtbot, controllers, vault_path)
    window.show_page(Page.STEPS)
    steps = window.steps
    qtbot.waitUntil(lambda: 5 in steps.overview.cards, timeout=10_000)
    open_button = steps.overview.cards[5].open_button
    open_button.setFocus()
    qtbot.keyClick(open_button, Qt.Key.Key_Space)
    detail = steps.detail
    assert detail is not None and detail.step == 5
    qtbot.waitUntil(lambda: QApplication.focusWidget() is detail.back_button, timeout=10_000)
    qtbot.keyClicks(detail.answer_editors["s5.q01"], "A few words.")  # the cards are made anew
    qtbot.keyClick(detail.back_button, Qt.Key.Key_Space)
    _settle(qtbot, controller)
    assert QApplication.focusWidget() is steps.overview.cards[5].open_button


def test_enter_on_a_button_in_a_page_presses_it(qapp, qtbot, controllers, vault_path):
    """Outside dialogs Qt's buttons take only Space; Enter did nothing on them."""
    from tests.test_safety_ui import _open

    controller, window = _open(qapp, qtbot, controllers, vault_path)
    window.activateWindow()
    button = window.today.findChild(QPushButton, "write_review")
    button.setFocus()
    qtbot.waitUntil(button.hasFocus, timeout=2_000)
    qtbot.keyClick(button, Qt.Key.Key_Return)
    assert window.current_page() is Page.REVIEW
