"""What the person reads on screen, in each language, written out by hand.

Not looked up in the app's catalogue: a Russian journey must show that the Russian words are
really on screen, which a lookup that falls back to English would not.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Labels:
    pages: str
    today: str
    journal: str
    review: str
    steps: str
    guide_title: str
    guide_position: str  # {n} of {count}
    guide_start: str
    today_note: str
    saved_at: str  # the start of "Saved at 9:03 PM"
    review_saved: str
    new_entry: str
    entry_title: str
    entry_words_box: str
    continue_step: str
    step_saved: str
    locked: str
    practice: str
    clean_dates: str
    inventory: str
    add: str
    date_typed: str  # how a date is typed (strftime)
    ninety_days: str
    who: str
    frightened: str
    my_part_notes: str
    to_step8: str
    step8_tab: str
    report_title: str
    save_pdf: str
    saved_to: str
    report_heading: str
    search_box: str
    # What the person writes.
    today_words: str
    review_note: str
    entry_heading: str
    entry_words: str
    step_answer: str
    clean_from: str
    resentment_who: str
    resentment_cause: str
    resentment_my_part: str
    search_word: str


LABELS = {
    "en": Labels(
        pages="Pages",
        today="Today",
        journal="Journal",
        review="Nightly review",
        steps="Steps",
        guide_title="Getting started",
        guide_position="{n} of {count}",
        guide_start="Start writing",
        today_note="A few words about today",
        saved_at="Saved at ",
        review_saved="Saved",
        new_entry="New entry",
        entry_title="Title of the entry",
        entry_words_box="The words of the entry",
        continue_step="Continue where I left off",
        step_saved="All saved",
        locked="Your journal is locked.",
        practice="Sober time and meetings",
        clean_dates="Sober dates",
        inventory="Inventory",
        add="Add",
        date_typed="%m/%d/%Y",
        ninety_days="90 days",
        who="Who or what:",
        frightened="Frightened",
        my_part_notes="Notes on my part:",
        to_step8="Add to my step 8 list",
        step8_tab="Step 8 list",
        report_title="Progress report for your sponsor",
        save_pdf="Save PDF…",
        saved_to="Saved to ",
        report_heading="Progress report",
        search_box="Search everything you wrote",
        today_words="Called my sponsor after work. A quiet evening.",
        review_note="The driver who cut in front of me",
        entry_heading="First meeting",
        entry_words="I sat at the back and listened.",
        step_answer="I kept promising myself just one more weekend.",
        clean_from="Alcohol",
        resentment_who="My brother",
        resentment_cause="Sold my guitar without asking.",
        resentment_my_part="I shouted at him at his wedding.",
        search_word="listen",  # "listened" in the entry: word forms match
    ),
    "ru": Labels(
        pages="Разделы",
        today="Сегодня",
        journal="Дневник",
        review="Вечерний разбор",
        steps="Шаги",
        guide_title="Первые шаги",
        guide_position="{n} из {count}",
        guide_start="Начать писать",
        today_note="Несколько слов о сегодняшнем дне",
        saved_at="Сохранено в ",
        review_saved="Сохранено",
        new_entry="Новая запись",
        entry_title="Название записи",
        entry_words_box="Текст записи",
        continue_step="Продолжить",
        step_saved="Всё сохранено",
        locked="Дневник заблокирован.",
        practice="Трезвость и собрания",
        clean_dates="Даты трезвости",
        inventory="Инвентаризация",
        add="Добавить",
        date_typed="%d.%m.%Y",
        ninety_days="90 дней",
        who="Кто или что:",
        frightened="Страх",
        my_part_notes="Заметки о моей части:",
        to_step8="Добавить в список восьмого шага",
        step8_tab="Шаг 8: список людей",
        report_title="Отчёт для спонсора",
        save_pdf="Сохранить PDF…",
        saved_to="Сохранено в ",
        report_heading="Отчёт для спонсора",
        search_box="Поиск по всему, что вы написали",
        today_words="Позвонил спонсору после работы. Спокойный вечер.",
        review_note="Водитель, который меня подрезал",
        entry_heading="Первое собрание",
        entry_words="Сидел в последнем ряду и слушал.",
        step_answer="Я всё обещал себе: ещё одни выходные, и всё.",
        clean_from="Алкоголь",
        resentment_who="Мой брат",
        resentment_cause="Продал мою гитару, не спросив.",
        resentment_my_part="Я накричал на него на его свадьбе.",
        search_word="слушать",  # «слушал» в записи: формы слова находятся
    ),
}
