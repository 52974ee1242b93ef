"""An editable table of one kind of step-tool record: a model over frozen dataclasses, a proxy
for sorting, delegates for dates, numbers and choices, and Add / Remove buttons.

Every edit makes a new record (dataclasses.replace) and saves it through the operations, so the
table never holds changes the vault has not seen.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from recovery_journal.domain.records import field_kinds
from recovery_journal.i18n import _
from recovery_journal.services.step_tools import (
    TOOL_CHANGES,
    delete_record,
    list_records,
    new_uid,
    save_record,
)
from recovery_journal.ui.labels import label
from recovery_journal.ui.operations import Operations

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class Column:
    field: str
    title: str
    stretch: bool = False


def _kind(record_type: type, field: str) -> Any:
    return dict(field_kinds(record_type))[field]


def _shown(value: Any) -> str:
    if isinstance(value, Enum):
        return label(value)
    if isinstance(value, date):
        return QLocale().toString(
            QDate(value.year, value.month, value.day), QLocale.FormatType.ShortFormat
        )
    return "" if value is None else str(value)


class RecordModel(QAbstractTableModel):
    def __init__(self, record_type: type, columns: Sequence[Column], save: Callable[[Any], None]):
        super().__init__()
        self.record_type = record_type
        self.columns = tuple(columns)
        self.records: list[Any] = []
        self._save = save

    def set_records(self, records: list[Any]) -> None:
        self.beginResetModel()
        self.records = list(records)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].title
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = getattr(self.records[index.row()], self.columns[index.column()].field)
        if role == Qt.ItemDataRole.DisplayRole:
            return _shown(value)
        if role == Qt.ItemDataRole.EditRole:
            return value
        if role == Qt.ItemDataRole.ToolTipRole and isinstance(value, str) and len(value) > 40:
            return value
        if role == Qt.ItemDataRole.UserRole:  # sort key: what the person sees, dates in order
            if isinstance(value, Enum):
                return label(value)
            return value.isoformat() if isinstance(value, date) else value
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        field = self.columns[index.column()].field
        record = self.records[index.row()]
        if getattr(record, field) == value:
            return False
        updated = dataclasses.replace(record, **{field: value})
        self.records[index.row()] = updated
        self.dataChanged.emit(index, index)
        self._save(updated)
        return True

    def append(self, record: Any) -> int:
        row = len(self.records)
        self.beginInsertRows(QModelIndex(), row, row)
        self.records.append(record)
        self.endInsertRows()
        return row

    def remove(self, row: int) -> Any:
        self.beginRemoveRows(QModelIndex(), row, row)
        record = self.records.pop(row)
        self.endRemoveRows()
        return record


class RecordDelegate(QStyledItemDelegate):
    """Editors that fit the field: a calendar for days, a spin box for minutes, a choice list."""

    def __init__(self, model: RecordModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model

    def _kind(self, index: AnyIndex) -> Any:
        # The sorting proxy reorders rows, never columns, so the column number is the model's.
        return _kind(self._model.record_type, self._model.columns[index.column()].field)

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:  # noqa: N802
        kind = self._kind(index)
        if kind is date:
            editor = QDateEdit(parent)
            editor.setCalendarPopup(True)
            return editor
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
        if isinstance(editor, QDateEdit) and isinstance(value, date):
            editor.setDate(QDate(value.year, value.month, value.day))
        elif isinstance(editor, QSpinBox):
            editor.setValue(int(value or 0))
        elif isinstance(editor, QComboBox) and isinstance(value, Enum):
            editor.setCurrentIndex(max(0, editor.findData(value)))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: AnyIndex) -> None:  # noqa: N802
        if isinstance(editor, QDateEdit):
            picked = editor.date()
            model.setData(index, date(picked.year(), picked.month(), picked.day()))
        elif isinstance(editor, QSpinBox):
            model.setData(index, editor.value())
        elif isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
        else:
            super().setModelData(editor, model, index)


class RecordTable(QWidget):
    """Add, edit in place, sort and remove the records of one type."""

    def __init__(
        self,
        operations: Operations,
        record_type: type,
        columns: Sequence[Column],
        make_new: Callable[[str], Any],
        keep: Callable[[Any], bool] = lambda record: True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._operations = operations
        self._make_new = make_new
        self._keep = keep
        self.model = RecordModel(record_type, columns, self._save)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setItemDelegate(RecordDelegate(self.model, self.view))
        self.view.setSortingEnabled(True)
        # Rows start in the order they were written; a click on a header sorts.
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.proxy.sort(-1)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setWordWrap(True)
        # Rows grow to show wrapped text whole rather than cutting it off with "…".
        self.view.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.model.modelReset.connect(self.view.resizeRowsToContents)
        self.model.dataChanged.connect(lambda *_args: self.view.resizeRowsToContents())
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        for number, column in enumerate(self.model.columns):
            mode = (
                QHeaderView.ResizeMode.Stretch
                if column.stretch
                else QHeaderView.ResizeMode.ResizeToContents
            )
            header.setSectionResizeMode(number, mode)
        self.add_button = QPushButton(_("Add"))
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton(_("Remove"))
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        record_type = self.model.record_type

        def load(vault: Any) -> list[Any]:
            records: list[Any] = list_records(vault, record_type)
            return [record for record in records if self._keep(record)]

        self._operations.run(load, self.model.set_records, owner=self)

    def _save(self, record: Any) -> None:
        self._operations.run(
            lambda vault: save_record(vault, record),
            changes=TOOL_CHANGES,
            on_error=self._save_failed,
            owner=self,
        )

    def _save_failed(self, error: BaseException) -> None:
        # Show what the vault really holds, and say why the change did not stick.
        self.reload()
        self._operations.failed.emit(error)

    def add(self) -> None:
        record = self._make_new(new_uid())
        if any(name == "position" for name, _kind in field_kinds(type(record))):
            # New rows go to the end and stay there.
            last = max((r.position for r in self.model.records), default=-1)
            record = dataclasses.replace(record, position=last + 1)
        row = self.model.append(record)
        self._save(record)
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.view.setCurrentIndex(index)
        self.view.edit(index)

    def remove_selected(self) -> None:
        index = self.view.currentIndex()
        if not index.isValid():
            return
        answer = QMessageBox.question(
            self,
            _("Remove"),
            _("Remove this row? This cannot be undone."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        record = self.model.remove(self.proxy.mapToSource(index).row())
        record_type = type(record)
        self._operations.run(
            lambda vault: delete_record(vault, record_type, record.uid),
            changes=TOOL_CHANGES,
            on_error=self._save_failed,
            owner=self,
        )
