"""The app driven as a person would: type, click, wait for the worker, look at what is shown."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtWidgets import QApplication

import recovery_journal.store.vault_file as vault_file
from recovery_journal.services.demo import fill_demo
from recovery_journal.store import create_vault, open_vault
from recovery_journal.ui.app import AppController
from recovery_journal.ui.i18n_qt import apply_language
from recovery_journal.ui.pages import Page
from recovery_journal.ui.ui_state import LANGUAGE, ui_settings
from recovery_journal.ui.vault_dialogs import UnlockDialog
from recovery_journal.ui.welcome_dialog import CreateVaultDialog
from tests.conftest import (
    PASSPHRASE,
    TEST_KDF,
    persons_today,
    without_evening_reminder,
)

REAL_KDF = vault_file.KDF_ITERATIONS


@pytest.fixture
def controllers(qapp) -> Iterator[list[AppController]]:
    made: list[AppController] = []
    yield made
    for controller in made:
        if controller.window is not None:
            controller.window.close()
        if controller.dialog is not None and shiboken6.isValid(controller.dialog):
            controller.dialog.close()
        controller.shutdown()
    apply_language(qapp, "en")
    vault_file.KDF_ITERATIONS = REAL_KDF


def start(qapp, controllers, path: Path, kdf: int | None = TEST_KDF):
    """The app over ``path``; its keys derived with ``kdf`` iterations (None: the real number).
    The app always uses the store's own number; tests lower it to keep the suite quick, and
    ``controllers`` puts it back."""
    vault_file.KDF_ITERATIONS = REAL_KDF if kdf is None else kdf
    controller = AppController(qapp, path)
    controllers.append(controller)
    return controller, controller.start()


def unlock(qtbot, controller, dialog, passphrase=PASSPHRASE):
    qtbot.keyClicks(dialog.passphrase, passphrase)
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: controller.window is not None, timeout=10_000)
    settle(qtbot, controller)
    return controller.window


def settle(qtbot, controller):
    qtbot.waitUntil(lambda: not controller.operations.busy, timeout=10_000)


def shown_window(qapp, qtbot, controllers, path: Path):
    """The app over ``path``, unlocked, its window shown and its first work done."""
    controller, dialog = start(qapp, controllers, path)
    window = unlock(qtbot, controller, dialog)
    window.show()
    settle(qtbot, controller)
    return controller, window


@pytest.fixture
def demo_vault(vault_path) -> Path:
    vault = create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    fill_demo(vault, 30, "en", end=persons_today())
    vault.close()
    return vault_path


def test_first_run_creates_a_vault_with_the_passphrase_typed_twice(
    qapp, qtbot, controllers, vault_path
):
    controller, dialog = start(qapp, controllers, vault_path)
    assert isinstance(dialog, CreateVaultDialog)
    assert "cannot" in dialog.findChild(type(dialog.hint), "warning").text() or "nobody" in (
        dialog.findChild(type(dialog.hint), "warning").text()
    )
    qtbot.keyClicks(dialog.passphrase, "short")
    assert "Too short" in dialog.hint.text()
    assert not dialog.create_button.isEnabled()
    dialog.passphrase.clear()
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    qtbot.keyClicks(dialog.repeat, PASSPHRASE[:-1])
    assert not dialog.create_button.isEnabled()
    assert "not the same" in dialog.status.text()
    qtbot.keyClicks(dialog.repeat, PASSPHRASE[-1])
    assert dialog.create_button.isEnabled()
    # Rated off the GUI thread once the typing pauses (ui/passphrase_rater.py).
    qtbot.waitUntil(
        lambda: (
            dialog.hint.text() in ("Fair: one or two more words would make it strong.", "Strong.")
        ),
        timeout=5_000,
    )
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: controller.window is not None, timeout=10_000)
    assert vault_path.exists()
    assert dialog.passphrase.text() == "" and dialog.repeat.text() == ""
    controller.window.close()
    controller.shutdown()  # the app holds the vault exclusively while it runs
    open_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF).close()


def test_wrong_passphrase_shows_a_sentence_and_lets_the_person_try_again(
    qapp, qtbot, controllers, demo_vault
):
    controller, dialog = start(qapp, controllers, demo_vault)
    assert isinstance(dialog, UnlockDialog)
    qtbot.keyClicks(dialog.passphrase, "not my passphrase")
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.status.isVisible() and not dialog.is_busy, timeout=10_000)
    assert "does not open this vault" in dialog.status.text()
    assert controller.window is None and dialog.isVisible()
    assert dialog.passphrase.isEnabled()
    dialog.passphrase.clear()
    window = unlock(qtbot, controller, dialog)
    assert window.current_page() is Page.TODAY


def test_after_a_wrong_passphrase_enter_still_means_unlock(qapp, qtbot, controllers, demo_vault):
    """Enter goes to whatever has the focus, as on a real keyboard; after one wrong attempt the
    right passphrase and Enter must open the journal (they did nothing: the default was lost)."""
    controller, dialog = start(qapp, controllers, demo_vault)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.passphrase.hasFocus(), timeout=5_000)
    qtbot.keyClicks(qapp.focusWidget(), "not my passphrase")
    qtbot.keyClick(qapp.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.status.isVisible() and not dialog.is_busy, timeout=10_000)
    assert dialog.unlock_button.isDefault()
    assert qapp.focusWidget() is dialog.passphrase
    qtbot.keyClicks(qapp.focusWidget(), PASSPHRASE)  # replaces the selected wrong one
    qtbot.keyClick(qapp.focusWidget(), Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    qtbot.waitUntil(lambda: controller.window is not None, timeout=10_000)


def test_a_passphrase_typed_and_entered_during_the_check_is_tried_next(
    qapp, qtbot, controllers, demo_vault
):
    controller, dialog = start(qapp, controllers, demo_vault)
    qtbot.keyClicks(dialog.passphrase, "not my passphrase")
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert dialog.is_busy
    # While the first is checked: select all, type the right one, Enter.
    dialog.passphrase.selectAll()
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: controller.window is not None, timeout=10_000)


def test_only_the_page_shown_is_built_at_unlock_and_the_others_when_first_needed(
    qapp, qtbot, controllers, demo_vault
):
    controller, dialog = start(qapp, controllers, demo_vault)
    window = unlock(qtbot, controller, dialog)
    assert set(window._built) == {Page.TODAY}
    assert window.stack.count() == len(Page)
    window.navigation.setCurrentRow(list(Page).index(Page.INVENTORY))  # a click in the list
    assert window.current_page() is Page.INVENTORY
    assert window.stack.currentWidget().isAncestorOf(window.inventory)
    assert set(window._built) == {Page.TODAY, Page.INVENTORY}
    window.review.show_day(persons_today())  # asked for by name: built, not shown
    assert window.current_page() is Page.INVENTORY
    qtbot.waitUntil(lambda: window.review.sheet is not None, timeout=10_000)
    settle(qtbot, controller)
    assert window.save_pending()  # the pages never built have nothing to save


def test_unlock_does_not_block_the_ui_thread(qapp, qtbot, controllers, tmp_path):
    # A deliberately slow key derivation (about half a second here): if it ran on the UI thread
    # the timer below would see one long gap; on the worker it keeps ticking.
    slow = 1_000_000
    path = tmp_path / "slow.rjvault"
    create_vault(path, PASSPHRASE, kdf_iterations=slow).close()
    controller, dialog = start(qapp, controllers, path, kdf=slow)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    started = time.perf_counter()
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    returned = time.perf_counter()
    assert dialog.is_busy and dialog.busy_bar.isVisible()
    assert not dialog.unlock_button.isEnabled()
    assert dialog.passphrase.isEnabled()  # typing on while it is checked is kept
    qtbot.waitUntil(lambda: controller.window is not None, timeout=20_000)
    finished = time.perf_counter()
    timer.stop()
    assert finished - started > 0.2, "the derivation should take long enough to measure"
    assert returned - started < 0.1, "the key press itself must return at once"
    during = [t for t in ticks if started <= t <= finished]
    gaps = [b - a for a, b in zip([started, *during], [*during, finished], strict=True)]
    assert max(gaps) < (finished - started) / 2, (len(during), max(gaps))


def test_today_note_autosaves_and_is_there_after_reopening(qapp, qtbot, controllers, demo_vault):
    controller, dialog = start(qapp, controllers, demo_vault)
    window = unlock(qtbot, controller, dialog)
    page = window.today
    assert "Alex" in page.greeting.text()
    assert page.recent.count() > 0
    page.editor.clear()
    settle(qtbot, controller)
    qtbot.keyClicks(page.editor, "Called my sponsor. Grateful for the walk home.")
    assert page.save_state.text() == "Not saved yet…"
    qtbot.waitUntil(lambda: page.save_state.text().startswith("Saved at"), timeout=5_000)
    # Keep typing, then quit before the autosave timer fires: the edit is saved on close.
    qtbot.keyClicks(page.editor, " Early night.")
    assert page.has_unsaved_text()
    window.close()
    assert controller.window is None
    controller.shutdown()
    vault = open_vault(demo_vault, PASSPHRASE, kdf_iterations=TEST_KDF)
    try:
        assert vault.notes.get(persons_today()).text == (
            "Called my sponsor. Grateful for the walk home. Early night."
        )
    finally:
        vault.close()
    again, dialog = start(qapp, controllers, demo_vault)
    window = unlock(qtbot, again, dialog)
    assert window.today.editor.toPlainText().endswith("Early night.")


def test_emptying_the_note_removes_it(qapp, qtbot, controllers, vault_path):
    create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF).close()
    controller, dialog = start(qapp, controllers, vault_path)
    window = unlock(qtbot, controller, dialog)
    page = window.today
    assert "Nothing yet" in page.recent.item(0).text()
    qtbot.keyClicks(page.editor, "x")
    page.save_now()
    settle(qtbot, controller)
    assert "1 day." in page.summary.text()
    page.editor.selectAll()
    qtbot.keyClick(page.editor, Qt.Key.Key_Delete)
    page.save_now()
    settle(qtbot, controller)
    assert page.summary.isHidden()  # no "You have written on 0 days"


def test_display_name_lives_in_the_vault_not_in_qsettings(qapp, qtbot, controllers, demo_vault):
    controller, dialog = start(qapp, controllers, demo_vault)
    window = unlock(qtbot, controller, dialog)
    window.show_page(Page.SETTINGS)
    settle(qtbot, controller)  # the settings shown, as a person sees them before typing
    field = window.settings.display_name
    field.clear()
    qtbot.keyClicks(field, "Marusya")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    settle(qtbot, controller)
    qtbot.waitUntil(lambda: "Marusya" in window.today.greeting.text(), timeout=5_000)
    window.remember_state()
    ui_settings().sync()
    ini = Path(ui_settings().fileName())
    assert ini.exists() and "Marusya" not in ini.read_text("utf-8")
    vault_bytes = demo_vault.read_bytes() + Path(f"{demo_vault}-wal").read_bytes()
    assert b"Marusya" not in vault_bytes


def test_switching_to_russian_rebuilds_the_window_in_place(qapp, qtbot, controllers, demo_vault):
    controller, dialog = start(qapp, controllers, demo_vault)
    window = unlock(qtbot, controller, dialog)
    window.show_page(Page.SETTINGS)
    combo = window.settings.language
    combo.setCurrentIndex(combo.findData("ru"))
    combo.activated.emit(combo.currentIndex())
    qtbot.waitUntil(lambda: controller.window is not window, timeout=5_000)
    settle(qtbot, controller)
    russian = controller.window
    assert russian.navigation.item(0).text() == "Сегодня"
    assert russian.current_page() is Page.SETTINGS
    assert ui_settings().value(LANGUAGE) == "ru"
    # Today is built on first use and loads then.
    qtbot.waitUntil(lambda: "Добр" in russian.today.greeting.text(), timeout=5_000)
    assert russian.menuBar().actions()[0].text() == "&Дневник"


def test_window_size_and_page_are_remembered(qapp, qtbot, controllers, demo_vault):
    controller, dialog = start(qapp, controllers, demo_vault)
    window = unlock(qtbot, controller, dialog)
    window.resize(QSize(701, 523))
    window.show_page(Page.SETTINGS)
    qapp.processEvents()
    window.close()
    controller.shutdown()
    again, dialog = start(qapp, controllers, demo_vault)
    window = unlock(qtbot, again, dialog)
    assert window.size() == QSize(701, 523)
    assert window.current_page() is Page.SETTINGS


def test_cancel_on_unlock_quits_without_touching_the_vault(qapp, qtbot, controllers, demo_vault):
    before = demo_vault.read_bytes()
    controller, dialog = start(qapp, controllers, demo_vault)
    with qtbot.waitSignal(dialog.rejected, timeout=2_000):
        dialog.reject()
    assert controller.window is None
    assert demo_vault.read_bytes() == before


def test_keyboard_alone_reaches_every_page(qapp, qtbot, controllers, demo_vault):
    controller, dialog = start(qapp, controllers, demo_vault)
    window = unlock(qtbot, controller, dialog)
    window.activateWindow()
    for number, page in enumerate(Page, start=1):
        if page in (Page.SEARCH, Page.ABOUT):
            continue
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier)
        assert window.current_page() is page
    # Nine pages have Ctrl+1 to Ctrl+9; About, the tenth, is in the Help menu (Alt+H, A).
    assert list(Page).index(Page.ABOUT) == 9
    about = next(a for a in window.menuBar().actions() if a.text() == "&Help").menu().actions()[-1]
    about.trigger()
    assert window.current_page() is Page.ABOUT
    # Search: Ctrl+F puts the keyboard in the search box, and typing shows the results page.
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_box.hasFocus()
    qtbot.keyClicks(window.search_box, "calm")
    assert window.current_page() is Page.SEARCH
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)  # on into the results
    assert window.search.view.hasFocus()
    assert QApplication.instance() is qapp


def test_damage_found_after_unlock_is_shown_in_a_banner(qapp, qtbot, controllers, demo_vault):
    from recovery_journal.store.vault_file import PAGE_SIZE

    pages = demo_vault.stat().st_size // PAGE_SIZE
    with demo_vault.open("r+b") as handle:
        handle.seek((pages - 1) * PAGE_SIZE + 2000)
        byte = handle.read(1)[0]
        handle.seek((pages - 1) * PAGE_SIZE + 2000)
        handle.write(bytes([byte ^ 0xFF]))
    controller, dialog = start(qapp, controllers, demo_vault)
    window = unlock(qtbot, controller, dialog)
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=5_000)
    assert "damaged" in window.banner.text()


def test_a_sound_vault_shows_no_banner(qapp, qtbot, controllers, demo_vault):
    without_evening_reminder(demo_vault)
    controller, dialog = start(qapp, controllers, demo_vault)
    window = unlock(qtbot, controller, dialog)
    settle(qtbot, controller)
    assert not window.banner.isVisible()


def test_switching_language_keeps_words_typed_a_moment_before(qapp, qtbot, controllers, demo_vault):
    controller, dialog = start(qapp, controllers, demo_vault)
    window = unlock(qtbot, controller, dialog)
    page = window.today
    page.editor.clear()
    page.save_now()
    settle(qtbot, controller)
    qtbot.keyClicks(page.editor, "Typed just before switching")
    assert page.has_unsaved_text()
    window.show_page(Page.SETTINGS)
    combo = window.settings.language
    combo.setCurrentIndex(combo.findData("ru"))
    combo.activated.emit(combo.currentIndex())
    qtbot.waitUntil(lambda: controller.window is not window, timeout=5_000)
    russian = controller.window
    qtbot.waitUntil(lambda: not russian.today.editor.isReadOnly(), timeout=5_000)
    assert russian.today.editor.toPlainText() == "Typed just before switching"


def test_the_editor_waits_for_the_saved_note_before_taking_keys(
    qapp, qtbot, controllers, demo_vault
):
    controller, dialog = start(qapp, controllers, demo_vault)
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: controller.window is not None, timeout=10_000)
    page = controller.window.today
    if page.editor.isReadOnly():  # the saved note has not arrived yet
        qtbot.keyClicks(page.editor, "lost?")
        assert "lost?" not in page.editor.toPlainText()
    settle(qtbot, controller)
    assert not page.editor.isReadOnly()


def test_todays_focus_from_steps_6_and_7_shows_on_today(qapp, qtbot, controllers, vault_path):
    from recovery_journal.domain.step_tools import Defect

    vault = create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    vault.records.save(Defect("d1", "Impatience", "Patience"))
    vault.records.set_focus(persons_today(), "d1")
    vault.close()
    controller, dialog = start(qapp, controllers, vault_path)
    window = unlock(qtbot, controller, dialog)
    assert window.today.focus.isVisible()
    assert window.today.focus.text() == "Today's focus: patience (instead of impatience)."


def test_a_whole_session_opens_no_network_connection(
    qapp, qtbot, controllers, vault_path, monkeypatch
):
    import socket

    attempts: list[object] = []

    def refuse(self, address, *args):  # noqa: ANN001 - the socket API's own signature
        attempts.append(address)
        raise OSError("network use is not allowed in Recovery Journal")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: refuse(None, a))
    controller, dialog = start(qapp, controllers, vault_path)
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    qtbot.keyClicks(dialog.repeat, PASSPHRASE)
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: controller.window is not None, timeout=10_000)
    window = controller.window
    qtbot.keyClicks(window.today.editor, "A quiet day.")
    for page in Page:
        window.show_page(page)
        settle(qtbot, controller)
    window.steps.open_step(4)
    settle(qtbot, controller)
    window.close()
    assert attempts == []
