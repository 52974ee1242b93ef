"""Journal ▸ Merge another copy of this journal…: a copy's records brought in, nothing lost.

The copy (one carried from another computer, or one a sync tool left beside the vault) is opened
on the vault's worker only to read. The window does not keep the journal's passphrase; where the
person chose to remember it, the keychain's key for this journal is tried first (a copy has the
vault's salt, so the same key opens it), and the passphrase is asked for only if it does not.
Its records come in as versions (services/sync_copies.merge_copy); what was written in both
keeps both, for the person to choose between later. A sync tool's copy is then moved aside,
whole.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from recovery_journal.domain.clock import utc_now
from recovery_journal.domain.ports import Vault
from recovery_journal.errors import WrongPassphrase
from recovery_journal.i18n import _, ngettext
from recovery_journal.passphrase import RawKey, Secret
from recovery_journal.services.changes import Changed, Changes
from recovery_journal.services.sync_copies import CopyMerged, merge_copy
from recovery_journal.store_access import load_store
from recovery_journal.ui.messages import error_sentence
from recovery_journal.ui.operations import Operations


def merged_text(name: str, done: CopyMerged) -> str:
    """What a merge brought in, in a sentence or three."""
    exchange = done.exchange
    lines = [
        ngettext(
            "Merged {name}: {count} record came in from it.",
            "Merged {name}: {count} records came in from it.",
            exchange.arrived,
        ).format(name=name, count=exchange.arrived)
        if exchange.arrived
        else _("Merged {name}: this journal already had everything in it.").format(name=name)
    ]
    if exchange.to_choose:
        lines.append(written_twice_text(exchange.to_choose))
    if done.moved_to is not None:
        lines.append(
            _("The copy is kept, unchanged, in {folder}.").format(folder=done.moved_to.parent)
        )
    return " ".join(lines)


def written_twice_text(count: int) -> str:
    return ngettext(
        "{count} record was written on both computers at once; both versions are kept.",
        "{count} records were written on both computers at once; both versions are kept.",
        count,
    ).format(count=count)


class MergeDialog(QDialog):
    """Asks for the copy's passphrase and merges it; ``merged`` gives what it did."""

    merged = Signal(object)  # CopyMerged

    def __init__(
        self,
        operations: Operations,
        vault_path: Path,
        path: Path,
        parent: QWidget | None = None,
        recall: Callable[[Callable[[RawKey | None], object]], None] | None = None,
    ) -> None:
        """``recall`` gives the journal's remembered key, or None (asked once, at once)."""
        super().__init__(parent)
        self._key: RawKey | None = None
        self._operations = operations
        self._vault_path = vault_path
        self.path = path
        self.setWindowTitle(_("Merge another copy of this journal"))
        self.resize(560, 200)
        layout = QVBoxLayout(self)
        self.summary = QLabel(
            _(
                "Bring what {name} holds into this journal? Nothing is lost: a record written "
                "differently in the two keeps both versions, for you to choose between. The copy "
                "itself is only read."
            ).format(name=path.name)
        )
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(_("The copy's passphrase"))
        label = self.passphrase_label = QLabel(
            _("The copy's &passphrase (usually this journal's):")
        )
        label.setBuddy(self.passphrase)
        layout.addWidget(label)
        layout.addWidget(self.passphrase)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout.addWidget(self.problem)
        layout.addStretch(1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = self.buttons.addButton(
            _("&Merge"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        # Enter in the passphrase merges: Merge is the default (the box would otherwise give
        # Cancel, an auto-default button, the default).
        for button in self.buttons.buttons():
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
        self.merge_button.setDefault(True)
        self.buttons.accepted.connect(self._merge)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.passphrase.setFocus()
        if recall is not None:
            recall(self._recalled)

    def _recalled(self, key: RawKey | None) -> None:
        """The journal's remembered key: tried first, so nothing need be typed."""
        if key is None or not shiboken6.isValid(self) or self.passphrase.text():
            return
        self._key = key
        self.passphrase_label.hide()
        self.passphrase.hide()
        self.merge_button.setFocus()

    def _merge(self) -> None:
        if not self.merge_button.isEnabled():
            return  # merging already
        if self.path.absolute() == self._vault_path.absolute():
            self._say(_("That is this journal itself; choose the other copy."))
            return
        path = self.path
        passphrase: Secret = self.passphrase.text()
        if self._key is not None and self.passphrase.isHidden():
            passphrase = self._key
        if not passphrase:
            self._say(_("Type the passphrase the copy opens with."))
            return
        self.merge_button.setEnabled(False)
        self.passphrase.setEnabled(False)

        def job(vault: Vault) -> Changed[CopyMerged]:
            done = merge_copy(vault, load_store(), path, passphrase, utc_now())
            return Changed(done, Changes.everything())

        def merged(result: Changed[CopyMerged]) -> None:
            self.merged.emit(result.value)
            self.accept()

        self._operations.run(job, merged, self._refused, owner=self)

    def _refused(self, error: BaseException) -> None:
        if isinstance(error, WrongPassphrase) and self.passphrase.isHidden():
            # The remembered key does not open it: the copy's passphrase was changed.
            self._key = None
            self.passphrase_label.show()
            self.passphrase.show()
            self._say(
                _(
                    "This copy does not open with the passphrase this journal remembers; type "
                    "the passphrase it was made with."
                )
            )
        else:
            self._say(error_sentence(error))
        self.merge_button.setEnabled(True)
        self.passphrase.setEnabled(True)
        self.passphrase.selectAll()
        self.passphrase.setFocus()

    def _say(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()
