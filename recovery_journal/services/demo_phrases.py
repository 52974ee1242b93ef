"""The demo's writing material and the way sentences are drawn from it without repeating.

Each language's material (demo_en.py, demo_ru.py) is one block of plain text, so a writer can work
on it as prose rather than as Python::

    == craving.early              a section: one item a line
    The craving came {when}, and I {coped}.
      an indented line continues the item above
    == @friend nom dat a          a word list: forms of a word, split by " / " ("-" is empty)
    Рита / Рите / а
    == %weekday nom gen           words the day picks rather than the template (its weekday)
    == answers                    items may be "key text" or fields split by " | "

A sentence template names words in braces: ``{friend}`` takes a word's first form,
``{friend.dat}`` the form so named in the list's heading; the same word fills every slot of one
name within a sentence. Slots the material does not list (``{count}``, ``{meeting.at}``) are filled
from the day being written.

A person's diary repeats a phrase now and then, but the same sentence every few days reads as a
machine. So a :class:`Deck` deals every sentence its templates can make before any comes round
again.
"""

from __future__ import annotations

import random
import re
from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import product

Word = Mapping[str, str]  # form name -> the word in that form; "" is the plain form
_SLOT = re.compile(r"\{(\w+)(?:\.(\w+))?\}")


@dataclass(frozen=True, slots=True)
class Material:
    sections: Mapping[str, tuple[str, ...]]
    words: Mapping[str, tuple[Word, ...]]  # "== @name": words a template's slots range over
    day_words: Mapping[str, tuple[Word, ...]]  # "== %name": words the day picks (its weekday)

    def fields(self, name: str) -> tuple[tuple[str, ...], ...]:
        return tuple(split_fields(item) for item in self[name])

    def table(self, name: str) -> dict[str, str]:
        """Items written as "key text", keyed by their first word."""
        rows = {}
        for item in self[name]:
            key, _, text = item.partition(" ")
            rows[key] = text.strip()
        return rows

    def __getitem__(self, name: str) -> tuple[str, ...]:
        return self.sections[name]

    def __contains__(self, name: str) -> bool:
        return name in self.sections


def split_fields(item: str) -> tuple[str, ...]:
    """The fields of an item written "a | b | c" (a field may be empty)."""
    return tuple(part.strip() for part in item.split("|"))


def parse_material(text: str) -> Material:
    sections: dict[str, list[str]] = {}
    words: dict[str, list[Word]] = {}
    day_words: dict[str, list[Word]] = {}
    lines: list[str] = []
    for raw in text.splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        if raw[0].isspace():
            if not lines or lines[-1].startswith("== "):
                raise ValueError(f"nothing for this line to continue: {raw!r}")
            lines[-1] += " " + raw.strip()  # an indented line continues the item above
        else:
            lines.append(raw.strip())
    items: list[str] | None = None
    word_list: list[Word] | None = None
    forms: list[str] = []
    for line in lines:
        if line.startswith("== "):
            name, *forms = line[3:].split()
            if name[0] in "@%":
                word_list = (words if name[0] == "@" else day_words).setdefault(name[1:], [])
                items = None
            else:
                items = sections.setdefault(name, [])
                word_list = None
        elif items is not None:
            items.append(line)
        elif word_list is not None:
            # "-" stands for an empty form (a Russian past tense "позвонил-" beside "позвонила").
            parts = ["" if part.strip() == "-" else part.strip() for part in line.split(" / ")]
            names = forms or [""]
            if len(parts) != len(names):
                raise ValueError(f"{line!r} needs {len(names)} forms")
            # The first form is also the plain one, used by a slot that names no form.
            word_list.append({"": parts[0], **dict(zip(names, parts, strict=True))})
        else:
            raise ValueError(f"text before the first section: {line!r}")
    return Material(
        {name: tuple(found) for name, found in sections.items()},
        {name: tuple(found) for name, found in words.items()},
        {name: tuple(found) for name, found in day_words.items()},
    )


def fill(template: str, words: Mapping[str, Word], strict: bool = True) -> str:
    """The template with its slots filled from ``words``; others kept unless ``strict``."""

    def one(match: re.Match[str]) -> str:
        word = words.get(match[1])
        if word is None:
            if strict:
                raise KeyError(f"nothing to fill {match[0]} in {template!r}")
            return match[0]
        return word[match[2] or ""]

    return _SLOT.sub(one, template)


def variants(template: str, words: Mapping[str, Sequence[Word]]) -> Iterator[str]:
    """Every sentence the template makes from the material's word lists.

    A word may itself hold a slot ("rang {friend} and it passed"); it is filled in turn.
    """
    names = list(dict.fromkeys(m[1] for m in _SLOT.finditer(template) if m[1] in words))
    if not names:
        yield template
        return
    for choice in product(*(words[name] for name in names)):
        yield from variants(fill(template, dict(zip(names, choice, strict=True)), False), words)


class Deck:
    """The sentences some templates make, dealt so that none repeats until all have been used.

    A template is picked with a weight of its sentences left, capped, so a template with hundreds
    of variants does not crowd out the rest, and the small ones are not all spent first (leaving
    the end of a long history to the big ones alone). A template used in the last few draws is
    passed over while others are left, so the same shape of sentence does not come two days
    running.
    """

    WEIGHT_CAP = 4
    RECENT = 3

    def __init__(self, templates: Sequence[str], material: Material, rng: random.Random):
        self._made = [list(variants(t, material.words)) for t in templates]
        self._rng = rng
        self._piles: list[list[str]] = []
        self._recent: deque[int] = deque(maxlen=min(self.RECENT, len(templates) - 1))
        self._deal_again()

    def _deal_again(self) -> None:
        self._piles = [list(made) for made in self._made]
        for pile in self._piles:
            self._rng.shuffle(pile)

    def draw(self, context: Mapping[str, Word] | None = None) -> str:
        if not any(self._piles):
            self._deal_again()
        left = [n for n, pile in enumerate(self._piles) if pile]
        fresh = [n for n in left if n not in self._recent] or left
        weights = [min(len(self._piles[n]), self.WEIGHT_CAP) for n in fresh]
        chosen = self._rng.choices(fresh, weights)[0]
        self._recent.append(chosen)
        return fill(self._piles[chosen].pop(), context or {})


class Decks:
    """One deck per section of the material, made when first asked for."""

    def __init__(self, material: Material, rng: random.Random):
        self.material = material
        self._rng = rng
        self._decks: dict[str, Deck] = {}

    def __getitem__(self, name: str) -> Deck:
        if name not in self._decks:
            self._decks[name] = Deck(self.material[name], self.material, self._rng)
        return self._decks[name]

    def draw(self, name: str, context: Mapping[str, Word] | None = None) -> str:
        return self[name].draw(context)

    def once(self, template: str, context: Mapping[str, Word] | None = None) -> str:
        """One sentence from a template that is used once, outside any deck."""
        return fill(self._rng.choice(list(variants(template, self.material.words))), context or {})


def word(text: str, **forms: str) -> Word:
    """A word for a slot filled from the day: its plain form and any others."""
    return {"": text, **forms}
