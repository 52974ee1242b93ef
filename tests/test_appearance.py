"""Theme and text size: chosen in Settings, applied to the whole app at once, kept for next time."""
# ruff: noqa: F811 - the controllers fixture is imported from test_ui and used as an argument

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from PySide6.QtWidgets import QCheckBox, QStyle, QStyleOptionButton, QStyleOptionViewItem

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


# --- tick boxes in the dark -----------------------------------------------------------------------


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(one: QColor, other: QColor) -> float:
    """WCAG's contrast ratio, 1 (none) to 21; lines and boxes need 3 (non-text contrast)."""
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize(
    "element",
    [
        QStyle.PrimitiveElement.PE_IndicatorCheckBox,
        QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck,
    ],
    ids=["tick box", "check cell of a table or list"],
)
@pytest.mark.parametrize("checked", [False, True], ids=["empty", "ticked"])
@pytest.mark.parametrize("text_size", [100, 200])
def test_tick_boxes_show_their_outline_and_tick_in_the_dark(qapp, element, checked, text_size):
    apply_appearance(qapp, "dark", text_size)
    try:
        palette = qapp.palette()
        window, base = (
            palette.color(QPalette.ColorRole.Window),
            palette.color(QPalette.ColorRole.Base),
        )
        style = qapp.style()
        size = style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth)
        option = (
            QStyleOptionViewItem() if element.name.endswith("ItemCheck") else QStyleOptionButton()
        )
        option.rect = QRect(10, 10, size, size)
        option.palette = palette
        option.state = QStyle.StateFlag.State_Enabled | (
            QStyle.StateFlag.State_On if checked else QStyle.StateFlag.State_Off
        )
        image = QImage(size + 20, size + 20, QImage.Format.Format_ARGB32)
        image.fill(window)
        painter = QPainter(image)
        style.drawPrimitive(element, option, painter)
        painter.end()
        middle = 10 + size // 2
        edges = [image.pixelColor(middle, 10), image.pixelColor(10, middle)]
        for edge in edges:
            assert contrast(edge, window) >= 3, edge.name()
            assert contrast(edge, base) >= 3, edge.name()
        inside = [image.pixelColor(x, y) for x in range(12, 8 + size) for y in range(12, 8 + size)]
        marked = max(contrast(pixel, base) for pixel in inside)
        assert (marked >= 3) is checked, f"the tick's strongest pixel: {marked:.1f}"
    finally:
        apply_appearance(qapp, "system", 100)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_tick_boxes_grow_with_the_text(qapp, qtbot, theme):
    sizes = {}
    try:
        for text_size in (100, 200):
            apply_appearance(qapp, theme, text_size)
            box = QCheckBox("Private")
            qtbot.addWidget(box)
            option = QStyleOptionButton()
            option.initFrom(box)
            sizes[text_size] = (
                qapp.style()
                .subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
                .height()
            )
    finally:
        apply_appearance(qapp, "system", 100)
    assert sizes[200] >= 1.9 * sizes[100], sizes


def test_a_start_in_the_systems_look_takes_its_scheme_from_last_time_then_asks_again(qapp):
    """The first window is built before Qt's namespace, in which Qt says the system's scheme: it
    takes the scheme remembered from the last start, and once on screen the scheme is asked for
    and applied if it changed (here Qt, offscreen, says it is not dark)."""
    from recovery_journal.ui.appearance import (
        SYSTEM_WAS_DARK,
        follow_system_scheme,
        system_was_dark,
    )
    from recovery_journal.ui.ui_state import ui_settings

    light = qapp.palette().color(QPalette.ColorRole.Window).name()
    ui_settings().setValue(SYSTEM_WAS_DARK, True)
    try:
        apply_appearance(qapp, "system", 100, as_last_time=True)
        assert qapp.palette().color(QPalette.ColorRole.Window).name() == "#2b2b2b"
        follow_system_scheme(qapp)
        assert qapp.palette().color(QPalette.ColorRole.Window).name() == light
        assert system_was_dark() is False  # remembered for the next start
    finally:
        apply_appearance(qapp, "system", 100)


def test_a_start_in_a_look_chosen_by_hand_does_not_wait_for_the_system(qapp):
    from recovery_journal.ui.appearance import SYSTEM_WAS_DARK
    from recovery_journal.ui.ui_state import ui_settings

    ui_settings().setValue(SYSTEM_WAS_DARK, False)
    try:
        apply_appearance(qapp, "dark", 100, as_last_time=True)
        assert qapp.palette().color(QPalette.ColorRole.Window).name() == "#2b2b2b"
    finally:
        apply_appearance(qapp, "system", 100)
