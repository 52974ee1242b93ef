"""Search across everything the person wrote, grouped by kind, the matching words marked.

The index lives in the vault (store/search_index.py); this module turns what a person typed into
terms (domain/search.py), asks the index, and names and groups what it found.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from recovery_journal.domain import record_kinds
from recovery_journal.domain import search_items as kinds
from recovery_journal.domain.journal import first_line, shortened
from recovery_journal.domain.ports import Vault
from recovery_journal.domain.search import (
    IndexedItem,
    Snippet,
    Term,
    match_expression,
    parse_query,
    snippet,
)
from recovery_journal.i18n import N_, _
from recovery_journal.services.step_content import step_content

LIMIT = 200  # results asked of the index; the list shows them all, grouped

# The headings of the kinds kept outside the record tables; each declared kind of record
# (domain/record_kinds.py) brings its own.
OTHER_HEADINGS: dict[str, str] = {
    kinds.JOURNAL: N_("Journal"),
    kinds.NOTE: N_("Notes of the day"),
    kinds.ANSWER: N_("Step answers"),
    kinds.STEP_NOTES: N_("Step notes"),
    kinds.REVIEW: N_("Nightly reviews"),
}


def kind_headings() -> dict[str, str]:
    """Every search kind and its heading (untranslated), in the order the groups are shown.

    The free journal first, then the steps, then the daily practice, which the nightly reviews
    lead: the declared kinds in their order, the reviews before the first of the daily ones.
    """
    first = (kinds.JOURNAL, kinds.NOTE, kinds.ANSWER, kinds.STEP_NOTES)
    headings = {kind: OTHER_HEADINGS[kind] for kind in first}
    for kind in record_kinds.indexed():
        if kind.group is record_kinds.Group.DAILY and kinds.REVIEW not in headings:
            headings[kinds.REVIEW] = OTHER_HEADINGS[kinds.REVIEW]
        assert kind.search is not None
        headings[kind.name] = kind.search.heading
    headings.setdefault(kinds.REVIEW, OTHER_HEADINGS[kinds.REVIEW])
    return headings


def kind_heading(kind: str) -> str:
    return _(kind_headings().get(kind, kind))


@dataclass(frozen=True, slots=True)
class SearchHit:
    kind: str
    ref: str
    day: date | None
    title: str  # what the item is called: an entry's title, a question, a person's name
    snippet: Snippet

    @property
    def step(self) -> int | None:
        """The step an answer or a step's notes belong to."""
        if self.kind == kinds.ANSWER:
            return kinds.parse_answer_ref(self.ref)[0]
        if self.kind == kinds.STEP_NOTES:
            return int(self.ref)
        return None

    @property
    def item_id(self) -> str:
        """The uid, day or question id the item is stored under (an answer's ref adds its step)."""
        return kinds.parse_answer_ref(self.ref)[1] if self.kind == kinds.ANSWER else self.ref


@dataclass(frozen=True, slots=True)
class SearchResults:
    query: str
    groups: tuple[tuple[str, tuple[SearchHit, ...]], ...]  # (kind, hits), in kind_headings() order

    @property
    def count(self) -> int:
        return sum(len(hits) for _kind, hits in self.groups)

    @property
    def hits(self) -> tuple[SearchHit, ...]:
        return tuple(hit for _kind, hits in self.groups for hit in hits)


def search(vault: Vault, text: str, language: str, limit: int = LIMIT) -> SearchResults:
    """What matches ``text``; never raises for anything typed (an empty result instead)."""
    terms = parse_query(text)
    expression = match_expression(terms)
    if expression is None:
        return SearchResults(text, ())
    found = vault.search.find(expression, limit)
    questions = (
        question_texts(vault, language) if any(item.kind == kinds.ANSWER for item in found) else {}
    )
    grouped: dict[str, list[SearchHit]] = {}
    for item in found:
        hit = SearchHit(
            item.kind, item.ref, item.day, item_title(item, questions), _snippet(item, terms)
        )
        grouped.setdefault(item.kind, []).append(hit)
    order = list(kind_headings())
    groups = sorted(grouped.items(), key=lambda pair: _position(order, pair[0]))
    return SearchResults(text, tuple((kind, tuple(hits)) for kind, hits in groups))


def _snippet(item: IndexedItem, terms: tuple[Term, ...]) -> Snippet:
    """The body around its matches; where only the title matched, the title leads the snippet."""
    cut = snippet(item.body, terms)
    if any(matched for _part, matched in cut.parts) or not item.title.strip():
        return cut
    return snippet(f"{item.title.strip()}. {item.body}", terms)


def _position(order: list[str], kind: str) -> int:
    return order.index(kind) if kind in order else len(order)


def item_title(item: IndexedItem, questions: dict[str, str]) -> str:
    if item.kind == kinds.ANSWER:
        return questions.get(kinds.parse_answer_ref(item.ref)[1], "")
    return item.title.strip() or shortened(first_line(item.body), TITLE_CHARS)


TITLE_CHARS = 80


def question_texts(vault: Vault, language: str) -> dict[str, str]:
    content = step_content(language)
    texts = {q.id: q.text for step in range(1, 13) for q in content.guide(step).questions}
    for pack in vault.steps.packs():
        texts.update({q.id: q.text for q in pack.questions})
    return texts
