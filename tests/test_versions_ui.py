"""Written on two computers, in the window (issue 24): the banner after unlock, the dialog with
both versions readable, Keep this one settling it on the page, closing keeping both; and another
copy of the journal merged from the window, a sync tool's copy offered after unlock."""
# ruff: noqa: F811 - the controllers fixture is imported from test_ui and used as an argument

from __future__ import annotations

import json
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from recovery_journal import store
from recovery_journal.domain.inventory import Resentment
from recovery_journal.domain.journal import JournalEntry
from recovery_journal.domain.notes import DailyNote
from recovery_journal.services import sync
from recovery_journal.services.export import _entry_to_plain, record_to_plain
from recovery_journal.services.sync_copies import MERGED_FOLDER
from recovery_journal.services.sync_records import words_of
from recovery_journal.store import vault_file
from recovery_journal.ui.merge_dialog import MergeDialog
from recovery_journal.ui.versions_dialog import (
    VersionsDialog,
    Written,
    version_html,
    written_line,
)
from tests.conftest import PASSPHRASE, TEST_KDF, persons_today
from tests.test_keychain import _unlock_typing, memory_keyring  # noqa: F401 - a fixture
from tests.test_sync_vaults import Computer
from tests.test_ui import controllers, settle, shown_window, start, unlock  # noqa: F401 - fixtures and helpers

LAPTOP = "Walked to the meeting with Dana; we talked about step four."
DESKTOP = "Quiet evening. Wrote out my resentments list at last."


@pytest.fixture(autouse=True)
def quick_keys(monkeypatch):
    monkeypatch.setattr(vault_file, "KDF_ITERATIONS", TEST_KDF)


def written_twice(tmp_path: Path) -> Path:
    """Today's note written on two computers sharing a folder, then exchanged: the desktop's
    vault (returned) shows one and keeps the other."""
    folder = tmp_path / "shared"
    folder.mkdir()
    desktop = Computer(tmp_path, "desktop", folder)
    laptop = Computer(tmp_path, "laptop", folder)
    desktop.share()
    laptop.share()
    today = persons_today()
    desktop.note(today, DESKTOP)
    laptop.note(today, LAPTOP)
    desktop.exchange()
    laptop.exchange()
    desktop.exchange()
    assert len(sync.to_choose(desktop.vault)) == 1
    desktop.close()
    laptop.close()
    return desktop.path


def _dialog(qtbot, kind):
    found: list = []

    def shown() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind)]
        return any(w.isVisible() for w in found)

    qtbot.waitUntil(shown, timeout=10_000)
    return next(w for w in found if w.isVisible())


def _waiting(controller) -> int:
    return controller.operations.run(lambda v: len(sync.to_choose(v))).result(timeout=10)


def test_the_banner_says_so_and_the_dialog_shows_both_as_written(
    qapp, qtbot, controllers, tmp_path
):
    path = written_twice(tmp_path)
    controller, window = shown_window(qapp, qtbot, controllers, path)
    qtbot.waitUntil(lambda: window.banner.offers() == "Compare…", timeout=10_000)
    assert "1 record was written on both computers at once" in window.banner.text()
    assert window.written_twice_action.isEnabled()
    qtbot.mouseClick(window.banner.action_button, Qt.MouseButton.LeftButton)
    dialog = _dialog(qtbot, VersionsDialog)
    qtbot.waitUntil(lambda: dialog.records.count() == 1, timeout=10_000)
    name = dialog.records.item(0).text()
    assert name.startswith("Notes of the day") and str(persons_today().year) in name
    texts = [label.text() for label in dialog.texts]
    # The words as written, never the record's JSON.
    assert {LAPTOP in t for t in texts} == {True, False} and any(DESKTOP in t for t in texts)
    assert not any("{" in t or "updated_at" in t for t in texts)
    said = " ".join(button.accessibleName() for button in dialog.keep_buttons)
    assert "Written on this computer" in said and "Written on the other computer" in said
    assert len(dialog.keep_buttons) == 2
    dialog.close()


def test_keep_this_one_settles_it_and_the_page_shows_the_kept_words(
    qapp, qtbot, controllers, tmp_path
):
    path = written_twice(tmp_path)
    controller, window = shown_window(qapp, qtbot, controllers, path)
    shown = window.today.editor.toPlainText()
    other = LAPTOP if shown == DESKTOP else DESKTOP
    window.written_twice_action.trigger()
    dialog = _dialog(qtbot, VersionsDialog)
    qtbot.waitUntil(lambda: len(dialog.keep_buttons) == 2, timeout=10_000)
    (row,) = [i for i, label in enumerate(dialog.texts) if other in label.text()]
    assert row == 1  # the version its page does not show comes second
    qtbot.mouseClick(dialog.keep_buttons[row], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.records.count() == 0, timeout=10_000)
    assert "Nothing is left to choose" in dialog.summary.text()
    settle(qtbot, controller)
    qtbot.waitUntil(lambda: window.today.editor.toPlainText() == other, timeout=10_000)
    assert not window.written_twice_action.isEnabled()
    assert _waiting(controller) == 0
    dialog.close()


def test_closing_the_dialog_keeps_both(qapp, qtbot, controllers, tmp_path):
    path = written_twice(tmp_path)
    controller, window = shown_window(qapp, qtbot, controllers, path)
    shown = window.today.editor.toPlainText()
    dialog = window.open_versions()
    qtbot.waitUntil(lambda: len(dialog.keep_buttons) == 2, timeout=10_000)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    settle(qtbot, controller)
    assert _waiting(controller) == 1
    assert window.written_twice_action.isEnabled()
    assert window.today.editor.toPlainText() == shown


def _copy_beside(tmp_path: Path) -> tuple[Path, Path]:
    """A vault and a Dropbox conflicted copy of it, each with a day only it has."""
    path = tmp_path / "journal.rjvault"
    vault = store.create_vault(path, PASSPHRASE, kdf_iterations=TEST_KDF)
    moment = datetime(2026, 12, 1, 9, tzinfo=UTC)
    with vault.transaction():
        vault.notes.save(DailyNote(date(2026, 12, 1), "on both", moment, moment))
    vault.close()
    copy = tmp_path / "journal (Sam's conflicted copy 2026-12-06).rjvault"
    shutil.copy(path, copy)
    other = store.open_vault(copy, PASSPHRASE, kdf_iterations=TEST_KDF)
    with other.transaction():
        other.notes.save(DailyNote(date(2026, 12, 2), "only in the copy", moment, moment))
    other.close()
    return path, copy


def test_a_sync_tools_copy_is_offered_after_unlock_and_merged_with_its_passphrase(
    qapp, qtbot, controllers, tmp_path
):
    path, copy = _copy_beside(tmp_path)
    before = copy.read_bytes()
    controller, window = shown_window(qapp, qtbot, controllers, path)
    qtbot.waitUntil(lambda: window.banner.offers() == "Merge…", timeout=10_000)
    assert copy.name in window.banner.text()
    qtbot.mouseClick(window.banner.action_button, Qt.MouseButton.LeftButton)
    dialog = _dialog(qtbot, MergeDialog)
    qtbot.keyClicks(dialog.passphrase, "not the passphrase")
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.problem.isVisible(), timeout=10_000)
    assert "passphrase" in dialog.problem.text() and copy.exists()
    dialog.passphrase.clear()
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "came in from it" in window.banner.text(), timeout=10_000)
    assert "Merged journal (Sam's conflicted copy 2026-12-06).rjvault: 1 record came in" in (
        window.banner.text()
    )
    settle(qtbot, controller)
    text = controller.operations.run(lambda v: v.notes.get(date(2026, 12, 2)).text)
    assert text.result(timeout=10) == "only in the copy"
    # Moved aside whole, and not offered again.
    assert not copy.exists()
    moved = tmp_path / "journal backups" / MERGED_FOLDER / copy.name
    assert moved.read_bytes() == before
    window.look_for_copies()
    settle(qtbot, controller)
    assert window.banner.offers() != "Merge…"


def test_a_merge_chosen_from_the_menu_leads_to_the_choice(qapp, qtbot, controllers, tmp_path):
    path = written_twice(tmp_path)
    carried = tmp_path / "carried.rjvault"
    shutil.copy(tmp_path / "laptop.rjvault", carried)
    controller, window = shown_window(qapp, qtbot, controllers, path)
    dialog = window.open_merge(carried)
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.banner.text().startswith("Merged carried"), timeout=10_000)
    assert "both versions are kept" in window.banner.text()
    assert window.banner.offers() == "Compare…" and carried.exists()


def test_each_kind_reads_as_written(qapp):
    moment = datetime(2026, 12, 6, 9, tzinfo=UTC)
    entry = JournalEntry(
        "e1",
        date(2026, 12, 6),
        moment,
        moment,
        "A hard day",
        "Called **Sam**.",
        frozenset({"calm"}),
    )
    shown = version_html(("journal", "e1"), words_of(_entry_to_plain(entry)), {})
    assert "<b>A hard day</b>" in shown and "Called Sam." in shown and "#calm" in shown
    row = Resentment(
        "r1", who="My boss", cause="Passed me over", affects=frozenset({"pride", "security"})
    )
    shown = version_html(("inventory.resentments", "r1"), words_of(record_to_plain(row)), {})
    assert (
        "<b>Who or what</b><br>My boss" in shown and "<b>The cause</b><br>Passed me over" in shown
    )
    assert "uid" not in shown and "r1" not in shown
    # Ticks as the worksheet words them: two rows differing only there do not read the same.
    assert "<b>What it affects</b><br>Pride, Security" in shown
    gone = Written(None, moment, here=False, shown=False)
    assert written_line(gone).startswith("Kept beside it · Deleted on the other computer, ")
    note = json.dumps({"day": "2026-12-06", "text": "a <b> & line\nand more"})
    assert version_html(("daily_notes", "2026-12-06"), note, {}) == (
        "<p>a &lt;b&gt; &amp; line<br>and more</p>"
    )


def test_a_copy_opens_with_the_remembered_key_without_typing(
    qapp, qtbot, controllers, tmp_path, memory_keyring
):
    path, copy = _copy_beside(tmp_path)
    controller, dialog = start(qapp, controllers, path)
    window = _unlock_typing(qtbot, controller, dialog, remember=True)
    qtbot.waitUntil(lambda: bool(memory_keyring.entries), timeout=10_000)
    merge = window.open_merge(copy)
    qtbot.waitUntil(lambda: merge.passphrase.isHidden(), timeout=10_000)
    qtbot.mouseClick(merge.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "1 record came in" in window.banner.text(), timeout=10_000)


def test_a_copy_under_another_passphrase_asks_for_it(
    qapp, qtbot, controllers, tmp_path, memory_keyring
):
    path, copy = _copy_beside(tmp_path)
    other = store.open_vault(copy, PASSPHRASE, kdf_iterations=TEST_KDF)
    store.change_passphrase(other, PASSPHRASE, "changed on the laptop")[0].close()
    controller, dialog = start(qapp, controllers, path)
    window = _unlock_typing(qtbot, controller, dialog, remember=True)
    qtbot.waitUntil(lambda: bool(memory_keyring.entries), timeout=10_000)
    merge = window.open_merge(copy)
    qtbot.waitUntil(lambda: merge.passphrase.isHidden(), timeout=10_000)
    qtbot.mouseClick(merge.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: merge.passphrase.isVisible(), timeout=10_000)
    assert "does not open with the passphrase this journal remembers" in merge.problem.text()
    qtbot.keyClicks(merge.passphrase, "changed on the laptop")
    qtbot.keyClick(merge.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "1 record came in" in window.banner.text(), timeout=10_000)
