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
    # What the person writes.
    today_words: str
    review_note: str
    entry_heading: str
    entry_words: str
    step_answer: str


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
        today_words="Called my sponsor after work. A quiet evening.",
        review_note="The driver who cut in front of me",
        entry_heading="First meeting",
        entry_words="I sat at the back and listened.",
        step_answer="I kept promising myself just one more weekend.",
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
        today_words="Позвонил спонсору после работы. Спокойный вечер.",
        review_note="Водитель, который меня подрезал",
        entry_heading="Первое собрание",
        entry_words="Сидел в последнем ряду и слушал.",
        step_answer="Я всё обещал себе: ещё одни выходные, и всё.",
    ),
}
