"""Editing a record's fields: the editor in a table's cell (a calendar for days, a spin box
for minutes, a choice list), and the form beside the table for long text and tick boxes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QPlainTextEdit,
    QSpinBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from recovery_journal.domain.records import field_kinds
from recovery_journal.services.labels import label
from recovery_journal.ui.dates import DateEdit
from recovery_journal.ui.record_model import (
    AnyIndex,
    Column,
    RecordModel,
    field_kind,
    is_set_kind,
)
from recovery_journal.ui.widgets import lines_high

if TYPE_CHECKING:
    from recovery_journal.ui.record_table import RecordTable


class RecordDelegate(QStyledItemDelegate):
    """Editors that fit the field: a calendar for days, a spin box for minutes, a choice list."""

    def __init__(
        self, model: RecordModel, today: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._model = model
        self._today = today  # the person's today, for a day not set yet

    def _kind(self, index: AnyIndex) -> Any:
        # The sorting proxy reorders rows, never columns, so the column number is the model's.
        return field_kind(self._model.record_type, self._model.columns[index.column()].field)

    def cut_short(self, option: QStyleOptionViewItem, index: AnyIndex) -> bool:
        """Whether the cell shows less than its whole text (lines joined, or elided)."""
        shown = index.data(Qt.ItemDataRole.DisplayRole) or ""
        whole = index.data(Qt.ItemDataRole.ToolTipRole) or ""
        if not whole:
            return False
        if shown != whole:
            return True
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        widget = item.widget
        style = widget.style() if widget is not None else QApplication.style()
        room = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, item, widget)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
        return item.fontMetrics.horizontalAdvance(shown) > room.width() - 2 * margin

    def helpEvent(  # noqa: N802
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: AnyIndex,
    ) -> bool:
        if event.type() != QEvent.Type.ToolTip or not index.isValid():
            return super().helpEvent(event, view, option, index)
        if self.cut_short(option, index):
            QToolTip.showText(event.globalPos(), index.data(Qt.ItemDataRole.ToolTipRole), view)
        else:
            QToolTip.hideText()
        return True

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:  # noqa: N802
        kind = self._kind(index)
        if kind is date or kind == date | None:
            return DateEdit(parent=parent)
        if kind is int:
            spin = QSpinBox(parent)
            spin.setRange(0, 1440)
            return spin
        if isinstance(kind, type) and issubclass(kind, Enum):
            combo = QComboBox(parent)
            for member in kind:
                combo.addItem(label(member), member)
            return combo
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:  # noqa: N802
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, DateEdit):
            editor.set_day(value if isinstance(value, date) else self._today())
        elif isinstance(editor, QSpinBox):
            editor.setValue(int(value or 0))
        elif isinstance(editor, QComboBox) and isinstance(value, Enum):
            editor.setCurrentIndex(max(0, editor.findData(value)))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: AnyIndex) -> None:  # noqa: N802
        if isinstance(editor, DateEdit):
            editor.finish()  # a two-digit year typed just now: the table saw Enter before it
            model.setData(index, editor.day())
        elif isinstance(editor, QSpinBox):
            model.setData(index, editor.value())
        elif isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
        else:
            super().setModelData(editor, model, index)


class RecordForm(QWidget):
    """The current row's long text and tick boxes, comfortably editable beside the table."""

    def __init__(
        self,
        table: RecordTable,
        columns: Sequence[Column],
        option_choices: Mapping[str, Sequence[str]],
    ):
        super().__init__()
        self._table = table
        self._record: Any = None
        self._loading = False
        self.texts: dict[str, QPlainTextEdit] = {}
        self.ticks: dict[str, dict[str, QCheckBox]] = {}
        self._when_written = {c.field for c in columns if c.only_when_written}
        # Typing waits for the table's autosave's pause; the pause ends in commit().
        self._autosave = table.autosave
        layout = QFormLayout(self)
        layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self._layout = layout
        layout.setContentsMargins(6, 6, 6, 6)  # its scroll area's frame is margin enough
        kinds = dict(field_kinds(table.model.record_type))
        for column in columns:
            kind = kinds[column.field]
            if kind is str:
                editor = QPlainTextEdit()
                editor.setObjectName(f"form_{column.field}")
                editor.setTabChangesFocus(True)
                editor.setMinimumHeight(lines_high(editor, 3))
                editor.textChanged.connect(self._edited)
                self.texts[column.field] = editor
                layout.addRow(f"{column.title}:", editor)
            elif is_set_kind(kind):
                box = QGroupBox(column.title)
                inner = QVBoxLayout(box)
                self.ticks[column.field] = {}
                for key in option_choices[column.field]:
                    check = QCheckBox(table.option_label(column.field, key))
                    check.setObjectName(f"tick_{column.field}_{key}")
                    check.toggled.connect(self._ticked)
                    self.ticks[column.field][key] = check
                    inner.addWidget(check)
                layout.addRow(box)
        self.setEnabled(False)

    def show_record(self, record: Any, *, commit_first: bool = True) -> None:
        if commit_first:
            self.commit()
        else:
            self._autosave.forget()
        self._record = record
        self._loading = True
        for field, editor in self.texts.items():
            text = getattr(record, field) if record is not None else ""
            if editor.toPlainText() != text:
                editor.setPlainText(text)
            if field in self._when_written:
                self._layout.setRowVisible(editor, bool(text.strip()))
        for field, checks in self.ticks.items():
            chosen = getattr(record, field) if record is not None else frozenset()
            for key, check in checks.items():
                check.setChecked(key in chosen)
        self._loading = False
        self.setEnabled(record is not None)

    def _edited(self) -> None:
        if not self._loading:
            self._autosave.edited()

    def _ticked(self) -> None:
        if not self._loading:
            self.commit()

    def pending(self) -> bool:
        return self._autosave.dirty

    def commit(self) -> None:
        """Turn what the form shows into one undoable edit of the record."""
        self._autosave.forget()
        if self._record is None:
            return
        changes: dict[str, Any] = {f: e.toPlainText() for f, e in self.texts.items()}
        for field, checks in self.ticks.items():
            changes[field] = frozenset(k for k, check in checks.items() if check.isChecked())
        # Start from the row as the table holds it now, so a cell edited meanwhile is kept.
        base = self._table.current_of(self._record.uid)
        if base is None:
            return
        updated = dataclasses.replace(base, **changes)
        self._record = updated
        if updated != base:
            self._table.edit(base, updated)
