"""The sponsor's PDF, read back: what was chosen is there, what is private is not, Russian text
is intact, a password keeps it shut, and a file appears only whole."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import unicodedata
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from recovery_journal.cli import main
from recovery_journal.domain.clean_time import CleanDate
from recovery_journal.domain.daily import (
    AnswerKind,
    GratitudeEntry,
    Meeting,
    NightlyReview,
    Rating,
    RatingDimension,
    ReviewAnswer,
    ReviewQuestion,
)
from recovery_journal.domain.hyphenation import syllable_breaks
from recovery_journal.domain.inventory import Amend, Resentment
from recovery_journal.domain.settings_keys import REPORT_CHOICES
from recovery_journal.domain.steps import Answer
from recovery_journal.domain.trends import weekly_counts
from recovery_journal.i18n import language_on_this_thread
from recovery_journal.services.demo import fill_demo
from recovery_journal.services.report import GRATITUDE_HIGHLIGHTS, LATEST_SERVICE, build_report
from recovery_journal.services.report_blocks import (
    Chart,
    Heading,
    Paragraph,
    Part,
    Report,
    Table,
    WeeklyCounts,
)
from recovery_journal.services.report_choices import (
    DEFAULT_SECTIONS,
    Paper,
    ReportChoices,
    Section,
    answer_key,
    load_choices,
    save_choices,
)
from recovery_journal.services.report_dates import long_date, short_date
from recovery_journal.services.report_options import private_items
from recovery_journal.store import create_vault
from tests.conftest import PASSPHRASE, TEST_KDF, reopen

SECRET_ROW = "Zanzibar secret grudge"
SECRET_AMEND = "Quetzal private person"
SECRET_ANSWER = "Xylophone private answer"
OPEN_ANSWER = "Open answer Pelican"
TODAY = date(2026, 11, 23)


def _make(path: Path, **kdf: int):
    vault = create_vault(path, PASSPHRASE, **kdf)
    fill_demo(vault, 90, "ru", end=TODAY)
    with vault.transaction():
        vault.records.save(Resentment("secret-r", SECRET_ROW, "hidden cause", private=True))
        vault.records.save(Resentment("open-r", "Open grudge Walrus", "shared cause"))
        vault.records.save(Amend("secret-a", SECRET_AMEND, "a harm", private=True))
        moment = datetime(2026, 11, 20, 20, 0, tzinfo=UTC)
        vault.steps.save_answer(Answer("s2.q01", 2, SECRET_ANSWER, moment, private=True))
        vault.steps.save_answer(Answer("s2.q02", 2, OPEN_ANSWER, moment))
    return vault


@pytest.fixture
def report_vault(vault_path):
    vault = _make(vault_path, kdf_iterations=TEST_KDF)
    yield vault
    vault.close()


@pytest.fixture
def cli_vault(tmp_path, monkeypatch) -> Path:
    """A vault at the real key-derivation cost, as the command line opens it."""
    path = tmp_path / "cli.rjvault"
    _make(path).close()
    monkeypatch.setenv("RECOVERY_JOURNAL_PASSPHRASE", PASSPHRASE)
    return path


def _pdf(qapp, vault, choices, password=None, path=None) -> tuple[PdfReader, str]:
    from recovery_journal.ui.report_pdf import prepare_fonts, render_pdf, write_report

    prepare_fonts()
    report = build_report(vault, choices, TODAY)
    if path is None:
        data = render_pdf(report)
    else:
        write_report(report, path, password=password)
        data = path.read_bytes()
    reader = PdfReader(io.BytesIO(data))
    if password:
        assert reader.is_encrypted
        reader.decrypt(password)
    return reader, _text(reader)


def _text(reader: PdfReader) -> str:
    # pypdf separates some words with tabs; poppler's pdftotext gives spaces. Either way, words.
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_chosen_sections_are_there_and_private_rows_are_not(qapp, report_vault):
    choices = ReportChoices(
        sections=frozenset({Section.COVER, Section.WORKSHEETS, Section.AMENDS, Section.MEETINGS}),
        worksheets=("resentments",),
        name="A. K.",
    )
    reader, text = _pdf(qapp, report_vault, choices)
    for expected in ("Progress report", "A. K.", "Step 4 worksheets", "Open grudge Walrus"):
        assert expected in text
    assert "Meetings" in text and "Step 8 list and step 9 amends" in text
    assert SECRET_ROW not in text and SECRET_AMEND not in text
    # Not chosen: not there (the letter on the first page counts the nights reviewed).
    assert 'answered "yes"' not in text and "Grateful for" not in text
    assert 3 <= len(reader.pages) <= 20
    # A private row goes in only when ticked one by one.
    _reader, ticked = _pdf(qapp, report_vault, replace(choices, private=frozenset({"secret-r"})))
    assert SECRET_ROW in ticked and SECRET_AMEND not in ticked


def test_private_answers_stay_out_unless_ticked_one_by_one(qapp, report_vault):
    choices = ReportChoices(sections=frozenset({Section.ANSWERS}), steps=(2,))
    _reader, text = _pdf(qapp, report_vault, choices)
    assert OPEN_ANSWER in text and SECRET_ANSWER not in text
    ticked = replace(choices, private=frozenset({answer_key("s2.q01")}))
    _reader, text = _pdf(qapp, report_vault, ticked)
    assert OPEN_ANSWER in text and SECRET_ANSWER in text
    # A ticked row uid does not let an answer through, nor the other way round.
    _reader, text = _pdf(qapp, report_vault, replace(choices, private=frozenset({"s2.q01"})))
    assert SECRET_ANSWER not in text


def test_the_dialog_offers_each_private_row_by_name(report_vault):
    offered = {item.uid: item for item in private_items(report_vault, "en")}
    assert {"secret-r", "secret-a", answer_key("s2.q01")} <= set(offered)
    assert SECRET_ROW in offered["secret-r"].text
    assert offered["secret-a"].section is Section.AMENDS
    answer = offered[answer_key("s2.q01")]
    assert answer.section is Section.ANSWERS and answer.text.startswith("Step 2: ")
    # The open answer is not offered: it goes in with its step anyway.
    assert answer_key("s2.q02") not in offered


def test_russian_report_keeps_cyrillic_text_and_embeds_its_fonts(qapp, report_vault):
    choices = ReportChoices(sections=frozenset(Section), steps=(1,), language="ru")
    reader, text = _pdf(qapp, report_vault, choices)
    assert "Отчёт для спонсора" in text
    assert "Благодарность" in text and "Собрания" in text
    assert "Progress report" not in text
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            descriptor = font.get_object()
            for descendant in descriptor.get("/DescendantFonts", []):
                fonts.add(str(descendant.get_object()["/FontDescriptor"].get("/FontFile2")))
    assert fonts and "None" not in fonts, "every font is embedded"


def test_wide_worksheets_get_landscape_pages_and_charts_stay_vector(qapp, report_vault):
    choices = ReportChoices(
        sections=frozenset({Section.STEPS, Section.WORKSHEETS, Section.CHARTS}),
        worksheets=("resentments", "fears"),
    )
    reader, text = _pdf(qapp, report_vault, choices)
    shapes = [
        (
            float(page.mediabox.width) > float(page.mediabox.height),
            " ".join(page.extract_text().split()),
        )
        for page in reader.pages
    ]
    assert any(wide and "Step 4 worksheets" in page for wide, page in shapes)
    assert all(not wide for wide, page in shapes if "Steps overview" in page)
    # The charts are paths and text, not pictures: their words can be searched.
    assert all(not page.images for page in reader.pages)
    assert "Better than yesterday" in text and "Mood" in text


def test_letter_paper(qapp, report_vault):
    reader, _text = _pdf(qapp, report_vault, ReportChoices(paper=Paper.LETTER))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_a_password_keeps_it_shut_and_qpdf_finds_no_error(qapp, report_vault, tmp_path):
    target = tmp_path / "report.pdf"
    _reader, text = _pdf(qapp, report_vault, ReportChoices(), "horse battery", target)
    assert "Progress report" in text
    locked = PdfReader(target)
    assert locked.is_encrypted
    assert not locked.decrypt("wrong guess")
    assert locked._encryption is not None and locked._encryption.V == 5  # AES-256
    if shutil.which("qpdf") is None:
        pytest.skip("qpdf is not installed (tools/system-packages.sh installs it)")
    check = subprocess.run(
        ["qpdf", "--password=horse battery", "--check", str(target)],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    plain = tmp_path / "plain.pdf"
    _pdf(qapp, report_vault, ReportChoices(sections=frozenset(Section)), path=plain)
    check = subprocess.run(["qpdf", "--check", str(plain)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_the_file_appears_only_whole_and_a_cancel_leaves_nothing(qapp, report_vault, tmp_path):
    from recovery_journal.ui.report_pdf import ReportCancelled, prepare_fonts, write_report

    prepare_fonts()
    target = tmp_path / "out" / "report.pdf"
    target.parent.mkdir()
    report = build_report(report_vault, ReportChoices(sections=frozenset(Section)), TODAY)
    steps: list[tuple[int, int]] = []

    def cancel_half_way() -> bool:
        return len(steps) >= 3

    with pytest.raises(ReportCancelled):
        write_report(
            report, target, progress=lambda d, t: steps.append((d, t)), cancelled=cancel_half_way
        )
    assert list(target.parent.iterdir()) == []
    write_report(report, target, progress=lambda d, t: steps.append((d, t)))
    assert [p.name for p in target.parent.iterdir()] == ["report.pdf"]
    assert steps[-1][0] == steps[-1][1]  # progress reached the end
    assert target.stat().st_mode & 0o077 == 0  # private from the first byte


def test_choices_are_kept_in_the_vault_and_bad_ones_fall_back(report_vault, vault_path):
    choices = ReportChoices(
        sections=frozenset({Section.COVER, Section.ANSWERS}),
        first=date(2026, 10, 1),
        steps=(1, 4),
        worksheets=("fears",),
        private=frozenset({"secret-r"}),
        paper=Paper.LETTER,
        language="en",
        name="Аня",
        interface="ru",  # English chosen for the sponsor in a Russian window
    )
    save_choices(report_vault, choices)
    report_vault.close()
    again = reopen(vault_path)
    try:
        assert load_choices(again, "ru") == choices
        with again.transaction():
            again.settings.set(
                REPORT_CHOICES.name, '{"sections": ["cover", "nonsense"], "paper": 5,'
            )
        assert load_choices(again, "en") == ReportChoices(language="en", interface="en")
        with again.transaction():
            again.settings.set(
                REPORT_CHOICES.name,
                '{"sections": ["nonsense"], "paper": "letter", "steps": [99, 2]}',
            )
        partly = load_choices(again, "en")
        assert partly.sections == DEFAULT_SECTIONS and partly.paper is Paper.LETTER
        assert partly.steps == (2,)
        assert Section.WORKSHEETS not in DEFAULT_SECTIONS  # no private item by default
    finally:
        again.close()


def test_dates_limit_what_goes_in(qapp, report_vault):
    choices = ReportChoices(
        sections=frozenset({Section.MEETINGS}), first=TODAY - timedelta(days=6), last=TODAY
    )
    report = build_report(report_vault, choices, TODAY)
    (table,) = [b for b in report.parts[0].blocks if hasattr(b, "rows")]
    days = {row[0] for row in table.rows}
    week = {short_date(TODAY - timedelta(days=n)) for n in range(7)}
    assert days and days <= week


def test_command_line_export_pdf(qapp, cli_vault, tmp_path, capsys):
    vault_path = cli_vault
    target = tmp_path / "cli.pdf"
    base = ["export-pdf", "--vault", str(vault_path), "-o", str(target)]
    assert main([*base, "--sections", "nonsense"]) == 2
    assert "Unknown section nonsense" in capsys.readouterr().err
    assert not target.exists()
    assert main([*base, "--from", "23.11.2026"]) == 2
    code = main([*base, "--sections", "cover", "meetings", "--lang", "ru", "--paper", "letter"])
    assert code == 0, capsys.readouterr().err
    text = _text(PdfReader(target))
    # The gratitude section is not there (the letter's scales may name a gratitude scale).
    assert "Собрания" in text and "Повод для благодарности" not in text
    assert "not encrypted" in capsys.readouterr().err
    secret = tmp_path / "password.txt"
    secret.write_text("open sesame\n", encoding="utf-8")
    assert main([*base, "--pdf-password-file", str(secret)]) == 0
    assert PdfReader(target).is_encrypted
    assert main([*base[:-1], str(vault_path)]) == 2  # never over the vault itself


def test_wrong_passphrase_writes_nothing(cli_vault, tmp_path, monkeypatch):
    monkeypatch.setenv("RECOVERY_JOURNAL_PASSPHRASE", "not the passphrase")
    target = tmp_path / "cli.pdf"
    assert main(["export-pdf", "--vault", str(cli_vault), "-o", str(target)]) == 3
    assert not target.exists()
    assert not any(Path(tmp_path).glob(".cli.pdf.writing-*"))


def test_answers_and_worksheets_without_picks_take_what_there_is(report_vault):
    choices = ReportChoices(sections=frozenset({Section.ANSWERS, Section.WORKSHEETS}))
    report = build_report(report_vault, choices, TODAY)
    answers, worksheets = report.parts
    # The steps' headings (each question is a smaller one under them).
    headings = [b.text for b in answers.blocks if isinstance(b, Heading) and b.level == 3]
    assert headings and all(h.startswith("Step ") for h in headings)
    assert len(headings) < 12  # steps never worked are left out
    sheet_titles = [b.text for b in worksheets.blocks if isinstance(b, Heading)]
    assert len(sheet_titles) == 4
    assert SECRET_ROW not in str(worksheets.blocks)


def test_long_tables_show_their_header_once_at_the_top_of_each_page(qapp):
    from recovery_journal.ui.report_pdf import prepare_fonts, render_pdf

    prepare_fonts()
    # Rows of different heights (some notes wrap), more than a few pages and slices.
    rows = tuple(
        (f"row{number:04d}", "Tuesday group", "note " * (30 if number % 7 == 0 else 1))
        for number in range(260)
    )
    table = Table(("Datecol", "Meetingcol", "Notecol"), rows, (2, 3, 6))
    part = Part(Section.MEETINGS, "Meetings", (Paragraph("Before the table."), table))
    report = Report("Report", TODAY, "23 November 2026", TODAY, TODAY, "en", Paper.A4, (part,))
    reader = PdfReader(io.BytesIO(render_pdf(report)))
    assert len(reader.pages) >= 4
    seen = []
    for page in reader.pages:
        words = page.extract_text().split()
        # The header once per page, before that page's first row: never repeated mid-page.
        assert words.count("Datecol") == 1
        first_row = next(i for i, word in enumerate(words) if word.startswith("row"))
        assert words.index("Datecol") < first_row
        seen += [word for word in words if word.startswith("row")]
    assert seen == [f"row{number:04d}" for number in range(260)]  # every row, once, in order


# --- a first week of use ------------------------------------------------------------------------

WEEK_START = TODAY - timedelta(days=6)


def _first_week(path: Path):
    """What a new person has after a week: nightly reviews, a few meetings and gratitude lines,
    a clean date; no step answers, worksheets, amends, service or practice yet."""
    vault = create_vault(path, PASSPHRASE, kdf_iterations=TEST_KDF)
    questions = [
        q for q in vault.records.all(ReviewQuestion) if not q.hidden and q.kind is AnswerKind.YES_NO
    ]
    dimensions = [d for d in vault.records.all(RatingDimension) if not d.hidden]
    with vault.transaction():
        vault.records.save(CleanDate("clean", "Alcohol", WEEK_START))
        for offset in range(7):
            day = WEEK_START + timedelta(days=offset)
            answers = tuple(
                ReviewAnswer(q.uid, (offset + number) % 3 == 0)
                for number, q in enumerate(questions)
            )
            ratings = tuple(Rating(d.uid, 4 + (offset + n) % 4) for n, d in enumerate(dimensions))
            written = datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=21)
            vault.reviews.save(NightlyReview(day, answers, ratings, written))
        for offset in (0, 3, 5):
            day = WEEK_START + timedelta(days=offset)
            vault.records.save(Meeting(f"m{offset}", day, "Tuesday group", shared=offset == 5))
        for offset, lines in ((1, ("Kestrel morning", "Heron call")), (4, ("Osprey walk",))):
            for position, line in enumerate(lines):
                day = WEEK_START + timedelta(days=offset)
                vault.records.save(GratitudeEntry(f"g{offset}{position}", day, line, position))
    return vault


@pytest.fixture
def first_week(tmp_path):
    vault = _first_week(tmp_path / "week.rjvault")
    yield vault
    vault.close()


def _pages(reader: PdfReader) -> list[list[str]]:
    """Each page's lines, without the title band at the top and the page number at the foot
    (drawn first, in that order)."""
    pages = []
    for page in reader.pages:
        lines = [" ".join(line.split()) for line in page.extract_text().splitlines()]
        pages.append([line for line in lines[2:] if line])
    return pages


def test_a_first_week_report_is_a_few_pages_and_empty_sections_are_one_line(qapp, first_week):
    choices = ReportChoices(sections=frozenset(Section), first=WEEK_START, last=TODAY)
    report = build_report(first_week, choices, TODAY)
    reader, text = _pdf(qapp, first_week, choices)
    assert len(reader.pages) <= 5, f"{len(reader.pages)} pages for a week of use"
    # Sections with nothing in them take no page: one quiet line names them.
    assert "Nothing between these dates: service and practice." in text
    assert (
        "Nothing written yet: answers to the step questions, step 4 worksheets, "
        "step 8 list and step 9 amends." in text
    )
    assert "No rows to share" not in text and "Resentments" not in text
    # No page holds only headings.
    headings = {p.title for p in report.parts} | {
        b.text for p in report.parts for b in p.blocks if isinstance(b, Heading)
    }
    for number, lines in enumerate(_pages(reader), start=1):
        assert lines and not set(lines) <= headings, f"page {number}: {lines}"


def _paragraph_texts(report: Report) -> list[str]:
    return [b.text for p in report.parts for b in p.blocks if isinstance(b, Paragraph)]


@pytest.mark.parametrize(
    ("language", "days", "expected"),
    [
        ("en", 1, "1 nightly review in 1 day; the longest run: 1 night in a row."),
        ("en", 3, "3 nightly reviews in 3 days; the longest run: 3 nights in a row."),
        ("en", 3, "1 meeting; shared at 1."),
        ("en", 5, "2 meetings; shared at 1."),
        ("ru", 1, "1 вечерний разбор за 1 день; самая длинная серия — 1 вечер подряд."),
        ("ru", 3, "3 вечерних разбора за 3 дня; самая длинная серия — 3 вечера подряд."),
        ("ru", 5, "5 вечерних разборов за 5 дней; самая длинная серия — 5 вечеров подряд."),
        ("ru", 3, "1 собрание; из них с моим высказыванием — 1."),
        ("ru", 5, "2 собрания; из них с моим высказыванием — 1."),
        ("ru", 7, "3 собрания; из них с моим высказыванием — 1."),
        # The letter on the first page.
        ("en", 1, "Nightly reviews: 1 of 1 night."),
        ("en", 7, "Meetings: 3, about 3 a week."),
        ("ru", 1, "Вечерние разборы: 1 из 1 вечера."),
        ("ru", 3, "Вечерние разборы: 3 из 3 вечеров."),
        ("ru", 7, "Вечерние разборы: 7 из 7 вечеров."),
        ("ru", 7, "3 собрания, примерно 3 в неделю."),
        ("ru", 3, "Собраний: 1."),
    ],
)
def test_counts_agree_with_their_nouns(first_week, language, days, expected):
    first = TODAY - timedelta(days=days - 1)
    sections = frozenset({Section.COVER, Section.REVIEWS, Section.MEETINGS})
    choices = ReportChoices(sections=sections, first=first, last=TODAY, language=language)
    texts = _paragraph_texts(build_report(first_week, choices, TODAY))
    assert expected in texts, texts


def test_the_yes_answers_chart_has_a_heading_and_every_question_in_full(qapp, first_week):
    choices = ReportChoices(sections=frozenset({Section.CHARTS}), first=WEEK_START, last=TODAY)
    reader, text = _pdf(qapp, first_week, choices)
    questions = [
        q.text or q.builtin
        for q in first_week.records.all(ReviewQuestion)
        if not q.hidden and q.kind is AnswerKind.YES_NO
    ]
    (page,) = [
        " ".join(lines) for lines in _pages(reader) if 'Answered "yes", week by week' in lines
    ]
    long_one = "6. Did I keep something to myself that I should talk over with someone?"
    assert long_one in page, page
    assert page.count(". ") >= len(questions) and "…" not in text


def test_gratitude_is_listed_oldest_first_like_the_other_lists(report_vault):
    sections = frozenset({Section.MEETINGS, Section.GRATITUDE})
    choices = ReportChoices(sections=sections, appendix=True)
    report = build_report(report_vault, choices, TODAY)
    tables = {
        p.section: next(b for b in p.blocks if isinstance(b, Table))
        for p in report.parts
        if any(isinstance(b, Table) for b in p.blocks)
    }
    # Ninety days of meetings are summarised; in full in the appendix.
    assert not any(isinstance(b, Table) for b in report.parts[0].blocks)
    tables[Section.MEETINGS] = tables.pop(None)
    by_text = {short_date(TODAY - timedelta(days=n)): TODAY - timedelta(days=n) for n in range(400)}
    for section in (Section.MEETINGS, Section.GRATITUDE):
        days = [by_text[row[0]] for row in tables[section].rows]
        assert days == sorted(days), section
    # Of many lines, the most recent are shown, still oldest first.
    gratitude = tables[Section.GRATITUDE].rows
    newest = max(g.day for g in report_vault.records.all(GratitudeEntry))
    assert len(gratitude) == GRATITUDE_HIGHLIGHTS and gratitude[-1][0] == short_date(newest)


def test_the_report_says_dates_as_the_window_does(report_vault):
    """One style for a date everywhere: the window's, not ISO in the tables and another style
    in the sentences."""
    assert long_date(date(2026, 12, 6)) == "December\u00a06,\u00a02026"
    assert short_date(date(2026, 11, 24)) == "Nov\u00a024,\u00a02026"
    with language_on_this_thread("ru"):
        assert long_date(date(2026, 12, 6)) == "6\u00a0декабря\u00a02026"
        assert short_date(date(2026, 11, 24)) == "24\u00a0нояб.\u00a02026"
        assert short_date(date(2026, 5, 3)) == "3\u00a0мая\u00a02026"
    choices = ReportChoices(sections=frozenset({Section.MEETINGS}), appendix=True)
    report = build_report(report_vault, choices, TODAY)
    (table,) = [b for p in report.parts for b in p.blocks if isinstance(b, Table)]
    assert all("-" not in row[0] for row in table.rows)  # no 2026-11-24


def test_russian_words_in_narrow_columns_are_whole_or_broken_at_a_syllable(qapp, report_vault):
    # The amends table has six columns on a portrait page: «Запланировано» fits whole.
    choices = ReportChoices(sections=frozenset({Section.AMENDS}), language="ru")
    _reader, text = _pdf(qapp, report_vault, choices)
    assert "Запланировано" in text
    # Eight columns of long words cannot all fit: they break between syllables, with a hyphen.
    words = ("Переосвидетельствование", "Достопримечательность", "Запланировано")
    rows = tuple(tuple(words[(n + c) % 3] for c in range(8)) for n in range(3))
    table = Table(tuple(f"Столбец{c}" for c in range(8)), rows)
    part = Part(Section.AMENDS, "Возмещения", (table,))
    report = Report("Отчёт", TODAY, "23 ноября 2026", TODAY, TODAY, "ru", Paper.A4, (part,))
    from recovery_journal.ui.report_pdf import render_pdf

    reader = PdfReader(io.BytesIO(render_pdf(report)))
    tokens = iter(reader.pages[0].extract_text().split())
    broken = 0
    for token in tokens:
        if token[0] not in "ПДЗ":
            continue  # the column titles
        cuts, word = [], token
        while word.endswith("-"):  # broken at the end of a line, one piece a line
            cuts.append(len(word) - 1)
            word = word[:-1] + next(tokens)
        assert word in words, f"{word!r} is cut in the middle"
        assert set(cuts) <= set(syllable_breaks(word)), (word, cuts)
        broken += bool(cuts)
    assert broken


def test_a_date_in_a_narrow_column_stays_on_one_line(qapp):
    """A date's parts are held by no-break spaces; its column is measured by the whole date
    (measured by "2026", the column broke «16 нояб. 2026 г.» before its «г.»)."""
    from PySide6.QtCore import QBuffer
    from PySide6.QtGui import QFont, QFontMetricsF, QPdfWriter

    from recovery_journal.ui.report_pdf import FONT_FAMILY, TABLE_PT, _fitted, prepare_fonts

    prepare_fonts()
    day = "16\u00a0нояб.\u00a02026"
    table = Table(
        ("Дата", "Вид", "Заметки"), ((day, "Служение на собрании", "Коротко"),), (1, 2, 5)
    )
    buffer = QBuffer()
    writer = QPdfWriter(buffer)
    writer.setResolution(96)
    fitted = _fitted(table, 700.0, writer)
    font = QFont(FONT_FAMILY)
    font.setPointSizeF(TABLE_PT)
    assert fitted.widths[0] > QFontMetricsF(font, writer).horizontalAdvance(day)


def test_a_heading_never_ends_a_page_without_what_it_heads(qapp):
    from recovery_journal.ui.report_pdf import prepare_fonts, render_pdf

    prepare_fonts()
    # Wherever the filler ends, a heading is on the same page as the first line after it:
    # within a section, and a section's own title.
    for lines in range(40, 62):
        filler = tuple(Paragraph(f"Filler line {n}.") for n in range(lines))
        first = Part(
            Section.MEETINGS,
            "Meetings",
            (*filler, Heading("Kestrel heading", 3), Paragraph("Heron opening item.")),
        )
        second = Part(Section.GRATITUDE, "Gratitude", (Paragraph("Osprey opening item."),))
        report = Report(
            "R", TODAY, "23 November 2026", TODAY, TODAY, "en", Paper.A4, (first, second)
        )
        reader = PdfReader(io.BytesIO(render_pdf(report)))
        for page in _pages(reader):
            if "Kestrel heading" in page:
                assert "Heron opening item." in page, (lines, page[-3:])
            if "Gratitude" in page:
                assert "Osprey opening item." in page, (lines, page[-3:])


def test_the_report_is_in_the_window_language_unless_another_was_chosen_in_it():
    saved_in_english = ReportChoices(language="en", interface="en").to_json()
    assert ReportChoices.from_json(saved_in_english, "ru").language == "ru"
    assert ReportChoices.from_json(saved_in_english, "en").language == "en"
    # Chosen on purpose in a Russian window: kept while the window stays Russian.
    english_for_the_sponsor = ReportChoices(language="en", interface="ru").to_json()
    assert ReportChoices.from_json(english_for_the_sponsor, "ru").language == "en"
    # Saved before the window's language was kept with it: the window's language.
    assert ReportChoices.from_json('{"language": "en"}', "ru").language == "ru"


def test_a_long_table_never_leaves_one_row_alone_on_its_last_page(qapp):
    from recovery_journal.ui.report_pdf import prepare_fonts, render_pdf

    prepare_fonts()
    for count in range(60, 80):
        rows = tuple((f"row{number:03d}", "Tuesday group") for number in range(count))
        part = Part(Section.MEETINGS, "Meetings", (Table(("Datecol", "Meetingcol"), rows),))
        report = Report("R", TODAY, "23 November 2026", TODAY, TODAY, "en", Paper.A4, (part,))
        pages = _pages(PdfReader(io.BytesIO(render_pdf(report))))
        if len(pages) > 1:
            last = [line for line in pages[-1] if line.startswith("row")]
            assert len(last) >= 2, (count, last)


def test_the_amends_list_shows_my_part_not_their_action(qapp, vault_path):
    """Step 8 is about my part: the ticks and my words, never what the other person did."""
    vault = create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    try:
        vault.records.save(
            Amend(
                "a1",
                "Brother Osprey",
                "Shouted at his wedding.",
                my_part=frozenset({"selfish", "frightened"}),
                their_part="Sold my guitar.",
            )
        )
        choices = ReportChoices(sections=frozenset({Section.AMENDS}), language="en")
        _reader, text = _pdf(qapp, vault, choices)
    finally:
        vault.close()
    text = unicodedata.normalize("NFKC", text)  # the font's "fi" ligature, as letters
    assert "Brother Osprey" in text and "Shouted at his wedding." in text
    assert "My part" in text and "Selfish, Frightened" in text
    assert "Sold my guitar." not in text


def test_a_russian_reports_chart_says_4_мая_as_after_a_number(vault_path):
    """Days on a chart's axis take the month as after a number ("4 мая"); the window's charts
    did, the report's still said "4 май"."""
    from recovery_journal.ui.report_pdf import _chart_svg

    vault = create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    try:
        fill_demo(vault, 40, "ru", end=date(2026, 6, 10))
        choices = ReportChoices(
            sections=frozenset({Section.CHARTS}),
            first=date(2026, 5, 1),
            last=date(2026, 6, 10),
            language="ru",
        )
        report = build_report(vault, choices, date(2026, 6, 10))
    finally:
        vault.close()
    charts = [b for p in report.parts for b in p.blocks if type(b).__name__ == "Chart"]
    with language_on_this_thread("ru"):
        drawn = " ".join(_chart_svg(chart, 6.5, 3.0).decode() for chart in charts)
    assert re.search(r"\d+ мая", drawn), "no day in May on an axis"
    assert not re.search(r"\d+ май\b", drawn)


def test_a_date_at_the_end_of_a_russian_sentence_has_one_full_stop(report_vault):
    choices = ReportChoices(sections=frozenset({Section.COVER}), language="ru")
    report = build_report(report_vault, choices, TODAY)
    said = " ".join(b.text for p in report.parts for b in p.blocks if isinstance(b, Paragraph))
    assert "г.." not in said and "Составлен" in said


def test_the_period_says_its_year_once_when_both_ends_share_it(report_vault):
    """«С 7 ноября по 6 декабря 2026», not «с 7 ноября 2026 г. по 6 декабря 2026 г.»."""

    def period(first: date, language: str) -> str:
        choices = ReportChoices(
            sections=frozenset({Section.COVER}), first=first, last=TODAY, language=language
        )
        report = build_report(report_vault, choices, TODAY)
        texts = [b.text for p in report.parts for b in p.blocks if isinstance(b, Paragraph)]
        return next(t for t in texts if "Made on" in t or "Составлен" in t).replace("\u00a0", " ")

    same = date(TODAY.year, 1, 7)
    assert period(same, "en").startswith(f"From January 7 to {TODAY:%B} {TODAY.day}, {TODAY.year}.")
    assert period(same, "ru").startswith("С 7 января по ")
    assert period(same, "ru").count(str(TODAY.year)) == 2  # the period's end, and "made on"
    before = date(TODAY.year - 1, 12, 30)
    assert period(before, "en").startswith(f"From December 30, {TODAY.year - 1} to ")


def test_long_logs_are_a_count_and_a_weekly_chart_and_in_full_only_in_the_appendix(report_vault):
    sections = frozenset({Section.MEETINGS, Section.PRACTICE, Section.GRATITUDE})
    first = TODAY - timedelta(days=89)
    report = build_report(report_vault, ReportChoices(sections=sections, first=first), TODAY)
    parts = {p.section: p for p in report.parts}
    assert set(parts) == {Section.MEETINGS, Section.PRACTICE, Section.GRATITUDE}  # no appendix
    meetings = parts[Section.MEETINGS].blocks
    (chart,) = [b for b in meetings if isinstance(b, Chart)]
    assert chart.name == "weekly" and isinstance(chart.view, WeeklyCounts)
    held = [m for m in report_vault.records.all(Meeting) if first <= m.day <= TODAY]
    assert sum(chart.view.counts) == len(held) and len(chart.view.counts) in (13, 14)
    assert chart.view.average == f"{round(len(held) / (90 / 7), 1)} a week on average"
    assert not any(isinstance(b, Table) for b in meetings)
    # Service: a count and the latest few; gratitude: the most recent few lines.
    service = [b for b in parts[Section.PRACTICE].blocks if isinstance(b, Table)][0]
    assert len(service.rows) <= LATEST_SERVICE
    gratitude = [b for b in parts[Section.GRATITUDE].blocks if isinstance(b, Table)][0]
    assert len(gratitude.rows) == GRATITUDE_HIGHLIGHTS
    # Asked for, the full lists come at the end.
    full = build_report(
        report_vault, ReportChoices(sections=sections, first=first, appendix=True), TODAY
    )
    appendix = full.parts[-1]
    assert appendix.section is None and appendix.title == "Appendix: the full lists"
    tables = [b for b in appendix.blocks if isinstance(b, Table)]
    assert len(tables[0].rows) == len(held)
    assert len(tables[-1].rows) > GRATITUDE_HIGHLIGHTS


def test_a_week_is_counted_from_monday_and_days_outside_are_not():
    monday = date(2026, 11, 2)
    days = [monday - timedelta(days=1), monday, monday, monday + timedelta(days=6)]
    days += [monday + timedelta(days=7), monday + timedelta(days=20)]
    assert weekly_counts(days, monday + timedelta(days=1), monday + timedelta(days=14)) == (
        1,
        1,
        0,
    )
    assert weekly_counts(days, monday, monday + timedelta(days=20)) == (3, 1, 1)


def test_a_step_question_of_several_lines_is_never_cut_from_its_answer(qapp):
    """A question is a small heading; one of several lines that the page turn cut was not
    seen as alone at the page's foot (its last line was on the page of its answer)."""
    from recovery_journal.ui.report_pdf import prepare_fonts, render_pdf

    prepare_fonts()
    question = "Zebrawren " + "what did I do about it and what would I do another time " * 4
    for lines in range(40, 62):
        filler = tuple(Paragraph(f"Filler line {n}.") for n in range(lines))
        blocks = (*filler, Heading(question, 4), Paragraph("Heron answer."))
        part = Part(Section.ANSWERS, "Answers", blocks)
        report = Report("R", TODAY, "23 November 2026", TODAY, TODAY, "en", Paper.A4, (part,))
        for page in _pages(PdfReader(io.BytesIO(render_pdf(report)))):
            if any("Zebrawren" in line for line in page):
                assert "Heron answer." in page, (lines, page[-3:])


def test_the_step_work_reads_as_a_conversation(report_vault):
    from recovery_journal.services.steps import load_step, set_wording

    set_wording(report_vault, 2, "Something greater than me can help me stay well.", "en")
    choices = ReportChoices(sections=frozenset({Section.ANSWERS}), steps=(2,))
    (part,) = build_report(report_vault, choices, TODAY).parts
    blocks = part.blocks
    assert isinstance(blocks[0], Heading) and blocks[0].text.startswith("Step 2. ")
    # My own wording of the step, under its title.
    assert blocks[1] == Paragraph(
        "In my own words: “Something greater than me can help me stay well.”", about=("step:2",)
    )
    # Each answer right under its question, numbered as the step's page numbers it; a question
    # is a small heading, so it is never left alone at a page's foot.
    view = load_step(report_vault, 2, "en")
    number = next(n for n, q in enumerate(view.questions, 1) if q.id == "s2.q02")
    asked = next(i for i, b in enumerate(blocks) if b.text.startswith(f"{number}. "))
    assert blocks[asked] == Heading(
        f"{number}. {view.questions[number - 1].text}", 4, ("step:2", "answer:2:s2.q02")
    )
    assert blocks[asked + 1] == Paragraph(OPEN_ANSWER, about=("step:2", "answer:2:s2.q02"))
    assert SECRET_ANSWER not in [getattr(b, "text", "") for b in blocks]
