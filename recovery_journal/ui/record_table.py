"""An editable table of one kind of record: a model over frozen dataclasses, a proxy for sorting
and filtering, delegates for dates, numbers and choices, an undo stack, and optionally a form
beside the table for long text and tick boxes.

Every change is one undo command that names the records before and after; applying it updates
the model and saves through the operations in one transaction, so the table never shows a change
the vault has not been asked to keep, and undo writes the old records back the same way.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import date
from enum import Enum
from functools import partial
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import QHelpEvent, QKeySequence, QShortcut, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from recovery_journal.domain.records import field_kinds
from recovery_journal.i18n import _
from recovery_journal.services.changes import STEPS_CHANGED, Changes
from recovery_journal.services.labels import label
from recovery_journal.services.step_tools import (
    apply_changes,
    duplicate_plan,
    list_records,
    move_plan,
    new_uid,
)
from recovery_journal.ui.autosave import Autosave
from recovery_journal.ui.dates import DateEdit, confirm_date, date_text
from recovery_journal.ui.flow_row import FlowRow
from recovery_journal.ui.messages import ask_yes_no
from recovery_journal.ui.operations import Operations
from recovery_journal.ui.widgets import lines_high

AnyIndex = QModelIndex | QPersistentModelIndex
OptionLabel = Callable[[str, str], str]  # (field, option key) -> shown name
# (record before, record after) -> a question to ask before the edit is kept, or None
Doubt = Callable[[Any, Any], str | None]
TABLE_LINES = 6  # the fewest lines of text a table shows, below its header


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


@dataclass(frozen=True, slots=True)
class TableAction:
    """A button under the table; ``needs_row``: it acts on the selected row (else on None)."""

    text: str
    callback: Callable[[Any], None]
    needs_row: bool = True


def _kind(record_type: type, field: str) -> Any:
    return dict(field_kinds(record_type))[field]


def _is_set(kind: Any) -> bool:
    return typing.get_origin(kind) is frozenset


def _is_text(kind: Any) -> bool:
    """Whether the field's shown text has no natural bound (words, or a list of ticks)."""
    return kind is str or _is_set(kind)


def one_line(text: str) -> str:
    """The text as a table cell shows it: its lines and runs of spaces joined by one space."""
    return " ".join(text.split())


def holds_words(text: str, words: Sequence[str]) -> bool:
    """Whether ``text`` contains one of ``words`` (as a search result marked them), any case."""
    folded = text.casefold()
    return any(word.casefold() in folded for word in words if word)


def show_words(editor: QPlainTextEdit | QLineEdit, words: Sequence[str]) -> None:
    """Put the editor's cursor (not a selection, which a key would replace) on the first word."""
    text = editor.toPlainText() if isinstance(editor, QPlainTextEdit) else editor.text()
    folded = text.casefold()
    found = [folded.find(word.casefold()) for word in words if word]
    positions = [position for position in found if position >= 0]
    if not positions:
        return
    if isinstance(editor, QLineEdit):
        editor.setCursorPosition(min(positions))
        return
    cursor = editor.textCursor()
    cursor.setPosition(min(positions))
    editor.setTextCursor(cursor)
    editor.ensureCursorVisible()


@dataclass(frozen=True, slots=True)
class ColumnWant:
    """A column's width: what it wants, the least it can do with, its share of room left."""

    want: int
    floor: int
    weight: int  # 0: takes no more than it wants


def fit_widths(wants: Sequence[ColumnWant], room: int) -> list[int]:
    """Column widths that fill ``room`` exactly when they can.

    With room to spare, each column gets what it wants and the columns of words share the
    rest by weight. Short of room, each gives up the same part of what it wants above its
    floor; below the sum of the floors, the floors (and the table scrolls sideways).
    """
    if not wants:
        return []
    widths = [w.want for w in wants]
    spare = room - sum(widths)
    if spare >= 0:
        weights = [w.weight for w in wants]
        if not any(weights):
            weights = [0] * (len(wants) - 1) + [1]  # the last column takes the rest
        total = sum(weights)
        shares = [spare * weight // total for weight in weights]
        widths = [width + share for width, share in zip(widths, shares, strict=True)]
    else:
        above = sum(w.want - w.floor for w in wants)
        keep = max(0.0, (room - sum(w.floor for w in wants)) / above) if above else 0.0
        widths = [w.floor + int((w.want - w.floor) * keep) for w in wants]
    # What rounding left over goes to the last column that grows, so the row ends at the edge.
    left = room - sum(widths)
    if left > 0:
        last = max((n for n, w in enumerate(wants) if w.weight), default=len(wants) - 1)
        widths[last] += left
    return widths


class RecordView(QTableView):
    """A table view that says when its room changed, so its columns can be fitted again."""

    def __init__(self) -> None:
        super().__init__()
        self.resized: Callable[[], None] = lambda: None

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802
        # The viewport's width, not the view's: a scroll bar coming or going changes it too.
        handled = super().viewportEvent(event)
        if event.type() == QEvent.Type.Resize:
            self.resized()
        return handled


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
        if _is_set(kind):
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
        return _kind(self._model.record_type, self._model.columns[index.column()].field)

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


class _Change(QUndoCommand):
    """Records before and after one action; None means the record does not exist."""

    def __init__(
        self, table: RecordTable, text: str, before: dict[str, Any], after: dict[str, Any]
    ):
        super().__init__(text)
        self._table = table
        self._before = before
        self._after = after

    def redo(self) -> None:
        self._table._apply(self._after, self._before)

    def undo(self) -> None:
        self._table._apply(self._before, self._after)


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
            elif _is_set(kind):
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


class RecordTable(QWidget):
    """Add, edit in place, duplicate, reorder, filter, sort, undo and remove records of a type."""

    def __init__(
        self,
        operations: Operations,
        record_type: type,
        columns: Sequence[Column],
        make_new: Callable[[str], Any],
        keep: Callable[[Any], bool] = lambda record: True,
        parent: QWidget | None = None,
        *,
        form_columns: Sequence[Column] = (),
        option_choices: Mapping[str, Sequence[str]] | None = None,
        option_label: OptionLabel | None = None,
        reorder: bool = False,
        actions: Sequence[TableAction] = (),
        removable: bool = True,
        addable: bool = True,
        filterable: bool = False,
        changes: Changes = STEPS_CHANGED,
        name: str = "",
        doubt: Doubt | None = None,
    ) -> None:
        """``name`` says what the table holds, for screen readers (its view and its filter);
        ``doubt`` asks about an edit that looks mistyped (a clean date in the future)."""
        super().__init__(parent)
        self._operations = operations
        self._doubt = doubt
        self._changes = changes
        self._removable = removable
        self._addable = addable
        # What the form types waits for its pause here; each change's save runs through it.
        self.autosave = Autosave(operations, self._write, parent=self)
        self._generation = 0
        self._loads = 0  # reads of the vault not back yet
        # A row asked for by a search result: its uid, the words to show, reads left to find it.
        self._wanted: tuple[str, tuple[str, ...], int] | None = None
        self._make_new = make_new
        self._keep = keep
        self.option_label: OptionLabel = option_label or (lambda field, key: key)
        self.undo_stack = QUndoStack(self)
        self.model = RecordModel(record_type, columns, self.edit, self.option_label)
        self.model.before_edit = self._commit_form
        self.proxy = RecordProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.view = RecordView()
        self.view.setModel(self.proxy)
        self.view.setItemDelegate(RecordDelegate(self.model, operations.day.today, self.view))
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
        # One line a row, long text elided with "…": a long cell never pushes the other columns
        # out of view. The whole text is in the cell's tooltip and in the form or the editor.
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.verticalHeader().hide()
        self._size_columns()
        # Room for a few rows whatever the window: a page taller than the window scrolls rather
        # than squeezing the table to a single row (200 % text on a laptop's screen).
        header = self.view.horizontalHeader()
        self.view.setMinimumHeight(header.sizeHint().height() + lines_high(self.view, TABLE_LINES))

        self.filter = QLineEdit()
        self.filter.setObjectName("filter")
        self.filter.setPlaceholderText(_("Filter…"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        if name:
            self.set_name(name)

        self.add_button = QPushButton(_("Add"))
        self.add_button.clicked.connect(self.add)
        self.duplicate_button = QPushButton(_("Duplicate"))
        self.duplicate_button.clicked.connect(self.duplicate_current)
        self.remove_button = QPushButton(_("Remove"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.up_button = QPushButton(_("Move up"))
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button = QPushButton(_("Move down"))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        self.undo_button = QPushButton(_("Undo"))
        self.undo_button.clicked.connect(self.undo)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_button.setEnabled(False)
        self.redo_button = QPushButton(_("Redo"))
        self.redo_button.clicked.connect(self.redo)
        self.undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self.redo_button.setEnabled(False)
        for sequence, slot in (
            (QKeySequence.StandardKey.Undo, self.undo),
            (QKeySequence.StandardKey.Redo, self.redo),
            (QKeySequence("Ctrl+Shift+Z"), self.redo),
            (QKeySequence("Alt+Up"), lambda: self.move_current(-1)),
            (QKeySequence("Alt+Down"), lambda: self.move_current(1)),
            (QKeySequence("Ctrl+D"), self.duplicate_current),
            (QKeySequence("Ctrl+N"), self.add),
            (QKeySequence.StandardKey.Delete, self.remove_selected),
        ):
            shortcut = QShortcut(sequence, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        # Short rows, so every label fits in both languages even in a small window; rows that
        # wrap, for large text.
        buttons = FlowRow()
        second_row = FlowRow()
        if addable:
            buttons.addWidget(self.add_button)
        else:
            self.add_button.hide()
        if reorder:
            buttons.addWidget(self.duplicate_button)
            second_row.addWidget(self.up_button)
            second_row.addWidget(self.down_button)
        else:
            self.duplicate_button.hide()
            self.up_button.hide()
            self.down_button.hide()
        if removable:
            buttons.addWidget(self.remove_button)
        else:
            self.remove_button.hide()
        second_row.addWidget(self.undo_button)
        second_row.addWidget(self.redo_button)
        # Actions one under another: their labels are long, and clipped labels help nobody.
        third_row = QVBoxLayout()
        self.action_buttons: list[QPushButton] = []
        # The buttons that act on the selected row: off while no row is selected.
        self._row_buttons = [
            self.duplicate_button,
            self.remove_button,
            self.up_button,
            self.down_button,
        ]
        for action in actions:
            button = QPushButton(action.text)
            button.setMinimumWidth(button.sizeHint().width())
            button.clicked.connect(lambda _checked=False, action=action: self._run_action(action))
            self.action_buttons.append(button)
            if action.needs_row:
                self._row_buttons.append(button)
            third_row.addWidget(button, alignment=Qt.AlignmentFlag.AlignLeft)
        for button in (
            self.add_button,
            self.duplicate_button,
            self.up_button,
            self.down_button,
            self.remove_button,
            self.undo_button,
            self.redo_button,
        ):
            button.setMinimumWidth(button.sizeHint().width())

        table_side = QWidget()
        table_layout = QVBoxLayout(table_side)
        table_layout.setContentsMargins(0, 0, 0, 0)
        if form_columns or filterable:
            table_layout.addWidget(self.filter)

        else:
            self.filter.hide()
        table_layout.addWidget(self.view)
        table_layout.addWidget(buttons)
        table_layout.addWidget(second_row)
        table_layout.addLayout(third_row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.form: RecordForm | None = None
        if form_columns:
            self.form = RecordForm(self, form_columns, option_choices or {})
            form_scroll = QScrollArea()
            form_scroll.setWidgetResizable(True)
            form_scroll.setWidget(self.form)
            # Never narrower than its tick boxes' words (the splitter would cut them off).
            form_scroll.setMinimumWidth(
                max(
                    260,
                    self.form.minimumSizeHint().width()
                    + form_scroll.verticalScrollBar().sizeHint().width()
                    + 2 * form_scroll.frameWidth(),
                )
            )
            splitter = QSplitter()
            splitter.addWidget(table_side)
            splitter.addWidget(form_scroll)
            splitter.setStretchFactor(0, 3)
            splitter.setStretchFactor(1, 2)
            splitter.setSizes([640, 300])
            layout.addWidget(splitter)
            self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        else:
            layout.addWidget(table_side)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.view.selectionModel().currentRowChanged.connect(self._update_buttons)
        for signal in (
            self.proxy.modelReset,
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
            self.proxy.layoutChanged,
        ):
            signal.connect(self._update_buttons)
        self._update_buttons()
        self.reload()

    def set_name(self, name: str) -> None:
        """What a screen reader calls the table (and its filter box)."""
        self.view.setAccessibleName(name)
        self.filter.setAccessibleName(_("Filter: {table}").format(table=name))

    def _size_columns(self) -> None:
        header = self.view.horizontalHeader()
        # A selected row touches every column: bold titles on each would only be wider (and
        # cut at both ends), telling nothing.
        header.setHighlightSections(False)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        header.setMinimumSectionSize(24)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        # Fitted again whenever the table's width changes; a column dragged wider stays so
        # until then.
        self.view.resized = self.fit_columns

    def _column_wants(self) -> list[ColumnWant]:
        """What each column needs, by its kind, never by how long a cell's text happens to be.

        Days, numbers, choices and tick marks are short by nature: they want their title and
        their longest value. Words (and lists of ticks) want their title, and share the room
        left (a stretched column twice as much).
        """
        metrics = self.view.horizontalHeader().fontMetrics()
        cell = self.view.fontMetrics()
        pad = 3 * metrics.averageCharWidth()  # the margins around a title or a cell's text
        char = cell.averageCharWidth()
        wants = []
        for column in self.model.columns:
            kind = _kind(self.model.record_type, column.field)
            title = metrics.horizontalAdvance(column.title) + pad
            if _is_text(kind):
                wants.append(
                    ColumnWant(title, min(title, 6 * char + pad), 2 if column.stretch else 1)
                )
                continue
            if kind is bool:
                values = [0]
                floor = 2 * pad
            elif isinstance(kind, type) and issubclass(kind, Enum):
                values = [cell.horizontalAdvance(label(member)) for member in kind]
                floor = 6 * char + pad
            elif kind is int:
                values = [cell.horizontalAdvance("0000")]
                floor = values[0] + pad
            else:  # a day
                values = [cell.horizontalAdvance(date_text(date(2000, 12, 28)))]
                floor = values[0] + pad
            want = max(title, max(values) + pad)
            wants.append(ColumnWant(want, min(floor, want), 0))
        return wants

    def fit_columns(self) -> None:
        header = self.view.horizontalHeader()
        widths = fit_widths(self._column_wants(), self.view.viewport().width())
        for number, width in enumerate(widths):
            header.resizeSection(number, width)

    def selected_record(self) -> Any:
        """The record of the selected row; None when no row is selected (or the list is empty)."""
        index = self.view.currentIndex()
        if not index.isValid() or not self.view.selectionModel().isRowSelected(index.row()):
            return None
        return self.current_record()

    def _update_buttons(self, *_args: Any) -> None:
        chosen = self.selected_record() is not None
        for button in self._row_buttons:
            button.setEnabled(chosen)

    # --- loading and the current row -------------------------------------------------------------

    def reload(self) -> None:
        record_type = self.model.record_type
        generation = self._generation

        def load(vault: Any) -> list[Any]:
            records: list[Any] = list_records(vault, record_type)
            return [record for record in records if self._keep(record)]

        self._loads += 1
        self._operations.run(
            load,
            partial(self._loaded, generation),
            on_error=self._load_failed,
            owner=self,
        )

    def _load_failed(self, error: BaseException) -> None:
        self._loads -= 1
        self._wanted = None
        self._operations.report(error)

    def _loaded(self, generation: int, records: list[Any]) -> None:
        self._loads -= 1
        if generation != self._generation:
            # Rows were changed here while these were being read: read again, so a row just
            # added (or an editor just opened) is not swept away by an older list.
            self.reload()
            return
        if records == self.model.records:
            # What the table shows already (a read again after a row was added here): a reset
            # would close the editor the new row just opened, and the first words typed into
            # it went nowhere.
            if self._wanted is not None and not self._loads:
                self._reveal_wanted()
            return
        # Undo entries hold whole records; after a reload (another view may have changed them)
        # they could write stale values back, so the history starts again.
        self.undo_stack.clear()
        self.model.set_records(records)
        if self.form is not None:
            self.form.show_record(self.current_record())
        if self._wanted is not None and not self._loads:
            self._reveal_wanted()

    def current_record(self) -> Any:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return self.model.records[self.proxy.mapToSource(index).row()]

    def current_of(self, uid: str) -> Any:
        row = self.model.row_of(uid)
        return self.model.records[row] if row >= 0 else None

    def _current_changed(self, *_args: Any) -> None:
        if self.form is not None:
            self.form.show_record(self.current_record())
            record = self.current_record()
            self.proxy.pinned_uid = record.uid if record is not None else ""

    def _commit_form(self) -> None:
        if self.form is not None and self.form.pending():
            self.form.commit()

    def undo(self) -> None:
        self._commit_form()  # what is typed is one step of its own, undone first
        self.undo_stack.undo()

    def redo(self) -> None:
        self._commit_form()
        self.undo_stack.redo()

    def select(self, uid: str) -> None:
        row = self.model.row_of(uid)
        if row >= 0:
            self.view.setCurrentIndex(self.proxy.mapFromSource(self.model.index(row, 0)))

    def reveal(self, uid: str, words: Sequence[str] = ()) -> None:
        """Select the row of ``uid``, scroll to it and put the keyboard where ``words`` are.

        For a search result. A row not here yet (the table is still reading, or the record was
        written on another page) is shown when the vault has been read again.
        """
        self._wanted = (uid, tuple(words), 1)
        if self._loads:
            return  # the read under way brings the rows; the row is shown when it is back
        self._reveal_wanted()

    def _reveal_wanted(self) -> None:
        if self._wanted is None:
            return
        uid, words, reads_left = self._wanted
        row = self.model.row_of(uid)
        if row < 0:
            # Perhaps written since this table read the vault: read once more, then give up.
            self._wanted = (uid, words, reads_left - 1) if reads_left > 0 else None
            if reads_left > 0:
                self.reload()
            return
        self._wanted = None
        if not self.proxy.mapFromSource(self.model.index(row, 0)).isValid():
            self.filter.clear()  # the filter hid the row
        if not self.proxy.mapFromSource(self.model.index(row, 0)).isValid():
            # Hidden by a condition beside the filter (only the open amends): show it anyway.
            self.proxy.beginFilterChange()
            self.proxy.pinned_uid = uid
            self.proxy.endFilterChange()
        record = self.model.records[row]
        # In the table, the cell holding the words; beside it, the form's editor holding them.
        column = next(
            (
                number
                for number, c in enumerate(self.model.columns)
                if isinstance(getattr(record, c.field), str)
                and holds_words(getattr(record, c.field), words)
            ),
            0,
        )
        index = self.proxy.mapFromSource(self.model.index(row, column))
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        editor = None
        if self.form is not None:
            editor = next(
                (e for e in self.form.texts.values() if holds_words(e.toPlainText(), words)),
                None,
            )
        if editor is not None:
            editor.setFocus(Qt.FocusReason.OtherFocusReason)
            show_words(editor, words)
        else:
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- changes, all through the undo stack -----------------------------------------------------

    def _apply(self, wanted: dict[str, Any], other: dict[str, Any]) -> None:
        """Make the model and the vault hold ``wanted`` (None: the record is gone)."""
        self._generation += 1
        saves, deletes = [], []
        for uid, record in wanted.items():
            if record is None:
                gone = other.get(uid)
                self.model.remove_uid(uid)
                if gone is not None:
                    deletes.append((type(gone), uid))
            else:
                self.model.upsert(record)
                saves.append(record)
        if self.form is not None:
            self.form.show_record(self.current_record(), commit_first=False)
        # A failure marks nothing to try again: the table shows what the vault holds instead.
        self.autosave.run(
            lambda vault: apply_changes(vault, saves, deletes),
            changes=self._changes,
            key=None,
            on_failed=self._save_failed,
        )

    def _save_failed(self, _error: BaseException) -> bool:
        # Show what the vault really holds; the autosave says why the change did not stick.
        self.undo_stack.clear()
        self.reload()
        return True

    def _push(self, text: str, before: dict[str, Any], after: dict[str, Any]) -> None:
        self.undo_stack.push(_Change(self, text, before, after))

    def edit(self, old: Any, new: Any) -> None:
        if old is None or old == new:
            return
        question = self._doubt(old, new) if self._doubt is not None else None
        if question is None:
            self._push(_("Edit"), {old.uid: old}, {new.uid: new})
            return
        # Asked once the editor has closed: a dialog opened while the delegate commits takes
        # the editor's focus, and losing it commits the editor a second time.
        QTimer.singleShot(0, self, lambda: self._edit_if_kept(old, new, question))

    def _edit_if_kept(self, old: Any, new: Any, question: str) -> None:
        """Ask; on a yes, make the edit on the row as it is now. On a no nothing changes."""
        if not confirm_date(self, question):
            return
        current = self.current_of(old.uid)
        if current is None:
            return  # removed meanwhile
        changed = {
            field.name: getattr(new, field.name)
            for field in dataclasses.fields(new)
            if getattr(new, field.name) != getattr(old, field.name)
        }
        self._push(
            _("Edit"),
            {current.uid: current},
            {current.uid: dataclasses.replace(current, **changed)},
        )

    def add(self) -> None:
        if not self._addable:
            return
        record = self._make_new(new_uid())
        if any(name == "position" for name, _kind in field_kinds(type(record))):
            # New rows go to the end and stay there.
            last = max((r.position for r in self.model.records), default=-1)
            record = dataclasses.replace(record, position=last + 1)
        self._push(_("Add"), {record.uid: None}, {record.uid: record})
        self.select(record.uid)
        index = self.view.currentIndex()
        if index.isValid():
            self.view.edit(index)

    def duplicate_current(self) -> None:
        record = self.selected_record()
        if record is None:
            return
        copy, moved = duplicate_plan(self.model.records, record, new_uid())
        before: dict[str, Any] = {copy.uid: None}
        before.update({r.uid: self.current_of(r.uid) for r in moved})
        after = {r.uid: r for r in [*moved, copy]}
        self._push(_("Duplicate"), before, after)
        self.select(copy.uid)

    def move_current(self, step: int) -> None:
        record = self.selected_record()
        if record is None or not hasattr(record, "position"):
            return
        moved = move_plan(self.model.records, record, step)
        if not moved:
            return
        before = {r.uid: self.current_of(r.uid) for r in moved}
        self._push(_("Move"), before, {r.uid: r for r in moved})
        self.select(record.uid)

    def remove_selected(self) -> None:
        record = self.selected_record()
        if record is None or not self._removable:
            return
        if ask_yes_no(
            self, _("Remove"), _("Remove this row? You can undo it while this page is open.")
        ):
            self._push(_("Remove"), {record.uid: record}, {record.uid: None})

    def _run_action(self, action: TableAction) -> None:
        if self.form is not None:
            self.form.commit()
        record = self.selected_record()
        if record is not None or not action.needs_row:
            action.callback(record)

    def save_now(self) -> list[Future[Any]]:
        """Commit what the form holds; the futures say when every change is in the vault."""
        return self.autosave.save_now()

    def _write(self, _keys: set[str]) -> None:
        if self.form is not None:
            self.form.commit()  # even with nothing typed: it changes nothing then
