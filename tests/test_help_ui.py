"""Help as a person meets it: the guide on a new vault, help now from anywhere, the shortcuts."""
# ruff: noqa: F811 - the controllers fixture is imported from test_ui and used as an argument

from __future__ import annotations

import html
import re

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication

from recovery_journal.domain.help_now import Contact
from recovery_journal.i18n import _
from recovery_journal.services.help_now import load_help_now
from recovery_journal.store import open_vault
from recovery_journal.ui.help_dialogs import GUIDE, SHORTCUTS, GuideDialog
from recovery_journal.ui.help_now import HelpNowDialog
from recovery_journal.ui.i18n_qt import apply_language
from recovery_journal.ui.pages import Page
from tests.conftest import PASSPHRASE, TEST_KDF
from tests.test_ui import controllers, settle, start, unlock  # noqa: F401


def _create(qapp, qtbot, controllers, vault_path):
    controller, dialog = start(qapp, controllers, vault_path)
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    qtbot.keyClicks(dialog.repeat, PASSPHRASE)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: controller.window is not None, timeout=10_000)
    settle(qtbot, controller)
    return controller, controller.window


def _unlock(qapp, qtbot, controllers, vault_path):
    controller, dialog = start(qapp, controllers, vault_path)
    return controller, unlock(qtbot, controller, dialog)


def test_a_new_vault_opens_the_guide_which_walks_through_and_comes_back_from_help(
    qapp, qtbot, controllers, vault_path
):
    controller, window = _create(qapp, qtbot, controllers, vault_path)
    guide = controller.guide
    assert isinstance(guide, GuideDialog) and guide.isVisible()
    assert guide.position.text() == f"1 of {len(GUIDE) + 1}"
    assert not guide.back_button.isEnabled()
    seen = []
    for _page in range(len(GUIDE) + 1):
        seen.append(
            guide.pages.currentWidget().findChild(type(guide.position), "guide_text").text()
        )
        qtbot.mouseClick(guide.next_button, Qt.MouseButton.LeftButton)
    assert not guide.isVisible()  # "Start writing" on the last page closes it
    assert len(set(seen)) == len(GUIDE) + 1 and all(seen)
    assert "passphrase" in seen[1]
    assert "Sober time and meetings" in seen[2]  # a new journal is AA's until Settings says

    again = window.open_guide()
    qtbot.mouseClick(again.skip_button, Qt.MouseButton.LeftButton)
    assert not again.isVisible()
    menu_texts = [a.text() for a in window.findChildren(QAction)]
    assert "&Getting started…" in menu_texts
    window.close()
    controller.shutdown()

    # Unlocking an existing vault later shows no guide.
    controller, _window = _unlock(qapp, qtbot, controllers, vault_path)
    assert controller.guide is None


def test_help_now_from_any_page_keeps_the_contacts_in_the_vault(
    qapp, qtbot, controllers, vault_path
):
    controller, window = _create(qapp, qtbot, controllers, vault_path)
    controller.guide.close()
    window.show_page(Page.INVENTORY)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWindow() is not None, timeout=2_000)
    qtbot.keyClick(
        window,
        Qt.Key.Key_H,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = window._help_now
    assert isinstance(dialog, HelpNowDialog)
    qtbot.waitUntil(lambda: dialog.help_now is not None, timeout=5_000)
    # Nothing entered yet: what to do right now, then the invitation to add contacts.
    assert dialog.stack.currentIndex() == 0
    assert "emergency number" in dialog.now_text.text()
    assert dialog.invitation.isVisible() and not dialog.contacts_box.isVisible()
    qtbot.mouseClick(dialog.edit_button, Qt.MouseButton.LeftButton)
    assert dialog.stack.currentIndex() == 1 and dialog.sponsor_name.hasFocus()
    qtbot.keyClicks(dialog.sponsor_name, "Anna")
    qtbot.keyClicks(dialog.sponsor_reach, "+7 900 000-00-00")
    dialog.people.add_row()
    dialog.people.item(0, 0).setText("Mike from the Tuesday group")
    dialog.people.item(0, 1).setText("555-0100")
    dialog.helplines.add_row()  # left empty: not kept
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == 0, timeout=5_000)
    shown = dialog.view_text.text()
    assert "Anna — +7 900 000-00-00" in shown and "Mike from the Tuesday group — 555-0100" in shown
    assert dialog.copy_button.isVisible()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == "+7 900 000-00-00"
    # Asked for again (the side button), the same dialog comes to the front.
    qtbot.mouseClick(window.help_now_button, Qt.MouseButton.LeftButton)
    assert window._help_now is dialog
    dialog.close()
    window.close()
    controller.shutdown()
    vault = open_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    try:
        kept = load_help_now(vault)
    finally:
        vault.close()
    assert kept.sponsor == Contact("Anna", "+7 900 000-00-00")
    assert kept.people == (Contact("Mike from the Tuesday group", "555-0100"),)
    assert kept.helplines == ()


def _items(dialog: HelpNowDialog) -> list[str]:
    """The lines of what to do right now, as read."""
    return [html.unescape(item) for item in re.findall(r"<li>(.*?)</li>", dialog.now_text.text())]


def _shown_in_order(dialog: HelpNowDialog) -> list[str]:
    """The parts of the dialog's view a person sees, top to bottom."""
    parts = {
        "contacts": dialog.contacts_box,
        "right now": dialog.now_box,
        "invitation": dialog.invitation,
    }
    shown = [(part.mapTo(dialog, QPoint(0, 0)).y(), name) for name, part in parts.items()]
    return [name for _y, name in sorted(shown) if parts[name].isVisible()]


@pytest.mark.parametrize(
    ("language", "territory", "said"),
    [
        ("en", "US", "call the emergency number now: 911 in the United States and Canada."),
        ("en", "GB", "999 or 112 in the United Kingdom."),
        ("en", "JP", "call your local emergency number now."),
        ("ru", "RU", "звоните в экстренную службу: 112 в России."),
        ("ru", "DE", "112 по всей Европе."),
        ("ru", "", "звоните по местному номеру экстренной помощи."),
    ],
)
def test_help_now_helps_before_any_contact_is_entered_and_puts_the_contacts_first_after(
    qapp, qtbot, controllers, vault_path, language, territory, said
):
    apply_language(qapp, language)  # the controllers fixture puts English back
    controller, window = _create(qapp, qtbot, controllers, vault_path)
    controller.guide.close()
    dialog = HelpNowDialog(controller.operations, window, territory=territory)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.help_now is not None, timeout=5_000)
    qtbot.wait(20)
    # Empty: first what to do right now (the emergency number, a call, a meeting), then the
    # invitation to add contacts, and the keyboard on the first.
    assert dialog.stack.currentIndex() == 0
    assert _shown_in_order(dialog) == ["right now", "invitation"]
    steps = _items(dialog)
    assert len(steps) == 3 and steps[0].endswith(said), steps
    assert dialog.now_text.hasFocus()
    assert dialog.edit_button.text() == _("&Add your contacts")

    qtbot.mouseClick(dialog.edit_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.sponsor_name, "Anna")
    qtbot.keyClicks(dialog.sponsor_reach, "+7 900 000-00-00")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == 0, timeout=5_000)
    qtbot.wait(20)
    # Filled in: the contacts first, what to do right now after them; no invitation.
    assert _shown_in_order(dialog) == ["contacts", "right now"]
    assert "Anna — +7 900 000-00-00" in dialog.view_text.text()
    assert _items(dialog)[0].endswith(said)
    assert dialog.view_text.hasFocus()
    assert dialog.edit_button.text() == _("&Edit the contacts")
    dialog.close()


def test_every_shortcut_in_the_menus_is_in_the_shortcuts_list(qapp, qtbot, controllers, vault_path):
    controller, window = _create(qapp, qtbot, controllers, vault_path)
    controller.guide.close()
    listed = {
        QKeySequence(part.strip()).toString()
        for keys, _meaning in SHORTCUTS
        for part in keys.split(",")
    }
    listed |= {f"Ctrl+{n}" for n in range(1, 10)}  # "Ctrl+1 … Ctrl+9"
    missing = {
        action.shortcut().toString()
        for action in window.findChildren(QAction)
        if not action.shortcut().isEmpty() and action.shortcut().toString() not in listed
    }
    assert missing == set()
    dialog = window.open_shortcuts()
    assert dialog.table.rowCount() == len(SHORTCUTS)
    assert dialog.table.item(0, 1).text().startswith("Help now")
    dialog.close()


@pytest.mark.parametrize("leave", ["escape", "lock"])
def test_contacts_being_edited_are_kept_when_help_now_closes_or_the_journal_locks(
    qapp, qtbot, controllers, vault_path, leave
):
    """Close, Escape, a lock: the contacts typed are saved, as every other word in the app is
    (they were dropped without a word)."""
    controller, window = _create(qapp, qtbot, controllers, vault_path)
    controller.guide.close()
    dialog = window.open_help_now()
    qtbot.waitUntil(lambda: dialog.help_now is not None, timeout=5_000)
    qtbot.mouseClick(dialog.edit_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.sponsor_name, "Dave (call first)")
    if leave == "escape":
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    else:
        controller.lock()
    qtbot.waitUntil(lambda: not controller.operations.busy, timeout=5_000)
    if controller.window is not None:
        controller.window.close()
    controller.shutdown()
    vault = open_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    try:
        assert load_help_now(vault).sponsor.name == "Dave (call first)"
    finally:
        vault.close()
