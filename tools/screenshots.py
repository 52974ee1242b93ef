"""Render the main screens to PNG in both languages, for a person to look at.

Usage: python tools/screenshots.py OUT_DIR [VAULT PASSPHRASE [LANGUAGES]]
LANGUAGES is a comma-separated list (default: en,ru). SHOT_DARK=1 paints a dark palette, to
check that what we draw ourselves (charts) follows the theme. SHOT_TEXT=200 sets the text size in
per cent (one of Settings' sizes; default 100). SHOT_W and SHOT_H set the window's size (default
1100x720).
Run under Xvfb (xvfb-run) for real window decorations, or with QT_QPA_PLATFORM=offscreen.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from recovery_journal.ui.app import AppController, make_application
from recovery_journal.ui.i18n_qt import apply_language
from recovery_journal.ui.pages import Page


def wait(app: QApplication, predicate, seconds: float = 10.0) -> None:
    import time

    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("the UI did not settle")
        app.processEvents()
        time.sleep(0.01)


def settle(app: QApplication, operations) -> None:
    wait(app, lambda: not operations.busy)
    for _ in range(20):
        app.processEvents()


def use_appearance(app: QApplication) -> None:
    """The theme and text size asked for, as Settings ▸ Theme and Text size apply them."""
    from recovery_journal.ui.appearance import apply_appearance, remember_appearance

    theme = "dark" if os.environ.get("SHOT_DARK") else "light"
    size = int(os.environ.get("SHOT_TEXT", 100))
    remember_appearance(theme, size)  # in the scratch settings: Settings shows what is applied
    apply_appearance(app, theme, size)


def main() -> None:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp())
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(scratch))
    vault = Path(sys.argv[2]) if len(sys.argv) > 2 else scratch / "new.rjvault"
    passphrase = sys.argv[3] if len(sys.argv) > 3 else "demo vault"
    app = make_application(sys.argv[:1])
    if os.environ.get("SHOT_DARK") or os.environ.get("SHOT_TEXT"):
        use_appearance(app)
    languages = sys.argv[4].split(",") if len(sys.argv) > 4 else ["en", "ru"]
    for language in languages:
        apply_language(app, language)
        first = scratch / f"first-{language}.rjvault"
        create = AppController(app, first).start()
        # The strength is rated off the GUI thread once typing pauses: wait for its words.
        create.passphrase.setText("P@ssw0rd2024!")
        create.repeat.setText("P@ssw0rd2024!")
        wait(app, lambda create=create: create.rater.rating is not None)
        for _ in range(20):
            app.processEvents()
        create.grab().save(str(out / f"create-weak-{language}.png"))
        create.passphrase.setText("correct horse")
        create.repeat.setText("correct hors")
        wait(app, lambda create=create: create.rater.rating is not None)
        for _ in range(20):
            app.processEvents()
        create.grab().save(str(out / f"create-{language}.png"))
        create.close()
        controller = AppController(app, vault)
        dialog = controller.start()
        dialog.passphrase.setText("wrong passphrase")
        dialog._unlock()
        wait(app, lambda dialog=dialog: not dialog.is_busy)
        dialog.grab().save(str(out / f"unlock-wrong-{language}.png"))
        dialog.passphrase.setText(passphrase)
        dialog._unlock()
        wait(app, lambda controller=controller: controller.window is not None)
        window = controller.window
        window.resize(int(os.environ.get("SHOT_W", 1100)), int(os.environ.get("SHOT_H", 720)))
        window.show_page(Page.TODAY)
        settle(app, controller.operations)
        window.grab().save(str(out / f"today-{language}.png"))
        window.show_page(Page.JOURNAL)
        settle(app, controller.operations)
        if window.journal.timeline.count() > 1:
            # A day further back, with its note and "on this day" in earlier years.
            window.journal.timeline.setCurrentRow(1)
            settle(app, controller.operations)
        window.grab().save(str(out / f"journal-{language}.png"))
        window.search_box.setText("обида" if language == "ru" else "resentful")
        window._search_typed(window.search_box.text())
        wait(app, lambda window=window: window.search.answered > 0)
        settle(app, controller.operations)
        window.grab().save(str(out / f"search-{language}.png"))
        first = window.search.model.hit(window.search.model.first_hit())
        if first is not None:
            window.open_hit(first)
            settle(app, controller.operations)
            window.grab().save(str(out / f"search-opened-{language}.png"))
        window.show_page(Page.REVIEW)
        settle(app, controller.operations)
        window.grab().save(str(out / f"review-{language}.png"))
        window.show_page(Page.PRACTICE)
        for number in range(window.practice.tabs.count()):
            window.practice.tabs.setCurrentIndex(number)
            settle(app, controller.operations)
            window.grab().save(str(out / f"practice{number}-{language}.png"))
        window.show_page(Page.CHARTS)
        wait(app, lambda window=window: window.charts.view is not None)
        # A vault without reviews shows an invitation instead of the charts.
        chart_tabs = 0 if window.charts.view.empty else window.charts.tabs.count()
        if not chart_tabs:
            settle(app, controller.operations)
            window.grab().save(str(out / f"charts-{language}.png"))
        for number in range(chart_tabs):
            window.charts.tabs.setCurrentIndex(number)
            settle(app, controller.operations)
            tab = window.charts.tabs.currentWidget()
            wait(
                app,
                lambda tab=tab, window=window: (
                    tab.words_only  # a sentence, nothing to draw
                    or (tab.chart.painted_for is window.charts.view and tab.chart.up_to_date)
                ),
            )
            for _ in range(10):
                app.processEvents()
            window.grab().save(str(out / f"charts{number}-{language}.png"))
        report = window.open_report()
        wait(app, lambda report=report: report.options is not None and not report._busy)
        report.preview()
        wait(app, lambda report=report: bool(report.pages) and not report._busy, seconds=60)
        for _ in range(10):
            app.processEvents()
        report.grab().save(str(out / f"report-dialog-{language}.png"))
        report.close()
        window.show_page(Page.SETTINGS)
        settle(app, controller.operations)
        window.grab().save(str(out / f"settings-{language}.png"))

        window.show_page(Page.STEPS)
        settle(app, controller.operations)
        window.grab().save(str(out / f"steps-{language}.png"))
        for step, tab in ((4, 0), (4, 1), (6, 3), (11, 3)):
            detail = window.steps.open_step(step)
            settle(app, controller.operations)
            detail.tabs.setCurrentIndex(tab)
            settle(app, controller.operations)
            window.grab().save(str(out / f"step{step}-tab{tab}-{language}.png"))
        window.steps.show_overview()
        window.show_page(Page.INVENTORY)
        for number in (0, 2, 4, 5):
            window.inventory.tabs.setCurrentIndex(number)
            settle(app, controller.operations)
            table = window.inventory.tabs.currentWidget().table
            if table.model.records:
                table.select(table.model.records[0].uid)
            settle(app, controller.operations)
            window.grab().save(str(out / f"inventory{number}-{language}.png"))
        window.show_page(Page.SPONSOR)
        settle(app, controller.operations)
        window.grab().save(str(out / f"sponsor-{language}.png"))
        # Each note opened where it belongs: an answer, a row, a worksheet, the reviews.
        notes = window.sponsor.view.notes if window.sponsor.view is not None else ()
        for number, note in enumerate(notes):
            window.open_about(note.about)
            settle(app, controller.operations)
            for _ in range(10):
                app.processEvents()
            name = str(note.about).split(":")[0]
            window.grab().save(str(out / f"sponsor-opened{number}-{name}-{language}.png"))
        window.show_page(Page.ABOUT)
        settle(app, controller.operations)
        window.grab().save(str(out / f"about-{language}.png"))
        controller._replacing_window = True
        window.close()
        controller.shutdown()
    print(f"screenshots in {out}")
    os._exit(0)


if __name__ == "__main__":
    main()
