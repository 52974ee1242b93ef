"""The sponsor's reply comes back through the report: its boxes filled and notes stuck on its
pages by another PDF engine (PyMuPDF, as a sponsor's reader would), then imported, each comment
found on its item; in English and Russian, with and without the report's password. What is no
reply brings one sentence and keeps nothing."""

from __future__ import annotations

import io
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pymupdf
import pytest
from pypdf import PdfReader, PdfWriter

from recovery_journal.domain.inventory import Amend, Resentment
from recovery_journal.domain.reply_layout import (
    REPORT,
    SPONSOR_NAME,
    Placed,
    ReportLayout,
    about_of_field,
    field_name,
    item_at,
    journal_proof,
)
from recovery_journal.domain.sponsor_notes import About
from recovery_journal.domain.steps import Answer
from recovery_journal.services.report import build_report
from recovery_journal.services.report_choices import ReportChoices, Section
from recovery_journal.services.sponsor_notes import all_notes, notes_about
from recovery_journal.services.sponsor_reply import (
    ReplyProblem,
    keep_reply,
    read_reply_bytes,
    read_reply_file,
)
from recovery_journal.store import create_vault
from tests.conftest import PASSPHRASE, TEST_KDF

TODAY = date(2026, 12, 6)
MOMENT = datetime(2026, 12, 1, 20, 0, tzinfo=UTC)
SECTIONS = frozenset(
    {Section.COVER, Section.ANSWERS, Section.WORKSHEETS, Section.AMENDS, Section.REVIEWS}
)
WORDS = {
    "en": {
        "general": "Good work this month.\nLet's meet on Sunday.",
        "step": "Your step 4 answers are honest.",
        "sheet": "Look at your part in each.",
        "row": "Call me about this one.",
        "answer": "Yes: write more here.",
        "sponsor": "Anna K.",
    },
    "ru": {
        "general": "Хорошая работа за месяц.\nВстретимся в воскресенье.",
        "step": "Честные ответы по четвёртому шагу.",
        "sheet": "Посмотри на свою часть в каждой строке.",
        "row": "Позвони мне об этой обиде.",
        "answer": "Да, напиши здесь подробнее.",
        "sponsor": "Анна К.",
    },
}


def _vault(path: Path):
    vault = create_vault(path, PASSPHRASE, kdf_iterations=TEST_KDF)
    with vault.transaction():
        for number in range(1, 8):
            vault.records.save(
                Resentment(f"r{number}", f"Person {number}", f"They did thing {number}")
            )
        vault.records.save(Amend("a1", "My brother", "I lied to him"))
        for number in range(1, 6):
            vault.steps.save_answer(
                Answer(f"s4.q0{number}", 4, f"My answer {number} " + "word " * 40, MOMENT)
            )
    return vault


@pytest.fixture
def vault(tmp_path):
    opened = _vault(tmp_path / "reply.rjvault")
    yield opened
    opened.close()


def _report(qapp, vault, language: str, password: str | None = None) -> bytes:
    from recovery_journal.services.pdf_password import protect_pdf
    from recovery_journal.ui.report_pdf import prepare_fonts, render_pdf

    prepare_fonts()
    choices = ReportChoices(sections=SECTIONS, steps=(4,), language=language)
    data = render_pdf(build_report(vault, choices, TODAY))
    return protect_pdf(data, password) if password else data


def _layout(data: bytes, password: str | None = None) -> ReportLayout:
    from recovery_journal.services.reply_form import read_reply

    return read_reply(data, password).layout


def _place(layout: ReportLayout, about: str) -> Placed:
    return next(p for p in layout.items if p.about == about)


POPPLER_FILL = Path(__file__).with_name("poppler_fill.py")
SYSTEM_PYTHON = "/usr/bin/python3"  # Debian's, which has poppler's binding (python3-gi)


def _fill_with_poppler(
    data: bytes, values: dict[str, str], notes, password: str | None = None
) -> bytes:
    """As Evince and Okular fill a form and add a note: with poppler (tests/poppler_fill.py)."""
    import json
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder, "in.pdf"), Path(folder, "out.pdf")
        source.write_bytes(data)
        spec = json.dumps({"fields": values, "notes": [list(note) for note in notes]})
        extra = [password] if password else []
        done = subprocess.run(
            [SYSTEM_PYTHON, str(POPPLER_FILL), str(source), str(target), spec, *extra],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        if "No module named 'gi'" in done.stderr or "Namespace Poppler" in done.stderr:
            pytest.fail(
                "poppler's GLib binding is missing for /usr/bin/python3: "
                "run `bash tools/system-packages.sh test` (python3-gi, gir1.2-poppler-0.18)"
            )
        assert done.returncode == 0, done.stderr
        return target.read_bytes()


def _fill(data: bytes, values: dict[str, str], notes, password: str | None = None) -> bytes:
    """What a sponsor's reader does: type in boxes and stick notes on pages, then save."""
    document = pymupdf.open(stream=data, filetype="pdf")
    if password:
        assert document.needs_pass and document.authenticate(password)
    for page in document:
        for widget in page.widgets():
            if widget.field_name in values:
                widget.field_value = values[widget.field_name]
                widget.update()
    for page_number, x, y_from_foot, text, author in notes:
        page = document[page_number]
        # PyMuPDF measures from the page's top; the layout, as PDF does, from its foot.
        annotation = page.add_text_annot((x, page.rect.height - y_from_foot), text)
        annotation.set_info(title=author)
        annotation.update()
    out = io.BytesIO()
    keep = pymupdf.PDF_ENCRYPT_KEEP if password else pymupdf.PDF_ENCRYPT_NONE
    document.save(out, encryption=keep)
    return out.getvalue()


ENGINES = {"pymupdf": _fill, "poppler": _fill_with_poppler}


@pytest.mark.parametrize("engine", sorted(ENGINES))
@pytest.mark.parametrize(
    ("language", "password"), [("en", None), ("ru", None), ("ru", "pass wörd"), ("en", "x")]
)
def test_each_comment_comes_back_on_its_item(qapp, vault, language, password, engine):
    words = WORDS[language]
    fill = ENGINES[engine]
    data = _report(qapp, vault, language, password)
    layout = _layout(data, password)
    row = str(About.row("resentments", "r5"))
    answer = str(About.answer(4, "s4.q03"))
    fields = {f.about for f in layout.fields}
    assert {REPORT, SPONSOR_NAME, "step:4", "worksheet:resentments", "amends"} <= fields
    on_row, on_answer = _place(layout, row), _place(layout, answer)
    filled = fill(
        data,
        {
            field_name(REPORT): words["general"],
            field_name("step:4"): words["step"],
            field_name("worksheet:resentments"): words["sheet"],
            SPONSOR_NAME: words["sponsor"],
        },
        [
            # Inside the row's band, and on the answer's question.
            (on_row.page, on_row.left + 150, on_row.top - 2, words["row"], "anna"),
            (on_answer.page, on_answer.right - 40, on_answer.top - 1, words["answer"], "anna"),
        ],
        password,
    )
    preview = read_reply_bytes(vault, filled, password, TODAY, language)
    got = {(str(note.about), note.text) for note in preview.notes}
    assert got == {
        (REPORT, words["general"]),
        ("step:4", words["step"]),
        ("worksheet:resentments", words["sheet"]),
        (row, words["row"]),
        (answer, words["answer"]),
    }
    assert {note.sponsor for note in preview.notes} == {words["sponsor"]}
    if engine == "poppler":  # poppler's reader dates its notes
        assert {n.written_on for n in preview.notes if str(n.about) == row} == {date.today()}
    assert len(preview.new) == 5 and not all_notes(vault)  # shown, not yet kept
    assert keep_reply(vault, preview).value == 5
    kept = notes_about(vault, About.row("resentments", "r5"))
    assert [note.text for note in kept] == [words["row"]]
    assert kept[0].received_on == TODAY and kept[0].report_made_on == TODAY
    # The same reply again adds nothing.
    again = read_reply_bytes(vault, filled, password, TODAY, language)
    assert not again.new and keep_reply(vault, again).value == 0
    assert len(all_notes(vault)) == 5


def test_a_sponsors_russian_words_are_drawn_in_the_forms_own_font(qapp, vault, tmp_path):
    """Evince and Okular draw the typed words with the form's font: one without Cyrillic drew a
    Russian sponsor's words as dots ("couldn't find a font for character U+0425")."""
    data = _report(qapp, vault, "ru")
    filled = tmp_path / "filled.pdf"
    filled.write_bytes(
        _fill_with_poppler(
            data, {field_name(REPORT): WORDS["ru"]["general"], SPONSOR_NAME: "Анна"}, []
        )
    )
    drawn = subprocess.run(
        ["pdftoppm", "-r", "30", "-f", "1", "-l", "1", "-png", str(filled), str(tmp_path / "p")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert drawn.returncode == 0
    assert "couldn't find a font" not in drawn.stderr, drawn.stderr[:300]


def test_an_empty_report_brings_nothing_and_the_fields_are_empty(qapp, vault):
    data = _report(qapp, vault, "en")
    preview = read_reply_bytes(vault, data, None, TODAY, "en")
    assert preview.notes == () and preview.new == frozenset()


def test_the_boxes_are_form_fields_a_reader_can_fill_and_print(qapp, vault):
    reader = PdfReader(io.BytesIO(_report(qapp, vault, "ru")))
    fields = reader.get_fields()
    assert fields is not None
    boxes = [name for name in fields if about_of_field(name) is not None]
    # The whole report, step 4, the worksheet with rows, the amends (no reviews: no box).
    assert len(boxes) == 4
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            widget = annotation.get_object()
            if about_of_field(str(widget.get("/T"))) is not None:
                assert widget["/F"] == 4  # printed, shown
                assert widget["/Ff"] & (1 << 12)  # several lines
                assert str(widget["/TU"]).startswith("Пишите здесь")
    assert reader.trailer["/Root"]["/AcroForm"]["/NeedAppearances"]


@pytest.mark.parametrize(
    ("change", "needs_password"),
    [
        ("other journal", False),
        ("unrelated pdf", False),
        ("damaged", False),
        ("not a pdf", False),
        ("no password", True),
        ("wrong password", True),
    ],
)
def test_what_is_no_reply_is_one_sentence_and_nothing_is_kept(
    qapp, vault, tmp_path, change, needs_password
):
    data = _report(qapp, vault, "en", password="right" if "password" in change else None)
    password = None
    if change == "other journal":
        other = _vault(tmp_path / "other.rjvault")
        data = _report(qapp, other, "en")
        other.close()
    elif change == "unrelated pdf":
        writer = PdfWriter()
        writer.add_blank_page(200, 200)
        out = io.BytesIO()
        writer.write(out)
        data = out.getvalue()
    elif change == "damaged":
        data = data[: len(data) // 2]
    elif change == "not a pdf":
        data = b"\x00SQLite format 3" + bytes(4000)
    elif change == "wrong password":
        password = "wrong"
    with pytest.raises(ReplyProblem) as problem:
        read_reply_bytes(vault, data, password, TODAY, "en")
    sentence = problem.value.sentence
    assert sentence.count(".") == 1 and sentence.endswith(".") and "\n" not in sentence
    assert problem.value.needs_password is needs_password
    assert all_notes(vault) == []


def test_an_unreadable_file_is_one_sentence(vault, tmp_path):
    with pytest.raises(ReplyProblem, match="could not be read"):
        read_reply_file(vault, tmp_path / "missing.pdf", None, TODAY, "en")


# --- where a note lands (domain) -------------------------------------------------------------


def _layout_of(*items: Placed, pages: int = 0) -> ReportLayout:
    return ReportLayout("j", "r", "2026-12-06", items=items, pages=pages)


def test_a_note_goes_to_the_innermost_item_it_is_on():
    layout = _layout_of(
        Placed("step:4", 1, 50, 100, 550, 700),
        Placed("answer:4:a", 1, 50, 500, 550, 600),
        Placed("answer:4:b", 1, 50, 300, 550, 480),
    )
    assert item_at(layout, 1, 550) == "answer:4:a"
    assert item_at(layout, 1, 400) == "answer:4:b"
    assert item_at(layout, 1, 200) == "step:4"  # on the step, below its answers


def test_a_note_between_items_goes_to_the_one_above_and_above_all_to_the_last_before():
    layout = _layout_of(
        Placed("worksheet:fears", 0, 50, 600, 550, 700),
        Placed("amends", 1, 50, 500, 550, 600),
        Placed("reviews", 1, 50, 100, 550, 300),
    )
    assert item_at(layout, 1, 400) == "amends"  # in the gap: the item just above
    assert item_at(layout, 1, 780) == "worksheet:fears"  # above all on its page
    assert item_at(layout, 0, 780) == REPORT  # above everything: the whole report
    assert item_at(layout, 5, 300) == "reviews"  # a page with no item: the last one before


@pytest.mark.parametrize(
    "about", ["answer:4:s4.q03", "answer:12:pack/q.1-x", "row:amends:a_1-b", "report", "step:10"]
)
def test_a_field_name_holds_its_item_whatever_its_characters(about):
    name = field_name(about)
    assert name.isascii() and name.replace("_", "").isalnum()
    assert "." not in name and about_of_field(name) == about


def test_a_layout_goes_into_the_pdf_and_comes_back():
    layout = _layout_of(Placed("amends", 2, 10.04, 20.0, 30.0, 40.06))
    back = ReportLayout.from_json(layout.to_json())
    assert back == replace(layout, items=(Placed("amends", 2, 10.0, 20.0, 30.0, 40.1),))


def test_the_command_line_shows_and_keeps_a_reply(qapp, tmp_path, monkeypatch):
    path = tmp_path / "cli.rjvault"
    vault = create_vault(path, PASSPHRASE)
    with vault.transaction():
        vault.records.save(Amend("a1", "My brother", "I lied to him"))
    data = _report(qapp, vault, "ru", password="ключ")
    vault.close()
    reply = tmp_path / "reply.pdf"
    reply.write_bytes(_fill(data, {field_name("amends"): "Начни с брата."}, [], "ключ"))
    secret = tmp_path / "password.txt"
    secret.write_text("ключ\n", encoding="utf-8")
    environment = {"RECOVERY_JOURNAL_PASSPHRASE": PASSPHRASE, "QT_QPA_PLATFORM": "offscreen"}

    def run(*extra: str) -> subprocess.CompletedProcess[str]:
        import os

        return subprocess.run(
            [sys.executable, "-m", "recovery_journal", "import-reply", "--vault", str(path),
             *extra],
            capture_output=True, text=True, env={**os.environ, **environment}, timeout=120,
        )  # fmt: skip

    shown = run(str(reply), "--pdf-password-file", str(secret), "--dry-run")
    assert shown.returncode == 0, shown.stderr
    assert "Начни с брата." in shown.stdout and "nothing was kept" in shown.stderr
    kept = run(str(reply), "--pdf-password-file", str(secret))
    assert kept.returncode == 0 and "Kept 1 note" in kept.stderr
    again = run(str(reply), "--pdf-password-file", str(secret))
    assert "already in your journal" in again.stderr
    locked = run(str(reply))
    assert locked.returncode == 2  # the command line was not given what it needs
    assert locked.stderr.strip().count("\n") == 0 and "--pdf-password-file" in locked.stderr


# --- what readers do that a report must survive (found by the review) --------------------------

ALL = frozenset(Section) - {Section.STEPS}


def _full_report(qapp, vault) -> bytes:
    from recovery_journal.ui.report_pdf import prepare_fonts, render_pdf

    prepare_fonts()
    return render_pdf(build_report(vault, ReportChoices(sections=ALL, steps=(4,)), TODAY))


def _notes_at(vault, data: bytes, notes) -> dict[str, str]:
    filled = _fill(data, {}, [(page, 100, y, text, "sam") for page, y, text in notes])
    preview = read_reply_bytes(vault, filled, None, TODAY, "en")
    assert preview.unknown == 0
    return {note.text: str(note.about) for note in preview.notes}


def test_a_note_on_the_cover_or_a_section_without_items_is_about_the_whole_report(qapp, vault):
    data = _full_report(qapp, vault)
    layout = _layout(data)
    name_box = next(f for f in layout.fields if f.about == SPONSOR_NAME)
    amends = _place(layout, "amends")
    got = _notes_at(
        vault,
        data,
        [
            (name_box.page, name_box.top - 2, "on the name box"),  # was dropped unseen
            (name_box.page, name_box.bottom - 30, "under the name box"),
            (layout.pages - 1, 400, "on the last page"),
        ],
    )
    assert got["on the name box"] == REPORT and got["under the name box"] == REPORT
    assert got["on the last page"] != "amends" or amends.page == layout.pages - 1
    assert "row:" not in got["on the last page"]


def test_a_page_the_report_did_not_have_is_the_whole_reports():
    layout = _layout_of(Placed("amends", 0, 50, 100, 550, 700), pages=1)
    assert item_at(layout, 0, 300) == "amends" and item_at(layout, 1, 300) == REPORT


def test_a_note_under_an_item_in_the_reports_own_band_is_that_items():
    layout = _layout_of(
        Placed("step:2", 0, 50, 500, 550, 700),
        Placed(REPORT, 0, 50, 100, 550, 720),  # the answers section: the report's band
    )
    assert item_at(layout, 0, 480) == "step:2"  # in the gap below step 2
    assert item_at(layout, 0, 710) == REPORT  # above it, on the section's heading


def _pypdf(data: bytes):
    from pypdf import PdfReader, PdfWriter

    return PdfWriter(clone_from=PdfReader(io.BytesIO(data)))


def _bytes(writer) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _annotation(writer, page: int, entries: dict):
    from pypdf.generic import (
        ArrayObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        NumberObject,
        TextStringObject,
    )

    def pdf(value):
        if isinstance(value, str) and value.startswith("/"):
            return NameObject(value)
        if isinstance(value, str):
            return TextStringObject(value)
        if isinstance(value, list):
            return ArrayObject(pdf(v) for v in value)
        if isinstance(value, float):
            return FloatObject(value)
        if isinstance(value, int):
            return NumberObject(value)
        return value

    annotation = DictionaryObject({NameObject(k): pdf(v) for k, v in entries.items()})
    reference = writer._add_object(annotation)
    target = writer.pages[page]
    if "/Annots" not in target:
        target[NameObject("/Annots")] = ArrayObject()
    target["/Annots"].append(reference)
    return reference


def test_odd_annotations_are_passed_over_and_the_rest_is_read(qapp, vault):
    from pypdf.generic import ArrayObject, NameObject, NullObject

    data = _report(qapp, vault, "en")
    layout = _layout(data)
    row = _place(layout, str(About.row("resentments", "r2")))
    writer = _pypdf(data)
    rect = [row.left + 10, row.top - 20, row.left + 30, row.top - 2]
    good = _annotation(writer, row.page, {"/Subtype": "/Text", "/Rect": rect, "/Contents": "ok"})
    _annotation(writer, row.page, {"/Subtype": "/Text", "/Rect": ["/a", "/b"], "/Contents": "x"})
    _annotation(writer, row.page, {"/Subtype": "/Text", "/Contents": 5, "/Rect": rect})
    writer.pages[row.page]["/Annots"].append(NullObject())  # left by an editor's deletion
    # A review mark and a hidden note are no sponsor's words; a reply goes with its note.
    _annotation(
        writer,
        row.page,
        {"/Subtype": "/Text", "/Rect": rect, "/Contents": "Accepted set by Sam",
         "/StateModel": "Review", "/State": "Accepted", "/IRT": good},
    )  # fmt: skip
    _annotation(writer, row.page, {"/Subtype": "/Text", "/Rect": rect, "/Contents": "hid", "/F": 2})
    _annotation(
        writer, 0, {"/Subtype": "/Text", "/Rect": [0, 0, 0, 0], "/Contents": "me too", "/IRT": good}
    )
    got = read_reply_bytes(vault, _bytes(writer), None, TODAY, "en")
    assert {(n.text, str(n.about)) for n in got.notes} == {
        ("ok", row.about),
        ("me too", row.about),
        ("x", REPORT),  # no place to read: its words are kept, about the whole report
    }
    # An /Annots that is no array: the page's notes are none, the rest is read.
    writer = _pypdf(_fill(data, {field_name("step:4"): "fine"}, []))
    writer.pages[0][NameObject("/Annots")] = writer.pages[0]["/Annots"]  # untouched
    writer.pages[1][NameObject("/Annots")] = ArrayObject([NameObject("/Nonsense")])
    assert [n.text for n in read_reply_bytes(vault, _bytes(writer), None, TODAY, "en").notes] == [
        "fine"
    ]


def test_a_reply_printed_to_pdf_says_so_and_one_that_lost_its_form_is_read(qapp, vault):
    data = _fill(_report(qapp, vault, "en"), {field_name("step:4"): "Well done."}, [])
    document = pymupdf.open(stream=data, filetype="pdf")
    document.bake()  # what printing to PDF or flattening does: the boxes become drawing
    flat = document.tobytes()
    with pytest.raises(ReplyProblem, match="printed to PDF"):
        read_reply_bytes(vault, flat, None, TODAY, "en")
    assert all_notes(vault) == []
    writer = _pypdf(data)
    del writer._root_object["/AcroForm"]  # a reader that kept the boxes and dropped the form
    got = read_reply_bytes(vault, _bytes(writer), None, TODAY, "en")
    assert [n.text for n in got.notes] == ["Well done."]


def test_a_box_written_in_again_changes_its_note_and_an_answered_one_stays(qapp, vault):
    from recovery_journal.services.sponsor_notes import answer_note

    data = _report(qapp, vault, "en")
    first = _fill(data, {field_name("step:4"): "Good start."}, [])
    keep_reply(vault, read_reply_bytes(vault, first, None, TODAY, "en"))
    again = _fill(
        data, {field_name("step:4"): "Good start. Call me Sunday.", SPONSOR_NAME: "Sam"}, []
    )
    preview = read_reply_bytes(vault, again, None, TODAY, "en")
    assert not preview.new and len(preview.changed) == 1
    assert keep_reply(vault, preview).value == 1
    kept = all_notes(vault)
    assert [(n.text, n.sponsor) for n in kept] == [("Good start. Call me Sunday.", "Sam")]
    # Once answered, new words are a note of their own; the answered one stays.
    answer_note(vault, kept[0].uid, "I will.")
    third = _fill(data, {field_name("step:4"): "And bring the list."}, [])
    preview = read_reply_bytes(vault, third, None, TODAY, "en")
    assert len(preview.new) == 1 and not preview.changed
    keep_reply(vault, preview)
    assert sorted((n.text, n.answer) for n in all_notes(vault)) == [
        ("And bring the list.", ""),
        ("Good start. Call me Sunday.", "I will."),
    ]


def test_the_report_carries_no_identifier_two_reports_share(qapp, vault):
    from recovery_journal.services.journal_identity import journal_id

    one, two = _layout(_report(qapp, vault, "en")), _layout(_report(qapp, vault, "en"))
    identifier = journal_id(vault)
    assert one.journal_proof != two.journal_proof and one.report_id != two.report_id
    assert identifier not in one.to_json()
    assert one.journal_proof == journal_proof(identifier, one.report_id)


def test_a_layout_of_many_places_is_placed_quickly():
    import time

    items = tuple(Placed(f"row:fears:r{n}", 0, 50, 100 + n % 500, 550, 700) for n in range(30000))
    layout = _layout_of(*items)
    started = time.perf_counter()
    for y in range(100, 700, 60):
        item_at(layout, 0, y)
    assert time.perf_counter() - started < 5  # was minutes: a list's index() inside min()
