"""The tools shown beside the questions of steps 1, 5, 6-7, 11 and 12."""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from recovery_journal.domain import record_kinds
from recovery_journal.domain.record_kinds import Shown
from recovery_journal.domain.step_tools import (
    Defect,
    InventoryShare,
    PracticeEntry,
    PracticeKind,
    ServiceEntry,
    ServiceKind,
    Step1Example,
    Step1List,
)
from recovery_journal.i18n import _
from recovery_journal.services.changes import Changes
from recovery_journal.services.labels import label
from recovery_journal.services.step_tools import focus_of_the_day, set_focus_of_the_day
from recovery_journal.ui.labels import wrapped
from recovery_journal.ui.operations import Operations
from recovery_journal.ui.record_model import Column
from recovery_journal.ui.record_table import RecordTable

STEPS_WITH_TOOLS = (1, 5, 6, 7, 11, 12)
# The step whose tools hold each kind of record (a search kind: the record's table).
STEP_OF_TOOL = {
    kind.name: kind.step for kind in record_kinds.kinds() if kind.shown is Shown.STEPS and kind.step
}


def _new_example(kind: Step1List, uid: str) -> Step1Example:
    return Step1Example(uid, kind, "")


def _in_list(kind: Step1List, record: Step1Example) -> bool:
    return record.list is kind


def _step1(operations: Operations) -> QWidget:
    widget = QWidget()
    layout = QVBoxLayout(widget)
    layout.addWidget(
        wrapped(
            _(
                "Write down plain examples, one a line: times you could not stop or control it, "
                "and ways life became hard to manage."
            )
        )
    )
    for kind in Step1List:
        layout.addWidget(QLabel(label(kind)))
        table = RecordTable(
            operations,
            Step1Example,
            [Column("text", _("Example"), stretch=True)],
            make_new=partial(_new_example, kind),
            keep=partial(_in_list, kind),
            name=label(kind),
        )
        table.setObjectName(f"step1_{kind.value}")
        layout.addWidget(table)
    return widget


def _table_tool(
    operations: Operations,
    text: str,
    name: str,
    title: str,
    record_type: type,
    columns: list[Column],
    make_new: Any,
) -> QWidget:
    """An explanation above one editable table: the shape of the steps 5, 11 and 12 tools."""
    widget = QWidget()
    layout = QVBoxLayout(widget)
    layout.addWidget(wrapped(text))
    table = RecordTable(operations, record_type, columns, make_new=make_new, name=title)
    table.setObjectName(name)
    layout.addWidget(table)
    return widget


def _step5(operations: Operations) -> QWidget:
    return _table_tool(
        operations,
        _(
            "A record of when and with whom you shared your inventory. What you said stays "
            "between you; nothing more is needed here."
        ),
        "inventory_shares",
        _("When and with whom I shared my inventory"),
        InventoryShare,
        [
            Column("shared_on", _("Date")),
            Column("shared_with", _("With whom")),
            Column("note", _("Note"), stretch=True),
        ],
        lambda uid: InventoryShare(uid, "", operations.day.today()),
    )


class DefectsTool(QWidget):
    """Steps 6 and 7: defects with their opposite virtues, and one picked as today's focus."""

    def __init__(self, operations: Operations) -> None:
        super().__init__()
        self._operations = operations
        layout = QVBoxLayout(self)
        layout.addWidget(
            wrapped(
                _(
                    "Name a defect, the virtue that is its opposite, and how it shows up in your "
                    "days. Mark it ready to let go when you are."
                )
            )
        )
        self.table = RecordTable(
            operations,
            Defect,
            [
                Column("name", _("Defect")),
                Column("opposite", _("Opposite virtue")),
                Column("shows_up", _("How it shows up"), stretch=True),
                Column("state", _("State")),
            ],
            make_new=lambda uid: Defect(uid, ""),
            name=_("Defects and their opposite virtues"),
        )
        self.table.setObjectName("defects")
        layout.addWidget(self.table)
        self.focus = QComboBox()
        self.focus.setObjectName("focus")
        self.focus.activated.connect(self._focus_picked)
        form = QFormLayout()
        form.addRow(_("Today's &focus:"), self.focus)
        layout.addLayout(form)
        operations.changed.connect(self._changed)
        self._load_focus()

    def _changed(self, changes: Changes) -> None:
        if changes.steps:
            self._load_focus()

    def _load_focus(self) -> None:
        today = self._operations.day.today()  # the same day as the Today page's focus

        def load(vault: Any) -> tuple[list[Defect], Defect | None]:
            return vault.records.all(Defect), focus_of_the_day(vault, today)

        self._operations.run(load, self._show_focus, owner=self)

    def _show_focus(self, loaded: tuple[list[Defect], Defect | None]) -> None:
        defects, focus = loaded
        self.focus.blockSignals(True)
        self.focus.clear()
        self.focus.addItem(_("None today"), None)
        for defect in defects:
            if defect.name:
                text = f"{defect.opposite} ({defect.name})" if defect.opposite else defect.name
                self.focus.addItem(text, defect.uid)
        self.focus.setCurrentIndex(max(0, self.focus.findData(focus.uid if focus else None)))
        self.focus.blockSignals(False)

    def _focus_picked(self, index: int) -> None:
        uid = self.focus.itemData(index)
        today = self._operations.day.today()
        self._operations.run(lambda vault: set_focus_of_the_day(vault, today, uid))


def _step11(operations: Operations) -> QWidget:
    return _table_tool(
        operations,
        _("A log of prayer, meditation or reading: a few minutes count."),
        "practice_log",
        _("Log of prayer, meditation and reading"),
        PracticeEntry,
        [
            Column("day", _("Date")),
            Column("minutes", _("Minutes")),
            Column("kind", _("Kind")),
            Column("notes", _("Notes"), stretch=True),
        ],
        lambda uid: PracticeEntry(uid, operations.day.today(), 10, PracticeKind.MEDITATION),
    )


def _step12(operations: Operations) -> QWidget:
    return _table_tool(
        operations,
        _("A log of service: sponsorship, a job at a meeting, a call."),
        "service_log",
        _("Log of service"),
        ServiceEntry,
        [
            Column("day", _("Date")),
            Column("kind", _("Kind")),
            Column("notes", _("Notes"), stretch=True),
        ],
        lambda uid: ServiceEntry(uid, operations.day.today(), ServiceKind.MEETING_SERVICE),
    )


def tools_for_step(step: int, operations: Operations) -> QWidget | None:
    if step == 1:
        return _step1(operations)
    if step == 5:
        return _step5(operations)
    if step in (6, 7):
        return DefectsTool(operations)
    if step == 11:
        return _step11(operations)
    if step == 12:
        return _step12(operations)
    return None
