"""Demo history of the daily practice: reviews with missed nights, a slip, moods that improve
unevenly, spot-checks, gratitude and meetings. Invented, in our own words, seeded."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from recovery_journal.domain.clean_time import CleanDate, Slip
from recovery_journal.domain.daily import (
    GratitudeEntry,
    Meeting,
    MeetingFormat,
    NightlyReview,
    Rating,
    RatingDimension,
    ReviewAnswer,
    ReviewQuestion,
    SpotCheck,
)
from recovery_journal.domain.inventory import Amend
from recovery_journal.domain.ports import Vault
from recovery_journal.services.review import REVIEW_SOURCE


@dataclass(frozen=True, slots=True)
class DailyText:
    substance: str
    slip_what: str
    slip_learned: str
    notes: dict[str, tuple[str, ...]]  # question builtin -> notes the person might write
    gratitude: tuple[str, ...]
    disturbed: tuple[tuple[str, str], ...]  # (what disturbed me, what I did about it)
    meetings: tuple[str, ...]
    apology_to: tuple[tuple[str, str], ...]  # (person, what for)


_EN = DailyText(
    substance="Alcohol",
    slip_what="Drank at my cousin's wedding after saying I'd only stay an hour.",
    slip_learned="Leave early, bring my own drinks, and call someone before I go, not after.",
    notes={
        "resentful": (
            "At my boss for the comment in the meeting.",
            "At the driver who cut in front of me. Let it go by lunch.",
            "Still chewing on what my brother said on Sunday.",
        ),
        "afraid": ("Money at the end of the month.", "That people at work will find out."),
        "dishonest": ("Said I was fine when I wasn't.",),
        "worry": ("Spent the evening going over the same conversation.",),
        "better": (
            "Listened instead of waiting for my turn to talk.",
            "Called my sponsor earlier, before it got loud in my head.",
            "Gone to bed instead of scrolling.",
        ),
        "tomorrow": (
            "Morning meeting before work.",
            "Ask for help with the report instead of pretending.",
            "Ten minutes of quiet before the day starts.",
        ),
    },
    gratitude=(
        "A phone call with my sponsor",
        "Coffee after the meeting",
        "Waking up clear-headed",
        "My sister's message",
        "A long walk in the park",
        "Someone at the meeting remembered my name",
        "A good night's sleep",
        "Paying a bill on time",
    ),
    disturbed=(
        ("Craving on the way home past the shop", "Took the other street and called Sam"),
        ("Snapped at a colleague", "Apologised before lunch"),
        ("Felt left out at the office party", "Left early and went to a meeting"),
        ("Worried about the doctor's appointment", "Wrote it down and said a short prayer"),
    ),
    meetings=("Tuesday Step Group", "Morning Reflections (online)", "Friday Big Book Study"),
    apology_to=(("My brother", "I hung up on him"), ("Colleague at work", "Snapped at her")),
)

_RU = DailyText(
    substance="Алкоголь",
    slip_what="Выпил на свадьбе двоюродного брата, хотя собирался уйти через час.",
    slip_learned="Уходить раньше, брать свои напитки и звонить кому-то до, а не после.",
    notes={
        "resentful": (
            "На начальника за замечание на совещании.",
            "На водителя, который подрезал. К обеду отпустило.",
            "Всё ещё прокручиваю слова брата в воскресенье.",
        ),
        "afraid": ("Деньги в конце месяца.", "Что на работе узнают."),
        "dishonest": ("Сказал, что всё хорошо, хотя было плохо.",),
        "worry": ("Весь вечер прокручивал один и тот же разговор.",),
        "better": (
            "Слушать, а не ждать своей очереди говорить.",
            "Позвонить спонсору раньше, пока в голове не стало шумно.",
            "Лечь спать, а не листать ленту.",
        ),
        "tomorrow": (
            "Утреннее собрание перед работой.",
            "Попросить помощи с отчётом, а не делать вид.",
            "Десять минут тишины до начала дня.",
        ),
    },
    gratitude=(
        "Разговор со спонсором",
        "Кофе после собрания",
        "Проснулся с ясной головой",
        "Сообщение от сестры",
        "Долгая прогулка в парке",
        "На собрании запомнили моё имя",
        "Хороший сон",
        "Вовремя оплатил счёт",
    ),
    disturbed=(
        ("Тяга по дороге домой мимо магазина", "Пошёл другой улицей и позвонил Саше"),
        ("Сорвался на коллегу", "Извинился до обеда"),
        ("Почувствовал себя лишним на корпоративе", "Ушёл пораньше на собрание"),
        ("Тревога перед приёмом у врача", "Записал её и коротко помолился"),
    ),
    meetings=("Группа «Шаги» по вторникам", "Утренние размышления (онлайн)", "Изучение Книги"),
    apology_to=(("Брат", "Бросил трубку"), ("Коллега", "Сорвался на неё")),
)

DAILY_TEXTS = {"en": _EN, "ru": _RU}

# (starting level, level reached at the end) of each shipped rating dimension.
_TRENDS = {
    "mood": (3.0, 7.0),
    "craving": (7.5, 2.0),
    "serenity": (2.5, 6.5),
    "honesty": (5.0, 8.0),
    "gratitude": (4.0, 8.0),
    "connection": (2.0, 7.0),
}
# Early on "yes" comes often; it eases off as the practice takes hold (never to zero).
_YES_EARLY_LATE = {
    "resentful": (0.7, 0.3),
    "selfish": (0.5, 0.2),
    "dishonest": (0.4, 0.1),
    "afraid": (0.7, 0.3),
    "apology": (0.25, 0.08),
    "kept_secret": (0.4, 0.1),
    "kind": (0.4, 0.8),
    "others": (0.3, 0.7),
    "worry": (0.7, 0.35),
}


def fill_daily(vault: Vault, days: int, language: str, end: date, seed: int) -> None:
    rng = random.Random(f"daily:{seed}:{language}:{days}")
    text = DAILY_TEXTS.get(language, _EN)
    start = end - timedelta(days=days - 1)
    clean = CleanDate("demo-clean", text.substance, start)
    vault.tools.save(clean)
    # One slip, about a third of the way in; the count starts again the next day.
    slip_day = start + timedelta(days=int((days - 1) * 0.35)) if days >= 20 else None
    if slip_day is not None:
        vault.tools.save(Slip("demo-slip", clean.uid, slip_day, text.slip_what, text.slip_learned))
    questions = [q for q in vault.tools.all(ReviewQuestion) if not q.hidden]
    dimensions = [d for d in vault.tools.all(RatingDimension) if not d.hidden]
    apologies = 0
    for offset in range(days):
        day = start + timedelta(days=offset)
        progress = offset / max(days - 1, 1)
        since_slip = (day - slip_day).days if slip_day is not None else 999
        # Missed nights: more early on, at weekends, and right around the slip.
        skip = 0.22 - 0.12 * progress + (0.08 if day.weekday() >= 5 else 0.0)
        if 0 <= since_slip <= 2:
            skip = 1.0
        if day != end and rng.random() < skip:
            continue
        after_slip = since_slip >= 0 and since_slip < 14
        answers = []
        for question in questions:
            answers.append(_answer(rng, question, progress, after_slip, text))
        ratings = []
        for dimension in dimensions:
            first, last = _TRENDS.get(dimension.builtin, (5.0, 6.0))
            level = first + (last - first) * progress + rng.gauss(0, 1.3)
            if after_slip:
                level += 2.5 if dimension.lower_is_better else -2.5
            ratings.append(Rating(dimension.uid, max(0, min(10, round(level)))))
        written = datetime.combine(day, time(21, 30), UTC) + timedelta(minutes=rng.randrange(150))
        review = NightlyReview(day, tuple(answers), tuple(ratings), written)
        vault.reviews.save(review)
        apology = review.answer("q.apology")
        if apology is not None and apology.yes and apologies < len(text.apology_to):
            person, harm = text.apology_to[apologies]
            apologies += 1
            vault.tools.save(
                Amend(
                    f"demo-apology-{apologies}",
                    person,
                    harm,
                    source_uid=REVIEW_SOURCE + str(day),
                    position=100 + apologies,
                )
            )
        if rng.random() < 0.7:
            for position, line in enumerate(rng.sample(text.gratitude, k=rng.choice((1, 2, 3)))):
                vault.tools.save(GratitudeEntry(f"demo-g-{day}-{position}", day, line, position))
    for offset in range(days):
        day = start + timedelta(days=offset)
        if rng.random() < 0.25:
            disturbed, did = rng.choice(text.disturbed)
            at = f"{rng.randrange(9, 20):02d}:{rng.choice((0, 15, 30, 45)):02d}"
            vault.tools.save(SpotCheck(f"demo-s-{day}", day, at, disturbed, did))
        # Ninety meetings in ninety days at the start, then a few a week.
        if rng.random() < (0.95 if offset < 90 else 0.4):
            name = rng.choice(text.meetings)
            online = "online" in name or "онлайн" in name
            vault.tools.save(
                Meeting(
                    f"demo-m-{day}",
                    day,
                    name,
                    MeetingFormat.ONLINE if online else MeetingFormat.IN_PERSON,
                    shared=rng.random() < 0.2 + 0.4 * (offset / max(days - 1, 1)),
                )
            )


def _answer(
    rng: random.Random, question: ReviewQuestion, progress: float, after_slip: bool, text: DailyText
) -> ReviewAnswer:
    notes = text.notes.get(question.builtin, ())
    if question.builtin in _YES_EARLY_LATE:
        early, late = _YES_EARLY_LATE[question.builtin]
        chance = early + (late - early) * progress + (0.15 if after_slip else 0.0)
        yes = rng.random() < chance
        note = rng.choice(notes) if yes and notes and rng.random() < 0.5 else ""
        return ReviewAnswer(question.uid, yes, note)
    if question.builtin == "grateful":
        return ReviewAnswer(question.uid, None, "")  # the gratitude list holds it
    note = rng.choice(notes) if notes and rng.random() < 0.6 else ""
    return ReviewAnswer(question.uid, None, note)
