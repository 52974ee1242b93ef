"""The Settings page's layout: fields as wide as what they hold."""
# ruff: noqa: F811 - the controllers fixture is imported from test_ui and used as an argument

from __future__ import annotations

from PySide6.QtCore import QSize

from recovery_journal.store import create_vault
from recovery_journal.ui.pages import Page
from tests.conftest import PASSPHRASE, TEST_KDF
from tests.test_ui import controllers, settle, start, unlock  # noqa: F401 - fixtures and helpers


def test_the_time_boxes_keep_their_natural_width(qapp, qtbot, controllers, vault_path):
    create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF).close()
    controller, dialog = start(qapp, controllers, vault_path)
    window = unlock(qtbot, controller, dialog)
    window.resize(QSize(1280, 800))
    window.show()
    window.show_page(Page.SETTINGS)
    settle(qtbot, controller)
    qtbot.wait(20)
    page = window.settings
    for box in (page.day_boundary, page.reminder_time):
        # Five characters and the arrows, not the width of the page.
        assert box.isVisible()
        assert box.width() <= box.sizeHint().width(), box.objectName()
        assert box.width() < page.width() // 4, box.objectName()
