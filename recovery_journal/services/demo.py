"""Believable synthetic history for the demo vault and the benchmarks. Invented people, our words.

The same seed, day count and end day always give the same vault, so the ten-year benchmark vault is
reproducible.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from recovery_journal.domain.notes import DailyNote
from recovery_journal.domain.ports import Vault
from recovery_journal.domain.settings import JournalSettings
from recovery_journal.errors import JournalError
from recovery_journal.i18n import _

DEFAULT_DAYS = 90
DEFAULT_SEED = 12


class DemoRefused(JournalError):
    def message(self) -> str:
        return _(
            "This vault already holds writing; demo data only goes into a new or empty vault, "
            "so nothing was added."
        )


@dataclass(frozen=True, slots=True)
class DemoText:
    name: str
    early: tuple[str, ...]
    middle: tuple[str, ...]
    later: tuple[str, ...]
    any_time: tuple[str, ...]


_ENGLISH = DemoText(
    name="Alex",
    early=(
        "Hard day. The craving came back around five, right when I used to stop at the shop.",
        "Called my sponsor instead of going home the long way. We talked for twenty minutes.",
        "Couldn't sleep much. Read the step one questions again and wrote down two answers.",
        "I told the group it was my second week. My hands were shaking but nobody minded.",
        "Felt angry at everything this morning. It passed by lunch. Writing it down helps.",
        "Went to the evening meeting. Sat at the back, but I stayed until the end.",
        "My sister asked how I was doing and I actually told her the truth.",
    ),
    middle=(
        "A quieter day. I noticed the old thought and let it go past without arguing with it.",
        "Worked on my inventory for an hour. The resentment against my old boss is mostly fear.",
        "Coffee with two people from the Tuesday group. Laughed more than I have in months.",
        "Made a list of things I'm grateful for: a bed, this job, a sponsor who picks up.",
        "Got irritated in traffic and caught myself. Said a short prayer instead of shouting.",
        "Slept eight hours. Cooked a real dinner. Small things, but they add up.",
        "Shared at the meeting about being honest with money. It felt lighter afterwards.",
    ),
    later=(
        "Helped set up the chairs before the meeting. Service keeps me out of my own head.",
        "A newcomer asked for my number today. I remembered how scared I was at the start.",
        "Talked with my sponsor about amends to my brother. Not ready yet, and that is fine.",
        "Ten minutes of quiet in the morning before work. The day went better for it.",
        "Old friends invited me out. I said no without a long excuse, and it was fine.",
        "Reviewed the day honestly: I was short with a colleague. I'll apologise tomorrow.",
        "Walked by the river after work. Nothing special happened, and that was the gift.",
    ),
    any_time=(
        "Tired, but sober tonight. That is enough.",
        "Grateful for the phone call this afternoon.",
        "Went to bed early.",
        "Rain all day. Stayed in and read.",
        "One day at a time, today too.",
    ),
)

_RUSSIAN = DemoText(
    name="Саша",
    early=(
        "Тяжёлый день. Тяга вернулась около пяти — ровно тогда, когда я раньше заходил в магазин.",
        "Позвонил спонсору вместо того, чтобы идти домой длинной дорогой. Говорили минут двадцать.",
        "Почти не спал. Перечитал вопросы первого шага и записал два ответа.",
        "Сказал на группе, что у меня вторая неделя. Руки дрожали, но никто не осудил.",
        "С утра злился на всё подряд. К обеду прошло. Когда записываю, становится легче.",
        "Сходил на вечернее собрание. Сидел сзади, но досидел до конца.",
        "Сестра спросила, как у меня дела, и я впервые ответил честно.",
    ),
    middle=(
        "Спокойный день. Заметил старую мысль и дал ей пройти мимо, не споря с ней.",
        "Час работал над инвентаризацией. Обида на бывшего начальника — это в основном страх.",
        "Пили кофе с двумя ребятами со вторничной группы. Давно так не смеялся.",
        "Написал список благодарностей: кровать, эта работа, спонсор, который берёт трубку.",
        "Разозлился в пробке и поймал себя. Вместо крика — короткая молитва.",
        "Спал восемь часов. Приготовил нормальный ужин. Мелочи, но они складываются.",
        "Поделился на собрании про честность с деньгами. Потом стало легче.",
    ),
    later=(
        "Помогал расставить стулья перед собранием. Служение вытаскивает меня из своей головы.",
        "Новичок попросил мой номер. Вспомнил, как страшно было мне в начале.",
        "Говорили со спонсором о возмещении ущерба брату. Я пока не готов, и это нормально.",
        "Десять минут тишины утром перед работой. День прошёл лучше.",
        "Старые друзья звали посидеть. Я отказался без долгих оправданий, и всё было хорошо.",
        "Честно разобрал день: был резок с коллегой. Завтра извинюсь.",
        "Гулял у реки после работы. Ничего особенного не случилось — в этом и был подарок.",
    ),
    any_time=(
        "Устал, но сегодня трезвый. Этого достаточно.",
        "Благодарен за звонок днём.",
        "Рано лёг спать.",
        "Весь день дождь. Сидел дома и читал.",
        "Только сегодня — и сегодня тоже.",
    ),
)

TEXTS = {"en": _ENGLISH, "ru": _RUSSIAN}


def _pool_for(progress: float, text: DemoText) -> tuple[str, ...]:
    if progress < 0.25:
        return text.early + text.any_time
    if progress < 0.6:
        return text.middle + text.any_time
    return text.later + text.middle[:3] + text.any_time


def demo_notes(days: int, language: str, end: date, seed: int = DEFAULT_SEED) -> list[DailyNote]:
    """Notes for the ``days`` days ending with ``end``, with the gaps real journals have."""
    rng = random.Random(f"{seed}:{language}:{days}")
    text = TEXTS.get(language, _ENGLISH)
    notes: list[DailyNote] = []
    start = end - timedelta(days=days - 1)
    for offset in range(days):
        day = start + timedelta(days=offset)
        # People skip days, more often early on and at weekends.
        progress = offset / max(days - 1, 1)
        skip_chance = 0.25 - 0.15 * progress + (0.08 if day.weekday() >= 5 else 0.0)
        if offset > 0 and day != end and rng.random() < skip_chance:
            continue
        pool = _pool_for(progress, text)
        sentences = rng.sample(pool, k=rng.choice((1, 1, 2, 2, 3)))
        body = " ".join(sentences)
        if rng.random() < 0.2:
            body += "\n\n" + rng.choice(text.any_time)
        written = datetime.combine(day, time(21, 0), UTC) + timedelta(minutes=rng.randrange(0, 150))
        edited = written + timedelta(minutes=rng.choice((0, 0, 0, 3, 12)))
        notes.append(DailyNote(day, body, written, edited))
    return notes


def fill_demo(vault: Vault, days: int, language: str, end: date, seed: int = DEFAULT_SEED) -> int:
    """Fill an empty vault with demo history; return the number of notes written."""
    if not vault.is_empty():
        raise DemoRefused("vault is not empty")
    notes = demo_notes(days, language, end, seed)
    with vault.transaction():
        vault.settings.replace_all(
            JournalSettings(display_name=TEXTS.get(language, _ENGLISH).name).to_mapping()
        )
        for note in notes:
            vault.notes.save(note)
    return len(notes)
