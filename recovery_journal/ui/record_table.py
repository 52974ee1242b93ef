"""An editable table of one kind of record: the widget that puts together the model and its
proxy (record_model), the editors in its cells and optionally the form beside it for long text
and tick boxes (record_editors), the buttons under it and an undo stack.

Every change is one undo command that names the records before and after; applying it updates
the model and saves through the operations in one transaction, so the table never shows a change
the vault has not been asked to keep, and undo writes the old records back the same way.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import date
from enum import Enum
from functools import partial
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from recovery_journal.domain.records import field_kinds
from recovery_journal.i18n import _
from recovery_journal.services.labels import label
from recovery_journal.services.step_tools import (
    apply_changes,
    duplicate_plan,
    list_records,
    move_plan,
    new_uid,
)
from recovery_journal.ui.autosave import Autosave
from recovery_journal.ui.column_widths import ColumnWant, fit_widths
from recovery_journal.ui.dates import confirm_date, date_text
from recovery_journal.ui.flow_row import FlowRow
from recovery_journal.ui.found_words import holds_words, show_words
from recovery_journal.ui.messages import ask_yes_no
from recovery_journal.ui.operations import Operations
from recovery_journal.ui.record_editors import RecordDelegate, RecordForm
from recovery_journal.ui.record_model import (
    Column,
    OptionLabel,
    RecordModel,
    RecordProxy,
    field_kind,
    is_text_kind,
)
from recovery_journal.ui.sponsor_remarks import Remark, RemarkBox
from recovery_journal.ui.widgets import lines_high

# (record before, record after) -> a question to ask before the edit is kept, or None
Doubt = Callable[[Any, Any], str | None]
TABLE_LINES = 6  # the fewest lines of text a table shows, below its header


@dataclass(frozen=True, slots=True)
class TableAction:
    """A button under the table; ``needs_row``: it acts on the selected row (else on None)."""

    text: str
    callback: Callable[[Any], None]
    needs_row: bool = True


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
        name: str = "",
        doubt: Doubt | None = None,
    ) -> None:
        """``name`` says what the table holds, for screen readers (its view and its filter);
        ``doubt`` asks about an edit that looks mistyped (a clean date in the future)."""
        super().__init__(parent)
        self._operations = operations
        self._doubt = doubt
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
        # The sponsor's words on the current row, if any: under the table, the width of it (a
        # row's form is narrow and scrolls), where showing them moves no row.
        self.remark = RemarkBox()
        table_layout.addWidget(self.remark)
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
        self.view.selectionModel().currentRowChanged.connect(self._show_remark)
        self.proxy.modelReset.connect(self._show_remark)
        for signal in (
            self.proxy.modelReset,
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
            self.proxy.layoutChanged,
        ):
            signal.connect(self._update_buttons)
        self._update_buttons()
        self.reload()

    def set_remarks(self, remarks: dict[str, Remark]) -> None:
        """Words said about rows, by uid (the sponsor's): a mark on the row, and the words of
        the current row above the table."""
        self.model.set_remarks(remarks)
        self._show_remark()

    def _show_remark(self, *_args: Any) -> None:
        record = self.current_record()
        self.remark.show_remark(self.model.remarks.get(record.uid) if record is not None else None)

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
            kind = field_kind(self.model.record_type, column.field)
            title = metrics.horizontalAdvance(column.title) + pad
            if is_text_kind(kind):
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
