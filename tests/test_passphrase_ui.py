"""The window's side of a new passphrase's strength: the words under the field follow zxcvbn's
estimate, a passphrase a guesser would find quickly is asked about once, and the rating never
runs on the GUI thread."""
# ruff: noqa: F811 - the controllers fixture is imported from test_ui and used as an argument

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from recovery_journal.i18n import set_language
from recovery_journal.services.settings import update_settings
from recovery_journal.store import create_vault, open_vault
from recovery_journal.ui.welcome_dialog import CreateVaultDialog
from tests.conftest import PASSPHRASE, TEST_KDF
from tests.test_ui import controllers, settle, start, unlock  # noqa: F401

WEAK = "qwertyuiopasdfgh"  # rated strong by the old guess
STRONG = "lantern orbit pickle meadow"


def _answer(monkeypatch, answer: QMessageBox.StandardButton) -> list[str]:
    """Every question the window asks, answered ``answer``; returns what was asked."""
    asked: list[str] = []

    def question(_parent, _title, text, *_args, **_kwargs):
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def _type(qtbot, field, text: str) -> None:
    """Typed key by key; Cyrillic, which QTest's key clicks cannot type (Qt aborts), inserted
    as an input method would."""
    if text.isascii():
        qtbot.keyClicks(field, text)
    else:
        field.insert(text)


def _type_new(qtbot, dialog: CreateVaultDialog, passphrase: str) -> None:
    for field in (dialog.passphrase, dialog.repeat):
        field.clear()
        _type(qtbot, field, passphrase)


def test_the_create_window_says_why_a_passphrase_is_weak(qapp, qtbot, controllers, vault_path):
    _controller, dialog = start(qapp, controllers, vault_path)
    for typed, because in [
        ("P@ssw0rd2024!", "look-alikes, like @ for a"),
        (WEAK, "Neighbouring keys in a row"),
        ("abcdefghijklmnop", "Runs like abcd or 1234"),
        ("password123password", "most common passwords"),
        ("пароль123", "most common passwords"),
    ]:
        dialog.passphrase.clear()
        _type(qtbot, dialog.passphrase, typed)
        qtbot.waitUntil(lambda because=because: because in dialog.hint.text(), timeout=5_000)
        assert dialog.hint.isVisible()
    three_lines = dialog.hint.height()
    dialog.passphrase.clear()
    qtbot.keyClicks(dialog.passphrase, STRONG)
    qtbot.waitUntil(lambda: dialog.hint.text() == "Strong.", timeout=5_000)
    # One line takes one line's room again (the longer sentence's stayed: a gap in the form).
    assert dialog.hint.height() < three_lines / 2


def test_a_weak_passphrase_is_asked_about_once_and_no_keeps_it_unmade(
    qapp, qtbot, controllers, vault_path, monkeypatch
):
    controller, dialog = start(qapp, controllers, vault_path)
    asked = _answer(monkeypatch, QMessageBox.StandardButton.No)
    _type_new(qtbot, dialog, WEAK)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=5_000)
    assert "Neighbouring keys in a row" in asked[0]
    assert asked[0].endswith("Use it anyway?")
    assert asked[0].count("?") == 1
    settle(qtbot, controller)
    assert not vault_path.exists() and controller.window is None
    assert dialog.isVisible() and not dialog.is_busy
    assert dialog.passphrase.hasFocus() or qapp.focusWidget() is None  # offscreen: no focus
    assert dialog.passphrase.selectedText() == WEAK  # typing replaces it

    # Yes: made with it, and asked no more than that once.
    asked_yes = _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: controller.window is not None, timeout=10_000)
    assert len(asked_yes) == 1
    controller.window.close()
    controller.shutdown()
    open_vault(vault_path, WEAK, kdf_iterations=TEST_KDF).close()


def test_a_strong_passphrase_is_not_asked_about(qapp, qtbot, controllers, vault_path):
    # The test guard fails any message box nobody expected.
    controller, dialog = start(qapp, controllers, vault_path)
    _type_new(qtbot, dialog, STRONG)
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)  # at once, before the pause's rating
    qtbot.waitUntil(lambda: controller.window is not None, timeout=10_000)


def test_the_rating_runs_off_the_gui_thread(qapp, qtbot, controllers, vault_path, monkeypatch):
    from recovery_journal.ui import passphrase_rater

    threads: list[str] = []
    real = passphrase_rater.rate

    def recording(text, names):
        threads.append(threading.current_thread().name)
        return real(text, names)

    monkeypatch.setattr(passphrase_rater, "rate", recording)
    _controller, dialog = start(qapp, controllers, vault_path)
    qtbot.keyClicks(
        dialog.passphrase, "a sixty-four character passphrase, typed one key at a time!!"
    )
    qtbot.waitUntil(lambda: dialog.hint.text() != "", timeout=5_000)
    qtbot.waitUntil(lambda: "Too short" not in dialog.hint.text(), timeout=5_000)
    assert threads and all(name.startswith("passphrase") for name in threads)
    # Rated once the typing paused, not at every key.
    assert len(threads) <= 3


def test_the_change_window_asks_once_before_a_weak_passphrase(
    qapp, qtbot, controllers, vault_path, monkeypatch
):
    vault = create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    update_settings(vault, display_name="Ekaterina Volkonskaya")
    vault.close()
    controller, dialog = start(qapp, controllers, vault_path)
    window = unlock(qtbot, controller, dialog)
    settle(qtbot, controller)

    asked = _answer(monkeypatch, QMessageBox.StandardButton.No)
    change = window.open_change_passphrase()
    qtbot.keyClicks(change.current, PASSPHRASE)
    # The name the journal calls the person by is tried first.
    qtbot.keyClicks(change.new, "ekaterina volkonskaya 7")
    qtbot.waitUntil(lambda: "your name" in change.hint.text(), timeout=5_000)
    change.new.clear()
    qtbot.keyClicks(change.new, "password123password")
    qtbot.keyClicks(change.repeat, "password123password")
    qtbot.waitUntil(lambda: "most common passwords" in change.hint.text(), timeout=5_000)
    qtbot.mouseClick(change.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=5_000)
    assert "most common passwords" in asked[0] and asked[0].endswith("Use it anyway?")
    assert change.isVisible()

    asked_yes = _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(change.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "is changed" in window.banner.text(), timeout=15_000)
    assert len(asked_yes) == 1
    window.close()
    controller.shutdown()
    open_vault(vault_path, "password123password", kdf_iterations=TEST_KDF).close()


def test_the_question_is_russian_in_russian(qapp, qtbot, controllers, vault_path, monkeypatch):
    set_language("ru")
    try:
        _controller, dialog = start(qapp, controllers, vault_path)
        asked = _answer(monkeypatch, QMessageBox.StandardButton.No)
        _type_new(qtbot, dialog, "ghbdtnvbh")
        qtbot.waitUntil(lambda: "паролей" in dialog.hint.text(), timeout=5_000)
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: len(asked) == 1, timeout=5_000)
        assert asked[0].endswith("Всё равно использовать её?")
    finally:
        set_language("en")
