"""What a screen reader hears: every control called by what it is about, not by what it holds.

Two gaps in Qt are filled here, once for the whole application:

- On Linux Qt names a combo box by its chosen item and ignores the name we give it
  (``QAccessibleComboBox::text`` falls through from Name to Value under ``Q_OS_UNIX``): a
  review's answer was read as "Yes, combo box", without its question. Our interface for combo
  boxes keeps Qt's shape (the list of items as its child, the chosen one selected, as GTK's
  combo boxes do) but takes its name from the name given or from its label.
- A calendar's own buttons have no names (the month arrows are icons) and its month and year
  buttons are called by the month and year shown. ``name_calendar`` names them; every calendar
  an assistive technology meets, a date editor's pop-up too, is named when first asked for.
- A field's clear button (``setClearButtonEnabled``) and a tool bar's button for the tools that
  do not fit are icons without a name: they are called "Clear" and "More tools" when they or
  their field or tool bar are first asked for.
"""

from __future__ import annotations

from functools import partial
from typing import cast

import shiboken6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAccessible, QAccessibleActionInterface, QAccessibleInterface
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAccessibleWidget,
    QApplication,
    QCalendarWidget,
    QComboBox,
    QLineEdit,
    QSpinBox,
    QToolBar,
    QToolButton,
)

from recovery_journal.i18n import _

_INSTALLED = "_recovery_journal_accessible_names"
_NAMED = "_recovery_journal_calendar_named"
CLEAR_ACTION = "_q_qlineeditclearaction"  # the object name Qt gives a field's clear action
MORE_TOOLS_BUTTON = "qt_toolbar_ext_button"  # and a tool bar's button for what does not fit


class NamedComboBox(QAccessibleWidget):
    """A combo box named by its purpose; its value (the chosen item) stays in its list."""

    def __init__(self, combo: QComboBox) -> None:
        super().__init__(combo, QAccessible.Role.ComboBox)

    def _combo(self) -> QComboBox:
        return cast(QComboBox, self.widget())

    def text(self, kind: QAccessible.Text) -> str:
        combo = self._combo()
        if kind == QAccessible.Text.Value:
            return combo.currentText()
        text = super().text(kind)  # Name: the name given, else the label's text
        if kind == QAccessible.Text.Name and not text:
            return combo.currentText()  # as Qt would say it: better than silence
        return text

    def _list(self) -> QAccessibleInterface | None:
        view = self._combo().view()
        if view is None or not shiboken6.isValid(view):
            return None  # a wrapper PySide kept past its object's life: no list, not a crash
        return QAccessible.queryAccessibleInterface(view)

    def childCount(self) -> int:  # noqa: N802 - Qt's name
        return 0 if self._list() is None else 1

    def child(self, index: int) -> QAccessibleInterface | None:  # type: ignore[override]  # null out of range, as in Qt
        return self._list() if index == 0 else None

    def indexOfChild(self, child: QAccessibleInterface) -> int:  # noqa: N802 - Qt's name
        return 0 if child is not None and child.object() is self._combo().view() else -1

    def actionNames(self) -> list[str]:  # noqa: N802 - Qt's name
        return [
            QAccessibleActionInterface.showMenuAction(),
            QAccessibleActionInterface.pressAction(),
            *super().actionNames(),
        ]

    def doAction(self, name: str) -> None:  # noqa: N802 - Qt's name
        if name in (
            QAccessibleActionInterface.showMenuAction(),
            QAccessibleActionInterface.pressAction(),
        ):
            self._combo().showPopup()
        else:
            super().doAction(name)


def _name_parts(target: QObject) -> None:
    if isinstance(target, QCalendarWidget):
        name_calendar(target)
    elif isinstance(target, QLineEdit):
        name_clear_button(target)
    elif isinstance(target, QToolBar):
        name_more_tools(target)


def _factory(key: str, target: QObject) -> QAccessibleInterface | None:
    # Asked once for each class of an object's ancestry, most derived first; None lets Qt's own
    # interface be made. An editable combo box keeps Qt's (its line edit is its child there).
    if key == "QComboBox" and isinstance(target, QComboBox) and not target.isEditable():
        return NamedComboBox(target)
    # A calendar's or a field's parts are named as it is asked for, and once more when the event
    # loop is back: one asked for while being built has no parts yet. A part asked for first
    # waits for that too: naming the object asked for would ask for it again inside this call.
    if key in ("QCalendarWidget", "QLineEdit", "QToolBar"):
        _name_parts(target)
        _soon(target, target)
    elif key == "QToolButton" and isinstance(holder := target.parent(), QLineEdit | QToolBar):
        _soon(target, holder)
    return None


def _soon(context: QObject, target: QObject) -> None:
    """Name ``target``'s parts when the event loop is back, if ``context`` still lives then.

    Only addresses are kept, never a wrapper: PySide hands a wrapper kept past its object's life
    to the next object made at that address, dead (the file dialog's list then crashed the app).
    """
    kind = next(k for k in (QCalendarWidget, QLineEdit, QToolBar) if isinstance(target, k))
    address = shiboken6.getCppPointer(target)[0]
    QTimer.singleShot(0, context, partial(_name_parts_at, address, kind))


def _name_parts_at(address: int, kind: type[QObject]) -> None:
    _name_parts(cast(QObject, shiboken6.wrapInstance(address, kind)))


def name_controls_for_screen_readers(app: QApplication) -> None:
    """Install the names above for ``app`` (once; after the application exists, so that ours
    are asked before the interfaces Qt's widgets bring)."""
    if not app.property(_INSTALLED):
        QAccessible.installFactory(_factory)
        app.setProperty(_INSTALLED, True)


def name_clear_button(field: QLineEdit) -> None:
    """Name the clear button Qt adds to a field, which shows only an icon."""
    for button in field.findChildren(QToolButton):
        action = button.defaultAction()
        clears = action is not None and action.objectName() == CLEAR_ACTION
        if clears and not button.accessibleName():
            button.setAccessibleName(_("Clear"))


def name_more_tools(toolbar: QToolBar) -> None:
    """Name the button a tool bar shows for the tools that do not fit, which shows only an icon."""
    button = toolbar.findChild(QToolButton, MORE_TOOLS_BUTTON)
    if button is not None and not button.accessibleName():
        button.setAccessibleName(_("More tools"))


# --- calendars ------------------------------------------------------------------------------------


def _month_year(calendar: QCalendarWidget) -> tuple[str, str]:
    month = calendar.locale().standaloneMonthName(calendar.monthShown())
    return month, str(calendar.yearShown())  # as its year button shows it: 2026, not 2,026


def _rename_calendar(calendar: QCalendarWidget) -> None:
    month, year = _month_year(calendar)
    names = {
        "qt_calendar_monthbutton": _("Month: {month}").format(month=month),
        "qt_calendar_yearbutton": _("Year: {year}").format(year=year),
        "qt_calendar_calendarview": _("Days of {month} {year}").format(month=month, year=year),
    }
    for part in calendar.findChildren(QToolButton) + calendar.findChildren(QAbstractItemView):
        name = names.get(part.objectName())
        if name is not None and part.accessibleName() != name:
            part.setAccessibleName(name)


def name_calendar(calendar: QCalendarWidget) -> None:
    """Name a calendar's arrows, month and year buttons, year editor and table of days, and keep
    the month's and year's names up to date as the months turn."""
    if calendar.property(_NAMED) or calendar.findChild(QToolButton) is None:
        return  # named already, or still being built
    calendar.setProperty(_NAMED, True)
    fixed = {
        "qt_calendar_prevmonth": _("Previous month"),
        "qt_calendar_nextmonth": _("Next month"),
    }
    for button in calendar.findChildren(QToolButton):
        name = fixed.get(button.objectName())
        if name is not None:
            button.setAccessibleName(name)
    year_editor = calendar.findChild(QSpinBox, "qt_calendar_yearedit")
    if year_editor is not None:
        year_editor.setAccessibleName(_("Year"))
    _rename_calendar(calendar)
    # By address, as in _soon: the signal comes only from a living calendar.
    address = shiboken6.getCppPointer(calendar)[0]
    calendar.currentPageChanged.connect(
        lambda *_page: _rename_calendar(
            cast(QCalendarWidget, shiboken6.wrapInstance(address, QCalendarWidget))
        )
    )
