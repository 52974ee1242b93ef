"""Writing files that hold the person's words: private from the first byte, replaced atomically."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path


def write_private_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so a crash leaves either the old file or the whole new one."""
    path = Path(path)
    temporary = path.with_name(f".{path.name}.writing-{secrets.token_hex(4)}")
    # Mode 0600 is set when the file is created, before any data is in it.
    descriptor = os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        raise
    if os.name == "posix":
        directory = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)


def is_the_vault(vault: Path, output: Path) -> bool:
    """True when writing ``output`` would replace the vault or its WAL with something else."""
    protected = [vault, Path(f"{vault}-wal"), Path(f"{vault}-shm")]
    target = output.resolve()
    return any(
        target == candidate.resolve()
        or (output.exists() and candidate.exists() and os.path.samefile(output, candidate))
        for candidate in protected
    )
