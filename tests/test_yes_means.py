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


def _nights(vault):
    questions = {
        q.builtin: q for q in vault.records.all(ReviewQuestion) if q.kind is AnswerKind.YES_NO
    }
    with vault.transaction():
        for offset in range(14):
            day = TODAY - timedelta(days=offset)
            answers = (
                ReviewAnswer(questions["kind"].uid, True),
                ReviewAnswer(questions["resentful"].uid, True),
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
