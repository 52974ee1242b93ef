"""The words of journal entries whose save failed, kept until a later save takes them.

The autosave marks a failed entry's uid to be tried again with the next save. While that entry
is open its words are in the editor; once the editor has moved on to another entry they are
only here. An entry deleted on the page since is let go: a late failure must not bring it back.
"""

from __future__ import annotations

from recovery_journal.domain.journal import JournalEntry


class WordsLeft:
    """Failed saves' words by uid, and the uids deleted here."""

    def __init__(self) -> None:
        self._left: dict[str, JournalEntry] = {}
        self._deleted: set[str] = set()  # deleted here: a late failed save stays away

    def failed(self, entry: JournalEntry, open_uid: str | None) -> bool:
        """Whether the words of a failed save still wait (the autosave marks them and says so);
        ``open_uid``: the entry in the editor, whose words are kept there."""
        if entry.uid in self._deleted:
            return False  # deleted since: a later try must not bring it back
        if open_uid != entry.uid:
            self._left.setdefault(entry.uid, entry)  # left for another entry meanwhile
        return True

    def take(self, uid: str) -> JournalEntry | None:
        """The words left under ``uid``, for a save that takes them (None: none left)."""
        return self._left.pop(uid, None)

    def deleted(self, uid: str) -> None:
        """The entry was deleted here: its words are not saved again, even after a failure."""
        self._left.pop(uid, None)
        self._deleted.add(uid)

    def restored(self, uid: str) -> None:
        """The entry came back (Undo): its saves count again."""
        self._deleted.discard(uid)
