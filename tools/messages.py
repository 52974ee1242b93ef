"""Extract the translatable messages with Babel and update the catalogues,
recovery_journal/resources/i18n/*.po, as `pybabel update` does.

    python tools/messages.py            # add new messages (empty msgstr), drop unused ones
    python tools/messages.py --check    # exit 1 if a message lacks its translation, a catalogue
                                        # holds one no longer used, or is not as this tool writes it
    python tools/messages.py --compile  # each .po to its .mo where the .mo is missing or older

Messages are the string literals passed to _(), N_(), ngettext(), pgettext() and npgettext()
(recovery_journal/i18n.py). A "# Translators: ..." comment on the line before reaches the
translator as a #. comment. A new or changed English message gets an empty msgstr, never a
guessed ("fuzzy") one; a fuzzy entry, as a translator's tool may leave it, counts as untranslated
until the flag is removed. Babel is a dev dependency (requirements-dev.txt).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from recovery_journal.i18n import LANGUAGES, SOURCE_LANGUAGE  # noqa: E402
from setup import compile_catalogues  # noqa: E402

PACKAGE = ROOT / "recovery_journal"
CATALOGUES = PACKAGE / "resources" / "i18n"

# Babel's keyword specifications: the arguments that are the message, (n, "c") its context.
KEYWORDS = {
    "_": None,
    "N_": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
}

# Our own header, fixed: Babel's would carry dates and its own version, and change with them.
HEADER = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Language: {lang}\\n"\n"Plural-Forms: {plural}\\n"\n\n'
)
PLURALS = {
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);",
}

Key = tuple[str | None, str | tuple[str, ...]]  # (context, msgid or (singular, plural))


def key(message: Message) -> Key:
    return message.context, tuple(message.id) if message.pluralizable else message.id


def extract(package: Path = PACKAGE) -> Catalog:
    """Every message in the package (a template, as `pybabel extract` makes), in the order of
    the place each is first used; references name files, not lines (a reference that moved with
    every edit above it made each change touch dozens of entries, and every merge conflict)."""
    found = extract_from_dir(
        package,
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=("Translators:",),
        strip_comment_tags=True,
    )
    template = Catalog(fuzzy=False)
    for filename, lineno, message, comments, context in sorted(
        found, key=lambda item: (f"{package.name}/{item[0]}", item[1])
    ):
        place = (f"{package.name}/{Path(filename).as_posix()}", lineno)
        template.add(message, None, [place], auto_comments=comments, context=context)
    return template


def read(path: Path, language: str) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, locale=language, abort_invalid=True)


def render(language: str, template: Catalog, existing: Catalog | None) -> str:
    """The catalogue as this tool writes it: the existing translations kept for the messages
    still used, the others dropped, new ones added untranslated."""
    catalog = existing if existing is not None else Catalog(locale=language, fuzzy=False)
    catalog.update(template, no_fuzzy_matching=True, update_creation_date=False)
    body = io.BytesIO()
    write_po(
        body,
        catalog,
        width=0,  # no wrapping: a sentence is one line, so a diff shows what changed
        omit_header=True,
        ignore_obsolete=True,
        include_lineno=False,
    )
    return HEADER.format(lang=language, plural=PLURALS[language]) + body.getvalue().decode("utf-8")


def _translated(message: Message) -> bool:
    strings = message.string if message.pluralizable else (message.string,)
    return bool(strings) and all(strings) and not message.fuzzy


def _name(message: Message) -> str:
    text = repr(tuple(message.id) if message.pluralizable else message.id)
    return f"{text} (context {message.context!r})" if message.context else text


def problems(language: str, template: Catalog, folder: Path = CATALOGUES) -> list[str]:
    path = folder / f"{language}.po"
    if not path.exists():
        return [f"{path} is missing"]
    catalog = read(path, language)
    found = []
    for message in template:
        if not message.id:
            continue
        translated = catalog.get(message.id, message.context)
        if translated is None or not _translated(translated):
            where = message.locations[0][0] if message.locations else "?"
            found.append(f"{language}: no translation for {_name(message)} ({where})")
    for message in catalog:
        if message.id and template.get(message.id, message.context) is None:
            found.append(f"{language}: unused message {_name(message)}")
    if not found and path.read_text("utf-8") != render(language, template, catalog):
        found.append(f"{path.name} is not as tools/messages.py writes it: run it")
    return found


def main(argv: list[str]) -> int:
    languages = [code for code in LANGUAGES if code != SOURCE_LANGUAGE]
    if "--compile" in argv:
        for mo in compile_catalogues(CATALOGUES, CATALOGUES, only_stale=True):
            print(f"{mo.relative_to(ROOT)}: compiled")
        return 0
    template = extract()
    count = len(template)
    if "--check" in argv:
        report = [p for code in languages for p in problems(code, template)]
        print("\n".join(report) or f"{count} messages, all translated")
        return 1 if report else 0
    for code in languages:
        path = CATALOGUES / f"{code}.po"
        existing = read(path, code) if path.exists() else None
        path.write_text(render(code, template, existing), "utf-8")
        print(f"{path.relative_to(ROOT)}: {count} messages")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
