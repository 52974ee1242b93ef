"""Process-wide protections set before any journal text is in memory (no Qt, no storage).

A core dump would write the decrypted journal (and the key) to disk; so would a debugger
attached by another program of the same user. Both are refused where the system lets us.
"""

from __future__ import annotations

import contextlib
import ctypes
import sys

PR_SET_DUMPABLE = 4


def harden_process() -> None:
    if sys.platform.startswith("linux") or sys.platform == "darwin":
        import resource

        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if sys.platform.startswith("linux"):
        # Not dumpable: no core file even where the limit is raised again, and no ptrace or
        # /proc/<pid>/mem reading by other processes of the same user.
        with contextlib.suppress(OSError, AttributeError):
            # The process's own symbols include libc's; find_library would run ldconfig.
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
