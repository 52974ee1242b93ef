"""One calm sentence for any failure, and the dialog that shows it."""

from __future__ import annotations

import sys
import traceback

from PySide6.QtWidgets import QMessageBox, QWidget

from recovery_journal import APP_NAME
from recovery_journal.errors import JournalError
from recovery_journal.i18n import _


def error_sentence(error: BaseException) -> str:
    if isinstance(error, JournalError):
        return error.message()
    # Unexpected: the developer gets the traceback on stderr (it holds no journal text, only code
    # locations); the person gets a sentence.
    traceback.print_exception(type(error), error, error.__traceback__, file=sys.stderr)
    return _(
        "Something unexpected went wrong ({kind}). What was saved before is safe; please try again."
    ).format(kind=type(error).__name__)


def show_error(parent: QWidget | None, error: BaseException) -> None:
    QMessageBox.warning(parent, APP_NAME, error_sentence(error))
