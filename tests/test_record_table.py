"""The record tables every log and worksheet uses: long text, column widths, the row buttons."""
# ruff: noqa: F811 - the controllers fixture is imported from test_ui and used as an argument

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QSize, Qt
from PySide6.QtGui import QFont, QHelpEvent
from PySide6.QtWidgets import QLabel, QStyleOptionViewItem, QToolTip

from recovery_journal.domain.inventory import Harm, Resentment
from recovery_journal.i18n import _
from recovery_journal.store import create_vault
from recovery_journal.ui.column_widths import ColumnWant, fit_widths
from recovery_journal.ui.pages import Page
from recovery_journal.ui.record_table import RecordTable
from tests.conftest import PASSPHRASE, TEST_KDF
from tests.test_ui import controllers, settle, start, unlock  # noqa: F401

WINDOW = QSize(1024, 700)
LONG_WHO = ("My former landlord on Elm Street, the one who " * 6)[:230]


def test_columns_share_the_room_by_kind_never_by_content():
    name, words, flag = ColumnWant(90, 50, 1), ColumnWant(80, 50, 2), ColumnWant(70, 40, 0)
    # Room to spare: words share it, twice as much for a stretched column; a flag keeps its own.
    assert fit_widths([name, words, flag], 540) == [90 + 100, 80 + 200, 70]
    # Short of room: each gives up the same part of what it has above its floor.
    assert fit_widths([name, words, flag], 170) == [50 + 12, 50 + 9, 40 + 9]  # 30% of each
    # Below the floors: the floors, and the table scrolls sideways.
    assert fit_widths([name, words, flag], 100) == [50, 50, 40]
    # Nothing that grows: the last column takes the rest, so the row ends at the edge.
    assert fit_widths([flag, flag], 200) == [70, 130]
    assert fit_widths([], 500) == []


def _open(qapp, qtbot, controllers, vault_path, rows=()):
    vault = create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    with vault.transaction():
        for row in rows:
            vault.records.save(row)
    vault.close()
    controller, dialog = start(qapp, controllers, vault_path)
    window = unlock(qtbot, controller, dialog)
    window.resize(WINDOW)
    window.show_page(Page.INVENTORY)
    settle(qtbot, controller)
    return controller, window


@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_230_character_name_leaves_every_column_in_view(
    qapp, qtbot, controllers, vault_path, language
):
    from recovery_journal.ui.i18n_qt import apply_language

    apply_language(qapp, language)
    rows = [
        Resentment(
            "r1",
            LONG_WHO,
            "Kept the deposit.\nAnd said I left the flat dirty.",
            frozenset({"pride", "security", "finances", "self_esteem", "ambitions"}),
            position=0,
        ),
        Resentment("r2", "Bank", "Fees", position=1),
    ]
    controller, window = _open(qapp, qtbot, controllers, vault_path, rows)
    table = window.inventory.sheets["resentments"].table
    qtbot.waitUntil(lambda: len(table.model.records) == 2, timeout=5_000)
    qtbot.waitUntil(lambda: window.inventory.isVisible())
    view, header = table.view, table.view.horizontalHeader()
    qapp.processEvents()
    room = view.viewport().width()
    assert room < 700  # the form beside the table takes its share of the 1024 pixels
    for number in range(header.count()):
        left = header.sectionViewportPosition(number)
        title = table.model.columns[number].title
        assert left >= 0 and left + header.sectionSize(number) <= room, (title, left, room)
        assert header.sectionSize(number) >= 40, title
    assert view.horizontalScrollBar().maximum() == 0
    # One line a row, the long name elided, and the whole of it on hover.
    assert view.rowHeight(0) == view.rowHeight(1)
    delegate = view.itemDelegate()
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.font = QFont(view.font())
    first, other = table.proxy.index(0, 0), table.proxy.index(1, 0)
    option.rect = view.visualRect(first)
    assert delegate.cut_short(option, first)
    assert not delegate.cut_short(option, other)
    event = QHelpEvent(QEvent.Type.ToolTip, option.rect.center(), QPoint(100, 100))
    delegate.helpEvent(event, view, option, first)
    assert QToolTip.text() == LONG_WHO
    QToolTip.hideText()
    # Lines of a long text are shown joined on the row; the tooltip keeps them as written.
    cause = table.proxy.index(0, 1)
    assert cause.data() == "Kept the deposit. And said I left the flat dirty."
    assert delegate.cut_short(option, cause)
    # The form beside the table shows the whole text.
    table.select("r1")
    assert table.form.texts["who"].toPlainText() == LONG_WHO
    window.close()
    controller.shutdown()


def test_the_inventory_page_has_a_heading_like_the_others(qapp, qtbot, controllers, vault_path):
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    page = window.inventory
    headings = [
        label
        for label in page.findChildren(QLabel)
        if label.text() == _("Inventory") and label.font().bold()
    ]
    assert len(headings) == 1
    assert headings[0].font().pointSizeF() > page.font().pointSizeF()
    assert page.layout().indexOf(headings[0]) == 0  # above the worksheets' tabs
    window.close()
    controller.shutdown()


def _row_buttons(table: RecordTable):
    buttons = [table.duplicate_button, table.remove_button, table.up_button, table.down_button]
    return buttons + [b for b in table.action_buttons if "step 8" in b.text()]


def test_row_buttons_are_off_until_a_row_is_selected(
    qapp, qtbot, controllers, vault_path, monkeypatch
):
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    page = window.inventory
    tables = [tab.table for tab in page.sheets.values()] + [page.step8.table, page.step9.table]
    for table in tables:  # every list is empty
        assert not any(b.isEnabled() for b in _row_buttons(table)), table.objectName()
        assert table.add_button.isEnabled()
    sheet = page.sheets["resentments"]
    carry = next(b for b in sheet.table.action_buttons if "6–7" in b.text())
    assert carry.isEnabled()  # it carries every row's ticks: it needs no row
    # The keys do nothing either while no row is selected.
    table = page.sheets["harms"].table
    table.duplicate_current()
    table.remove_selected()
    assert table.model.records == []
    table.add()
    qtbot.keyClicks(qapp.focusWidget(), "My sister")
    qtbot.keyClick(qapp.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(table.model.records), timeout=5_000)
    assert all(b.isEnabled() for b in _row_buttons(table))
    table.view.clearSelection()
    assert not any(b.isEnabled() for b in _row_buttons(table))
    table.select(table.model.records[0].uid)
    assert all(b.isEnabled() for b in _row_buttons(table))
    # Removing the only row leaves nothing selected: the buttons go off again.
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    table.remove_button.click()
    assert table.model.records == []
    assert not any(b.isEnabled() for b in _row_buttons(table))
    settle(qtbot, controller)
    window.close()
    controller.shutdown()


def test_every_record_table_starts_with_its_row_buttons_off(qapp, qtbot, controllers, vault_path):
    rows = [Harm("h1", "Sam", position=0)]
    controller, window = _open(qapp, qtbot, controllers, vault_path, rows)
    for page in (Page.PRACTICE, Page.INVENTORY, Page.STEPS):
        window.show_page(page)
        settle(qtbot, controller)
    found = window.findChildren(RecordTable)
    assert len(found) > 8
    for table in found:
        if table.selected_record() is None:
            assert not any(b.isEnabled() for b in _row_buttons(table)), table.objectName()
    window.close()
    controller.shutdown()
