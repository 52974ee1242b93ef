"""Journal ▸ Import my sponsor's reply… in the window: the reply is shown before it is kept, a
protected one asks for the report's password, and what was kept is on the sponsor's page."""
# ruff: noqa: F811 - the controllers fixture is imported from test_ui and used as an argument

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from recovery_journal.domain.reply_layout import field_name
from recovery_journal.services.sponsor_notes import all_notes
from recovery_journal.ui.pages import Page
from recovery_journal.ui.reply_dialog import ReplyDialog
from tests.test_sponsor_reply import WORDS, _fill, _report, _vault
from tests.test_sponsor_ui import _rows
from tests.test_ui import controllers, settle, shown_window, start, unlock  # noqa: F401 - fixtures and helpers


def _reply(qapp, tmp_path, password=None):
    vault_path = tmp_path / "window.rjvault"
    vault = _vault(vault_path)
    data = _report(qapp, vault, "en", password)
    vault.close()
    filled = _fill(
        data,
        {field_name("step:4"): WORDS["en"]["step"], "sponsor-name": "Anna"},
        [],
        password,
    )
    reply = tmp_path / "reply.pdf"
    reply.write_bytes(filled)
    return vault_path, reply


def test_a_reply_is_shown_then_kept_and_found_on_the_sponsors_page(
    qapp, qtbot, controllers, tmp_path
):
    path, reply = _reply(qapp, tmp_path)
    controller, window = shown_window(qapp, qtbot, controllers, path)
    dialog = window.open_reply(reply)
    assert isinstance(dialog, ReplyDialog)
    qtbot.waitUntil(lambda: dialog.notes.isVisible(), timeout=10000)
    assert "1 new note from Anna" in dialog.summary.text()
    assert WORDS["en"]["step"] in dialog.notes.toPlainText()
    assert "Step 4: answers" in dialog.notes.toPlainText()
    assert dialog.keep_button.isEnabled()
    qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_page() is Page.SPONSOR, timeout=10000)
    qtbot.waitUntil(lambda: "Kept 1 note" in window.banner.text(), timeout=10000)
    settle(qtbot, controller)
    # Again: nothing new, and nothing to keep.
    again = window.open_reply(reply)
    qtbot.waitUntil(lambda: again.notes.isVisible(), timeout=10000)
    assert "already in your journal" in again.summary.text()
    assert not again.keep_button.isEnabled()
    again.reject()
    kept = controller.operations.run(all_notes).result(timeout=10)
    assert [note.text for note in kept] == [WORDS["en"]["step"]]
    assert _rows(window.sponsor) == [WORDS["en"]["step"]]


def test_a_protected_reply_asks_for_the_reports_password(qapp, qtbot, controllers, tmp_path):
    path, reply = _reply(qapp, tmp_path, password="open sesame")
    controller, window = shown_window(qapp, qtbot, controllers, path)
    dialog = window.open_reply(reply)
    qtbot.waitUntil(lambda: dialog.password_row.isVisible(), timeout=10000)
    assert "password" in dialog.summary.text()
    qtbot.keyClicks(dialog.password, "wrong")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "not the report's password" in dialog.summary.text(), timeout=10000)
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, "open sesame")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.notes.isVisible(), timeout=10000)
    assert not dialog.password_row.isVisible()
    dialog.reject()


def test_what_is_no_reply_says_so_and_offers_only_close(qapp, qtbot, controllers, tmp_path):
    path, _reply_path = _reply(qapp, tmp_path)
    other = tmp_path / "not a reply.pdf"
    other.write_bytes(b"%PDF-1.4 nothing here")
    controller, window = shown_window(qapp, qtbot, controllers, path)
    dialog = window.open_reply(other)
    qtbot.waitUntil(lambda: "nothing was kept" in dialog.summary.text(), timeout=10000)
    assert dialog.buttons.standardButtons() == QDialogButtonBox.StandardButton.Close
    assert not dialog.keep_button.isVisible() or not dialog.keep_button.isEnabled()
    dialog.reject()


def test_the_sponsors_page_has_the_import_too(qapp, qtbot, controllers, tmp_path, monkeypatch):
    path, _reply_path = _reply(qapp, tmp_path)
    controller, window = shown_window(qapp, qtbot, controllers, path)
    asked = []
    monkeypatch.setattr(window, "open_reply", lambda path=None: asked.append(path))
    window.show_page(Page.SPONSOR)
    settle(qtbot, controller)
    button = window.sponsor.import_button
    assert button.isVisible() and button.text() == "&Import my sponsor's reply…"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert asked == [None]  # the file dialog, as from the menu


def test_a_sponsors_name_is_shown_as_written_never_as_markup(qapp, qtbot, controllers, tmp_path):
    vault_path = tmp_path / "window.rjvault"
    vault = _vault(vault_path)
    data = _report(qapp, vault, "en")
    vault.close()
    name = "<h1 style='color:red'>Sam</h1> <sam@example.org>"
    reply = tmp_path / "reply.pdf"
    reply.write_bytes(_fill(data, {field_name("step:4"): "Good.", "sponsor-name": name}, []))
    controller, window = shown_window(qapp, qtbot, controllers, vault_path)
    dialog = window.open_reply(reply)
    qtbot.waitUntil(lambda: dialog.notes.isVisible(), timeout=10000)
    assert dialog.summary.textFormat() == Qt.TextFormat.PlainText
    assert name in dialog.summary.text()
    dialog.reject()
