"""Translations shared by the CLI and the GUI.

Messages are marked with ``_()``, ``ngettext()``, ``pgettext()`` and ``npgettext()`` in every
layer; the catalogues are gettext ``.po`` files in ``recovery_journal/resources/i18n``, which
translators edit with their usual tools. The build compiles each to the ``.mo`` gettext reads
(Babel: setup.py for the wheel, build.spec for the bundle, the Makefile for a checkout), and
here the standard library's gettext reads it, Russian plural rules from its ``Plural-Forms``.

A context (``pgettext("button", "Change passphrase")``) is for the places where one English
text must be two in another language: a button's verb beside a window title's noun, an
adjective agreeing with a masculine noun in one table and a feminine one in the next.
"""

from __future__ import annotations

import gettext
import os
import struct
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from typing import TYPE_CHECKING

from recovery_journal.package_data import resource

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

SOURCE_LANGUAGE = "en"
LANGUAGES: Mapping[str, str] = {"en": "English", "ru": "Русский"}

_current: gettext.NullTranslations = gettext.NullTranslations()
_current_language = SOURCE_LANGUAGE
# A report can be made in another language than the window's, on another thread: that thread's
# choice lives here and never leaks into the window's text.
_this_thread = threading.local()


def catalogue(language: str) -> Traversable:
    """The compiled catalogue (``.mo``) of ``language``, shipped in the package.

    Read as a stream through importlib.resources (never ``gettext.translation()``'s folder of
    ``LC_MESSAGES``), so it is found in a zipped package too."""
    return resource("i18n", f"{language}.mo")


@cache
def _translations(language: str) -> gettext.NullTranslations:
    if language == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    try:
        with catalogue(language).open("rb") as file:
            return gettext.GNUTranslations(file)
    except (OSError, ValueError, struct.error):
        # A missing or damaged catalogue must never stop the app: fall back to English. (A
        # checkout makes it with `make`; gettext raises OSError for a bad magic number or a
        # truncated file, struct.error for one too short to hold its header.)
        return gettext.NullTranslations()


def set_language(language: str) -> None:
    """Switch every later ``_()`` call to ``language`` (a key of LANGUAGES)."""
    global _current, _current_language
    if language not in LANGUAGES:
        language = SOURCE_LANGUAGE
    _current = _translations(language)
    _current_language = language


def current_language() -> str:
    return getattr(_this_thread, "language", None) or _current_language


def _translator() -> gettext.NullTranslations:
    language = getattr(_this_thread, "language", None)
    return _current if language is None else _translations(language)


@contextmanager
def language_on_this_thread(language: str) -> Iterator[None]:
    """Translate into ``language`` inside the block, on this thread only."""
    if language not in LANGUAGES:
        language = SOURCE_LANGUAGE
    before = getattr(_this_thread, "language", None)
    _this_thread.language = language
    try:
        yield
    finally:
        _this_thread.language = before


def language_from_locale_name(name: str | None) -> str:
    """Map a POSIX or Qt locale name such as ``ru_RU.UTF-8`` or ``ru-RU`` to one we ship."""
    if not name:
        return SOURCE_LANGUAGE
    code = name.replace("-", "_").split(".")[0].split("_")[0].lower()
    return code if code in LANGUAGES else SOURCE_LANGUAGE


def language_from_environment() -> str:
    """The language gettext itself would pick for a terminal program."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            return language_from_locale_name(value.split(":")[0])
    return SOURCE_LANGUAGE


DECIMAL_COMMA = frozenset({"ru"})  # languages that write 5,4 rather than 5.4


def decimal(value: float, places: int = 1) -> str:
    """``value`` with at most ``places`` decimals, trailing zeros dropped, in the UI language."""
    text = f"{value:.{places}f}".rstrip("0").rstrip(".") if places else f"{value:.0f}"
    return text.replace(".", ",") if current_language() in DECIMAL_COMMA else text


def _(message: str) -> str:
    return _translator().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translator().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` as said in ``context`` (a few words that tell a translator where it is)."""
    return _translator().pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    return _translator().npgettext(context, singular, plural, n)


def N_(message: str) -> str:
    """Mark a message for extraction without translating it yet (translated where shown)."""
    return message
