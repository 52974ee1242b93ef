"""Navigation on the left, a QStackedWidget of pages on the right, chosen by the Page enum."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

import shiboken6
from PySide6.QtCore import QByteArray, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QCursor,
    QKeySequence,
    QPalette,
    QShortcut,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from recovery_journal import APP_NAME
from recovery_journal.domain.ports import Vault
from recovery_journal.errors import JournalError
from recovery_journal.i18n import _, ngettext
from recovery_journal.passphrase import RawKey
from recovery_journal.services.programme_words import ProgrammeWords
from recovery_journal.ui.banner import Banner
from recovery_journal.ui.chart_view import warm_up as warm_up_charts
from recovery_journal.ui.messages import error_sentence
from recovery_journal.ui.operations import Operations, wait_for_saves
from recovery_journal.ui.pages import Page, SavesEdits, ShowsAbout, ShowsItems
from recovery_journal.ui.pages.about import AboutPage
from recovery_journal.ui.pages.charts import ChartsPage
from recovery_journal.ui.pages.inventory import InventoryPage
from recovery_journal.ui.pages.journal import JournalPage
from recovery_journal.ui.pages.practice import PracticePage
from recovery_journal.ui.pages.review import ReviewPage
from recovery_journal.ui.pages.search import SearchPage, page_for_kind
from recovery_journal.ui.pages.settings import SettingsPage
from recovery_journal.ui.pages.sponsor import SponsorPage, page_for_about
from recovery_journal.ui.pages.steps import StepsPage
from recovery_journal.ui.pages.today import TodayPage
from recovery_journal.ui.ui_state import (
    LAST_PAGE,
    LOCK_AFTER_CHOICES,
    MAIN_WINDOW_GEOMETRY,
    auto_lock_minutes,
    remember_auto_lock,
    ui_settings,
)
from recovery_journal.ui.widgets import fit_to_screen, scrolling

if TYPE_CHECKING:
    from recovery_journal.ui.help_now import HelpNowDialog


FIRST_SIZE = (1100, 720)  # at 100 % text; fit_to_screen grows it with the text and the screen
CHARTS_INTENT_MS = 100  # the pointer resting this long on the charts' row: they are wanted


def page_title(page: Page, words: ProgrammeWords) -> str:
    titles = {
        Page.TODAY: _("Today"),
        Page.JOURNAL: _("Journal"),
        Page.REVIEW: _("Nightly review"),
        Page.PRACTICE: words.page,
        Page.CHARTS: _("Better than yesterday"),
        Page.STEPS: _("Steps"),
        Page.INVENTORY: _("Inventory"),
        Page.SPONSOR: _("From my sponsor"),
        Page.SETTINGS: _("Settings"),
        Page.ABOUT: _("About"),
        Page.SEARCH: _("Search"),
    }
    return titles[page]


class MainWindow(QMainWindow):
    language_chosen = Signal(str)
    appearance_chosen = Signal(str, int)  # theme, text size in per cent
    closing = Signal()
    quit_requested = Signal()
    restore_requested = Signal(object, str)  # RestorePoint, its passphrase
    change_passphrase_requested = Signal(str, str)  # current, new
    lock_requested = Signal()
    forget_passphrase_requested = Signal()
    sharing_requested = Signal()  # Settings' or the menu's "more than one computer"

    def __init__(self, operations: Operations, vault_path: Path) -> None:
        super().__init__()
        self.setWindowTitle(APP_NAME)
        # Deleting the closed window also disconnects its pages from the operations' signals.
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumSize(QSize(640, 480))
        self._operations = operations
        self._vault_path = vault_path
        # The journal's settings (its day boundary, its programme's words), read before any page
        # loads (the worker keeps the order).
        operations.settings.reload()
        # Set by the application: whether closing should only hide the window to the tray.
        self.keep_in_tray: Callable[[], bool] = lambda: False
        # Set by the application when the vault opened for reading only: why nothing can be saved.
        self.cannot_write: JournalError | None = None
        # Only the page shown first is built now; the others when first shown or asked for
        # (their widgets and first loads would otherwise delay the first page by ~60 ms).
        self._built: dict[Page, QWidget] = {}
        self._help_now: HelpNowDialog | None = None

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName(_("Pages"))
        self.navigation.setStyleSheet("QListWidget#navigation::item { padding: 8px 12px; }")
        self.stack = QStackedWidget()
        words = operations.settings.words()
        for page in Page:
            item = QListWidgetItem(page_title(page, words))
            item.setData(Qt.ItemDataRole.UserRole, page.value)
            self.navigation.addItem(item)
            self.stack.addWidget(QWidget())  # a stand-in until the page is built
        self.navigation.currentRowChanged.connect(self._navigated)
        # The pointer resting on the charts' row starts matplotlib's import (~0.25 s), so that
        # the click finds it under way; passing over the row does not (it holds ~55 MiB).
        self.navigation.setMouseTracking(True)
        self._charts_wanted = QTimer(self)
        self._charts_wanted.setSingleShot(True)
        self._charts_wanted.setInterval(CHARTS_INTENT_MS)
        self._charts_wanted.timeout.connect(self._pointer_rests)
        self.navigation.itemEntered.connect(lambda _item: self._charts_wanted.start())

        # A calm, non-modal notice across the top, for news such as a failed integrity check.
        self.banner = Banner()

        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.banner)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        # The search box sits above the pages: Ctrl+F from anywhere, results as one types.
        self.search_box = QLineEdit()
        self.search_box.setObjectName("search_box")
        self.search_box.setAccessibleName(_("Search everything you wrote"))
        self.search_box.setPlaceholderText(_("Search (Ctrl+F)"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.textEdited.connect(self._search_typed)
        self.search_box.returnPressed.connect(self._search_entered)
        # Down from the box goes into the results, as in a browser's address bar.
        down = QShortcut(QKeySequence(Qt.Key.Key_Down), self.search_box)
        down.setContext(Qt.ShortcutContext.WidgetShortcut)
        down.activated.connect(lambda: self.search.focus_results())
        side = QVBoxLayout()
        side.setContentsMargins(6, 6, 0, 0)
        side.setSpacing(6)
        side.addWidget(self.search_box)
        side.addWidget(self.navigation, stretch=1)
        self._add_sync_line(side)
        # Always in sight, whatever the page: the person's own contacts for a hard moment.
        self.help_now_button = QPushButton(_("Help now"))
        self.help_now_button.setObjectName("help_now_button")
        self.help_now_button.setAccessibleName(_("Help now: your sponsor and helplines"))
        self.help_now_button.setToolTip(
            _("Your sponsor, people you trust and helplines (Ctrl+Shift+H)")
        )
        self.help_now_button.clicked.connect(self.open_help_now)
        side.addWidget(self.help_now_button)
        side_widget = self._side = QWidget()
        side_widget.setLayout(side)
        self._fit_navigation()
        body.addWidget(side_widget)
        body.addWidget(self.stack, stretch=1)
        outer.addLayout(body, stretch=1)
        self.setCentralWidget(central)
        self._build_menus()
        operations.settings.read.connect(self._use_words)
        # Failures arrive as the banner, not a modal box: calm, and nothing waits on a click.
        operations.failed.connect(self.show_failure)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._enter_presses)

        state = ui_settings()
        geometry = state.value(MAIN_WINDOW_GEOMETRY)
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            # Big enough for a worksheet and its form side by side; smaller on a smaller screen.
            fit_to_screen(self, *FIRST_SIZE)
        self.show_page(self._page_from_state(state.value(LAST_PAGE)))

    @staticmethod
    def _page_from_state(value: object) -> Page:
        try:
            return Page(value)
        except ValueError:
            return Page.TODAY

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(_("&Journal"))
        report = QAction(_("&Progress report for your sponsor…"), self)
        report.setShortcut(QKeySequence("Ctrl+P"))
        report.triggered.connect(self.open_report)
        file_menu.addAction(report)
        reply = QAction(_("&Import my sponsor's reply…"), self)
        reply.triggered.connect(lambda _checked=False: self.open_reply())
        file_menu.addAction(reply)
        self._add_two_computers_entries(file_menu)
        export = QAction(_("&Export everything as JSON…"), self)
        # Not connected directly: triggered's `checked` would arrive as the target (it did).
        export.triggered.connect(lambda _checked=False: self.export_json())
        file_menu.addAction(export)
        file_menu.addSeparator()
        backups = QAction(_("&Backups…"), self)
        backups.triggered.connect(self.open_backups)
        file_menu.addAction(backups)
        passphrase = QAction(_("&Change passphrase…"), self)
        passphrase.triggered.connect(self.open_change_passphrase)
        file_menu.addAction(passphrase)
        self._add_sharing_action(file_menu)
        self.forget_action = QAction(_("&Forget the remembered passphrase"), self)
        self.forget_action.setEnabled(False)
        self.forget_action.triggered.connect(self.forget_passphrase_requested)
        file_menu.addAction(self.forget_action)
        file_menu.addSeparator()
        lock = QAction(_("&Lock now"), self)
        lock.setShortcut(QKeySequence("Ctrl+L"))
        # Also from a dialog in front (Help now, the report): it closes with the window.
        lock.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        lock.triggered.connect(self.lock_requested)
        file_menu.addAction(lock)
        self._add_lock_after_menu(file_menu.addMenu(_("Lock &after inactivity")))
        file_menu.addSeparator()
        quit_action = QAction(_("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.quit_requested)
        file_menu.addAction(quit_action)
        go_menu = self.menuBar().addMenu(_("&Go"))
        for number, page in enumerate(Page, start=1):
            if page is Page.SEARCH:
                continue  # reached with Ctrl+F, below
            action = QAction(page_title(page, self._operations.settings.words()), self)
            if page is Page.PRACTICE:
                self._practice_action = action  # named in the programme's words: _use_words
            if number <= 9:  # Ctrl+1 to Ctrl+9; About, the last, is also under Help
                action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _checked=False, p=page: self.show_page(p))
            go_menu.addAction(action)
        go_menu.addSeparator()
        search = QAction(_("Search &everything…"), self)
        search.setShortcut(QKeySequence("Ctrl+F"))
        search.triggered.connect(self.focus_search)
        go_menu.addAction(search)
        tonight = QAction(_("Tonight's &review"), self)
        tonight.setShortcut(QKeySequence("Ctrl+R"))
        tonight.triggered.connect(self.open_review)
        go_menu.addAction(tonight)
        spot_check = QAction(_("&Spot-check"), self)
        spot_check.setShortcut(QKeySequence("Ctrl+Shift+K"))
        spot_check.triggered.connect(self.open_spot_check)
        go_menu.addAction(spot_check)
        help_menu = self.menuBar().addMenu(_("&Help"))
        help_now = QAction(_("&Help now…"), self)
        help_now.setShortcut(QKeySequence("Ctrl+Shift+H"))
        help_now.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        help_now.triggered.connect(self.open_help_now)
        help_menu.addAction(help_now)
        help_menu.addSeparator()
        guide = QAction(_("&Getting started…"), self)
        guide.triggered.connect(self.open_guide)
        help_menu.addAction(guide)
        shortcuts = QAction(_("&Keyboard shortcuts…"), self)
        shortcuts.setShortcut(QKeySequence(Qt.Key.Key_F1))
        shortcuts.triggered.connect(self.open_shortcuts)
        help_menu.addAction(shortcuts)
        help_menu.addSeparator()
        about = QAction(_("&About {app}").format(app=APP_NAME), self)
        about.triggered.connect(lambda: self.show_page(Page.ABOUT))
        help_menu.addAction(about)

    # --- one journal on two computers (issue 24) ---------------------------------------------

    def _add_two_computers_entries(self, menu: QMenu) -> None:
        merge = QAction(_("&Merge another copy of this journal…"), self)
        merge.triggered.connect(lambda _checked=False: self.open_merge())
        menu.addAction(merge)
        self.written_twice_action = QAction(_("&Written on two computers…"), self)
        self.written_twice_action.setEnabled(False)  # until there is something to choose
        self.written_twice_action.triggered.connect(lambda _checked=False: self.open_versions())
        menu.addAction(self.written_twice_action)
        self._copies_offered: set[Path] = set()
        # Set by the application: gives the journal's remembered key (or None) for opening a
        # copy of it without typing.
        self.recall_key: Callable[[Callable[[RawKey | None], object]], None] | None = None
        self.count_written_twice()

    def count_written_twice(self, *, announce: bool = False) -> None:
        """Ask how many records wait for a choice: the menu entry follows; ``announce`` (after an
        unlock or an exchange) says so in the banner too."""
        from recovery_journal.ui.versions_dialog import count_written_twice

        self._operations.run(
            count_written_twice,
            lambda count: self.show_written_twice(count, announce=announce),
            owner=self,
        )

    def show_written_twice(self, count: int, *, announce: bool = True) -> None:
        """``count`` records were written on two computers at once (an exchange's to_choose)."""
        from recovery_journal.ui.merge_dialog import written_twice_text

        self.written_twice_action.setEnabled(count > 0)
        if count and announce and not self.banner.isVisible():
            # Not over a problem the banner already shows (a damaged vault): the menu holds it.
            self.banner.show_message(
                written_twice_text(count), action=(_("Compare…"), self.open_versions)
            )

    def open_versions(self) -> QDialog:
        """The records written on two computers at once, and the choice between their versions."""
        from recovery_journal.ui.versions_dialog import VersionsDialog

        self.save_pending()  # the page's words, typed a moment ago, are one of the versions
        dialog = VersionsDialog(self._operations, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.chosen.connect(lambda left: self.written_twice_action.setEnabled(left > 0))
        dialog.show()
        return dialog

    def open_merge(self, path: Path | None = None) -> QDialog | None:
        """Choose another copy of the journal (tests pass ``path``) and merge it in."""
        from recovery_journal.ui.file_dialogs import FileKind, open_file_name
        from recovery_journal.ui.merge_dialog import MergeDialog, merged_text

        if path is None:
            path = open_file_name(
                self,
                FileKind.VAULT_COPY,
                _("Merge another copy of this journal"),
                _("Journals (*.rjvault)"),
            )
            if path is None:
                return None
        if not self.save_pending():
            return None
        dialog = MergeDialog(self._operations, self._vault_path, path, self, self.recall_key)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        name = path.name

        def merged(done: object) -> None:
            to_choose = done.exchange.to_choose  # type: ignore[attr-defined]
            self.written_twice_action.setEnabled(to_choose > 0)
            action = (_("Compare…"), self.open_versions) if to_choose else None
            self.banner.show_message(
                merged_text(name, done),  # type: ignore[arg-type]
                news=action is None,
                action=action,
            )

        dialog.merged.connect(merged)
        dialog.show()
        return dialog

    def look_for_copies(self) -> None:
        """After an unlock: a copy of the vault a sync tool left beside it is offered for
        merging, once each (then how many records wait for a choice, if no copy is)."""
        from recovery_journal.services.sync_copies import conflicted_copies

        path = self._vault_path

        def job(vault: Vault) -> list[Path]:
            return [] if vault.cannot_write is not None else conflicted_copies(path)

        def found(copies: list[Path]) -> None:
            new = [copy for copy in copies if copy not in self._copies_offered]
            if not new or self.banner.isVisible():
                self.count_written_twice(announce=True)
                return
            copy = new[0]
            self._copies_offered.add(copy)
            self.banner.show_message(
                _(
                    "A sync tool left another copy of this journal beside it: {name}. Merge it "
                    "in? Nothing in either is lost."
                ).format(name=copy.name),
                action=(_("Merge…"), lambda: self.open_merge(copy)),
            )

        self._operations.run(job, found, owner=self)

    # --- one journal on more than one computer (ui/sharing.py) --------------------------------

    def _add_sync_line(self, side: QVBoxLayout) -> None:
        """Under the pages, small: when the other computer's changes last arrived (shared only)."""
        self.sync_line = QLabel()
        self.sync_line.setObjectName("sync_line")
        self.sync_line.setWordWrap(True)
        self.sync_line.setContentsMargins(4, 0, 4, 0)
        font = self.sync_line.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        self.sync_line.setFont(font)
        self.sync_line.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.sync_line.hide()
        side.addWidget(self.sync_line)

    def show_sync_line(self, text: str) -> None:
        self.sync_line.setText(text)
        self.sync_line.setAccessibleName(text)
        self.sync_line.setVisible(bool(text))

    def _add_sharing_action(self, menu: QMenu) -> None:
        action = QAction(_("&Use this journal on more than one computer…"), self)
        action.setObjectName("sharing_action")
        action.triggered.connect(lambda _checked=False: self.sharing_requested.emit())
        menu.addAction(action)

    def _add_lock_after_menu(self, menu: QMenu) -> None:
        group = QActionGroup(self)
        chosen = auto_lock_minutes()
        self.lock_after_actions: dict[int, QAction] = {}
        for minutes in LOCK_AFTER_CHOICES:
            text = (
                ngettext("{n} minute", "{n} minutes", minutes).format(n=minutes)
                if minutes
                else _("Never")
            )
            action = QAction(text, self)
            action.setCheckable(True)
            action.setChecked(minutes == chosen)
            action.triggered.connect(lambda _checked=False, m=minutes: remember_auto_lock(m))
            group.addAction(action)
            menu.addAction(action)
            self.lock_after_actions[minutes] = action

    def set_remembered(self, remembered: bool) -> None:
        self.forget_action.setEnabled(remembered)

    def open_report(self) -> QDialog:
        from recovery_journal.ui.report_dialog import ReportDialog

        self.save_pending()  # the words typed a moment ago belong in the report
        dialog = ReportDialog(self._operations, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def open_reply(self, path: Path | None = None) -> QDialog | None:
        """Choose the report the sponsor sent back (tests pass ``path``), show what came back
        and keep it; then the sponsor's page shows it."""
        from recovery_journal.services.sponsor_reply import kept_text
        from recovery_journal.ui.file_dialogs import FileKind, open_file_name
        from recovery_journal.ui.reply_dialog import ReplyDialog

        if path is None:
            path = open_file_name(
                self, FileKind.REPORT, _("Import my sponsor's reply"), _("PDF files (*.pdf)")
            )
            if path is None:
                return None
        dialog = ReplyDialog(self._operations, path, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def kept(count: int) -> None:
            self.show_page(Page.SPONSOR)
            self.show_banner(kept_text(count), news=True)

        dialog.kept.connect(kept)
        dialog.show()
        return dialog

    def open_help_now(self) -> QDialog:
        """One at a time: asked for again, the open one comes to the front."""
        from recovery_journal.ui.help_now import HelpNowDialog

        dialog = self._help_now
        if dialog is None or not shiboken6.isValid(dialog):
            dialog = self._help_now = HelpNowDialog(self._operations, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def open_guide(self) -> QDialog:
        from recovery_journal.ui.help_dialogs import GuideDialog

        dialog = GuideDialog(self._operations.settings.words(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # Closed ("Start writing", Skip, Escape): the keyboard goes on into the page.
        dialog.finished.connect(lambda _result: self.focus_page())
        dialog.show()
        return dialog

    def open_shortcuts(self) -> QDialog:
        from recovery_journal.ui.help_dialogs import ShortcutsDialog

        dialog = ShortcutsDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def open_backups(self) -> QDialog:
        from recovery_journal.ui.safety_dialogs import BackupsDialog

        dialog = BackupsDialog(
            self._operations, self, self.save_pending, reading_only=self.cannot_write is not None
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.restore_requested.connect(self.restore_requested)
        dialog.show()
        return dialog

    def open_change_passphrase(self) -> QDialog:
        from recovery_journal.passphrase import names_to_try
        from recovery_journal.services.settings import names_in_journal
        from recovery_journal.ui.safety_dialogs import ChangePassphraseDialog

        path = self._vault_path
        dialog = ChangePassphraseDialog(self, names_to_try(path))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.change_requested.connect(self.change_passphrase_requested)
        # The names the journal knows the person by are tried first too, once read.
        self._operations.run(
            names_in_journal,
            lambda names: dialog.rater.set_names(names_to_try(path, *names)),
            owner=dialog,
        )
        dialog.show()
        return dialog

    def export_json(self, target: Path | None = None) -> None:
        """Warn that the file is not encrypted, then write it whole (tests pass ``target``)."""
        from recovery_journal.services.export import export_to_file
        from recovery_journal.services.files import is_the_vault
        from recovery_journal.ui.file_dialogs import FileKind, save_file_name
        from recovery_journal.ui.safety_dialogs import confirm_unencrypted_export

        if target is None:
            if not confirm_unencrypted_export(self):
                return
            target = save_file_name(
                self,
                FileKind.EXPORT,
                _("Export everything as JSON"),
                _("recovery journal.json"),
                _("JSON files (*.json)"),
            )
            if target is None:
                return
        if not self.save_pending():
            return  # the banner says why; the export waits for the words to be safe
        if is_the_vault(self._vault_path, target):
            self.show_banner(_("That is the vault itself; choose another file for the export."))
            return
        path = target
        self._operations.run(
            lambda vault: export_to_file(vault, path),
            lambda _done: self.show_banner(
                _(
                    "Exported to {path}. The file is not encrypted: keep it somewhere private."
                ).format(path=path),
                news=True,
            ),
        )

    def show_failure(self, error: BaseException) -> None:
        self.show_banner(error_sentence(error))

    def show_banner(self, text: str, *, news: bool = False) -> None:
        """A notice across the top; ``news`` (nothing to act on) goes away by itself."""
        self.banner.show_message(text, news=news)

    def current_page(self) -> Page:
        return list(Page)[self.stack.currentIndex()]

    def show_page(self, page: Page) -> None:
        row = list(Page).index(page)
        if self.navigation.currentRow() == row:
            self._navigated(row)  # no signal for the row already current: build it all the same
        self.navigation.setCurrentRow(row)

    def settings_read_once(self, then: Callable[[], None]) -> None:
        """Call ``then`` when the journal's settings (asked for as the window was built) arrive."""
        self._operations.settings.read.connect(then, Qt.ConnectionType.SingleShotConnection)

    def _fit_navigation(self) -> None:
        """Wide enough for the longest title shown, in this language at this text size (up to
        200 %), and no wider: the pages have the rest."""
        metrics = self.navigation.fontMetrics()
        words = self._operations.settings.words()
        longest = max(metrics.horizontalAdvance(page_title(page, words)) for page in Page)
        width = max(190, longest + metrics.averageCharWidth() + 32)
        self.navigation.setFixedWidth(width)
        self._side.setFixedWidth(width + 6)

    def _use_words(self) -> None:
        """The practice page's title follows the programme chosen in Settings."""
        title = page_title(Page.PRACTICE, self._operations.settings.words())
        self.navigation.item(list(Page).index(Page.PRACTICE)).setText(title)
        self._practice_action.setText(title)
        self._fit_navigation()

    def _pointer_rests(self) -> None:
        viewport = self.navigation.viewport()
        item = self.navigation.itemAt(viewport.mapFromGlobal(QCursor.pos()))
        if item is not None and item.data(Qt.ItemDataRole.UserRole) == Page.CHARTS.value:
            warm_up_charts()

    def _navigated(self, row: int) -> None:
        if row >= 0:
            self.page_widget(list(Page)[row])
            self.stack.setCurrentIndex(row)

    def page_widget(self, page: Page) -> QWidget:
        """The page's widget, built (in the stand-in's place) the first time it is needed."""
        widget = self._built.get(page)
        if widget is None:
            widget = self._built[page] = self._build_page(page)
            index = list(Page).index(page)
            stand_in = self.stack.widget(index)
            assert stand_in is not None
            was_current = self.stack.currentIndex() == index
            self.stack.insertWidget(index, scrolling(widget))
            self.stack.removeWidget(stand_in)
            stand_in.deleteLater()
            if was_current:
                self.stack.setCurrentIndex(index)
        return widget

    def _build_page(self, page: Page) -> QWidget:
        operations = self._operations
        if page is Page.TODAY:
            today = TodayPage(operations)
            today.open_review.connect(self.open_review)
            today.open_spot_check.connect(self.open_spot_check)
            return today
        if page is Page.CHARTS:
            charts = ChartsPage(operations)
            charts.open_review.connect(self.open_review)
            return charts
        if page is Page.SETTINGS:
            settings = SettingsPage(operations, self._vault_path)
            settings.language_chosen.connect(self.language_chosen)
            settings.appearance_chosen.connect(self.appearance_chosen)
            settings.sharing_requested.connect(self.sharing_requested)
            return settings
        if page is Page.SEARCH:
            search = SearchPage(operations)
            search.open_hit.connect(self.open_hit)
            return search
        if page is Page.ABOUT:
            return AboutPage()
        if page is Page.SPONSOR:
            sponsor = SponsorPage(operations)
            sponsor.open_about.connect(self.open_about)
            sponsor.import_reply.connect(lambda: self.open_reply())
            return sponsor
        simple: dict[Page, Callable[[Operations], QWidget]] = {
            Page.JOURNAL: JournalPage,
            Page.REVIEW: ReviewPage,
            Page.PRACTICE: PracticePage,
            Page.STEPS: StepsPage,
            Page.INVENTORY: InventoryPage,
        }
        return simple[page](operations)

    # The pages by name, each built on first use.

    @property
    def today(self) -> TodayPage:
        return cast(TodayPage, self.page_widget(Page.TODAY))

    @property
    def journal(self) -> JournalPage:
        return cast(JournalPage, self.page_widget(Page.JOURNAL))

    @property
    def review(self) -> ReviewPage:
        return cast(ReviewPage, self.page_widget(Page.REVIEW))

    @property
    def practice(self) -> PracticePage:
        return cast(PracticePage, self.page_widget(Page.PRACTICE))

    @property
    def charts(self) -> ChartsPage:
        return cast(ChartsPage, self.page_widget(Page.CHARTS))

    @property
    def steps(self) -> StepsPage:
        return cast(StepsPage, self.page_widget(Page.STEPS))

    @property
    def inventory(self) -> InventoryPage:
        return cast(InventoryPage, self.page_widget(Page.INVENTORY))

    @property
    def sponsor(self) -> SponsorPage:
        return cast(SponsorPage, self.page_widget(Page.SPONSOR))

    @property
    def settings(self) -> SettingsPage:
        return cast(SettingsPage, self.page_widget(Page.SETTINGS))

    @property
    def about(self) -> AboutPage:
        return cast(AboutPage, self.page_widget(Page.ABOUT))

    @property
    def search(self) -> SearchPage:
        return cast(SearchPage, self.page_widget(Page.SEARCH))

    def open_review(self) -> None:
        """Tonight's review, with the keyboard on its first answer."""
        self.show_page(Page.REVIEW)
        self.review.show_tonight()
        self.review.focus_first_answer()

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002 - Qt's names
        # Tab goes from the page list into the page, and from the page's last control to Help
        # now; Shift+Tab from the list reaches the search box. Pages add widgets as they load
        # (each goes to the end of the window's tab chain), so Help now is put last each time.
        end = self.search_box.previousInFocusChain()
        while end is not None and end.focusPolicy() == Qt.FocusPolicy.NoFocus:
            end = end.previousInFocusChain()
        if end is not None and end not in (self.help_now_button, self.search_box):
            QWidget.setTabOrder(end, self.help_now_button)
        return super().focusNextPrevChild(next)

    def focus_page(self) -> None:
        """The keyboard into the page shown: its own starting place (Today's note) or its first
        control. After an unlock, the guide or a new look, words typed went into the search box
        (the window's first control) and opened the search page."""
        page = self.page_widget(self.current_page())
        start = getattr(page, "focus_start", None)
        if start is not None:
            start()
            return
        widget = page.nextInFocusChain()
        while widget is not None and widget is not page:
            if (
                page.isAncestorOf(widget)
                and widget.isVisible()
                and widget.isEnabled()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            ):
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                return
            widget = widget.nextInFocusChain()

    def focused_control(self) -> str:
        """The name of the control the keyboard is on, to find it again in a rebuilt window."""
        focused = self.focusWidget()
        return focused.objectName() if focused is not None else ""

    def focus_control(self, name: str) -> None:
        """The keyboard on the control of that name in the page shown, else into the page."""
        page = self.page_widget(self.current_page())
        found = page.findChild(QWidget, name) if name else None
        if found is not None and found.isVisible():
            found.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.focus_page()

    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def _search_typed(self, text: str) -> None:
        if text.strip():
            self.show_page(Page.SEARCH)
        self.search.set_query(text)

    def _search_entered(self) -> None:
        """Enter in the search box: the top result, as soon as it is found for these words."""
        text = self.search_box.text()
        if text.strip():
            self.show_page(Page.SEARCH)
        self.search.open_top_result(text)

    def open_hit(self, hit: object) -> None:
        """Go to the page that holds a search result and show that very item."""
        page = page_for_kind(hit.kind)  # type: ignore[attr-defined]
        self.show_page(page)
        widget = self.page_widget(page)
        if isinstance(widget, ShowsItems):
            widget.show_item(hit)

    def open_about(self, about: object) -> None:
        """Go to the page that holds the item a sponsor's note is about, and show it."""
        page = page_for_about(about)  # type: ignore[arg-type]
        if page is None:
            return  # the whole report: the note itself is all there is to show
        self.show_page(page)
        widget = self.page_widget(page)
        if isinstance(widget, ShowsAbout):
            widget.show_about(about)

    def open_spot_check(self) -> None:
        self.show_page(Page.PRACTICE)
        self.practice.start_spot_check()

    def save_pending(self) -> bool:
        """Save every page's unsaved edits (and the contacts being edited in Help now, if it is
        open) and wait; False (and the banner) if one failed."""
        # A page never built has nothing to save.
        holders: list[object] = list(self._built.values())
        if self._help_now is not None and shiboken6.isValid(self._help_now):
            holders.insert(0, self._help_now)
        for holder in holders:
            error = wait_for_saves(holder.save_now()) if isinstance(holder, SavesEdits) else None
            if error is not None:
                self.show_failure(error)
                # Open for reading only, no save can ever succeed here: keeping the window
                # open would trap the person in it (and keep it from locking). Each refused save
                # said so when it was made, and the page still says "Not saved".
                return self.cannot_write is not None
        return True

    def remember_state(self) -> None:
        state = ui_settings()
        state.setValue(MAIN_WINDOW_GEOMETRY, self.saveGeometry())
        state.setValue(LAST_PAGE, self.current_page().value)

    def _enter_presses(self, _old: QWidget | None, new: QWidget | None) -> None:
        # Enter on a button with the keyboard presses it, as in a dialog: outside dialogs Qt's
        # buttons take only Space, unless auto-default (which means nothing else here). Set
        # as each gets the focus, for the buttons pages make as they load.
        if isinstance(new, QPushButton) and self.isAncestorOf(new):
            new.setAutoDefault(True)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if not self.save_pending():
            # Unsaved words stay on screen with the reason, rather than vanish with the window.
            event.ignore()
            return
        if self.keep_in_tray():
            # Saved, and still running for the evening reminder; the tray icon brings it back.
            self.hide()
            event.ignore()
            return
        self.remember_state()
        self.closing.emit()
        super().closeEvent(event)
