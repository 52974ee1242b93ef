"""The daily practice: nightly reviews in the vault, the day boundary, streaks, the reminder,
gratitude, the step 8 link, clean time with slips, 90 in 90, the summary and the daily export."""

from __future__ import annotations

import copy
import json
import os
import time as system_time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from statistics import mean
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import sqlcipher3

from recovery_journal.cli import PASSPHRASE_VARIABLE, main
from recovery_journal.domain.clean_time import CleanDate, Milestone, MilestoneKind, Slip, Span
from recovery_journal.domain.daily import (
    AnswerKind,
    GratitudeEntry,
    Meeting,
    MeetingFormat,
    NightlyReview,
    Rating,
    RatingDimension,
    ReviewAnswer,
    ReviewQuestion,
    SpotCheck,
    current_streak,
    days_in_month,
    longest_streak,
    ninety_in_ninety,
    reminder_due,
)
from recovery_journal.domain.inventory import Amend
from recovery_journal.domain.steps import Programme
from recovery_journal.errors import ImportRejected
from recovery_journal.i18n import _, ngettext, set_language
from recovery_journal.package_data import resource
from recovery_journal.services.changes import DAILY_CHANGED, STEPS_CHANGED, Changes
from recovery_journal.services.clean_time import (
    clean_time_of,
    load_clean_times,
    load_practice,
    milestone_name,
    milestone_note,
    record_slip,
    set_ninety_start,
    span_text,
)
from recovery_journal.services.demo import fill_demo
from recovery_journal.services.export import (
    dumps,
    export_document,
    import_document,
    parse_document,
)
from recovery_journal.services.programme_words import programme_words
from recovery_journal.services.review import (
    QUESTION_TEXT,
    add_apology_to_step8,
    check_reminder,
    dimension_name,
    load_sheet,
    question_text,
    review_day,
    save_gratitude,
    save_review,
    streaks,
)
from recovery_journal.services.settings import load_settings, update_settings
from recovery_journal.services.summary import build_summary, summary_text
from recovery_journal.store import create_vault
from tests.conftest import PASSPHRASE, TEST_KDF, persons_today, reopen

MOSCOW = ZoneInfo("Europe/Moscow")
BERLIN = ZoneInfo("Europe/Berlin")
DAY = date(2026, 11, 20)
END = date(2026, 11, 23)  # the last day of the demo history
WRITTEN = datetime(2026, 11, 20, 21, 5, tzinfo=UTC)  # whole seconds in UTC: read back equal


@pytest.fixture(autouse=True)
def machine_zone() -> Iterator[Callable[[str], ZoneInfo]]:
    """The zone of the machine's clock (what ``datetime.astimezone()`` reads): UTC unless a
    test picks another, so "now" means the same day on every machine."""
    saved = os.environ.get("TZ")

    def use(name: str) -> ZoneInfo:
        os.environ["TZ"] = name
        system_time.tzset()
        return ZoneInfo(name)

    use("UTC")
    yield use
    if saved is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = saved
    system_time.tzset()


def local(day: date, hour: int, minute: int, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(hour, minute), zone)


def review(day: date, *answers: ReviewAnswer, ratings: tuple[Rating, ...] = ()) -> NightlyReview:
    return NightlyReview(day, tuple(answers), ratings, WRITTEN)


def a_review(day: date) -> NightlyReview:
    return review(day, ReviewAnswer("q.kind", True), ratings=(Rating("d.mood", 6),))


# --- the store: reviews ------------------------------------------------------------------------


def test_a_review_reads_back_equal_after_reopening_in_question_order(new_vault, vault_path):
    resentful = ReviewAnswer("q.resentful", True, "At my boss for the comment in the meeting.")
    selfish = ReviewAnswer("q.selfish", None, "Not sure; talk it over with Sam.")
    afraid = ReviewAnswer("q.afraid", False, "")
    kind = ReviewAnswer("q.kind", True, "")
    tomorrow = ReviewAnswer("q.tomorrow", None, "Morning meeting before work.")
    mood, craving, serenity = Rating("d.mood", 10), Rating("d.craving", 0), Rating("d.serenity", 6)
    new_vault.reviews.save(
        review(DAY, kind, tomorrow, resentful, afraid, selfish, ratings=(serenity, craving, mood))
    )
    new_vault.close()

    vault = reopen(vault_path)
    try:
        got = vault.reviews.get(DAY)
    finally:
        vault.close()
    assert got == NightlyReview(
        DAY, (resentful, selfish, afraid, kind, tomorrow), (mood, craving, serenity), WRITTEN
    )
    assert got.answer("q.afraid").yes is False
    assert got.answer("q.tomorrow").yes is None
    assert got.answer("q.worry") is None
    assert got.rating("d.craving") == 0
    assert got.rating("d.honesty") is None


def test_answers_follow_the_questions_when_they_are_reordered(new_vault):
    new_vault.reviews.save(
        review(
            DAY,
            ReviewAnswer("q.resentful", True),
            ReviewAnswer("q.selfish", False),
            ReviewAnswer("q.kind", True),
        )
    )
    resentful = next(q for q in new_vault.records.all(ReviewQuestion) if q.uid == "q.resentful")
    new_vault.records.save(replace(resentful, position=50))
    got = new_vault.reviews.get(DAY)
    assert [a.question_uid for a in got.answers] == ["q.selfish", "q.kind", "q.resentful"]


def test_saving_a_day_again_replaces_it_and_an_empty_review_removes_it(new_vault):
    new_vault.reviews.save(
        review(
            DAY,
            ReviewAnswer("q.resentful", True, "The driver"),
            ReviewAnswer("q.afraid", True),
            ratings=(Rating("d.mood", 3),),
        )
    )
    new_vault.reviews.save(review(DAY, ReviewAnswer("q.kind", False)))
    assert new_vault.reviews.get(DAY) == review(DAY, ReviewAnswer("q.kind", False))

    # Blank answers only (not answered, whitespace note) and no ratings: the day is removed.
    blank = review(DAY, ReviewAnswer("q.worry", None, "  \n"), ReviewAnswer("q.better"))
    assert blank.empty
    new_vault.reviews.save(blank)
    assert new_vault.reviews.get(DAY) is None
    assert new_vault.reviews.days() == set()
    assert new_vault.is_empty()

    # Nothing of the old answers is left behind for the day.
    new_vault.reviews.save(review(DAY, ratings=(Rating("d.serenity", 5),)))
    assert new_vault.reviews.get(DAY) == review(DAY, ratings=(Rating("d.serenity", 5),))


def test_a_save_again_writes_only_what_changed_and_reads_back_whole(new_vault):
    conn = new_vault._conn
    first = review(
        DAY,
        ReviewAnswer("q.resentful", True, "The driver"),
        ReviewAnswer("q.afraid", True),
        ratings=(Rating("d.mood", 3), Rating("d.craving", 6)),
    )
    new_vault.reviews.save(first)
    indexed = conn.execute("SELECT id FROM search_items WHERE kind = 'review'").fetchall()

    def counted():
        # Schema 9's triggers count each row change once more, in sync_state (issue 24).
        return conn.execute("SELECT changes FROM sync_state").fetchone()[0]

    def changes_of(saved):
        before, before_counted = conn.total_changes, counted()
        new_vault.reviews.save(saved)
        assert new_vault.reviews.get(DAY) == saved
        return conn.total_changes - before - (counted() - before_counted)

    # The same night again: its time only (one row), the index untouched.
    assert changes_of(first) == 1
    # One rating moved: the time and that rating.
    moved = replace(first, ratings=(Rating("d.mood", 4), Rating("d.craving", 6)))
    assert changes_of(moved) == 2
    # An answer dropped, one added, the note's words the same: three rows and the time.
    swapped = replace(
        moved,
        answers=(ReviewAnswer("q.resentful", True, "The driver"), ReviewAnswer("q.kind", True)),
    )
    assert changes_of(swapped) == 3
    assert conn.execute("SELECT id FROM search_items WHERE kind = 'review'").fetchall() == indexed
    # New words in a note: the index follows.
    worded = replace(swapped, answers=(ReviewAnswer("q.resentful", True, "The neighbour"),))
    changes_of(worded)
    assert [hit.ref for hit in new_vault.search.find('"neighbour"', 10)] == [DAY.isoformat()]
    assert new_vault.search.find('"driver"', 10) == []


def test_blank_answers_are_not_kept_beside_real_ones(new_vault):
    new_vault.reviews.save(
        review(DAY, ReviewAnswer("q.worry", None, "   "), ReviewAnswer("q.afraid", True))
    )
    assert new_vault.reviews.get(DAY).answers == (ReviewAnswer("q.afraid", True),)


def test_days_and_between_with_both_bounds_included(new_vault):
    days = [date(2026, 11, d) for d in (1, 2, 3, 5, 6)]
    for day in reversed(days):
        new_vault.reviews.save(a_review(day))
    assert new_vault.reviews.days() == set(days)

    def between(first: date, last: date) -> list[date]:
        return [r.day for r in new_vault.reviews.between(first, last)]

    assert between(date(2026, 11, 2), date(2026, 11, 5)) == days[1:4]
    assert between(date(2026, 11, 5), date(2026, 11, 5)) == [date(2026, 11, 5)]
    assert between(date(2026, 11, 4), date(2026, 11, 4)) == []
    assert between(date(2026, 11, 6), date(2026, 11, 1)) == []
    assert [r.day for r in new_vault.reviews.all()] == days
    assert all(r == a_review(r.day) for r in new_vault.reviews.all())


@pytest.mark.parametrize("value", [-1, 11, 100])
def test_a_rating_outside_0_to_10_is_refused(value):
    with pytest.raises(ValueError, match="0 to 10"):
        Rating("d.mood", value)


def test_ratings_0_and_10_are_kept(new_vault):
    new_vault.reviews.save(review(DAY, ratings=(Rating("d.mood", 0), Rating("d.craving", 10))))
    assert new_vault.reviews.get(DAY).ratings == (Rating("d.mood", 0), Rating("d.craving", 10))


def test_a_hidden_question_and_scale_keep_their_old_answers(new_vault):
    new_vault.reviews.save(
        review(
            DAY,
            ReviewAnswer("q.afraid", True, "Money at the end of the month."),
            ReviewAnswer("q.kind", True),
            ratings=(Rating("d.mood", 6), Rating("d.honesty", 8)),
        )
    )
    for record_type, uid in ((ReviewQuestion, "q.afraid"), (RatingDimension, "d.honesty")):
        shipped = next(r for r in new_vault.records.all(record_type) if r.uid == uid)
        new_vault.records.save(replace(shipped, hidden=True))

    got = new_vault.reviews.get(DAY)
    assert got.answer("q.afraid") == ReviewAnswer(
        "q.afraid", True, "Money at the end of the month."
    )
    assert got.rating("d.honesty") == 8

    answered = load_sheet(new_vault, DAY)
    assert "q.afraid" in [q.uid for q in answered.questions]
    assert "d.honesty" in [d.uid for d in answered.dimensions]
    fresh = load_sheet(new_vault, DAY + timedelta(days=1))
    assert "q.afraid" not in [q.uid for q in fresh.questions]
    assert "d.honesty" not in [d.uid for d in fresh.dimensions]
    assert len(fresh.questions) == 11 and len(fresh.dimensions) == 5
    assert [q.position for q in fresh.questions] == sorted(q.position for q in fresh.questions)

    # Questions are hidden, never deleted: the store refuses to orphan an answer.
    with pytest.raises(sqlcipher3.IntegrityError):
        new_vault.records.delete(ReviewQuestion, "q.afraid")
    assert new_vault.reviews.get(DAY).answer("q.afraid") is not None


def test_the_shipped_questions_and_scales(new_vault):
    questions = new_vault.records.all(ReviewQuestion)
    assert [q.uid for q in questions] == [f"q.{key}" for key in QUESTION_TEXT]
    assert [q.position for q in questions] == list(range(12))
    assert all(q.text == "" and not q.hidden for q in questions)
    assert {q.builtin for q in questions if q.kind is AnswerKind.TEXT} == {
        "better",
        "grateful",
        "tomorrow",
    }
    assert [question_text(q) for q in questions][:2] == [
        "Was I resentful today?",
        "Was I selfish or self-seeking?",
    ]
    dimensions = new_vault.records.all(RatingDimension)
    assert [(d.uid, dimension_name(d), d.lower_is_better) for d in dimensions] == [
        ("d.mood", "Mood", False),
        ("d.craving", "Craving", True),
        ("d.serenity", "Serenity", False),
        ("d.honesty", "Honesty", False),
        ("d.gratitude", "Gratitude", False),
        ("d.connection", "Connection with others", False),
    ]
    # The person's own words win over the shipped ones; no words at all get a placeholder.
    assert question_text(replace(questions[0], text="Did I hold a grudge?")) == (
        "Did I hold a grudge?"
    )
    assert question_text(ReviewQuestion("mine")) == "(a question without words)"
    assert dimension_name(RatingDimension("mine")) == "(a scale without a name)"


def test_a_question_without_words_gets_the_placeholder_in_russian_too():
    set_language("ru")
    try:
        assert question_text(ReviewQuestion("mine")) == _("(a question without words)")
        assert dimension_name(RatingDimension("mine")) == _("(a scale without a name)")
    finally:
        set_language("en")


# --- which day a review belongs to ---------------------------------------------------------------


def test_the_day_boundary_in_moscow(new_vault, machine_zone):
    machine_zone("Europe/Moscow")
    for hour, minute, expected in (
        (1, 30, DAY - timedelta(days=1)),
        (3, 59, DAY - timedelta(days=1)),
        (4, 0, DAY),
        (23, 59, DAY),
    ):
        now = local(DAY, hour, minute, MOSCOW)
        assert review_day(new_vault, now) == expected, now
        assert load_sheet(new_vault, DAY, now).today == expected


def test_a_moved_day_boundary_is_kept_and_used(new_vault, vault_path, machine_zone):
    machine_zone("Europe/Moscow")
    assert review_day(new_vault, local(DAY, 3, 0, MOSCOW)) == DAY - timedelta(days=1)
    assert update_settings(new_vault, day_boundary=time(2, 0)) == Changes(settings=True)
    assert review_day(new_vault, local(DAY, 3, 0, MOSCOW)) == DAY
    assert review_day(new_vault, local(DAY, 2, 0, MOSCOW)) == DAY
    assert review_day(new_vault, local(DAY, 1, 59, MOSCOW)) == DAY - timedelta(days=1)
    new_vault.close()
    vault = reopen(vault_path)
    try:
        assert load_settings(vault).day_boundary == time(2, 0)
        assert review_day(vault, local(DAY, 3, 0, MOSCOW)) == DAY
    finally:
        vault.close()


@pytest.mark.parametrize(
    ("instant", "wall_clock", "expected"),
    [
        # Spring: at 02:00 CET the clocks jump to 03:00 CEST on 29 March 2026.
        (datetime(2026, 3, 29, 0, 30, tzinfo=UTC), "01:30 CET", date(2026, 3, 28)),
        (datetime(2026, 3, 29, 1, 30, tzinfo=UTC), "03:30 CEST", date(2026, 3, 28)),
        (datetime(2026, 3, 29, 1, 59, tzinfo=UTC), "03:59 CEST", date(2026, 3, 28)),
        (datetime(2026, 3, 29, 2, 0, tzinfo=UTC), "04:00 CEST", date(2026, 3, 29)),
        # Autumn: at 03:00 CEST they go back to 02:00 CET on 25 October; 02:30 comes twice.
        (datetime(2026, 10, 25, 0, 30, tzinfo=UTC), "02:30 CEST", date(2026, 10, 24)),
        (datetime(2026, 10, 25, 1, 30, tzinfo=UTC), "02:30 CET", date(2026, 10, 24)),
        (datetime(2026, 10, 25, 2, 59, tzinfo=UTC), "03:59 CET", date(2026, 10, 24)),
        (datetime(2026, 10, 25, 3, 0, tzinfo=UTC), "04:00 CET", date(2026, 10, 25)),
    ],
)
def test_the_day_boundary_on_the_nights_berlin_changes_its_clocks(
    new_vault, machine_zone, instant, wall_clock, expected
):
    machine_zone("Europe/Berlin")
    now = instant.astimezone(BERLIN)
    assert now.strftime("%H:%M %Z") == wall_clock
    assert review_day(new_vault, now) == expected
    assert load_sheet(new_vault, expected, now).today == expected


def test_a_naive_now_is_refused(new_vault):
    with pytest.raises(ValueError):
        review_day(new_vault, datetime(2026, 11, 20, 23, 0))


# --- streaks and the calendar --------------------------------------------------------------------


def test_the_current_streak_waits_for_tonight_and_breaks_on_a_gap():
    today = date(2026, 11, 20)
    run = {today - timedelta(days=n) for n in range(1, 6)}  # the 15th to the 19th
    assert current_streak(run, today) == 5  # tonight not written yet: counts to yesterday
    assert current_streak(run | {today}, today) == 6
    assert current_streak(run, today + timedelta(days=1)) == 0  # yesterday was missed
    assert current_streak(run - {today - timedelta(days=2)}, today) == 1
    assert current_streak(set(), today) == 0


def test_the_longest_streak():
    days = {date(2026, 1, d) for d in (1, 2, 3, 5, 6, 7, 8, 20)}
    assert longest_streak(days) == 4
    assert longest_streak({date(2026, 1, 1)}) == 1
    assert longest_streak(set()) == 0
    across_a_year = {date(2025, 12, 30) + timedelta(days=n) for n in range(5)}
    assert longest_streak(across_a_year) == 5


@pytest.mark.parametrize(
    ("year", "month", "count"),
    [(2028, 2, 29), (2027, 2, 28), (2100, 2, 28), (2000, 2, 29), (2026, 12, 31), (2026, 11, 30)],
)
def test_days_in_month(year, month, count):
    days = days_in_month(year, month)
    assert len(days) == count
    assert days[0] == date(year, month, 1)
    assert days[-1] == date(year, month, count)
    assert all(b - a == timedelta(days=1) for a, b in zip(days, days[1:], strict=False))


def test_streaks_from_the_vault(new_vault):
    for day in (date(2026, 11, d) for d in (1, 2, 3, 10, 11, 12, 13, 19)):
        new_vault.reviews.save(a_review(day))
    found = streaks(new_vault, date(2026, 11, 20))
    assert (found.written_today, found.current, found.longest, found.total) == (False, 1, 4, 8)
    new_vault.reviews.save(a_review(date(2026, 11, 20)))
    found = streaks(new_vault, date(2026, 11, 20))
    assert (found.written_today, found.current, found.longest, found.total) == (True, 2, 4, 9)
    assert streaks(new_vault, date(2026, 11, 22)).current == 0


# --- the evening reminder ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "due"),
    [
        (time(20, 0), False),
        (time(21, 29), False),
        (time(21, 30), True),
        (time(23, 0), True),
        (time(0, 0), True),
        (time(1, 0), True),
        (time(3, 59), True),
        (time(4, 0), False),
        (time(5, 0), False),  # 60 minutes after the boundary, the reminder is at 1050
        (time(12, 0), False),
    ],
)
def test_the_reminder_runs_from_its_time_across_midnight_to_the_boundary(now, due):
    assert reminder_due(time(21, 30), time(4, 0), now, False, False) is due


def test_the_reminder_with_a_midnight_boundary_and_once_a_day():
    assert reminder_due(time(21, 30), time(0, 0), time(23, 59), False, False)
    assert not reminder_due(time(21, 30), time(0, 0), time(0, 30), False, False)
    assert not reminder_due(time(21, 30), time(4, 0), time(23, 0), True, False)  # written
    assert not reminder_due(time(21, 30), time(4, 0), time(23, 0), False, True)  # reminded


def test_check_reminder_follows_the_settings_and_the_night(new_vault, machine_zone):
    machine_zone("Europe/Moscow")
    evening = local(DAY, 23, 0, MOSCOW)
    off = check_reminder(new_vault, set(), evening)
    assert (off.due, off.day, off.keep_in_tray) == (False, DAY, False)  # reminders are off

    update_settings(new_vault, reminder_on=True, keep_in_tray=True)
    tomorrow = DAY + timedelta(days=1)
    for now, due, day in (
        (local(DAY, 20, 0, MOSCOW), False, DAY),
        (evening, True, DAY),
        (local(tomorrow, 1, 0, MOSCOW), True, DAY),
        (local(tomorrow, 5, 0, MOSCOW), False, tomorrow),
    ):
        found = check_reminder(new_vault, set(), now)
        assert (found.due, found.day, found.keep_in_tray) == (due, day, True), now

    assert not check_reminder(new_vault, {DAY}, evening).due  # already reminded tonight
    assert check_reminder(new_vault, {DAY - timedelta(days=1)}, evening).due
    save_review(new_vault, a_review(DAY))
    assert not check_reminder(new_vault, set(), evening).due  # written
    assert not check_reminder(new_vault, set(), local(tomorrow, 1, 0, MOSCOW)).due
    assert check_reminder(new_vault, set(), local(tomorrow, 23, 0, MOSCOW)).due

    update_settings(new_vault, reminder_time=time(22, 15))
    later = DAY + timedelta(days=3)
    assert not check_reminder(new_vault, set(), local(later, 22, 14, MOSCOW)).due
    assert check_reminder(new_vault, set(), local(later, 22, 15, MOSCOW)).due


# --- the apology and step 8 ---------------------------------------------------------------------


def test_an_owed_apology_goes_on_the_step8_list_once_a_day(new_vault):
    assert not load_sheet(new_vault, DAY).on_step8
    added = add_apology_to_step8(new_vault, DAY, "  My brother ", " I hung up on him ")
    amend = added.value
    assert added.changes == STEPS_CHANGED | DAILY_CHANGED == Changes(steps=True, daily=True)
    assert (amend.person, amend.harm, amend.source_uid, amend.position) == (
        "My brother",
        "I hung up on him",
        "review:2026-11-20",
        0,
    )
    assert new_vault.records.all(Amend) == [amend]

    again = add_apology_to_step8(new_vault, DAY, "Someone else", "Something else")
    assert again.value == amend
    assert not again.changes
    assert new_vault.records.all(Amend) == [amend]
    assert load_sheet(new_vault, DAY).on_step8
    assert not load_sheet(new_vault, DAY + timedelta(days=1)).on_step8

    other = add_apology_to_step8(new_vault, DAY + timedelta(days=1), "  ", "").value
    assert other.person == "Someone I owe an apology"
    assert other.source_uid == "review:2026-11-21"
    assert other.position == 1
    assert [a.uid for a in new_vault.records.all(Amend)] == [amend.uid, other.uid]


# --- gratitude --------------------------------------------------------------------------------


def test_gratitude_lines_replace_the_days_list_in_order_without_blanks(new_vault):
    other_day = DAY - timedelta(days=1)
    save_gratitude(new_vault, other_day, ["A long walk in the park"])
    before = load_sheet(new_vault, other_day)

    save_gratitude(
        new_vault, DAY, ["  Coffee after the meeting ", "", "   ", "My sister's message"]
    )
    assert load_sheet(new_vault, DAY).gratitude == (
        "Coffee after the meeting",
        "My sister's message",
    )
    save_gratitude(new_vault, DAY, ["A good night's sleep", "Coffee after the meeting"])
    assert load_sheet(new_vault, DAY).gratitude == (
        "A good night's sleep",
        "Coffee after the meeting",
    )

    # The same lines again change nothing, not even the rows.
    uids = [e.uid for e in new_vault.records.all(GratitudeEntry)]
    save_gratitude(new_vault, DAY, ["A good night's sleep ", " Coffee after the meeting"])
    assert [e.uid for e in new_vault.records.all(GratitudeEntry)] == uids

    stored = new_vault.records.in_days(GratitudeEntry, DAY, DAY)
    assert [(e.text, e.position) for e in stored] == [
        ("A good night's sleep", 0),
        ("Coffee after the meeting", 1),
    ]
    assert load_sheet(new_vault, other_day).gratitude == before.gratitude
    assert new_vault.records.in_days(GratitudeEntry, other_day, other_day)[0].text == (
        "A long walk in the park"
    )

    save_gratitude(new_vault, DAY, [" ", ""])
    assert load_sheet(new_vault, DAY).gratitude == ()
    assert len(new_vault.records.all(GratitudeEntry)) == 1


def test_save_review_keeps_the_review_and_its_gratitude_together(new_vault):
    night = review(DAY, ReviewAnswer("q.kind", True), ratings=(Rating("d.gratitude", 8),))
    written_at = datetime(2026, 11, 20, 22, 40, tzinfo=MOSCOW)
    changes = save_review(new_vault, night, ["Waking up clear-headed", " "], now=written_at)
    assert changes == DAILY_CHANGED
    sheet = load_sheet(new_vault, DAY)
    assert sheet.review == replace(night, updated_at=written_at)
    assert sheet.gratitude == ("Waking up clear-headed",)
    assert sheet.reviewed_days == frozenset({DAY})

    # Without gratitude lines the list is left alone; an empty review removes only the review.
    save_review(new_vault, review(DAY, ReviewAnswer("q.kind", False)), None, now=written_at)
    assert load_sheet(new_vault, DAY).gratitude == ("Waking up clear-headed",)
    save_review(new_vault, NightlyReview(DAY), None, now=written_at)
    sheet = load_sheet(new_vault, DAY)
    assert sheet.review == NightlyReview(DAY)
    assert sheet.reviewed_days == frozenset()
    assert sheet.gratitude == ("Waking up clear-headed",)


# --- clean time with slips ---------------------------------------------------------------------


def test_a_slip_restarts_the_count_and_keeps_the_history(new_vault, vault_path):
    new_vault.records.save(CleanDate("alcohol", "Alcohol", date(2026, 1, 1)))
    new_vault.records.save(CleanDate("gambling", "Gambling", date(2026, 3, 1), position=1))
    assert record_slip(new_vault, "alcohol", date(2026, 4, 10), "A wedding", "Leave early") == (
        DAILY_CHANGED
    )
    record_slip(new_vault, "alcohol", date(2026, 2, 1))
    new_vault.close()

    vault = reopen(vault_path)
    try:
        alcohol, gambling = load_clean_times(vault, date(2026, 5, 1))
    finally:
        vault.close()
    assert alcohol.clean == CleanDate("alcohol", "Alcohol", date(2026, 1, 1))  # never moves
    assert alcohol.since == date(2026, 4, 11)
    assert alcohol.days == 20
    assert alcohol.span == Span(0, 0, 20)
    assert alcohol.longest_run == (date(2026, 4, 10) - date(2026, 2, 2)).days == 67
    assert [(s.on, s.what_happened, s.learned) for s in alcohol.slips] == [
        (date(2026, 2, 1), "", ""),
        (date(2026, 4, 10), "A wedding", "Leave early"),
    ]
    assert (alcohol.next_milestone.kind, alcohol.next_milestone.count) == (MilestoneKind.DAYS, 30)
    assert alcohol.next_milestone.on == date(2026, 5, 11)
    assert alcohol.reached_today is None

    assert gambling.since == date(2026, 3, 1)
    assert (gambling.days, gambling.longest_run, gambling.slips) == (61, 61, ())
    assert gambling.span == Span(0, 2, 0)


def test_a_slip_needs_its_clean_date_and_goes_with_it(new_vault):
    new_vault.records.save(CleanDate("alcohol", "Alcohol", date(2026, 1, 1)))
    record_slip(new_vault, "alcohol", date(2026, 2, 1))
    with pytest.raises(sqlcipher3.IntegrityError):
        record_slip(new_vault, "nowhere", date(2026, 2, 1))
    assert [s.clean_uid for s in new_vault.records.all(Slip)] == ["alcohol"]
    new_vault.records.delete(CleanDate, "alcohol")
    assert new_vault.records.all(Slip) == []
    assert new_vault.is_empty()


def test_the_milestone_note_on_the_day(new_vault):
    today = date(2026, 5, 1)
    thirty = clean_time_of(CleanDate("c", "Alcohol", today - timedelta(days=30)), [], today)
    assert (thirty.reached_today.kind, thirty.reached_today.count) == (MilestoneKind.DAYS, 30)
    assert milestone_note(thirty) == "30 days today. One day at a time got you here — well done."
    first = clean_time_of(CleanDate("c", "Alcohol", today - timedelta(days=1)), [], today)
    assert milestone_note(first) == "24 hours today. One day at a time got you here — well done."
    year = clean_time_of(CleanDate("c", "Alcohol", date(2025, 5, 1)), [], today)
    assert milestone_note(year).startswith("1 year today.")
    assert (
        clean_time_of(CleanDate("c", "A", today - timedelta(days=31)), [], today).reached_today
        is None
    )

    # Through the vault: a slip 30 days ago makes today the 30-day mark of the new run.
    new_vault.records.save(CleanDate("alcohol", "Alcohol", date(2025, 1, 1)))
    record_slip(new_vault, "alcohol", today - timedelta(days=31))
    (item,) = load_clean_times(new_vault, today)
    assert item.since == today - timedelta(days=30)
    assert milestone_note(item).startswith("30 days today.")


@pytest.mark.parametrize(
    ("milestone", "text"),
    [
        (Milestone(MilestoneKind.DAYS, 1, DAY), "24 hours"),
        (Milestone(MilestoneKind.DAYS, 90, DAY), "90 days"),
        (Milestone(MilestoneKind.MONTHS, 6, DAY), "6 months"),
        (Milestone(MilestoneKind.MONTHS, 18, DAY), "18 months"),
        (Milestone(MilestoneKind.YEARS, 1, DAY), "1 year"),
        (Milestone(MilestoneKind.YEARS, 2, DAY), "2 years"),
    ],
)
def test_milestone_names(milestone, text):
    assert milestone_name(milestone) == text


def test_span_text():
    assert span_text(Span(0, 0, 0)) == "0 days"
    assert span_text(Span(0, 0, 1)) == "1 day"
    assert span_text(Span(1, 0, 0)) == "1 year"
    assert span_text(Span(0, 1, 27)) == "1 month, 27 days"
    assert span_text(Span(2, 11, 1)) == "2 years, 11 months, 1 day"


def test_russian_plural_forms_of_clean_time():
    set_language("ru")
    try:
        if ngettext("{n} day", "{n} days", 5) == "{n} days":
            pytest.skip("ru.po has no clean-time plurals yet")

        def word(milestone_kind: MilestoneKind, n: int) -> str:
            name = milestone_name(Milestone(milestone_kind, n, DAY))
            assert name.startswith(f"{n} "), name
            return name.split(" ", 1)[1]

        for kind in MilestoneKind:
            one, few, many = word(kind, 21), word(kind, 2), word(kind, 5)
            assert len({one, few, many}) == 3, (one, few, many)
            assert word(kind, 31) == one and word(kind, 22) == few
            assert word(kind, 11) == word(kind, 12) == word(kind, 14) == many
        assert milestone_name(Milestone(MilestoneKind.DAYS, 30, DAY)).endswith(
            word(MilestoneKind.DAYS, 5)
        )
        assert span_text(Span(0, 0, 3)).split(" ", 1)[1] == word(MilestoneKind.DAYS, 2)
    finally:
        set_language("en")


# --- ninety meetings in ninety days ------------------------------------------------------------


def test_ninety_in_ninety_counts_the_window_only():
    start = date(2026, 1, 1)
    meetings = [
        date(2025, 12, 31),  # before the start
        date(2026, 1, 1),
        date(2026, 1, 2),
        date(2026, 1, 2),  # two meetings on one day are two meetings
        date(2026, 1, 4),
        date(2026, 1, 9),  # after today
    ]
    found = ninety_in_ninety(start, meetings, date(2026, 1, 5))
    assert (found.day_number, found.meetings, found.on_pace, found.finished) == (5, 4, False, False)
    assert found.end == date(2026, 3, 31)
    found = ninety_in_ninety(start, [*meetings, date(2026, 1, 5)], date(2026, 1, 5))
    assert (found.meetings, found.on_pace) == (5, True)

    every_day = [start + timedelta(days=n) for n in range(120)]
    after = ninety_in_ninety(start, every_day, date(2026, 6, 1))
    assert (after.day_number, after.meetings, after.on_pace, after.finished) == (90, 90, True, True)
    short = ninety_in_ninety(start, every_day[:60], date(2026, 4, 1))
    assert (short.day_number, short.meetings, short.on_pace, short.finished) == (
        90,
        60,
        False,
        True,
    )
    doubled = ninety_in_ninety(start, every_day[:45] * 2, date(2026, 2, 14))
    assert (doubled.day_number, doubled.meetings, doubled.finished) == (45, 90, True)
    before = ninety_in_ninety(start, [], date(2025, 12, 20))
    assert (before.day_number, before.meetings, before.finished) == (0, 0, False)


def test_the_ninety_run_through_the_vault(new_vault, machine_zone):
    machine_zone("Europe/Moscow")
    start = date(2026, 11, 1)
    assert load_practice(new_vault, local(DAY, 12, 0, MOSCOW)).ninety is None
    assert set_ninety_start(new_vault, start) == Changes(settings=True, daily=True)
    assert load_settings(new_vault).ninety_start == start
    for uid, day in (
        ("before", date(2026, 10, 31)),
        ("first", start),
        ("second", date(2026, 11, 5)),
        ("online", date(2026, 11, 5)),
        ("tonight", DAY),
        ("planned", date(2026, 11, 25)),
        ("after", start + timedelta(days=95)),
    ):
        new_vault.records.save(Meeting(uid, day, "Tuesday Step Group", MeetingFormat.IN_PERSON))

    view = load_practice(new_vault, local(DAY, 21, 0, MOSCOW))
    assert view.today == DAY
    assert (view.ninety.start, view.ninety.day_number, view.ninety.meetings) == (start, 20, 4)
    assert not view.ninety.on_pace and not view.ninety.finished
    # Before the day boundary it is still the 19th: tonight's meeting does not count yet.
    early = load_practice(new_vault, local(DAY, 2, 0, MOSCOW))
    assert (early.today, early.ninety.day_number, early.ninety.meetings) == (
        DAY - timedelta(days=1),
        19,
        3,
    )
    late = load_practice(new_vault, local(date(2027, 3, 1), 12, 0, MOSCOW))
    assert (late.ninety.day_number, late.ninety.meetings, late.ninety.finished) == (90, 5, True)

    set_ninety_start(new_vault, None)
    assert load_practice(new_vault, local(DAY, 21, 0, MOSCOW)).ninety is None
    assert "ninety_start" not in new_vault.settings.get_all()


def test_load_practice_lists_the_clean_times_for_the_journal_day(new_vault, machine_zone):
    machine_zone("Europe/Moscow")
    new_vault.records.save(CleanDate("alcohol", "Alcohol", DAY - timedelta(days=30)))
    view = load_practice(new_vault, local(DAY, 1, 0, MOSCOW))  # still the 19th
    assert view.today == DAY - timedelta(days=1)
    assert [c.days for c in view.clean_times] == [29]
    view = load_practice(new_vault, local(DAY, 4, 0, MOSCOW))
    assert [c.days for c in view.clean_times] == [30]
    assert view.clean_times[0].reached_today.count == 30


# --- the summary -------------------------------------------------------------------------------


SUMMARY_KEYS = {
    "format",
    "format_version",
    "today",
    "clean_time",
    "reviews",
    "ratings",
    "next_milestone",
}
CLEAN_KEYS = {
    "name",
    "first_clean_date",
    "clean_since",
    "days",
    "years",
    "months",
    "days_after_months",
    "longest_run_days",
    "slips",
    "milestone_today",
    "next_milestone",
}
RATING_KEYS = {
    "dimension",
    "name",
    "lower_is_better",
    "today",
    "yesterday",
    "previous_7_days_average",
    "previous_7_days_rated",
    "better_than_yesterday",
}


def check_summary_shape(summary: dict[str, Any]) -> None:
    """Against recovery_journal/resources/schema/summary-v1.schema.json when it is shipped, else
    by its keys."""
    schema_file = resource("schema", "summary-v1.schema.json")
    if schema_file.is_file():
        import jsonschema

        schema = json.loads(schema_file.read_text("utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        jsonschema.Draft202012Validator(schema).validate(summary)
    assert set(summary) == SUMMARY_KEYS
    assert (summary["format"], summary["format_version"]) == ("recovery-journal-summary", 1)
    assert set(summary["reviews"]) == {"written_today", "current_streak", "longest_streak", "total"}
    for item in summary["clean_time"]:
        assert set(item) == CLEAN_KEYS
    for rating in summary["ratings"]:
        assert set(rating) == RATING_KEYS
    json.dumps(summary, allow_nan=False)


@pytest.fixture
def demo_vault(new_vault):
    fill_demo(new_vault, 90, "en", end=END)
    return new_vault


def tonight(day: date = END) -> datetime:
    return datetime.combine(day, time(22, 0), UTC)


def test_the_summary_of_a_demo_history(demo_vault):
    summary = build_summary(demo_vault, tonight())
    check_summary_shape(summary)
    assert summary["today"] == "2026-11-23"

    (clean,) = summary["clean_time"]
    start = END - timedelta(days=89)
    since = date.fromisoformat(clean["clean_since"])
    assert clean["name"] == "Alcohol"
    assert clean["first_clean_date"] == start.isoformat()
    assert clean["slips"] == 1
    (slip,) = demo_vault.records.all(Slip)
    assert since == slip.on + timedelta(days=1)
    assert clean["days"] == (END - since).days == 57
    assert (clean["years"], clean["months"], clean["days_after_months"]) == (0, 1, 27)
    assert clean["longest_run_days"] == max(57, (slip.on - start).days)
    assert clean["milestone_today"] is None
    assert clean["next_milestone"] == {
        "kind": "days",
        "count": 60,
        "on": "2026-11-26",
        "days_left": 3,
        "label": "60 days",
    }
    assert summary["next_milestone"] == clean["next_milestone"] | {"name": "Alcohol"}

    days = demo_vault.reviews.days()
    assert summary["reviews"] == {
        "written_today": True,
        "current_streak": current_streak(days, END),
        "longest_streak": longest_streak(days),
        "total": len(days),
    }
    assert summary["reviews"]["current_streak"] >= 1

    today_review = demo_vault.reviews.get(END)
    yesterday_review = demo_vault.reviews.get(END - timedelta(days=1))
    week = list(demo_vault.reviews.between(END - timedelta(days=7), END - timedelta(days=1)))
    assert [r["dimension"] for r in summary["ratings"]] == [
        "d.mood",
        "d.craving",
        "d.serenity",
        "d.honesty",
        "d.gratitude",
        "d.connection",
    ]
    for rating in summary["ratings"]:
        uid = rating["dimension"]
        assert rating["lower_is_better"] is (uid == "d.craving")
        assert rating["today"] == today_review.rating(uid)
        assert rating["today"] is not None
        yesterday = yesterday_review.rating(uid) if yesterday_review else None
        assert rating["yesterday"] == yesterday
        values = [r.rating(uid) for r in week if r.rating(uid) is not None]
        assert rating["previous_7_days_rated"] == len(values)
        assert rating["previous_7_days_average"] == (round(mean(values), 2) if values else None)
        if yesterday is None or yesterday == rating["today"]:
            assert rating["better_than_yesterday"] is None
        elif rating["lower_is_better"]:
            assert rating["better_than_yesterday"] is (rating["today"] < yesterday)
        else:
            assert rating["better_than_yesterday"] is (rating["today"] > yesterday)

    text = summary_text(summary, programme_words(Programme.ALCOHOL))
    assert text.startswith("Summary for 2026-11-23\n")
    assert "Alcohol: 57 days sober (1 month, 27 days) since 2026-09-27; longest run 57 days" in text
    assert "Craving (lower is better): " in text
    assert "Next milestone: 60 days on 2026-11-26 (Alcohol)" in text
    assert "not written yet" not in text


def test_better_than_yesterday_follows_the_direction_of_the_scale(new_vault):
    yesterday = END - timedelta(days=1)
    new_vault.reviews.save(
        review(
            yesterday, ratings=(Rating("d.mood", 4), Rating("d.craving", 6), Rating("d.honesty", 7))
        )
    )
    new_vault.reviews.save(
        review(END, ratings=(Rating("d.mood", 6), Rating("d.craving", 3), Rating("d.honesty", 7)))
    )
    by_uid = {r["dimension"]: r for r in build_summary(new_vault, tonight())["ratings"]}
    assert by_uid["d.mood"]["better_than_yesterday"] is True
    assert by_uid["d.craving"]["better_than_yesterday"] is True  # less craving is better
    assert by_uid["d.honesty"]["better_than_yesterday"] is None  # the same
    assert by_uid["d.serenity"]["better_than_yesterday"] is None  # not rated
    assert (
        by_uid["d.mood"]["previous_7_days_average"],
        by_uid["d.mood"]["previous_7_days_rated"],
    ) == (
        4,
        1,
    )
    new_vault.reviews.save(review(END, ratings=(Rating("d.mood", 2), Rating("d.craving", 9))))
    by_uid = {r["dimension"]: r for r in build_summary(new_vault, tonight())["ratings"]}
    assert by_uid["d.mood"]["better_than_yesterday"] is False
    assert by_uid["d.craving"]["better_than_yesterday"] is False


def test_the_summary_leaves_hidden_scales_out_and_names_the_persons_own(demo_vault):
    honesty = next(d for d in demo_vault.records.all(RatingDimension) if d.uid == "d.honesty")
    demo_vault.records.save(replace(honesty, hidden=True))
    demo_vault.records.save(RatingDimension("mine", "Sleep", position=9))
    ratings = build_summary(demo_vault, tonight())["ratings"]
    assert [r["dimension"] for r in ratings] == [
        "d.mood",
        "d.craving",
        "d.serenity",
        "d.gratitude",
        "d.connection",
        "mine",
    ]
    assert (ratings[-1]["name"], ratings[-1]["today"], ratings[-1]["yesterday"]) == (
        "Sleep",
        None,
        None,
    )


def test_the_next_milestone_is_the_soonest_of_all_clean_dates(demo_vault):
    demo_vault.records.save(CleanDate("gambling", "Gambling", END - timedelta(days=30), position=1))
    summary = build_summary(demo_vault, tonight())
    gambling = summary["clean_time"][1]
    assert gambling["milestone_today"] == {
        "kind": "days",
        "count": 30,
        "on": "2026-11-23",
        "days_left": 0,
        "label": "30 days",
    }
    assert gambling["next_milestone"]["on"] == "2026-12-23"
    assert summary["next_milestone"]["name"] == "Alcohol"  # 60 days on the 26th comes first
    assert "  Milestone today: 30 days" in summary_text(summary, programme_words(Programme.DRUGS))

    demo_vault.records.save(CleanDate("smoking", "", END - timedelta(days=59), position=2))
    summary = build_summary(demo_vault, tonight())
    assert summary["next_milestone"] == {
        "kind": "days",
        "count": 60,
        "on": "2026-11-24",
        "days_left": 1,
        "label": "60 days",
        "name": "",
    }
    text = summary_text(summary, programme_words(Programme.DRUGS))
    assert "Next milestone: 60 days on 2026-11-24 (Clean time)" in text


def test_the_summary_of_an_empty_vault(new_vault):
    summary = build_summary(new_vault, tonight())
    check_summary_shape(summary)
    assert summary["clean_time"] == []
    assert summary["next_milestone"] is None
    assert summary["reviews"] == {
        "written_today": False,
        "current_streak": 0,
        "longest_streak": 0,
        "total": 0,
    }
    assert len(summary["ratings"]) == 6
    assert all(
        r["today"] is None and r["better_than_yesterday"] is None for r in summary["ratings"]
    )
    text = summary_text(summary, programme_words(Programme.GENERIC))
    assert "No start date yet" in text
    assert "Tonight's review is not written yet." in text
    assert "Next milestone" not in text


def test_the_summary_day_follows_the_day_boundary(new_vault, machine_zone):
    machine_zone("Europe/Moscow")
    new_vault.reviews.save(a_review(DAY))
    summary = build_summary(new_vault, local(DAY + timedelta(days=1), 1, 30, MOSCOW))
    assert summary["today"] == DAY.isoformat()
    assert summary["reviews"]["written_today"] is True
    summary = build_summary(new_vault, local(DAY + timedelta(days=1), 4, 0, MOSCOW))
    assert summary["today"] == (DAY + timedelta(days=1)).isoformat()
    assert summary["reviews"]["written_today"] is False
    assert summary["reviews"]["current_streak"] == 1


@pytest.fixture(scope="module")
def cli_demo(tmp_path_factory) -> tuple[Path, date]:
    """A demo vault the CLI can open (it derives keys with the app's full KDF), and its end."""
    path = tmp_path_factory.mktemp("cli") / "cli.rjvault"
    end = persons_today()
    vault = create_vault(path, PASSPHRASE)
    try:
        fill_demo(vault, 30, "en", end=end)
    finally:
        vault.close()
    return path, end


@pytest.fixture
def cli_vault(cli_demo, monkeypatch) -> Path:
    monkeypatch.setenv(PASSPHRASE_VARIABLE, PASSPHRASE)
    return cli_demo[0]


def test_the_summary_command_prints_json(cli_vault, cli_demo, capsys):
    assert main(["summary", "--vault", str(cli_vault), "--json"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    summary = json.loads(captured.out)
    check_summary_shape(summary)
    (clean,) = summary["clean_time"]
    assert clean["name"] == "Alcohol"
    assert clean["first_clean_date"] == (cli_demo[1] - timedelta(days=29)).isoformat()
    assert clean["slips"] == 1
    assert summary["next_milestone"]["name"] == "Alcohol"
    assert summary["reviews"]["total"] >= 1


def test_the_summary_command_prints_text(cli_vault, tmp_path, capsys, monkeypatch):
    secret = tmp_path / "secret.txt"
    secret.write_text(PASSPHRASE + "\n")
    monkeypatch.delenv(PASSPHRASE_VARIABLE)
    code = main(["summary", "--vault", str(cli_vault), "--passphrase-file", str(secret)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert captured.out.startswith("Summary for ")
    assert "Alcohol: " in captured.out
    assert "Next milestone: " in captured.out
    with pytest.raises(json.JSONDecodeError):
        json.loads(captured.out)


def test_the_summary_command_with_a_wrong_passphrase_exits_3(cli_vault, capsys, monkeypatch):
    monkeypatch.setenv(PASSPHRASE_VARIABLE, "not the passphrase at all")
    assert main(["summary", "--vault", str(cli_vault), "--json"]) == 3
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("recovery-journal: ")


# --- export and import of the daily practice ---------------------------------------------------


def test_a_hand_made_daily_practice_survives_export_and_import(new_vault, tmp_path):
    vault = new_vault
    vault.records.save(CleanDate("alcohol", "Alcohol", date(2026, 1, 1)))
    record_slip(vault, "alcohol", date(2026, 4, 10), "A wedding", "Leave early")
    vault.records.save(ReviewQuestion("mine", "Did I pray?", AnswerKind.TEXT, position=12))
    vault.records.save(RatingDimension("sleep", "Sleep", lower_is_better=False, position=6))
    save_review(
        vault,
        review(
            DAY,
            ReviewAnswer("q.afraid", True, "Money"),
            ReviewAnswer("mine", None, "Morning and night"),
            ratings=(Rating("d.craving", 2), Rating("sleep", 7)),
        ),
        ["Coffee after the meeting", "A long walk"],
        now=WRITTEN,
    )
    afraid = next(q for q in vault.records.all(ReviewQuestion) if q.uid == "q.afraid")
    vault.records.save(replace(afraid, hidden=True))
    vault.records.save(SpotCheck("s1", DAY, "", "Craving past the shop", "Called Sam"))
    vault.records.save(SpotCheck("s2", DAY, "09:15", "Snapped at a colleague", "Apologised"))
    vault.records.save(Meeting("m1", DAY, "Morning (online)", MeetingFormat.ONLINE, True, "Shared"))
    add_apology_to_step8(vault, DAY, "My brother", "I hung up on him")
    update_settings(vault, day_boundary=time(2, 30), ninety_start=date(2026, 11, 1))
    text = dumps(export_document(vault))

    target = create_vault(tmp_path / "target.rjvault", PASSPHRASE, kdf_iterations=TEST_KDF)
    try:
        import_document(target, parse_document(text.encode()))
        assert list(target.reviews.all()) == list(vault.reviews.all())
        for record_type in (
            CleanDate,
            Slip,
            ReviewQuestion,
            RatingDimension,
            SpotCheck,
            GratitudeEntry,
            Meeting,
            Amend,
        ):
            assert target.records.all(record_type) == vault.records.all(record_type), record_type
        assert load_settings(target) == load_settings(vault)
        assert load_sheet(target, DAY).on_step8
        assert dumps(export_document(target)) == text
    finally:
        target.close()


@pytest.fixture(scope="module")
def demo_export(tmp_path_factory) -> dict[str, Any]:
    path = tmp_path_factory.mktemp("daily") / "demo.rjvault"
    vault = create_vault(path, PASSPHRASE, kdf_iterations=TEST_KDF)
    try:
        fill_demo(vault, 90, "en", end=END)
        return export_document(vault)
    finally:
        vault.close()


def _first_rated(document: dict[str, Any]) -> dict[str, Any]:
    return next(r for r in document["daily"]["reviews"] if r["ratings"])


DAILY_BREAKAGES: dict[str, tuple[Callable[[dict[str, Any]], Any], str]] = {
    # name: (change, where the message points)
    "an answer to an unknown question": (
        lambda d: d["daily"]["reviews"][0]["answers"][0].update(question_uid="q.nowhere"),
        "daily.reviews[0].answers[0]",
    ),
    "a rating on an unknown scale": (
        lambda d: d["daily"]["reviews"][0]["ratings"][0].update(dimension_uid="d.nowhere"),
        "daily.reviews[0].ratings[0]",
    ),
    "a slip of an unknown clean date": (
        lambda d: d["daily"]["slips"][0].update(clean_uid="gone"),
        "daily.slips[0]",
    ),
    "two reviews on one day": (
        lambda d: d["daily"]["reviews"].append(copy.deepcopy(d["daily"]["reviews"][0])),
        "daily.reviews[",
    ),
    "a rating of 11": (
        lambda d: _first_rated(d)["ratings"][0].update(value=11),
        "daily.reviews[",
    ),
    "a rating of -1": (
        lambda d: _first_rated(d)["ratings"][0].update(value=-1),
        "daily.reviews[",
    ),
    "a spot-check at noon": (
        lambda d: d["daily"]["spot_checks"][0].update(at="noon"),
        "daily.spot_checks[0].at",
    ),
    "a spot-check at 24:00": (
        lambda d: d["daily"]["spot_checks"][0].update(at="24:00"),
        "daily.spot_checks[0].at",
    ),
    "the same question twice in a review": (
        lambda d: d["daily"]["reviews"][0]["answers"].append(
            dict(d["daily"]["reviews"][0]["answers"][0])
        ),
        "daily.reviews[0].answers[",
    ),
    "a clean date twice": (
        lambda d: d["daily"]["clean_dates"].append(dict(d["daily"]["clean_dates"][0])),
        "daily.clean_dates[1]",
    ),
    "a gratitude line twice": (
        lambda d: d["daily"]["gratitude"].append(dict(d["daily"]["gratitude"][0])),
        "daily.gratitude[",
    ),
    "an impossible review day": (
        lambda d: d["daily"]["reviews"][0].update(day="2026-02-30"),
        "daily.reviews[0].day",
    ),
    "an impossible slip day": (
        lambda d: d["daily"]["slips"][0].update(on="2026-13-01"),
        "daily.slips[0].on",
    ),
    "an impossible clean date": (
        lambda d: d["daily"]["clean_dates"][0].update(since="2026-00-10"),
        "daily.clean_dates[0].since",
    ),
    "an impossible meeting day": (
        lambda d: d["daily"]["meetings"][0].update(day="2026-04-31"),
        "daily.meetings[0].day",
    ),
    "a review changed at 25:00": (
        lambda d: d["daily"]["reviews"][0].update(updated_at="2026-11-20T25:00:00+00:00"),
        "daily.reviews[0].updated_at",
    ),
    "an unknown meeting format": (
        lambda d: d["daily"]["meetings"][0].update(format="by_phone"),
        "daily.meetings[0]",
    ),
    "a yes written as text": (
        lambda d: d["daily"]["reviews"][0]["answers"][0].update(yes="yes"),
        "daily.reviews[0].answers[0]",
    ),
    "a daily section without reviews": (
        lambda d: d["daily"].pop("reviews"),
        "daily",
    ),
}


@pytest.mark.parametrize("name", list(DAILY_BREAKAGES))
def test_bad_daily_sections_are_refused_whole(name, demo_export, new_vault):
    document = copy.deepcopy(demo_export)
    change, where = DAILY_BREAKAGES[name]
    change(document)
    data = json.dumps(document).encode()
    with pytest.raises(ImportRejected) as caught:
        import_document(new_vault, parse_document(data))
    message = caught.value.message()
    assert message.endswith("nothing was imported.")
    assert "\n" not in message
    assert where in message, message
    assert new_vault.is_empty()
    assert new_vault.settings.get_all().keys() == {"journal.id"}  # a new vault's own
    assert new_vault.reviews.days() == set()
    assert new_vault.records.all(Slip) == []


def test_the_unbroken_demo_document_imports(demo_export, new_vault):
    document = copy.deepcopy(demo_export)
    import_document(new_vault, parse_document(json.dumps(document).encode()))
    assert len(new_vault.reviews.days()) == len(document["daily"]["reviews"])
    assert [s.uid for s in new_vault.records.all(Slip)] == ["demo-slip"]
