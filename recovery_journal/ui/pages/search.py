"""Search results: everything the person wrote that matches, grouped by kind, as they type.

The window's search box hands its text to ``SearchPage.set_query``; a moment after typing stops
the vault is asked (services/search.py) and only the answer to the latest question is shown.
Enter or a double-click on a result asks the window to open that very item on its own page;
Enter in the search box opens the top result, once the answer to the words typed is there.
"""

from __future__ import annotations

import html
from functools import cache
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QPainter,
    QPalette,
    QResizeEvent,
    QShowEvent,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from recovery_journal.domain import record_kinds
from recovery_journal.domain import search_items as kinds
from recovery_journal.domain.record_kinds import RecordKind, Shown
from recovery_journal.domain.search import Snippet, Term, parse_query, snippet
from recovery_journal.i18n import _, current_language, ngettext
from recovery_journal.services.changes import Changes
from recovery_journal.services.search import SearchHit, SearchResults, kind_heading, search
from recovery_journal.services.worker import VaultClosed
from recovery_journal.ui.dates import date_text, day_heading
from recovery_journal.ui.labels import heading, wrapped
from recovery_journal.ui.messages import error_sentence
from recovery_journal.ui.operations import Operations
from recovery_journal.ui.pages import Page

TYPING_PAUSE_MS = 120  # results follow the typing, without a search for every key
SLOW_SEARCH_MS = 400  # only a search slower than this says "Searching…"
MATCH_STYLE = "background-color:#fbe7a1; color:#2b2100;"  # a soft marker, dark text on it

AnyIndex = QModelIndex | QPersistentModelIndex
HIT_ROLE = Qt.ItemDataRole.UserRole + 1  # the SearchHit of a result row (None on a heading)
HTML_ROLE = Qt.ItemDataRole.UserRole + 2  # what the row shows, as rich text

# Where each kind of item is shown, so a result opens on its own page: the kinds kept outside the
# record tables here, each declared kind of record (domain/record_kinds.py) where it says.
OTHER_PAGES: dict[str, Page] = {
    kinds.JOURNAL: Page.JOURNAL,
    kinds.NOTE: Page.JOURNAL,
    kinds.ANSWER: Page.STEPS,
    kinds.STEP_NOTES: Page.STEPS,
    kinds.REVIEW: Page.REVIEW,
}
PAGE_OF_SHOWN: dict[Shown, Page] = {
    Shown.STEPS: Page.STEPS,
    Shown.INVENTORY: Page.INVENTORY,
    Shown.PRACTICE: Page.PRACTICE,
    Shown.SPONSOR: Page.SPONSOR,
}


def page_for_kind(kind: str) -> Page:
    """The page that shows an item of this search kind (the results themselves if none does)."""
    if kind in OTHER_PAGES:
        return OTHER_PAGES[kind]
    try:
        return PAGE_OF_SHOWN[record_kinds.named(kind).shown]
    except KeyError:
        return Page.SEARCH


def unnamed_kinds() -> frozenset[str]:
    """Kinds whose items have no name of their own: a result is called by its day instead (the
    index would offer the first line, which the snippet below it repeats)."""
    return _unnamed(record_kinds.kinds())


@cache  # asked for every row painted
def _unnamed(declared: tuple[RecordKind, ...]) -> frozenset[str]:
    return frozenset({kinds.NOTE, kinds.REVIEW}) | {
        kind.name for kind in declared if kind.search is not None and not kind.search.title
    }


def hit_title(hit: SearchHit) -> str:
    """What a result is called: an entry's title, the question answered, a person's name, a day."""
    if hit.kind == kinds.STEP_NOTES:
        return _("Notes on step {number}").format(number=hit.step)
    if hit.kind == kinds.ANSWER:
        return hit.title or _("An answer in step {number}").format(number=hit.step)
    if hit.kind in unnamed_kinds():
        return day_heading(hit.day) if hit.day is not None else kind_heading(hit.kind)
    return hit.title or kind_heading(hit.kind)


def hit_details(hit: SearchHit) -> str:
    """The step and the day of a result, where it has them and the title does not say them."""
    details = []
    if hit.kind == kinds.ANSWER:
        details.append(_("Step {number}").format(number=hit.step))
    if hit.day is not None and hit.kind not in unnamed_kinds():
        details.append(date_text(hit.day))
    return " · ".join(details)


def marked_html(marked: Snippet) -> str:
    """Text as rich text: every word escaped, the matching ones marked."""
    parts = [
        f'<b style="{MATCH_STYLE}">{html.escape(text)}</b>' if matched else html.escape(text)
        for text, matched in marked.parts
    ]
    return ("…" if marked.cut_before else "") + "".join(parts) + ("…" if marked.cut_after else "")


def title_html(hit: SearchHit, terms: tuple[Term, ...]) -> str:
    """The title in bold; a title the index searched (a name, an entry's title) marked too."""
    title = hit_title(hit)
    searched = hit.title and hit.kind not in unnamed_kinds() | {kinds.ANSWER, kinds.STEP_NOTES}
    if not searched or not terms:
        return f"<b>{html.escape(title)}</b>"
    whole = snippet(title, terms, width=3 * len(title) + 3)  # the whole title, its matches marked
    return f"<b>{marked_html(whole)}</b>"


def snippet_text(hit: SearchHit) -> str:
    snippet = hit.snippet
    return ("…" if snippet.cut_before else "") + snippet.text + ("…" if snippet.cut_after else "")


def group_heading(kind: str, count: int) -> str:
    return _("{heading} ({count})").format(heading=kind_heading(kind), count=count)


class ResultsModel(QAbstractItemModel):
    """Two levels: a heading for each kind, with its results under it."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.groups: tuple[tuple[str, tuple[SearchHit, ...]], ...] = ()
        self.terms: tuple[Term, ...] = ()  # the query's, to mark the words of the titles

    def set_results(self, results: SearchResults | None) -> None:
        self.beginResetModel()
        self.groups = results.groups if results is not None else ()
        self.terms = parse_query(results.query) if results is not None else ()
        self.endResetModel()

    # A heading's internal id is 0; a result's is its heading's row plus one.
    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, child: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid() or child.internalId() == 0:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, 0)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        if not parent.isValid():
            return len(self.groups)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self.groups[parent.row()][1])
        return 0

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 1

    def hit(self, index: AnyIndex) -> SearchHit | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        return self.groups[index.internalId() - 1][1][index.row()]

    def index_of(self, kind: str, ref: str) -> QModelIndex:
        for group_row, (group_kind, hits) in enumerate(self.groups):
            if group_kind != kind:
                continue
            for row, hit in enumerate(hits):
                if hit.ref == ref:
                    return self.index(row, 0, self.index(group_row, 0))
        return QModelIndex()

    def first_hit(self) -> QModelIndex:
        return self.index(0, 0, self.index(0, 0)) if self.groups else QModelIndex()

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        hit = self.hit(index)
        if hit is None:
            kind, hits = self.groups[index.row()]
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return group_heading(kind, len(hits))
            if role == HTML_ROLE:
                return f"<b>{html.escape(group_heading(kind, len(hits)))}</b>"
            return None
        title, details = hit_title(hit), hit_details(hit)
        if role == HIT_ROLE:
            return hit
        if role == HTML_ROLE:
            shown = title_html(hit, self.terms)
            if details:
                shown += f"&nbsp;&nbsp;·&nbsp;&nbsp;{html.escape(details)}"
            return f"{shown}<br>{marked_html(hit.snippet)}"
        if role == Qt.ItemDataRole.DisplayRole:
            return " · ".join(filter(None, (title, details, snippet_text(hit))))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            # Read out with the kind, for a screen reader that skips from result to result.
            return " · ".join(
                filter(None, (kind_heading(hit.kind), title, details, snippet_text(hit)))
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            return _("Enter or double-click to open")
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == 0:
            return Qt.ItemFlag.ItemIsEnabled  # a heading: read on the way, never opened
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class ResultDelegate(QStyledItemDelegate):
    """Draws a row's rich text (a bold title, marked words) wrapped to the width of the list."""

    MARGIN = 4

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self._view = view

    def _document(self, option: QStyleOptionViewItem, index: AnyIndex, width: int) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(self.MARGIN)
        document.setHtml(str(index.data(HTML_ROLE) or ""))
        document.setTextWidth(max(width, 80))
        return document

    def _width(self, index: AnyIndex) -> int:
        depth = 1 if index.parent().isValid() else 0
        return self._view.viewport().width() - self._view.indentation() * depth

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        item.text = ""
        widget = item.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, widget)
        rect = item.rect
        document = self._document(item, index, rect.width())
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(item.state & QStyle.StateFlag.State_Selected)
        palette = item.palette
        colour = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        context.palette.setColor(QPalette.ColorRole.Text, colour)
        # A heading sits at the foot of its row, the air of the row above it (between groups).
        top = 0.0
        if not index.parent().isValid():
            top = max(0.0, rect.height() - document.size().height())
        painter.save()
        painter.translate(QPointF(rect.left(), rect.top() + top))
        painter.setClipRect(QRectF(0, -top, rect.width(), rect.height()))
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:  # noqa: N802
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        document = self._document(item, index, self._width(index))
        extra = 4 if index.parent().isValid() else 12  # a little air between the groups
        return QSize(int(document.idealWidth()), int(document.size().height()) + extra)


class ResultsView(QTreeView):
    """A flat list of results drawn by ``ResultDelegate`` (a heading in bold, words below), one
    chosen at a time, laid out again when the width changes (the rows wrap to it). The search's
    results and the sponsor's notes."""

    def __init__(self) -> None:
        super().__init__()
        self.setItemDelegate(ResultDelegate(self))
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)
        self.setExpandsOnDoubleClick(False)
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.scheduleDelayedItemsLayout()


class SearchPage(QWidget):
    open_hit = Signal(object)  # services.search.SearchHit

    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._operations = operations
        self.query = ""  # what the results are asked for (the latest typed)
        self.results: SearchResults | None = None  # the answer to ``query``, once it is back
        self._asked = 0  # searches asked so far: only the latest one's answer is shown
        self.answered = 0  # the number of the search whose answer is shown
        self._stale = False  # something was written since the results were found
        self._open_first_for: str | None = None  # Enter was pressed: open the top result for this

        self.title = heading(_("Search"))
        self.hint = wrapped(
            _("Use quotes for a phrase, * for the start of a word, - to leave a word out.")
        )
        self.hint.setObjectName("search_hint")
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.status = wrapped()
        self.status.setObjectName("search_status")
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # the query is shown as typed
        self.status.setAccessibleName(_("What the search found"))
        self.model = ResultsModel(self)
        self.view = ResultsView()
        self.view.setObjectName("search_results")
        self.view.setAccessibleName(_("Search results"))
        self.view.setAccessibleDescription(_("Press Enter on a result to open it"))
        self.view.setModel(self.model)
        # Enter and a double-click (a single click where the desktop opens items that way).
        self.view.activated.connect(self._activated)
        self.model.modelReset.connect(self.view.expandAll)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.status)
        layout.addWidget(self.view, stretch=1)

        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)
        self._typing.timeout.connect(self._search_now)
        self._slow = QTimer(self)
        self._slow.setSingleShot(True)
        self._slow.setInterval(SLOW_SEARCH_MS)
        self._slow.timeout.connect(lambda: self.status.setText(_("Searching…")))
        operations.changed.connect(self._changed)
        self._show_results(None)

    # --- asking ----------------------------------------------------------------------------------

    def set_query(self, text: str) -> None:
        """Search for ``text`` (as typed in the window's search box) once typing pauses."""
        self.query = text
        if text != self._open_first_for:
            self._open_first_for = None  # typed on after Enter: the wish was for other words
        if not text.strip():
            # Nothing to look for: clear at once, and let no search on its way show up.
            self._typing.stop()
            self._slow.stop()
            self._asked += 1
            self._show_results(None)
            return
        self._typing.start()

    def open_top_result(self, text: str) -> None:
        """Open the top result for ``text`` (Enter in the search box): at once if its results
        are shown, else as soon as the answer to just these words arrives, never an older one."""
        self.set_query(text)
        if not text.strip():
            return
        shown = self.results is not None and self.results.query == text
        if shown and not self._stale and not self._typing.isActive():
            self._open_first()
            return
        self._open_first_for = text
        self._typing.stop()
        self._search_now()  # Enter needs no pause for more typing

    def _open_first(self) -> None:
        hit = self.model.hit(self.model.first_hit())
        if hit is not None:
            self.open_hit.emit(hit)

    def _search_now(self) -> None:
        text = self.query
        if not text.strip():
            return
        self._asked += 1
        asked = self._asked
        self._stale = False
        language = current_language()
        if not self._slow.isActive():
            self._slow.start()
        self._operations.run(
            lambda vault: search(vault, text, language),
            lambda results: self._found(asked, results),
            on_error=lambda error: self._failed(asked, error),
            owner=self,
        )

    def _found(self, asked: int, results: SearchResults) -> None:
        if asked != self._asked:
            return  # a later query is on its way; this answer is to an older one
        self._slow.stop()
        self.answered = asked
        self._show_results(results)
        if self._open_first_for is not None and self._open_first_for == results.query:
            self._open_first_for = None
            if self.isVisible():  # not if the person went to another page meanwhile
                self._open_first()

    def _failed(self, asked: int, error: BaseException) -> None:
        if asked != self._asked or isinstance(error, VaultClosed):
            return
        self._open_first_for = None
        self._slow.stop()
        self.model.set_results(None)
        self.status.setText(error_sentence(error))

    def _changed(self, changes: Changes) -> None:
        # Words written since: look again, when the results are in sight.
        if not changes or not self.query.strip():
            return
        self._stale = True
        if self.isVisible():
            self._typing.start()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._stale and self.query.strip():
            self._typing.start()

    # --- showing ---------------------------------------------------------------------------------

    def _show_results(self, results: SearchResults | None) -> None:
        current = self.model.hit(self.view.currentIndex())
        self.results = results
        self.model.set_results(results)
        if results is None:
            self.status.setText("")
            self.status.hide()
            return
        self.status.show()
        query = results.query.strip()
        if not results.count:
            self.status.setText(_("No results for “{query}”.").format(query=query))
            return
        self.status.setText(
            ngettext(
                "{count} result for “{query}”.",
                "{count} results for “{query}”.",
                results.count,
            ).format(count=results.count, query=query)
        )
        # The result the person was on stays current when the list is found again.
        index = self.model.index_of(current.kind, current.ref) if current else QModelIndex()
        if not index.isValid():
            index = self.model.first_hit()
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)

    def _activated(self, index: QModelIndex) -> None:
        hit = self.model.hit(index)
        if hit is not None:
            self.open_hit.emit(hit)

    def focus_results(self) -> None:
        """The keyboard on the current result (for the window: Down from the search box)."""
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
