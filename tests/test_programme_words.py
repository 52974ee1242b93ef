"""Each fellowship's words for its counted time (docs/glossary.md), in English and Russian.

An AA journal never says "clean time" or «чистое время», an NA journal never "sober" or
«трезвость», a journal in another programme neither: not on any page, tab, dialog or menu of
the window, nor in the report or the command line's summary. Choosing another programme in
Settings renames what is already on screen.
"""
# ruff: noqa: F811 - the controllers fixture is imported from test_ui and used as an argument

from __future__ import annotations

import re
from dataclasses import astuple, replace

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QLabel,
    QListWidget,
    QMenu,
    QTabBar,
    QWidget,
)

from recovery_journal.domain.steps import Programme
from recovery_journal.i18n import language_on_this_thread
from recovery_journal.services.changes import Changes
from recovery_journal.services.demo import fill_demo
from recovery_journal.services.programme_words import programme_words
from recovery_journal.services.report import build_report
from recovery_journal.services.report_choices import ReportChoices
from recovery_journal.services.settings import load_settings, save_settings
from recovery_journal.services.summary import build_summary, summary_text
from recovery_journal.ui.i18n_qt import apply_language
from recovery_journal.ui.pages import Page
from tests.conftest import PASSPHRASE, persons_today, reopen
from tests.test_accessibility import WINDOW, _vault, _wait, _walk
from tests.test_ui import controllers, settle, start, unlock  # noqa: F401 - fixtures and helpers

# The words no journal of that programme may show (any case; Russian in any of its forms).
NOT_SAID = {
    Programme.ALCOHOL: re.compile(r"\bclean\b|чист", re.IGNORECASE),
    # (NA members abstain too: «воздерживаться» is theirs as well as everyone's)
    Programme.DRUGS: re.compile(r"\bsober|трезв", re.IGNORECASE),
    Programme.GENERIC: re.compile(r"\bclean\b|чист|\bsober|трезв", re.IGNORECASE),
}
SAID = {
    Programme.ALCOHOL: ("Sober time and meetings", "Трезвость и собрания"),
    Programme.DRUGS: ("Clean time and meetings", "Чистое время и собрания"),
    Programme.GENERIC: ("Abstinence and meetings", "Воздержание и собрания"),
}


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("programme", list(Programme))
def test_each_programme_has_its_own_words_and_none_of_the_others(programme, language):
    with language_on_this_thread(language):
        words = programme_words(programme)
    said = astuple(words)
    assert all(said), "every word translated"
    assert SAID[programme][language == "ru"] == words.page
    assert [w for w in said if NOT_SAID[programme].search(w)] == []
    with language_on_this_thread(language):
        others = {w for p in Programme if p is not programme for w in astuple(programme_words(p))}
    # The sentences are each programme's own (the name of a section may be shared, not a line).
    assert not set(said) & others - {""}


def _choose(vault, programme: Programme) -> Changes:
    return save_settings(vault, replace(load_settings(vault), programme=programme))


def _shown_words(root: QWidget) -> list[str]:
    """What the window shows of its own (not the person's writing): titles, labels, buttons, tabs,
    the list of pages, menus, and what a screen reader is told."""
    found = [root.windowTitle()]
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or widget.window() is not root:
            continue
        found.append(widget.accessibleName())
        if isinstance(widget, QAbstractButton):
            found.append(widget.text())
        elif isinstance(widget, QLabel) and widget.objectName() != "guide_text":
            found.append(widget.text())
        elif isinstance(widget, QGroupBox):
            found.append(widget.title())
        elif isinstance(widget, QTabBar):
            found += [widget.tabText(i) for i in range(widget.count())]
        elif isinstance(widget, QListWidget) and widget.objectName() == "navigation":
            found += [widget.item(i).text() for i in range(widget.count())]
    for menu in root.findChildren(QMenu):
        found += [action.text() for action in menu.actions()]
    return [text for text in found if text]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("programme", "language"),
    [(Programme.ALCOHOL, "ru"), (Programme.DRUGS, "en"), (Programme.GENERIC, "ru")],
)
def test_a_journal_speaks_its_programme_on_every_page_tab_and_dialog(
    qapp, qtbot, controllers, vault_path, programme, language
):
    apply_language(qapp, language)  # before the window is built; the fixture puts English back
    path = _vault(vault_path, language)
    vault = reopen(path)
    _choose(vault, programme)
    vault.close()
    controller, dialog = start(qapp, controllers, path)
    window = unlock(qtbot, controller, dialog)
    window.resize(WINDOW)
    window.show()
    _wait(qapp, qtbot, controller)
    assert SAID[programme][language == "ru"] in _shown_words(window)
    wrong: dict[str, set[str]] = {}
    for name, root in _walk(qapp, qtbot, controller, window, [], language):
        for text in _shown_words(root.window()):
            if NOT_SAID[programme].search(text):
                wrong.setdefault(text, set()).add(name)
    guide = window.open_guide()
    while guide.pages.currentIndex() < guide.pages.count() - 1:
        guide.turn(1)
        text = guide.pages.currentWidget().findChild(QLabel, "guide_text").text()
        if NOT_SAID[programme].search(text):
            wrong.setdefault(text, set()).add("guide")
    guide.close()
    assert not wrong, wrong
    today = window.today.clean_time.text()
    counted = {Programme.ALCOHOL: "трезвости", Programme.DRUGS: "clean"}.get(programme)
    assert counted is None or counted in today, today


def test_choosing_another_programme_renames_what_is_on_screen(qapp, qtbot, controllers, vault_path):
    controller, dialog = start(qapp, controllers, _vault(vault_path, "en"))
    window = unlock(qtbot, controller, dialog)
    window.show_page(Page.PRACTICE)
    _wait(qapp, qtbot, controller)
    practice = window.practice
    assert practice.heading.text() == "Sober time and meetings"
    assert window.navigation.currentItem().text() == "Sober time and meetings"
    controller.operations.run(lambda vault: _choose(vault, Programme.DRUGS))
    settle(qtbot, controller)
    qtbot.waitUntil(lambda: practice.heading.text() == "Clean time and meetings", timeout=5_000)
    assert window.navigation.currentItem().text() == "Clean time and meetings"
    assert practice.tabs.tabText(0) == "&Clean time"
    assert practice.clean_table.view.accessibleName() == "Clean dates"
    qtbot.waitUntil(lambda: "days clean" in window.today.clean_time.text(), timeout=5_000)


@pytest.mark.parametrize(("programme", "heading"), [(Programme.ALCOHOL, "Трезвость")])
def test_the_report_and_the_summary_count_in_the_programme_s_words(new_vault, programme, heading):
    demo_vault = new_vault
    fill_demo(demo_vault, 90, "ru", end=persons_today())
    _choose(demo_vault, programme)
    report = build_report(demo_vault, ReportChoices(language="ru"), persons_today())
    texts = [str(block) for part in report.parts for block in part.blocks]
    assert any(heading in text for text in texts)
    assert not [text for text in texts if NOT_SAID[programme].search(text)]
    summary = build_summary(demo_vault)
    with language_on_this_thread("en"):
        text = summary_text(summary, programme_words(programme))
    assert " days sober (" in text and not NOT_SAID[programme].search(text)


def test_a_new_journal_is_made_in_the_programme_chosen_beside_its_passphrase(
    qapp, qtbot, controllers, vault_path
):
    controller, dialog = start(qapp, controllers, vault_path)
    assert dialog.programme.currentData() is Programme.ALCOHOL  # as Settings' default
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    qtbot.keyClicks(dialog.repeat, PASSPHRASE)
    dialog.programme.setCurrentIndex(dialog.programme.findData(Programme.DRUGS))
    dialog.create_button.click()
    qtbot.waitUntil(lambda: controller.window is not None, timeout=10_000)
    settle(qtbot, controller)
    window = controller.window
    qtbot.waitUntil(lambda: "Clean time and meetings" in _shown_words(window), timeout=5_000)
    guide = controller.guide
    guide.turn(1)
    guide.turn(1)
    assert (
        "Clean time and meetings"
        in guide.pages.currentWidget().findChild(QLabel, "guide_text").text()
    )
    guide.close()
    controller.shutdown()
    vault = reopen(vault_path)
    assert load_settings(vault).programme is Programme.DRUGS
    vault.close()
