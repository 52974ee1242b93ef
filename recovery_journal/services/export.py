"""The whole vault as a documented, versioned JSON document.

The format is described by resources/schema/export-v1.schema.json.

Import is all or nothing: the file is read, parsed, validated against the schema and checked for
meaning before one transaction writes anything, and any failure rolls that transaction back.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from recovery_journal import __version__
from recovery_journal.domain.clock import from_iso, to_iso
from recovery_journal.domain.notes import DailyNote
from recovery_journal.domain.ports import Vault
from recovery_journal.domain.settings import JournalSettings
from recovery_journal.errors import ImportRejected
from recovery_journal.i18n import _
from recovery_journal.resources import resource_path
from recovery_journal.services.changes import Changes
from recovery_journal.services.files import write_private_file

FORMAT = "recovery-journal-export"
FORMAT_VERSION = 1
SCHEMA_FILE = "export-v1.schema.json"
# Far above ten years of daily writing; a bigger file is refused before it is read into memory.
MAX_IMPORT_BYTES = 256 * 1024 * 1024


def export_document(vault: Vault) -> dict[str, Any]:
    settings = JournalSettings.from_mapping(vault.settings.get_all())
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "settings": settings.to_mapping(),
        "daily_notes": [
            {
                "day": note.day.isoformat(),
                "text": note.text,
                "created_at": to_iso(note.created_at),
                "updated_at": to_iso(note.updated_at),
            }
            for note in vault.notes.all()
        ],
    }


def dumps(document: Mapping[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def export_to_file(vault: Vault, path: Path) -> None:
    write_private_file(path, dumps(export_document(vault)).encode("utf-8"))


def _reject_constant(name: str) -> Any:
    raise ValueError(_("the number {name} is not allowed").format(name=name))


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(_("the key {key!r} appears twice in one object").format(key=key))
        result[key] = value
    return result


def parse_document(data: bytes) -> dict[str, Any]:
    """Parse and validate an export; raise ImportRejected with one sentence on any problem."""
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportRejected(_("The file is too large to be a Recovery Journal export"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRejected(_("The file is not UTF-8 text")) from error
    try:
        document = json.loads(
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
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ImportRejected(_("The file is not a Recovery Journal export"))
    version = document.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise ImportRejected(
            _("The file was exported by a newer version of Recovery Journal; update the app first")
        )
    _validate_against_schema(document)
    _check_meaning(document)
    return document


@cache
def _validator() -> Any:
    # jsonschema is imported only when an import happens; it is not needed to start the app.
    import jsonschema

    schema = json.loads(resource_path("schema", SCHEMA_FILE).read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _where(path: Any) -> str:
    parts = []
    for part in path:
        parts.append(f"[{part}]" if isinstance(part, int) else f".{part}")
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


def _validate_against_schema(document: dict[str, Any]) -> None:
    import jsonschema.exceptions

    error = jsonschema.exceptions.best_match(_validator().iter_errors(document))
    if error is not None:
        raise ImportRejected(
            _("The file does not match the export format at {where}: {problem}").format(
                where=_where(error.absolute_path), problem=_problem(error)
            )
        )


def _storable_strings(value: Any, where: str) -> None:
    """Refuse text SQLite cannot store faithfully: lone surrogates and NUL characters."""
    if isinstance(value, str):
        if "\0" in value:
            raise ImportRejected(_("{where}: the text holds a NUL character").format(where=where))
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as error:
            raise ImportRejected(
                _("{where}: the text holds a character that is not valid Unicode").format(
                    where=where
                )
            ) from error
    elif isinstance(value, dict):
        for key, item in value.items():
            _storable_strings(key, where)
            _storable_strings(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _storable_strings(item, f"{where}[{index}]")


def _check_meaning(document: dict[str, Any]) -> None:
    _storable_strings(document, "document")
    seen: set[str] = set()
    for index, item in enumerate(document["daily_notes"]):
        where = f"daily_notes[{index}]"
        try:
            date.fromisoformat(item["day"])
        except ValueError as error:
            raise ImportRejected(
                _("{where}: {value} is not a real date").format(where=where, value=item["day"])
            ) from error
        if item["day"] in seen:
            raise ImportRejected(
                _("{where}: there is already a note for {day}").format(where=where, day=item["day"])
            )
        seen.add(item["day"])
        moments = {}
        for field in ("created_at", "updated_at"):
            try:
                moments[field] = from_iso(item[field])
            except ValueError as error:
                raise ImportRejected(
                    _("{where}: {value} is not a real time").format(
                        where=f"{where}.{field}", value=item[field]
                    )
                ) from error
        if moments["updated_at"] < moments["created_at"]:
            raise ImportRejected(
                _("{where}: it was changed before it was written").format(where=where)
            )


def read_export_file(path: Path) -> dict[str, Any]:
    try:
        size = path.stat().st_size
        if size > MAX_IMPORT_BYTES:
            raise ImportRejected(_("The file is too large to be a Recovery Journal export"))
        data = path.read_bytes()
    except FileNotFoundError as error:
        raise ImportRejected(_("There is no file at {path}").format(path=path)) from error
    except IsADirectoryError as error:
        raise ImportRejected(_("{path} is a folder, not a file").format(path=path)) from error
    except PermissionError as error:
        raise ImportRejected(_("The file {path} cannot be read").format(path=path)) from error
    return parse_document(data)


def import_document(vault: Vault, document: dict[str, Any]) -> Changes:
    """Write a parsed, validated document into an empty vault, in one transaction."""
    if not vault.is_empty():
        raise ImportRejected(
            _("This vault already holds writing; import into a new, empty vault instead")
        )
    with vault.transaction():
        vault.settings.replace_all(dict(document["settings"]))
        for item in document["daily_notes"]:
            vault.notes.save(
                DailyNote(
                    day=date.fromisoformat(item["day"]),
                    text=item["text"],
                    created_at=from_iso(item["created_at"]),
                    updated_at=from_iso(item["updated_at"]),
                )
            )
    return Changes.everything()


def import_summary(document: Mapping[str, Any]) -> dict[str, int]:
    return {"daily_notes": len(document["daily_notes"])}
