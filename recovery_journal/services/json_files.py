"""Reading JSON files people bring in (exports, question packs) strictly and safely.

Every problem becomes ImportRejected with one sentence that never repeats the file's text, which
may be someone's journal.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from recovery_journal.errors import ImportRejected
from recovery_journal.i18n import N_, _
from recovery_journal.package_data import resource

# Far above ten years of daily writing; a bigger file is refused before it is read into memory.
MAX_BYTES = 256 * 1024 * 1024
# An export nests about six levels deep (the document, a section, a list, a record, its list of
# answers, one answer). Refused well past that and well below Python's own recursion limit
# (about 1,000, less on a thread already deep in calls), so the validation that walks the
# document after parsing can never run out of stack.
MAX_DEPTH = 64
# Every number in our formats is small (a step, a rating, a position); Python refuses integers
# of more than 4,300 digits in its own words, so a far shorter limit says it in ours.
MAX_DIGITS = 40

EXPORT = "export"
QUESTION_PACK = "question pack"
# What a file that is not of its kind is called, whole sentences for the translators.
_NOT_VALID = {
    EXPORT: N_("The file is not a valid export: {problem}"),
    QUESTION_PACK: N_("The file is not a valid question pack: {problem}"),
}
_TOO_DEEP = {
    EXPORT: N_("The file is nested too deeply to be an export"),
    QUESTION_PACK: N_("The file is nested too deeply to be a question pack"),
}


def _reject_constant(name: str) -> Any:
    raise ValueError(_("the number {name} is not allowed").format(name=name))


def _small_integer(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_DIGITS:
        raise ValueError(_("a number in it is far too long"))
    return int(digits)


class _TooDeep(Exception):
    pass


def _refuse_deep_nesting(document: Any) -> None:
    """Walk the parsed document level by level (no recursion) and refuse it past MAX_DEPTH."""
    level = [document] if isinstance(document, dict | list) else []
    depth = 0
    while level:
        depth += 1
        if depth > MAX_DEPTH:
            raise _TooDeep
        below: list[Any] = []
        for value in level:
            children = value.values() if isinstance(value, dict) else value
            below.extend(child for child in children if isinstance(child, dict | list))
        level = below


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(_("the key {key!r} appears twice in one object").format(key=key))
        result[key] = value
    return result


def read_bytes(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ImportRejected(_("The file is too large"))
        return path.read_bytes()
    except FileNotFoundError as error:
        raise ImportRejected(_("There is no file at {path}").format(path=path)) from error
    except IsADirectoryError as error:
        raise ImportRejected(_("{path} is a folder, not a file").format(path=path)) from error
    except PermissionError as error:
        raise ImportRejected(_("The file {path} cannot be read").format(path=path)) from error


def parse(data: bytes, kind: str = EXPORT) -> Any:
    """Strict JSON: UTF-8, no NaN or Infinity, no key twice in one object, nothing nested deeper
    than MAX_DEPTH, no number longer than MAX_DIGITS. ``kind`` (EXPORT or QUESTION_PACK) names
    the file in the sentences."""
    if len(data) > MAX_BYTES:
        raise ImportRejected(_("The file is too large"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRejected(_("The file is not UTF-8 text")) from error
    try:
        document = json.loads(
            text,
            object_pairs_hook=_no_duplicate_keys,
            parse_constant=_reject_constant,
            parse_int=_small_integer,
        )
        _refuse_deep_nesting(document)
    except json.JSONDecodeError as error:
        raise ImportRejected(
            _("The file is not valid JSON (line {line}, column {column})").format(
                line=error.lineno, column=error.colno
            )
        ) from error
    except (RecursionError, _TooDeep) as error:
        raise ImportRejected(_(_TOO_DEEP[kind])) from error
    except ValueError as error:
        # Only our own hooks raise these, each with a sentence of ours.
        raise ImportRejected(_(_NOT_VALID[kind]).format(problem=error)) from error
    return document


@cache
def _validator(schema_file: str) -> Any:
    # jsonschema is imported only when a file is read; starting the app does not need it.
    import jsonschema
    from referencing import Registry, Resource

    schemas = {
        path.name: json.loads(path.read_text("utf-8"))
        for path in resource("schema").iterdir()
        if path.name.endswith(".schema.json")
    }
    # Schemas refer to each other by file name (their $id), as export v2 does for packs.
    registry = Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema)) for schema in schemas.values()
    )
    schema = schemas[schema_file]
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, registry=registry)


def where(path: Any) -> str:
    parts = [f"[{part}]" if isinstance(part, int) else f".{part}" for part in path]
    return "".join(parts).lstrip(".") or _("the top level")


def _problem(error: Any) -> str:
    """What is wrong, without repeating the offending value (it may be someone's journal text)."""
    kind = error.validator
    if kind == "required":
        return _("a required field is missing")
    if kind == "additionalProperties":
        return _("it has fields this version does not know")
    if kind == "type":
        return _("the value has the wrong type")
    if kind in ("maxLength", "maxItems"):
        return _("the value is too long")
    if kind == "minLength":
        return _("the value is empty")
    if kind == "pattern":
        return _("the value does not have the expected form")
    return _("the value is not allowed here")


def validate(document: Any, schema_file: str) -> None:
    import jsonschema.exceptions

    error = jsonschema.exceptions.best_match(_validator(schema_file).iter_errors(document))
    if error is not None:
        raise ImportRejected(
            _("The file does not match the expected format at {where}: {problem}").format(
                where=where(error.absolute_path), problem=_problem(error)
            )
        )
    storable_strings(document, "document")


def storable_strings(value: Any, location: str) -> None:
    """Refuse text SQLite cannot store faithfully: lone surrogates and NUL characters."""
    if isinstance(value, str):
        if "\0" in value:
            raise ImportRejected(
                _("{where}: the text holds a NUL character").format(where=location)
            )
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as error:
            raise ImportRejected(
                _("{where}: the text holds a character that is not valid Unicode").format(
                    where=location
                )
            ) from error
    elif isinstance(value, dict):
        for key, item in value.items():
            storable_strings(key, location)
            storable_strings(item, f"{location}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            storable_strings(item, f"{location}[{index}]")


def check_unique(
    items: Iterable[Mapping[str, Any]], section: str, key: Callable[[Any], Any]
) -> None:
    """Refuse a list in which two entries share ``key`` (a day, an id, a uid)."""
    seen = set()
    for index, item in enumerate(items):
        value = key(item)
        if value in seen:
            raise ImportRejected(
                _("{where}: the same entry appears twice").format(where=f"{section}[{index}]")
            )
        seen.add(value)
