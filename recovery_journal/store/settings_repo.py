"""Key/value preferences in the ``settings`` table."""

from __future__ import annotations

import sqlcipher3

from recovery_journal.domain.settings_keys import declared


class SqlSettingsRepository:
    def __init__(self, conn: sqlcipher3.Connection) -> None:
        self._conn = conn

    def get_all(self) -> dict[str, str]:
        return dict(self._conn.execute("SELECT key, value FROM settings ORDER BY key").fetchall())

    def set(self, key: str, value: str) -> None:
        declared(key)
        self._conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def delete(self, key: str) -> None:
        self._conn.execute("DELETE FROM settings WHERE key = ?", (key,))

    def replace_all(self, values: dict[str, str]) -> None:
        for key in values:
            declared(key)
        self._conn.execute("DELETE FROM settings")
        self._conn.executemany(
            "INSERT INTO settings (key, value) VALUES (?, ?)", sorted(values.items())
        )
