"""The report's places for the sponsor's words as PDF form fields, and reading them back.

The report is drawn by Qt, which makes no form fields: each box it drew for a sponsor's words
(``report_blocks.Reply``) gets a multi-line text field laid on it here, with pypdf. Any reader
fills them (Acrobat, Preview, Okular and Evince, browsers, phone readers). One more field,
hidden and read-only, carries the report's layout (``domain.reply_layout``): which journal and
which report it is, and where each item was drawn, so that a sticky note the sponsor adds is
kept with the item it was placed on. A hidden field rather than the catalogue or the document's
information, for readers that save a filled form keep its fields: some drop what they do not know.

``read_reply`` reads a filled report: the fields' words and the notes on its pages, each with the
item it is about.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from recovery_journal.domain.reply_layout import (
    SPONSOR_NAME,
    NotALayout,
    ReportLayout,
    about_of_field,
    field_name,
    item_at,
)

LAYOUT_FIELD = "rj_report"
FONT = "/Helv 10 Tf 0 g"  # the readers' own Helvetica, as forms use; they draw typed words
# A sticky note, a highlight or a shape with words: what a reader calls a comment. A form
# field's widget, a link and a note's pop-up window are not comments.
_COMMENTS = frozenset(
    {
        "/Text", "/FreeText", "/Highlight", "/Underline", "/StrikeOut", "/Squiggly", "/Square",
        "/Circle", "/Line", "/Polygon", "/PolyLine", "/Ink", "/Stamp", "/Caret", "/FileAttachment",
    }
)  # fmt: skip
_STARTXREF = re.compile(rb"startxref\s+(\d+)")
_PDF_DATE = re.compile(r"^D?:?(\d{4})(\d{2})?(\d{2})?")


@dataclass(frozen=True, slots=True)
class ReplyWords:
    """The fields' tooltips, in the report's language."""

    note: str  # what a box for the sponsor's words is for, as a reader's tooltip
    name: str  # the sponsor's name box


def with_reply_fields(data: bytes, layout: ReportLayout, words: ReplyWords) -> bytes:
    """The PDF ``data`` with a form field on each box for the sponsor's words, and the layout.

    Written as an incremental update (PDF 1.7, 7.5.6): the drawn PDF is kept byte for byte and
    followed by the new objects, the pages that get fields and the catalogue with its form.
    Only those few objects are read and written, not the whole file again."""
    from pypdf import PdfReader
    from pypdf.generic import (
        ArrayObject,
        BooleanObject,
        DictionaryObject,
        FloatObject,
        IndirectObject,
        NameObject,
        NumberObject,
        PdfObject,
        TextStringObject,
    )

    reader = PdfReader(io.BytesIO(data))
    trailer = reader.trailer
    size = int(cast(int, trailer["/Size"]))
    written: dict[int, PdfObject] = {}  # object number: the object, new or changed

    def add(value: PdfObject) -> IndirectObject:
        number = size + len([n for n in written if n >= size])
        written[number] = value
        return IndirectObject(number, 0, reader)

    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }
    )
    resources = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/Helv"): add(font)})}
    )
    fields = ArrayObject()

    def field(
        name: str, page: int, rect: tuple[float, ...], tooltip: str, flags: int, shown: bool
    ) -> DictionaryObject:
        page_object = reader.pages[page]
        reference = page_object.indirect_reference
        assert reference is not None
        widget = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Widget"),
                NameObject("/FT"): NameObject("/Tx"),
                NameObject("/T"): TextStringObject(name),
                NameObject("/TU"): TextStringObject(tooltip),
                NameObject("/Ff"): NumberObject(flags),
                # Printed when shown; hidden (2) and never printed when not.
                NameObject("/F"): NumberObject(4 if shown else 2),
                NameObject("/Rect"): ArrayObject(FloatObject(round(v, 2)) for v in rect),
                NameObject("/DA"): TextStringObject(FONT),
                NameObject("/P"): reference,
                # No border or ground of its own: the report drew the box.
                NameObject("/MK"): DictionaryObject(),
            }
        )
        added = add(widget)
        annotations = page_object.get("/Annots")
        if annotations is None:
            page_object[NameObject("/Annots")] = ArrayObject([added])
        else:  # Qt draws no annotations; an array of its own would be changed in its place
            page_object[NameObject("/Annots")] = ArrayObject([*annotations.get_object(), added])
        written[reference.idnum] = page_object
        fields.append(added)
        return widget

    for placed in layout.fields:
        inset = 2.0  # the words stay inside the drawn box's line
        rect = (
            placed.left + inset,
            placed.bottom + inset,
            placed.right - inset,
            placed.top - inset,
        )
        if placed.about == SPONSOR_NAME:
            field(SPONSOR_NAME, placed.page, rect, words.name, 0, True)
        else:
            multiline = 1 << 12
            field(field_name(placed.about), placed.page, rect, words.note, multiline, True)
    hidden = field(LAYOUT_FIELD, 0, (0, 0, 0, 0), "", 1, False)  # 1: read-only
    hidden[NameObject("/V")] = TextStringObject(layout.to_json())
    root = reader.trailer.raw_get("/Root")
    catalogue = reader.root_object
    catalogue[NameObject("/AcroForm")] = DictionaryObject(
        {
            NameObject("/Fields"): fields,
            NameObject("/DA"): TextStringObject(FONT),
            NameObject("/DR"): resources,
            # The readers draw the typed words themselves (in a font that has them).
            NameObject("/NeedAppearances"): BooleanObject(True),
        }
    )
    written[root.idnum] = catalogue
    return data + _update(data, written, trailer, max(size, max(written) + 1))


def _update(data: bytes, written: dict[int, Any], trailer: Any, size: int) -> bytes:
    """An incremental update to follow the PDF ``data``: ``written`` objects, their
    cross-reference section and a trailer that points back to the file's own."""
    from pypdf.generic import DictionaryObject, NameObject, NumberObject

    at = len(data)
    previous = _STARTXREF.findall(data[-1024:])
    if not previous:
        raise ValueError("the PDF has no cross-reference table to follow")
    out = io.BytesIO()
    out.write(b"\n")
    offsets: dict[int, int] = {}
    for number in sorted(written):
        offsets[number] = at + out.tell()
        out.write(f"{number} 0 obj\n".encode("ascii"))
        written[number].write_to_stream(out)
        out.write(b"\nendobj\n")
    start = at + out.tell()
    out.write(b"xref\n")
    numbers = sorted(offsets)
    runs: list[list[int]] = []
    for number in numbers:  # consecutive numbers share a subsection
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    for run in runs:
        out.write(f"{run[0]} {len(run)}\n".encode("ascii"))
        for number in run:
            out.write(f"{offsets[number]:010d} 00000 n\r\n".encode("ascii"))
    kept = DictionaryObject(
        {NameObject(key): trailer.raw_get(key) for key in trailer if key not in ("/Prev", "/Size")}
    )
    kept[NameObject("/Size")] = NumberObject(size)
    kept[NameObject("/Prev")] = NumberObject(int(previous[-1]))
    out.write(b"trailer\n")
    kept.write_to_stream(out)
    out.write(f"\nstartxref\n{start}\n%%EOF\n".encode("ascii"))
    return out.getvalue()


# --- reading a reply -------------------------------------------------------------------------


class ReplyUnreadable(ValueError):
    """The file could not be read as a reply; ``reason`` says why, for the person's sentence."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


NOT_A_PDF = "not-a-pdf"  # not a PDF at all, or too damaged to read
NEEDS_PASSWORD = "needs-password"
WRONG_PASSWORD = "wrong-password"
NOT_A_REPORT = "not-a-report"  # a PDF, but no report of this app (or one made before replies)


@dataclass(frozen=True, slots=True)
class Comment:
    """One thing the sponsor wrote: in a box, or as a note on a page."""

    about: str  # the item's string form
    text: str
    author: str = ""  # a note's author, as the reader set it
    written_on: date | None = None  # a note's date, as the reader set it
    on_page: bool = False  # a note on a page (else the words in a box)


@dataclass(frozen=True, slots=True)
class FilledReport:
    layout: ReportLayout
    comments: tuple[Comment, ...]
    sponsor: str  # the name box's words
    saved_on: date | None  # when the reader last saved the file, if it says


def _pdf_date(value: Any) -> date | None:
    match = _PDF_DATE.match(str(value or "").strip())
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2] or 1), int(match[3] or 1))
    except ValueError:
        return None


def _text(value: Any) -> str:
    if value is None:
        return ""
    value = value.get_object() if hasattr(value, "get_object") else value
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return str(value)


def read_reply(data: bytes, password: str | None = None) -> FilledReport:
    """What the sponsor wrote in a report; ReplyUnreadable with a reason if it is none."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError, PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            if not password:
                raise ReplyUnreadable(NEEDS_PASSWORD)
            if not reader.decrypt(password):
                raise ReplyUnreadable(WRONG_PASSWORD)
        fields = reader.get_fields() or {}
        kept = fields.get(LAYOUT_FIELD)
        if kept is None:
            raise ReplyUnreadable(NOT_A_REPORT)
        layout = ReportLayout.from_json(_text(kept.get("/V")))
        comments: list[Comment] = []
        sponsor = ""
        for name, value in fields.items():
            words = _text(value.get("/V")).strip()
            if not words:
                continue
            if name == SPONSOR_NAME:
                sponsor = words
                continue
            about = about_of_field(name)
            if about is not None:
                comments.append(Comment(about, words))
        for number, page in enumerate(reader.pages):
            for reference in page.get("/Annots") or []:
                annotation = reference.get_object()
                words = _text(annotation.get("/Contents")).strip()
                if annotation.get("/Subtype") not in _COMMENTS or not words:
                    continue
                rect = [float(v) for v in annotation.get("/Rect", [0, 0, 0, 0])]
                top = max(rect[1], rect[3]) if len(rect) == 4 else 0.0
                comments.append(
                    Comment(
                        item_at(layout, number, top - 1),
                        words,
                        author=_text(annotation.get("/T")).strip(),
                        written_on=_pdf_date(annotation.get("/M"))
                        or _pdf_date(annotation.get("/CreationDate")),
                        on_page=True,
                    )
                )
        metadata = reader.metadata
        saved_on = _pdf_date(metadata.get("/ModDate") if metadata is not None else None)
    except ReplyUnreadable:
        raise
    except NotALayout:
        raise ReplyUnreadable(NOT_A_REPORT) from None
    except (PyPdfError, PdfReadError, ValueError, TypeError, KeyError, AttributeError,
            IndexError, OSError, RecursionError):  # fmt: skip
        raise ReplyUnreadable(NOT_A_PDF) from None
    return FilledReport(layout, tuple(comments), sponsor, saved_on)
