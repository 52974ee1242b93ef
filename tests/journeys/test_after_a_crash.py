"""The morning after a crash: a restore and an export were killed half-way the night before.

The person only opens the app and unlocks it. The window says what happened in a calm line; the
journal is whole and as it was; the export's plain-text temporary is gone from the disk.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.journeys.atspi import wait_for
from tests.journeys.labels import LABELS
from tests.journeys.person import PASSPHRASE, closed_journal_with_today, read_vault, unlock

ROOT = Path(__file__).parents[2]
WORDS = "Before the crash: a calm evening."

# Each run as the program runs it (its home, the real key derivation), killed by strace on
# entry to an exact system call: the call never happens.
EXPORT = """
import sys
from pathlib import Path
from recovery_journal.services.export import export_to_file
from recovery_journal.store import open_vault
vault = open_vault(sys.argv[1], sys.argv[2])
export_to_file(vault, Path(sys.argv[3]))
"""
RESTORE = """
import sys
from pathlib import Path
from recovery_journal.store import KDF_ITERATIONS, restore_backup
restore_backup(Path(sys.argv[3]), Path(sys.argv[1]), sys.argv[2],
               kdf_iterations=KDF_ITERATIONS, set_aside=Path(sys.argv[4]))
"""


def _killed_at(env: dict[str, str], syscall: str, when: int, script: str, *args: object) -> None:
    strace = shutil.which("strace")
    assert strace is not None
    done = subprocess.run(
        [strace, "-f", "-qq", "-o", os.devnull, "-e", f"trace={syscall}",
         "-e", f"inject={syscall}:signal=SIGKILL:when={when}",
         sys.executable, "-c", script, *map(str, args)],
        env={**env, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": str(ROOT)},
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode in (-9, 137), done.stderr[-2000:]


# What the window says, in each language: the leftover removed, and the restore undone.
SAID = {
    "en": ("unencrypted copy", "as it was before it"),
    "ru": ("незашифрованную копию", "таким, каким был до него"),
}


@pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed")
@pytest.mark.parametrize("language", ["en", "ru"])
def test_after_a_killed_restore_and_export_the_window_says_so_and_nothing_is_lost(
    launch, tmp_path, language
):
    app = launch()
    vault = closed_journal_with_today(app, WORDS)
    backup = tmp_path / "older.rjvault"
    shutil.copyfile(vault, backup)  # a copy of the journal to restore from
    export = tmp_path / "for my sponsor.json"
    # Rename #1 files the temporary in the list of unfinished writes; #2 would move it in place.
    _killed_at(app.env, "rename", 2, EXPORT, vault, PASSPHRASE, export)
    (plain,) = [p for p in tmp_path.iterdir() if p.name.startswith(".for my sponsor.json.")]
    assert WORDS in plain.read_text("utf-8")  # the night's leftover: the journal in plain text
    aside = vault.with_name("journal backups") / "journal 2026-12-06T093042.000Z before-restore"
    _killed_at(app.env, "link", 1, RESTORE, vault, PASSPHRASE, backup, aside)
    assert vault.with_name(".journal.rjvault.restore").exists()

    app = launch(vault=vault, language=language)
    unlock(app)
    removed, undone = SAID[language]
    banner = app.wait_for_node("label", contains=removed, within="frame", seconds=30)
    assert undone in banner.name
    note = app.wait_for_node("text", LABELS[language].today_note, within="frame")
    wait_for(lambda: note.text == WORDS, 10, f"the evening's words (shows {note.text!r})")
    assert not plain.exists() and not export.exists()
    app.desktop.key("ctrl+q")
    assert app.wait_exit(20) == 0
    assert not vault.with_name(".journal.rjvault.restore").exists()
    opened = read_vault(vault)
    try:
        assert opened.integrity_problems() == []
    finally:
        opened.close()
