"""The Inventory page: the step 4 worksheets, the step 8 list and the step 9 amends, one tab each.

Each worksheet is a table to fill in row by row, with the long text and the tick boxes of the
current row in a form beside it. Rows can be sent to the step 8 list; the "my part" ticks of the
resentments can be carried into the steps 6-7 defects list.
"""

from __future__ import annotations

import typing
from functools import partial
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QCheckBox, QLabel, QTabWidget, QVBoxLayout, QWidget

from recovery_journal.domain.inventory import (
    CHOICES,
    MY_PART,
    TO_STEP8,
    WORKSHEETS,
    Amend,
    AmendsStatus,
)
from recovery_journal.domain.records import field_kinds
from recovery_journal.domain.sponsor_notes import AMENDS_LIST, About, SponsorNote, Topic, by_item
from recovery_journal.i18n import _, current_language, ngettext
from recovery_journal.services.inventory import (
    carry_defects_to_steps_6_7,
    inventory_text,
    send_to_step8,
)
from recovery_journal.ui.found_words import holds_words
from recovery_journal.ui.labels import heading, wrapped
from recovery_journal.ui.operations import Operations
from recovery_journal.ui.record_model import Column
from recovery_journal.ui.record_table import RecordTable, TableAction
from recovery_journal.ui.sponsor_remarks import NotesFeed, Remark, RemarkBox, remark_of

# The flags every worksheet row has, shown as tick columns in the table.
FLAG_FIELDS = ("private", "discussed")


def _flag_title(field: str) -> str:
    return _("Private") if field == "private" else _("Discussed")


def _example_text(sheet: str, text: Any) -> str:
    example = text.worksheets[sheet].get("example")
    if not example:
        return ""
    parts = []
    for field, value in example.items():
        if isinstance(value, list):
            value = ", ".join(text.option(field, key) for key in value)
        parts.append(f"{text.column(sheet, field)}: {value}")
    return _("Example — ") + "  ·  ".join(parts)


class WorksheetTab(QWidget):
    def __init__(self, operations: Operations, sheet: str, record_type: type) -> None:
        super().__init__()
        self.sheet = sheet
        self._operations = operations
        text = inventory_text(current_language())
        kinds = dict(field_kinds(record_type))
        content_fields = [name for name in kinds if name not in ("uid", "position", *FLAG_FIELDS)]
        # The table shows who and what at a glance, the ticks and the flags; every long text is
        # edited in the form beside it.
        shown = [
            name
            for index, name in enumerate(content_fields)
            if index < 2 or typing.get_origin(kinds[name]) is frozenset
        ]
        columns = [
            Column(name, text.column(sheet, name), stretch=index > 0)
            for index, name in enumerate(shown)
        ] + [Column(name, _flag_title(name)) for name in FLAG_FIELDS if name in kinds]
        form_columns = [Column(name, text.column(sheet, name)) for name in content_fields]
        actions: list[TableAction] = []
        if record_type in TO_STEP8:
            actions.append(TableAction(_("Add to my step 8 list"), self._send_to_step8))
        if sheet == "resentments":
            # Every row's ticks, not the selected row's: it needs no row.
            actions.append(
                TableAction(_("Carry my part to steps 6–7"), self._carry_defects, needs_row=False)
            )
        self.table = RecordTable(
            operations,
            record_type,
            columns,
            make_new=lambda uid: record_type(uid),
            form_columns=form_columns,
            option_choices=CHOICES,
            option_label=text.option,
            reorder=True,
            actions=actions,
            name=text.worksheets[sheet]["title"],
        )
        self.table.setObjectName(f"sheet_{sheet}")
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped(text.worksheets[sheet]["explanation"]))
        example = wrapped(_example_text(sheet, text))
        italic = QFont(example.font())
        italic.setItalic(True)
        example.setFont(italic)
        example.setObjectName("example")
        layout.addWidget(example)
        self.notice = QLabel()
        self.notice.setObjectName("notice")
        layout.addWidget(self.notice)
        self.remark = RemarkBox()  # the sponsor's words on the whole worksheet
        layout.addWidget(self.remark)
        layout.addWidget(self.table, stretch=1)

    def _send_to_step8(self, row: Any) -> None:
        self._operations.run(
            lambda vault: send_to_step8(vault, row),
            lambda sent: self.notice.setText(
                _("{person} is on your step 8 list.").format(
                    person=sent.value.person or _("This person")
                )
            ),
            owner=self,
        )

    def _carry_defects(self, _row: Any) -> None:
        names = inventory_text(current_language()).options["my_part"]
        self._operations.run(
            lambda vault: carry_defects_to_steps_6_7(vault, names),
            lambda added: self.notice.setText(
                ngettext(
                    "{count} defect added to the steps 6–7 list.",
                    "{count} defects added to the steps 6–7 list.",
                    added.value,
                ).format(count=added.value)
            ),
            owner=self,
        )


class AmendsTab(QWidget):
    """Step 8 (who, how I acted, the harm, willingness) or step 9 (the amends, how they went)."""

    def __init__(self, operations: Operations, step: int) -> None:
        super().__init__()
        text = inventory_text(current_language())
        sheet = f"step{step}"
        if step == 8:
            fields = ["person", "my_part", "harm", "willingness"]
            # What they did is kept only on entries an older version filled in that way.
            form_fields = ["person", "harm", "my_part", "their_part"]
        else:
            fields = ["person", "kind", "planned_on", "status", "made_on"]
            form_fields = ["person", "plan", "how_it_went"]
        columns = [
            Column(name, text.column(sheet, name), stretch=name in ("person", "harm", "my_part"))
            for name in fields
        ] + [Column("private", _flag_title("private"))]
        self.table = RecordTable(
            operations,
            Amend,
            columns,
            make_new=lambda uid: Amend(uid),
            form_columns=[
                Column(
                    name,
                    text.column(sheet, name),
                    only_when_written=name == "their_part",
                )
                for name in form_fields
            ],
            option_choices={"my_part": MY_PART},
            # The ticks are kept as keys and named here, in the language shown now.
            option_label=text.option,
            reorder=True,
            name=text.worksheets[sheet]["title"],
        )
        self.table.setObjectName(sheet)
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped(text.worksheets[sheet]["explanation"]))
        self.only_open: QCheckBox | None = None
        if step == 9:
            self.only_open = QCheckBox(_("Show only the amends still open"))
            self.only_open.setObjectName("only_open")
            self.only_open.toggled.connect(self._filter_open)
            layout.addWidget(self.only_open)
        self.remark = RemarkBox()  # the sponsor's words on the step 8 list and the amends
        layout.addWidget(self.remark)
        layout.addWidget(self.table, stretch=1)

    def _filter_open(self, only_open: bool) -> None:
        # A condition beside the text filter, so both can be used together.
        self.table.proxy.set_accept(
            (lambda amend: amend.status is AmendsStatus.PLANNED) if only_open else None
        )

    def reload(self) -> None:
        self.table.reload()


class InventoryPage(QWidget):
    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        text = inventory_text(current_language())
        self.tabs = QTabWidget()
        self.tabs.tabBar().setAccessibleName(_("Worksheets"))
        self.sheets: dict[str, WorksheetTab] = {}
        for sheet, record_type in WORKSHEETS.items():
            tab = WorksheetTab(operations, sheet, record_type)
            self.sheets[sheet] = tab
            self.tabs.addTab(tab, text.worksheets[sheet]["title"])
        self._operations = operations
        self.step8 = AmendsTab(operations, 8)
        self.step9 = AmendsTab(operations, 9)
        self.tabs.addTab(self.step8, text.worksheets["step8"]["title"])
        self.tabs.addTab(self.step9, text.worksheets["step9"]["title"])
        # Both amends tabs show the same people: the one coming into view is reloaded.
        self.tabs.currentChanged.connect(partial(self._tab_shown))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(heading(_("Inventory")))
        layout.addWidget(self.tabs)
        NotesFeed(operations, self, self._show_notes)

    # --- the sponsor's words beside the worksheets, the rows and the amends ----------------------

    def _show_notes(self, notes: list[SponsorNote]) -> None:
        grouped = by_item(notes)

        def rows(sheet: str) -> dict[str, Remark]:
            return {
                about.row_uid: remark_of(said)
                for about, said in grouped.items()
                if about.topic is Topic.ROW and about.sheet == sheet
            }

        for sheet, tab in self.sheets.items():
            tab.remark.show_notes(grouped.get(About.worksheet(sheet), []))
            tab.table.set_remarks(rows(sheet))
        for amends in (self.step8, self.step9):
            amends.remark.show_notes(grouped.get(About.amends(), []))
            amends.table.set_remarks(rows(AMENDS_LIST))

    def show_about(self, about: About) -> None:
        """Open what a sponsor's note is about: a worksheet, a row, the step 8 list."""
        if about.topic is Topic.WORKSHEET and about.sheet in self.sheets:
            self.tabs.setCurrentWidget(self.sheets[about.sheet])
            self.sheets[about.sheet].table.view.setFocus(Qt.FocusReason.OtherFocusReason)
        elif about.topic is Topic.ROW and about.sheet in self.sheets:
            tab = self.sheets[about.sheet]
            self.tabs.setCurrentWidget(tab)
            tab.table.reveal(about.row_uid)
        elif about.topic is Topic.ROW and about.sheet == AMENDS_LIST:
            self.tabs.setCurrentWidget(self.step8)
            self.step8.table.reveal(about.row_uid)
        elif about.topic is Topic.AMENDS:
            self.tabs.setCurrentWidget(self.step8)
            self.step8.table.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _tab_shown(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if isinstance(widget, AmendsTab):
            widget.reload()

    def save_now(self) -> list[Any]:
        tables = [tab.table for tab in self.sheets.values()] + [self.step8.table, self.step9.table]
        return [future for table in tables for future in table.save_now()]

    def show_item(self, hit: Any) -> None:
        """Open the worksheet of a search result with its row selected and its words in view."""
        words = tuple(text for text, matched in hit.snippet.parts if matched)
        if hit.kind in self.sheets:
            tab = self.sheets[hit.kind]
            self.tabs.setCurrentWidget(tab)
            tab.table.reveal(hit.item_id, words)
        elif hit.kind == "amends":
            uid = hit.item_id

            def find(vault: Any) -> Amend | None:
                return next((a for a in vault.records.all(Amend) if a.uid == uid), None)

            self._operations.run(
                find, lambda amend: self._show_amend(uid, amend, words), owner=self
            )

    def _show_amend(self, uid: str, amend: Amend | None, words: tuple[str, ...]) -> None:
        # Step 9 holds the plan and how it went; the harm is written on the step 8 list.
        on_step9 = amend is not None and holds_words(f"{amend.plan}\n{amend.how_it_went}", words)
        tab = self.step9 if on_step9 else self.step8
        self.tabs.setCurrentWidget(tab)  # which reads its rows again, before the row is shown
        tab.table.reveal(uid, words)
