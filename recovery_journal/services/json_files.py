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
from recovery_journal.i18n import _
from recovery_journal.resources import resource_path

# Far above ten years of daily writing; a bigger file is refused before it is read into memory.
MAX_BYTES = 256 * 1024 * 1024


def _reject_constant(name: str) -> Any:
    raise ValueError(_("the number {name} is not allowed").format(name=name))


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


def parse(data: bytes) -> Any:
    """Strict JSON: UTF-8, no NaN or Infinity, no key twice in one object."""
    if len(data) > MAX_BYTES:
        raise ImportRejected(_("The file is too large"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRejected(_("The file is not UTF-8 text")) from error
    try:
        return json.loads(
            text, object_pairs_hook=_no_duplicate_keys, parse_constant=_reject_constant
        )
    except json.JSONDecodeError as error:
        raise ImportRejected(
            _("The file is not valid JSON (line {line}, column {column})").format(
                line=error.lineno, column=error.colno
            )
        ) from error
    except (ValueError, RecursionError) as error:
        raise ImportRejected(
            _("The file is not a valid export: {problem}").format(problem=error)
        ) from error


@cache
def _validator(schema_file: str) -> Any:
    # jsonschema is imported only when a file is read; starting the app does not need it.
    import jsonschema
    from referencing import Registry, Resource

    schemas = {
        path.name: json.loads(path.read_text("utf-8"))
        for path in resource_path("schema").glob("*.schema.json")
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
