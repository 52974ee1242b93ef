"""Help now: the sponsor, trusted people and helplines, one keystroke away from every page.

The contacts are what the person typed; the app suggests no helpline (that depends on the
country, the fellowship and the person). Beside them it says what anyone can do right now, the
emergency number included where the computer's region makes it certain. Opened before any
contact is entered, that comes first, then the invitation to add them; filled in, the contacts
come first. Edit changes them.
"""

from __future__ import annotations

import html
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from recovery_journal.domain.help_now import MAX_FIELD, Contact, HelpNow
from recovery_journal.i18n import _
from recovery_journal.services.help_now import load_help_now, save_help_now, what_to_do_now
from recovery_journal.ui.flow_row import FlowRow
from recovery_journal.ui.labels import DIALOG_HEADING, heading, wrapped
from recovery_journal.ui.operations import Operations
from recovery_journal.ui.widgets import fit_to_screen, lines_high


def system_territory() -> str:
    """The computer's region setting as an ISO 3166 code ("" if none is set): where the person
    most likely is. Not the app's language (Russian is spoken in many countries), and the app
    asks no one over the network."""
    return QLocale.territoryToCode(QLocale.system().territory())  # "" for AnyTerritory


def _readable(label: QLabel) -> QLabel:
    """A text the keyboard can reach and select, so a screen reader reads it on the way."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return label


def _contact_line(contact: Contact) -> str:
    parts = [part for part in (contact.name, contact.reach) if part]
    line = " — ".join(parts)
    return f"{line} ({contact.note})" if contact.note else line


class _ContactTable(QTableWidget):
    """Rows of name, how to reach, note; an empty row at the end to type into."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.setAccessibleName(accessible_name)
        self.setHorizontalHeaderLabels([_("Name"), _("Phone or how to reach"), _("Note")])
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # "Phone or how to reach" is the longest title: never narrower than it (200 % text).
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().hide()
        self.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
        # A few rows whatever the text size.
        self.setMinimumHeight(
            max(110, self.horizontalHeader().sizeHint().height() + lines_high(self, 3))
        )

    def set_contacts(self, contacts: tuple[Contact, ...]) -> None:
        self.setRowCount(0)
        for contact in contacts:
            self.add_row(contact)

    def add_row(self, contact: Contact | None = None) -> None:
        row = self.rowCount()
        self.insertRow(row)
        values = (contact.name, contact.reach, contact.note) if contact else ("", "", "")
        for column, value in enumerate(values):
            self.setItem(row, column, QTableWidgetItem(value))
        if contact is None:
            self.setCurrentCell(row, 0)
            self.setFocus()

    def remove_current(self) -> None:
        row = self.currentRow()
        if row >= 0:
            self.removeRow(row)

    def contacts(self) -> tuple[Contact, ...]:
        def text(row: int, column: int) -> str:
            item = self.item(row, column)
            return item.text()[:MAX_FIELD] if item is not None else ""

        return tuple(
            Contact(text(row, 0), text(row, 1), text(row, 2)) for row in range(self.rowCount())
        )


class HelpNowDialog(QDialog):
    def __init__(
        self, operations: Operations, parent: QWidget | None = None, territory: str | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Help now"))
        self.setObjectName("help_now")
        self._operations = operations
        self._territory = system_territory() if territory is None else territory
        self.help_now: HelpNow | None = None

        self.intro = wrapped()
        self.intro.setObjectName("help_now_intro")
        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_view())
        self.stack.addWidget(self._build_editor())

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.edit_button = self.buttons.addButton(
            _("&Edit the contacts"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.edit_button.setAccessibleName(_("Edit the contacts"))
        self.edit_button.clicked.connect(self.edit)
        self.save_button = self.buttons.addButton(
            _("&Save the contacts"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.save_button.setAccessibleName(_("Save the contacts"))
        self.save_button.clicked.connect(self.save)
        self.save_button.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Help now"), DIALOG_HEADING))
        layout.addWidget(self.intro)
        layout.addWidget(self.stack, stretch=1)
        layout.addWidget(self.buttons)
        fit_to_screen(self, 620, 480)
        operations.run(load_help_now, self._show, owner=self)

    # --- showing ---------------------------------------------------------------------------------

    def _build_view(self) -> QWidget:
        view = QWidget()
        # The person's contacts (shown once there are some).
        self.contacts_box = QWidget()
        self.view_text = _readable(QLabel())
        self.view_text.setObjectName("help_now_contacts")
        self.view_text.setWordWrap(True)
        self.view_text.setAccessibleName(_("Your help-now contacts"))
        self.copy_button = QPushButton(_("&Copy the sponsor's number"))
        self.copy_button.setAccessibleName(_("Copy the sponsor's number"))
        self.copy_button.clicked.connect(self._copy_sponsor)
        contacts = QVBoxLayout(self.contacts_box)
        contacts.setContentsMargins(0, 0, 0, 0)
        contacts.addWidget(self.view_text)
        contacts.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignLeft)
        # What anyone can do right now: first while there are no contacts, after them once
        # there are.
        self.now_box = QWidget()
        self.now_text = _readable(wrapped())
        self.now_text.setTextFormat(Qt.TextFormat.RichText)
        self.now_text.setObjectName("help_now_steps")
        now = QVBoxLayout(self.now_box)
        now.setContentsMargins(0, 0, 0, 0)
        now.addWidget(heading(_("What you can do right now"), 1.1))
        now.addWidget(self.now_text)
        # The invitation to add contacts, while there are none.
        self.invitation = _readable(
            wrapped(
                _(
                    "Add your sponsor, people you trust and the helplines you chose, and they "
                    "will be here, one keystroke away: Ctrl+Shift+H from anywhere."
                )
            )
        )
        self.invitation.setObjectName("help_now_invitation")
        self.view_layout = QVBoxLayout(view)
        self.view_layout.setContentsMargins(0, 8, 0, 0)
        self.view_layout.setSpacing(12)
        for part in (self.contacts_box, self.now_box, self.invitation):
            self.view_layout.addWidget(part)
        self.view_layout.addStretch(1)
        return view

    def _show(self, help_now: HelpNow) -> None:
        self.help_now = help_now
        empty = help_now.empty
        # A list, so a line that wraps keeps its indent; each line escaped (it holds no markup).
        items = "".join(f"<li>{html.escape(line)}</li>" for line in what_to_do_now(self._territory))
        self.now_text.setText(f'<ul style="margin-left: 0; -qt-list-indent: 1;">{items}</ul>')
        if empty:
            self.intro.setText(_("Take a slow breath. You do not have to get through this alone."))
            shown = [self.now_box, self.invitation]
        else:
            self.intro.setText(
                _(
                    "If today is hard, reach out now: you do not have to get through it alone. "
                    "Call your sponsor or someone you trust, or a helpline you chose."
                )
            )
            self.view_text.setText(self._contacts_text(help_now))
            shown = [self.contacts_box, self.now_box]
        for part in (self.contacts_box, self.now_box, self.invitation):
            self.view_layout.removeWidget(part)
            part.setVisible(part in shown)
        for place, part in enumerate(shown):
            self.view_layout.insertWidget(place, part)
        self.copy_button.setVisible(bool(help_now.sponsor.reach))
        self.edit_button.setText(_("&Add your contacts") if empty else _("&Edit the contacts"))
        self.edit_button.setAccessibleName(
            _("Add your contacts") if empty else _("Edit the contacts")
        )
        self._fill_editor(help_now)
        if self.stack.currentIndex() == 0:
            (self.now_text if empty else self.view_text).setFocus(Qt.FocusReason.OtherFocusReason)

    @staticmethod
    def _contacts_text(help_now: HelpNow) -> str:
        blocks = []
        if not help_now.sponsor.empty:
            blocks.append(_("Sponsor: {contact}").format(contact=_contact_line(help_now.sponsor)))
        if help_now.people:
            blocks.append(
                _("People I trust:") + "".join(f"\n  • {_contact_line(c)}" for c in help_now.people)
            )
        if help_now.helplines:
            blocks.append(
                _("Helplines:") + "".join(f"\n  • {_contact_line(c)}" for c in help_now.helplines)
            )
        return "\n\n".join(blocks)

    def _copy_sponsor(self) -> None:
        if self.help_now is not None and self.help_now.sponsor.reach:
            QGuiApplication.clipboard().setText(self.help_now.sponsor.reach)

    # --- editing ---------------------------------------------------------------------------------

    def _build_editor(self) -> QWidget:
        editor = QWidget()
        self.sponsor_name = QLineEdit()
        self.sponsor_name.setAccessibleName(_("Sponsor's name"))
        self.sponsor_name.setMaxLength(MAX_FIELD)
        self.sponsor_reach = QLineEdit()
        self.sponsor_reach.setAccessibleName(_("Sponsor's phone or how to reach them"))
        self.sponsor_reach.setMaxLength(MAX_FIELD)
        form = QFormLayout()
        form.addRow(_("Sponsor's &name:"), self.sponsor_name)
        form.addRow(_("Sponsor's &phone:"), self.sponsor_reach)
        self.people = _ContactTable(_("People I trust"))
        self.helplines = _ContactTable(_("Helplines I chose"))
        layout = QVBoxLayout(editor)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(form)
        for label_text, table, add_text, remove_text in (
            (_("People I &trust"), self.people, _("Add a person"), _("Remove the person")),
            (
                _("&Helplines I chose"),
                self.helplines,
                _("Add a helpline"),
                _("Remove the helpline"),
            ),
        ):
            label = QLabel(label_text)
            label.setBuddy(table)
            add = QPushButton(add_text)
            add.clicked.connect(lambda _checked=False, t=table: t.add_row())
            remove = QPushButton(remove_text)
            remove.clicked.connect(table.remove_current)
            # The two buttons, together, go under the title when they do not fit beside it
            # (large text).
            pair = QWidget()
            pair_row = QHBoxLayout(pair)
            pair_row.setContentsMargins(0, 0, 0, 0)
            pair_row.addWidget(add)
            pair_row.addWidget(remove)
            row = FlowRow()
            row.addWidget(label)
            row.addStretch()
            row.addWidget(pair)
            layout.addWidget(row)
            layout.addWidget(table, stretch=1)
        return editor

    def _fill_editor(self, help_now: HelpNow) -> None:
        self.sponsor_name.setText(help_now.sponsor.name)
        self.sponsor_reach.setText(help_now.sponsor.reach)
        self.people.set_contacts(help_now.people)
        self.helplines.set_contacts(help_now.helplines)

    def edited(self) -> HelpNow:
        # The sponsor's note has no field here; one kept from an import stays.
        note = self.help_now.sponsor.note if self.help_now is not None else ""
        sponsor = Contact(self.sponsor_name.text(), self.sponsor_reach.text(), note)
        return HelpNow(sponsor, self.people.contacts(), self.helplines.contacts()).cleaned()

    def edit(self) -> None:
        self.stack.setCurrentIndex(1)
        self.edit_button.hide()
        self.save_button.show()
        self.sponsor_name.setFocus()

    def save_now(self) -> list[Future[Any]]:
        """Contacts being edited are saved when the dialog closes or the journal locks or
        quits, as everything in the app saves itself (Close and Escape dropped them)."""
        if self.stack.currentIndex() != 1 or self.help_now is None:
            return []
        help_now = self.edited()
        if help_now == self.help_now.cleaned():
            return []
        self.help_now = help_now
        return [self._operations.run(lambda vault: save_help_now(vault, help_now))]

    def done(self, result: int) -> None:
        self.save_now()
        super().done(result)

    def save(self) -> None:
        help_now = self.edited()
        self.save_button.setEnabled(False)

        def saved(_changes: object) -> None:
            self.save_button.setEnabled(True)
            self.save_button.hide()
            self.edit_button.show()
            self.stack.setCurrentIndex(0)
            self._show(help_now)

        def failed(error: BaseException) -> None:
            self.save_button.setEnabled(True)  # the typed contacts stay in the form
            self._operations.report(error)

        self._operations.run(
            lambda vault: save_help_now(vault, help_now), saved, on_error=failed, owner=self
        )
