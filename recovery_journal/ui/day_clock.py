"""Which day it is for the person, on the UI thread: one clock, read through the day boundary.

Every page that means "the person's today" (the Today page and its note, a new row's date, a
step started today, today's focus) asks ``today()`` here, and every load that needs it passes
``now()`` to the services, which read the day boundary from the vault themselves
(``services.review.review_day``). Both come from the one rule, ``domain.day.journal_day``.

Tests put a fixed clock in ``clock`` (as ``AutoLock._clock``) and call ``check()``, instead of
waiting for a night to pass.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from recovery_journal.domain.day import DEFAULT_DAY_BOUNDARY, PartOfDay, journal_day, part_of_day

if TYPE_CHECKING:
    from recovery_journal.ui.operations import Operations

CHECK_MS = 30_000


def local_now() -> datetime:
    """The wall clock where the person is, with its time zone."""
    return datetime.now().astimezone()


class DayClock(QObject):
    """The person's day and the part of it, with a signal when either turns."""

    turned = Signal()  # the day, or the part of the day (morning, afternoon, evening), changed

    def __init__(self, operations: Operations) -> None:
        super().__init__(operations)
        self._operations = operations
        self.clock: Callable[[], datetime] = local_now
        self.boundary: time = DEFAULT_DAY_BOUNDARY  # the vault's, once its settings are read
        self._seen = self._state()
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()
        operations.settings.read.connect(self._settings_read)

    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        moment = self.now()
        return journal_day(moment, moment.tzinfo, self.boundary)

    def part(self) -> PartOfDay:
        return part_of_day(self.now().time(), self.boundary)

    def _settings_read(self) -> None:
        boundary = self._operations.settings.current.day_boundary
        if boundary == self.boundary:
            self.check()
            return
        # A moved boundary is a turn whatever the last look saw: the pages read their day with
        # the old boundary, and a comparison with that look can miss it (it did, on the one day
        # a look before the clock was set and the new day agreed).
        self.boundary = boundary
        self._seen = self._state()
        self.turned.emit()

    def _state(self) -> tuple[date, PartOfDay]:
        return self.today(), self.part()

    def check(self) -> None:
        """Say so if the day or the part of it has turned since the last look."""
        state = self._state()
        if state != self._seen:
            self._seen = state
            self.turned.emit()
