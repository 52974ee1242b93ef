"""UI state that may live outside the vault: window geometry, the chosen language, the last page.

Nothing about the person goes here; QSettings is a plain file anyone on the computer can read.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, QSettings

from recovery_journal.i18n import LANGUAGES, language_from_locale_name

ORGANISATION = "RecoveryJournal"
APPLICATION = "recovery-journal"

LANGUAGE = "ui/language"
MAIN_WINDOW_GEOMETRY = "main_window/geometry"
MAIN_WINDOW_STATE = "main_window/state"
LAST_PAGE = "main_window/page"


def ui_settings() -> QSettings:
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION
    )


def preferred_language() -> str:
    chosen = ui_settings().value(LANGUAGE)
    if isinstance(chosen, str) and chosen in LANGUAGES:
        return chosen
    return language_from_locale_name(QLocale.system().name())


def remember_language(language: str) -> None:
    ui_settings().setValue(LANGUAGE, language)
