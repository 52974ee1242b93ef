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

import contextlib
import io
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from recovery_journal.domain.reply_layout import (
    REPORT,
    SPONSOR_NAME,
    NotALayout,
    ReportLayout,
    about_of_field,
    field_name,
    item_at,
)
from recovery_journal.services.form_font import FONT_NAME, form_font

LAYOUT_FIELD = "rj_report"
HELVETICA = "/Helv 10 Tf 0 g"  # the readers' own Helvetica: where the form's font is missing
FONT = f"/{FONT_NAME} 10 Tf 0 g"  # the form's own font, with Cyrillic (services.form_font)
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
    fonts = DictionaryObject({NameObject("/Helv"): add(font)})
    own = _own_font(add)
    if own is not None:
        fonts[NameObject("/" + FONT_NAME)] = own
    typed_in = FONT if own is not None else HELVETICA
    resources = DictionaryObject({NameObject("/Font"): fonts})
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
                NameObject("/DA"): TextStringObject(typed_in),
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
            NameObject("/DA"): TextStringObject(typed_in),
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


def _own_font(add: Any) -> Any:
    """The form's font (``services.form_font``) added to the PDF (``add`` gives an object its
    number); None where there is none."""
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        NameObject,
        NumberObject,
        TextStringObject,
    )

    made = form_font()
    if made is None:
        return None
    glyphs, widths = made.glyphs, made.widths

    def stream(content: bytes, **entries: Any) -> Any:
        plain = DecodedStreamObject()
        plain.set_data(content)
        packed = plain.flate_encode()
        for key, value in entries.items():
            packed[NameObject("/" + key)] = value
        return add(packed)

    def name(text: str) -> Any:
        return NameObject("/" + text)

    def numbers(values: list[int]) -> Any:
        return ArrayObject(NumberObject(v) for v in values)

    largest = max(glyphs)
    to_glyph = bytearray(2 * (largest + 1))
    for code, glyph in glyphs.items():
        to_glyph[2 * code : 2 * code + 2] = glyph.to_bytes(2, "big")
    codes = sorted(widths)
    width_list = ArrayObject()
    for code in codes:
        width_list.extend([NumberObject(code), numbers([widths[code]])])
    ranges = "\n".join(f"<{c:04X}> <{c:04X}>" for c in codes)
    to_unicode = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        f"{len(codes)} beginbfchar\n{ranges}\nendbfchar\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end"
    ).encode("ascii")
    descriptor = DictionaryObject(
        {
            name("Type"): name("FontDescriptor"),
            name("FontName"): name(FONT_NAME),
            name("Flags"): NumberObject(32),
            name("FontBBox"): numbers(list(made.bbox)),
            name("ItalicAngle"): NumberObject(0),
            name("Ascent"): NumberObject(made.ascent),
            name("Descent"): NumberObject(made.descent),
            name("CapHeight"): NumberObject(made.cap_height),
            name("StemV"): NumberObject(80),
            name("FontFile2"): stream(made.data, Length1=NumberObject(len(made.data))),
        }
    )
    descendant = DictionaryObject(
        {
            name("Type"): name("Font"),
            name("Subtype"): name("CIDFontType2"),
            name("BaseFont"): name(FONT_NAME),
            name("CIDSystemInfo"): DictionaryObject(
                {
                    name("Registry"): TextStringObject("Adobe"),
                    name("Ordering"): TextStringObject("Identity"),
                    name("Supplement"): NumberObject(0),
                }
            ),
            name("FontDescriptor"): add(descriptor),
            name("W"): width_list,
            name("DW"): NumberObject(600),
            name("CIDToGIDMap"): stream(bytes(to_glyph)),
        }
    )
    font = DictionaryObject(
        {
            name("Type"): name("Font"),
            name("Subtype"): name("Type0"),
            name("BaseFont"): name(FONT_NAME),
            name("Encoding"): name("Identity-H"),
            name("DescendantFonts"): ArrayObject([add(descendant)]),
            name("ToUnicode"): stream(to_unicode),
        }
    )
    return add(font)


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
FLATTENED = "flattened"  # our report, saved without its boxes (printed to PDF, flattened)
LONGEST_COMMENT = 50_000  # characters; a comment longer is no sponsor's note (left out, counted)
BOX = "box"  # what tells a box's words from the others on its item: the box itself


@dataclass(frozen=True, slots=True)
class Comment:
    """One thing the sponsor wrote: in a box, or as a note on a page."""

    about: str  # the item's string form
    text: str
    author: str = ""  # a note's author, as the reader set it
    written_on: date | None = None  # a note's date, as the reader set it
    on_page: bool = False  # a note on a page (else the words in a box)
    # What tells it from the other comments on its item, whatever its words: a box is itself;
    # a note has the name its reader gave it (/NM), else its words.
    identity: str = ""


@dataclass(frozen=True, slots=True)
class FilledReport:
    layout: ReportLayout
    comments: tuple[Comment, ...]
    sponsor: str  # the name box's words
    saved_on: date | None  # when the reader last saved the file, if it says
    left_out: int = 0  # comments too long to be a note


def _pdf_date(value: Any) -> date | None:
    match = _PDF_DATE.match(_text(value).strip())
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2] or 1), int(match[3] or 1))
    except ValueError:
        return None


def _resolved(value: Any) -> Any:
    """What a PDF value is, or points to; None for a broken reference."""
    try:
        return value.get_object() if hasattr(value, "get_object") else value
    except Exception:  # noqa: BLE001 - a reference that leads nowhere is nothing
        return None


def _text(value: Any) -> str:
    """Words from a PDF value; anything that is not text (a number, an array, a stream) has
    none."""
    value = _resolved(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return ""


@contextlib.contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """pypdf logs what it finds odd in a file ("invalid pdf header") to the program's stderr;
    the person gets one sentence instead."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def read_reply(data: bytes, password: str | None = None) -> FilledReport:
    """What the sponsor wrote in a report; ReplyUnreadable with a reason if it is none."""
    with _quiet_pypdf():
        return _read_reply(data, password)


def _annotations(page: Any) -> list[tuple[int | None, Any]]:
    """A page's annotations that are dictionaries, with each one's object number."""
    found = []
    for entry in _array(page.get("/Annots")):
        annotation = _resolved(entry)
        if isinstance(annotation, dict):
            found.append((getattr(entry, "idnum", None), annotation))
    return found


def _array(value: Any) -> list[Any]:
    value = _resolved(value)
    return list(value) if isinstance(value, list) else []


def _top(annotation: Any) -> float | None:
    """The top edge of an annotation's rectangle; None if it has no rectangle of numbers."""
    rect = _array(annotation.get("/Rect"))
    try:
        numbers = [float(v) for v in rect]
    except (TypeError, ValueError):
        return None
    if len(numbers) != 4 or any(n != n for n in numbers):  # n != n: not a number
        return None
    return max(numbers[1], numbers[3])


def _is_remark(annotation: Any) -> bool:
    """Whether an annotation of a comment's kind (``_COMMENTS``) holds the sponsor's words: a
    review mark ("Accepted set by Sam") and a hidden annotation do not."""
    if "/StateModel" in annotation or "/State" in annotation:
        return False
    flags = annotation.get("/F", 0)
    return not (isinstance(flags, int) and flags & 2)


def _fields(reader: Any) -> dict[str, str]:
    """Every text field's name and words, from the form, or from the pages' widgets where a
    reader kept the boxes but dropped the form."""
    found: dict[str, str] = {}
    for name, value in (reader.get_fields() or {}).items():
        found[str(name)] = _text(value.get("/V"))
    if LAYOUT_FIELD in found:
        return found
    for page in reader.pages:
        for _number, annotation in _annotations(page):
            if annotation.get("/Subtype") == "/Widget":
                name = _text(annotation.get("/T"))
                if name and name not in found:
                    found[name] = _text(annotation.get("/V"))
    return found


def _ours(reader: Any) -> bool:
    """Whether a PDF says it was made by this app (its creator, as the report writes it)."""
    metadata = reader.metadata
    return metadata is not None and _text(metadata.get("/Creator")).startswith("Recovery Journal")


def _read_reply(data: bytes, password: str | None) -> FilledReport:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError, PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            if not password:
                raise ReplyUnreadable(NEEDS_PASSWORD)
            if not reader.decrypt(password):
                raise ReplyUnreadable(WRONG_PASSWORD)
        fields = _fields(reader)
        if LAYOUT_FIELD not in fields:
            raise ReplyUnreadable(FLATTENED if _ours(reader) else NOT_A_REPORT)
        layout = ReportLayout.from_json(fields[LAYOUT_FIELD])
        comments: list[Comment] = []
        left_out = 0
        sponsor = " ".join(fields.get(SPONSOR_NAME, "").split())[:200]
        for name, value in fields.items():
            words = value.strip()
            about = about_of_field(name)
            if not words or about is None:
                continue
            if len(words) > LONGEST_COMMENT:
                left_out += 1
                continue
            comments.append(Comment(about, words, identity=BOX))
        # Notes on the pages: each on the item drawn where it was placed; a reply to a note
        # (/IRT), on its note's item, wherever the reader put it.
        placed: dict[int, str] = {}  # a comment's object number: its item
        notes: list[tuple[int | None, str, str, Any]] = []  # its note's number, item, words
        for number, page in enumerate(reader.pages):
            for idnum, annotation in _annotations(page):
                if annotation.get("/Subtype") not in _COMMENTS:
                    continue  # a form's box, a link, a note's pop-up window: no place to find
                top = _top(annotation)
                about = item_at(layout, number, top - 1) if top is not None else REPORT
                if idnum is not None:
                    placed[idnum] = about
                words = _text(annotation.get("/Contents")).strip()
                if not _is_remark(annotation) or not words:
                    continue
                if len(words) > LONGEST_COMMENT:
                    left_out += 1
                    continue
                parent = getattr(annotation.get("/IRT"), "idnum", None)
                notes.append((parent, about, words, annotation))
        for parent, about, words, annotation in notes:
            name = _text(annotation.get("/NM"))
            comments.append(
                Comment(
                    placed.get(parent, about) if parent is not None else about,
                    words,
                    author=" ".join(_text(annotation.get("/T")).split())[:200],
                    written_on=_pdf_date(annotation.get("/M"))
                    or _pdf_date(annotation.get("/CreationDate")),
                    on_page=True,
                    identity=f"note:{name[:200]}" if name else words,
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
    return FilledReport(layout, tuple(comments), sponsor, saved_on, left_out)
