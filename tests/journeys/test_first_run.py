"""A person's first evening with the journal, in English and in Russian: the real program,
driven only from outside, then the vault read back to see that every word landed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from recovery_journal.domain.clean_time import CleanDate
from recovery_journal.domain.inventory import Amend
from tests.conftest import persons_today
from tests.journeys.atspi import wait_for
from tests.journeys.labels import LABELS, Labels
from tests.journeys.person import (
    create_journal,
    go_to,
    page_shown,
    read_vault,
    tab_to,
    unlock,
)


def _walk_the_guide(app, say: Labels) -> None:
    guide = app.wait_for_node("dialog", contains=say.guide_title)
    for page in range(1, 5):
        app.wait_for_node("label", say.guide_position.format(n=page, count=5), within=guide)
        app.desktop.key("Return")  # Next is the default button
    app.wait_for_node("push button", say.guide_start, within=guide)
    app.desktop.key("Return")
    wait_for(lambda: not [w for w in app.windows() if w.role == "dialog"], 10, "the guide closed")


def _write_todays_note(app, say: Labels, words: str) -> None:
    go_to(app, say.today)
    note = app.wait_for_node("text", say.today_note, within="frame")
    app.desktop.click(note)
    app.desktop.type(words)
    app.wait_for_node("label", contains=say.saved_at, within="frame")


def _tonights_review_with_the_keyboard(app, say: Labels) -> None:
    app.desktop.key("ctrl+r")
    wait_for(lambda: page_shown(app) == say.review, 10, "the review page")
    app.wait_for_focus("combo box")  # the first question's yes/no
    app.desktop.key("y", "Tab")
    app.desktop.type(say.review_note)
    app.desktop.key("Tab")
    for _question in range(4):
        app.desktop.key("n", "Tab", "Tab")
    app.desktop.key("ctrl+s")
    app.wait_for_node("label", say.review_saved, within="frame")


def _a_journal_entry(app, say: Labels) -> None:
    go_to(app, say.journal)
    app.desktop.click(app.wait_for_node("push button", say.new_entry, within="frame"))
    app.wait_for_focus("text", say.entry_words_box)
    app.desktop.type(say.entry_words)
    app.desktop.click(app.wait_for_node("text", say.entry_title, within="frame"))
    app.desktop.type(say.entry_heading)
    app.wait_for_node("list item", contains=say.entry_heading, within="frame")


def _step_one_answer(app, say: Labels) -> None:
    go_to(app, say.steps)
    app.desktop.click(app.wait_for_node("push button", contains=say.continue_step, within="frame"))
    answer = wait_for(
        lambda: (
            (node := app.focused()) is not None
            and node.role == "text"
            and node.name != say.search_box
            and node
        ),
        15,
        "the keyboard in the step's answer (not the search box)",
    )
    app.desktop.type(say.step_answer)
    wait_for(lambda: say.step_answer in answer.text, 10, "the step 1 answer in its box")
    app.wait_for_node("label", contains=say.step_saved, within="frame")


CLEAN_DAYS = 90
CELLS = ("cell", "table cell")


def _a_clean_date(app, say: Labels) -> date:
    since = persons_today() - timedelta(days=CLEAN_DAYS)
    go_to(app, say.practice)
    table = app.wait_for_node("table", say.clean_dates, within="frame")
    app.desktop.click(app.wait_for_node("push button", say.add, within="frame"))
    # The new row, with its first cell open for typing, as the person sees it.
    wait_for(lambda: any(c.role in CELLS for c in table.children()), 10, "a new row")
    app.desktop.type(say.clean_from)
    app.desktop.key("Tab")
    app.desktop.type(since.strftime(say.date_typed))
    app.desktop.key("Return")
    # The counter, named "Alcohol: 90 days" for a screen reader.
    app.wait_for_node("label", f"{say.clean_from}: {say.ninety_days}", within="frame")
    return since


def _a_resentment_to_step_8(app, say: Labels) -> None:
    go_to(app, say.inventory)
    app.desktop.click(app.wait_for_node("push button", say.add, within="frame"))
    app.desktop.click(app.wait_for_node("text", say.who, within="frame"))
    app.desktop.type(say.resentment_who)
    app.desktop.key("Tab")
    app.desktop.type(say.resentment_cause)
    tab_to(app, "check box", say.frightened)
    app.desktop.key("space")
    tab_to(app, "text", say.my_part_notes)
    app.desktop.type(say.resentment_my_part)
    app.desktop.click(app.wait_for_node("push button", say.to_step8, within="frame"))
    app.desktop.click(app.wait_for_node("page tab", say.step8_tab, within="frame"))
    step8 = app.wait_for_node("table", say.step8_tab, within="frame")
    wait_for(
        lambda: say.resentment_my_part in [cell.name for cell in step8.children()],
        10,
        "my part as the harm on the step 8 list",
    )
    cells = [cell.name for cell in step8.children()]
    assert say.resentment_cause not in cells, "their action was filed as my harm"


def _search_and_open(app, say: Labels) -> None:
    """Ctrl+F from anywhere, a word from the journal entry, Enter: that very entry opens."""
    go_to(app, say.today)
    app.desktop.key("ctrl+f")
    app.wait_for_focus("text", say.search_box)
    app.desktop.type(say.search_word)
    app.desktop.key("Return")
    wait_for(lambda: page_shown(app) == say.journal, 10, "the entry's page")
    title = app.wait_for_node("text", say.entry_title, within="frame")
    wait_for(lambda: title.text == say.entry_heading, 10, "the entry found, open")


def _the_sponsor_report(app, say: Labels, target) -> None:
    app.desktop.key("ctrl+p")
    dialog = app.wait_for_node("dialog", contains=say.report_title)
    app.desktop.click(app.wait_for_node("push button", say.save_pdf, within=dialog))
    app.wait_for_focus("text")  # the file name, in the save dialog
    app.desktop.key("ctrl+a")
    app.desktop.type(str(target))
    app.desktop.key("Return")
    app.wait_for_node("label", contains=say.saved_to, within=dialog, seconds=60)
    app.desktop.key("Escape")
    wait_for(lambda: not [w for w in app.windows() if w.role == "dialog"], 10, "the dialog shut")


@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_first_evening(launch, language, tmp_path):
    say = LABELS[language]
    app = launch(language=language)
    create_journal(app)
    _walk_the_guide(app, say)
    _write_todays_note(app, say, say.today_words)
    _tonights_review_with_the_keyboard(app, say)
    _a_journal_entry(app, say)
    since = _a_clean_date(app, say)
    _a_resentment_to_step_8(app, say)
    _step_one_answer(app, say)
    _search_and_open(app, say)
    report = tmp_path / "for my sponsor.pdf"
    _the_sponsor_report(app, say, report)
    app.desktop.key("ctrl+q")
    assert app.wait_exit(30) == 0

    # Next morning, as it were: everything is there on screen...
    again = launch(vault=app.vault, language=language)
    unlock(again)
    go_to(again, say.today)
    note = again.wait_for_node("text", say.today_note, within="frame")
    assert note.text == say.today_words
    again.desktop.key("ctrl+q")
    assert again.wait_exit(30) == 0

    # ...in the report...
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(report).pages)
    assert say.report_heading in text and say.clean_from in text

    # ...and in the vault.
    vault = read_vault(app.vault)
    try:
        assert [n.text for n in vault.notes.all()] == [say.today_words]
        (review,) = vault.reviews.all()
        resentful = review.answer("q.resentful")
        assert resentful is not None and resentful.yes and resentful.note == say.review_note
        assert [review.answer(uid).yes for uid in ("q.selfish", "q.afraid")] == [False, False]
        (entry,) = vault.journal.all()
        assert entry.title == say.entry_heading and say.entry_words in entry.body
        assert say.step_answer in [answer.text for answer in vault.steps.answers(1).values()]
        (clean,) = vault.records.all(CleanDate)
        assert (clean.name, clean.since) == (say.clean_from, since)
        (amend,) = vault.records.all(Amend)
        assert amend.person == say.resentment_who and amend.harm == say.resentment_my_part
    finally:
        vault.close()
