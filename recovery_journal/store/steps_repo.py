"""The person's work on the steps: progress, answers and imported question packs."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import sqlcipher3

from recovery_journal.domain.clock import from_iso, to_iso, utc_now
from recovery_journal.domain.search_items import (
    ANSWER,
    answer_ref,
    item_of_answer,
    item_of_progress,
)
from recovery_journal.domain.steps import Answer, Question, QuestionPack, StepProgress, StepStatus
from recovery_journal.store.search_index import SqlSearchIndex

_PROGRESS = (
    "step, status, started_on, completed_on, notes, sponsor_discussed_on, wording, updated_at"
)


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _iso_day(day: date | None) -> str | None:
    return day.isoformat() if day else None


class SqlStepRepository:
    def __init__(self, conn: sqlcipher3.Connection, search: SqlSearchIndex) -> None:
        self._conn = conn
        self._search = search

    # --- progress --------------------------------------------------------------------------------

    def progress(self) -> dict[int, StepProgress]:
        """Every step's progress; steps never touched come back as not started."""
        found = {step: StepProgress(step) for step in range(1, 13)}
        for row in self._conn.execute(f"SELECT {_PROGRESS} FROM step_progress"):
            found[row[0]] = StepProgress(
                step=row[0],
                status=StepStatus(row[1]),
                started_on=_day(row[2]),
                completed_on=_day(row[3]),
                notes=row[4],
                sponsor_discussed_on=_day(row[5]),
                wording=row[6],
                updated_at=from_iso(row[7]),
            )
        return found

    def save_progress(self, progress: StepProgress) -> None:
        moment = progress.updated_at or utc_now()
        self._conn.execute(
            f"INSERT OR REPLACE INTO step_progress ({_PROGRESS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                progress.step,
                progress.status.value,
                _iso_day(progress.started_on),
                _iso_day(progress.completed_on),
                progress.notes,
                _iso_day(progress.sponsor_discussed_on),
                progress.wording,
                to_iso(moment),
            ),
        )
        self._search.put(item_of_progress(progress))

    # --- answers ---------------------------------------------------------------------------------

    def answers(self, step: int | None = None) -> dict[str, Answer]:
        sql = "SELECT question_id, step, text, updated_at, private FROM step_answers"
        rows = (
            self._conn.execute(sql + " WHERE step = ?", (step,))
            if step is not None
            else self._conn.execute(sql + " ORDER BY question_id")
        )
        return {row[0]: _answer(row) for row in rows}

    def save_answer(self, answer: Answer) -> None:
        before = self._conn.execute(
            "SELECT step FROM step_answers WHERE question_id = ?", (answer.question_id,)
        ).fetchone()
        if before is not None and before[0] != answer.step:
            # A pack moved the question to another step: the index knew it under the old one.
            self._search.drop(ANSWER, answer_ref(before[0], answer.question_id))
        self._conn.execute(
            "INSERT OR REPLACE INTO step_answers (question_id, step, text, updated_at, private) "
            "VALUES (?, ?, ?, ?, ?)",
            (
                answer.question_id,
                answer.step,
                answer.text,
                to_iso(answer.updated_at),
                int(answer.private),
            ),
        )
        self._search.put(item_of_answer(answer))

    def delete_answer(self, question_id: str) -> None:
        row = self._conn.execute(
            "DELETE FROM step_answers WHERE question_id = ? RETURNING step", (question_id,)
        ).fetchone()
        if row is not None:
            self._search.drop(ANSWER, answer_ref(row[0], question_id))

    def last_answered(self) -> Answer | None:
        row = self._conn.execute(
            "SELECT question_id, step, text, updated_at, private FROM step_answers "
            "ORDER BY updated_at DESC, question_id DESC LIMIT 1"
        ).fetchone()
        return _answer(row) if row else None

    # --- question packs --------------------------------------------------------------------------

    def packs(self) -> Sequence[QuestionPack]:
        packs = []
        for pack_id, name, author, language in self._conn.execute(
            "SELECT id, name, author, language FROM question_packs ORDER BY name, id"
        ).fetchall():
            questions = tuple(
                Question(f"{pack_id}/{qid}", step, text, pack_id)
                for qid, step, text in self._conn.execute(
                    "SELECT id, step, text FROM pack_questions WHERE pack_id = ? "
                    "ORDER BY step, position",
                    (pack_id,),
                )
            )
            packs.append(QuestionPack(pack_id, name, author, language, questions))
        return packs

    def save_pack(self, pack: QuestionPack) -> None:
        self._conn.execute("DELETE FROM question_packs WHERE id = ?", (pack.id,))
        self._conn.execute(
            "INSERT INTO question_packs (id, name, author, language) VALUES (?, ?, ?, ?)",
            (pack.id, pack.name, pack.author, pack.language),
        )
        self._conn.executemany(
            "INSERT INTO pack_questions (pack_id, id, step, position, text) VALUES (?, ?, ?, ?, ?)",
            [
                (pack.id, q.id.split("/", 1)[-1], q.step, position, q.text)
                for position, q in enumerate(pack.questions)
            ],
        )

    def delete_pack(self, pack_id: str) -> None:
        self._conn.execute("DELETE FROM question_packs WHERE id = ?", (pack_id,))


def _answer(row: Sequence[Any]) -> Answer:
    return Answer(row[0], row[1], row[2], from_iso(row[3]), bool(row[4]))
