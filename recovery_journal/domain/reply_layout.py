"""Where a report laid out each item a sponsor can write about, and which item a note is on.

The report records, page by page, the band each item was drawn in (a step's answers, one answer,
a worksheet, one of its rows...) and each box made for the sponsor's words. A sticky note a
sponsor puts on a page is kept with the item drawn where it was placed: the innermost item
whose band holds the note's top edge; in a gap between items, the item just above; above every
item on the page, the last item of an earlier page; else the whole report.

Places are in PDF points from the page's foot, as PDF readers give a note's place. The layout
travels inside the report (``services.reply_form``) as a compact JSON value.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any

REPORT = "report"  # the whole report (``About.report()``'s string form)
SPONSOR_NAME = "sponsor-name"  # the box for the sponsor's name, beside the items' boxes
LAYOUT_VERSION = 1
MOST_PLACES = 200_000  # far more than a forty-year report lays out; a layout beyond is no layout


class NotALayout(ValueError):
    """A value that is no report layout this app wrote."""


@dataclass(frozen=True, slots=True)
class Placed:
    """An item (or a box for the sponsor's words) as drawn: a page (from 0) and a rectangle."""

    about: str
    page: int
    left: float
    bottom: float
    right: float
    top: float

    def holds(self, page: int, y: float) -> bool:
        return page == self.page and self.bottom - 0.5 <= y <= self.top + 0.5


def journal_proof(journal_id: str, report_id: str) -> str:
    """What a report carries to show which journal made it: the journal's identifier mixed
    with the report's own (HMAC), so that the journal can tell its reports, and two reports
    that went astray cannot be told to come from the same journal."""
    mac = hmac.new(journal_id.encode("ascii"), report_id.encode("ascii"), hashlib.sha256)
    return mac.hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class ReportLayout:
    journal_proof: str  # journal_proof() of the journal that made it and the report's id
    report_id: str
    made_on: str  # the report's day, ISO
    items: tuple[Placed, ...] = ()
    fields: tuple[Placed, ...] = ()  # the boxes for the sponsor's words
    pages: int = 0  # how many pages the report had (a note on a page added later: the report)

    def to_json(self) -> str:
        def rows(placed: tuple[Placed, ...]) -> list[list[Any]]:
            return [
                [p.about, p.page, round(p.left, 1), round(p.bottom, 1), round(p.right, 1),
                 round(p.top, 1)]
                for p in placed
            ]  # fmt: skip

        return json.dumps(
            {
                "version": LAYOUT_VERSION,
                "proof": self.journal_proof,
                "report": self.report_id,
                "made_on": self.made_on,
                "pages": self.pages,
                "items": rows(self.items),
                "fields": rows(self.fields),
            },
            ensure_ascii=True,
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, text: str) -> ReportLayout:
        try:
            raw = json.loads(text)
            if not isinstance(raw, dict) or raw.get("version") != LAYOUT_VERSION:
                raise NotALayout("not a report layout")

            def placed(rows: Any) -> tuple[Placed, ...]:
                if len(rows) > MOST_PLACES:
                    raise NotALayout("too many places")
                return tuple(
                    Placed(str(a), int(p), float(x0), float(y0), float(x1), float(y1))
                    for a, p, x0, y0, x1, y1 in rows
                )

            return cls(
                journal_proof=str(raw["proof"]),
                report_id=str(raw["report"]),
                made_on=str(raw["made_on"]),
                items=placed(raw.get("items", [])),
                fields=placed(raw.get("fields", [])),
                pages=int(raw.get("pages", 0)),
            )
        except NotALayout:
            raise
        except (ValueError, TypeError, KeyError) as error:
            raise NotALayout("not a report layout") from error


def _innermost(places: list[tuple[int, Placed]]) -> Placed:
    """Of places (numbered in the order laid out), the smallest: an answer rather than its
    step, a row rather than its worksheet; of two the same size, the one laid out later (inside
    the other)."""
    return min(places, key=lambda pair: (pair[1].top - pair[1].bottom, -pair[0]))[1]


def item_at(layout: ReportLayout, page: int, y: float) -> str:
    """The item a note whose top edge is at height ``y`` on ``page`` (from 0) was placed on.

    Every section is an item's band (its own, or the whole report's), so a note never falls
    through to another section; a page the report did not have is the whole report's."""
    if layout.pages and not 0 <= page < layout.pages:
        return REPORT
    items = [(number, p) for number, p in enumerate(layout.items) if p.about != SPONSOR_NAME]
    holding = [(number, p) for number, p in items if p.holds(page, y)]
    if holding:
        inner = _innermost(holding)
        if inner.about != REPORT:
            return inner.about
        # In a section that is the report's own band (the answers, the worksheets), a note in
        # the gap under an item is about that item.
        within = inner.top
    else:
        within = float("inf")
    above = [
        (number, p)
        for number, p in items
        if p.page == page and p.about != REPORT and y < p.bottom and p.top <= within + 0.5
    ]
    if above:
        nearest = min(p.bottom for _number, p in above)
        return _innermost([(n, p) for n, p in above if p.bottom == nearest]).about
    if holding:
        return REPORT
    earlier = [(number, p) for number, p in items if p.page < page]
    if earlier:
        last_page = max(p.page for _number, p in earlier)
        lowest = min(p.bottom for _number, p in earlier if p.page == last_page)
        on_it = [(n, p) for n, p in earlier if p.page == last_page and p.bottom == lowest]
        return _innermost(on_it).about
    return REPORT


def field_name(about: str) -> str:
    """A form field's name for an item's box: letters and digits only, for an item's string
    form holds ':' '.' and '/', which PDF field names give meanings of their own ('.' parts a
    name, and readers differ on the rest)."""
    return "reply_" + base64.b32encode(about.encode("utf-8")).decode("ascii").rstrip("=").lower()


def about_of_field(name: str) -> str | None:
    """The item a field named by ``field_name`` is for; None for any other field."""
    if not name.startswith("reply_"):
        return None
    code = name[len("reply_") :].upper()
    try:
        return base64.b32decode(code + "=" * (-len(code) % 8)).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return None
