"""The report's first page, a letter: its figures on a small journal built here, what the person
wants to talk over kept with the report's choices, and the sponsor's notes with the answers."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest

from recovery_journal.domain.clean_time import CleanDate
from recovery_journal.domain.daily import Meeting, NightlyReview, Rating, RatingDimension
from recovery_journal.domain.reply_layout import SPONSOR_NAME
from recovery_journal.domain.sponsor_notes import About, note_from_reply
from recovery_journal.domain.steps import Answer, StepStatus
from recovery_journal.domain.trends import Verdict
from recovery_journal.services.report import build_report
from recovery_journal.services.report_blocks import Heading, Paragraph, Reply, Table
from recovery_journal.services.report_choices import (
    DEFAULT_SECTIONS,
    ReportChoices,
    Section,
    load_choices,
    save_choices,
)
from recovery_journal.services.report_letter import glance
from recovery_journal.services.sponsor_notes import answer_note, keep_notes
from recovery_journal.services.steps import set_status
from recovery_journal.store import create_vault
from tests.conftest import PASSPHRASE, TEST_KDF, reopen

TODAY = date(2026, 11, 23)
FIRST = TODAY - timedelta(days=29)  # thirty days
CLEAN_SINCE = date(2026, 8, 25)  # 90 days on TODAY; 60 days fell before FIRST
ANSWERED = "Call me before the meeting on Sunday."
UNANSWERED = "Read page three again."


@pytest.fixture
def small(vault_path):
    """Thirty days: 20 nights reviewed, mood 6 (4 in the thirty days before), craving 2 (5
    before), 9 meetings (and one before), step 4 being worked, a clean date, two notes."""
    vault = create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    dimensions = {d.builtin: d for d in vault.records.all(RatingDimension)}
    mood, craving = dimensions["mood"].uid, dimensions["craving"].uid
    with vault.transaction():
        vault.records.save(CleanDate("clean", "Alcohol", CLEAN_SINCE))
        for offset in range(20):
            day = FIRST + timedelta(days=offset)
            written = datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=21)
            ratings = (Rating(mood, 6), Rating(craving, 2))
            vault.reviews.save(NightlyReview(day, (), ratings, written))
        before = FIRST - timedelta(days=10)
        written = datetime.combine(before, datetime.min.time(), UTC)
        vault.reviews.save(
            NightlyReview(before, (), (Rating(mood, 4), Rating(craving, 5)), written)
        )
        for offset in range(9):
            vault.records.save(Meeting(f"m{offset}", FIRST + timedelta(days=3 * offset), "Group"))
        vault.records.save(Meeting("old", FIRST - timedelta(days=1), "Group"))
        moment = datetime(2026, 11, 20, 20, 0, tzinfo=UTC)
        vault.steps.save_answer(Answer("s4.q01", 4, "My first answer", moment))
        vault.steps.save_answer(Answer("s4.q02", 4, "My second answer", moment))
    set_status(vault, 4, StepStatus.WORKING, FIRST)
    notes = [
        note_from_reply(
            "j", "r", About.answer(4, "s4.q01"), ANSWERED, sponsor="Sam",
            written_on=date(2026, 11, 1), received_on=date(2026, 11, 2),
        ),
        note_from_reply(
            "j", "r", About.report(), UNANSWERED, sponsor="Sam",
            written_on=date(2026, 11, 1), received_on=date(2026, 11, 2), position=1,
        ),
    ]  # fmt: skip
    keep_notes(vault, notes)
    answer_note(vault, notes[0].uid, "I called on Saturday.")
    yield vault
    vault.close()


def test_the_period_at_a_glance_counts_what_happened_between_the_dates(small):
    seen = glance(small, FIRST, TODAY, "en")
    assert (seen.days, seen.reviewed, seen.meetings) == (30, 20, 9)
    assert round(seen.meetings_a_week, 1) == 2.1
    (clean,) = seen.clean
    assert clean.since == CLEAN_SINCE and clean.reached == ("90 days",)
    assert seen.step is not None and (seen.step.number, seen.step.answered) == (4, 2)
    scales = {scale.name: scale for scale in seen.scales}
    assert (scales["Mood"].before, scales["Mood"].now) == (4, 6)
    assert (scales["Craving"].before, scales["Craving"].now) == (5, 2)
    # Less craving is better: both moved the right way.
    assert scales["Mood"].verdict is scales["Craving"].verdict is Verdict.BETTER


def _letter(vault, **changes):
    choices = ReportChoices(
        sections=frozenset({Section.COVER}), first=FIRST, last=TODAY, name="A. K.", **changes
    )
    (part,) = build_report(vault, choices, TODAY).parts
    return part.blocks


def _texts(blocks) -> list[str]:
    return [b.text for b in blocks if isinstance(b, Paragraph | Heading)]


def test_the_first_page_is_a_letter_with_the_figures_and_what_i_want_to_talk_over(small):
    blocks = _letter(
        small,
        letter="A hard week at work; I kept going to meetings.",
        questions=("How do I start my amends?", "Can we meet on Tuesday?"),
    )
    texts = _texts(blocks)
    assert texts[:2] == ["Progress report", "A. K."]
    assert "Nightly reviews: 20 of 30 nights." in texts
    assert "Meetings: 9, about 2.1 a week." in texts
    assert any("Reached in these dates: 90 days." in text for text in texts)
    assert any(text.startswith("I am working step 4, “") for text in texts)
    assert "A hard week at work; I kept going to meetings." in texts
    assert "1. How do I start my amends?\n2. Can we meet on Tuesday?" in texts
    (scales,) = [b for b in blocks if isinstance(b, Table)]
    assert scales.columns[1] == "The 30 days before"
    assert ("Mood", "4", "6", "better") in scales.rows
    assert ("Craving (lower is better)", "5", "2", "better") in scales.rows
    # The sponsor's earlier note with my answer, on its item; an unanswered one is not repeated.
    assert f"“{ANSWERED}”" in texts and "My answer: I called on Saturday." in texts
    assert f"“{UNANSWERED}”" not in texts
    answer = next(b for b in blocks if isinstance(b, Paragraph) and b.text.startswith("My answer"))
    assert answer.about == (str(About.answer(4, "s4.q01")),)
    # It ends with the places for the sponsor's general note and name.
    assert [b.about for b in blocks[-2:] if isinstance(b, Reply)] == ["report", SPONSOR_NAME]


def test_the_letter_in_russian_says_its_counts_with_the_right_forms(small):
    texts = _texts(
        build_report(
            small,
            ReportChoices(
                sections=frozenset({Section.COVER}), first=FIRST, last=TODAY, language="ru"
            ),
            TODAY,
        )
        .parts[0]
        .blocks
    )
    assert "Вечерние разборы: 20 из 30 вечеров." in texts
    assert "9 собраний, примерно 2,1 в неделю." in texts
    assert any("пока отвечено на 2 из" in text for text in texts)
    assert any("Пройдено за эти дни: 90 дней." in text for text in texts)


def test_without_anything_before_the_period_the_scales_are_one_line(small):
    texts = _texts(_letter(small))
    assert any(t.startswith("Nightly reviews") for t in texts)
    first_month = ReportChoices(
        sections=frozenset({Section.COVER}), first=FIRST - timedelta(days=10), last=TODAY
    )
    texts = _texts(build_report(small, first_month, TODAY).parts[0].blocks)
    assert "My scales on average: Mood 5.9; Craving (lower is better) 2.1." in texts


def test_what_i_want_to_talk_over_is_kept_for_next_time(small, vault_path):
    choices = ReportChoices(
        letter="Line one.\nLine two.",
        questions=("First?", "Second?"),
        appendix=True,
        interface="en",
    )
    assert ReportChoices.from_json(choices.to_json()) == choices
    save_choices(small, choices)
    small.close()
    again = reopen(vault_path)
    try:
        kept = load_choices(again, "en")
        assert (kept.letter, kept.questions, kept.appendix) == (
            "Line one.\nLine two.",
            ("First?", "Second?"),
            True,
        )
    finally:
        again.close()


def test_choices_saved_before_the_letter_still_read():
    old = json.dumps(
        {
            "sections": ["cover", "meetings"],
            "first": None,
            "last": None,
            "steps": [],
            "worksheets": [],
            "notes": [],
            "private": [],
            "paper": "letter",
            "language": "en",
            "name": "J.",
            "interface": "en",
        }
    )
    choices = ReportChoices.from_json(old, "en")
    assert choices.name == "J." and choices.sections == frozenset({Section.COVER, Section.MEETINGS})
    assert (choices.letter, choices.questions, choices.appendix) == ("", (), False)
    # Bad values fall back one by one; blank questions are dropped.
    bad = ReportChoices.from_json(json.dumps({"questions": ["  ", "Why?"], "appendix": "yes"}))
    assert bad.questions == ("Why?",) and bad.appendix is False
    assert ReportChoices.from_json(json.dumps({"questions": "no"})).sections == DEFAULT_SECTIONS
