"""The inventory worksheets driven as a person would: keyboard, form, undo, step 8 and 9."""
# ruff: noqa: F811 - the controllers fixture is imported from test_ui and used as an argument

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from recovery_journal.domain.inventory import Amend, AmendsStatus, Resentment
from recovery_journal.i18n import _
from recovery_journal.store import create_vault, open_vault
from recovery_journal.ui.pages import Page
from tests.conftest import PASSPHRASE, TEST_KDF
from tests.test_inventory import LANDLORD
from tests.test_ui import controllers, settle, start, unlock  # noqa: F401


def _open(qapp, qtbot, controllers, vault_path):
    if not vault_path.exists():
        create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF).close()
    controller, dialog = start(qapp, controllers, vault_path)
    window = unlock(qtbot, controller, dialog)
    window.show_page(Page.INVENTORY)
    settle(qtbot, controller)
    return controller, window


def _type_in_cell(qapp, qtbot, table, row, column, text):
    view = table.view
    view.setCurrentIndex(table.proxy.index(row, column))
    view.setFocus()
    qtbot.keyClick(view, text[0])  # typing starts editing the cell
    qtbot.keyClicks(qapp.focusWidget(), text[1:])
    qtbot.keyClick(qapp.focusWidget(), Qt.Key.Key_Return)


def test_a_resentment_row_from_keyboard_to_step_9_and_back(qapp, qtbot, controllers, vault_path):
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    page = window.inventory
    sheet = page.sheets["resentments"]
    table = sheet.table
    # Add a row with the keyboard and name the person in the cell editor that opens.
    table.view.setFocus()
    qtbot.keyClick(table.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(qapp.focusWidget(), "My landlord")
    qtbot.keyClick(qapp.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.model.records and table.model.records[0].who == "My landlord")
    # The long text and the ticks go in the form beside the table.
    form = table.form
    qtbot.waitUntil(form.isEnabled, timeout=3_000)
    qtbot.keyClicks(form.texts["cause"], "Raised the rent without notice")
    form.commit()
    form.ticks["affects"]["security"].click()
    form.ticks["my_part"]["frightened"].click()
    assert table.model.records[0].affects == frozenset({"security"})
    # Undo takes back the last tick, redo puts it back.
    qtbot.keyClick(table.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert table.model.records[0].my_part == frozenset()
    assert not form.ticks["my_part"]["frightened"].isChecked()
    table.redo_button.click()
    assert table.model.records[0].my_part == frozenset({"frightened"})
    # Mark it private with the keyboard: space on the tick cell.
    private_column = [c.field for c in table.model.columns].index("private")
    table.view.setCurrentIndex(table.proxy.index(0, private_column))
    qtbot.keyClick(table.view, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: table.model.records[0].private, timeout=3_000)
    # A second row, then sort by the person's name.
    table.add()
    qtbot.keyClicks(qapp.focusWidget(), "Bank")
    qtbot.keyClick(qapp.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(table.model.records) == 2 and table.model.records[1].who == "Bank")
    table.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert table.proxy.index(0, 0).data() == "Bank"
    # Send the landlord to the step 8 list.
    table.select(table.model.records[[r.who for r in table.model.records].index("My landlord")].uid)
    send = next(b for b in table.action_buttons if "step 8" in b.text())
    send.click()
    settle(qtbot, controller)
    assert "My landlord" in sheet.notice.text()
    # Step 9: mark the amends made.
    page.tabs.setCurrentWidget(page.step9)
    settle(qtbot, controller)
    step9 = page.step9.table
    qtbot.waitUntil(lambda: len(step9.model.records) == 1, timeout=3_000)
    status_column = [c.field for c in step9.model.columns].index("status")
    index = step9.proxy.index(0, status_column)
    step9.proxy.setData(index, AmendsStatus.MADE)
    settle(qtbot, controller)
    page.step9.only_open.setChecked(True)
    assert step9.proxy.rowCount() == 0  # nothing is still open
    window.close()
    controller.shutdown()

    vault = open_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    try:
        rows = {r.who: r for r in vault.records.all(Resentment)}
        assert rows["My landlord"].cause == "Raised the rent without notice"
        assert rows["My landlord"].affects == frozenset({"security"})
        assert rows["My landlord"].my_part == frozenset({"frightened"})
        assert rows["My landlord"].private
        (amend,) = vault.records.all(Amend)
        assert amend.person == "My landlord" and amend.source_uid == rows["My landlord"].uid
        assert amend.status is AmendsStatus.MADE
    finally:
        vault.close()


def test_undo_of_a_removed_row_brings_it_back(qapp, qtbot, controllers, vault_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    controller, window = _open(qapp, qtbot, controllers, vault_path)
    table = window.inventory.sheets["harms"].table
    table.add()
    qtbot.keyClicks(qapp.focusWidget(), "My sister")
    qtbot.keyClick(qapp.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: bool(table.model.records) and table.model.records[0].to_whom == "My sister"
    )
    table.select(table.model.records[0].uid)
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    table.remove_selected()
    assert table.model.records == []
    table.undo_stack.undo()
    assert [r.to_whom for r in table.model.records] == ["My sister"]
    settle(qtbot, controller)
    window.close()
    controller.shutdown()
    vault = open_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    try:
        assert [h.to_whom for h in vault.records.all(type(table.model.records[0]))] == ["My sister"]
    finally:
        vault.close()


def test_inventory_page_in_russian(qapp, qtbot, controllers, vault_path):
    from recovery_journal.ui.i18n_qt import apply_language

    apply_language(qapp, "ru")
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    tabs = window.inventory.tabs
    titles = [tabs.tabText(i) for i in range(tabs.count())]
    assert all(any("а" <= ch.lower() <= "я" for ch in title) for title in titles), titles
    assert date.today()  # the page built without an English fallback


def _one_row(qapp, qtbot, table, text):
    table.add()
    qtbot.keyClicks(qapp.focusWidget(), text)
    qtbot.keyClick(qapp.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(table.model.records) and table.model.records[-1].who == text)
    table.select(table.model.records[-1].uid)


def test_undo_right_after_typing_in_the_form_undoes_the_typing(
    qapp, qtbot, controllers, vault_path
):
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    table = window.inventory.sheets["resentments"].table
    _one_row(qapp, qtbot, table, "My landlord")
    qtbot.keyClicks(table.form.texts["cause"], "Kept the deposit")
    assert table.form.pending()  # not committed yet
    table.undo_button.click()
    assert table.model.records[0].cause == ""
    assert table.form.texts["cause"].toPlainText() == ""
    table.redo_button.click()
    assert table.model.records[0].cause == "Kept the deposit"
    assert table.undo_stack.index() == table.undo_stack.count()


def test_a_cell_edited_while_the_form_waits_is_kept(qapp, qtbot, controllers, vault_path):
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    table = window.inventory.sheets["resentments"].table
    _one_row(qapp, qtbot, table, "A")
    qtbot.keyClicks(table.form.texts["cause"], "The cause")
    table.proxy.setData(table.proxy.index(0, 0), "B")  # the name changed in its cell
    table.form.commit()
    record = table.model.records[0]
    assert (record.who, record.cause) == ("B", "The cause")


def test_the_row_being_edited_stays_in_view_when_it_leaves_the_filter(
    qapp, qtbot, controllers, vault_path
):
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    table = window.inventory.sheets["resentments"].table
    _one_row(qapp, qtbot, table, "landlord")
    qtbot.keyClicks(table.filter, "land")
    table.select(table.model.records[0].uid)
    form = table.form
    form.texts["who"].selectAll()
    qtbot.keyClicks(form.texts["who"], "The bank")
    form.commit()
    assert table.proxy.rowCount() == 1 and form.isEnabled()
    qtbot.keyClicks(form.texts["who"], " manager")
    form.commit()
    assert table.model.records[0].who == "The bank manager"


def test_the_two_amends_views_never_undo_each_others_changes(qapp, qtbot, controllers, vault_path):
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    page = window.inventory
    page.tabs.setCurrentWidget(page.step8)
    step8 = page.step8.table
    step8.add()
    qtbot.keyClicks(qapp.focusWidget(), "Sam")
    qtbot.keyClick(qapp.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(step8.model.records) and step8.model.records[0].person == "Sam")
    settle(qtbot, controller)
    page.tabs.setCurrentWidget(page.step9)
    settle(qtbot, controller)
    step9 = page.step9.table
    status = [c.field for c in step9.model.columns].index("status")
    step9.proxy.setData(step9.proxy.index(0, status), AmendsStatus.MADE)
    settle(qtbot, controller)
    page.tabs.setCurrentWidget(page.step8)
    settle(qtbot, controller)
    assert not step8.undo_stack.canUndo()  # its history ended when the other view changed rows
    assert step8.model.records[0].status is AmendsStatus.MADE


def test_closing_waits_for_inventory_saves(qapp, qtbot, controllers, vault_path):
    from recovery_journal.ui.operations import wait_for_saves

    controller, window = _open(qapp, qtbot, controllers, vault_path)
    table = window.inventory.sheets["fears"].table
    table.add()
    qtbot.keyClicks(qapp.focusWidget(), "Being alone")
    qtbot.keyClick(qapp.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: bool(table.model.records) and table.model.records[0].fear == "Being alone"
    )
    table.select(table.model.records[0].uid)
    qtbot.keyClicks(table.form.texts["why"], "Evenings were for drinking")
    saves = window.inventory.save_now()
    assert isinstance(saves, list)
    assert wait_for_saves(saves) is None
    window.close()
    controller.shutdown()
    vault = open_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    try:
        from recovery_journal.domain.inventory import Fear

        assert [f.why for f in vault.records.all(Fear)] == ["Evenings were for drinking"]
    finally:
        vault.close()


def _step8_row(table, person: str) -> dict[str, str]:
    row = next(n for n, r in enumerate(table.model.records) if r.person == person)
    return {
        column.field: table.model.index(row, number).data()
        for number, column in enumerate(table.model.columns)
    }


@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_resentment_puts_my_part_on_the_step_8_list(
    qapp, qtbot, controllers, vault_path, language
):
    from recovery_journal.services.inventory import inventory_text
    from recovery_journal.ui.i18n_qt import apply_language

    apply_language(qapp, language)
    vault = create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    vault.records.save(LANDLORD)
    vault.close()
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    page = window.inventory
    sheet = page.sheets["resentments"]
    qtbot.waitUntil(lambda: bool(sheet.table.model.records), timeout=5_000)
    sheet.table.select(LANDLORD.uid)
    send = next(b for b in sheet.table.action_buttons if b.text() == _("Add to my step 8 list"))
    send.click()
    settle(qtbot, controller)
    page.tabs.setCurrentWidget(page.step8)
    settle(qtbot, controller)
    table = page.step8.table
    qtbot.waitUntil(lambda: bool(table.model.records), timeout=5_000)
    names = inventory_text(language).options["my_part"]
    shown = _step8_row(table, "My landlord")
    assert shown["harm"] == LANDLORD.my_part_notes
    assert LANDLORD.cause not in " ".join(str(v) for v in shown.values())
    assert shown["my_part"] == ", ".join(names[key] for key in sorted(LANDLORD.my_part))
    # In the form: the harm and the ticks; no place for what they did on a new entry.
    table.select(table.model.records[0].uid)
    form = table.form
    assert form.texts["harm"].toPlainText() == LANDLORD.my_part_notes
    assert {key for key, box in form.ticks["my_part"].items() if box.isChecked()} == set(
        LANDLORD.my_part
    )
    assert form.ticks["my_part"]["frightened"].text() == names["frightened"]
    assert not form.layout().isRowVisible(form.texts["their_part"])
    window.close()
    controller.shutdown()


def test_an_entry_from_the_old_app_shows_what_they_did_apart(qapp, qtbot, controllers, tmp_path):
    import shutil

    from tests.test_migrations import FIXTURE_PASSPHRASE, STEP8_AFTER, STEP8_FIXTURE

    copy = tmp_path / STEP8_FIXTURE.name
    shutil.copy(STEP8_FIXTURE, copy)
    controller, dialog = start(qapp, controllers, copy, kdf=None)
    window = unlock(qtbot, controller, dialog, FIXTURE_PASSPHRASE)
    window.show_page(Page.INVENTORY)
    page = window.inventory
    page.tabs.setCurrentWidget(page.step8)
    settle(qtbot, controller)
    table = page.step8.table
    qtbot.waitUntil(lambda: len(table.model.records) == 9, timeout=5_000)
    harm, _my_part, their_part = STEP8_AFTER["My landlord"]
    landlord = next(r for r in table.model.records if r.person == "My landlord")
    table.select(landlord.uid)
    form = table.form
    assert form.texts["harm"].toPlainText() == harm
    assert form.layout().isRowVisible(form.texts["their_part"])
    assert form.texts["their_part"].toPlainText() == their_part
    # A row with nothing there hides the place again.
    table.select(next(r for r in table.model.records if r.person == "Myself").uid)
    assert not form.layout().isRowVisible(form.texts["their_part"])
    window.close()
    controller.shutdown()


def test_add_on_a_page_still_reading_keeps_the_new_rows_editor_open(
    qapp, qtbot, controllers, vault_path
):
    """A person clicks Add as soon as the page shows and types: the read under way came back
    after the new row, reset the table and closed its editor, and the words went nowhere."""
    from PySide6.QtWidgets import QAbstractItemView

    controller, window = _open(qapp, qtbot, controllers, vault_path)
    window.show_page(Page.PRACTICE)
    table = window.practice.clean_table  # its first read is on its way
    table.add()
    settle(qtbot, controller)
    qtbot.wait(50)
    assert table.view.state() == QAbstractItemView.State.EditingState
