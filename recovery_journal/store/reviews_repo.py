"""Nightly reviews: one row a day in ``reviews``, its answers and ratings in their own tables."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date

import sqlcipher3

from recovery_journal.domain.clock import day_from_iso, from_iso, to_iso
from recovery_journal.domain.daily import NightlyReview, Rating, ReviewAnswer
from recovery_journal.domain.search_items import REVIEW, item_of_review
from recovery_journal.store.search_index import SqlSearchIndex


class SqlReviewRepository:
    def __init__(self, conn: sqlcipher3.Connection, search: SqlSearchIndex) -> None:
        self._conn = conn
        self._search = search

    def get(self, day: date) -> NightlyReview | None:
        found = list(self.between(day, day))
        return found[0] if found else None

    def between(self, first: date, last: date) -> Iterator[NightlyReview]:
        """The reviews from ``first`` to ``last`` (both included), oldest first."""
        bounds = (first.isoformat(), last.isoformat())
        # Rows come in primary-key order and are put in the questions' and scales' order here:
        # sorting in SQL through a join costs ten times as much on ten years of reviews.
        question_order = self._order("review_questions")
        answers: dict[str, list[ReviewAnswer]] = {}
        for day, uid, answer, note in self._conn.execute(
            "SELECT day, question_uid, answer, note FROM review_answers WHERE day BETWEEN ? AND ?",
            bounds,
        ):
            answers.setdefault(day, []).append(
                ReviewAnswer(uid, None if answer is None else bool(answer), note)
            )
        for found in answers.values():
            found.sort(key=lambda a: question_order.get(a.question_uid, (0, "")))
        dimension_order = self._order("rating_dimensions")
        ratings: dict[str, list[Rating]] = {}
        for day, uid, value in self._conn.execute(
            "SELECT day, dimension_uid, value FROM review_ratings WHERE day BETWEEN ? AND ?",
            bounds,
        ):
            ratings.setdefault(day, []).append(Rating(uid, value))
        for found_ratings in ratings.values():
            found_ratings.sort(key=lambda r: dimension_order.get(r.dimension_uid, (0, "")))
        for day, updated_at in self._conn.execute(
            "SELECT day, updated_at FROM reviews WHERE day BETWEEN ? AND ? ORDER BY day", bounds
        ):
            yield NightlyReview(
                day_from_iso(day),
                tuple(answers.get(day, ())),
                tuple(ratings.get(day, ())),
                from_iso(updated_at),
            )

    def _order(self, table: str) -> dict[str, tuple[int, str]]:
        return {
            uid: (position, uid)
            for uid, position in self._conn.execute(f"SELECT uid, position FROM {table}")  # noqa: S608 - our own table names
        }

    def all(self) -> Iterator[NightlyReview]:
        return self.between(date.min, date.max)

    def days(self) -> set[date]:
        return {day_from_iso(row[0]) for row in self._conn.execute("SELECT day FROM reviews")}

    def save(self, review: NightlyReview) -> None:
        """Replace the day's review with this one (an empty review is removed).

        Only the rows that differ are written: each page written costs its encryption and
        HMAC, so an autosave that changed one answer rewrites one row, not the whole night.
        """
        day = review.day.isoformat()
        if review.empty:
            self.delete(review.day)
            return
        assert review.updated_at is not None
        self._search.put(item_of_review(review))
        updated = self._conn.execute(
            "UPDATE reviews SET updated_at = ? WHERE day = ?", (to_iso(review.updated_at), day)
        ).rowcount
        if not updated:
            self._conn.execute(
                "INSERT INTO reviews (day, updated_at) VALUES (?, ?)",
                (day, to_iso(review.updated_at)),
            )
        answers = {
            a.question_uid: (None if a.yes is None else int(a.yes), a.note)
            for a in review.answers
            if not a.empty
        }
        ratings = {r.dimension_uid: (r.value,) for r in review.ratings}
        self._write_changed_rows(
            "review_answers", "question_uid", ("answer", "note"), day, answers, bool(updated)
        )
        self._write_changed_rows(
            "review_ratings", "dimension_uid", ("value",), day, ratings, bool(updated)
        )

    def _write_changed_rows(
        self,
        table: str,
        key: str,
        columns: tuple[str, ...],
        day: str,
        wanted: Mapping[str, tuple[object, ...]],
        existed: bool,
    ) -> None:
        """Make the day's rows of ``table`` exactly ``wanted``, touching only those that differ."""
        # Our own table and column names, never input.
        listed = ", ".join(columns)
        have: dict[str, tuple[object, ...]] = {}
        if existed:
            have = {
                row[0]: tuple(row[1:])
                for row in self._conn.execute(
                    f"SELECT {key}, {listed} FROM {table} WHERE day = ?",  # noqa: S608
                    (day,),
                )
            }
        gone = [(day, uid) for uid in have if uid not in wanted]
        if gone:
            self._conn.executemany(
                f"DELETE FROM {table} WHERE day = ? AND {key} = ?",  # noqa: S608
                gone,
            )
        changed = [(day, uid, *values) for uid, values in wanted.items() if have.get(uid) != values]
        if changed:
            marks = ", ".join("?" * (len(columns) + 2))
            self._conn.executemany(
                f"INSERT OR REPLACE INTO {table} (day, {key}, {listed}) VALUES ({marks})",  # noqa: S608
                changed,
            )

    def delete(self, day: date) -> None:
        self._conn.execute("DELETE FROM reviews WHERE day = ?", (day.isoformat(),))
        self._search.drop(REVIEW, day.isoformat())
