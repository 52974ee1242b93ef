"""Render the pictures of the user guide (docs/guide.*.md) from a demo vault, one language a run.

Usage: python tools/guide_screenshots.py OUT_DIR VAULT PASSPHRASE LANGUAGE

Make the vault first, for example:
    RECOVERY_JOURNAL_PASSPHRASE='demo vault' .venv/bin/python -m recovery_journal demo \
        --vault /tmp/guide-en.rjvault --days 400 --language en
then, under Xvfb:
    xvfb-run -a -s "-screen 0 1280x900x24" .venv/bin/python tools/guide_screenshots.py \
        /tmp/guide-shots-en /tmp/guide-en.rjvault 'demo vault' en

It writes one PNG per picture, named as docs/guide.*.md use them (create, guide, today, journal,
review, clean-time, step, inventory, charts, search, report, help-now), and three the guides do
not use (report-top, shortcuts, settings); pages at 1024x700, none wider than 1024 px. The Help
now contacts it saves into the vault are made up. Shrink the pictures before committing them
(pngquant --strip, or `convert -strip -colors 256`). Modelled on tools/screenshots.py.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QLabel, QScrollArea, QWidget

sys.path.insert(0, str(Path(__file__).resolve().parent))

from recovery_journal.domain.help_now import Contact  # noqa: E402
from recovery_journal.ui.app import AppController, make_application  # noqa: E402
from recovery_journal.ui.i18n_qt import apply_language  # noqa: E402
from recovery_journal.ui.pages import Page  # noqa: E402
from screenshots import settle, wait  # noqa: E402

WIDTH, HEIGHT = 1024, 700
# The pictures show where a vault usually is on Linux, not the scratch folder they were made in.
USUAL_PLACE = "/home/alex/.local/share/recovery-journal/journal.rjvault"

# Made-up people and numbers (555-01xx is reserved for fiction); the app itself suggests none.
CONTACTS = {
    "en": (
        ("Sam", "555-0142"),
        [Contact("Jo", "555-0178", "home group, mornings")],
        [Contact("A helpline", "555-0199", "open all night")],
    ),
    "ru": (
        ("Саша", "+7 900 000-01-42"),
        [Contact("Оля", "+7 900 000-01-78", "моя группа, по утрам")],
        [Contact("Телефон доверия", "8 800 000-01-99", "круглосуточно")],
    ),
}


def pump(app: QApplication, times: int = 20) -> None:
    for _ in range(times):
        app.processEvents()


def save_dialog(app: QApplication, dialog: QWidget, out: Path, name: str) -> None:
    """A dialog just opened: let it lay out, take its picture, close it."""
    pump(app)
    save(dialog, out, name)
    dialog.close()


def save(widget: QWidget, out: Path, name: str) -> None:
    picture = widget.grab()
    if picture.width() > WIDTH:
        picture = picture.scaledToWidth(WIDTH, Qt.TransformationMode.SmoothTransformation)
    picture.save(str(out / f"{name}.png"))
    print(out / f"{name}.png")


def main() -> None:
    out = Path(sys.argv[1])
    vault = Path(sys.argv[2])
    passphrase = sys.argv[3]
    language = sys.argv[4]
    out.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp())
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(scratch))
    app = make_application(sys.argv[:1])
    apply_language(app, language)

    # Creating a vault: a passphrase of unrelated words, typed twice alike.
    create = AppController(app, scratch / "new.rjvault").start()
    create.passphrase.setText("quiet river morning lamp")
    create.repeat.setText("quiet river morning lamp")
    location = create.findChild(QLabel, "location")
    if location is not None:
        location.setText(location.text().replace(str(scratch / "new.rjvault"), USUAL_PLACE))
    # Its strength is rated off the GUI thread once typing pauses: the picture shows the words.
    while create.rater.rating is None:
        pump(app)
        time.sleep(0.01)
    pump(app)
    save(create, out, "create")
    create.close()

    controller = AppController(app, vault)
    dialog = controller.start()
    dialog.passphrase.setText(passphrase)
    dialog._unlock()
    wait(app, lambda: controller.window is not None)
    window = controller.window
    window.resize(WIDTH, HEIGHT)
    ops = controller.operations

    save_dialog(app, window.open_guide(), out, "guide")

    window.show_page(Page.TODAY)
    settle(app, ops)
    save(window, out, "today")

    # A journal day whose entry has a mood and tags, as the guide describes.
    window.show_page(Page.JOURNAL)
    settle(app, ops)
    journal = window.journal
    for row in range(min(journal.timeline.count(), 60)):
        journal.timeline.setCurrentRow(row)
        settle(app, ops)
        if journal.mood.currentIndex() > 0 and journal.tags_edit.text():
            break
    save(window, out, "journal")

    window.open_review()
    settle(app, ops)
    save(window, out, "review")

    window.show_page(Page.PRACTICE)
    window.practice.tabs.setCurrentIndex(0)
    settle(app, ops)
    save(window, out, "clean-time")

    window.show_page(Page.STEPS)
    settle(app, ops)
    detail = window.steps.open_step(4)
    settle(app, ops)
    detail.tabs.setCurrentIndex(0)
    settle(app, ops)
    save(window, out, "step")
    window.steps.show_overview()

    window.show_page(Page.INVENTORY)
    window.inventory.tabs.setCurrentIndex(0)
    settle(app, ops)
    sheet = window.inventory.tabs.currentWidget()
    table = sheet.table
    # Wider than the other pages (the form beside the table keeps its width), so every column
    # of the table shows; save() shrinks the picture to 1024 px.
    window.resize(1180, 806)
    if table.model.records:
        table.select(table.model.records[0].uid)
    settle(app, ops)
    save(window, out, "inventory")
    window.resize(WIDTH, HEIGHT)

    window.show_page(Page.CHARTS)
    wait(app, lambda: window.charts.view is not None)
    window.charts.tabs.setCurrentIndex(0)
    settle(app, ops)
    tab = window.charts.tabs.currentWidget()
    wait(app, lambda: tab.chart.painted_for is window.charts.view and tab.chart.up_to_date)
    pump(app, 10)
    save(window, out, "charts")

    window.search_box.setText("обида" if language == "ru" else "resentful")
    window._search_typed(window.search_box.text())
    wait(app, lambda: window.search.answered > 0)
    settle(app, ops)
    save(window, out, "search")
    window.search_box.clear()
    window._search_typed("")

    report = window.open_report()
    report.resize(WIDTH, HEIGHT)
    wait(app, lambda: report.options is not None and not report._busy)
    report.name.setText("С." if language == "ru" else "A.")
    report.preview()
    wait(app, lambda: bool(report.pages) and not report._busy, seconds=60)
    pump(app, 10)
    save(report, out, "report-top")
    # Lower down: the private rows to tick one by one, and the optional password.
    report.protect.setChecked(True)
    pump(app)
    options = next(
        area
        for area in report.findChildren(QScrollArea)
        if area.widget() is not None and area.widget().isAncestorOf(report.protect)
    )
    options.verticalScrollBar().setValue(options.verticalScrollBar().maximum())
    pump(app)
    save(report, out, "report")
    report.close()

    help_now = window.open_help_now()
    wait(app, lambda: help_now.help_now is not None)
    pump(app)
    (name, reach), people, helplines = CONTACTS[language]
    help_now.edit()
    help_now.sponsor_name.setText(name)
    help_now.sponsor_reach.setText(reach)
    help_now.people.set_contacts(tuple(people))
    help_now.helplines.set_contacts(tuple(helplines))
    help_now.save()
    wait(app, lambda: help_now.stack.currentIndex() == 0 and help_now.edit_button.isVisible())
    pump(app)
    save(help_now, out, "help-now")
    help_now.close()

    save_dialog(app, window.open_shortcuts(), out, "shortcuts")

    window.show_page(Page.SETTINGS)
    settle(app, ops)
    # The demo vault lives in /tmp; show where a vault usually is, as the guide says.
    location = window.settings.findChild(QLabel, "vault_path")
    if location is not None:
        location.setText(USUAL_PLACE)
    pump(app)
    save(window, out, "settings")

    controller._replacing_window = True
    window.close()
    controller.shutdown()
    os._exit(0)


if __name__ == "__main__":
    main()
