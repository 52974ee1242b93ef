"""No two keyboard accelerators (the letter after "&") collide, in English and Russian.

Alt and a letter goes to one control only when that letter is underlined once: two underlined
the same and Alt only moves between them, and a menu item's letter then only highlights. Two
things share a letter only where they are in sight together:

- the items of one menu (the menu bar's titles are one list; each menu, and a submenu, another);
- the controls of one window as it is shown: the window's own controls, the menu bar's titles and
  the page or dialog in view, with the tab in view (its contents and the tab bar together with
  the page around them). Buttons, labels with a buddy, check boxes, tabs and group boxes.

The window is walked as test_accessibility walks it (every page, each tab, a few open steps,
the dialogs the window opens), with the states it does not visit added here: the unlock and
create windows, Help now while the contacts are edited, the guide's last page, the report with
its password fields, a restore.
"""
# ruff: noqa: F811 - the controllers fixture is imported from test_ui and used as an argument

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QGroupBox,
    QLabel,
    QMenu,
    QMenuBar,
    QTabBar,
    QWidget,
)

from recovery_journal.domain.backups import BackupReason, RestorePoint
from recovery_journal.domain.steps import Programme
from recovery_journal.services.changes import Changes
from recovery_journal.services.settings import load_settings, save_settings
from recovery_journal.ui.help_dialogs import GuideDialog
from recovery_journal.ui.help_now import HelpNowDialog
from recovery_journal.ui.i18n_qt import apply_language
from recovery_journal.ui.pages import Page
from recovery_journal.ui.pages.practice import SlipDialog
from recovery_journal.ui.pages.review import QuestionsDialog
from recovery_journal.ui.report_dialog import ReportDialog
from recovery_journal.ui.safety_dialogs import BackupsDialog, RestoreDialog
from tests.conftest import persons_today
from tests.test_accessibility import WINDOW, _vault, _views, _wait, _walk
from tests.test_ui import controllers, settle, start, unlock  # noqa: F401 - fixtures and helpers


def accelerator(text: str) -> str | None:
    """The letter Alt goes with, as Qt reads it (QKeySequence::mnemonic): the first "&" that is
    not "&&", upper case."""
    at = 0
    while (at := text.find("&", at)) != -1 and at + 1 < len(text):
        if text[at + 1] != "&":
            return text[at + 1].upper()
        at += 2
    return None


def _collisions(where: str, named: list[tuple[str, str]]) -> list[str]:
    """Each letter that more than one thing here underlines, with those things."""
    by_letter: dict[str, list[str]] = {}
    for text, what in named:
        letter = accelerator(text)
        if letter is not None:
            by_letter.setdefault(letter, []).append(f"{what} {text!r}")
    return [
        f"{where}: {letter} in {', '.join(sorted(things))}"
        for letter, things in sorted(by_letter.items())
        if len(things) > 1
    ]


def _ident(widget: QWidget) -> str:
    name = widget.objectName()
    return f"{type(widget).__name__}#{name}" if name else type(widget).__name__


def in_window(window: QWidget, where: str) -> list[str]:
    """The collisions among the controls shown in the window now (its menus are apart)."""
    named: list[tuple[str, str]] = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not window:
            continue  # hidden, on another tab or page, or in a window of its own
        if isinstance(widget, QAbstractButton):
            named.append((widget.text(), _ident(widget)))
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            named.append((widget.text(), _ident(widget)))
        elif isinstance(widget, QGroupBox):
            named.append((widget.title(), _ident(widget)))
        elif isinstance(widget, QTabBar):
            named.extend(
                (widget.tabText(index), "tab")
                for index in range(widget.count())
                if widget.isTabVisible(index)
            )
        elif isinstance(widget, QMenuBar):
            menus = [action for action in widget.actions() if action.isVisible()]
            named.extend((action.text(), "menu") for action in menus)
    return _collisions(where, named)


def in_menus(window: QWidget, where: str) -> list[str]:
    """The collisions inside each menu the window holds (the menu bar's, a button's, submenus)."""
    found: list[str] = []
    for menu in window.findChildren(QMenu):
        named = [
            (action.text(), "item")
            for action in menu.actions()
            if action.isVisible() and not action.isSeparator()
        ]
        title = menu.title().replace("&", "") or _ident(menu)
        found += _collisions(f"{where} menu {title}", named)
    return found


def _choose(vault, programme: Programme) -> Changes:
    return save_settings(vault, replace(load_settings(vault), programme=programme))


def _extra_states(qapp, qtbot, controller, dialog: QWidget, name: str) -> Iterator[str]:
    """The states of a dialog that the walk does not reach, each named; the dialog shows it."""
    if isinstance(dialog, ReportDialog):
        dialog.protect.setChecked(True)  # the password fields
        yield f"{name} protected"
    elif isinstance(dialog, HelpNowDialog):
        qtbot.waitUntil(lambda: dialog.help_now is not None, timeout=10_000)
        dialog.edit_button.click()
        _wait(qapp, qtbot, controller)
        yield f"{name} editing"
        qtbot.keyClicks(dialog.sponsor_name, "Sam")
        qtbot.keyClicks(dialog.sponsor_reach, "+44 20 7946 0000")
        dialog.save_button.click()
        qtbot.waitUntil(lambda: dialog.copy_button.isVisible(), timeout=10_000)
        yield f"{name} with contacts"
    elif isinstance(dialog, GuideDialog):
        while dialog.pages.currentIndex() < dialog.pages.count() - 1:
            dialog.turn(1)
            yield f"{name} page {dialog.pages.currentIndex() + 1}"


@pytest.mark.slow
@pytest.mark.parametrize("language", ["en", "ru"])
def test_no_two_accelerators_collide_in_any_window_or_menu(
    qapp, qtbot, controllers, vault_path, tmp_path, language
):
    apply_language(qapp, language)  # before the windows are built; the fixture puts English back
    found: list[str] = []

    _creator, create = start(qapp, controllers, tmp_path / "new.rjvault")
    create.show()
    found += in_window(create, "create")
    create.close()

    controller, dialog = start(qapp, controllers, _vault(vault_path, language))
    dialog.show()
    # Everything it may offer at once: remember, the remembered passphrase, a backup to restore.
    for offered in (dialog.remember, dialog.use_remembered, dialog.restore_button):
        offered.show()
    found += in_window(dialog, "unlock")
    for offered in (dialog.remember, dialog.use_remembered, dialog.restore_button):
        offered.hide()
    window = unlock(qtbot, controller, dialog)
    window.resize(WINDOW)
    window.show()
    _wait(qapp, qtbot, controller)
    found += in_menus(window, "window")

    extras_done: set[type] = set()
    for name, root in _walk(qapp, qtbot, controller, window, [], language):
        shown = root.window()
        found += in_window(shown, name)
        if isinstance(shown, QDialog) and type(shown) not in extras_done:
            extras_done.add(type(shown))
            found += in_menus(shown, name)
            for state in _extra_states(qapp, qtbot, controller, shown, name):
                _wait(qapp, qtbot, controller)
                for view, _root in _views(qapp, qtbot, controller, shown, state):
                    found += in_window(shown, view)

    # The gratitude list under its own label, once its question is hidden.
    window.show_page(Page.REVIEW)
    review = window.review
    questions = QuestionsDialog(controller.operations, review)
    model = questions.questions.model
    qtbot.waitUntil(lambda: bool(model.records), timeout=10_000)
    hidden_column = 2
    model.setData(
        model.index(model.row_of("q.grateful"), hidden_column),
        Qt.CheckState.Checked.value,
        Qt.ItemDataRole.CheckStateRole,
    )
    questions.done(0)
    settle(qtbot, controller)
    review.sheet = None
    review._load()
    qtbot.waitUntil(lambda: review.sheet is not None, timeout=10_000)
    _wait(qapp, qtbot, controller)
    found += in_window(window, "review without the gratitude question")

    # Each programme's words for the counted time, on its page's tab and in the slip's dialog.
    for programme in Programme:
        controller.operations.run(lambda vault, p=programme: _choose(vault, p))
        settle(qtbot, controller)
        window.show_page(Page.PRACTICE)
        practice = window.practice
        practice.tabs.setCurrentIndex(0)
        qtbot.waitUntil(lambda: window.practice.view is not None, timeout=10_000)
        _wait(qapp, qtbot, controller)
        found += in_window(window, f"practice, {programme.value}")
        words = controller.operations.settings.words()
        slip = SlipDialog(
            [c.clean for c in practice.view.clean_times], persons_today(), words, window
        )
        slip.show()
        found += in_window(slip, f"slip, {programme.value}")
        slip.close()

    for reading_only in (False, True):
        backups = BackupsDialog(controller.operations, window, reading_only=reading_only)
        backups.show()
        _wait(qapp, qtbot, controller)
        found += in_window(backups, f"backups reading_only={reading_only}")
        backups.close()
    point = RestorePoint(vault_path, datetime.now(UTC), BackupReason.SCHEDULED)
    restore = RestoreDialog(point, window)
    restore.show()
    found += in_window(restore, "restore")
    restore.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    restore.close()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    # A control on every tab of a page, or a dialog seen twice, is one collision, named once.
    unique = list({line.split(": ", 1)[1]: line for line in reversed(found)}.values())[::-1]
    assert not unique, f"\n{language}:\n" + "\n".join(unique)


def test_the_letter_is_the_one_after_the_first_single_ampersand():
    assert accelerator("&Journal") == "J"
    assert accelerator("Sea&rch everything…") == "R"
    assert accelerator("Save && &quit") == "Q"
    assert accelerator("Fish && chips") is None
    assert accelerator("Ends with &") is None
    assert accelerator("Про&смотр") == "С"
    assert _collisions("here", [("&Сохранить", "a"), ("Про&смотр", "b"), ("&Далее", "c")]) == [
        "here: С in a '&Сохранить', b 'Про&смотр'"
    ]
