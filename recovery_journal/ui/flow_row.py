"""A row of buttons (or a sentence and its buttons) that wraps onto more lines when narrow.

At the usual text size a row fits on one line and looks like a QHBoxLayout's; at 200 % text, or
in Russian, the widgets that no longer fit move to the next line instead of being squeezed until
their words are cut, or making the page scroll sideways. A wrapped label among them gets the
width left on its line, and the height of its lines.

It is a widget that places its children itself rather than a QLayout subclass: PySide's wrappers
of the QLayoutItems such a layout must keep were found deleted under it while Qt still laid the
row out (PySide6 6.11).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, QSize, Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QStyle, QWidget


class FlowRow(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._widgets: list[QWidget | None] = []  # None: a stretch
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def addWidget(self, widget: QWidget) -> None:  # noqa: N802 - as QLayout's, which it replaces
        """Add a widget after the others (the keyboard's Tab follows the same order)."""
        hidden_by_hand = widget.testAttribute(
            Qt.WidgetAttribute.WA_WState_ExplicitShowHide
        ) and widget.testAttribute(Qt.WidgetAttribute.WA_WState_Hidden)
        widget.setParent(self)
        self._widgets.append(widget)
        if self.isVisible() and not hidden_by_hand:
            widget.show()  # as a layout shows the widgets given to it once on screen
        self._changed()

    def addStretch(self) -> None:  # noqa: N802 - as QBoxLayout's
        """The widgets after this go to the right end of their line (on the first line only
        when they share it with the ones before)."""
        self._widgets.append(None)

    # --- sizes -----------------------------------------------------------------------------------

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        return self._arrange(width, move=False)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """Everything on one line."""
        shown = self._shown()
        width = sum(_natural_width(widget) for widget in shown)
        width += self._gap_x() * max(0, len(shown) - 1)
        height = max((widget.sizeHint().height() for widget in shown), default=0)
        return QSize(width, height)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """As narrow as the widest widget, each on a line of its own."""
        size = QSize(0, 0)
        for widget in self._shown():
            size = size.expandedTo(_smallest(widget))
        return size

    # --- keeping up with the widgets -------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        # A child's size hint changed, or it was shown or hidden (Qt posts this to a parent
        # without a layout): tell the layout around, and place the widgets again.
        if event.type() == QEvent.Type.LayoutRequest:
            self._changed()
        return super().event(event)

    def resizeEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        self._arrange(self.width(), move=True)

    def _changed(self) -> None:
        self.updateGeometry()
        self._arrange(self.width(), move=True)

    # --- placing ---------------------------------------------------------------------------------

    def _shown(self) -> list[QWidget]:
        return [widget for widget in self._widgets if widget is not None and not widget.isHidden()]

    def _gap_x(self) -> int:
        return max(0, self.style().pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing))

    def _gap_y(self) -> int:
        return max(0, self.style().pixelMetric(QStyle.PixelMetric.PM_LayoutVerticalSpacing))

    def _arrange(self, room: int, move: bool) -> int:
        """Place the widgets line by line in ``room`` pixels of width (or only measure); the
        height they take."""
        gap_x, gap_y = self._gap_x(), self._gap_y()
        # Each line: its widgets with their width and height, and where a stretch pushes right.
        lines: list[list[tuple[QWidget, int, int]]] = [[]]
        stretches: list[int | None] = [None]
        x = 0
        for widget in self._widgets:
            if widget is None:
                if stretches[-1] is None:
                    stretches[-1] = len(lines[-1])
                continue
            if widget.isHidden():
                continue
            width = max(_smallest(widget).width(), min(_natural_width(widget), room))
            if lines[-1] and x + width > room:
                lines.append([])
                stretches.append(None)
                x = 0
            if widget.hasHeightForWidth():
                height = widget.heightForWidth(width)
            else:
                height = max(widget.sizeHint().height(), _smallest(widget).height())
            lines[-1].append((widget, width, height))
            x += width + gap_x
        y = 0
        for line, stretch in zip(lines, stretches, strict=True):
            line_height = max((height for _widget, _width, height in line), default=0)
            used = sum(width for _widget, width, _height in line) + gap_x * max(0, len(line) - 1)
            x = 0
            for number, (widget, width, height) in enumerate(line):
                if number == stretch:
                    x += max(0, room - used)
                if move:
                    top = y + (line_height - height) // 2  # centred on the line
                    widget.setGeometry(QRect(x, top, width, height))
                x += width + gap_x
            y += line_height + gap_y
        return max(0, y - gap_y)


def _natural_width(widget: QWidget) -> int:
    """A sentence on one line if it can be (a wrapped label's own size hint is a guess at a
    pleasing shape, often two short lines); any other widget, its size hint."""
    if isinstance(widget, QLabel) and widget.wordWrap():
        margins = widget.contentsMargins()
        lines = widget.text().splitlines() or [""]
        text = max(widget.fontMetrics().horizontalAdvance(line) for line in lines)
        return text + 2 * widget.margin() + margins.left() + margins.right() + 2
    return widget.sizeHint().width()


def _smallest(widget: QWidget) -> QSize:
    return widget.minimumSizeHint().expandedTo(widget.minimumSize())
