"""Make the screenshots the AppStream metainfo shows (packaging/linux/screenshots/), in English
and Russian, each from a fresh demo vault in its language:

    PYTHONPATH=$PWD QT_QPA_PLATFORM=offscreen .venv/bin/python tools/appstream_screenshots.py

Software centres fetch them from the URLs in packaging/linux/<app ID>.metainfo.xml, which name
these files in the published repository; tests/test_linux_desktop.py checks that each URL has its
file here, of the size the metainfo says. Run it again after a visible change to these pages.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings

from recovery_journal.ui.app import AppController, make_application
from recovery_journal.ui.i18n_qt import apply_language
from recovery_journal.ui.pages import Page
from screenshots import settle, wait

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "packaging" / "linux" / "screenshots"
PASSPHRASE = "demo vault"
SIZE = (1100, 720)
LANGUAGES = ("en", "ru")
# The charts page's tab that says the most at a glance: the last 30 days against a year ago.
A_YEAR_AGO_TAB = 3


def demo_vault(folder: Path, language: str) -> Path:
    vault = folder / f"demo-{language}.rjvault"
    command = [sys.executable, "-m", "recovery_journal", "demo", "--language", language]
    environment = {**os.environ, "RECOVERY_JOURNAL_PASSPHRASE": PASSPHRASE}
    subprocess.run([*command, "--vault", str(vault)], env=environment, check=True)
    return vault


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp())
    # Settings of their own: nothing of the person's (theme, text size, window) shows.
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(scratch))
    app = make_application(sys.argv[:1])
    for language in LANGUAGES:
        apply_language(app, language)
        controller = AppController(app, demo_vault(scratch, language))
        dialog = controller.start()
        dialog.passphrase.setText(PASSPHRASE)
        dialog._unlock()
        wait(app, lambda controller=controller: controller.window is not None)
        window = controller.window
        window.resize(*SIZE)

        def shot(page: str, window=window, controller=controller, language=language) -> None:
            settle(app, controller.operations)
            window.grab().save(str(OUT / f"{page}-{language}.png"))

        window.show_page(Page.TODAY)
        shot("today")
        window.show_page(Page.REVIEW)
        settle(app, controller.operations)
        # Last night's review, filled in (tonight's is still empty).
        window.review.turn(-1)
        shot("review")
        window.show_page(Page.STEPS)
        shot("steps")
        window.show_page(Page.CHARTS)
        wait(app, lambda window=window: window.charts.view is not None)
        window.charts.tabs.setCurrentIndex(A_YEAR_AGO_TAB)
        tab = window.charts.tabs.currentWidget()
        wait(
            app,
            lambda tab=tab, window=window: (
                tab.chart.painted_for is window.charts.view and tab.chart.up_to_date
            ),
        )
        shot("charts")
        controller._replacing_window = True
        window.close()
        controller.shutdown()
    shutil.rmtree(scratch, ignore_errors=True)  # the demo vaults and the scratch settings
    print(f"screenshots in {OUT}")
    os._exit(0)  # as tools/screenshots.py: Qt's teardown after the vaults closed adds nothing


if __name__ == "__main__":
    main()
