"""A window's first size that fits the screen, a page that scrolls, a height in lines of text,
the shared folder's row, and the conversion between Python's dates and Qt's. (The label styles
are in ui/labels.py.)"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, QObject, QSize, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

TITLE_BAR = 40  # room left on the screen for a window's frame, which is not known before it shows
TEXT_MARGIN = 4  # QTextDocument's margin around the text of a plain or rich text editor


def lines_high(box: QAbstractScrollArea, lines: int) -> int:
    """The height of a text editor or list that shows ``lines`` lines of its text, frame and
    margins included: a minimum that grows with the text size, where pixels would not."""
    return lines * box.fontMetrics().lineSpacing() + 2 * box.frameWidth() + 2 * TEXT_MARGIN


def scrolling(page: QWidget) -> QScrollArea:
    """The page in a scroll area: taller than the window (large text, a small screen), it scrolls
    rather than being squeezed; otherwise it fills the window as before."""
    holder = _PageHolder()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(page)
    area = QScrollArea()
    area.setObjectName("page_scroller")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    # Not a stop of its own on the way through with Tab (from the page list the keyboard goes
    # into the page); it scrolls to follow the focus inside it.
    from PySide6.QtCore import Qt

    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setWidget(holder)
    return area


class _PageHolder(QWidget):
    """As tall as the page's wrapped text needs at the width, and never less than the page's
    minimum: a scroll area asks only the first, which can be less."""

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        return max(super().heightForWidth(width), self.minimumSizeHint().height())


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Give a window its first size, made smaller where the screen is smaller (1024x700, say)
    and larger with larger text (half as much again at 200 %); a dialog is also kept tall
    enough for its text (keep_tall_enough)."""
    from recovery_journal.ui.appearance import text_scale

    app = QApplication.instance()
    scale = text_scale(app) if isinstance(app, QApplication) else 1.0
    grow = max(1.0, 1 + (scale - 1) / 2)
    wanted = QSize(round(width * grow), round(height * grow))
    window.resize(wanted.boundedTo(_room(window)))
    if isinstance(window, QDialog):
        keep_tall_enough(window)


def grow_for_text(window: QWidget, width: int, height: int) -> None:
    """After the text grew: the window as large as fit_to_screen would make it now, if it is
    smaller (a window sized for 100 % text made every page scroll sideways at 200 %)."""
    old = window.size()
    fit_to_screen(window, width, height)
    window.resize(window.size().expandedTo(old))


def keep_tall_enough(window: QWidget) -> None:
    """Keep a window as tall as its wrapped text needs at the width it has, as the text grows
    or its contents arrive (200 % text would otherwise squeeze its lines together)."""
    if window.findChild(_TallEnough) is None:
        window.installEventFilter(_TallEnough(window))


def _room(window: QWidget) -> QSize:
    """The room on the screen the window is on (or its parent's), less a title bar."""
    parent = window.parentWidget()
    anchor = parent.window() if parent is not None else window
    # Not QWidget.screen(): PySide ties the screen's wrapper to that widget's life.
    screen = QGuiApplication.screenAt(anchor.geometry().center()) or QGuiApplication.primaryScreen()
    return screen.availableGeometry().size() - QSize(0, TITLE_BAR)


class _TallEnough(QObject):
    """Keeps a window at least as tall as its contents need at its width, wrapped lines
    included: Qt's own minimum height for a window leaves height-for-width out."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest) and isinstance(
            watched, QWidget
        ):
            layout = watched.layout()
            if layout is not None and layout.hasHeightForWidth():
                needed = min(layout.minimumHeightForWidth(watched.width()), _room(watched).height())
                if needed > 0 and watched.minimumHeight() != needed:
                    watched.setMinimumHeight(needed)
        return False


def clear_layout(layout: QLayout) -> None:
    """Remove and delete every widget a layout holds (for forms rebuilt from new data)."""
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.deleteLater()


def programme_box() -> QComboBox:
    """The programme to choose (Settings, and a new journal): its steps' wording and the words
    for the counted time follow it; each item holds its ``Programme``."""
    from recovery_journal.domain.steps import Programme
    from recovery_journal.i18n import _, current_language
    from recovery_journal.services.step_content import step_content

    box = QComboBox()
    box.setObjectName("programme")
    # Said on hover and to a screen reader (a paragraph more made the create dialog taller than
    # a 1280x800 screen at 200 % text).
    about = _(
        "It chooses the words for the time you count and how the steps are worded to begin "
        "with; Settings can change it later."
    )
    box.setToolTip(about)
    box.setAccessibleDescription(about)
    names = step_content(current_language()).programme_names
    for programme in Programme:
        box.addItem(names[programme], programme)
    return box


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class SharedFolderRow(QWidget):
    """The folder a sync program keeps in step, typed (``line``) or chosen with Choose…: the
    sharing dialog and the welcome window of a computer joining."""

    chosen = Signal()  # a folder was chosen in the system's dialog

    def __init__(self, parent: QWidget | None = None) -> None:
        from recovery_journal.i18n import _

        super().__init__(parent)
        self.line = QLineEdit()
        self.choose_button = QPushButton(_("C&hoose…"))
        self.choose_button.setAutoDefault(False)  # Enter in the line means the dialog's action
        self.choose_button.clicked.connect(self._choose)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.line, stretch=1)
        row.addWidget(self.choose_button)

    def _choose(self) -> None:
        from recovery_journal.i18n import _

        chosen = QFileDialog.getExistingDirectory(
            self, _("Choose the shared folder"), self.line.text() or str(Path.home())
        )
        if chosen:
            self.line.setText(chosen)
            self.chosen.emit()
