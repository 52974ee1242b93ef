"""What a "yes" says: a yes to "was I kind" is good news, a yes to "was I resentful" marks a
harder day, and the person's own questions (or our questions in their words) are theirs."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from recovery_journal.domain.daily import (
    AnswerKind,
    NightlyReview,
    ReviewAnswer,
    ReviewQuestion,
    YesMeans,
    yes_means,
)
from recovery_journal.services.report import build_report
from recovery_journal.services.report_blocks import Chart
from recovery_journal.services.report_choices import ReportChoices, Section
from recovery_journal.services.trends import ChartRange, load_charts
from recovery_journal.ui.charts import BETTER, QUIET

TODAY = date(2026, 11, 23)
NIGHTS = 3 * 365  # years of weeks: many cells, as a long report has


@pytest.mark.parametrize(
    ("builtin", "means"),
    [
        ("kind", YesMeans.GOOD),
        ("others", YesMeans.GOOD),
        ("resentful", YesMeans.HARD),
        ("selfish", YesMeans.HARD),
        ("dishonest", YesMeans.HARD),
        ("afraid", YesMeans.HARD),
        ("apology", YesMeans.HARD),
        ("kept_secret", YesMeans.HARD),
        ("worry", YesMeans.HARD),
    ],
)
def test_each_shipped_question_has_its_direction(builtin, means):
    assert yes_means(ReviewQuestion("q", builtin=builtin)) is means


def test_every_shipped_yes_no_question_has_a_direction(new_vault):
    questions = new_vault.records.all(ReviewQuestion)
    shipped = [q for q in questions if q.builtin and q.kind is AnswerKind.YES_NO]
    assert len(shipped) >= 9
    assert all(yes_means(q) is not YesMeans.NEITHER for q in shipped)


def test_the_persons_own_words_are_theirs_to_judge():
    kind = ReviewQuestion("q", builtin="kind")
    assert yes_means(replace(kind, text="Was I unkind?")) is YesMeans.NEITHER  # reworded
    assert yes_means(ReviewQuestion("q", "Did I go for a walk?")) is YesMeans.NEITHER
    assert yes_means(replace(kind, kind=AnswerKind.TEXT)) is YesMeans.NEITHER


def _nights(vault, nights=14):
    questions = {
        q.builtin: q for q in vault.records.all(ReviewQuestion) if q.kind is AnswerKind.YES_NO
    }
    with vault.transaction():
        for offset in range(nights):
            day = TODAY - timedelta(days=offset)
            # Every night in the short run; most nights, week by week differently, in the long.
            yes = nights <= 14 or offset % (2 + offset // 7 % 3) != 0
            answers = (
                ReviewAnswer(questions["kind"].uid, yes),
                ReviewAnswer(questions["resentful"].uid, yes),
            )
            written = datetime.combine(day, datetime.min.time(), UTC)
            vault.reviews.save(NightlyReview(day, answers, (), written))


def test_the_chart_colours_each_question_by_what_its_yes_says(new_vault):
    from recovery_journal.ui import charts

    _nights(new_vault)
    view = load_charts(new_vault, ChartRange.EVERYTHING, span=(TODAY - timedelta(days=13), TODAY))
    drawn = charts.svg("yes_answers", None, view, 6, 4, numbered=True).decode()
    # Every night "yes" to both: full green for the kind one, full orange for the resentful one.
    assert BETTER.lower() in drawn.lower() and QUIET.lower() in drawn.lower()
    assert "good news" in drawn and "harder day" in drawn


def test_the_reports_legend_says_what_each_yes_means(new_vault):
    _nights(new_vault)
    choices = ReportChoices(
        sections=frozenset({Section.CHARTS}), first=TODAY - timedelta(days=13), last=TODAY
    )
    (part,) = build_report(new_vault, choices, TODAY).parts
    (chart,) = [b for b in part.blocks if isinstance(b, Chart) and b.name == "yes_answers"]
    assert 'Was I kind and loving towards others? — "yes" is good news' in chart.legend
    assert 'Was I resentful today? — "yes" marks a harder day' in chart.legend


def test_in_the_pdf_each_row_keeps_its_own_colour(qapp, new_vault):
    """Drawn into the PDF (Qt's PDF engine, not a picture), the rows of good news stayed green:
    one mesh per colour with the other rows masked had them painted a flat orange."""
    import pymupdf

    from recovery_journal.ui.report_pdf import prepare_fonts, render_pdf

    prepare_fonts()
    _nights(new_vault, NIGHTS)
    choices = ReportChoices(
        sections=frozenset({Section.CHARTS}), first=TODAY - timedelta(days=NIGHTS - 1), last=TODAY
    )
    report = build_report(new_vault, choices, TODAY)
    document = pymupdf.open(stream=render_pdf(report), filetype="pdf")
    greens = oranges = 0
    for page in document:
        pixmap = page.get_pixmap(dpi=40)
        for y in range(0, pixmap.height, 2):
            for x in range(0, pixmap.width, 2):
                red, green, blue = pixmap.pixel(x, y)[:3]
                greens += green > red + 40 and green > blue
                oranges += red > blue + 80 and red > green
    # Both answered "yes" on the same nights: about as much green (kind) as orange (resentful).
    assert greens > 0.5 * oranges > 20, (greens, oranges)
