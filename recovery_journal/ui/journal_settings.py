"""The journal's own settings as last read, on the GUI thread, for what shows by them.

Read once at unlock and again whenever a save changed them: the day boundary (``DayClock``) and
the programme, whose words name the counted time on the pages (``services.programme_words``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from recovery_journal.domain.settings import JournalSettings
from recovery_journal.services.programme_words import ProgrammeWords, programme_words

if TYPE_CHECKING:
    from recovery_journal.services.changes import Changes
    from recovery_journal.ui.operations import Operations


class HeldSettings(QObject):
    read = Signal()  # a reading arrived (it may be the same as the one before)

    def __init__(self, operations: Operations) -> None:
        super().__init__(operations)
        self._operations = operations
        self.current = JournalSettings()  # the defaults, until the vault's have been read
        operations.changed.connect(self._on_changed)

    def reload(self) -> None:
        """Read them from the vault; pages asking for a load after this see the result first
        (the worker keeps the order)."""
        from recovery_journal.services.settings import load_settings

        self._operations.run(load_settings, self._arrived, owner=self)

    def words(self) -> ProgrammeWords:
        return programme_words(self.current.programme)

    def _on_changed(self, changes: Changes) -> None:
        if changes.settings:
            self.reload()

    def _arrived(self, settings: JournalSettings) -> None:
        self.current = settings
        self.read.emit()
