"""Nightly reviews: one row a day in ``reviews``, its answers and ratings in their own tables."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import sqlcipher3

from recovery_journal.domain.clock import day_from_iso, from_iso, to_iso
from recovery_journal.domain.daily import NightlyReview, Rating, ReviewAnswer


class SqlReviewRepository:
    def __init__(self, conn: sqlcipher3.Connection) -> None:
        self._conn = conn

    def get(self, day: date) -> NightlyReview | None:
        found = list(self.between(day, day))
        return found[0] if found else None

    def between(self, first: date, last: date) -> Iterator[NightlyReview]:
        """The reviews from ``first`` to ``last`` (both included), oldest first."""
        bounds = (first.isoformat(), last.isoformat())
        answers: dict[str, list[ReviewAnswer]] = {}
        for day, uid, answer, note in self._conn.execute(
            "SELECT a.day, a.question_uid, a.answer, a.note FROM review_answers a "
            "JOIN review_questions q ON q.uid = a.question_uid "
            "WHERE a.day BETWEEN ? AND ? ORDER BY a.day, q.position, q.uid",
            bounds,
        ):
            answers.setdefault(day, []).append(
                ReviewAnswer(uid, None if answer is None else bool(answer), note)
            )
        ratings: dict[str, list[Rating]] = {}
        for day, uid, value in self._conn.execute(
            "SELECT r.day, r.dimension_uid, r.value FROM review_ratings r "
            "JOIN rating_dimensions d ON d.uid = r.dimension_uid "
            "WHERE r.day BETWEEN ? AND ? ORDER BY r.day, d.position, d.uid",
            bounds,
        ):
            ratings.setdefault(day, []).append(Rating(uid, value))
        for day, updated_at in self._conn.execute(
            "SELECT day, updated_at FROM reviews WHERE day BETWEEN ? AND ? ORDER BY day", bounds
        ):
            yield NightlyReview(
                day_from_iso(day),
                tuple(answers.get(day, ())),
                tuple(ratings.get(day, ())),
                from_iso(updated_at),
            )

    def all(self) -> Iterator[NightlyReview]:
        return self.between(date.min, date.max)

    def days(self) -> set[date]:
        return {day_from_iso(row[0]) for row in self._conn.execute("SELECT day FROM reviews")}

    def save(self, review: NightlyReview) -> None:
        """Replace the day's review with this one (an empty review is removed)."""
        day = review.day.isoformat()
        self._conn.execute("DELETE FROM reviews WHERE day = ?", (day,))
        if review.empty:
            return
        assert review.updated_at is not None
        self._conn.execute(
            "INSERT INTO reviews (day, updated_at) VALUES (?, ?)", (day, to_iso(review.updated_at))
        )
        self._conn.executemany(
            "INSERT INTO review_answers (day, question_uid, answer, note) VALUES (?, ?, ?, ?)",
            [
                (day, a.question_uid, None if a.yes is None else int(a.yes), a.note)
                for a in review.answers
                if not a.empty
            ],
        )
        self._conn.executemany(
            "INSERT INTO review_ratings (day, dimension_uid, value) VALUES (?, ?, ?)",
            [(day, r.dimension_uid, r.value) for r in review.ratings],
        )

    def delete(self, day: date) -> None:
        self._conn.execute("DELETE FROM reviews WHERE day = ?", (day.isoformat(),))
