"""Our own look for the light and dark themes chosen by hand (and the system's dark one): Fusion,
with a dark palette and tick boxes that show in it (ui.appearance applies them)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleFactory, QStyleOption, QWidget

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
