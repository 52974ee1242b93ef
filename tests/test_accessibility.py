"""Every page, in English and Russian, at 1024x700: names for screen readers, a tab order that
follows the layout, nothing cut off, and no stylesheet that hides the focus frame.

The window is walked as a keyboard user would meet it: each page, each tab of its tab widgets,
a few open steps of the Steps page, the window's own side panel and the windows it opens
beside itself. Problems are collected across all of them and reported together, each with its
page, language, class and object name.
"""
# ruff: noqa: F811 - the controllers fixture is imported from test_ui and used as an argument

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, QEvent, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QAccessible, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QCalendarWidget,
    QComboBox,
    QDateEdit,
    QDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollBar,
    QSizePolicy,
    QSlider,
    QTabBar,
    QTableView,
    QTabWidget,
    QTextEdit,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from recovery_journal.services.demo import fill_demo
from recovery_journal.store import create_vault
from recovery_journal.ui.accessibility import (
    name_calendar,
    name_clear_button,
    name_controls_for_screen_readers,
    name_more_tools,
)
from recovery_journal.ui.i18n_qt import apply_language
from recovery_journal.ui.pages import Page
from recovery_journal.ui.pages.practice import SlipDialog
from recovery_journal.ui.pages.review import QuestionsDialog
from recovery_journal.ui.record_table import RecordTable
from recovery_journal.ui.report_dialog import ReportDialog
from tests.conftest import PASSPHRASE, TEST_KDF, persons_today
from tests.test_ui import controllers, settle, start, unlock  # noqa: F401 - fixtures and helpers

WINDOW = QSize(1024, 700)
LAYOUT_MS = 25  # an event loop this long lays out what the last answer from the vault showed

# Problems this test finds in files another change owns (recovery_journal/ui/main_window.py,
# app.py, pages/settings.py and the help dialogs are being edited there). They are printed but do
# not fail the test; remove an entry once it is fixed there. Each entry is a problem's key,
# "check: page/Class#objectName in Class#objectName" (Problem.key: the language left out).
# None at the moment: the settings page, the side panel and the help dialogs pass.
KNOWN_ELSEWHERE: frozenset[str] = frozenset()

# Tolerances of the tab-order rule, in pixels: a control may sit a little higher than the one
# before it (widgets of one row differ in height), and going up is moving on to another column
# only when the next control is this far to the right.
SAME_ROW = 12
NEW_COLUMN = 100

CONTROLS = (
    QAbstractButton,
    QLineEdit,
    QTextEdit,
    QPlainTextEdit,
    QAbstractSpinBox,
    QComboBox,
    QAbstractItemView,
    QSlider,
    QCalendarWidget,
    QTabBar,
)
# Widgets made of other widgets: their inner parts (a spin box's line edit, a calendar's
# month buttons, a tab bar's scroll arrows, an item view's headers and editors) are the
# composite's business, and a screen reader meets them through it.
COMPOSITES = (
    QAbstractSpinBox,
    QComboBox,
    QCalendarWidget,
    QTabBar,
    QLineEdit,
    QAbstractItemView,
    QTextEdit,
    QPlainTextEdit,
)


@dataclass(frozen=True)
class Problem:
    check: str
    page: str
    language: str
    widget: str  # its class and object name: the widget itself may be gone by the end
    detail: str = ""

    @property
    def key(self) -> str:
        return f"{self.check}: {self.page.split(' ', 1)[0]}/{self.widget}"

    def __str__(self) -> str:
        detail = f" ({self.detail})" if self.detail else ""
        return f"[{self.language}] {self.check}: {self.page}: {self.widget}{detail}"


def _ident(widget: QWidget) -> str:
    """Its class and object name, and those of the nearest named widget around it."""
    ident = f"{type(widget).__name__}#{widget.objectName()}"
    parent = widget.parentWidget()
    while parent is not None and (not parent.objectName() or parent.objectName().startswith("qt_")):
        parent = parent.parentWidget()
    if parent is None or parent.isWindow():
        return ident
    return f"{ident} in {type(parent).__name__}#{parent.objectName()}"


# --- what is on the page --------------------------------------------------------------------------


def _ancestors(widget: QWidget, root: QWidget) -> Iterator[QWidget]:
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        yield parent
        parent = parent.parentWidget()


def _internal(widget: QWidget, root: QWidget) -> bool:
    """Part of a composite widget, or a scroll bar."""
    if isinstance(widget, QScrollBar):
        return True
    return any(isinstance(parent, COMPOSITES) for parent in _ancestors(widget, root))


def _owner(widget: QWidget, root: QWidget) -> QWidget:
    """The outermost composite that holds ``widget`` (a spin box for its line edit), or itself."""
    owner = widget
    for parent in _ancestors(widget, root):
        if isinstance(parent, COMPOSITES):
            owner = parent
    return owner


def _shown(root: QWidget) -> list[QWidget]:
    return [w for w in root.findChildren(QWidget) if w.isVisible() and not w.isWindow()]


def _controls(root: QWidget) -> list[QWidget]:
    """Every visible, enabled input or control that Tab can reach, composites' parts left out."""
    return [
        widget
        for widget in _shown(root)
        if isinstance(widget, CONTROLS)
        and widget.isEnabled()
        and widget.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus
        and not _internal(widget, root)
    ]


# --- 1. accessible names --------------------------------------------------------------------------


def _bridge_works() -> bool:
    """Whether Qt's accessibility interfaces answer offscreen (then they are the ground truth)."""
    probe = QLineEdit()
    probe.setAccessibleName("probe")
    interface = QAccessible.queryAccessibleInterface(probe)
    works = interface is not None and interface.text(QAccessible.Text.Name) == "probe"
    probe.deleteLater()
    return works


def _label_name(widget: QWidget) -> str:
    """The text of a label whose buddy the widget is, as Qt reads it: a label beside it."""
    parent = widget.parentWidget()
    if parent is None:
        return ""
    for label in parent.findChildren(QLabel, options=Qt.FindChildOption.FindDirectChildrenOnly):
        if label.buddy() is widget:
            return label.text().replace("&", "").strip()
    return ""


def _rule_name(widget: QWidget) -> str:
    name = widget.accessibleName().strip() or _label_name(widget)
    if not name and isinstance(widget, QAbstractButton):
        name = widget.text().replace("&", "").strip()
    return name


def accessible_name(widget: QWidget, bridge: bool) -> str:
    if not bridge:
        return _rule_name(widget)
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def held_values(widget: QWidget, bridge: bool) -> set[str]:
    """What a control holds (a combo box's chosen item, a field's text): never its name, or a
    screen reader says "Yes, combo box" and not what was asked."""
    values: list[str] = []
    if isinstance(widget, QComboBox):
        values.append(widget.currentText())
    elif isinstance(widget, QLineEdit | QAbstractSpinBox):
        values.append(widget.text())
    elif isinstance(widget, QTextEdit | QPlainTextEdit):
        values.append(widget.toPlainText())
    elif isinstance(widget, QToolButton) and _in_calendar(widget):
        values.append(widget.text())  # a calendar's month and year buttons: the month shown
    if bridge:
        interface = QAccessible.queryAccessibleInterface(widget)
        if interface is not None:
            values.append(interface.text(QAccessible.Text.Value))
    return {value.replace("&", "").strip() for value in values} - {""}


def _in_calendar(widget: QWidget) -> bool:
    parents = _ancestors(widget, widget.window())
    return any(isinstance(parent, QCalendarWidget) for parent in parents)


def _parts(widget: QWidget) -> list[QWidget]:
    """The parts of a composite a screen reader meets one by one: a calendar's month arrows,
    month and year buttons, year editor and table of days; a field's clear button."""
    kinds: tuple[type[QWidget], ...]
    if isinstance(widget, QCalendarWidget):
        kinds = (QToolButton, QAbstractSpinBox, QAbstractItemView)
    elif isinstance(widget, QLineEdit):
        kinds = (QToolButton,)
    else:
        return []
    return [
        part
        for part in widget.findChildren(QWidget)
        if part.isVisible() and isinstance(part, kinds)
    ]


def check_names(root: QWidget, page: str, language: str, bridge: bool) -> list[Problem]:
    """Every control needs a name that is not what it holds. With the bridge, both as Qt gives
    it and by the rules, the stricter where they differ (Qt names a tab bar by its current tab);
    without it, by the rules. A calendar's own parts and a field's clear button are checked too.
    """
    problems: list[Problem] = []
    controls = _controls(root)
    controls += [part for widget in controls for part in _parts(widget)]
    for widget in controls:
        names = {accessible_name(widget, bridge), accessible_name(widget, False)}
        if "" in names:
            problems.append(Problem("no accessible name", page, language, _ident(widget)))
            continue
        held = names & held_values(widget, bridge)
        if held:
            problems.append(
                Problem("named by its value", page, language, _ident(widget), held.pop())
            )
    return problems


# --- 2. tab order ---------------------------------------------------------------------------------


def _takes_tab(widget: QWidget, window: QWidget) -> bool:
    """What Qt's Tab stops on (QApplicationPrivate::focusNextPrevChild_helper)."""
    return (
        widget.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus
        and widget.focusProxy() is None
        and widget.isVisibleTo(window)
        and widget.isEnabled()
    )


def tab_chain(root: QWidget) -> list[QWidget]:
    """The controls of ``root`` in the order Tab visits them, from the first one on the page."""
    window = root.window()
    order: list[QWidget] = []
    widget = root.nextInFocusChain()
    for _step in range(20_000):
        if widget is root:
            break
        if root.isAncestorOf(widget) and _takes_tab(widget, window):
            owner = _owner(widget, root)
            if not order or order[-1] is not owner:
                order.append(owner)
        widget = widget.nextInFocusChain()
    return order


def _place(widget: QWidget) -> QPoint:
    return widget.mapToGlobal(QPoint(0, 0))


def check_tab_order(root: QWidget, page: str, language: str) -> list[Problem]:
    problems: list[Problem] = []
    chain = tab_chain(root)
    controls = _controls(root)
    reached = {id(widget) for widget in chain}
    for widget in controls:
        if id(widget) not in reached:
            problems.append(Problem("not reached by Tab", page, language, _ident(widget)))
        if isinstance(widget, QTextEdit | QPlainTextEdit) and not widget.tabChangesFocus():
            problems.append(Problem("Tab stays in the editor", page, language, _ident(widget)))
    visible = [widget for widget in chain if any(widget is c for c in controls)]
    for before, after in zip(visible, visible[1:], strict=False):
        a, b = _place(before), _place(after)
        up = b.y() < a.y() - SAME_ROW
        left_on_row = abs(b.y() - a.y()) <= SAME_ROW and b.x() < a.x() - SAME_ROW
        if (up and b.x() <= a.x() + NEW_COLUMN) or left_on_row:
            problems.append(
                Problem(
                    "Tab goes back",
                    page,
                    language,
                    _ident(after),
                    f"after {_ident(before)} at {a.x()},{a.y()} comes {b.x()},{b.y()}",
                )
            )
    return problems


# --- 3. nothing cut off ---------------------------------------------------------------------------


def _global_rect(widget: QWidget) -> QRect:
    return QRect(_place(widget), widget.size())


def _clip(widget: QWidget, window: QWidget) -> tuple[QRect, bool, bool]:
    """Where ``widget`` must lie to be whole on screen, and whether its scroll area reaches
    beyond that sideways and up-and-down (a scrolled-away widget is not cut off)."""
    for parent in _ancestors(widget, window):
        grand = parent.parentWidget()
        if isinstance(grand, QAbstractScrollArea) and parent is grand.viewport():
            off = Qt.ScrollBarPolicy.ScrollBarAlwaysOff
            return (
                _global_rect(parent),
                grand.horizontalScrollBarPolicy() != off,
                grand.verticalScrollBarPolicy() != off,
            )
    return window.geometry(), False, False


def _inside(inner: QRect, outer: QRect, sideways: bool, upright: bool) -> bool:
    fits_x = sideways or (inner.left() >= outer.left() and inner.right() <= outer.right())
    fits_y = upright or (inner.top() >= outer.top() and inner.bottom() <= outer.bottom())
    return fits_x and fits_y


def _smallest(widget: QWidget) -> QSize:
    """The size a layout must give the widget: its minimum size hint, or a minimum set on it."""
    hint = widget.minimumSizeHint()
    policy = widget.sizePolicy()
    width = 0 if policy.horizontalPolicy() == QSizePolicy.Policy.Ignored else hint.width()
    height = 0 if policy.verticalPolicy() == QSizePolicy.Policy.Ignored else hint.height()
    if widget.minimumWidth() > 0:
        width = widget.minimumWidth()
    if widget.minimumHeight() > 0:
        height = widget.minimumHeight()
    if widget.hasHeightForWidth():
        height = 0  # its height follows its width; the layout asks for that one
    return QSize(width, height).boundedTo(widget.maximumSize())


def check_cut_off(root: QWidget, page: str, language: str) -> list[Problem]:
    window = root.window()
    problems: list[Problem] = []
    for widget in _shown(root):
        if _internal(widget, root) or isinstance(widget.parentWidget(), QAbstractItemView):
            continue
        clip, sideways, upright = _clip(widget, window)
        rect = _global_rect(widget)
        if not _inside(rect, clip, sideways, upright):
            problems.append(
                Problem(
                    "cut off",
                    page,
                    language,
                    _ident(widget),
                    f"{rect.x()},{rect.y()} {rect.width()}x{rect.height()} outside "
                    f"{clip.x()},{clip.y()} {clip.width()}x{clip.height()}",
                )
            )
        if isinstance(widget, QLabel) and widget.wordWrap():
            continue  # a paragraph takes the lines its width leaves it
        if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
            if widget.width() < widget.minimumSizeHint().width():
                problems.append(
                    Problem(
                        "too narrow for its text",
                        page,
                        language,
                        _ident(widget),
                        f"{widget.width()} < {widget.minimumSizeHint().width()}",
                    )
                )
                continue
        smallest = _smallest(widget)
        if widget.width() < smallest.width() or widget.height() < smallest.height():
            problems.append(
                Problem(
                    "squeezed below its minimum",
                    page,
                    language,
                    _ident(widget),
                    f"{widget.width()}x{widget.height()} < {smallest.width()}x{smallest.height()}",
                )
            )
    return problems


# --- walking the window ---------------------------------------------------------------------------


def _wait(qapp, qtbot, controller) -> None:
    """Until the vault's answers are shown and laid out (a layout change posts the next one)."""
    settle(qtbot, controller)
    qtbot.wait(LAYOUT_MS)
    settle(qtbot, controller)
    qapp.processEvents()


def _tab_widgets(root: QWidget) -> list[QTabWidget]:
    return [tabs for tabs in root.findChildren(QTabWidget) if tabs.isVisible()]


def _open_forms(root: QWidget) -> None:
    """A table with a form beside it shows its first row there (the form is off until then)."""
    for table in root.findChildren(RecordTable):
        if table.isVisible() and table.form is not None and not table.view.currentIndex().isValid():
            first = table.proxy.index(0, 0)
            if first.isValid():
                table.view.setCurrentIndex(first)


def _views(qapp, qtbot, controller, root: QWidget, name: str) -> Iterator[tuple[str, QWidget]]:
    """The root as shown now, then once for each tab of each visible tab widget (nested too)."""

    def shown(view: str) -> tuple[str, QWidget]:
        _open_forms(root)
        _wait(qapp, qtbot, controller)
        return view, root

    yield shown(name)
    for tabs in _tab_widgets(root):
        if any(isinstance(parent, QTabWidget) for parent in _ancestors(tabs, root)):
            continue  # a tab widget inside a tab: visited with its own tab
        first = tabs.currentIndex()
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            title = tabs.tabText(index).replace("&", "")
            yield shown(f"{name} [{title}]")
            for nested in _tab_widgets(tabs.widget(index)):
                for nested_index in range(nested.count()):
                    nested.setCurrentIndex(nested_index)
                    nested_title = nested.tabText(nested_index).replace("&", "")
                    yield shown(f"{name} [{title} / {nested_title}]")
        tabs.setCurrentIndex(first)
        _wait(qapp, qtbot, controller)


# Steps whose open page differs: no tools, and each kind of tool (steps 11 and 12 share one).
STEPS_OPENED = (2, 1, 5, 6, 11)


def _pages(qapp, qtbot, controller, window) -> Iterator[tuple[str, QWidget]]:
    for page in Page:
        window.show_page(page)
        widget = window.page_widget(page)
        if page is Page.SEARCH:
            search = window.search
            window.search_box.setText("the")  # its clear button shows
            search.set_query("the")
            qtbot.waitUntil(lambda s=search: s.results is not None, timeout=10_000)
        _wait(qapp, qtbot, controller)
        yield from _views(qapp, qtbot, controller, widget, page.value)
        if page is Page.STEPS:
            steps = window.steps
            for number in STEPS_OPENED:
                detail = steps.open_step(number)
                assert detail is not None
                qtbot.waitUntil(detail.isEnabled, timeout=10_000)
                yield from _views(qapp, qtbot, controller, widget, f"steps/{number}")
                if number == STEPS_OPENED[0]:
                    detail.reword_button.click()  # the wording's editor, shown on request
                    _wait(qapp, qtbot, controller)
                    yield f"steps/{number} rewording", widget
            steps.show_overview()
            _wait(qapp, qtbot, controller)


def _slip_dialog(window: QWidget, controller: Any) -> QDialog:
    practice = window.practice
    assert practice.view is not None
    clean = [item.clean for item in practice.view.clean_times]
    words = controller.operations.settings.words()
    return SlipDialog(clean, practice.view.today, words, window)


def _questions_dialog(window: QWidget, controller: Any) -> QDialog:
    return QuestionsDialog(controller.operations, window)


# The windows the main window opens beside itself, and two a page opens modally (shown here
# without their event loop, which the tests' guard against stray dialogs refuses).
DIALOGS: tuple[Callable[[Any, Any], QDialog], ...] = (
    lambda window, _controller: window.open_report(),
    lambda window, _controller: window.open_backups(),
    lambda window, _controller: window.open_change_passphrase(),
    lambda window, _controller: window.open_help_now(),
    lambda window, _controller: window.open_guide(),
    lambda window, _controller: window.open_shortcuts(),
    _slip_dialog,
    _questions_dialog,
)


def _screen_size(dialog: QWidget) -> QSize:
    # Not dialog.screen(): PySide ties that wrapper to the dialog, which is deleted below.
    at = QGuiApplication.screenAt(dialog.geometry().center())
    return (at or QGuiApplication.primaryScreen()).availableGeometry().size()


def _dialogs(
    qapp, qtbot, controller, window, problems: list[Problem], language: str
) -> Iterator[tuple[str, QWidget]]:
    for opener in DIALOGS:
        dialog = opener(window, controller)
        dialog.show()
        _wait(qapp, qtbot, controller)
        if isinstance(dialog, ReportDialog):
            qtbot.waitUntil(lambda d=dialog: d.options is not None and not d._busy, timeout=20_000)
        name = f"dialog:{type(dialog).__name__}"
        screen = _screen_size(dialog)
        if dialog.width() > screen.width() or dialog.height() > screen.height():
            size = f"{dialog.width()}x{dialog.height()} on {screen.width()}x{screen.height()}"
            problems.append(Problem("larger than the screen", name, language, _ident(dialog), size))
        # A dialog is checked at the size it opens with, or at 1024x700 if that is smaller.
        dialog.resize(dialog.size().boundedTo(WINDOW))
        yield from _views(qapp, qtbot, controller, dialog, name)
        # Gone before the next one opens, as the window's own dialogs are once closed.
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.close()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        _wait(qapp, qtbot, controller)


def _walk(
    qapp, qtbot, controller, window, problems: list[Problem], language: str
) -> Iterator[tuple[str, QWidget]]:
    """Every page and tab, the window's own side panel, and the windows it opens."""
    yield from _pages(qapp, qtbot, controller, window)
    yield "window", window.search_box.parentWidget()
    yield from _dialogs(qapp, qtbot, controller, window, problems, language)


# --- the test -------------------------------------------------------------------------------------


def _vault(vault_path: Path, language: str) -> Path:
    vault = create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    fill_demo(vault, 60, language, end=persons_today())
    vault.close()
    return vault_path


@pytest.mark.slow
@pytest.mark.parametrize("language", ["en", "ru"])
def test_every_page_is_named_ordered_and_whole_at_1024x700(
    qapp, qtbot, controllers, vault_path, language
):
    apply_language(qapp, language)  # before the window is built; the fixture puts English back
    controller, dialog = start(qapp, controllers, _vault(vault_path, language))
    window = unlock(qtbot, controller, dialog)
    window.resize(WINDOW)
    window.show()
    window.activateWindow()
    _wait(qapp, qtbot, controller)
    bridge = _bridge_works()

    problems: list[Problem] = []
    hint = window.minimumSizeHint()
    if hint.width() > WINDOW.width() or hint.height() > WINDOW.height():
        problems.append(
            Problem("minimum size larger than 1024x700", "window", language, _ident(window))
        )
    seen: set[tuple[str, str]] = set()
    for name, root in _walk(qapp, qtbot, controller, window, problems, language):
        if window.size() != WINDOW:
            problems.append(Problem("window grew", name, language, _ident(window)))
            window.resize(WINDOW)
            _wait(qapp, qtbot, controller)
        found = (
            check_names(root, name, language, bridge)
            + check_tab_order(root, name, language)
            + check_cut_off(root, name, language)
        )
        for problem in found:
            # A control on every tab of a page is one problem, not one for each tab.
            if (problem.key, problem.detail) not in seen:
                seen.add((problem.key, problem.detail))
                problems.append(problem)

    for problem in problems:
        if problem.key in KNOWN_ELSEWHERE:
            print(f"known, to be fixed elsewhere: {problem}")
    unexpected = [p for p in problems if p.key not in KNOWN_ELSEWHERE]
    assert not unexpected, "\n" + "\n".join(str(p) for p in unexpected)


# --- 4. visible focus -----------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent
NO_OUTLINE = re.compile(r"outline\s*:\s*(none|0)\b", re.IGNORECASE)


def test_no_stylesheet_hides_the_focus_frame():
    """The style draws a focus frame; a stylesheet with "outline: none" would take it away."""
    assert NO_OUTLINE.search("QPushButton:focus { outline: none; }")
    sources = [
        *(ROOT / "recovery_journal").rglob("*.py"),
        *(ROOT / "recovery_journal" / "resources").rglob("*.qss"),
        *(ROOT / "recovery_journal" / "resources").rglob("*.css"),
    ]
    hiding = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sorted(sources)
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1)
        if NO_OUTLINE.search(line)
    ]
    assert not hiding, "\n".join(hiding)


# --- the checks themselves ------------------------------------------------------------------------


def _host(qtbot) -> QWidget:
    host = QWidget()
    host.setObjectName("host")
    qtbot.addWidget(host)
    return host


def test_the_name_check_sees_a_field_nobody_named_and_a_box_named_by_its_value(qapp, qtbot):
    name_controls_for_screen_readers(qapp)  # as the app does
    host = _host(qtbot)
    layout = QVBoxLayout(host)
    unnamed = QLineEdit()
    unnamed.setObjectName("unnamed")
    named = QLineEdit()
    named.setAccessibleName("Named")
    labelled = QComboBox()
    labelled.addItem("The chosen item")
    label = QLabel("&Labelled")
    label.setBuddy(labelled)
    by_value = QComboBox()
    by_value.setObjectName("by_value")
    by_value.addItems(["No", "Yes"])
    by_value.setAccessibleName("Yes")
    by_value.setCurrentIndex(1)
    for widget in (unnamed, named, label, labelled, by_value, QPushButton("&Text")):
        layout.addWidget(widget)
    host.show()
    for bridge in {False, _bridge_works()}:
        problems = check_names(host, "probe", "en", bridge)
        assert sorted((p.check, p.widget) for p in problems) == [
            ("named by its value", "QComboBox#by_value"),
            ("no accessible name", "QLineEdit#unnamed"),
        ], bridge


def test_the_name_check_sees_a_calendars_unnamed_arrows_and_its_month_called_by_the_month(qtbot):
    host = _host(qtbot)
    calendar = QCalendarWidget()
    calendar.setObjectName("calendar")
    calendar.setAccessibleName("Calendar")
    QVBoxLayout(host).addWidget(calendar)
    host.resize(500, 400)
    host.show()
    # By the rules alone: through the bridge, a calendar is named as soon as it is asked about.
    found = {(p.check, p.widget.split(" ")[0]) for p in check_names(host, "probe", "en", False)}
    assert {
        ("no accessible name", "QToolButton#qt_calendar_prevmonth"),
        ("no accessible name", "QToolButton#qt_calendar_nextmonth"),
        ("no accessible name", "QTableView#qt_calendar_calendarview"),
        ("named by its value", "QToolButton#qt_calendar_monthbutton"),
        ("named by its value", "QToolButton#qt_calendar_yearbutton"),
    } <= found
    name_calendar(calendar)
    for bridge in {False, _bridge_works()}:
        assert check_names(host, "probe", "en", bridge) == [], bridge


def test_a_fields_clear_button_is_named(qapp, qtbot):
    name_controls_for_screen_readers(qapp)
    host = _host(qtbot)
    field = QLineEdit("words")
    field.setObjectName("field")
    field.setAccessibleName("Field")
    field.setClearButtonEnabled(True)
    QVBoxLayout(host).addWidget(field)
    host.show()
    found = [(p.check, p.widget) for p in check_names(host, "probe", "en", False)]
    assert found == [("no accessible name", "QToolButton# in QLineEdit#field")]
    if _bridge_works():
        # Asked for as a screen reader asks: the clear button is named along with its field.
        assert QAccessible.queryAccessibleInterface(field) is not None
    else:
        name_clear_button(field)
    for bridge in {False, _bridge_works()}:
        assert check_names(host, "probe", "en", bridge) == [], bridge


def test_naming_a_part_later_keeps_no_widget_alive(qapp):
    """The names given when the event loop is back hold the widget's address, not its wrapper:
    PySide hands a wrapper kept past its widget's life to the next widget made at that address,
    dead (a file dialog's list then crashed the program under a screen reader)."""
    if not _bridge_works():
        pytest.skip("Qt's accessibility interfaces do not answer here")
    name_controls_for_screen_readers(qapp)
    field = QLineEdit()
    field.setClearButtonEnabled(True)
    assert QAccessible.queryAccessibleInterface(field) is not None  # naming again, later
    kept = weakref.ref(field)
    del field
    assert kept() is None
    qapp.processEvents()  # the later naming of a widget gone does nothing


def test_a_tool_bars_button_for_more_tools_is_named(qapp, qtbot):
    name_controls_for_screen_readers(qapp)
    host = _host(qtbot)
    toolbar = QToolBar("Formatting")
    toolbar.setObjectName("toolbar")
    for number in range(8):
        toolbar.addAction(f"A long tool name {number}")
    QVBoxLayout(host).addWidget(toolbar)
    host.resize(150, 60)
    host.show()
    qtbot.wait(10)
    more = toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
    assert more is not None and more.isVisible() and not accessible_name(more, False)
    if _bridge_works():
        assert QAccessible.queryAccessibleInterface(toolbar) is not None  # as a screen reader asks
    else:
        name_more_tools(toolbar)
    for bridge in {False, _bridge_works()}:
        assert accessible_name(more, bridge) == "More tools", bridge


@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_date_editors_calendar_is_named_when_a_screen_reader_meets_it(qapp, qtbot, language):
    if not _bridge_works():
        pytest.skip("Qt's accessibility interfaces do not answer here")
    apply_language(qapp, language)
    try:
        name_controls_for_screen_readers(qapp)
        editor = QDateEdit(QDate(2026, 3, 9))
        editor.setCalendarPopup(True)
        qtbot.addWidget(editor)
        calendar = editor.calendarWidget()
        # Asked for as a screen reader asks when the pop-up opens: its parts are named then.
        assert QAccessible.queryAccessibleInterface(calendar) is not None
        names = {
            part.objectName(): QAccessible.queryAccessibleInterface(part).text(
                QAccessible.Text.Name
            )
            for part in calendar.findChildren(QToolButton) + calendar.findChildren(QTableView)
            if part.objectName().startswith("qt_calendar_")
        }
        expected = {
            "en": ("Previous month", "Next month", "Month: March", "Year: 2026"),
            "ru": ("Предыдущий месяц", "Следующий месяц", "Месяц: март", "Год: 2026"),
        }[language]
        assert (
            names["qt_calendar_prevmonth"],
            names["qt_calendar_nextmonth"],
            names["qt_calendar_monthbutton"],
            names["qt_calendar_yearbutton"],
        ) == expected
        assert names["qt_calendar_calendarview"]
        calendar.showNextMonth()  # the names follow the month shown
        assert (
            calendar.findChild(QToolButton, "qt_calendar_monthbutton").accessibleName()
            == ({"en": "Month: April", "ru": "Месяц: апрель"}[language])
        )
    finally:
        apply_language(qapp, "en")


def test_the_tab_order_check_sees_a_jump_back_and_an_editor_that_keeps_tab(qtbot):
    host = _host(qtbot)
    layout = QGridLayout(host)
    top, bottom, right = QPushButton("Top"), QPushButton("Bottom"), QPushButton("Right")
    for name, widget in (("top", top), ("bottom", bottom), ("right", right)):
        widget.setObjectName(name)
    editor = QPlainTextEdit()
    editor.setObjectName("editor")
    editor.setAccessibleName("Editor")
    layout.addWidget(top, 0, 0)
    layout.addWidget(bottom, 1, 0)
    layout.addWidget(right, 0, 1)
    layout.addWidget(editor, 2, 0, 1, 2)
    layout.setColumnMinimumWidth(0, 300)
    host.show()
    QWidget.setTabOrder(bottom, top)  # up, in the same column
    QWidget.setTabOrder(top, right)
    QWidget.setTabOrder(right, editor)
    found = {(p.check, p.widget) for p in check_tab_order(host, "probe", "en")}
    assert found == {
        ("Tab goes back", "QPushButton#top"),
        ("Tab stays in the editor", "QPlainTextEdit#editor"),
    }
    QWidget.setTabOrder(top, bottom)
    QWidget.setTabOrder(bottom, right)  # up, but into the next column: allowed
    QWidget.setTabOrder(right, editor)
    editor.setTabChangesFocus(True)
    assert check_tab_order(host, "probe", "en") == []


def test_the_size_check_sees_clipped_text_and_a_widget_off_the_window(qtbot):
    host = _host(qtbot)
    host.resize(300, 200)
    clipped = QPushButton("A button whose words need far more room than this", host)
    clipped.setObjectName("clipped")
    clipped.setGeometry(10, 10, 60, 30)
    outside = QLabel("Outside", host)
    outside.setObjectName("outside")
    outside.setGeometry(250, 10, 100, 30)
    fine = QLabel("Fits", host)
    fine.setGeometry(10, 100, 100, 30)
    host.show()
    found = {(p.check, p.widget) for p in check_cut_off(host, "probe", "en")}
    assert found == {
        ("too narrow for its text", "QPushButton#clipped"),
        ("cut off", "QLabel#outside"),
    }
