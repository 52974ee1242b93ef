"""Extract translatable messages from the code and merge them into the catalogues,
recovery_journal/resources/i18n/*.po.

    python tools/messages.py            # add new messages (empty msgstr) and drop unused ones
    python tools/messages.py --check    # exit 1 if any catalogue is missing or has an extra message

Messages are the string literals passed to _(), N_() and ngettext().
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from recovery_journal.i18n import LANGUAGES, SOURCE_LANGUAGE, parse_po  # noqa: E402

PACKAGE = ROOT / "recovery_journal"
CATALOGUES = PACKAGE / "resources" / "i18n"

Key = str | tuple[str, str]


def extract(package: Path = PACKAGE) -> dict[Key, list[str]]:
    """Every message in the package, with the places it is used."""
    found: dict[Key, list[str]] = {}
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            args = node.args
            literal = [isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args]
            key: Key | None = None
            if node.func.id in ("_", "N_") and args and literal[0]:
                key = args[0].value  # type: ignore[attr-defined]
            elif node.func.id == "ngettext" and len(args) >= 2 and all(literal[:2]):
                key = (args[0].value, args[1].value)  # type: ignore[attr-defined]
            if key is not None:
                where = f"{path.relative_to(package.parent)}:{node.lineno}"
                found.setdefault(key, []).append(where)
    return found


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


HEADER = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Language: {lang}\\n"\n"Plural-Forms: {plural}\\n"\n'
)
PLURALS = {
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);",
}


def _place_order(place: str) -> tuple[str, int]:
    path, _, line = place.rpartition(":")
    return path, int(line)


def render(language: str, messages: dict[Key, list[str]], existing: dict) -> str:
    nplurals = int(PLURALS[language].split("nplurals=")[1].split(";")[0])
    parts = [HEADER.format(lang=language, plural=PLURALS[language])]
    for key in sorted(messages, key=lambda k: _place_order(messages[k][0])):
        # Files, not line numbers: a reference that moved with every edit above it made each
        # change touch dozens of entries (and every merge of two branches conflict).
        files = list(dict.fromkeys(place.rsplit(":", 1)[0] for place in messages[key]))
        lines = [f"#: {' '.join(files[:3])}"]
        if isinstance(key, tuple):
            forms = existing.get(key) or [""] * nplurals
            lines += [f"msgid {_quote(key[0])}", f"msgid_plural {_quote(key[1])}"]
            lines += [f"msgstr[{i}] {_quote(form)}" for i, form in enumerate(forms)]
        else:
            lines += [f"msgid {_quote(key)}", f"msgstr {_quote(existing.get(key, ''))}"]
        parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)


def problems(language: str, messages: dict[Key, list[str]]) -> list[str]:
    path = CATALOGUES / f"{language}.po"
    if not path.exists():
        return [f"{path} is missing"]
    catalogue = parse_po(path.read_text("utf-8"))
    catalogue.pop("", None)
    found = []
    for key in messages:
        value = catalogue.get(key)
        if not value or (isinstance(value, list) and not all(value)):
            found.append(f"{language}: no translation for {key!r} ({messages[key][0]})")
    for key in catalogue:
        if key not in messages:
            found.append(f"{language}: unused message {key!r}")
    return found


def main(argv: list[str]) -> int:
    messages = extract()
    languages = [code for code in LANGUAGES if code != SOURCE_LANGUAGE]
    if "--check" in argv:
        report = [p for code in languages for p in problems(code, messages)]
        print("\n".join(report) or f"{len(messages)} messages, all translated")
        return 1 if report else 0
    for code in languages:
        path = CATALOGUES / f"{code}.po"
        existing = parse_po(path.read_text("utf-8")) if path.exists() else {}
        path.write_text(render(code, messages, existing), "utf-8")
        print(f"{path}: {len(messages)} messages")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
