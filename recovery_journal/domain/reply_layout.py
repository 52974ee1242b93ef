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
import json
from dataclasses import dataclass
from typing import Any

REPORT = "report"  # the whole report (``About.report()``'s string form)
LAYOUT_VERSION = 1


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


@dataclass(frozen=True, slots=True)
class ReportLayout:
    journal_id: str
    report_id: str
    made_on: str  # the report's day, ISO
    items: tuple[Placed, ...] = ()
    fields: tuple[Placed, ...] = ()  # the boxes for the sponsor's words

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
                "journal": self.journal_id,
                "report": self.report_id,
                "made_on": self.made_on,
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
                return tuple(
                    Placed(str(a), int(p), float(x0), float(y0), float(x1), float(y1))
                    for a, p, x0, y0, x1, y1 in rows
                )

            return cls(
                journal_id=str(raw["journal"]),
                report_id=str(raw["report"]),
                made_on=str(raw["made_on"]),
                items=placed(raw.get("items", [])),
                fields=placed(raw.get("fields", [])),
            )
        except NotALayout:
            raise
        except (ValueError, TypeError, KeyError) as error:
            raise NotALayout("not a report layout") from error


def item_at(layout: ReportLayout, page: int, y: float) -> str:
    """The item a note whose top edge is at height ``y`` on ``page`` (from 0) was placed on."""
    holding = [p for p in layout.items if p.holds(page, y)]
    if holding:
        # The innermost: an answer rather than its step, a row rather than its worksheet.
        return min(holding, key=lambda p: (p.top - p.bottom, -layout.items.index(p))).about
    above = [p for p in layout.items if p.page == page and p.bottom > y]
    if above:
        return min(above, key=lambda p: (p.bottom - y, p.top - p.bottom)).about
    earlier = [p for p in layout.items if p.page < page]
    if earlier:
        last_page = max(p.page for p in earlier)
        lowest = min(p.bottom for p in earlier if p.page == last_page)
        on_it = [p for p in earlier if p.page == last_page and p.bottom == lowest]
        return min(on_it, key=lambda p: p.top - p.bottom).about
    return REPORT


SPONSOR_NAME = "sponsor-name"  # the box for the sponsor's name, beside the items' boxes


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
