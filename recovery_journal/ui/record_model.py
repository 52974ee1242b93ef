"""A table's rows of one kind of record: its columns, the model over the frozen dataclasses
and the proxy that filters them (and hands sorting to the model), with how a field's value is
shown in a cell.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from recovery_journal.domain.records import field_kinds
from recovery_journal.services.labels import label
from recovery_journal.ui.dates import date_text
from recovery_journal.ui.sponsor_remarks import Remark, remark_icon

AnyIndex = QModelIndex | QPersistentModelIndex
OptionLabel = Callable[[str, str], str]  # (field, option key) -> shown name


@dataclass(frozen=True, slots=True)
class Column:
    field: str
    title: str
    stretch: bool = False
    # For a field whose stored value can be empty while the app shows a default in its place
    # (a shipped question's wording): what to show and to start editing from.
    shown: Callable[[Any], str] | None = None
    read_only: bool = False
    # In the form: a field most rows leave empty, shown only on a row that holds words in it.
    only_when_written: bool = False


def field_kind(record_type: type, field: str) -> Any:
    return dict(field_kinds(record_type))[field]


def is_set_kind(kind: Any) -> bool:
    return typing.get_origin(kind) is frozenset


def is_text_kind(kind: Any) -> bool:
    """Whether the field's shown text has no natural bound (words, or a list of ticks)."""
    return kind is str or is_set_kind(kind)


def one_line(text: str) -> str:
    """The text as a table cell shows it: its lines and runs of spaces joined by one space."""
    return " ".join(text.split())


class RecordModel(QAbstractTableModel):
    def __init__(
        self,
        record_type: type,
        columns: Sequence[Column],
        edit: Callable[[Any, Any], None],
        option_label: OptionLabel,
    ) -> None:
        super().__init__()
        self.record_type = record_type
        self.columns = tuple(columns)
        self.records: list[Any] = []
        self.keys: list[tuple[Any, ...]] = []
        self._edit = edit
        self.before_edit: Callable[[], None] = lambda: None
        self._option_label = option_label
        self._kinds = dict(field_kinds(record_type))
        # Words said about a row (the sponsor's, by the row's uid): a mark in its first cell,
        # the words in that cell's tooltip and in what a screen reader says of it.
        self.remarks: dict[str, Remark] = {}

    def set_remarks(self, remarks: dict[str, Remark]) -> None:
        if remarks == self.remarks:
            return
        self.remarks = dict(remarks)
        if self.records:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.records) - 1, 0))

    def set_records(self, records: list[Any]) -> None:
        self.beginResetModel()
        self.records = list(records)
        self.keys = [self._sort_keys(record) for record in self.records]
        self.endResetModel()

    def _sort_key(self, field: str, value: Any) -> Any:
        if isinstance(value, bool):
            return (0, int(value))
        if isinstance(value, date):
            return (0, value.isoformat())
        if value is None:
            return (0, "")
        if isinstance(value, int):
            return (1, value)
        shown = self._shown(field, value) if isinstance(value, Enum | frozenset) else value
        return (0, shown.casefold())

    def _sort_keys(self, record: Any) -> tuple[Any, ...]:
        # Computed once per change, so sorting a thousand rows does not call back into Python
        # for every comparison's display text.
        return tuple(self._sort_key(c.field, getattr(record, c.field)) for c in self.columns)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column's shown values; column -1 restores the written order."""
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        uids = [self.records[index.row()].uid for index in before]
        pairs = list(zip(self.records, self.keys, strict=True))
        if column < 0:
            pairs.sort(key=lambda pair: getattr(pair[0], "position", 0))
        else:
            pairs.sort(
                key=lambda pair: pair[1][column], reverse=order == Qt.SortOrder.DescendingOrder
            )
        self.records = [record for record, _key in pairs]
        self.keys = [key for _record, key in pairs]
        rows = {record.uid: row for row, record in enumerate(self.records)}
        after = [
            self.index(rows[uid], index.column()) for uid, index in zip(uids, before, strict=True)
        ]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def row_of(self, uid: str) -> int:
        return next((row for row, r in enumerate(self.records) if r.uid == uid), -1)

    def upsert(self, record: Any) -> int:
        row = self.row_of(record.uid)
        if row >= 0:
            self.records[row] = record
            self.keys[row] = self._sort_keys(record)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))
            return row
        row = len(self.records)
        self.beginInsertRows(QModelIndex(), row, row)
        self.records.append(record)
        self.keys.append(self._sort_keys(record))
        self.endInsertRows()
        return row

    def remove_uid(self, uid: str) -> None:
        row = self.row_of(uid)
        if row >= 0:
            self.beginRemoveRows(QModelIndex(), row, row)
            self.records.pop(row)
            self.keys.pop(row)
            self.endRemoveRows()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,  # the whole title, where a narrow column elides it
        ):
            return self.columns[section].title
        return None

    def _shown(self, field: str, value: Any) -> str:
        if isinstance(value, bool):
            return ""
        if isinstance(value, Enum):
            return label(value)
        if isinstance(value, date):
            return date_text(value)
        if isinstance(value, frozenset):
            return ", ".join(self._option_label(field, key) for key in sorted(value))
        if isinstance(value, str):
            return one_line(value)  # one line a row; the whole text is in the tooltip and form
        return "" if value is None else str(value)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = self.columns[index.column()]
        field = column.field
        record = self.records[index.row()]
        value = getattr(record, field)
        said = self.remarks.get(record.uid) if index.column() == 0 else None
        remark = said.text if said is not None else ""
        if remark and role == Qt.ItemDataRole.DecorationRole:
            return remark_icon()
        if remark and role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return remark
        if remark and role == Qt.ItemDataRole.ToolTipRole:
            shown = value if isinstance(value, str) else self._shown(field, value)
            return f"{shown}\n\n{remark}" if shown.strip() else remark
        if column.shown is not None and role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.EditRole,
        ):
            return column.shown(record)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._shown(field, value)
        if role == Qt.ItemDataRole.EditRole:
            return value
        if role == Qt.ItemDataRole.CheckStateRole and isinstance(value, bool):
            return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole and isinstance(value, str | frozenset):
            # The delegate shows it only where the cell shows less than all of it.
            return value if isinstance(value, str) else self._shown(field, value)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self.columns[index.column()].read_only:
            return flags
        kind = self._kinds[self.columns[index.column()].field]
        if kind is bool:
            return flags | Qt.ItemFlag.ItemIsUserCheckable
        if is_set_kind(kind):
            return flags  # ticked in the form beside the table
        return flags | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid():
            return False
        column = self.columns[index.column()]
        field = column.field
        # Text waiting in the form beside the table goes in first, so this edit builds on it.
        self.before_edit()
        if role == Qt.ItemDataRole.CheckStateRole:
            value = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role != Qt.ItemDataRole.EditRole:
            return False
        record = self.records[index.row()]
        if column.shown is not None and value == column.shown(record):
            return False  # the default wording left as it was stays the default
        if getattr(record, field) == value:
            return False
        self._edit(record, dataclasses.replace(record, **{field: value}))
        return True


class RecordProxy(QSortFilterProxyModel):
    """Filters; sorting is handed to the model, which sorts its rows in one Python sort.

    Letting the proxy compare rows calls back into Python for every comparison, which took
    60-150 ms for a thousand rows; one sort of cached keys takes about a millisecond.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.pinned_uid = ""  # the row open in the form stays visible while it is edited
        self.accept: Callable[[Any], bool] | None = None  # a condition beside the text filter

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        model = self.sourceModel()
        if isinstance(model, RecordModel):
            model.sort(column, order)

    def set_accept(self, accept: Callable[[Any], bool] | None) -> None:
        self.beginFilterChange()
        self.accept = accept
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:  # noqa: N802
        model = self.sourceModel()
        assert isinstance(model, RecordModel)
        record = model.records[source_row]
        if record.uid == self.pinned_uid:
            return True
        if self.accept is not None and not self.accept(record):
            return False
        return super().filterAcceptsRow(source_row, source_parent)
