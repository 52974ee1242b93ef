"""The sponsor's reply, as a person brings it in: the report written from the command line, the
sponsor's words typed into it with another PDF engine, then Journal ▸ Import my sponsor's reply…
in the real window: the file chosen by typing its path, the words shown, Enter keeps them, and
the sponsor's page shows them."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pymupdf

from recovery_journal.domain.reply_layout import SPONSOR_NAME, field_name
from recovery_journal.services.sponsor_notes import all_notes
from tests.journeys.atspi import wait_for
from tests.journeys.person import (
    PASSPHRASE,
    choose_menu,
    create_journal,
    page_shown,
    read_vault,
    skip_guide,
    unlock,
)

WORDS = "Good month. Call me on Sunday."


def _sponsor_writes(report: bytes) -> bytes:
    document = pymupdf.open(stream=report, filetype="pdf")
    for page in document:
        for widget in page.widgets():
            if widget.field_name == field_name("report"):
                widget.field_value = WORDS
                widget.update()
            elif widget.field_name == SPONSOR_NAME:
                widget.field_value = "Sam"
                widget.update()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_reply_is_imported_from_the_menu_and_shown_on_the_sponsors_page(launch, tmp_path):
    app = launch()
    create_journal(app)
    skip_guide(app)
    app.desktop.key("ctrl+q")
    assert app.wait_exit(20) == 0
    report = tmp_path / "report.pdf"
    made = subprocess.run(
        [sys.executable, "-m", "recovery_journal", "export-pdf", "--vault", str(app.vault),
         "-o", str(report)],
        env={**os.environ, "RECOVERY_JOURNAL_PASSPHRASE": PASSPHRASE,
             "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    reply = tmp_path / "report from Sam.pdf"
    reply.write_bytes(_sponsor_writes(report.read_bytes()))

    app = launch(vault=app.vault)
    unlock(app)
    choose_menu(app, "Journal", "Import my sponsor's reply…")
    wait_for(
        lambda: next((w for w in app.windows() if "Import my sponsor" in w.name), None),
        10,
        "the file dialog",
    )
    app.wait_for_focus("text")
    app.desktop.key("ctrl+a")
    app.desktop.type(str(reply))
    app.desktop.key("Return")
    shown = app.wait_for_node("label", contains="1 new note from Sam")
    assert shown is not None
    app.wait_for_focus("push button", "Keep")
    app.desktop.key("Return")
    wait_for(lambda: page_shown(app) == "From my sponsor", 10, "the sponsor's page")
    app.wait_for_node("label", contains="Kept 1 note", within="frame")
    app.desktop.key("ctrl+q")
    assert app.wait_exit(20) == 0
    vault = read_vault(app.vault)
    try:
        notes = all_notes(vault)
    finally:
        vault.close()
    assert [(note.text, note.sponsor) for note in notes] == [(WORDS, "Sam")]
