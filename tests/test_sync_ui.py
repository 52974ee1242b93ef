"""One journal on two computers, in the window (issue 24): the dialog, the exchanges while open,
the line saying when changes arrived, the files skipped and a passphrase changed elsewhere.

Computer A is the app, driven as a person would; computer B is a second real vault in the same
test, written and exchanged through the services, as the command line would.
"""
# ruff: noqa: F811 - the controllers fixture is imported from test_ui and used as an argument

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from recovery_journal import store
from recovery_journal.domain.clock import to_iso, utc_now
from recovery_journal.domain.journal import JournalEntry
from recovery_journal.domain.notes import DailyNote
from recovery_journal.i18n import _
from recovery_journal.services import sync
from recovery_journal.store import vault_file
from recovery_journal.ui import sharing as sharing_module
from recovery_journal.ui.i18n_qt import apply_language
from recovery_journal.ui.pages import Page
from recovery_journal.ui.sharing import arrival_line
from recovery_journal.ui.sync_dialog import SyncDialog
from recovery_journal.ui.vault_dialogs import UnlockDialog
from recovery_journal.ui.welcome_dialog import CreateVaultDialog
from tests.conftest import PASSPHRASE, TEST_KDF, persons_today
from tests.test_ui import controllers, settle, start, unlock  # noqa: F401

WAIT = 10_000


@pytest.fixture(autouse=True)
def quick_keys(monkeypatch):
    # The folder's key is derived with the store's iterations; the suite's are lower.
    monkeypatch.setattr(vault_file, "KDF_ITERATIONS", TEST_KDF)
    # The folder is looked at soon after it changes: the tests need not wait two seconds.
    monkeypatch.setattr(sharing_module, "FOLDER_QUIET_MS", 200)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shared = tmp_path / "Sync"
    shared.mkdir()
    return shared


class Other:
    """Computer B: its own vault, exchanging through the same folder."""

    def __init__(self, path: Path, folder: Path) -> None:
        self.vault = store.create_vault(path, PASSPHRASE, kdf_iterations=TEST_KDF)
        self.folder = folder

    def share(self) -> sync.Exchange:
        return sync.share_through(self.vault, store, self.folder, PASSPHRASE, utc_now())

    def exchange(self) -> sync.Exchange:
        return sync.exchange(self.vault, store, utc_now())

    def note(self, day: date, text: str) -> None:
        moment = utc_now()
        with self.vault.transaction():
            self.vault.notes.save(DailyNote(day, text, moment, moment))

    def entry(self, uid: str, day: date, title: str) -> None:
        moment = utc_now()
        with self.vault.transaction():
            self.vault.journal.save(JournalEntry(uid, day, moment, moment, title=title))


@pytest.fixture
def other(tmp_path: Path, folder: Path):
    computer = Other(tmp_path / "laptop.rjvault", folder)
    yield computer
    computer.vault.close()


def shared_vault(path: Path, folder: Path) -> Path:
    """Computer A's vault, shared through ``folder`` before the app opens it."""
    vault = store.create_vault(path, PASSPHRASE, kdf_iterations=TEST_KDF)
    try:
        sync.share_through(vault, store, folder, PASSPHRASE, utc_now())
    finally:
        vault.close()
    return path


def open_shared(qapp, qtbot, controllers, path: Path):
    controller, dialog = start(qapp, controllers, path)
    window = unlock(qtbot, controller, dialog)
    # The exchange after the unlock has run once the line says so.
    qtbot.waitUntil(lambda: window.sync_line.isVisible(), timeout=WAIT)
    settle(qtbot, controller)
    return controller, window


def test_starting_to_share_from_the_settings_page(
    qapp, qtbot, controllers, vault_path, folder, monkeypatch
):
    store.create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF).close()
    controller, dialog = start(qapp, controllers, vault_path)
    window = unlock(qtbot, controller, dialog)
    assert window.sync_line.isHidden()  # not shared: nothing said
    window.show_page(Page.SETTINGS)
    qtbot.mouseClick(window.settings.sharing, Qt.MouseButton.LeftButton)
    sharing = window.findChild(SyncDialog)
    assert sharing is not None and sharing.isVisible()
    assert sharing.start_part.isVisible() and not sharing.shared_part.isVisible()
    # A folder that is not there: one sentence, what was typed kept.
    qtbot.keyClicks(sharing.folder, str(folder / "missing"))
    qtbot.keyClicks(sharing.passphrase, PASSPHRASE)
    qtbot.mouseClick(sharing.start_button, Qt.MouseButton.LeftButton)
    assert "There is no folder at" in sharing.problem.text()
    assert sharing.passphrase.text() == PASSPHRASE
    sharing.folder.setText(str(folder))
    qtbot.mouseClick(sharing.start_button, Qt.MouseButton.LeftButton)
    assert not sharing.start_button.isEnabled()  # busy while the worker writes the folder
    qtbot.waitUntil(lambda: sharing.shared_part.isVisible(), timeout=WAIT)
    assert str(folder) in sharing.shared_folder.text()
    assert [p.suffix for p in folder.iterdir()] == [".rjsync"]
    assert window.sync_line.isVisible()
    assert window.sync_line.text() == "Nothing has come from your other computer yet."
    # Stopping asks first (No changes nothing); the folder's files stay.
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    asked = []

    def question(_parent, _title, text, *_args):
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    qtbot.mouseClick(sharing.stop_button, Qt.MouseButton.LeftButton)
    assert sharing.shared_part.isVisible() and len(asked) == 1
    qtbot.mouseClick(sharing.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sharing.start_part.isVisible(), timeout=WAIT)
    assert window.sync_line.isHidden()
    assert [p.suffix for p in folder.iterdir()] == [".rjsync"]


def test_the_folder_of_another_passphrase_says_so_in_the_dialog(
    qapp, qtbot, controllers, tmp_path, vault_path, folder
):
    laptop = store.create_vault(tmp_path / "laptop.rjvault", "a different passphrase")
    sync.share_through(laptop, store, folder, "a different passphrase", utc_now())
    laptop.close()
    store.create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF).close()
    controller, dialog = start(qapp, controllers, vault_path)
    window = unlock(qtbot, controller, dialog)
    sharing = controller.open_sharing()
    assert isinstance(sharing, SyncDialog)
    sharing.folder.setText(str(folder))
    qtbot.keyClicks(sharing.passphrase, PASSPHRASE)
    qtbot.keyClick(sharing.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: sharing.problem.isVisible(), timeout=WAIT)
    assert sharing.problem.text() == sync.NotTheFolderPassphrase().message()
    assert sharing.passphrase.text() == PASSPHRASE and sharing.start_button.isEnabled()
    assert window.sync_line.isHidden()


def test_a_second_computer_joins_from_the_dialog_and_shows_the_shared_journal(
    qapp, qtbot, controllers, vault_path, folder, other
):
    other.note(persons_today(), "Written on the desktop this morning.")
    other.share()
    store.create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF).close()  # a new one
    controller, dialog = start(qapp, controllers, vault_path)
    window = unlock(qtbot, controller, dialog)
    window.show_page(Page.TODAY)
    sharing = controller.open_sharing()
    assert isinstance(sharing, SyncDialog)
    qtbot.keyClicks(sharing.folder, str(folder))
    qtbot.keyClicks(sharing.passphrase, PASSPHRASE)
    qtbot.keyClick(sharing.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: window.today.editor.toPlainText() == "Written on the desktop this morning.",
        timeout=WAIT,
    )
    assert sharing.shared_part.isVisible() and sharing.passphrase.text() == ""
    assert window.banner.text().endswith("came from your other computer.")
    assert window.sync_line.text().startswith("Your other computer's changes arrived at ")


def test_an_entry_written_on_the_other_computer_arrives_in_the_open_window(
    qapp, qtbot, controllers, vault_path, folder, other
):
    controller, window = open_shared(qapp, qtbot, controllers, shared_vault(vault_path, folder))
    other.share()  # joins: the shared journal comes to it
    today = persons_today()
    window.show_page(Page.TODAY)
    assert window.today.editor.toPlainText() == ""
    # On the other computer: today's note and a journal entry, then its exchange writes its file.
    other.note(today, "Written on the laptop, on the train.")
    other.entry("laptop-1", today, "After the meeting")
    other.exchange()
    # The folder changed: the window exchanges by itself and shows them, with no reopening.
    qtbot.waitUntil(
        lambda: window.today.editor.toPlainText() == "Written on the laptop, on the train.",
        timeout=WAIT,
    )
    assert window.banner.text() == "2 entries came from your other computer."
    now = datetime.now().astimezone()
    assert window.sync_line.text().startswith("Your other computer's changes arrived at ")
    assert window.sync_line.text() == arrival_line(to_iso(utc_now()), now) or now.second < 2
    window.show_page(Page.JOURNAL)
    page = window.journal
    qtbot.waitUntil(lambda: page.entries.count() == 1, timeout=WAIT)
    assert "After the meeting" in page.entries.item(0).text()
    # What the person then writes here goes back through the folder.
    window.show_page(Page.TODAY)
    qtbot.keyClicks(window.today.editor, " Home now.")
    controller.sharing.exchange()
    settle(qtbot, controller)
    other.exchange()
    assert other.vault.notes.get(today).text == "Written on the laptop, on the train. Home now."


def test_news_from_the_other_computer_does_not_push_away_a_notice_that_matters(
    qapp, qtbot, controllers, vault_path, folder, other
):
    controller, window = open_shared(qapp, qtbot, controllers, shared_vault(vault_path, folder))
    other.share()
    window.show_page(Page.TODAY)
    notice = "The vault at journal.rjvault may be damaged: restore a backup."
    window.show_banner(notice)  # as the check after the unlock says it
    other.note(persons_today(), "From the laptop.")
    other.exchange()
    qtbot.waitUntil(lambda: window.today.editor.toPlainText() == "From the laptop.", timeout=WAIT)
    assert window.banner.text() == notice
    assert window.sync_line.text().startswith("Your other computer's changes arrived at ")


def test_exchange_now_in_the_dialog_brings_what_the_other_computer_wrote(
    qapp, qtbot, controllers, vault_path, folder, other
):
    controller, window = open_shared(qapp, qtbot, controllers, shared_vault(vault_path, folder))
    other.share()
    controller.sharing._stop_watching()  # the folder's changes alone: no exchange by itself
    other.note(persons_today(), "Sent from the laptop.")
    other.exchange()
    sharing = controller.open_sharing()
    assert isinstance(sharing, SyncDialog)
    assert sharing.shared_part.isVisible() and not sharing.start_part.isVisible()
    assert sharing.arrived.text() == "Nothing has come from your other computer yet."
    qtbot.mouseClick(sharing.exchange_button, Qt.MouseButton.LeftButton)
    assert not sharing.exchange_button.isEnabled() and sharing.busy.isVisible()
    qtbot.waitUntil(lambda: sharing.exchange_button.isEnabled(), timeout=WAIT)
    assert sharing.busy.isHidden()
    assert sharing.arrived.text().startswith("Your other computer's changes arrived at ")
    window.show_page(Page.TODAY)
    qtbot.waitUntil(
        lambda: window.today.editor.toPlainText() == "Sent from the laptop.", timeout=WAIT
    )


def test_this_computers_own_file_changing_starts_no_exchange(
    qapp, qtbot, controllers, vault_path, folder, other
):
    controller, window = open_shared(qapp, qtbot, controllers, shared_vault(vault_path, folder))
    other.share()
    controller.sharing.exchange()
    settle(qtbot, controller)
    runs = []
    controller.sharing.exchange = lambda **_kw: runs.append(1)
    # This computer's own file written again (as its own exchange does): nothing to read.
    (mine,) = (p for p in folder.iterdir() if p.name == controller.sharing._own)
    mine.write_bytes(mine.read_bytes())
    qtbot.wait(600)
    settle(qtbot, controller)
    assert runs == []
    other.note(persons_today(), "new")
    other.exchange()
    qtbot.waitUntil(lambda: runs == [1], timeout=WAIT)


def test_what_was_written_here_goes_to_the_folder_when_the_journal_locks(
    qapp, qtbot, controllers, vault_path, folder, other
):
    controller, window = open_shared(qapp, qtbot, controllers, shared_vault(vault_path, folder))
    other.share()
    window.show_page(Page.TODAY)
    qtbot.keyClicks(window.today.editor, "Typed a moment before the lock.")
    before = controller.dialog
    controller.lock()
    qtbot.waitUntil(
        lambda: controller.dialog is not before and isinstance(controller.dialog, UnlockDialog),
        timeout=WAIT,
    )
    assert controller.window is None
    qtbot.waitUntil(lambda: controller.worker._vault is None, timeout=WAIT)
    other.exchange()
    assert other.vault.notes.get(persons_today()).text == "Typed a moment before the lock."


def test_what_was_written_here_goes_to_the_folder_when_the_app_closes(
    qapp, qtbot, controllers, vault_path, folder, other
):
    controller, window = open_shared(qapp, qtbot, controllers, shared_vault(vault_path, folder))
    other.share()
    window.show_page(Page.TODAY)
    qtbot.keyClicks(window.today.editor, "Typed just before closing.")
    window.close()
    assert controller.window is None
    controller.shutdown()  # as run_gui does once the event loop ends: waits for the worker
    other.exchange()
    assert other.vault.notes.get(persons_today()).text == "Typed just before closing."


def test_an_exchange_while_the_window_is_closed_for_a_restore_waits_for_the_new_one(
    qapp, qtbot, controllers, vault_path, folder, other
):
    controller, window = open_shared(qapp, qtbot, controllers, shared_vault(vault_path, folder))
    other.share()
    assert controller._close_window_for_now() is not None  # as a restore does, for a moment
    qtbot.wait(50)  # the closed window is deleted
    assert not shiboken6.isValid(window)
    other.note(persons_today(), "Arrived while the window was away.")
    other.exchange()
    controller.sharing.exchange()  # the timer's turn: nothing to save into, nothing said
    settle(qtbot, controller)
    window = controller.show_main_window()
    window.show_page(Page.TODAY)
    qtbot.waitUntil(
        lambda: window.today.editor.toPlainText() == "Arrived while the window was away.",
        timeout=WAIT,
    )
    assert window.sync_line.text().startswith("Your other computer's changes arrived at ")


def test_a_failing_exchange_does_not_keep_the_journal_from_locking(
    qapp, qtbot, controllers, vault_path, folder, monkeypatch
):
    controller, window = open_shared(qapp, qtbot, controllers, shared_vault(vault_path, folder))

    def failing(*_args, **_kwargs):
        raise OSError("the network folder went away")

    monkeypatch.setattr(sharing_module, "exchange", failing)
    before = controller.dialog
    controller.lock()
    qtbot.waitUntil(
        lambda: controller.dialog is not before and isinstance(controller.dialog, UnlockDialog),
        timeout=WAIT,
    )
    qtbot.waitUntil(lambda: controller.worker._vault is None, timeout=WAIT)


def test_a_slow_exchange_keeps_the_passphrase_from_being_asked_two_seconds_at_most(
    qapp, qtbot, controllers, vault_path, folder, monkeypatch
):
    import time

    controller, window = open_shared(qapp, qtbot, controllers, shared_vault(vault_path, folder))

    def slow(*_args, **_kwargs):
        time.sleep(4)  # a network folder that answers slowly

    monkeypatch.setattr(sharing_module, "exchange", slow)
    began = time.monotonic()
    before = controller.dialog
    controller.lock()
    assert controller.window is None  # the journal is off the screen at once
    qtbot.waitUntil(
        lambda: controller.dialog is not before and isinstance(controller.dialog, UnlockDialog),
        timeout=WAIT,
    )
    assert time.monotonic() - began < 3
    qtbot.waitUntil(lambda: controller.worker._vault is None, timeout=WAIT)


def test_a_file_that_cannot_be_used_is_said_once(
    qapp, qtbot, controllers, vault_path, folder, other
):
    controller, window = open_shared(qapp, qtbot, controllers, shared_vault(vault_path, folder))
    # A file still being copied by the sync program: cut short.
    (mine,) = folder.iterdir()
    (folder / "cut.rjsync").write_bytes(mine.read_bytes()[:6000])
    qtbot.waitUntil(lambda: "cut.rjsync" in window.banner.text(), timeout=WAIT)
    assert window.banner.text() == (
        "cut.rjsync in the shared folder is incomplete or damaged, so it was skipped; it is read "
        "again at the next exchange, once the sync program has finished copying it."
    )
    window.banner.dismiss()
    # Five minutes later, and the folder changing again: not said again.
    controller.sharing.exchange()
    settle(qtbot, controller)
    other.share()
    qtbot.waitUntil(lambda: controller.sharing._state is not None, timeout=WAIT)
    qtbot.wait(600)
    settle(qtbot, controller)
    assert window.banner.isHidden()


def test_a_passphrase_changed_on_the_other_computer_is_asked_for_once(
    qapp, qtbot, controllers, vault_path, folder, other
):
    controller, window = open_shared(qapp, qtbot, controllers, shared_vault(vault_path, folder))
    other.share()
    new = "another four calm words"
    sync.follow_passphrase(other.vault, store, new)  # as the window's passphrase change does
    other.note(persons_today(), "After the change on the laptop.")
    other.exchange()
    qtbot.waitUntil(lambda: controller.other_passphrase_dialog is not None, timeout=WAIT)
    asking = controller.other_passphrase_dialog
    assert asking.isVisible()
    assert any(
        "does not open with the passphrase this computer knows" in label.text()
        for label in asking.findChildren(QLabel)
    )
    asking.reject()
    controller.other_passphrase_dialog = None
    # The next exchange by itself does not ask again; the person asking does.
    controller.sharing.exchange()
    settle(qtbot, controller)
    assert controller.other_passphrase_dialog is None
    controller.sharing.exchange(asked=True)
    qtbot.waitUntil(lambda: controller.other_passphrase_dialog is not None, timeout=WAIT)
    asking = controller.other_passphrase_dialog
    qtbot.keyClicks(asking.passphrase, "not the passphrase at all")
    qtbot.keyClick(asking.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: asking.problem.isVisible(), timeout=WAIT)
    assert asking.problem.text() == sync.NotTheFolderPassphrase().message()
    assert asking.passphrase.text() == "not the passphrase at all"
    asking.passphrase.setText(new)
    qtbot.keyClick(asking.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not shiboken6.isValid(asking) or not asking.isVisible(), timeout=WAIT)
    qtbot.waitUntil(
        lambda: window.today.editor.toPlainText() == "After the change on the laptop.",
        timeout=WAIT,
    )


def test_the_line_says_today_yesterday_or_the_date_in_local_time(qapp):
    now = datetime(2026, 12, 6, 15, 0).astimezone()
    moment = now.replace(hour=14, minute=5)
    assert arrival_line(to_iso(moment.astimezone(UTC)), now).replace("\u202f", " ") == (
        "Your other computer's changes arrived at 2:05 PM."
    )
    yesterday = to_iso((moment - timedelta(days=1)).astimezone(UTC))
    assert "arrived yesterday at" in arrival_line(yesterday, now)
    older = to_iso((moment - timedelta(days=3)).astimezone(UTC))
    assert arrival_line(older, now).replace("\xa0", " ") == (
        "Your other computer's changes arrived on December 3, 2026."
    )
    apply_language(qapp, "ru")
    try:
        assert arrival_line(to_iso(moment.astimezone(UTC)), now) == (
            "Изменения с другого компьютера пришли в 14:05."
        )
        assert _("Nothing has come from your other computer yet.") != (
            "Nothing has come from your other computer yet."
        )
    finally:
        apply_language(qapp, "en")


def test_a_shared_journal_open_for_reading_only_exchanges_nothing(
    qapp, qtbot, controllers, tmp_path, folder, other
):
    from tests.places import read_only_view

    path = shared_vault(tmp_path / "source" / "journal.rjvault", folder)
    other.share()
    other.note(persons_today(), "Written on the laptop.")
    other.exchange()
    before = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    with read_only_view(path.parent, tmp_path / "snapshot") as view:
        controller, dialog = start(qapp, controllers, view / path.name)
        window = unlock(qtbot, controller, dialog)
        qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=WAIT)
        settle(qtbot, controller)
        qtbot.wait(300)
        settle(qtbot, controller)
        # The reason nothing can be saved stays in sight, not a failed exchange's sentence.
        assert window.banner.text().startswith("Open for reading only")
        assert window.today.editor.toPlainText() == ""
        controller.lock()
        qtbot.waitUntil(lambda: controller.worker._vault is None, timeout=WAIT)
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == before


def _welcome_joining(qtbot, dialog, folder: Path, passphrase: str) -> None:
    qtbot.keyClicks(dialog.passphrase, passphrase)
    qtbot.keyClicks(dialog.repeat, passphrase)
    qtbot.mouseClick(dialog.joining, Qt.MouseButton.LeftButton)
    assert dialog.folder_row.isVisible() and not dialog.create_button.isEnabled()
    qtbot.keyClicks(dialog.folder, str(folder))
    assert dialog.create_button.text() == "Bring my journal here"
    qtbot.waitUntil(lambda: dialog.create_button.isEnabled(), timeout=WAIT)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)


def test_a_new_computer_brings_the_journal_from_the_folder_at_its_first_run(
    qapp, qtbot, controllers, vault_path, folder, other
):
    """The welcome window of a computer that has no journal yet: "I already keep this journal
    on another computer" with the folder, and the journal appears, passphrase and all."""
    other.note(persons_today(), "Written on the laptop")
    other.share()
    controller, dialog = start(qapp, controllers, vault_path)
    assert isinstance(dialog, CreateVaultDialog)
    _welcome_joining(qtbot, dialog, folder, PASSPHRASE)
    qtbot.waitUntil(lambda: controller.window is not None, timeout=WAIT)
    settle(qtbot, controller)
    window = controller.window
    qtbot.waitUntil(
        lambda: window.today.editor.toPlainText() == "Written on the laptop", timeout=WAIT
    )
    qtbot.waitUntil(lambda: window.sync_line.isVisible(), timeout=WAIT)  # and it goes on sharing


def test_a_wrong_passphrase_for_the_folder_makes_nothing(
    qapp, qtbot, controllers, vault_path, folder, other
):
    other.entry("from-laptop", date(2026, 12, 1), "Written on the laptop")
    other.share()
    controller, dialog = start(qapp, controllers, vault_path)
    _welcome_joining(qtbot, dialog, folder, PASSPHRASE + " but another")
    qtbot.waitUntil(
        lambda: "does not open with this passphrase" in dialog.status.text(), timeout=WAIT
    )
    assert not vault_path.exists() and controller.window is None
    dialog.folder.clear()
    empty = folder.parent / "empty"
    empty.mkdir()
    qtbot.keyClicks(dialog.folder, str(empty))
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: "no shared journal in that folder" in dialog.status.text(), timeout=WAIT
    )
    assert not vault_path.exists()
