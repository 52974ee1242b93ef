"""Plain values for the frozen record dataclasses: ISO days for dates, values for enums, the
string form of a small value kept as text (``TextValue``).

The store keeps records in columns of these plain values and the JSON export writes the same
values, so both use this one mapping.
"""

from __future__ import annotations

import dataclasses
import typing
from datetime import date
from enum import Enum
from functools import cache
from typing import Any, Self, TypeVar

R = TypeVar("R")


class TextValue:
    """A small value kept as one string (a sponsor note's item): ``str(value)`` writes it and
    ``parse`` reads it back, raising ValueError for a string that names no such value."""

    __slots__ = ()

    @classmethod
    def parse(cls, text: str) -> Self:
        raise NotImplementedError


def to_plain(value: Any) -> Any:
    if isinstance(value, TextValue):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, frozenset):
        return sorted(value)
    return value


def from_plain(kind: Any, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(kind, type) and issubclass(kind, TextValue):
        return kind.parse(value)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind(value)
    if kind is date or kind == date | None:
        return date.fromisoformat(value)
    if typing.get_origin(kind) is frozenset:
        # A list from JSON, or the comma-joined text a column holds.
        items = value.split(",") if isinstance(value, str) else value
        return frozenset(item for item in items if item)
    if kind is bool:
        return bool(value)
    return value


def field_kinds(record_type: Any) -> tuple[tuple[str, Any], ...]:
    """(field name, type) for each field, in declaration order."""
    return _field_kinds(record_type)


@cache
def _field_kinds(record_type: Any) -> tuple[tuple[str, Any], ...]:
    hints = typing.get_type_hints(record_type)
    return tuple((field.name, hints[field.name]) for field in dataclasses.fields(record_type))


def record_to_plain(record: Any) -> dict[str, Any]:
    return {name: to_plain(getattr(record, name)) for name, _kind in field_kinds(type(record))}


def record_from_plain(record_type: type[R], values: dict[str, Any]) -> R:
    return record_type(
        **{name: from_plain(kind, values[name]) for name, kind in field_kinds(record_type)}
    )
