"""Every SVG the app ships or draws loads in Qt's SVG renderer without a word from Qt.

A chart line with no point at all (a scale never rated, the trends of one night) came out of
matplotlib as a path without data; each one made Qt print "qt.svg: Invalid path data; path
truncated." when the sponsor report drew its charts (twelve in one session).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QtMsgType
from PySide6.QtSvg import QSvgRenderer

from recovery_journal.domain.clean_time import CleanDate
from recovery_journal.domain.daily import NightlyReview, Rating
from recovery_journal.domain.trends import Period
from recovery_journal.services.demo import fill_demo
from recovery_journal.services.review import review_day
from recovery_journal.services.trends import ChartRange, load_charts
from recovery_journal.store import create_vault
from tests.conftest import PASSPHRASE, TEST_KDF, persons_today

ROOT = Path(__file__).resolve().parent.parent
CHARTS = [("trends", None), ("yes_answers", None), ("calendar", None), ("clean_time", None)] + [
    ("comparison", period) for period in Period
]


def _heard(qtlog) -> list[str]:
    """What Qt said (warnings and worse) during the test."""
    return [
        record.message
        for record in qtlog.records
        if record.type in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg)
    ]


def test_the_app_icon_loads_without_a_word(qapp, qtlog):
    svgs = sorted((ROOT / "recovery_journal" / "resources").rglob("*.svg"))
    assert svgs
    for path in svgs:
        assert QSvgRenderer(str(path)).isValid(), path
    assert _heard(qtlog) == []


def _one_night(vault) -> None:
    """One review rating only two scales, and a clean date that began today (no milestone)."""
    today = review_day(vault)
    with vault.transaction():
        vault.reviews.save(
            NightlyReview(
                today,
                ratings=(Rating("d.mood", 6), Rating("d.craving", 3)),
                updated_at=datetime.now(UTC),
            )
        )
        vault.records.save(CleanDate("c.1", "Alcohol", today))


def _thirty_days(vault) -> None:
    fill_demo(vault, 30, "ru", end=persons_today())


@pytest.mark.parametrize("fill", [_one_night, _thirty_days], ids=["one night", "thirty days"])
def test_every_chart_as_svg_loads_without_a_word(qapp, qtlog, vault_path, fill):
    from recovery_journal.ui import charts

    vault = create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    try:
        fill(vault)
        view = load_charts(vault, ChartRange.EVERYTHING)
    finally:
        vault.close()
    for name, period in CHARTS:
        drawn = charts.svg(name, period, view, 6.0, 3.0)
        assert QSvgRenderer(QByteArray(drawn)).isValid(), (name, period)
    assert _heard(qtlog) == []


def test_dollar_signs_in_the_persons_names_are_drawn_as_written(qapp, vault_path):
    """A scale or question the person names with dollar signs ("Spent $5 or $10") was drawn as
    mathematics ("5 or " in italics), and an odd one ("money $\\frac{x$") made the chart fail."""
    from recovery_journal.domain.daily import RatingDimension, ReviewQuestion
    from recovery_journal.ui import charts

    vault = create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    try:
        fill_demo(vault, 30, "en", end=persons_today())
        with vault.transaction():
            scale = next(d for d in vault.records.all(RatingDimension) if d.uid == "d.mood")
            vault.records.save(type(scale)(**{**_fields(scale), "name": "Spent $5 or $10"}))
            question = next(q for q in vault.records.all(ReviewQuestion) if q.uid == "q.kind")
            vault.records.save(type(question)(**{**_fields(question), "text": r"money $\frac{x$"}))
        view = load_charts(vault, ChartRange.EVERYTHING)
    finally:
        vault.close()
    for name, period in CHARTS:
        drawn = charts.svg(name, period, view, 6.0, 3.0).decode()
        assert QSvgRenderer(QByteArray(drawn.encode())).isValid(), (name, period)
    trends = charts.svg("trends", None, view, 6.0, 3.0).decode()
    assert "Spent $5 or $10" in trends


def _fields(record) -> dict:
    from dataclasses import fields

    return {field.name: getattr(record, field.name) for field in fields(record)}
