"""Theme and text size: chosen in Settings, applied to the whole app at once, kept for next time."""
# ruff: noqa: F811 - the controllers fixture is imported from test_ui and used as an argument

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QPalette

from recovery_journal.store import create_vault
from recovery_journal.ui.app import AppController
from recovery_journal.ui.appearance import (
    apply_appearance,
    chosen_text_size,
    chosen_theme,
)
from recovery_journal.ui.pages import Page
from tests.conftest import PASSPHRASE, TEST_KDF
from tests.test_ui import controllers, start, unlock  # noqa: F401


@pytest.fixture
def controller(qapp, qtbot, controllers, vault_path) -> Iterator[AppController]:
    create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF).close()
    made, dialog = start(qapp, controllers, vault_path)
    unlock(qtbot, made, dialog)
    yield made
    apply_appearance(qapp, "system", 100)  # the controllers fixture closes the window after


def _choose(combo, value) -> None:
    combo.setCurrentIndex(combo.findData(value))
    combo.activated.emit(combo.currentIndex())


def test_dark_and_large_text_apply_at_once_and_are_remembered(qapp, qtbot, controller):
    base = qapp.font().pointSizeF()
    window = controller.window
    window.show_page(Page.SETTINGS)
    _choose(window.settings.theme, "dark")
    qtbot.waitUntil(lambda: controller.window is not window, timeout=5_000)
    window = controller.window
    assert window.current_page() is Page.SETTINGS
    assert qapp.palette().color(QPalette.ColorRole.Window).name() == "#2b2b2b"
    assert window.palette().color(QPalette.ColorRole.Base).name() == "#1f1f1f"
    assert chosen_theme() == "dark"

    _choose(window.settings.text_size, 150)
    qtbot.waitUntil(lambda: controller.window is not window, timeout=5_000)
    window = controller.window
    assert qapp.font().pointSizeF() == pytest.approx(base * 1.5)
    assert window.settings.font().pointSizeF() == pytest.approx(base * 1.5)
    assert chosen_text_size() == 150
    assert window.settings.theme.currentData() == "dark"

    # Back to the system's look and the usual size: the first font and style come back.
    _choose(window.settings.theme, "system")
    qtbot.waitUntil(lambda: controller.window is not window, timeout=5_000)
    window = controller.window
    _choose(window.settings.text_size, 100)
    qtbot.waitUntil(lambda: controller.window is not window, timeout=5_000)
    assert qapp.font().pointSizeF() == pytest.approx(base)
    assert qapp.palette().color(QPalette.ColorRole.Window).name() != "#2b2b2b"
