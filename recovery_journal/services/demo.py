"""Believable synthetic history for the demo vault and the benchmarks. Invented people, our words.

The same seed, length, language and last day always give the same history, so the ten-year
benchmark vault is reproducible; the time of day only decides how much of the last day has
happened yet. The material (every sentence, in each language) lives in demo_en.py and demo_ru.py;
demo_life.py plans the days, demo_daily.py writes the reviews and meetings, demo_journal.py the
notes and the journal, and this module the step work, the worksheets and the amends.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

from recovery_journal.domain.inventory import (
    Amend,
    AmendsKind,
    AmendsStatus,
    Fear,
    Harm,
    Resentment,
    SexConduct,
    Willingness,
)
from recovery_journal.domain.ports import Vault
from recovery_journal.domain.sponsor_notes import Topic, about_from_text, note_from_reply
from recovery_journal.domain.step_tools import (
    Defect,
    DefectState,
    InventoryShare,
    PracticeEntry,
    PracticeKind,
    ServiceEntry,
    ServiceKind,
    Step1Example,
    Step1List,
)
from recovery_journal.domain.steps import Answer, Question, QuestionPack, StepProgress, StepStatus
from recovery_journal.errors import JournalError
from recovery_journal.i18n import SOURCE_LANGUAGE, _
from recovery_journal.services import demo_en, demo_ru
from recovery_journal.services.demo_daily import fill_daily
from recovery_journal.services.demo_journal import fill_writing
from recovery_journal.services.demo_life import SPONSEE_FROM, DemoLife, demo_clock, plan_life
from recovery_journal.services.demo_phrases import Decks, Material, parse_material, split_fields
from recovery_journal.services.journal_identity import journal_id
from recovery_journal.services.settings import load_settings, save_settings
from recovery_journal.services.sponsor_notes import ROW_TYPES, keep_notes
from recovery_journal.services.step_content import step_content

# About fourteen months: a slip long ago, the first year's milestone behind, steps 1 to 8 done and
# amends under way. Long enough to show every page at work; `--days 3650` makes ten years.
DEFAULT_DAYS = 425
DEFAULT_SEED = 12

MATERIAL_TEXT = {"en": demo_en.TEXT, "ru": demo_ru.TEXT}

# (first day, last day) of each step in a full-length history, counted from its first day. A
# shorter history squeezes them (so even a month's demo shows every tool); a longer one has them
# all done in the first two years, with steps 10 to 12 lived ever since.
STEP_PLAN = {
    1: (5, 40),
    2: (40, 62),
    3: (62, 84),
    4: (90, 190),
    5: (190, 204),
    6: (204, 226),
    7: (226, 250),
    8: (250, 292),
    9: (292, 560),
    10: (560, 610),
    11: (610, 680),
    12: (680, 760),
}
PACK_ID = "tuesday-group"
PRIVATE_ANSWER = f"{PACK_ID}/q1"  # kept private, as a person might the sharpest part of step 4
PRACTICE_FROM = 30  # mornings of quiet start in the second month
SERVICE_FROM = 100


class DemoRefused(JournalError):
    def message(self) -> str:
        return _(
            "This vault already holds writing; demo data only goes into a new or empty vault, "
            "so nothing was added."
        )


@cache
def demo_material(language: str) -> Material:
    return parse_material(MATERIAL_TEXT.get(language, MATERIAL_TEXT[SOURCE_LANGUAGE]))


def fill_demo(
    vault: Vault,
    days: int = DEFAULT_DAYS,
    language: str = SOURCE_LANGUAGE,
    end: date | None = None,
    seed: int = DEFAULT_SEED,
    *,
    now: datetime | None = None,
) -> int:
    """Fill an empty vault with ``days`` of history up to now; return the number of notes written.

    ``now`` (with its time zone) is the present moment of the history; without it, the real now
    when ``end`` is today or not given, else the whole of the journal day ``end``.
    """
    if not vault.is_empty():
        raise DemoRefused("vault is not empty")
    language = language if language in MATERIAL_TEXT else SOURCE_LANGUAGE
    material = demo_material(language)
    clock = demo_clock(end, now, load_settings(vault).day_boundary)
    life = plan_life(
        clock, days, DEFAULT_DAYS, material, random.Random(f"life:{seed}:{language}:{days}")
    )
    persona = material.table("persona")
    with vault.transaction():
        steps = _StepWork(vault, life, material, language, seed)
        steps.fill()
        fill_daily(vault, life, material, seed)
        written = fill_writing(vault, life, material, steps.answered, seed)
        _sponsor_notes(vault, life, material)
        settings = replace(
            load_settings(vault),
            display_name=persona["name"],
            reminder_on=True,
            ninety_start=life.start,
        )
        save_settings(vault, settings)  # only the person's settings: the journal's id stays
    return written


def _sponsor_notes(vault: Vault, life: DemoLife, material: Material) -> None:
    """What the sponsor wrote back in the reports made so far, and the answers written to it."""
    sponsor = material.table("persona")["sponsor"]
    identifier = journal_id(vault)
    notes = []
    for position, (offset, about_text, text, answer) in enumerate(material.fields("sponsor.notes")):
        written = life.offset_day(int(offset) * life.pace)
        about = about_from_text(about_text)
        if written > life.today:
            continue  # that report has not been made yet
        if about.topic is Topic.ROW:
            listed: list[Any] = vault.records.all(ROW_TYPES[about.sheet])
            rows = {row.uid for row in listed}
            if about.row_uid not in rows:
                continue  # a short history: the row was never written
        made = written - timedelta(days=2)
        note = note_from_reply(
            identifier,
            f"demo-report-{made.isoformat()}",
            about,
            text,
            sponsor=sponsor,
            written_on=written,
            received_on=min(written + timedelta(days=1), life.today),
            report_made_on=max(made, life.start),
            position=position,
        )
        notes.append(replace(note, answer=answer))
    keep_notes(vault, notes)


@dataclass(frozen=True, slots=True)
class _Window:
    """When a step was worked on, as far as it has been by now."""

    step: int
    first: date
    last: date


class _StepWork:
    """The steps worked one after another, with the tools each step uses, up to today."""

    def __init__(self, vault: Vault, life: DemoLife, material: Material, language: str, seed: int):
        self.vault = vault
        self.life = life
        self.material = material
        self.language = language
        self.rng = random.Random(f"steps:{seed}:{language}:{life.start}:{len(life.days)}")
        self.decks = Decks(material, random.Random(f"tools:{seed}:{language}"))
        self.answered: dict[date, tuple[int, int]] = {}  # day -> (step, answers written)
        self.windows = {
            step: _Window(
                step, life.offset_day(first * life.pace), life.offset_day(last * life.pace)
            )
            for step, (first, last) in STEP_PLAN.items()
        }

    def started(self, step: int) -> bool:
        return self.windows[step].first <= self.life.today

    def done(self, step: int) -> bool:
        last = self.windows[step].last
        return last < self.life.today or self.life.clock.passed(self.life.clock.at(last, 21 * 60))

    def fill(self) -> None:
        pack = self._pack()
        for step in STEP_PLAN:
            if self.started(step):
                self._work(step, pack)
        self._step1()
        self._inventory()
        self._defects()
        self._amends()
        self._practice()
        self._service()

    def _pack(self) -> QuestionPack:
        persona = self.material.table("persona")
        questions = tuple(
            Question(f"{PACK_ID}/q{number}", int(step), text, PACK_ID)
            for number, (step, text) in enumerate(self.material.fields("pack.question"), start=1)
        )
        pack = QuestionPack(
            PACK_ID, self.material["pack"][0], persona["sponsor"], self.language, questions
        )
        if self.started(min(q.step for q in questions)):
            self.vault.steps.save_pack(pack)
        return pack

    def _work(self, step: int, pack: QuestionPack) -> None:
        clock = self.life.clock
        window = self.windows[step]
        answers = self.material.table("answers")
        questions = step_content(self.language).guide(step).questions
        questions += tuple(q for q in pack.questions if q.step == step)
        span = (window.last - window.first).days
        latest = clock.at(window.first, 19 * 60)
        for index, question in enumerate(questions):
            day = window.first + timedelta(days=int(span * (index + 0.5) / len(questions)))
            moment = clock.at(day, 19 * 60 + self.rng.randrange(75))
            if not clock.passed(moment):
                continue
            self.vault.steps.save_answer(
                Answer(
                    question.id,
                    step,
                    answers[question.id],
                    moment,
                    private=question.id == PRIVATE_ANSWER,
                )
            )
            _, count = self.answered.get(day, (step, 0))
            self.answered[day] = (step, count + 1)
            latest = max(latest, moment)
        done = self.done(step)
        if done:
            latest = max(latest, clock.at(window.last, 21 * 60))
        if not clock.passed(latest):
            return  # the step begins this evening
        self.vault.steps.save_progress(
            StepProgress(
                step,
                StepStatus.DONE if done else StepStatus.WORKING,
                window.first,
                window.last if done else None,
                sponsor_discussed_on=window.last if done else None,
                wording=self.material["wording.step3"][0] if step == 3 else None,
                updated_at=latest,
            )
        )

    def _step1(self) -> None:
        if not self.started(1):
            return
        lists = (
            (Step1List.POWERLESSNESS, "step1.powerless", "p"),
            (Step1List.UNMANAGEABILITY, "step1.unmanageable", "u"),
        )
        for kind, section, prefix in lists:
            for position, example in enumerate(self.material[section]):
                self.vault.records.save(
                    Step1Example(f"demo-{prefix}{position}", kind, example, position)
                )

    def _rows_by_now(self, section: str, step: int) -> list[tuple[int, tuple[str, ...]]]:
        """The worksheet rows written so far: spread over the step's days, one after another."""
        window = self.windows[step]
        rows = self.material.fields(section)
        span = (window.last - window.first).days
        return [
            (n, row)
            for n, row in enumerate(rows)
            if window.first + timedelta(days=int(span * (n + 0.5) / (len(rows) + 1)))
            <= self.life.today
        ]

    def _inventory(self) -> None:
        if not self.started(4):
            return
        shared = self.done(5)
        for n, (who, cause, affects, part, notes) in self._rows_by_now("resentments", 4):
            self.vault.records.save(
                Resentment(
                    f"demo-r{n}",
                    who,
                    cause,
                    _ticks(affects),
                    _ticks(part),
                    notes,
                    private=n == 1,
                    discussed=shared,
                    position=n,
                )
            )
        for n, (fear, why, first, relied, instead) in self._rows_by_now("fears", 4):
            self.vault.records.save(
                Fear(f"demo-f{n}", fear, why, first, relied, instead, discussed=shared, position=n)
            )
        for n, (whom, where, aroused, fault, instead, ideal) in self._rows_by_now("sex_conduct", 4):
            self.vault.records.save(
                SexConduct(
                    f"demo-x{n}",
                    whom,
                    _ticks(where),
                    _ticks(aroused),
                    fault,
                    instead,
                    ideal,
                    private=n == 1,
                    discussed=shared,
                    position=n,
                )
            )
        for n, (whom, what, how) in self._rows_by_now("harms", 4):
            self.vault.records.save(
                Harm(f"demo-h{n}", whom, what, how, discussed=shared, position=n)
            )
        if shared:
            sponsor = self.material.table("persona")["sponsor"]
            self.vault.records.save(InventoryShare("demo-share", sponsor, self.windows[5].last, ""))

    def _defects(self) -> None:
        if not self.started(6):
            return
        ready = self.done(7)
        defects = self.material.fields("defects")
        for position, (name, opposite, shows_up) in enumerate(defects):
            state = DefectState.READY if ready or position % 2 else DefectState.WORKING
            self.vault.records.save(
                Defect(f"demo-d{position}", name, opposite, shows_up, state, position)
            )
        if not self.started(7):
            return
        # A defect to keep in mind today, chosen most mornings since step 7.
        clock = self.life.clock
        day = self.windows[7].first
        while day <= self.life.today:
            chosen = self.rng.random() < 0.45 or day == self.life.today
            pick = min(int(self.rng.expovariate(0.7)), len(defects) - 1)  # mostly the first
            if chosen and clock.passed(clock.at(day, 7 * 60 + 30)):
                self.vault.records.set_focus(day, f"demo-d{pick}")
            day += timedelta(days=1)

    def _amends(self) -> None:
        """The step 8 list from the harms sheet, and the step 9 amends made one by one."""
        if not self.started(8):
            return
        harms = self._rows_by_now("harms", 4)
        plans = self.material.fields("amends")
        window = self.windows[9]
        span = (window.last - window.first).days
        for n, (_whom, what, _how) in harms:
            person, kind, willing, plan, how_it_went = plans[n]
            due = window.first + timedelta(days=int(span * (n + 0.5) / (len(plans) + 1)))
            working = self.started(9)
            made = working and kind != "living" and due <= self.life.today
            self.vault.records.save(
                Amend(
                    f"demo-a{n}",
                    person,
                    what,
                    Willingness(willing),
                    AmendsKind(kind),
                    plan if working else "",
                    planned_on=due if working and due <= self.life.today else None,
                    status=AmendsStatus.MADE if made else AmendsStatus.PLANNED,
                    made_on=due if made else None,
                    how_it_went=how_it_went if made else "",
                    source_uid=f"demo-h{n}",
                    position=n,
                )
            )

    def _practice(self) -> None:
        """Quiet time most mornings (step 11's log), from the second month."""
        clock = self.life.clock
        kinds = (PracticeKind.MEDITATION, PracticeKind.PRAYER, PracticeKind.READING)
        for plan in self.life.days:
            if plan.offset < PRACTICE_FROM * self.life.pace:
                continue
            if self.rng.random() >= 0.2 + 0.45 * plan.maturity:
                continue
            minutes = self.rng.choice((5, 10, 10, 15, 15, 20, 30))
            kind = self.rng.choice(kinds + (PracticeKind.OTHER,) if plan.weekend else kinds)
            note = self.decks.draw("practice.note") if self.rng.random() < 0.2 else ""
            finished = clock.at(plan.day, 6 * 60 + 45 + self.rng.randrange(60) + minutes)
            if clock.passed(finished):
                self.vault.records.save(
                    PracticeEntry(f"demo-m{plan.offset}", plan.day, minutes, kind, note)
                )

    def _service(self) -> None:
        """Making the coffee and the like on meeting nights; a sponsee to see, later on."""
        for plan in self.life.days:
            if plan.meeting and plan.offset >= SERVICE_FROM * self.life.pace:
                if self.rng.random() < 0.3:
                    kind, note = split_fields(self.decks.draw("service.note"))
                    self.vault.records.save(
                        ServiceEntry(
                            f"demo-s{plan.offset}",
                            plan.day,
                            ServiceKind(kind),
                            note if self.rng.random() < 0.7 else "",
                        )
                    )
            sponsee_evening = plan.note_at is not None or plan.review_at is not None
            if plan.offset >= SPONSEE_FROM * self.life.pace and sponsee_evening:
                if plan.day.weekday() == 6 and self.rng.random() < 0.7:
                    self.vault.records.save(
                        ServiceEntry(
                            f"demo-sp{plan.offset}",
                            plan.day,
                            ServiceKind.SPONSORSHIP,
                            self.decks.draw("service.sponsee"),
                        )
                    )


def _ticks(text: str) -> frozenset[str]:
    return frozenset(part.strip() for part in text.split(",") if part.strip())
