"""The sentences a person reads when the system refuses a file: the place they chose, our words."""

from __future__ import annotations

import errno
import os
from concurrent.futures import Future
from pathlib import Path

import pytest

from recovery_journal.errors import os_error_sentence


def _refused(code: int, filename: Path, filename2: Path | None = None) -> OSError:
    return OSError(code, os.strerror(code), str(filename), None, filename2 and str(filename2))


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (errno.EACCES, "Permission to use {path} was refused;"),
        (errno.EPERM, "Permission to use {path} was refused;"),
        (errno.EROFS, "{path} is on a disk that cannot be written to;"),
        (errno.ENOSPC, "The disk is full where {path} was to be written"),
        (errno.ENOTDIR, "Part of {path} is a file where a folder should be;"),
        (errno.EIO, "{path} could not be used (Input/output error);"),
    ],
)
def test_a_refused_file_is_named_as_the_person_chose_it(tmp_path, code, expected):
    chosen = tmp_path / "export.json"
    # What write_private_file meets first: its hidden working copy beside the chosen name.
    working = tmp_path / ".export.json.writing-1a2b3c4d"
    sentence = os_error_sentence(_refused(code, working))
    assert sentence.startswith(expected.format(path=chosen)), sentence
    assert "writing-" not in sentence and "Error" not in sentence


def test_a_file_that_is_not_there(tmp_path):
    assert os_error_sentence(_refused(errno.ENOENT, tmp_path / "a.json")) == (
        f"There is no file at {tmp_path / 'a.json'}."
    )


def test_an_error_without_a_file_keeps_the_system_reason():
    assert os_error_sentence(OSError(errno.EIO, "Input/output error")) == (
        "The operation failed: Input/output error."
    )


def test_a_save_that_takes_too_long_is_said_calmly(monkeypatch):
    from recovery_journal.ui import operations
    from recovery_journal.ui.messages import error_sentence

    monkeypatch.setattr(operations, "SAVE_WAIT_SECONDS", 0.01)
    error = operations.wait_for_saves([Future()])
    assert error is not None
    assert error_sentence(error) == (
        "Saving is taking longer than it should; what you wrote is still here. Please try "
        "again in a moment."
    )
