"""Free journal entries for the demo vault: a few a week, with titles, tags, moods and Markdown."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from recovery_journal.domain.journal import JournalEntry, Mood
from recovery_journal.domain.ports import Vault


@dataclass(frozen=True, slots=True)
class JournalText:
    titles: tuple[str, ...]
    paragraphs: tuple[str, ...]
    lists: tuple[tuple[str, ...], ...]  # a short bulleted list, heading first
    tags: tuple[str, ...]


_EN = JournalText(
    titles=(
        "What I heard tonight",
        "A long week",
        "Sunday morning",
        "Coffee with my sponsor",
        "",
        "Family dinner",
        "Back at work",
        "",
        "A thought to keep",
    ),
    paragraphs=(
        "Someone at the meeting said that **resentment** is like carrying a stone for "
        "someone else. I kept thinking about my brother on the way home.",
        "I felt resentful at work when my idea was passed over. I *noticed* it before I "
        "said anything, and that is new for me.",
        "Slept well for the first time in days. Walked to the park before breakfast.",
        "My sponsor asked what I was afraid of. The honest answer was: being found out. "
        "We laughed about it, which helped.",
        "Old fears came back when the bill arrived. I wrote them down instead of hiding them.",
        "Called my mother. It was short, but it was kind, and I did not argue.",
        "Gratitude today: a dry roof, a working phone, and a friend who picks up.",
        "The craving was strong around six. I made tea, read a page, and it *passed*.",
        "I keep coming back to honesty. Small lies still slip out when I am tired.",
        "Service at the meeting: I made the coffee and stacked the chairs. It felt good "
        "to be useful.",
    ),
    lists=(
        ("Things that helped today:", "calling before acting", "a walk", "an early night"),
        ("To talk over with my sponsor:", "the amends to my brother", "money worries"),
        ("Small wins:", "kept my word", "did not rush", "asked for help"),
    ),
    tags=("meeting", "sponsor", "family", "work", "gratitude", "fear", "resentment", "service"),
)

_RU = JournalText(
    titles=(
        "Что я услышал сегодня",
        "Тяжёлая неделя",
        "Воскресное утро",
        "Встреча со спонсором",
        "",
        "Семейный ужин",
        "Снова на работе",
        "",
        "Мысль, которую хочу сохранить",
    ),
    paragraphs=(
        "На собрании кто-то сказал, что **обида** — это камень, который несёшь за другого. "
        "Всю дорогу домой думал о брате.",
        "Почувствовал обиду на работе, когда мою идею не заметили. Я *заметил* это раньше, "
        "чем что-то сказал, и это для меня новое.",
        "Впервые за несколько дней хорошо выспался. Погулял в парке до завтрака.",
        "Спонсор спросил, чего я боюсь. Честный ответ: что меня разоблачат. Мы посмеялись, "
        "и стало легче.",
        "Старые страхи вернулись, когда пришёл счёт. Я записал их, а не спрятал.",
        "Позвонил маме. Разговор был коротким, но тёплым, и я не спорил.",
        "Благодарность за сегодня: крыша над головой, работающий телефон и друг, который "
        "берёт трубку.",
        "Тяга была сильной около шести. Заварил чай, прочитал страницу, и она *прошла*.",
        "Всё время возвращаюсь к честности. Мелкая ложь ещё проскакивает, когда я устал.",
        "Служение на собрании: сделал кофе и расставил стулья. Приятно быть полезным.",
    ),
    lists=(
        ("Что помогло сегодня:", "позвонить, прежде чем действовать", "прогулка", "лечь пораньше"),
        ("Обсудить со спонсором:", "возмещение брату", "тревоги о деньгах"),
        ("Маленькие победы:", "сдержал слово", "не торопился", "попросил о помощи"),
    ),
    tags=("собрание", "спонсор", "семья", "работа", "благодарность", "страх", "обида", "служение"),
)

JOURNAL_TEXTS = {"en": _EN, "ru": _RU}
ENTRY_CHANCE = 0.35  # of a day having an entry: about two or three a week


def fill_journal(vault: Vault, days: int, language: str, end: date, seed: int) -> int:
    """Write demo journal entries over the ``days`` ending at ``end``; return how many."""
    text = JOURNAL_TEXTS.get(language, _EN)
    rng = random.Random(f"journal:{seed}:{language}:{days}")
    moods = list(Mood)
    written = 0
    for offset in range(days - 1, -1, -1):
        day = end - timedelta(days=offset)
        if rng.random() >= ENTRY_CHANCE and offset != 0:
            continue
        parts = rng.sample(text.paragraphs, k=rng.choice((1, 1, 2, 3)))
        if rng.random() < 0.25:
            heading, *items = rng.choice(text.lists)
            parts.append(heading + "\n\n" + "\n".join(f"- {item}" for item in items))
        at = datetime.combine(day, time(20, 0), UTC) + timedelta(minutes=rng.randrange(0, 180))
        vault.journal.save(
            JournalEntry(
                uid=f"demo-j{offset}",
                day=day,
                created_at=at,
                updated_at=at + timedelta(minutes=rng.choice((0, 0, 4, 15))),
                title=rng.choice(text.titles),
                body="\n\n".join(parts) + "\n",
                tags=frozenset(rng.sample(text.tags, k=rng.choice((0, 1, 1, 2)))),
                mood=rng.choice([None, *moods]),
            )
        )
        written += 1
    return written
