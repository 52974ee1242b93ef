"""Writing files that hold the person's words: private from the first byte, replaced atomically."""

from __future__ import annotations

import os
from pathlib import Path

from recovery_journal.temporaries import replace_whole, temporary_beside


def write_private_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so a crash leaves either the old file or the whole new one,
    and no plain-text temporary that the next run does not remove."""
    path = Path(path)
    with temporary_beside(path, "writing", plain=True) as temporary:
        with temporary.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        replace_whole(temporary, path)


def is_the_vault(vault: Path, output: Path) -> bool:
    """True when writing ``output`` would replace the vault or its WAL with something else."""
    protected = [vault, Path(f"{vault}-wal"), Path(f"{vault}-shm")]
    target = output.resolve()
    return any(
        target == candidate.resolve()
        or (output.exists() and candidate.exists() and os.path.samefile(output, candidate))
        for candidate in protected
    )
