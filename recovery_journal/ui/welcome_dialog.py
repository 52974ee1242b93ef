"""The first-run dialog: a new journal made (its passphrase, rated as it is typed, and its
programme), or this computer joined to a journal kept in a shared folder.

Apart from the unlock dialog (ui/vault_dialogs.py), the first window of every later start, so
that start does not import the passphrase's rating and the shared folder's row.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QVBoxLayout,
    QWidget,
)

from recovery_journal import APP_NAME
from recovery_journal.i18n import _
from recovery_journal.passphrase import (
    MINIMUM_LENGTH,
    Rating,
    Strength,
    names_to_try,
    normalise,
    problem_with_new_passphrase,
)
from recovery_journal.ui.passphrase_rater import PassphraseRater, use_anyway
from recovery_journal.ui.vault_dialogs import (
    BusyDialog,
    dialog_heading,
    dialog_paragraph,
    passphrase_field,
)
from recovery_journal.ui.widgets import SharedFolderRow, programme_box

if TYPE_CHECKING:
    from concurrent.futures import Future

    from recovery_journal.domain.steps import Programme

# A new journal: its passphrase and the programme it is worked in.
# The passphrase, the programme, and the shared folder to join (None: a new journal).
VaultCreator = Callable[[str, "Programme", "Path | None"], "Future[None]"]


class CreateVaultDialog(BusyDialog):
    def __init__(self, vault_path: Path, start_create: VaultCreator, parent: QWidget | None = None):
        super().__init__(parent)
        self._start_create = start_create
        # Which fellowship's words the journal speaks ("sober time", "clean time"...) and whose
        # wording its steps start from; Settings changes it later.
        self.programme = programme_box()
        self.passphrase = passphrase_field()
        self.passphrase.setAccessibleName(_("New passphrase"))
        self.repeat = passphrase_field()
        self.repeat.setAccessibleName(_("The same passphrase again"))
        self.hint = dialog_paragraph("")
        self.hint.setObjectName("strength")
        self.hint.hide()
        self.passphrase.textChanged.connect(self.update_buttons)
        self.repeat.textChanged.connect(self.update_buttons)
        # Rated off this thread as it is typed; a weak one is asked about once, at Create.
        self.rater = PassphraseRater(self.passphrase, names_to_try(vault_path))
        self.rater.rated.connect(self._show_strength)
        self._weak_but_wanted = False  # the person chose to keep this (weak) passphrase
        self.passphrase.textChanged.connect(self._forget_choice)
        self._deciding = False  # Create pressed, its rating on the way

        self.create_button = self._make_buttons(_("Create my journal"), self._create)
        # Someone who keeps the journal on another computer already: the journal comes from
        # the folder their sync program keeps in step (services/sync.py), with this passphrase.
        self.joining = QCheckBox(
            _("I already keep this journal on another computer, in a shared &folder")
        )
        self.folder_row = SharedFolderRow()
        self.folder = self.folder_row.line
        self.folder.setAccessibleName(_("Shared folder"))
        self.folder.textChanged.connect(self.update_buttons)
        self.folder_row.hide()
        self.joining.toggled.connect(self._show_joining)
        self._inputs = [self.passphrase, self.repeat, self.joining, self.folder_row, self.buttons]

        layout = QVBoxLayout(self)
        layout.addWidget(dialog_heading(_("Welcome to {app}").format(app=APP_NAME)))
        self.intro = dialog_paragraph(self._intro_text(joining=False))
        layout.addWidget(self.intro)
        form = QFormLayout()
        form.addRow(_("&Passphrase:"), self.passphrase)
        form.addRow(_("&Again:"), self.repeat)
        form.addRow(self.hint)  # the passphrase's strength, under it, across the form
        form.addRow(_("P&rogramme:"), self.programme)
        self._form = form
        layout.addLayout(form)
        layout.addWidget(self.joining)
        layout.addWidget(self.folder_row)
        warning = dialog_paragraph(
            _(
                "Please write the passphrase down and keep it somewhere safe. If it is forgotten, "
                "nobody can open your journal — not even us. There is no reset."
            )
        )
        warning.setObjectName("warning")
        layout.addWidget(warning)
        self._finish_layout(layout, vault_path)

    @staticmethod
    def _intro_text(*, joining: bool) -> str:
        if joining:
            return _(
                "Your journal is kept in one encrypted file on each computer. Type the passphrase "
                "it opens with on the other computer, twice, and choose the folder your sync "
                "program keeps in step."
            )
        return _(
            "Your journal is kept in one encrypted file on this computer and never leaves it. "
            "Choose a passphrase to lock it: a few unrelated words work well."
        )

    def _show_joining(self, joining: bool) -> None:
        self.intro.setText(self._intro_text(joining=joining))
        self.folder_row.setVisible(joining)
        # The programme comes with the journal from the other computer.
        self._form.setRowVisible(self.programme, not joining)
        self.create_button.setText(
            _("Bring my journal here") if joining else _("Create my journal")
        )
        if joining:
            self.folder.setFocus()
        self.update_buttons()
        self.fit_paragraphs()

    def _joined_folder(self) -> Path | None:
        typed = self.folder.text().strip()
        return Path(typed).expanduser() if self.joining.isChecked() and typed else None

    def _show_strength(self) -> None:
        rating = self.rater.rating
        shown = bool(self.passphrase.text()) and rating is not None
        self.hint.setText(rating.hint() if shown and rating is not None else "")
        self.hint.setVisible(shown)
        self.fit_paragraphs()

    def update_buttons(self) -> None:
        text = self.passphrase.text()
        if not text:
            self._show_strength()
        ready = problem_with_new_passphrase(text, self.repeat.text()) is None
        if self.joining.isChecked() and self._joined_folder() is None:
            ready = False  # the folder first
        self.create_button.setEnabled(not self.is_busy and ready)
        if text and self.repeat.text() and not self.is_busy:
            not_same = _("The two passphrases are not the same yet.")
            if len(normalise(text)) >= MINIMUM_LENGTH and not ready:
                self.show_status(not_same)
            elif self.status.text() == not_same:
                # Only this sentence goes when they match: a failure's sentence (set just before,
                # at the end of the busy time) stays in sight.
                self.show_status("")

    def _create(self) -> None:
        if self.is_busy or self._deciding or not self.create_button.isEnabled():
            return
        self._deciding = True
        self.rater.when_rated(self._create_if_wanted)

    def _forget_choice(self) -> None:
        self._weak_but_wanted = False

    def _create_if_wanted(self, rating: Rating) -> None:
        self._deciding = False
        if self.is_busy or not self.create_button.isEnabled():
            return
        if rating.strength is Strength.WEAK and not self._weak_but_wanted:
            if not use_anyway(self, rating):
                self.passphrase.setFocus()
                self.passphrase.selectAll()  # typing replaces it
                return
            self._weak_but_wanted = True  # asked once: a retry after a failure does not ask again
        folder = self._joined_folder()
        self._start(
            self._start_create(self.passphrase.text(), self.programme.currentData(), folder),
            _("Bringing your journal from the shared folder…")
            if folder is not None
            else _("Creating your encrypted journal…"),
        )
