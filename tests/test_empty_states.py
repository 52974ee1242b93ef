"""A new journal, and one with a single review, look finished: where there is little or nothing
to show, a calm sentence says so, whole, and agrees with what is beside it."""
# ruff: noqa: F811 - the controllers fixture is imported from test_ui and used as an argument

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtWidgets import QLabel

from recovery_journal.domain.daily import NightlyReview, Rating
from recovery_journal.i18n import ngettext, set_language
from recovery_journal.services.review import review_day
from recovery_journal.store import create_vault
from recovery_journal.ui.pages import Page
from tests.conftest import PASSPHRASE, TEST_KDF
from tests.test_ui import controllers, settle, start, unlock  # noqa: F401 - fixtures and helpers


def _open(qapp, qtbot, controllers, vault_path, one_review: bool = False):
    vault = create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    if one_review:
        with vault.transaction():
            vault.reviews.save(
                NightlyReview(
                    review_day(vault),
                    ratings=(Rating("d.mood", 6), Rating("d.craving", 3)),
                    updated_at=datetime.now(UTC),
                )
            )
    vault.close()
    controller, dialog = start(qapp, controllers, vault_path)
    window = unlock(qtbot, controller, dialog)
    window.resize(1100, 720)
    window.show()
    return controller, window


def test_the_count_of_days_written_and_the_last_days_agree(qapp, qtbot, controllers, vault_path):
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    page = window.today
    qtbot.keyClicks(page.editor, "A first quiet day.")
    page.save_now()
    settle(qtbot, controller)
    assert page.summary.text() == "You have written about 1 day."
    assert not page.summary.isHidden()
    # Today's note is the one day: the list of the days before does not say "nothing yet".
    shown = [page.recent.item(row).text() for row in range(page.recent.count())]
    assert len(shown) == 1 and "Nothing yet" not in shown[0], shown
    assert "first day" in shown[0]


def test_nothing_written_is_not_counted_as_0_days(qapp, qtbot, controllers, vault_path):
    _controller, window = _open(qapp, qtbot, controllers, vault_path)
    page = window.today
    assert page.summary.isHidden()
    assert "Nothing yet" in page.recent.item(0).text()


@pytest.mark.parametrize(
    ("count", "words"),
    [(1, "о 1 дне"), (2, "о 2 днях"), (5, "о 5 днях"), (11, "о 11 днях"), (21, "о 21 дне")],
)
def test_the_days_written_read_right_in_russian(count, words):
    set_language("ru")  # the autouse fixture puts English back
    text = ngettext(
        "You have written about {count} day.", "You have written about {count} days.", count
    )
    assert words in text.format(count=count)


def test_an_empty_timeline_says_so_whole_without_scrolling_sideways(
    qapp, qtbot, controllers, vault_path
):
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    window.show_page(Page.JOURNAL)
    page = window.journal
    settle(qtbot, controller)
    qtbot.wait(20)
    said = [
        label
        for label in page.findChildren(QLabel)
        if label.isVisible() and label.text().startswith("Nothing yet.")
    ]
    assert said, "no sentence says the timeline is empty"
    label = said[0]
    assert label.wordWrap() and label.height() >= label.heightForWidth(label.width())
    if page.timeline.isVisible():
        assert page.timeline.horizontalScrollBar().maximum() == 0


def test_one_review_gives_words_not_bare_dots_or_an_empty_comparison(
    qapp, qtbot, controllers, vault_path
):
    controller, window = _open(qapp, qtbot, controllers, vault_path, one_review=True)
    window.show_page(Page.CHARTS)
    page = window.charts
    qtbot.waitUntil(lambda: page.view is not None, timeout=20_000)
    tabs = {tab.objectName(): tab for tab, _period in page.chart_tabs}
    trends, year_ago = tabs["trends"], tabs["year_ago"]
    for tab in (trends, year_ago):
        page.tabs.setCurrentWidget(tab)
        qtbot.wait(20)
        assert tab.chart.isHidden() and tab.save_button.isHidden(), tab.objectName()
        assert tab.sentences.isVisible()
    assert trends.sentences.text() == (
        "A trend needs a few nights of reviews; after three it starts to show."
    )
    assert "A year from your first review" in year_ago.sentences.text()
    # What one night can show is still drawn: the calendar with its one shaded day.
    calendar = tabs["calendar"]
    page.tabs.setCurrentWidget(calendar)
    qtbot.waitUntil(lambda: calendar.chart.painted_for is page.view, timeout=20_000)
    assert calendar.chart.isVisible() and calendar.chart.axes


def test_no_reviews_yet_is_said_in_words_not_three_zeros(qapp, qtbot, controllers, vault_path):
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    window.show_page(Page.REVIEW)
    page = window.review
    qtbot.waitUntil(lambda: page.sheet is not None, timeout=10_000)
    settle(qtbot, controller)
    assert page.streak.text() == "No reviews yet: tonight's can be the first."
