"""Theme (the system's, light or dark) and text size, for this computer (QSettings).

The system's choice is followed where Qt reports one (Qt 6.5+ colour scheme); light and dark can
also be chosen by hand, with Fusion and our own palettes so every platform looks the same.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QWidget,
)

from recovery_journal.i18n import N_
from recovery_journal.ui.ui_state import ui_settings

THEME = "appearance/theme"
TEXT_SIZE = "appearance/text_percent"
THEMES = {"system": N_("As the system"), "light": N_("Light"), "dark": N_("Dark")}
TEXT_SIZES = (90, 100, 115, 130, 150, 175, 200)
DEFAULT_TEXT_SIZE = 100

_BASE_SIZE = "recovery_journal_base_point_size"
_BASE_STYLE = "recovery_journal_base_style"
_system_palette: list[QPalette] = []  # the palette the app started with, to go back to

_DARK = {
    QPalette.ColorRole.Window: "#2b2b2b",
    QPalette.ColorRole.WindowText: "#e6e6e6",
    QPalette.ColorRole.Base: "#1f1f1f",
    QPalette.ColorRole.AlternateBase: "#2f2f2f",
    QPalette.ColorRole.Text: "#e6e6e6",
    QPalette.ColorRole.Button: "#353535",
    QPalette.ColorRole.ButtonText: "#e6e6e6",
    QPalette.ColorRole.BrightText: "#ffffff",
    QPalette.ColorRole.Highlight: "#3d6fb4",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#8ab4f8",
    QPalette.ColorRole.Mid: "#5a5a5a",
    QPalette.ColorRole.ToolTipBase: "#353535",
    QPalette.ColorRole.ToolTipText: "#e6e6e6",
    QPalette.ColorRole.PlaceholderText: "#9a9a9a",
}


# A tick box's outline in the dark theme: 4:1 against the window and the box (WCAG asks 3:1).
TICK_OUTLINE = "#8c8c8c"


class VisibleTicksStyle(QProxyStyle):
    """Fusion with tick boxes that show in the dark and grow with the text.

    Fusion draws a tick box's outline a shade darker than the window: with a dark window that is
    the colour of the box itself, so the boxes (and the check cells of tables and lists, drawn
    the same way) vanished. In the dark the outline is drawn again in a light grey; the
    keyboard's focus frame, drawn in the highlight colour, is left as it is. Fusion's boxes are
    the same few pixels whatever the text size: here they grow with it (200 %: twice as big).
    """

    _SIZES = (
        QStyle.PixelMetric.PM_IndicatorWidth,
        QStyle.PixelMetric.PM_IndicatorHeight,
        QStyle.PixelMetric.PM_ExclusiveIndicatorWidth,
        QStyle.PixelMetric.PM_ExclusiveIndicatorHeight,
    )

    def __init__(self, dark: bool, text_size: int) -> None:
        super().__init__(QStyleFactory.create("Fusion"))
        self.dark = dark
        self.scale = max(1.0, text_size / 100)

    def pixelMetric(  # noqa: N802 - Qt's name
        self,
        metric: QStyle.PixelMetric,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
    ) -> int:
        value = super().pixelMetric(metric, option, widget)
        return round(value * self.scale) if metric in self._SIZES else value

    def drawPrimitive(  # noqa: N802 - Qt's name
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if not self.dark or element is not QStyle.PrimitiveElement.PE_IndicatorCheckBox:
            return
        focused = QStyle.StateFlag.State_HasFocus | QStyle.StateFlag.State_KeyboardFocusChange
        if option.state & focused == focused:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.translate(0.5, 0.5)  # as Fusion draws it: on the pixels, not between them
        colour = QColor(TICK_OUTLINE)
        if not option.state & QStyle.StateFlag.State_Enabled:
            colour = colour.darker(150)
        painter.setPen(QPen(colour, 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(option.rect.adjusted(0, 0, -1, -1))
        painter.restore()


def text_scale(app: QApplication) -> float:
    """The text size applied, as a factor of the system's (1.0 until one is applied)."""
    base = app.property(_BASE_SIZE)
    if base is None or float(base) <= 0:
        return 1.0
    return app.font().pointSizeF() / float(base)


def chosen_theme() -> str:
    value = str(ui_settings().value(THEME, "system"))
    return value if value in THEMES else "system"


def chosen_text_size() -> int:
    try:
        value = int(str(ui_settings().value(TEXT_SIZE, DEFAULT_TEXT_SIZE)))
    except ValueError:
        return DEFAULT_TEXT_SIZE
    return value if value in TEXT_SIZES else DEFAULT_TEXT_SIZE


def remember_appearance(theme: str, text_size: int) -> None:
    state = ui_settings()
    state.setValue(THEME, theme)
    state.setValue(TEXT_SIZE, text_size)


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in _DARK.items():
        palette.setColor(role, QColor(colour))
    disabled = QColor("#7f7f7f")
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


def is_dark(theme: str, app: QApplication) -> bool:
    if theme == "dark":
        return True
    if theme == "light":
        return False
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def apply_appearance(
    app: QApplication, theme: str | None = None, text_size: int | None = None
) -> None:
    """Apply the theme and the text size (the remembered ones when not given)."""
    theme = chosen_theme() if theme is None else theme
    text_size = chosen_text_size() if text_size is None else text_size
    if app.property(_BASE_SIZE) is None:
        app.setProperty(_BASE_SIZE, app.font().pointSizeF())
        app.setProperty(_BASE_STYLE, app.style().name())
        _system_palette[:] = [QPalette(app.palette())]
    font = QFont(app.font())
    font.setPointSizeF(float(app.property(_BASE_SIZE)) * text_size / 100)
    app.setFont(font)
    dark = is_dark(theme, app)
    if theme == "system" and not dark:
        base = str(app.property(_BASE_STYLE))
        if app.style().name() != base:
            app.setStyle(base)
        if _system_palette:
            app.setPalette(_system_palette[0])
        return
    # Qt takes the style over; PySide would otherwise free it with this function's frame.
    style = VisibleTicksStyle(dark, text_size)
    style.setParent(app)
    app.setStyle(style)
    app.setPalette(dark_palette() if dark else style.standardPalette())
