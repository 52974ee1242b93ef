"""The demo's own words: the daily notes and the free journal, written day by day from the plan.

A note is a few short sentences about the day, drawn from what happened in it (a meeting, step
work, the slip, a milestone, a hard or a good day) and from the ordinary run of a life at that
stage. A journal entry is longer: a title, a paragraph or two with a thought to keep, now and then
a short list, with tags and a mood that follow the day.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from datetime import date, timedelta

from recovery_journal.domain.journal import JournalEntry, Mood, clean_tag
from recovery_journal.domain.notes import DailyNote
from recovery_journal.domain.ports import Vault
from recovery_journal.services.demo_life import SPONSEE_FROM, DemoDay, DemoLife
from recovery_journal.services.demo_phrases import Decks, Material, Word, word

# How often each kind of sentence turns up in the notes at each stage, before the day's own
# events (a meeting, step work, a hard day) are added.
TOPICS = {
    "early": {
        "craving.early": 3.0,
        "feeling.early": 4.0,
        "sponsor": 2.0,
        "body": 2.0,
        "family": 1.0,
        "work": 1.0,
        "weather": 1.0,
        "home": 0.7,
    },
    "middle": {
        "craving.later": 0.8,
        "feeling.middle": 3.0,
        "sponsor": 1.5,
        "family": 1.5,
        "daughter": 1.5,
        "work": 1.5,
        "body": 1.5,
        "weather": 1.5,
        "home": 1.0,
        "service": 1.0,
    },
    "later": {
        "craving.later": 0.4,
        "feeling.later": 3.0,
        "sponsor": 1.0,
        "family": 1.5,
        "daughter": 2.0,
        "work": 1.5,
        "body": 1.5,
        "weather": 1.5,
        "home": 1.0,
        "service": 1.5,
        "sponsee": 1.5,
    },
}
MILESTONE_DAYS = (7, 30, 60, 90, 100, 200, 300)
SEASONS = ("winter",) * 2 + ("spring",) * 3 + ("summer",) * 3 + ("autumn",) * 3 + ("winter",)
MOODS = (Mood.HARD, Mood.LOW, Mood.OKAY, Mood.GOOD, Mood.GREAT)


def fill_writing(
    vault: Vault,
    life: DemoLife,
    material: Material,
    answered: Mapping[date, tuple[int, int]],
    seed: int,
) -> int:
    """Write the notes and journal entries, day by day; return how many notes."""
    writer = _Writer(life, material, answered, seed)
    notes = 0
    for plan in life.days:
        note = writer.note(plan)
        entry = writer.entry(plan)
        if note is not None:
            vault.notes.save(note)
            notes += 1
        if entry is not None:
            vault.journal.save(entry)
    return notes


class _Writer:
    def __init__(
        self,
        life: DemoLife,
        material: Material,
        answered: Mapping[date, tuple[int, int]],
        seed: int,
    ):
        self.life = life
        self.material = material
        self.answered = answered
        # One seeded generator decides, another deals the words: a day not written (yet) draws
        # no words, so only today's text depends on the time of day.
        self.rng = random.Random(f"writing:{seed}:{len(life.days)}")
        self.decks = Decks(material, random.Random(f"words:{seed}:{len(life.days)}"))
        self.sponsee_from = life.offset_day(SPONSEE_FROM * life.pace)
        self.tags = {topic: tags for topic, tags in material.fields("tags")}
        self.milestones = material.table("milestone")
        self.weekdays = material.day_words["weekday"]
        self.answer_counts = material.table("count.answers")

    # --- the day's context ---------------------------------------------------------------------

    def context(self, plan: DemoDay) -> dict[str, Word]:
        words = {
            "count": word(str(plan.clean_days)),
            "weekday": self.weekdays[plan.day.weekday()],
        }
        if plan.meeting is not None:
            words["meeting"] = word(plan.meeting.name, to=plan.meeting.to, at=plan.meeting.at)
        step, count = self.answered.get(plan.day, (0, 0))
        if count:
            words["step"] = word(str(step))
            words["answers"] = word(self.answer_counts[str(min(count, 4))])
        return words

    def topics(self, plan: DemoDay, count: int | None = None) -> list[str]:
        """Deck names for the ordinary part of a text, by stage and by what kind of day it was:
        ``count`` different ones (one to three when not given)."""
        weights = dict(TOPICS[plan.phase])
        if plan.weekend:
            weights.pop("work", None)
        if "daughter" in weights:
            weights["daughter.weekend" if plan.weekend else "daughter.weekday"] = weights.pop(
                "daughter"
            )
        if plan.day < self.sponsee_from:
            weights.pop("sponsee", None)
        if plan.quality < -0.3:
            weights["hard"] = 5.0
        elif plan.quality > 0.65:
            weights["good"] = 2.0
        if count is None:
            count = self.rng.choices((1, 2, 3), (0.55, 0.38, 0.07))[0]
        chosen: list[str] = []
        while len(chosen) < count and weights:
            topic = self.rng.choices(list(weights), list(weights.values()))[0]
            chosen.append(topic)
            del weights[topic]
        return chosen

    def _deck(self, topic: str, plan: DemoDay) -> str:
        if topic == "weather":
            return f"note.weather.{SEASONS[plan.day.month - 1]}"
        return f"note.{topic}"

    def _milestone(self, plan: DemoDay) -> str | None:
        clean_since = plan.day - timedelta(days=plan.clean_days)
        if plan.clean_days in MILESTONE_DAYS:
            again = "" if clean_since == self.life.start else "again"
            return self.milestones.get(f"{again}{plan.clean_days}")
        years = plan.day.year - clean_since.year
        if years > 0 and (plan.day.month, plan.day.day) == (clean_since.month, clean_since.day):
            return self.milestones.get(f"y{years}")
        return None

    # --- the note ------------------------------------------------------------------------------

    def note(self, plan: DemoDay) -> DailyNote | None:
        topics = self.topics(plan)
        evening_closer = self.rng.random() < 0.06
        meeting_said = self.rng.random() < 0.6
        steps_said = self.rng.random() < 0.7
        edited = self.rng.choice((0, 0, 0, 2, 5, 12))
        if plan.note_at is None:
            return None
        context = self.context(plan)
        evening = plan.note_at.hour >= 18
        sentences: list[str] = []
        if plan.slip == "after":
            sentences = [self.decks.draw("note.slip.after", context) for _ in range(4)]
        else:
            milestone = self._milestone(plan)
            if milestone is not None:
                sentences.append(self.decks.once(milestone, context))
            if plan.slip == "back":
                sentences.append(self.decks.draw("note.slip.later", context))
            if evening and plan.meeting is not None and meeting_said:
                online = ".online" if plan.meeting.online else ""
                sentences.append(self.decks.draw(f"note.meeting{online}", context))
            if evening and "step" in context and steps_said:
                sentences.append(self.decks.draw("note.steps", context))
            if not evening:
                topics = ["morning"]
            for topic in topics[: max(1, 3 - len(sentences))]:
                sentences.append(self.decks.draw(self._deck(topic, plan), context))
            if evening and evening_closer:
                sentences.append(self.decks.draw("note.evening", context))
        updated = plan.note_at + timedelta(minutes=edited)
        if not self.life.clock.passed(updated):
            updated = plan.note_at
        return DailyNote(plan.day, " ".join(sentences), plan.note_at, updated)

    # --- the journal entry ---------------------------------------------------------------------

    def entry(self, plan: DemoDay) -> JournalEntry | None:
        paragraphs = self.rng.choices((1, 2, 3), (0.55, 0.35, 0.1))[0]
        # A topic of its own for each paragraph, and one more for the first to open with.
        topics = self.topics(plan, paragraphs + 1)
        titled = self.rng.random()
        listed = self.rng.random() < 0.15
        emphasis = self.rng.random()
        reflect_again = self.rng.random() < 0.4  # a second thought in a longer entry
        edited = self.rng.choice((0, 0, 3, 9, 25))
        if plan.journal_at is None:
            return None
        context = self.context(plan)
        stage = f"journal.reflect.{plan.phase}"
        parts: list[str] = []
        for number in range(min(paragraphs, len(topics))):
            sentences = [self.decks.draw(self._deck(topics[number], plan), context)]
            if number == 0 and len(topics) > paragraphs:
                sentences.append(self.decks.draw(self._deck(topics[-1], plan), context))
            if number == 0 or reflect_again:
                thought = self.decks.draw(stage, context)
                if number == 0 and emphasis < 0.2:
                    thought = f"**{thought}**"
                elif number == 0 and emphasis < 0.3:
                    thought = f"*{thought}*"
                sentences.append(thought)
            parts.append(" ".join(sentences))
        if listed:
            heading = self.decks.draw("journal.list.heading", context)
            items = [self.decks.draw("journal.list.item", context) for _ in range(3)]
            parts.append(heading + "\n\n" + "\n".join(f"- {item}" for item in items))
        title = ""
        if titled < 0.45:
            # A title about what the entry opens with, when there is one for it.
            about = f"journal.title.{topics[0].split('.')[0]}"
            own = about in self.material and titled < 0.3
            title = self.decks.draw(about if own else "journal.title", context)
        elif titled < 0.52:
            title = self.decks.draw("journal.title.dated", context)
        elif titled < 0.6:
            title = self.decks.draw("journal.title.evening", context)
        tags: set[str] = set()
        for topic in topics[:2]:
            tags.update(clean_tag(t) for t in self.tags.get(topic.split(".")[0], "").split(","))
        tags.discard("")
        mood_index = round(2 + 2 * plan.quality + self.rng.uniform(-0.6, 0.6))
        updated = plan.journal_at + timedelta(minutes=edited)
        if not self.life.clock.passed(updated):
            updated = plan.journal_at
        return JournalEntry(
            uid=f"demo-j{plan.offset}",
            day=plan.day,
            created_at=plan.journal_at,
            updated_at=updated,
            title=title,
            body="\n\n".join(parts) + "\n",
            tags=frozenset(tags),
            mood=MOODS[max(0, min(4, mood_index))] if self.rng.random() < 0.8 else None,
        )
