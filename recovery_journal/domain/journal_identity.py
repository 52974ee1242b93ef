"""The journal's own identifier: random, made once per journal, carried by every report.

A sponsor's reply comes back as the report PDF; the identifier written into the report (never the
person's data) tells whether the reply belongs to this journal. It is the journal's, not the
computer's or the file's: it travels in the JSON export and comes back with an import, and a
backup restored keeps it.
"""

from __future__ import annotations

import re
import uuid

_JOURNAL_ID = re.compile(r"^[0-9a-f]{32}$")


def new_journal_id() -> str:
    """A new identifier: a random (version 4) UUID as 32 lower-case hex digits."""
    return uuid.uuid4().hex


def is_journal_id(text: str) -> bool:
    return bool(_JOURNAL_ID.match(text))
