"""``sync --folder`` and ``merge`` as scripts use them: real processes, real vaults (issue 24)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.test_cli import one_line_error, run


def _export(vault: Path, tmp_path: Path) -> dict:
    target = tmp_path / f"{vault.stem}.json"
    result = run("export-json", "--vault", str(vault), "-o", str(target))
    assert result.returncode == 0, result.stderr
    return json.loads(target.read_text(encoding="utf-8"))


def _journal(document: dict) -> dict:
    """The export less what belongs to one computer (and the app's version)."""
    own = {"reminder_on", "reminder_time", "keep_in_tray"}
    settings = {k: v for k, v in document["settings"].items() if k not in own}
    return {**document, "settings": settings, "app_version": None}


def test_a_second_computer_joins_through_the_folder_and_both_exports_are_equal(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    laptop, desktop = tmp_path / "laptop.rjvault", tmp_path / "desktop.rjvault"
    assert run("demo", "--vault", str(laptop), "--days", "40", "--language", "ru").returncode == 0
    first = run("sync", "--vault", str(laptop), "--folder", str(folder))
    assert first.returncode == 0, first.stderr
    assert "Nothing new came from your other computers." in first.stdout
    joined = run("sync", "--vault", str(desktop), "--folder", str(folder))
    assert joined.returncode == 0, joined.stderr
    assert "The journal was made from the shared folder" in joined.stdout
    assert "records came from your other computers." in joined.stdout
    assert _journal(_export(laptop, tmp_path)) == _journal(_export(desktop, tmp_path))
    # Only encrypted files in the folder, one per computer.
    assert sorted(p.suffix for p in folder.iterdir()) == [".rjsync", ".rjsync"]
    for file in folder.iterdir():
        assert "Трезвость".encode() not in file.read_bytes()


def test_a_file_that_cannot_be_used_is_said_in_one_sentence_and_skipped(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    vault = tmp_path / "journal.rjvault"
    assert run("demo", "--vault", str(vault), "--days", "10").returncode == 0
    assert run("sync", "--vault", str(vault), "--folder", str(folder)).returncode == 0
    (folder / "other.rjsync").write_bytes(b"\0" * 5000)
    again = run("sync", "--vault", str(vault), "--folder", str(folder))
    assert again.returncode == 0, again.stderr
    (line,) = again.stderr.strip().splitlines()
    assert "other.rjsync" in line and "skipped" in line


def test_a_folder_that_is_not_there_is_a_usage_error(tmp_path):
    result = run("sync", "--vault", str(tmp_path / "v.rjvault"), "--folder", str(tmp_path / "no"))
    assert result.returncode == 2
    assert "There is no folder at" in one_line_error(result)


def test_merging_a_conflicted_copy_keeps_both_and_leaves_the_copy_untouched(tmp_path):
    vault = tmp_path / "journal.rjvault"
    assert run("demo", "--vault", str(vault), "--days", "10").returncode == 0
    copy = tmp_path / "journal.sync-conflict-20261206-101010-ABCDEFG.rjvault"
    shutil.copy(vault, copy)
    before = copy.read_bytes()
    merged = run("merge", "--vault", str(vault), str(copy))
    assert merged.returncode == 0, merged.stderr
    assert "Nothing new came from your other computers." in merged.stdout
    assert copy.read_bytes() == before
    itself = run("merge", "--vault", str(vault), str(vault))
    assert itself.returncode == 2
    assert "That is this journal itself" in one_line_error(itself)
