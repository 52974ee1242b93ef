"""Theme (the system's, light or dark) and text size, for this computer (QSettings).

The system's choice is followed where Qt reports one (Qt 6.5+ colour scheme); light and dark can
also be chosen by hand, with Fusion and our own palettes so every platform looks the same
(``ui.themes``, imported only when one is used).

Qt reports the scheme as one of its namespace's enums, and the first touch of that namespace
costs about 20 ms: more than everything else the first window needs. So the first window takes
the scheme the system had the last time (remembered here), and the scheme is asked for once that
window is painted (``follow_system_scheme``); it is applied again only if it changed.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from recovery_journal.i18n import N_
from recovery_journal.ui.ui_state import ui_settings

THEME = "appearance/theme"
TEXT_SIZE = "appearance/text_percent"
SYSTEM_WAS_DARK = "appearance/system_was_dark"  # the system's scheme when last asked
THEMES = {"system": N_("As the system"), "light": N_("Light"), "dark": N_("Dark")}
TEXT_SIZES = (90, 100, 115, 130, 150, 175, 200)
DEFAULT_TEXT_SIZE = 100

_BASE_SIZE = "recovery_journal_base_point_size"
_BASE_STYLE = "recovery_journal_base_style"
_OWN_LOOK = "recovery_journal_own_look"  # one of ui.themes' looks is applied
_system_palette: list[QPalette] = []  # the palette the app started with, to go back to


def text_scale(app: QApplication) -> float:
    """The text size applied, as a factor of the system's (1.0 until one is applied)."""
    base = app.property(_BASE_SIZE)
    if base is None or float(base) <= 0:
        return 1.0
    return app.font().pointSizeF() / float(base)


def chosen_theme() -> str:
    value = str(ui_settings().value(THEME, "system"))
    return value if value in THEMES else "system"


def chosen_text_size() -> int:
    try:
        value = int(str(ui_settings().value(TEXT_SIZE, DEFAULT_TEXT_SIZE)))
    except ValueError:
        return DEFAULT_TEXT_SIZE
    return value if value in TEXT_SIZES else DEFAULT_TEXT_SIZE


def remember_appearance(theme: str, text_size: int) -> None:
    state = ui_settings()
    state.setValue(THEME, theme)
    state.setValue(TEXT_SIZE, text_size)


def system_is_dark(app: QApplication) -> bool:
    """The system's colour scheme as Qt reports it now, remembered for the next start."""
    from PySide6.QtCore import Qt

    dark = app.styleHints().colorScheme() == Qt.ColorScheme.Dark
    ui_settings().setValue(SYSTEM_WAS_DARK, dark)
    return dark


def system_was_dark() -> bool:
    return bool(ui_settings().value(SYSTEM_WAS_DARK, False, type=bool))


def is_dark(theme: str, app: QApplication, *, as_last_time: bool = False) -> bool:
    """``as_last_time``: the system's scheme as it was last asked (before the first window)."""
    if theme == "dark":
        return True
    if theme == "light":
        return False
    return system_was_dark() if as_last_time else system_is_dark(app)


def follow_system_scheme(app: QApplication) -> None:
    """Once the first window is painted: the system's scheme asked for, applied if it is not the
    one the window started with, and followed when the system changes it."""
    if chosen_theme() == "system" and system_was_dark() != system_is_dark(app):
        apply_appearance(app)

    def changed() -> None:
        if chosen_theme() == "system":
            apply_appearance(app)

    app.styleHints().colorSchemeChanged.connect(changed)


def apply_appearance(
    app: QApplication,
    theme: str | None = None,
    text_size: int | None = None,
    *,
    as_last_time: bool = False,
) -> None:
    """Apply the theme and the text size (the remembered ones when not given); ``as_last_time``:
    the system's scheme taken as it was last time (the first window, see above)."""
    theme = chosen_theme() if theme is None else theme
    text_size = chosen_text_size() if text_size is None else text_size
    if app.property(_BASE_SIZE) is None:
        app.setProperty(_BASE_SIZE, app.font().pointSizeF())
        _system_palette[:] = [app.palette()]  # a copy (QPalette(...) would touch Qt's namespace)
    font = QFont(app.font())
    font.setPointSizeF(float(app.property(_BASE_SIZE)) * text_size / 100)
    app.setFont(font)
    dark = is_dark(theme, app, as_last_time=as_last_time)
    if theme == "system" and not dark:
        if app.property(_OWN_LOOK):  # back from one of ours (nothing to undo at the start)
            app.setStyle(str(app.property(_BASE_STYLE)))
            app.setPalette(_system_palette[0])
            app.setProperty(_OWN_LOOK, False)
        return
    from recovery_journal.ui.themes import VisibleTicksStyle, dark_palette

    if not app.property(_OWN_LOOK):
        # The system's style, to go back to. Asked only now: app.style() makes QStyle's enums
        # (about 5 ms), which a start in the system's light look does without.
        app.setProperty(_BASE_STYLE, app.style().name())

    # Qt takes the style over; PySide would otherwise free it with this function's frame.
    style = VisibleTicksStyle(dark, text_size)
    style.setParent(app)
    app.setStyle(style)
    app.setPalette(dark_palette() if dark else style.standardPalette())
    app.setProperty(_OWN_LOOK, True)
