"""The free journal page driven as a person would, on a real vault: write, format, tag, delete and
undo, "on this day", search results opened, and nothing typed lost when the window goes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Future
from datetime import UTC, date, datetime
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, Qt

from recovery_journal.domain.journal import JournalEntry, Mood
from recovery_journal.domain.notes import DailyNote
from recovery_journal.services.review import review_day
from recovery_journal.services.search import SearchHit, search
from recovery_journal.services.worker import VaultWorker
from recovery_journal.store import create_vault, open_vault
from recovery_journal.ui.operations import Operations
from recovery_journal.ui.pages.journal import JournalPage
from recovery_journal.ui.widgets import qdate
from tests.conftest import PASSPHRASE, TEST_KDF, persons_today

CREATED = datetime(2024, 6, 15, 18, 30, tzinfo=UTC)
WAIT = 5_000


class Opened:
    """A journal page on a vault of its own, with the worker it runs its jobs on."""

    def __init__(self, page: JournalPage, worker: VaultWorker, operations: Operations) -> None:
        self.page = page
        self.worker = worker
        self.operations = operations

    def read(self, job: Callable) -> Any:
        """Ask the vault directly (on its own thread), to see what the page stored."""
        return self.worker.submit(job).result(timeout=10)


@pytest.fixture
def journal(qtbot, vault_path) -> Iterator[Callable[..., Opened]]:
    workers: list[VaultWorker] = []

    def open_page(entries: tuple[JournalEntry, ...] = (), notes: tuple[DailyNote, ...] = ()):
        vault = create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
        for entry in entries:
            vault.journal.save(entry)
        for note in notes:
            vault.notes.save(note)
        vault.close()
        worker = VaultWorker()
        workers.append(worker)
        worker.open(lambda: open_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)).result()
        operations = Operations(worker)
        page = JournalPage(operations)
        qtbot.addWidget(page)
        page.resize(1000, 720)
        page.show()
        qtbot.waitExposed(page)
        page.activateWindow()
        qtbot.waitUntil(lambda: page.view is not None and not page.body.isReadOnly(), timeout=WAIT)
        return Opened(page, worker, operations)

    yield open_page
    for worker in workers:
        worker.shutdown()


def _today(opened: Opened) -> date:
    return opened.read(review_day)


def _entry(uid: str, day: date, title: str, body: str, **more) -> JournalEntry:
    return JournalEntry(uid, day, CREATED, CREATED, title=title, body=body, **more)


def _settle(qtbot, opened: Opened) -> None:
    qtbot.waitUntil(lambda: not opened.operations.busy, timeout=WAIT)


def _saved(qtbot, opened: Opened) -> None:
    qtbot.waitUntil(
        lambda: (
            opened.page.save_state.text().startswith("Saved at")
            and not opened.page.has_unsaved_text()
        ),
        timeout=WAIT,
    )
    _settle(qtbot, opened)


def _ctrl(qtbot, widget, key) -> None:
    qtbot.keyClick(widget, key, Qt.KeyboardModifier.ControlModifier)


def test_an_entry_with_title_bold_list_tags_and_mood_is_kept_after_reopening(
    qtbot, journal, vault_path
):
    opened = journal()
    page = opened.page
    # No day yet: a sentence in the timeline's place.
    assert page.timeline.isHidden() and not page.timeline_empty.isHidden()
    _ctrl(qtbot, page, Qt.Key.Key_N)
    assert page.body.hasFocus()
    qtbot.keyClicks(page.title_edit, "After the meeting")
    qtbot.keyClicks(page.body, "Shared for the first time. ")
    _ctrl(qtbot, page.body, Qt.Key.Key_B)
    qtbot.keyClicks(page.body, "I was heard")
    _ctrl(qtbot, page.body, Qt.Key.Key_B)
    qtbot.keyClicks(page.body, ", and ")
    _ctrl(qtbot, page.body, Qt.Key.Key_I)
    qtbot.keyClicks(page.body, "calm")
    _ctrl(qtbot, page.body, Qt.Key.Key_I)
    qtbot.keyClick(page.body, Qt.Key.Key_Return)
    page.bullets_action.trigger()
    qtbot.keyClicks(page.body, "call my sponsor")
    qtbot.keyClick(page.body, Qt.Key.Key_Return)
    qtbot.keyClicks(page.body, "sleep early")
    qtbot.keyClicks(page.tags_edit, "Meeting, gratitude,  ")
    page.mood.setFocus()
    qtbot.keyClick(page.mood, Qt.Key.Key_Down)  # from "No mood" to "Great"…
    qtbot.keyClick(page.mood, Qt.Key.Key_Down)  # …to "Good"
    assert page.mood.currentText() == "Good"
    assert page.save_state.text() == "Not saved yet…"
    _saved(qtbot, opened)
    day = page.day
    assert day == _today(opened)
    # The timeline names the day with its one entry; the day's list shows the entry.
    qtbot.waitUntil(lambda: "1 entry" in page.timeline.item(0).text(), timeout=WAIT)
    assert "After the meeting" in page.entries.item(0).text()
    assert "Good" in page.entries.item(0).text()
    opened.worker.shutdown()

    vault = open_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    try:
        (entry,) = vault.journal.on_day(day)
    finally:
        vault.close()
    assert entry.title == "After the meeting"
    assert "Shared for the first time. **I was heard**, and *calm*" in entry.body
    assert "- call my sponsor\n- sleep early" in entry.body
    assert entry.tags == frozenset({"meeting", "gratitude"})
    assert entry.mood is Mood.GOOD


def test_editing_an_entry_changes_its_words_and_keeps_it_one_entry(qtbot, journal):
    today = persons_today()
    opened = journal(entries=(_entry("e1", today, "Morning", "Coffee with Ann."),))
    page = opened.page
    qtbot.waitUntil(lambda: page.title_edit.text() == "Morning", timeout=WAIT)
    assert page.body.toPlainText() == "Coffee with Ann."
    page.body.moveCursor(page.body.textCursor().MoveOperation.End)
    qtbot.keyClicks(page.body, " We talked about step four.")
    page.title_edit.clear()
    qtbot.keyClicks(page.title_edit, "Morning with Ann")
    _saved(qtbot, opened)
    entries = opened.read(lambda v: v.journal.on_day(today))
    assert [(e.uid, e.title) for e in entries] == [("e1", "Morning with Ann")]
    assert entries[0].body.strip() == "Coffee with Ann. We talked about step four."
    assert entries[0].created_at == CREATED


def test_delete_then_undo_brings_the_entry_back_whole(qtbot, journal):
    today = persons_today()
    original = _entry(
        "keep", today, "A hard day", "It passed. **I stayed.**",
        tags=frozenset({"cravings"}), mood=Mood.HARD,
    )  # fmt: skip
    opened = journal(entries=(original,))
    page = opened.page
    qtbot.waitUntil(lambda: page.title_edit.text() == "A hard day", timeout=WAIT)
    page.delete_button.click()  # at once: no question asked (a dialog would fail the test)
    qtbot.waitUntil(page.undo_bar.isVisible, timeout=WAIT)
    assert "A hard day" in page.undo_label.text()
    _settle(qtbot, opened)
    assert opened.read(lambda v: v.journal.get("keep")) is None
    assert (
        page.entries.count() == 1 and page.entries.item(0).data(Qt.ItemDataRole.UserRole) != "keep"
    )
    # Ctrl+Z while the bar shows brings it back, the same uid, words, tags, mood and dates.
    page.entries.setFocus()
    _ctrl(qtbot, page.entries, Qt.Key.Key_Z)
    qtbot.waitUntil(lambda: not page.undo_bar.isVisible(), timeout=WAIT)
    qtbot.waitUntil(lambda: page.title_edit.text() == "A hard day", timeout=WAIT)
    _settle(qtbot, opened)
    assert opened.read(lambda v: v.journal.get("keep")) == original
    assert page.entries.currentItem().data(Qt.ItemDataRole.UserRole) == "keep"


def test_delete_without_undo_is_gone_also_from_search(qtbot, journal):
    today = persons_today()
    later = datetime(2024, 6, 15, 21, 0, tzinfo=UTC)
    opened = journal(
        entries=(
            _entry("gone", today, "", "Saw a zebrafinch today."),
            JournalEntry("stay", today, later, later, title="Evening", body="Quiet."),
        )
    )
    page = opened.page
    qtbot.waitUntil(lambda: page.entries.count() == 2, timeout=WAIT)

    def found(vault):
        return [item.ref for item in vault.search.find('"zebrafinch"*', 10)]

    assert opened.read(found) == ["gone"]
    page.entries.setFocus()
    page.entries.setCurrentRow(0)  # the older entry, opened as it is chosen
    assert page.body.toPlainText() == "Saw a zebrafinch today."
    qtbot.keyClick(page.entries, Qt.Key.Key_Delete)
    qtbot.waitUntil(page.undo_bar.isVisible, timeout=WAIT)
    page.dismiss_button.click()
    assert not page.undo_bar.isVisible()
    _settle(qtbot, opened)
    assert opened.read(lambda v: v.journal.get("gone")) is None
    assert opened.read(found) == []
    assert opened.read(lambda v: search(v, "zebrafinch", "en").count) == 0
    assert opened.read(lambda v: v.journal.get("stay")) is not None
    qtbot.waitUntil(lambda: page.entries.count() == 1, timeout=WAIT)
    assert page.title_edit.text() == "Evening"  # the day's other entry is opened
    _ctrl(qtbot, page.entries, Qt.Key.Key_Z)  # nothing to undo any more
    _settle(qtbot, opened)
    assert opened.read(lambda v: v.journal.get("gone")) is None


def test_save_now_while_typing_saves_the_words_and_an_untouched_entry_is_never_kept(qtbot, journal):
    opened = journal()
    page = opened.page
    today = page.day
    page.new_button.click()
    assert page.save_now() == []  # nothing typed: nothing to save, no empty row
    qtbot.keyClicks(page.body, "Written just before the lock")
    (save,) = page.save_now()  # before the autosave's delay has passed, as the window does
    assert isinstance(save, Future)
    stored = save.result(timeout=10).value
    assert stored.body.strip() == "Written just before the lock"
    assert page.save_now() == []  # all saved now
    _settle(qtbot, opened)
    (entry,) = opened.read(lambda v: v.journal.on_day(today))
    assert entry.body.strip() == "Written just before the lock"
    # A second new entry, left empty in the end, is not kept when the page moves on.
    page.new_button.click()
    assert page.entries.count() == 2
    qtbot.keyClicks(page.body, "x")
    qtbot.keyClick(page.body, Qt.Key.Key_Backspace)
    page.go_to_day(date(2020, 1, 1))
    qtbot.waitUntil(lambda: page.day == date(2020, 1, 1), timeout=WAIT)
    _settle(qtbot, opened)
    assert opened.read(lambda v: v.journal.count()) == 1


def test_a_load_asked_before_a_save_never_overwrites_the_newer_words(qtbot, journal):
    opened = journal()
    page = opened.page
    qtbot.keyClicks(page.body, "one")
    (save,) = page.save_now()
    save.result(timeout=10)
    _settle(qtbot, opened)
    page.reload()  # e.g. another page's change: its answer still holds "one"
    qtbot.keyClicks(page.body, " two")
    page.save_now()  # "one two" is saved after that load was asked for
    _settle(qtbot, opened)
    assert page.body.toPlainText() == "one two"
    # The editor was never refilled: the typing is still there to undo with Ctrl+Z.
    assert page.body.document().isUndoAvailable()
    _ctrl(qtbot, page.body, Qt.Key.Key_Z)
    assert page.body.toPlainText() != "one two"


def test_a_failed_save_keeps_the_words_and_saves_them_later(qtbot, journal, vault_path):
    opened = journal()
    page = opened.page
    today = page.day
    opened.worker.close().result(timeout=10)  # as if the vault went away for a moment
    qtbot.keyClicks(page.body, "Words that must not be lost")
    qtbot.waitUntil(
        lambda: page.save_state.text() == "Not saved — your words are still here.", timeout=WAIT
    )
    assert page.has_unsaved_text()
    assert page.body.toPlainText() == "Words that must not be lost"
    # Moving to another day fails to save again; the words wait, they are not dropped.
    page.go_to_day(date(2020, 1, 1))
    _settle(qtbot, opened)
    assert page.has_unsaved_text()
    opened.worker.open(lambda: open_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)).result(
        timeout=10
    )
    (save,) = page.save_now()
    assert isinstance(save, Future)
    assert save.result(timeout=10).value.body.strip() == "Words that must not be lost"
    _settle(qtbot, opened)
    assert not page.has_unsaved_text()
    (entry,) = opened.read(lambda v: v.journal.on_day(today))
    assert entry.body.strip() == "Words that must not be lost"


def test_on_this_day_shows_earlier_years_and_opens_the_entry(qtbot, journal):
    shown, last_year, long_ago = date(2025, 6, 15), date(2024, 6, 15), date(2021, 6, 15)
    opened = journal(
        entries=(
            _entry("y1", last_year, "Picnic by the river", "Sunny."),
            _entry("y4", long_ago, "", "First week without a drink."),
            _entry("other", date(2024, 6, 16), "Not this date", "No."),
        )
    )
    page = opened.page
    assert not page.on_this_day.isVisible()  # today has no earlier years here
    page.date_edit.setDate(qdate(shown))
    qtbot.waitUntil(lambda: page.day == shown and page.on_this_day.count() == 2, timeout=WAIT)
    assert page.on_this_day.isVisible()
    texts = [page.on_this_day.item(row).text() for row in range(2)]
    assert texts == [
        "1 year ago · Picnic by the river",
        "4 years ago · First week without a drink.",
    ]
    qtbot.mouseClick(
        page.on_this_day.viewport(),
        Qt.MouseButton.LeftButton,
        pos=page.on_this_day.visualItemRect(page.on_this_day.item(1)).center(),
    )
    qtbot.waitUntil(lambda: page.day == long_ago, timeout=WAIT)
    assert page.body.toPlainText() == "First week without a drink."
    qtbot.waitUntil(page.body.hasFocus, timeout=WAIT)
    assert page.day_heading.text() == "Tuesday, June 15, 2021"


def test_a_journal_search_result_opens_that_entry(qtbot, journal):
    day = date(2023, 3, 9)
    opened = journal(
        entries=(
            _entry("a", day, "Before work", "Prayed a little."),
            _entry(
                "b",
                day,
                "The amends",
                "Called my brother to make amends.",
                tags=frozenset({"step 9"}),
            ),
            _entry("c", day, "Night", "Tired."),
        )
    )
    page = opened.page
    results = opened.read(lambda v: search(v, "brother", "en"))
    (hit,) = results.hits
    assert isinstance(hit, SearchHit) and hit.kind == "journal" and hit.item_id == "b"
    page.show_item(hit)
    qtbot.waitUntil(
        lambda: page.day == day and page.title_edit.text() == "The amends", timeout=WAIT
    )
    assert page.entries.count() == 3
    assert page.entries.currentItem().data(Qt.ItemDataRole.UserRole) == "b"
    assert page.tags_edit.text() == "step 9"
    qtbot.waitUntil(page.body.hasFocus, timeout=WAIT)


def test_a_note_search_result_shows_that_days_note(qtbot, journal):
    day = date(2023, 3, 9)
    note = DailyNote(day, "Rain all day, but I went to the meeting.", CREATED, CREATED)
    opened = journal(notes=(note,), entries=(_entry("x", day, "Later", "Dinner."),))
    page = opened.page
    assert not page.note_view.isVisible()  # today has no note
    (hit,) = opened.read(lambda v: search(v, "rain", "en")).hits
    assert hit.kind == "note"
    page.show_item(hit)
    qtbot.waitUntil(lambda: page.day == day and page.note_view.isVisible(), timeout=WAIT)
    assert page.note_view.toPlainText() == note.text
    assert page.note_view.isReadOnly()
    assert page.note_label.text() == "Note of the day"
    qtbot.waitUntil(page.note_view.hasFocus, timeout=WAIT)


def test_pasted_web_text_comes_in_plain_and_nothing_is_fetched(qtbot, journal):
    opened = journal()
    page = opened.page
    pasted = QMimeData()
    pasted.setHtml(
        '<p style="color:red">Read <b>this</b> <img src="https://example.com/t.png"></p>'
    )
    page.body.insertFromMimeData(pasted)
    markdown = page.body.toMarkdown()
    assert "Read this" in markdown
    assert "**" not in markdown and "example.com" not in markdown and "color" not in markdown
    # An image link typed in Markdown stays a link: nothing is loaded for it.
    assert page.body.loadResource(2, "https://example.com/t.png") is None
    page.save_now()
    _settle(qtbot, opened)


def test_words_that_look_like_html_come_back_whole(qtbot, journal):
    today = persons_today()
    body = "She said <i>felt</i> small today and I cried.\n\nA <!-- note --> and <?x?> too.\n"
    opened = journal(entries=(_entry("html", today, "Odd marks", body),))
    page = opened.page
    qtbot.waitUntil(lambda: page.title_edit.text() == "Odd marks", timeout=WAIT)
    shown = page.body.toPlainText()
    assert "She said <i>felt</i> small today and I cried." in shown
    assert "A <!-- note --> and <?x?> too." in shown
    page.body.moveCursor(page.body.textCursor().MoveOperation.End)
    qtbot.keyClicks(page.body, " ok")  # an edit saves what is shown: it must be all of it
    _saved(qtbot, opened)
    stored = opened.read(lambda v: v.journal.get("html")).body
    page.go_to_day(today.replace(day=1) if today.day != 1 else today.replace(day=2))
    _settle(qtbot, opened)
    page.go_to_day(today, select="html")
    qtbot.waitUntil(lambda: page.title_edit.text() == "Odd marks", timeout=WAIT)
    assert "small today and I cried." in page.body.toPlainText()
    assert "<?x?> too. ok" in page.body.toPlainText()
    assert "cried" in stored


def test_going_back_to_an_entry_while_the_vault_is_busy_shows_its_newest_words(qtbot, journal):
    today = persons_today()
    opened = journal(
        entries=(
            _entry("a", today, "First", "A words"),
            JournalEntry("b", today, CREATED.replace(hour=19), CREATED, "Second", "B words"),
        )
    )
    page = opened.page
    qtbot.waitUntil(lambda: page.entries.count() == 2, timeout=WAIT)
    page.entries.setCurrentRow(0)
    qtbot.waitUntil(lambda: page.title_edit.text() == "First", timeout=WAIT)
    page.body.moveCursor(page.body.textCursor().MoveOperation.End)
    qtbot.keyClicks(page.body, " and a long paragraph")
    # The vault thread is busy (an export, say) while the person moves B and back to A.
    release = Future()
    opened.worker.submit(lambda vault: release.result(timeout=10))
    page.entries.setCurrentRow(1)
    assert page.title_edit.text() == "Second"
    page.entries.setCurrentRow(0)
    assert "and a long paragraph" in page.body.toPlainText()
    page.body.moveCursor(page.body.textCursor().MoveOperation.End)
    qtbot.keyClicks(page.body, " P.S.")
    release.set_result(None)
    _saved(qtbot, opened)
    stored = opened.read(lambda v: v.journal.get("a")).body.strip()
    assert stored == "A words and a long paragraph P.S."


def test_deleting_an_entry_with_a_long_first_line_keeps_the_page_in_the_window(qtbot, journal):
    """The bar named the entry by its whole first line: a long one pushed the page to about
    1,950 px, and Undo went off the side of an ordinary window."""
    today = persons_today()
    words = "I finally wrote down everything that happened at my sister's wedding " * 8
    opened = journal(entries=(_entry("long", today, "", words),))
    page = opened.page
    page.resize(1000, 700)
    qtbot.waitUntil(lambda: page.body.toPlainText().startswith("I finally"), timeout=WAIT)
    page.delete_button.click()
    qtbot.waitUntil(page.undo_bar.isVisible, timeout=WAIT)
    assert page.minimumSizeHint().width() < 1000
    assert page.undo_label.text().startswith("Entry deleted: I finally wrote down")
    assert page.undo_label.text().endswith("…")
    assert words.strip() in page.undo_label.toolTip()
