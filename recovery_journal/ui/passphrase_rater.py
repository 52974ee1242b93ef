"""A new passphrase rated as it is typed, without holding up the window.

zxcvbn takes up to a tenth of a second on a long passphrase here (passphrase_guesses.py), and
its lists load on the first rating: each rating runs on a thread of its own, once the typing
pauses, and only the rating of what the field holds now is shown. Below the minimum length
nothing needs estimating, and that is said at once.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QWidget

from recovery_journal.i18n import _
from recovery_journal.passphrase import MINIMUM_LENGTH, Rating, Strength, normalise, rate
from recovery_journal.ui.bridge import own_thread, run_off_gui, when_done
from recovery_journal.ui.messages import ask_yes_no

if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor

# Rated once the typing pauses this long: a rating per keystroke would queue up behind itself.
TYPING_PAUSE_MS = 150


def rating_thread() -> ThreadPoolExecutor:
    return own_thread("passphrase")


class PassphraseRater(QObject):
    """Rates ``field``'s text, with ``names`` (the person's, the vault's) tried first."""

    rated = Signal()  # ``rating`` now describes the field's text

    def __init__(self, field: QLineEdit, names: Sequence[str] = ()) -> None:
        super().__init__(field)
        self._field = field
        self._names = tuple(names)
        self.rating: Rating | None = None  # of the field's text; None while it is being rated
        self._waiting: list[Callable[[Rating], None]] = []
        self._in_flight: tuple[str, tuple[str, ...]] | None = None
        # Read by the rating thread: a job whose number is no longer the latest skips its work.
        self._ticket = [0]
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(TYPING_PAUSE_MS)
        self._pause.timeout.connect(self._start)
        field.textChanged.connect(self._changed)

    def set_names(self, names: Sequence[str]) -> None:
        """Names learnt later (the journal's own, read from the vault): rate again with them."""
        if tuple(names) != self._names:
            self._names = tuple(names)
            self._changed(self._field.text())

    def when_rated(self, then: Callable[[Rating], None]) -> None:
        """Call ``then`` with the rating of the field's text: now if it is known, else as soon
        as it is (rated at once rather than after the pause)."""
        if self.rating is not None:
            then(self.rating)
            return
        self._waiting.append(then)
        if self._in_flight != (self._field.text(), self._names):
            self._start()

    def _changed(self, text: str) -> None:
        self.rating = None
        self._ticket[0] += 1
        self._in_flight = None
        if len(normalise(text)) < MINIMUM_LENGTH:
            self._pause.stop()
            self._settle(Rating(Strength.TOO_SHORT))
        else:
            self._pause.start()

    def _start(self) -> None:
        self._pause.stop()
        text, names = self._field.text(), self._names
        self._ticket[0] += 1
        ticket, mine = self._ticket, self._ticket[0]
        self._in_flight = (text, names)

        def job() -> Rating | None:
            if ticket[0] != mine:
                return None  # typed on meanwhile: a newer rating is on its way
            return rate(text, names)

        when_done(run_off_gui(rating_thread(), job), self._arrived, self._failed)

    def _arrived(self, rating: Rating | None) -> None:
        if rating is None or not shiboken6.isValid(self):
            return
        if self._in_flight != (self._field.text(), self._names):
            return  # for a text no longer there
        self._settle(rating)

    def _failed(self, error: BaseException) -> None:
        # zxcvbn missing or broken: a fault of the installation, never a reason to stop a new
        # journal being made. Said on stderr; the passphrase is taken as it is.
        traceback.print_exception(type(error), error, error.__traceback__, file=sys.stderr)
        if shiboken6.isValid(self):
            self._settle(Rating(Strength.FAIR))

    def _settle(self, rating: Rating) -> None:
        self._in_flight = None
        self.rating = rating
        self.rated.emit()
        waiting, self._waiting = self._waiting, []
        for then in waiting:
            then(rating)


def use_anyway(parent: QWidget, rating: Rating) -> bool:
    """Asked once before a passphrase a guesser would find quickly is used: why, and whether
    to use it all the same (No, the safe answer, is the default)."""
    return ask_yes_no(
        parent,
        _("Use this passphrase?"),
        " ".join(
            (
                rating.reason(),
                _(
                    "Someone with a copy of the journal file could find this passphrase quickly. "
                    "Use it anyway?"
                ),
            )
        ),
    )
