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


def _layout_of(*items: Placed) -> ReportLayout:
    return ReportLayout("j", "r", "2026-12-06", items=items)


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
    assert kept.returncode == 0 and "Kept 1 new note" in kept.stderr
    again = run(str(reply), "--pdf-password-file", str(secret))
    assert "already in your journal" in again.stderr
    locked = run(str(reply))
    assert locked.returncode == 1
    assert locked.stderr.strip().count("\n") == 0 and "password" in locked.stderr
