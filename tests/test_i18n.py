"""Both languages complete, plural rules right, contexts apart, the compiled catalogue faithful to
the .po, and Qt's own strings translated too."""

from __future__ import annotations

import gettext
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from recovery_journal import i18n
from recovery_journal.i18n import _, ngettext, npgettext, pgettext, set_language

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import messages  # noqa: E402


def _russian():
    with (messages.CATALOGUES / "ru.po").open("rb") as file:
        return [message for message in read_po(file) if message.id]


def test_every_message_has_a_russian_translation_and_none_is_stale():
    template = messages.extract()
    assert len(template) > 50, "the extractor should find the app's messages"
    assert messages.problems("ru", template) == []


def _package(tmp_path: Path, code: str) -> Path:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "m.py").write_text(code, encoding="utf-8")
    return package


def test_the_extractor_notices_a_missing_translation(tmp_path):
    template = messages.extract(_package(tmp_path, '_("A sentence nobody translated")\n'))
    assert [m.id for m in template if m.id] == ["A sentence nobody translated"]
    assert any("nobody translated" in p for p in messages.problems("ru", template))


def test_the_extractor_reads_every_keyword_with_its_context(tmp_path):
    code = (
        "from recovery_journal.i18n import N_, _, ngettext, npgettext, pgettext\n"
        '_("Plain")\n'
        'N_("Marked")\n'
        'ngettext("{n} day", "{n} days", n)\n'
        "# Translators: where it is\n"
        'pgettext("a button", "Plain")\n'
        'npgettext("a count", "{n} day", "{n} days", n)\n'
    )
    template = messages.extract(_package(tmp_path, code))
    found = {messages.key(m): m for m in template if m.id}
    assert set(found) == {
        (None, "Plain"),
        (None, "Marked"),
        (None, ("{n} day", "{n} days")),
        ("a button", "Plain"),
        ("a count", ("{n} day", "{n} days")),
    }
    assert found[("a button", "Plain")].auto_comments == ["where it is"]


def test_the_check_fails_on_an_unused_message_and_a_catalogue_not_as_written(tmp_path):
    template = messages.extract(_package(tmp_path, 'pgettext("a button", "Keep")\n'))
    folder = tmp_path / "i18n"
    folder.mkdir()
    po = folder / "ru.po"
    po.write_text(
        messages.render("ru", template, None).replace('msgstr ""\n\n', 'msgstr "Оставить"\n\n'),
        encoding="utf-8",
    )
    assert messages.problems("ru", template, folder) == []

    po.write_text(po.read_text("utf-8") + '\nmsgid "Gone"\nmsgstr "Ушло"\n', encoding="utf-8")
    assert messages.problems("ru", template, folder) == ["ru: unused message 'Gone'"]

    po.write_text(messages.render("ru", template, messages.read(po, "ru")), encoding="utf-8")
    assert messages.problems("ru", template, folder) == []  # the tool dropped it
    # The same entries laid out otherwise, as another tool might write them: a line split in two.
    po.write_text(
        po.read_text("utf-8").replace('"Plural-Forms: ', '""\n"Plural-Forms: '), encoding="utf-8"
    )
    assert messages.read(po, "ru").get("Keep", "a button").string == "Оставить"
    assert messages.problems("ru", template, folder) == [
        "ru.po is not as tools/messages.py writes it: run it"
    ]


def test_the_update_keeps_every_translation_and_reports_no_change():
    """Running the tool on the catalogue in the tree changes nothing (--check says so too)."""
    path = messages.CATALOGUES / "ru.po"
    assert messages.render("ru", messages.extract(), messages.read(path, "ru")) == path.read_text(
        "utf-8"
    )


def test_placeholders_survive_translation():
    for message in _russian():
        sources = tuple(message.id) if message.pluralizable else (message.id,)
        targets = tuple(message.string) if message.pluralizable else (message.string,)
        wanted = set(re.findall(r"\{[^}]*\}", sources[0]))
        allowed = wanted | set(re.findall(r"\{[^}]*\}", sources[-1]))
        for target in targets:
            found = set(re.findall(r"\{[^}]*\}", target))
            assert found >= wanted - {"{count}"} or not wanted, message.id
            assert found <= allowed, message.id


def test_the_compiled_catalogue_gives_every_russian_translation():
    """Every msgstr of ru.po is what gettext returns from the .mo the app reads: each plural
    form for a number that picks it (1, 2, 5 in Russian), each context apart."""
    set_language("ru")
    wrong = []
    for message in _russian():
        if message.pluralizable:
            singular, plural = message.id
            for n, expected in zip((1, 2, 5), message.string, strict=True):
                got = (
                    npgettext(message.context, singular, plural, n)
                    if message.context
                    else ngettext(singular, plural, n)
                )
                if got != expected:
                    wrong.append((message.context, singular, n, got))
        else:
            got = pgettext(message.context, message.id) if message.context else _(message.id)
            if got != message.string:
                wrong.append((message.context, message.id, got))
    assert wrong == []


def test_a_context_gets_its_own_russian():
    """One English text, two Russian ones: the Change passphrase window's title is a noun, its
    button a verb; "Hidden" agrees with «вопрос» in one table and «шкала» in the other."""
    set_language("ru")
    assert _("Change passphrase") == "Смена парольной фразы"
    assert pgettext("button", "Change passphrase") == "Сменить парольную фразу"
    assert pgettext("a question", "Hidden") == "Скрыт"
    assert pgettext("a scale", "Hidden") == "Скрыта"
    set_language("en")
    assert pgettext("button", "Change passphrase") == "Change passphrase"
    assert npgettext("a count", "{n} day", "{n} days", 2) == "{n} days"


def test_the_change_passphrase_button_says_what_it_does_in_russian(qapp, qtbot):
    """The window's title is «Смена парольной фразы»; its button was too, a noun on a button."""
    from recovery_journal.ui.safety_dialogs import ChangePassphraseDialog

    set_language("ru")
    dialog = ChangePassphraseDialog()
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Смена парольной фразы"
    assert dialog.ok.text() == "Сменить парольную фразу"


def test_a_stale_catalogue_is_compiled_again_and_a_fresh_one_left_alone(tmp_path):
    """tools/messages.py --compile (the Makefile's rule) and the test run compile a .mo only
    where it is missing or older than its .po."""
    source = tmp_path / "i18n"
    source.mkdir()
    po = source / "ru.po"
    shutil.copy(messages.CATALOGUES / "ru.po", po)
    (mo,) = messages.compile_catalogues(source, source, only_stale=True)
    assert mo == source / "ru.mo"
    assert messages.compile_catalogues(source, source, only_stale=True) == []

    po.write_text(
        po.read_text("utf-8").replace('msgstr "Сегодня"', 'msgstr "Сегодня!"'), encoding="utf-8"
    )
    os.utime(mo, (po.stat().st_mtime - 10, po.stat().st_mtime - 10))  # the .po is newer
    assert messages.compile_catalogues(source, source, only_stale=True) == [mo]
    with mo.open("rb") as file:
        assert gettext.GNUTranslations(file).gettext("Today") == "Сегодня!"
    assert [p.name for p in source.iterdir() if p.name.startswith(".")] == []  # no leftover


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_compiles_the_catalogue_before_running_or_testing_when_the_po_is_newer(tmp_path):
    stamp = tmp_path / "installed"  # stands for the venv's stamp: set up already
    stamp.touch()
    mo = "recovery_journal/resources/i18n/ru.mo"

    def dry_run(*arguments: str) -> str:
        return subprocess.run(
            ["make", "-n", f"STAMP={stamp}", *arguments],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    newer_po = ("-W", "recovery_journal/resources/i18n/ru.po")
    for goal in ("run", "test", "quick", "demo", "dist", "bench"):
        assert "tools/messages.py --compile" in dry_run(*newer_po, goal), goal
    assert "tools/messages.py --compile" not in dry_run(mo)  # fresh: the test run compiled it


def test_a_broken_or_missing_catalogue_falls_back_to_english(monkeypatch, tmp_path):
    broken = tmp_path / "ru.mo"
    broken.write_bytes(b"\xde\x12\x04\x95 not a catalogue")
    for catalogue in (broken, tmp_path / "missing.mo", tmp_path / "empty.mo"):
        (tmp_path / "empty.mo").write_bytes(b"")
        monkeypatch.setattr(i18n, "catalogue", lambda language, path=catalogue: path)
        i18n._translations.cache_clear()
        try:
            set_language("ru")
            assert _("Today") == "Today"
        finally:
            i18n._translations.cache_clear()


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
