"""Words for the full-text search: tokens, stems, the query a person typed, snippets.

Stems come from the Snowball stemmers (PyStemmer), English or Russian by the letters of each
word, so "обиды" finds "обида" and "resentful" finds "resentment" in a text of either language.
The index (store/search_index.py) keeps each item's stems and its words as written; a query is
reduced the same way and quoted token by token, so nothing a person types is FTS5 syntax.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

import Stemmer

# Words: runs of letters and digits; an apostrophe inside a word keeps it whole ("don't").
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@cache
def _stemmer(language: str) -> Any:
    return Stemmer.Stemmer(language)


def normalise(word: str) -> str:
    """Lower case, ё as е (Russian writers use either), typographic apostrophe as plain."""
    return word.casefold().replace("ё", "е").replace("’", "'")


def words(text: str) -> list[str]:
    """The words of ``text``, normalised, in order."""
    # Composed first: "й" pasted from a PDF as "и" + a combining breve is one letter, not a split.
    return [normalise(match) for match in _WORD.findall(unicodedata.normalize("NFC", text))]


def stem(word: str) -> str:
    """The Snowball stem of one normalised word, in the language its letters say."""
    language = "russian" if _CYRILLIC.search(word) else "english"
    return str(_stemmer(language).stemWord(word))


def index_columns(text: str) -> tuple[str, str]:
    """(stems, words) for the index: each a space-joined list, in the text's order."""
    found = words(text)
    return " ".join(stem(word) for word in found), " ".join(found)


# --- queries ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Term:
    """One part of a query: a word, a "phrase of words", or a prefix* (as written, not stemmed)."""

    words: tuple[str, ...]
    prefix: bool = False
    excluded: bool = False

    def fts(self) -> str:
        if self.prefix:
            return f'words : "{self.words[0]}" *'
        return "stems : " + '"' + " ".join(stem(word) for word in self.words) + '"'

    def matches(self, word: str) -> bool:
        """Whether one word of a text is (part of) this term, for highlighting."""
        if self.prefix:
            return word.startswith(self.words[0])
        return stem(word) in {stem(own) for own in self.words}


_PART = re.compile(r'(-?)"([^"]*)"?|(\S+)')


def parse_query(text: str) -> tuple[Term, ...]:
    """Terms of what a person typed: "a phrase", word*, -word; any other mark is a space.

    Never raises: quotes left open close at the end, a lone ``*`` or ``-`` is nothing.
    """
    terms: list[Term] = []
    for match in _PART.finditer(text):
        if match.group(2) is not None:  # "a phrase", perhaps -"a phrase"
            found = tuple(words(match.group(2)))
            if found:
                terms.append(Term(found, excluded=bool(match.group(1))))
            continue
        chunk = match.group(3)
        excluded = chunk.startswith("-")
        prefix = chunk.rstrip().endswith("*")
        found = tuple(words(chunk))
        if not found:
            continue
        if len(found) > 1 and not prefix:
            # "self-will", "a:b": one word to the person, so a phrase (or one exclusion).
            terms.append(Term(found, excluded=excluded))
            continue
        for n, word in enumerate(found):
            is_last = n == len(found) - 1
            terms.append(Term((word,), prefix=prefix and is_last, excluded=excluded and n == 0))
    # FTS5 refuses an expression deeper than 256; nobody types more than a few dozen words.
    kept = [term for term in terms if not term.excluded] + [t for t in terms if t.excluded]
    return tuple(kept[:MAX_TERMS])


MAX_TERMS = 64


def match_expression(terms: tuple[Term, ...]) -> str | None:
    """The FTS5 MATCH text for ``terms``, or None when nothing can match (only exclusions)."""
    wanted = [term.fts() for term in terms if not term.excluded]
    if not wanted:
        return None
    expression = " AND ".join(f"({part})" for part in wanted)
    for term in terms:
        if term.excluded:
            expression += f" NOT ({term.fts()})"
    return expression


# --- results ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IndexedItem:
    """What the index holds of one thing the person wrote."""

    kind: str
    ref: str
    day: date | None
    title: str
    body: str

    @property
    def empty(self) -> bool:
        """Nothing written: such an item is kept out of the index."""
        return not (self.title.strip() or self.body.strip())

    @property
    def text(self) -> str:
        """The words the index reduces: title, then body."""
        return f"{self.title}\n{self.body}"


@dataclass(frozen=True, slots=True)
class Snippet:
    """Text around the first matches; ``parts`` alternate plain and matched text."""

    parts: tuple[tuple[str, bool], ...]
    cut_before: bool = False
    cut_after: bool = False

    @property
    def text(self) -> str:
        return "".join(part for part, _matched in self.parts)


SNIPPET_CHARS = 160


def _marked_spans(text: str, terms: tuple[Term, ...]) -> list[tuple[int, int]]:
    """Where the terms match in ``text``: single words, prefixes, and whole phrases only."""
    found = [
        (match.start(), match.end(), normalise(match.group())) for match in _WORD.finditer(text)
    ]
    marked: set[int] = set()  # indexes into ``found``
    for term in terms:
        if term.excluded:
            continue
        if term.prefix or len(term.words) == 1:
            marked.update(n for n, (_start, _end, word) in enumerate(found) if term.matches(word))
            continue
        wanted = [stem(word) for word in term.words]
        stems = [stem(word) for _start, _end, word in found]
        for n in range(len(found) - len(wanted) + 1):
            if stems[n : n + len(wanted)] == wanted:
                marked.update(range(n, n + len(wanted)))
    return [(found[n][0], found[n][1]) for n in sorted(marked)]


def snippet(text: str, terms: tuple[Term, ...], width: int = SNIPPET_CHARS) -> Snippet:
    """About ``width`` characters of ``text`` around its first match, the matches marked."""
    text = " ".join(text.split())  # the snippet is one line
    spans = _marked_spans(text, terms)
    start = 0
    if spans:
        start = max(0, spans[0][0] - width // 3)
        # Start at a word's beginning.
        while 0 < start < len(text) and not text[start - 1].isspace():
            start -= 1
    end = min(len(text), start + width)
    while start < end < len(text) and not text[end].isspace():
        end += 1
    parts: list[tuple[str, bool]] = []
    position = start
    for first, last in spans:
        if last <= start or first >= end:
            continue
        if first > position:
            parts.append((text[position:first], False))
        parts.append((text[first:last], True))
        position = last
    if position < end:
        parts.append((text[position:end], False))
    return Snippet(tuple(parts), cut_before=start > 0, cut_after=end < len(text))
