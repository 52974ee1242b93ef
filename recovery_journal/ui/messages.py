"""One calm sentence for any failure."""

from __future__ import annotations

import sys
import traceback

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
