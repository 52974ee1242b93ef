"""Believable synthetic history for the demo vault and the benchmarks. Invented people, our words.

The same seed, day count and end day always give the same vault, so the ten-year benchmark vault is
reproducible.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
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
from recovery_journal.domain.notes import DailyNote
from recovery_journal.domain.ports import Vault
from recovery_journal.domain.settings import JournalSettings
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
from recovery_journal.domain.steps import (
    Answer,
    Question,
    QuestionPack,
    StepProgress,
    StepStatus,
)
from recovery_journal.errors import JournalError
from recovery_journal.i18n import _
from recovery_journal.services.demo_daily import fill_daily
from recovery_journal.services.demo_journal import fill_journal
from recovery_journal.services.settings import load_settings
from recovery_journal.services.step_content import step_content

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


@dataclass(frozen=True, slots=True)
class DemoSteps:
    answers: tuple[str, ...]
    powerlessness: tuple[str, ...]
    unmanageability: tuple[str, ...]
    defects: tuple[tuple[str, str, str], ...]  # name, opposite, how it shows up
    practice_notes: tuple[str, ...]
    service_notes: tuple[str, ...]
    sponsor: str
    wording_step3: str
    pack_name: str
    pack_questions: tuple[tuple[int, str], ...]


_ENGLISH_STEPS = DemoSteps(
    answers=(
        "Honestly, I kept telling myself it was just stress. Looking back, it began years before.",
        "I lost the job at the warehouse and blamed the manager. The drinking came first.",
        "My sister stopped calling. I told myself she was busy.",
        "I said I would only have two, almost every night, and almost never did.",
        "I am afraid of being ordinary without it. Writing that down helps a little.",
        "My sponsor, the Tuesday group, and the fact that others have done this before me.",
        "Mostly I want quiet in my head, and to be someone my family can trust.",
    ),
    powerlessness=(
        "Promised myself a dry January three years running; never made it past the 5th.",
        "Drank on the way to my daughter's school play.",
        "Hid bottles in the garage even when nobody was looking.",
    ),
    unmanageability=(
        "Two warnings at work for being late on Mondays.",
        "Overdraft every month, though I earn enough.",
        "Stopped seeing friends who did not drink.",
    ),
    defects=(
        ("Impatience", "Patience", "I snap at people in queues and in traffic."),
        ("Self-pity", "Gratitude", "Evenings alone turn into a list of what went wrong."),
        ("Dishonesty", "Honesty", "Small lies to avoid awkward talks."),
        ("Resentment", "Forgiveness", "Replaying old arguments with my father."),
    ),
    practice_notes=("Morning quiet before work.", "Read a page and thought about it.", ""),
    service_notes=("Set up chairs before the meeting.", "Made coffee for the group.", ""),
    sponsor="Mike",
    wording_step3="I hand my will and my life over to the care of a power greater than my "
    "old habits, as I understand it today.",
    pack_name="Tuesday group",
    pack_questions=(
        (4, "Which fear showed up most often this week?"),
        (5, "What did you feel after you shared?"),
        (6, "Which old habit are you most afraid to lose?"),
    ),
)

_RUSSIAN_STEPS = DemoSteps(
    answers=(
        "Честно говоря, я всё списывал на стресс. Если оглянуться, всё началось гораздо раньше.",
        "Я потерял работу на складе и винил начальника. Но сначала было питьё.",
        "Сестра перестала звонить. Я говорил себе, что она просто занята.",
        "Я обещал себе выпить только две — почти каждый вечер, и почти никогда не получалось.",
        "Мне страшно быть обычным без этого. Когда записываю, становится чуть легче.",
        "Мой спонсор, вторничная группа и то, что другие прошли этот путь до меня.",
        "Больше всего я хочу тишины в голове и чтобы семья могла мне доверять.",
    ),
    powerlessness=(
        "Три года подряд обещал себе трезвый январь — ни разу не дотянул до пятого числа.",
        "Выпил по дороге на школьный спектакль дочери.",
        "Прятал бутылки в гараже, даже когда никто не смотрел.",
    ),
    unmanageability=(
        "Два предупреждения на работе за опоздания по понедельникам.",
        "Каждый месяц уходил в минус, хотя зарабатываю достаточно.",
        "Перестал видеться с непьющими друзьями.",
    ),
    defects=(
        ("Нетерпение", "Терпение", "Срываюсь на людей в очередях и в пробках."),
        ("Жалость к себе", "Благодарность", "Вечера в одиночестве превращаются в список неудач."),
        ("Нечестность", "Честность", "Мелкая ложь, чтобы избежать неловких разговоров."),
        ("Обида", "Прощение", "Прокручиваю старые ссоры с отцом."),
    ),
    practice_notes=("Тишина утром перед работой.", "Прочитал страницу и подумал над ней.", ""),
    service_notes=("Расставлял стулья перед собранием.", "Варил кофе для группы.", ""),
    sponsor="Михаил",
    wording_step3="Я доверяю свою волю и жизнь силе, которая больше моих старых привычек, — "
    "так, как я понимаю её сегодня.",
    pack_name="Вторничная группа",
    pack_questions=(
        (4, "Какой страх чаще всего появлялся на этой неделе?"),
        (5, "Что вы почувствовали после того, как поделились?"),
        (6, "С какой старой привычкой вам страшнее всего расстаться?"),
    ),
)

STEP_TEXTS = {"en": _ENGLISH_STEPS, "ru": _RUSSIAN_STEPS}

# (who, cause, affects, my part, notes) / (fear, why) / (whom, at fault) / (to whom, what I did)
_INVENTORY: dict[str, dict[str, Any]] = {
    "en": {
        "resentments": (
            (
                "My old boss",
                "Passed me over for the team lead job",
                ("self_esteem", "ambitions"),
                ("self_seeking", "frightened"),
                "I was late most Mondays and knew it.",
            ),
            (
                "My father",
                "Never came to my matches",
                ("self_esteem", "personal_relations"),
                ("selfish",),
                "I still expect him to be someone else.",
            ),
            (
                "The bank",
                "Froze my card for the overdraft",
                ("security", "finances"),
                ("dishonest",),
                "I hid the statements for months.",
            ),
        ),
        "fears": (
            ("Being found out at work", "I covered my drinking with stories"),
            ("Being alone", "Evenings were for drinking"),
        ),
        "sex_conduct": (("Anna", "I lied about where I spent the nights"),),
        "harms": (
            ("My sister", "Borrowed money and did not pay it back"),
            ("My neighbour", "Shouted at him over the parking space"),
        ),
    },
    "ru": {
        "resentments": (
            (
                "Бывший начальник",
                "Не назначил меня руководителем группы",
                ("self_esteem", "ambitions"),
                ("self_seeking", "frightened"),
                "По понедельникам я почти всегда опаздывал.",
            ),
            (
                "Отец",
                "Ни разу не пришёл на мои соревнования",
                ("self_esteem", "personal_relations"),
                ("selfish",),
                "Я всё ещё жду, что он станет другим.",
            ),
            (
                "Банк",
                "Заблокировал карту за долг",
                ("security", "finances"),
                ("dishonest",),
                "Я месяцами прятал выписки.",
            ),
        ),
        "fears": (
            ("Что на работе всё узнают", "Я прикрывал выпивку историями"),
            ("Остаться одному", "Вечера были для выпивки"),
        ),
        "sex_conduct": (("Анна", "Я врал, где провожу ночи"),),
        "harms": (
            ("Сестра", "Занял денег и не вернул"),
            ("Сосед", "Накричал на него из-за парковки"),
        ),
    },
}


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
        _fill_steps(vault, days, language, end, seed)
        fill_daily(vault, days, language, end, seed)
        fill_journal(vault, days, language, end, seed)
        start = end - timedelta(days=days - 1)
        settings = load_settings(vault)
        vault.settings.replace_all(
            replace(settings, reminder_on=True, ninety_start=start).to_mapping()
        )
    return len(notes)


def _fill_steps(vault: Vault, days: int, language: str, end: date, seed: int) -> None:
    """Steps 1-3 done and step 4 under way, spread over the history, with the tools in use."""
    rng = random.Random(f"steps:{seed}:{language}:{days}")
    text = STEP_TEXTS.get(language, _ENGLISH_STEPS)
    start = end - timedelta(days=days - 1)
    span = max(days - 1, 1)

    def day_at(fraction: float) -> date:
        return start + timedelta(days=int(span * fraction))

    def moment(day: date) -> datetime:
        return datetime.combine(day, time(20, 0), UTC) + timedelta(minutes=rng.randrange(0, 120))

    plan = [
        (1, 0.0, 0.15),
        (2, 0.15, 0.25),
        (3, 0.25, 0.35),
        (4, 0.35, 0.6),
        (5, 0.6, 0.7),
        (6, 0.7, None),
    ]
    content = step_content(language)
    for step, begun, finished in plan:
        status = StepStatus.DONE if finished is not None else StepStatus.WORKING
        started = day_at(begun)
        completed = day_at(finished) if finished is not None else None
        vault.steps.save_progress(
            StepProgress(
                step,
                status,
                started,
                completed,
                sponsor_discussed_on=completed,
                updated_at=moment(completed or end),
            )
        )
        questions = content.guide(step).questions
        count = len(questions) if finished is not None else len(questions) // 2
        for question in questions[:count]:
            answered_on = day_at(begun + rng.random() * ((finished or 0.95) - begun))
            vault.steps.save_answer(
                Answer(question.id, step, rng.choice(text.answers), moment(answered_on))
            )
    vault.steps.save_progress(replace(vault.steps.progress()[3], wording=text.wording_step3))
    pack_id = "tuesday-group"
    pack = QuestionPack(
        pack_id,
        text.pack_name,
        text.sponsor,
        language,
        tuple(
            Question(f"{pack_id}/q{number}", step, question, pack_id)
            for number, (step, question) in enumerate(text.pack_questions, start=1)
        ),
    )
    vault.steps.save_pack(pack)
    # One answer kept private, as a person might for the sharpest part of step 4.
    vault.steps.save_answer(
        Answer(pack.questions[0].id, 4, text.answers[4], moment(day_at(0.5)), private=True)
    )
    vault.tools.save(InventoryShare("demo-share", text.sponsor, day_at(0.68), ""))
    for position, example in enumerate(text.powerlessness):
        vault.tools.save(
            Step1Example(f"demo-p{position}", Step1List.POWERLESSNESS, example, position)
        )
    for position, example in enumerate(text.unmanageability):
        vault.tools.save(
            Step1Example(f"demo-u{position}", Step1List.UNMANAGEABILITY, example, position)
        )
    for position, (name, opposite, shows_up) in enumerate(text.defects):
        state = DefectState.READY if position % 2 else DefectState.WORKING
        vault.tools.save(Defect(f"demo-d{position}", name, opposite, shows_up, state, position))
    vault.tools.set_focus(end, "demo-d0")
    _fill_inventory(vault, language, day_at)
    for offset in range(min(days, 120)):
        day = end - timedelta(days=offset)
        if rng.random() < 0.55:
            kind = rng.choice(list(PracticeKind))
            minutes = rng.choice((5, 10, 10, 15, 20, 30))
            vault.tools.save(
                PracticeEntry(
                    f"demo-m{offset}", day, minutes, kind, rng.choice(text.practice_notes)
                )
            )
        if rng.random() < 0.12:
            vault.tools.save(
                ServiceEntry(
                    f"demo-s{offset}",
                    day,
                    rng.choice(list(ServiceKind)),
                    rng.choice(text.service_notes),
                )
            )


def _fill_inventory(vault: Vault, language: str, day_at: Any) -> None:
    """Worksheet rows, a few people on the step 8 list, one amends made and one planned."""
    rows = _INVENTORY.get(language, _INVENTORY["en"])
    for n, (who, cause, affects, part, notes) in enumerate(rows["resentments"]):
        vault.tools.save(
            Resentment(
                f"demo-r{n}",
                who,
                cause,
                frozenset(affects),
                frozenset(part),
                notes,
                private=n == 1,
                discussed=n == 0,
                position=n,
            )
        )
    for n, (fear, why) in enumerate(rows["fears"]):
        vault.tools.save(Fear(f"demo-f{n}", fear, why, position=n))
    for n, (whom, fault) in enumerate(rows["sex_conduct"]):
        vault.tools.save(
            SexConduct(
                f"demo-x{n}",
                whom,
                frozenset({"dishonest"}),
                frozenset({"suspicion"}),
                fault,
                position=n,
            )
        )
    for n, (whom, what) in enumerate(rows["harms"]):
        vault.tools.save(Harm(f"demo-h{n}", whom, what, position=n))
    sister, neighbour = rows["harms"]
    vault.tools.save(
        Amend(
            "demo-a0",
            sister[0],
            sister[1],
            Willingness.NOW,
            AmendsKind.DIRECT,
            planned_on=day_at(0.9),
            status=AmendsStatus.MADE,
            made_on=day_at(0.92),
            source_uid="demo-h0",
            position=0,
        )
    )
    vault.tools.save(
        Amend(
            "demo-a1",
            neighbour[0],
            neighbour[1],
            Willingness.LATER,
            AmendsKind.DIRECT,
            source_uid="demo-h1",
            position=1,
        )
    )
