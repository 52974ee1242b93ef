"""How the report is drawn fast, held where it could slip back: each run of text with a long
table is laid out once, its pages planned from a small probe and the rows' own measures; the
sponsor's fields are added to the drawn PDF as an update, not by writing it again."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from recovery_journal.domain.reply_layout import SPONSOR_NAME
from recovery_journal.services.report_blocks import (
    Heading,
    Paragraph,
    Part,
    Reply,
    Report,
    Table,
)
from recovery_journal.services.report_choices import Paper, Section

TODAY = date(2026, 11, 23)


def _report(*parts: Part, report_id: str = "") -> Report:
    return Report(
        "R", TODAY, "23 November 2026", TODAY, TODAY, "en", Paper.A4, parts, "j1", report_id
    )


def _rows(prefix: str, count: int) -> tuple[tuple[str, ...], ...]:
    return tuple((f"{prefix}{number:04d}", "Tuesday group", "yes") for number in range(count))


def _pages_rows(data: bytes, prefix: str) -> list[int]:
    """How many rows named with ``prefix`` each page holds."""
    reader = PdfReader(io.BytesIO(data))
    return [
        sum(word.startswith(prefix) for word in page.extract_text().split())
        for page in reader.pages
    ]


@pytest.fixture
def layouts(monkeypatch):
    """How many times each run of text was laid out whole, by the first table it holds."""
    from recovery_journal.ui import report_pdf

    counted: dict[str, int] = {}
    laid_out = report_pdf._Pages._laid_out

    def counting(self, blocks, starts, breaks, offset):
        for block in blocks:
            if isinstance(block, Table):
                counted[block.rows[0][0]] = counted.get(block.rows[0][0], 0) + 1
                break
        return laid_out(self, blocks, starts, breaks, offset)

    monkeypatch.setattr(report_pdf._Pages, "_laid_out", counting)
    return counted


def test_a_long_table_is_laid_out_once_even_when_its_heading_turns_the_page(qapp, layouts):
    from recovery_journal.ui.report_pdf import prepare_fonts, render_pdf

    prepare_fonts()
    # Wherever the filler ends, the section's heading goes with its table: some of these put
    # the heading at a page's foot, so the run begins the next page, and still one layout.
    for lines in range(44, 56, 3):
        filler = Part(Section.GRATITUDE, "", tuple(Paragraph(f"Line {n}.") for n in range(lines)))
        table = Table(("Datecol", "Meetingcol", "Sharedcol"), _rows(f"f{lines}r", 200))
        part = Part(Section.MEETINGS, "Meetings", (Paragraph("All of them."), table))
        render_pdf(_report(filler, part))
    assert layouts == {f"f{lines}r0000": 1 for lines in range(44, 56, 3)}


def test_a_second_long_table_in_a_section_fills_its_pages(qapp, layouts):
    from recovery_journal.ui.report_pdf import prepare_fonts, render_pdf

    prepare_fonts()
    # Two long tables under one title flow as one run of text; the second was cut into pages
    # where a first layout had put it (with a header wherever a slice of 40 rows began), which
    # left a page with a row or three between full ones.
    for count in (139, 175):
        first = tuple(
            (f"a{count}r{n:04d}", "Tuesday group", "note " * (12 if n % 5 == 0 else 1))
            for n in range(count)
        )
        part = Part(
            Section.PRACTICE,
            "Service and practice",
            (
                Heading("Service", 3),
                Table(("Datecol", "Kindcol", "Notecol"), first),
                Heading("Prayer and meditation", 3),
                Paragraph("Many times."),
                Table(("Datecol", "Kindcol", "Notecol"), _rows("b", 300)),
            ),
        )
        second = [n for n in _pages_rows(render_pdf(_report(part)), "b") if n]
        # Full pages between its first (shared) and its last; the one before the last may
        # give a row to it, so that the last never holds one alone.
        assert all(n >= max(second) - 1 for n in second[1:-1]), (count, second)
        assert sum(second) == 300
    assert layouts == {"a139r0000": 1, "a175r0000": 1}


def test_the_sponsors_fields_are_added_to_the_drawn_pdf_not_written_again(qapp, monkeypatch):
    import pymupdf

    from recovery_journal.services import reply_form
    from recovery_journal.services.reply_form import read_reply
    from recovery_journal.ui import report_pdf
    from recovery_journal.ui.report_pdf import prepare_fonts, render_pdf

    prepare_fonts()
    drawn: list[bytes] = []
    adding = reply_form.with_reply_fields

    def keeping(data, layout, words):
        drawn.append(data)
        return adding(data, layout, words)

    monkeypatch.setattr(report_pdf, "with_reply_fields", keeping)
    part = Part(
        Section.COVER,
        "",
        (
            Paragraph("A first page."),
            Table(("Datecol", "Meetingcol", "Sharedcol"), _rows("c", 90)),
            Reply("report", "Your note to me on this report"),
            Reply(SPONSOR_NAME, "Your name", lines=1),
        ),
    )
    data = render_pdf(_report(part, report_id="r1"))
    # The drawn PDF, byte for byte, then an update with the fields: nothing read or written
    # again but the pages that hold a field and the catalogue.
    from recovery_journal.services.form_font import form_font

    font = form_font()
    assert font is not None  # the form's own font goes in the update too (about 58 kB packed)
    assert data.startswith(drawn[0]) and len(data) - len(drawn[0]) < 20_000 + len(font.data)
    assert data.count(b"%%EOF") == drawn[0].count(b"%%EOF") + 1

    # Another engine fills it in as a sponsor's reader would, and saves it whole.
    document = pymupdf.open(stream=data, filetype="pdf")
    for page in document:
        for widget in page.widgets():
            if widget.field_name == SPONSOR_NAME:
                widget.field_value = "Sam"
                widget.update()
            elif widget.field_name.startswith("reply_"):
                widget.field_value = "Keep going, one day at a time."
                widget.update()
    document[0].add_text_annot((72, 72), "A word on the first page.")
    filled = document.tobytes(garbage=1)
    reply = read_reply(filled)
    assert reply.sponsor == "Sam"
    assert reply.layout.report_id == "r1"
    words = {comment.text for comment in reply.comments}
    assert words == {"Keep going, one day at a time.", "A word on the first page."}
