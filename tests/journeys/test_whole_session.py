"""A whole session on a full journal, in English and in Russian: every page, every chart, both
ways of saving a chart, the report's preview and a password-protected PDF, the search, the help
dialogs, a lock and an unlock, Russian typed into the day's note.

Beyond what it checks on screen, it is the session that `tools/check_dist.sh` runs the packaged
app through: whatever part of the bundle a person's session needs (a Qt plugin, a library that
only the charts or the report's drawer load, matplotlib's fonts, cryptography for the PDF's
password) is needed here, so a bundle that left it out fails this journey. docs/BUILDING.md
("What is left out, and how it was measured") says how it served to find what is never loaded.
"""

from __future__ import annotations

import os
import subprocess

import pytest
from pypdf import PdfReader

from tests.journeys.atspi import Node, wait_for
from tests.journeys.desktop import App, program_command
from tests.journeys.labels import LABELS
from tests.journeys.person import PASSPHRASE, go_to, page_shown, tab_to, unlock

# What this journey reads on screen, beyond tests/journeys/labels.py.
SAY = {
    "en": {
        "charts": "Better than yesterday",
        "save_chart": "Save chart…",
        "preview": "Preview",
        "first_page": "Page 1",
        "protect": "Protect the PDF with a password (AES-256)",
        "encrypted": "It opens only with its password.",
        "search_word": "meeting",
    },
    "ru": {
        "charts": "Лучше, чем вчера",
        "save_chart": "Сохранить график…",
        "preview": "Просмотр",
        "first_page": "Страница 1",
        "protect": "Защитить PDF паролем (AES-256)",
        "encrypted": "Он открывается только с паролем.",
        "search_word": "собрание",
    },
}
PDF_PASSWORD = "for my sponsor only"


def _demo_journal(tmp_path, language: str):
    """A journal with fourteen months in it, made by the program itself (`demo`)."""
    vault = tmp_path / "demo.rjvault"
    env = dict(os.environ, RECOVERY_JOURNAL_PASSPHRASE=PASSPHRASE, HOME=str(tmp_path))
    subprocess.run(
        [*program_command(), "demo", "--language", language, "--vault", str(vault)],
        env=env, check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    return vault


def _showing_dialogs(app: App) -> list[Node]:
    return [w for w in app.windows() if w.role in ("dialog", "alert", "alert message")]


def _save_through_the_file_dialog(app: App, target, dialogs_left: int = 0) -> None:
    """The save dialog (over the window, or over another dialog): the path typed, Enter."""
    app.wait_for_focus("text")  # the file name, in the save dialog
    app.desktop.key("ctrl+a")
    app.desktop.type(str(target))
    app.desktop.key("Return")
    wait_for(lambda: len(_showing_dialogs(app)) == dialogs_left, 15, "the file dialog to close")


def _every_page(app: App) -> None:
    pages = app.wait_for_node("list", within="frame")
    for name in [item.name for item in pages.children()]:
        go_to(app, name)


def _every_chart(app: App, say: dict[str, str], tmp_path) -> None:
    """Each chart tab drawn (its save button comes alive once painted); the first saved as
    PNG, the trends as SVG, as a person keeps them."""
    go_to(app, say["charts"])
    tabs = wait_for(lambda: app.root.find_all("page tab"), 15, "the chart tabs")
    names = [tab.name for tab in tabs]
    saved = []
    for index, name in enumerate(names):
        tab = app.wait_for_node("page tab", name, within="frame")
        app.desktop.click(tab)
        button = app.wait_for_node("push button", say["save_chart"], within="frame", seconds=60)
        wait_for(lambda b=button: "enabled" in b.states, 60, f"the chart {name!r} drawn")
        if index in (0, 4):  # the first period, and the trends
            target = tmp_path / ("chart.png" if index == 0 else "trends.svg")
            app.desktop.click(button)
            _save_through_the_file_dialog(app, target)
            saved.append(target)
    for target in saved:
        wait_for(lambda t=target: t.exists() and t.stat().st_size > 1000, 30, f"{target.name}")
    assert (tmp_path / "chart.png").read_bytes()[:4] == b"\x89PNG"
    assert b"<svg" in (tmp_path / "trends.svg").read_bytes()[:500]


def _search(app: App, say: dict[str, str], words: str) -> None:
    before = page_shown(app)
    app.desktop.key("ctrl+f")
    app.wait_for_focus("text", words)
    app.desktop.type(say["search_word"])
    app.desktop.key("Return")  # the top result, on its own page
    wait_for(lambda: page_shown(app) not in ("", before), 15, "the found item's page")


def _report_with_a_password(app: App, say: dict[str, str], save_pdf: str, target) -> None:
    app.desktop.key("ctrl+p")
    dialog = app.window("dialog")
    app.desktop.click(app.wait_for_node("push button", say["preview"], within=dialog))
    app.wait_for_node("graphic", say["first_page"], within=dialog, seconds=120)
    # The box is at the foot of the scrolled form, just before the buttons (the password
    # boxes after it are off until it is ticked): back from Preview, the form follows.
    tab_to(app, "check box", say["protect"], most=10, backwards=True)
    app.desktop.key("space", "Tab")
    app.desktop.type(PDF_PASSWORD)
    app.desktop.key("Tab")
    app.desktop.type(PDF_PASSWORD)
    app.desktop.click(app.wait_for_node("push button", save_pdf, within=dialog))
    _save_through_the_file_dialog(app, target, dialogs_left=1)
    app.wait_for_node("label", contains=say["encrypted"], within=dialog, seconds=120)
    app.desktop.key("Escape")
    wait_for(lambda: not _showing_dialogs(app), 10, "the report's dialog shut")


def _help_dialogs(app: App) -> None:
    for keys in ("F1", "ctrl+shift+h"):
        app.desktop.key(keys)
        wait_for(lambda: _showing_dialogs(app), 10, f"the dialog of {keys}")
        app.desktop.key("Escape")
        wait_for(lambda: not _showing_dialogs(app), 10, f"the dialog of {keys} to close")


@pytest.mark.slow
@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_whole_session(launch, language, tmp_path):
    say, labels = SAY[language], LABELS[language]
    app = launch(vault=_demo_journal(tmp_path, language), language=language)
    unlock(app)
    _every_page(app)
    _every_chart(app, say, tmp_path)
    _search(app, say, labels.search_box)
    report = tmp_path / "report.pdf"
    _report_with_a_password(app, say, labels.save_pdf, report)
    _help_dialogs(app)

    go_to(app, labels.today)
    note = app.wait_for_node("text", labels.today_note, within="frame")
    app.desktop.click(note)
    app.desktop.key("ctrl+End")
    app.desktop.type(" " + LABELS["ru"].today_words)  # Cyrillic, in either language
    app.wait_for_node("label", contains=labels.saved_at, within="frame")

    app.desktop.key("ctrl+l")
    unlock(app)
    wait_for(lambda: page_shown(app) == labels.today, 15, "the same page after unlocking")
    app.desktop.key("ctrl+q")
    assert app.wait_exit(30) == 0
    assert "Traceback" not in app.log(), app.log()

    reader = PdfReader(report)
    assert reader.is_encrypted
    reader.decrypt(PDF_PASSWORD)
    text = " ".join(page.extract_text() for page in reader.pages)
    assert labels.report_heading in " ".join(text.split())
