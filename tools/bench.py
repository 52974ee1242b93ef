"""The benchmark: figures on the ten-year demo vault, each beside a baseline from the same run.

Usage: python tools/bench.py [--json FILE] [--runs N] [--vault PATH] [--only KIND,...]

The ten-year vault is built once (``demo --days 3650``) and cached in ``.bench/``. Each figure is
the median of at least five runs; the baseline beside it is measured in the same run, so the
ratio holds on a noisy machine. ``--only pdf,reply`` runs some of the kinds of run (named in
``KINDS``) and prints only their figures. A benchmark, not a test: it reports, it never fails on a
slow machine. Each run of the GUI figures is a fresh process (the first paint includes matplotlib's
import, as for a person opening the page).

The JSON written with ``--json`` is::

    {"machine": {"cpus": int, "python": str},
     "vault": {"path": str, "days": int, "bytes": int},
     "figures": [{"name": str, "unit": "s" | "MiB", "median": float, "worst": float,
                  "baseline_name": str | null, "baseline": float | null,
                  "ratio": float | null, "budget": str | null}]}
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".bench"
PASSPHRASE = "demo vault"
DAYS = 3650


@dataclass(frozen=True)
class Figure:
    name: str
    unit: str
    median: float
    worst: float
    baseline_name: str | None = None
    baseline: float | None = None
    budget: str | None = None

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or self.baseline <= 0:
            return None
        return self.median / self.baseline


def ten_year_vault(path: Path | None) -> Path:
    if path is not None:
        return path
    # Named by schema: a newer schema brings new kinds of demo data, so the vault is built anew.
    from recovery_journal.store.migrations import latest_version

    vault = CACHE / f"demo-{DAYS}-schema-{latest_version()}.rjvault"
    if not vault.exists():
        CACHE.mkdir(exist_ok=True)
        print(f"Building the ten-year vault in {vault} (once)...", file=sys.stderr)
        building = vault.with_suffix(".building")
        building.unlink(missing_ok=True)
        subprocess.run(
            [sys.executable, "-m", "recovery_journal", "demo", "--vault", str(building)]
            # English whatever the window's language: the searches below are English words.
            + ["--days", str(DAYS), "--language", "en"],
            env={**os.environ, "RECOVERY_JOURNAL_PASSPHRASE": PASSPHRASE},
            check=True,
            stdout=subprocess.DEVNULL,
        )
        building.rename(vault)
    return vault


# --- the charts page, measured in a fresh process per run ------------------------------------


def _resident_mib() -> float:
    """The memory the process holds now (Linux: /proc), in MiB."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


# A person's pointer rests on the charts' row a moment before the click; the window starts
# matplotlib's import once it has rested CHARTS_INTENT_MS there (ui/main_window.py).
POINTER_RESTS_S = 0.3


def charts_child(vault_path: Path, pointed: bool = False) -> dict[str, float]:
    """One run: the charts page opened on the vault, then a change of range. Prints JSON.
    ``pointed``: only the first chart, the pointer having rested on the row before the click."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import resource

    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QStackedWidget

    from recovery_journal.services.trends import ChartRange, load_charts
    from recovery_journal.services.worker import VaultWorker
    from recovery_journal.store import open_vault
    from recovery_journal.ui.garbage import collect_on_gui_thread, set_aside_long_lived
    from recovery_journal.ui.operations import Operations
    from recovery_journal.ui.pages.charts import RELEASE_AFTER_MS, ChartsPage

    app = QApplication([])
    collect_on_gui_thread(app)  # as AppController does
    worker = VaultWorker()
    worker.open(lambda: open_vault(vault_path, PASSPHRASE)).result()
    operations = Operations(worker)
    figures: dict[str, float] = {}

    # The GUI thread's longest stall: a 5 ms timer that should tick without pause.
    ticks = QElapsedTimer()
    ticks.start()
    stall = [0.0]

    def tick() -> None:
        stall[0] = max(stall[0], ticks.restart() / 1000)

    heartbeat = QTimer()
    heartbeat.setInterval(5)
    heartbeat.timeout.connect(tick)

    def wait_until(done: Callable[[], bool], limit: float = 60.0) -> None:
        deadline = time.perf_counter() + limit
        while not done():
            if time.perf_counter() > deadline:
                raise TimeoutError("the charts page did not paint")
            app.processEvents()
            time.sleep(0.001)

    # As in the app, the page is switched to inside a window already on screen.
    window = QMainWindow()
    pages = QStackedWidget()
    pages.addWidget(QLabel("another page"))
    page = ChartsPage(operations)
    pages.addWidget(page)
    window.setCentralWidget(pages)
    window.resize(1100, 720)
    window.show()
    set_aside_long_lived()
    for _ in range(50):
        app.processEvents()
    figures["memory_before_charts"] = _resident_mib()
    trends = next(i for i, (tab, _p) in enumerate(page.chart_tabs) if tab.objectName() == "trends")
    tab = page.chart_tabs[0][0]  # the page opens on today against yesterday

    def painted() -> bool:
        return page.view is not None and tab.chart.painted_for is page.view

    if pointed:
        from recovery_journal.ui.chart_view import warm_up
        from recovery_journal.ui.main_window import CHARTS_INTENT_MS

        resting = time.perf_counter() + POINTER_RESTS_S
        time.sleep(CHARTS_INTENT_MS / 1000)
        warm_up()
        while time.perf_counter() < resting:
            app.processEvents()
            time.sleep(0.001)
    heartbeat.start()
    ticks.restart()
    started = time.perf_counter()
    pages.setCurrentWidget(page)
    wait_until(painted)
    if pointed:
        first = time.perf_counter() - started
        worker.shutdown()
        return {"charts_first_paint_after_pointing": first}
    figures["charts_first_paint"] = time.perf_counter() - started
    # The trends tab, the heaviest, as a person would switch to it a moment later.
    pause = time.perf_counter() + 0.5
    while time.perf_counter() < pause:
        app.processEvents()
        time.sleep(0.001)
    started = time.perf_counter()
    page.tabs.setCurrentIndex(trends)
    tab = page.chart_tabs[trends][0]
    wait_until(painted)
    figures["charts_switch_to_trends"] = time.perf_counter() - started

    for chart_range, name in ((ChartRange.EVERYTHING, "everything"), (ChartRange.YEAR, "year")):
        before = page.view
        started = time.perf_counter()
        page.range.setCurrentIndex(page.range.findData(chart_range))
        page.reload()
        wait_until(lambda before=before: page.view is not before and painted())
        figures[f"charts_range_{name}"] = time.perf_counter() - started
    heartbeat.stop()
    figures["gui_longest_stall"] = stall[0]

    # Every tab drawn, as after a while on the page; then another page, for long enough that the
    # charts page lets go of what it need not keep.
    wait_until(
        lambda: all(t.words_only or t.chart.painted_for is page.view for t, _p in page.chart_tabs)
    )
    pages.setCurrentIndex(0)
    pause = time.perf_counter() + (RELEASE_AFTER_MS + 1000) / 1000
    while time.perf_counter() < pause:
        app.processEvents()
        time.sleep(0.001)
    figures["memory_after_leaving_charts"] = _resident_mib()

    # The parts on their own threads, timed where they run.
    for chart_range, name in ((ChartRange.DAYS_90, "90_days"), (ChartRange.EVERYTHING, "all")):
        started = time.perf_counter()
        view = operations.worker.submit(lambda v, r=chart_range: load_charts(v, r)).result()
        figures[f"charts_load_{name}"] = time.perf_counter() - started
        from recovery_journal.ui import charts

        palette = page.palette_for_charts()
        started = time.perf_counter()
        charts.render("trends", None, view, palette, (1000, 520))
        figures[f"charts_render_trends_{name}"] = time.perf_counter() - started
    started = time.perf_counter()
    charts.render_blank((1000, 520))
    figures["agg_blank_figure"] = time.perf_counter() - started
    figures["peak_memory_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker.shutdown()
    return figures


def pdf_child(vault_path: Path, recent: bool = False) -> dict[str, float]:
    """The sponsor's PDF of the whole ten years (``recent``: of the last 30 days); the baseline
    is a cover-only report (the fixed cost of a PDF), drawn first in the same process. Each is
    drawn in a process of its own, as the app draws each report in a fresh child
    (``ui.report_process``): the last 30 days drawn after the ten years found matplotlib already
    imported, which no report in the app does."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from datetime import timedelta

    from PySide6.QtWidgets import QApplication

    from recovery_journal.services.report import build_report
    from recovery_journal.services.report_choices import ReportChoices, Section
    from recovery_journal.store import open_vault
    from recovery_journal.ui.report_pdf import prepare_fonts, render_pdf

    app = QApplication([])  # noqa: F841 - Qt needs one for fonts
    prepare_fonts()
    vault = open_vault(vault_path, PASSPHRASE)
    everything = ReportChoices(sections=frozenset(Section))
    figures = {}
    for name, choices in (
        ("pdf_cover_only", ReportChoices(sections=frozenset({Section.COVER}))),
        ("pdf_last_30_days" if recent else "pdf_ten_years", everything),
    ):
        started = time.perf_counter()
        if name == "pdf_last_30_days":
            last = build_report(vault, ReportChoices(sections=frozenset())).last
            choices = ReportChoices(sections=everything.sections, first=last - timedelta(days=29))
        render_pdf(build_report(vault, choices))
        figures[name] = time.perf_counter() - started
    vault.close()
    return figures


def reply_child(vault_path: Path) -> dict[str, float]:
    """Importing a sponsor's reply: the ten-year report, drawn, then filled in by another PDF
    engine (PyMuPDF, as a sponsor's reader would: every box and three sticky notes) and read
    back with ``read_reply``; the baseline is pypdf opening the same file and reading its pages'
    annotations, with no work of ours."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import io

    import pymupdf
    from pypdf import PdfReader
    from PySide6.QtWidgets import QApplication

    from recovery_journal.services.reply_form import read_reply
    from recovery_journal.services.report import build_report
    from recovery_journal.services.report_choices import ReportChoices, Section
    from recovery_journal.store import open_vault
    from recovery_journal.ui.report_pdf import prepare_fonts, render_pdf

    app = QApplication([])  # noqa: F841 - Qt needs one for fonts
    prepare_fonts()
    vault = open_vault(vault_path, PASSPHRASE)
    data = render_pdf(build_report(vault, ReportChoices(sections=frozenset(Section))))
    vault.close()
    document = pymupdf.open(stream=data, filetype="pdf")
    for page in document:
        for widget in page.widgets():
            if widget.field_name.startswith("reply_") or widget.field_name == "sponsor-name":
                widget.field_value = "A few words from the sponsor, on two lines.\nKeep going."
                widget.update()
    for number in (0, len(document) // 2, len(document) - 1):
        document[number].add_text_annot((100, 300), "A sticky note on this page.")
    filled = document.tobytes(garbage=1)
    timings, baseline = [], []
    for _ in range(5):
        started = time.perf_counter()
        read_reply(filled)
        timings.append(time.perf_counter() - started)
        started = time.perf_counter()
        reader = PdfReader(io.BytesIO(filled))
        for page in reader.pages:
            for annotation in page.get("/Annots") or []:
                annotation.get_object()
        baseline.append(time.perf_counter() - started)
    return {
        "reply_read_ten_years": statistics.median(timings),
        "pypdf_open_and_read_pages": statistics.median(baseline),
    }


def sync_child(vault_path: Path) -> dict[str, float]:
    """One journal on two computers (issue 24), through a folder on this disk: the first join
    of a new computer to the ten-year journal, beside an import of the same journal's export
    into an empty vault (the other way to carry a whole journal); and one day's writing sent
    and taken in, beside reading the whole journal once as its export (what an exchange that
    has something to send must do)."""
    import shutil
    import tempfile
    from datetime import UTC, date, datetime, timedelta

    from recovery_journal import store
    from recovery_journal.domain.journal import JournalEntry
    from recovery_journal.domain.notes import DailyNote
    from recovery_journal.services import sync
    from recovery_journal.services.export import export_document, import_document

    root = Path(tempfile.mkdtemp(prefix="rj-bench-sync-"))
    try:
        folder = root / "shared"
        folder.mkdir()
        shutil.copy(vault_path, root / "laptop.rjvault")
        laptop = store.open_vault(root / "laptop.rjvault", PASSPHRASE)
        now = datetime(2026, 12, 6, 20, 0, tzinfo=UTC)
        started = time.perf_counter()
        document = export_document(laptop)
        figures = {"sync_read_whole_journal": time.perf_counter() - started}
        sync.share_through(laptop, store, folder, PASSPHRASE, now)
        copy = store.create_vault(root / "imported.rjvault", PASSPHRASE)
        started = time.perf_counter()
        import_document(copy, document)
        figures["import_ten_years"] = time.perf_counter() - started
        copy.close()
        desktop = store.create_vault(root / "desktop.rjvault", PASSPHRASE)
        started = time.perf_counter()
        sync.share_through(desktop, store, folder, PASSPHRASE, now)
        figures["sync_first_join_ten_years"] = time.perf_counter() - started
        # One day's writing on the laptop: a note, an entry, an edit of yesterday's note.
        day = date(2026, 12, 6)
        with laptop.transaction():
            laptop.notes.save(DailyNote(day, "Tonight went calmly.", now, now))
            laptop.journal.save(JournalEntry("bench-entry", day, now, now, body="A long walk."))
            yesterday = laptop.notes.get(day - timedelta(days=1))
            if yesterday is not None:
                laptop.notes.save(DailyNote(yesterday.day, yesterday.text + " More.", now, now))
        started = time.perf_counter()
        sync.exchange(laptop, store, now)
        figures["sync_one_day_sent"] = time.perf_counter() - started
        started = time.perf_counter()
        sync.exchange(desktop, store, now)
        figures["sync_one_day_taken"] = time.perf_counter() - started
        started = time.perf_counter()
        sync.exchange(desktop, store, now)
        figures["sync_nothing_new"] = time.perf_counter() - started
        laptop.close()
        desktop.close()
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return figures


def search_queries(vault: object) -> list[str]:
    """50 queries a person might type, made of the vault's own words (fixed by a seed)."""
    import random

    from recovery_journal.domain.search import words

    rng = random.Random(50)
    found = [w for item in vault.search.everything() for w in words(item.body) if len(w) > 3]  # type: ignore[attr-defined]
    common = sorted(set(found))
    picks = rng.sample(common, 40)
    queries = picks[:25]
    queries += [f"{a} {b}" for a, b in zip(picks[25:30], picks[30:35], strict=True)]
    queries += [f"{w[: max(2, len(w) // 2)]}*" for w in picks[35:40]]
    phrases = [item.body.split(". ")[0].split()[:2] for item in vault.search.everything()]  # type: ignore[attr-defined]
    phrases = [p for p in phrases if len(p) == 2]
    queries += [f'"{" ".join(p)}"' for p in rng.sample(phrases, 10)]
    return queries


def search_child(vault_path: Path) -> dict[str, float]:
    """Search as typed over ten years: the whole service call (terms, index, snippets, groups)
    for 50 queries; the baseline is FTS5 counting the same matches with no work of ours."""
    from recovery_journal.domain.search import match_expression, parse_query
    from recovery_journal.services.search import search
    from recovery_journal.store import open_vault

    vault = open_vault(vault_path, PASSPHRASE)
    queries = search_queries(vault)
    timings, baseline = [], []
    for query in queries:
        started = time.perf_counter()
        search(vault, query, "en")
        timings.append(time.perf_counter() - started)
        expression = match_expression(parse_query(query))
        started = time.perf_counter()
        vault._conn.execute(
            "SELECT count(*) FROM search_words WHERE search_words MATCH ?", (expression,)
        ).fetchone()
        baseline.append(time.perf_counter() - started)
    started = time.perf_counter()
    vault.rebuild_search_index()
    rebuild = time.perf_counter() - started
    vault.close()
    return {
        "search_as_typed_median": statistics.median(timings),
        "search_as_typed_worst": max(timings),
        "fts_count_only": statistics.median(baseline),
        "search_index_rebuild": rebuild,
    }


# --- start-up, unlock and the vault's own work --------------------------------------------------

PROBE = Path(__file__).with_name("first_window_probe.py")


def startup_child(vault_path: Path) -> dict[str, float]:
    """Cold start of the app to its unlock window shown, against a bare PySide6 program that
    shows an empty main window; both in fresh processes, timed from before the spawn."""
    figures = {}
    for name, target in (
        ("bare_window_shown", "bare"),
        ("cold_start_unlock_shown", str(vault_path)),
    ):
        started = time.time()
        output = subprocess.run(
            [sys.executable, str(PROBE), repr(started), target],
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        figures[name] = json.loads(output.strip().splitlines()[-1])["seconds"]
    return figures


def unlock_child(vault_path: Path) -> dict[str, float]:
    """Unlock of the ten-year vault to the Today page shown, against opening the same file with
    the key and one query (the key derivation itself)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import sqlcipher3
    from PySide6.QtCore import QSettings

    from recovery_journal.store.vault_file import KDF_ITERATIONS
    from recovery_journal.ui.app import AppController, make_application

    started = time.perf_counter()
    conn = sqlcipher3.connect(str(vault_path))
    conn.execute(f"PRAGMA key = '{PASSPHRASE}'")  # our own constant, no quote in it
    conn.execute(f"PRAGMA kdf_iter = {KDF_ITERATIONS}")
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    key_and_query = time.perf_counter() - started
    conn.close()

    import tempfile

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    app = make_application(["bench"])
    controller = AppController(app, vault_path)
    dialog = controller.start()
    typing = time.perf_counter() + 0.5  # a person takes longer than this to type a passphrase
    while time.perf_counter() < typing:
        app.processEvents()
        time.sleep(0.001)
    dialog.passphrase.setText(PASSPHRASE)
    started = time.perf_counter()
    dialog._unlock()
    deadline = started + 60
    while not (
        controller.window is not None
        and controller.window.today._loaded
        and controller.window.isVisible()
    ):
        if time.perf_counter() > deadline:
            raise TimeoutError("the Today page did not show")
        app.processEvents()
        time.sleep(0.0005)
    unlock = time.perf_counter() - started
    controller._replacing_window = True
    controller.window.close()
    controller.shutdown()
    return {"unlock_to_today": unlock, "open_key_and_one_query": key_and_query}


def _plain_review_statements(conn: object) -> None:
    """A nightly review's statements, as the store writes them, in one transaction."""
    run = conn.execute  # type: ignore[attr-defined]
    many = conn.executemany  # type: ignore[attr-defined]
    run("BEGIN IMMEDIATE")
    run("DELETE FROM reviews WHERE day = ?", ("2030-01-01",))
    run("INSERT INTO reviews VALUES (?, ?)", ("2030-01-01", "2030-01-01T21:00:00Z"))
    many(
        "INSERT INTO review_answers VALUES (?, ?, ?, ?)",
        [("2030-01-01", "q.resentful", 1, "A neighbour again."), ("2030-01-01", "q.kind", 1, "")],
    )
    many(
        "INSERT INTO review_ratings VALUES (?, ?, ?)",
        [("2030-01-01", "d.mood", 7), ("2030-01-01", "d.craving", 2)],
    )
    run("COMMIT")


def store_child(vault_path: Path) -> dict[str, float]:
    """The vault's own work on ten years: a nightly review saved (against the same statements
    on plain SQLite with the same journal settings), JSON export and import, integrity check and
    backup."""
    import shutil
    import sqlite3
    import tempfile
    from dataclasses import replace
    from datetime import date, timedelta

    from recovery_journal.domain.daily import NightlyReview, Rating, ReviewAnswer
    from recovery_journal.services.export import dumps, export_document, import_document
    from recovery_journal.services.review import save_review
    from recovery_journal.store import create_vault, open_vault

    scratch = Path(tempfile.mkdtemp())
    copy = scratch / "copy.rjvault"
    shutil.copy(vault_path, copy)
    vault = open_vault(copy, PASSPHRASE)
    figures: dict[str, float] = {}
    review = NightlyReview(
        date.today() + timedelta(days=1),
        (ReviewAnswer("q.resentful", True, "A neighbour again."), ReviewAnswer("q.kind", True)),
        (Rating("d.mood", 7), Rating("d.craving", 2)),
    )
    saves = []
    for n in range(30):
        started = time.perf_counter()
        # Alternating, so every save changes the day's rows, as a person's edits do.
        save_review(vault, review if n % 2 else replace(review, answers=review.answers[:1]))
        saves.append(time.perf_counter() - started)
    figures["review_save"] = statistics.median(saves)
    # The same statements as the plain baseline, on the vault itself: what SQLCipher's page
    # encryption and HMACs cost, apart from our code (the service and the search index).
    cipher_saves = []
    for _n in range(30):
        started = time.perf_counter()
        _plain_review_statements(vault._conn)
        cipher_saves.append(time.perf_counter() - started)
    figures["sqlcipher_review_statements"] = statistics.median(cipher_saves)

    plain = sqlite3.connect(scratch / "plain.db", isolation_level=None)
    for pragma in ("journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON"):
        plain.execute(f"PRAGMA {pragma}")
    plain.executescript(
        "CREATE TABLE reviews (day TEXT PRIMARY KEY, updated_at TEXT NOT NULL);"
        "CREATE TABLE review_answers (day TEXT NOT NULL REFERENCES reviews(day) ON DELETE CASCADE,"
        " question_uid TEXT NOT NULL, answer INTEGER, note TEXT NOT NULL DEFAULT '',"
        " PRIMARY KEY (day, question_uid)) WITHOUT ROWID;"
        "CREATE TABLE review_ratings (day TEXT NOT NULL REFERENCES reviews(day) ON DELETE CASCADE,"
        " dimension_uid TEXT NOT NULL, value INTEGER NOT NULL, PRIMARY KEY (day, dimension_uid))"
        " WITHOUT ROWID;"
    )
    plain_saves = []
    for _n in range(30):
        started = time.perf_counter()
        _plain_review_statements(plain)
        plain_saves.append(time.perf_counter() - started)
    figures["plain_sqlite_review_save"] = statistics.median(plain_saves)
    plain.close()

    started = time.perf_counter()
    text = dumps(export_document(vault))
    figures["json_export"] = time.perf_counter() - started
    started = time.perf_counter()
    problems = vault.integrity_problems()
    figures["integrity_check"] = time.perf_counter() - started
    assert problems == [], problems
    started = time.perf_counter()
    vault.backup_to(scratch / "backup.rjvault")
    figures["backup"] = time.perf_counter() - started
    vault.close()
    from recovery_journal.services.export import parse_document

    target = create_vault(scratch / "imported.rjvault", PASSPHRASE)
    started = time.perf_counter()
    import_document(target, parse_document(text.encode("utf-8")))
    figures["json_import"] = time.perf_counter() - started
    target.close()
    shutil.rmtree(scratch)
    return figures


def table_child() -> dict[str, float]:
    """A thousand step 4 rows sorted by each column both ways and filtered, in the record
    table's proxy, against Qt's own proxy over the same text (what 'without delay' means)."""
    from PySide6.QtCore import QSortFilterProxyModel, Qt
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication

    from recovery_journal.domain.inventory import Resentment
    from recovery_journal.ui.record_model import Column, RecordModel, RecordProxy

    app = QApplication.instance() or QApplication([])  # noqa: F841 - Qt's models need it
    rows = [
        Resentment(
            f"r{n:04d}",
            who=f"Person {n % 97}",
            cause=f"Cause number {n} " * 3,
            affects=frozenset({"pride"} if n % 2 else {"security", "finances"}),
            my_part=frozenset({"selfish"}),
            position=n,
        )
        for n in range(1000)
    ]
    fields = ("who", "cause", "affects", "my_part", "private")
    model = RecordModel(
        Resentment, [Column(f, f) for f in fields], lambda old, new: None, lambda f, key: key
    )
    model.set_records(rows)
    ours = RecordProxy()
    ours.setSourceModel(model)
    plain_model = QStandardItemModel()
    for row in rows:
        plain_model.appendRow([QStandardItem(str(getattr(row, f))) for f in fields])
    plain = QSortFilterProxyModel()
    plain.setSourceModel(plain_model)

    def sort_and_filter(proxy: QSortFilterProxyModel) -> float:
        proxy.setFilterKeyColumn(-1)
        proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        started = time.perf_counter()
        for column in range(len(fields)):
            for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
                proxy.sort(column, order)
        proxy.setFilterFixedString("person 42")
        return (time.perf_counter() - started) / (2 * len(fields) + 1)

    return {"table_sort_or_filter": sort_and_filter(ours), "qt_proxy_sort": sort_and_filter(plain)}


def import_child() -> dict[str, float]:
    """matplotlib's import as the charts do it (ui.charts, whose own modules the app has
    imported by then)."""
    from recovery_journal.ui import charts

    started = time.perf_counter()
    charts._import_matplotlib()
    return {"matplotlib_import": time.perf_counter() - started}


def bare_child() -> dict[str, float]:
    started = time.perf_counter()
    import PySide6.QtWidgets  # noqa: F401

    return {"pyside_import": time.perf_counter() - started}


def run_child(kind: str, vault: Path) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, __file__, "--child", kind, "--vault", str(vault)],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


KINDS = (
    "startup", "unlock", "store", "charts", "charts_pointed", "import", "bare", "pdf",
    "pdf_recent", "reply",
    "search", "table", "sync",
)  # fmt: skip


def collect(vault: Path, runs: int, kinds: tuple[str, ...] = KINDS) -> list[Figure]:
    samples: dict[str, list[float]] = {}
    for _ in range(runs):
        for kind in kinds:
            for name, value in run_child(kind, vault).items():
                samples.setdefault(name, []).append(value)

    def figure(
        name: str, baseline: str | None = None, budget: str | None = None, unit: str = "s"
    ) -> Figure | None:
        if name not in samples or (baseline is not None and baseline not in samples):
            return None  # its kind of run was left out (--only)
        values = samples[name]
        return Figure(
            name=name,
            unit=unit,
            median=statistics.median(values),
            worst=max(values),
            baseline_name=baseline,
            baseline=statistics.median(samples[baseline]) if baseline else None,
            budget=budget,
        )

    figures = [
        figure("cold_start_unlock_shown", "bare_window_shown", "<= 1.3 x the bare window"),
        figure("unlock_to_today", "open_key_and_one_query", "<= baseline + 0.15 s"),
        figure("review_save", "plain_sqlite_review_save", "<= 2 x plain SQLite, < 10 ms"),
        figure("sqlcipher_review_statements", "plain_sqlite_review_save", "SQLCipher's own cost"),
        figure("json_export", None, "off the GUI thread"),
        figure("json_import", None, "off the GUI thread"),
        figure("integrity_check", None, "off the GUI thread"),
        figure("backup", None, "off the GUI thread"),
        figure("matplotlib_import", "pyside_import"),
        figure("charts_first_paint", "matplotlib_import", "feels immediate; GUI never stalls"),
        figure(
            "charts_first_paint_after_pointing",
            "matplotlib_import",
            f"the pointer resting {POINTER_RESTS_S} s on the row before the click",
        ),
        figure("charts_switch_to_trends", None, "no visible stall"),
        figure("charts_range_everything", "agg_blank_figure", "no visible stall"),
        figure("charts_range_year", "agg_blank_figure", "no visible stall"),
        figure("gui_longest_stall", None, "< 0.1 s, never a visible pause"),
        figure("charts_load_90_days", None, "off the GUI thread"),
        figure("charts_load_all", None, "off the GUI thread"),
        figure("charts_render_trends_90_days", "agg_blank_figure", "off the GUI thread"),
        figure("charts_render_trends_all", "agg_blank_figure", "off the GUI thread"),
        figure("peak_memory_mib", None, "< 250 MiB", unit="MiB"),
        figure(
            "memory_after_leaving_charts",
            "memory_before_charts",
            "what the charts keep once left",
            unit="MiB",
        ),
        figure("pdf_ten_years", "pdf_cover_only", "off the GUI thread, with progress"),
        figure("pdf_last_30_days", "pdf_cover_only", "off the GUI thread, with progress"),
        figure("search_as_typed_median", "fts_count_only", "< 20 ms (median of 50 queries)"),
        figure("search_as_typed_worst", "fts_count_only", "no visible pause"),
        figure("search_index_rebuild", None, "after an import or upgrade only"),
        figure("table_sort_or_filter", "qt_proxy_sort", "< 0.1 s: 1,000 step 4 rows, per step"),
        figure("reply_read_ten_years", "pypdf_open_and_read_pages", "no visible pause"),
        figure("sync_first_join_ten_years", "import_ten_years", "off the GUI thread, once"),
        figure("sync_one_day_sent", "sync_read_whole_journal", "off the GUI thread"),
        figure("sync_one_day_taken", "sync_read_whole_journal", "off the GUI thread"),
        figure("sync_nothing_new", "sync_read_whole_journal", "every few minutes: unnoticed"),
    ]
    return [f for f in figures if f is not None]


def _amount(value: float, unit: str) -> str:
    """Seconds below a tenth as milliseconds, so a save of 0.4 ms does not print as 0.000s."""
    if unit != "s":
        return f"{value:.1f}{unit[0]}"
    return f"{value * 1000:.2f}ms" if value < 0.1 else f"{value:.3f}s"


def table(figures: list[Figure]) -> str:
    lines = [
        f"{'figure':<30} {'median':>9} {'worst':>9}  {'baseline':<30} {'ratio':>6}  budget",
        "-" * 108,
    ]
    for f in figures:
        baseline = (
            f"{f.baseline_name} {_amount(f.baseline, f.unit)}" if f.baseline is not None else ""
        )
        ratio = f"{f.ratio:.2f}" if f.ratio is not None else ""
        lines.append(
            f"{f.name:<30} {_amount(f.median, f.unit):>9} {_amount(f.worst, f.unit):>9}"
            f"  {baseline:<30} {ratio:>6}  {f.budget or ''}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (at least 5)")
    parser.add_argument("--vault", type=Path, help="use this vault instead of the cached one")
    parser.add_argument("--only", help="these kinds of run only, e.g. pdf,reply")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind = {
            "charts": lambda: charts_child(args.vault),
            "charts_pointed": lambda: charts_child(args.vault, pointed=True),
            "pdf": lambda: pdf_child(args.vault),
            "pdf_recent": lambda: pdf_child(args.vault, recent=True),
            "reply": lambda: reply_child(args.vault),
            "search": lambda: search_child(args.vault),
            "startup": lambda: startup_child(args.vault),
            "unlock": lambda: unlock_child(args.vault),
            "store": lambda: store_child(args.vault),
            "import": import_child,
            "table": table_child,
            "sync": lambda: sync_child(args.vault),
        }
        kind["bare"] = bare_child
        print(json.dumps(kind[args.child]()))
        return
    # Compiled first, as an installed copy is: a module edited since its last .pyc (and never
    # written again where PYTHONDONTWRITEBYTECODE is set) is compiled anew in every child, which
    # put several milliseconds of compiling into the cold start of a checkout.
    import compileall

    compileall.compile_dir(str(ROOT / "recovery_journal"), quiet=1)
    compileall.compile_file(str(PROBE), quiet=1)
    vault = ten_year_vault(args.vault)
    kinds = tuple(args.only.split(",")) if args.only else KINDS
    unknown = set(kinds) - set(KINDS)
    if unknown:
        names = ", ".join(sorted(unknown))
        parser.error(f"no such kind of run: {names}; one of {', '.join(KINDS)}")
    figures = collect(vault, max(args.runs, 5), kinds)
    print(table(figures))
    if args.json:
        document = {
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
            "vault": {"path": str(vault), "days": DAYS, "bytes": vault.stat().st_size},
            "figures": [{**asdict(f), "ratio": f.ratio} for f in figures],
        }
        args.json.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
