"""Whether the other computers' files in the shared folder changed, without opening them.

The window watches the folder (QFileSystemWatcher), which also wakes when this computer writes
its own file, and when a sync program writes its half-copied temporaries. Comparing each other
computer's file's size and time with the last exchange's is a few ``stat`` calls: an exchange
(which reads and decrypts every file) runs only when one of them changed.
"""

from __future__ import annotations

from pathlib import Path

from recovery_journal.services.sync import SUFFIX

FolderState = frozenset[tuple[str, int, int]]


def others_state(folder: Path, own: str) -> FolderState:
    """The name, size and modification time of every computer's file in ``folder`` but ``own``
    (this computer's file's name); empty when the folder cannot be read."""
    found: set[tuple[str, int, int]] = set()
    try:
        entries = list(folder.iterdir())
    except OSError:
        return frozenset()
    for path in entries:
        if not path.name.endswith(SUFFIX) or path.name == own:
            continue
        try:
            facts = path.stat()
        except OSError:
            continue  # gone while looking (a sync program renaming it into place)
        found.add((path.name, facts.st_size, facts.st_mtime_ns))
    return frozenset(found)
