"""Translations shared by the CLI and the GUI.

Messages are marked with ``_()`` / ``ngettext()`` in every layer; the catalogues are plain gettext
``.po`` files in ``recovery_journal/resources/i18n`` so translators can use their usual tools. We
read the ``.po`` directly and hand gettext an in-memory ``.mo``: no compile step to forget, and
gettext still does the Russian plural rules from the catalogue's ``Plural-Forms`` header.
"""

from __future__ import annotations

import ast
import gettext
import io
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


# A key in a parsed catalogue: a plain msgid, or (msgid, msgid_plural) for plural messages.
CatalogKey = str | tuple[str, str]


def parse_po(text: str) -> dict[CatalogKey, str | list[str]]:
    """Parse the subset of the .po format we write: msgid, msgid_plural, msgstr, msgstr[n].

    Fuzzy entries are skipped, as msgfmt does, so a half-reviewed translation never shows.
    """
    entries: dict[CatalogKey, str | list[str]] = {}
    fields: dict[str, str] = {}
    current: str | None = None
    fuzzy = False

    def flush() -> None:
        nonlocal fields, current, fuzzy
        # The header is kept even when marked fuzzy (msginit does that): it holds Plural-Forms.
        if "msgid" in fields and (not fuzzy or fields["msgid"] == ""):
            msgid = fields["msgid"]
            if "msgid_plural" in fields:
                forms = [fields[k] for k in sorted(f for f in fields if f.startswith("msgstr["))]
                entries[(msgid, fields["msgid_plural"])] = forms
            else:
                entries[msgid] = fields.get("msgstr", "")
        fields, current, fuzzy = {}, None, False

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            flush()
            continue
        if line.startswith("#"):
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            continue
        if line.startswith('"'):
            if current is None:
                raise ValueError(f"continuation line without a keyword: {raw!r}")
            fields[current] += ast.literal_eval(line)
            continue
        keyword, _, rest = line.partition(" ")
        if keyword == "msgid" and "msgid" in fields:
            flush()
        current = keyword
        fields[keyword] = ast.literal_eval(rest.strip())
    flush()
    return entries


def build_mo(entries: Mapping[CatalogKey, str | list[str]]) -> bytes:
    """Serialise parsed entries into the GNU .mo format (as CPython's Tools/i18n/msgfmt.py does)."""
    pairs: list[tuple[bytes, bytes]] = []
    header_text = entries.get("", "")
    assert isinstance(header_text, str)
    if "charset=" not in header_text:
        # gettext decodes with the header's charset and falls back to ASCII without one.
        entries = {**entries, "": "Content-Type: text/plain; charset=UTF-8\n" + header_text}
    for key, value in entries.items():
        if isinstance(key, tuple):
            assert isinstance(value, list)
            if not any(value):
                continue
            pairs.append(("\0".join(key).encode(), "\0".join(value).encode()))
        else:
            assert isinstance(value, str)
            if not value and key:
                continue
            pairs.append((key.encode(), value.encode()))
    pairs.sort()
    count = len(pairs)
    key_start = 7 * 4
    value_start = key_start + count * 8
    data_start = value_start + count * 8
    ids = b"".join(msgid + b"\0" for msgid, _msgstr in pairs)
    strs = b"".join(msgstr + b"\0" for _msgid, msgstr in pairs)
    key_table: list[int] = []
    offset = data_start
    for msgid, _msgstr in pairs:
        key_table += [len(msgid), offset]
        offset += len(msgid) + 1
    value_table: list[int] = []
    for _msgid, msgstr in pairs:
        value_table += [len(msgstr), offset]
        offset += len(msgstr) + 1
    header = struct.pack("Iiiiiii", 0x950412DE, 0, count, key_start, value_start, 0, 0)
    tables = struct.pack(f"{len(key_table)}i", *key_table) + struct.pack(
        f"{len(value_table)}i", *value_table
    )
    return header + tables + ids + strs


def catalogue(language: str) -> Traversable:
    """The ``.po`` file of ``language``, shipped in the package."""
    return resource("i18n", f"{language}.po")


@cache
def _translations(language: str) -> gettext.NullTranslations:
    if language == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    try:
        entries = parse_po(catalogue(language).read_text("utf-8"))
    except (OSError, ValueError, SyntaxError):
        # A missing or broken catalogue must never stop the app: fall back to English.
        return gettext.NullTranslations()
    return gettext.GNUTranslations(io.BytesIO(build_mo(entries)))


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


def N_(message: str) -> str:
    """Mark a message for extraction without translating it yet (translated where shown)."""
    return message
