"""One calm sentence for any failure, and one way to ask before doing something."""

from __future__ import annotations

import sys
import traceback
from typing import TYPE_CHECKING

from recovery_journal.errors import JournalError, os_error_sentence
from recovery_journal.i18n import _

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


def error_sentence(error: BaseException) -> str:
    if isinstance(error, JournalError):
        return error.message()
    if isinstance(error, OSError) and error.errno is not None:
        return os_error_sentence(error)  # a file or folder the system refused
    # Unexpected: the developer gets the traceback on stderr (it holds no journal text, only code
    # locations); the person gets a sentence.
    traceback.print_exception(type(error), error, error.__traceback__, file=sys.stderr)
    return _(
        "Something unexpected went wrong ({kind}). What was saved before is safe; please try again."
    ).format(kind=type(error).__name__)


def ask_yes_no(parent: QWidget | None, title: str, question: str, *, warning: bool = False) -> bool:
    """Ask before something is done; only a clear yes goes on (the safe answer is the default,
    so Enter or Escape changes nothing). ``warning``: the question is about a risk (a file
    anyone could read), with Cancel as its other answer."""
    from PySide6.QtWidgets import QMessageBox

    buttons = QMessageBox.StandardButton
    safe = buttons.Cancel if warning else buttons.No
    ask = QMessageBox.warning if warning else QMessageBox.question
    return ask(parent, title, question, buttons.Yes | safe, safe) == buttons.Yes
