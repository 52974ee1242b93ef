"""Where things live on this computer."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_DIR_NAME = "recovery-journal"
VAULT_FILE_NAME = "journal.rjvault"


def default_vault_path() -> Path:
    """The vault in the per-user data folder (XDG_DATA_HOME, AppData, Application Support)."""
    return platformdirs.user_data_path(APP_DIR_NAME, appauthor=False) / VAULT_FILE_NAME


def unfinished_folder() -> Path:
    """The private list of files being written (``temporaries``): per user, outside any vault."""
    return platformdirs.user_state_path(APP_DIR_NAME, appauthor=False) / "unfinished"
