"""The "Better than yesterday" page renders every chart for empty, one-day, 90-day and ten-year
vaults, and saves a chart as PNG and SVG."""
# ruff: noqa: F811 - the controllers fixture is imported from test_ui and used as an argument

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtWidgets import QFileDialog

from recovery_journal.domain.daily import NightlyReview, Rating
from recovery_journal.services.demo import fill_demo
from recovery_journal.services.review import review_day
from recovery_journal.store import create_vault
from recovery_journal.ui.pages import Page
from tests.conftest import PASSPHRASE, TEST_KDF
from tests.test_ui import controllers, settle, start, unlock  # noqa: F401


def _make(vault_path, days: int) -> None:
    vault = create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    if days == 1:
        with vault.transaction():
            vault.reviews.save(
                NightlyReview(
                    review_day(vault),
                    ratings=(Rating("d.mood", 6), Rating("d.craving", 3)),
                    updated_at=datetime.now(UTC),
                )
            )
    elif days:
        fill_demo(vault, days, "en", end=date.today())
    vault.close()


def _open_charts(qapp, qtbot, controllers, vault_path):
    controller, dialog = start(qapp, controllers, vault_path)
    window = unlock(qtbot, controller, dialog)
    window.show_page(Page.CHARTS)
    page = window.charts
    qtbot.waitUntil(lambda: page.view is not None, timeout=20_000)
    return controller, window, page


def test_no_data_is_an_invitation_not_an_empty_axis(qapp, qtbot, controllers, vault_path):
    _make(vault_path, 0)
    _controller, window, page = _open_charts(qapp, qtbot, controllers, vault_path)
    assert page.stack.currentWidget() is page.invitation
    assert all(tab.canvas is None for tab, _period in page.chart_tabs)


@pytest.mark.parametrize("days", [1, 90, 3650])
def test_every_chart_draws(qapp, qtbot, controllers, vault_path, days):
    _make(vault_path, days)
    controller, window, page = _open_charts(qapp, qtbot, controllers, vault_path)
    assert page.stack.currentWidget() is page.tabs
    for index, (tab, period) in enumerate(page.chart_tabs):
        page.tabs.setCurrentIndex(index)
        qtbot.waitUntil(lambda tab=tab: tab.drawn_for is page.view)
        assert tab.canvas.figure.axes, f"{tab.objectName()} drew nothing"
        if period is not None and days > 1:
            assert tab.sentences.text(), tab.objectName()
    today = page.chart_tabs[0][0].sentences.text()
    assert "Mood: " in today and "Craving: " in today
    # Another range redraws the visible chart from new data.
    before = page.view
    page.range.setCurrentIndex(3)  # everything
    page.reload()
    qtbot.waitUntil(lambda: page.view is not before, timeout=20_000)
    qtbot.waitUntil(lambda: page.chart_tabs[-1][0].drawn_for is page.view)


def test_a_chart_is_saved_as_png_and_svg(
    qapp, qtbot, controllers, vault_path, tmp_path, monkeypatch
):
    _make(vault_path, 90)
    _controller, window, page = _open_charts(qapp, qtbot, controllers, vault_path)
    tab = page.chart_tabs[0][0]
    qtbot.waitUntil(lambda: tab.drawn_for is page.view)
    for suffix, magic in ((".png", b"\x89PNG"), (".svg", b"<?xml")):
        target = tmp_path / f"chart{suffix}"
        monkeypatch.setattr(
            QFileDialog, "getSaveFileName", lambda *args, target=target: (str(target), "")
        )
        tab.save_button.click()
        assert target.read_bytes().startswith(magic)
    assert b"Mood" in (tmp_path / "chart.svg").read_bytes()
