"""Both languages complete, plural rules right, Qt's own strings translated too."""

from __future__ import annotations

import gettext
import io
import sys
from pathlib import Path

import pytest

from recovery_journal import i18n
from recovery_journal.i18n import _, build_mo, ngettext, parse_po, set_language

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
import messages  # noqa: E402


def test_every_message_has_a_russian_translation_and_none_is_stale():
    extracted = messages.extract()
    assert len(extracted) > 50, "the extractor should find the app's messages"
    assert messages.problems("ru", extracted) == []


def test_the_extractor_notices_a_missing_translation(tmp_path):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "m.py").write_text('_("A sentence nobody translated")\n')
    extracted = messages.extract(package)
    assert list(extracted) == ["A sentence nobody translated"]
    assert any("nobody translated" in p for p in messages.problems("ru", extracted))


def test_placeholders_survive_translation():
    import re

    catalogue = parse_po(i18n.catalogue("ru").read_text("utf-8"))
    for key, value in catalogue.items():
        sources = key if isinstance(key, tuple) else (key,)
        targets = value if isinstance(value, list) else [value]
        wanted = set(re.findall(r"\{[^}]*\}", sources[0]))
        for target in targets:
            if key == "":
                continue
            assert set(re.findall(r"\{[^}]*\}", target)) >= wanted - {"{count}"} or not wanted, key
            assert set(re.findall(r"\{[^}]*\}", target)) <= wanted | set(
                re.findall(r"\{[^}]*\}", sources[-1])
            ), key


def test_switching_language():
    set_language("ru")
    assert _("Today") == "Сегодня"
    set_language("en")
    assert _("Today") == "Today"


@pytest.mark.parametrize(
    ("count", "expected"),
    [(1, "день"), (2, "дня"), (4, "дня"), (5, "дней"), (11, "дней"), (21, "день"), (22, "дня")],
)
def test_russian_plurals(count, expected):
    set_language("ru")
    text = ngettext("{n} day", "{n} days", count)
    assert text.format(n=count) == f"{count} {expected}"


def test_po_parser_handles_continuations_escapes_and_fuzzy():
    text = (
        'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        'msgid "Line one\\n"\n"line two"\nmsgstr "Строка\\n"\n"вторая \\"в кавычках\\""\n\n'
        '#, fuzzy\nmsgid "Unsure"\nmsgstr "Не уверен"\n'
    )
    entries = parse_po(text)
    assert entries["Line one\nline two"] == 'Строка\nвторая "в кавычках"'
    assert "Unsure" not in entries
    translations = gettext.GNUTranslations(io.BytesIO(build_mo(entries)))
    assert translations.gettext("Line one\nline two") == 'Строка\nвторая "в кавычках"'


def test_a_broken_catalogue_falls_back_to_english(monkeypatch, tmp_path):
    broken = tmp_path / "ru.po"
    broken.write_text('msgid "x\nmsgstr', encoding="utf-8")
    monkeypatch.setattr(i18n, "catalogue", lambda language: broken)
    i18n._translations.cache_clear()
    try:
        set_language("ru")
        assert _("Today") == "Today"
    finally:
        i18n._translations.cache_clear()


@pytest.mark.parametrize(
    ("name", "language"),
    [("ru_RU.UTF-8", "ru"), ("ru-RU", "ru"), ("uk_UA", "en"), ("C", "en"), (None, "en")],
)
def test_language_from_locale(name, language):
    assert i18n.language_from_locale_name(name) == language


def test_qt_buttons_are_translated(qapp):
    from PySide6.QtWidgets import QDialogButtonBox

    from recovery_journal.ui.i18n_qt import apply_language

    try:
        apply_language(qapp, "ru")
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Отмена"
    finally:
        apply_language(qapp, "en")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancel"
