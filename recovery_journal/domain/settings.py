"""Preferences about the person. They live inside the vault, never in QSettings."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import date, time
from typing import Any, Generic, TypeVar

from recovery_journal.domain.day import DEFAULT_DAY_BOUNDARY
from recovery_journal.domain.steps import Programme

MAX_DISPLAY_NAME = 80
MAX_ADDICTION_NAME = 80
DEFAULT_REMINDER_TIME = time(21, 30)
T = TypeVar("T")


class _Codec(Generic[T]):
    """How one setting is kept as text in the vault's key-value table."""

    def __init__(self, read: Callable[[str], T], write: Callable[[T], str]) -> None:
        self.read, self.write = read, write


def _setting(default: T, codec: _Codec[T], *, this_computer: bool = False) -> Any:
    """A setting, declared once: its name (the field's, which is also its key in the vault),
    its type and default (the field's), how it is written as text (``codec``), and whether it
    is this computer's own rather than the journal's (``settings_keys``)."""
    return field(default=default, metadata={"codec": codec, "this_computer": this_computer})


_TEXT = _Codec[str](str, str)
_FLAG = _Codec[bool](lambda text: text == "1", lambda value: "1" if value else "0")
_CLOCK = _Codec[time](time.fromisoformat, lambda value: value.strftime("%H:%M"))
_DAY = _Codec["date | None"](date.fromisoformat, lambda value: value.isoformat() if value else "")
_PROGRAMME = _Codec[Programme](Programme, lambda value: value.value)


@dataclass(frozen=True, slots=True)
class JournalSettings:
    display_name: str = _setting("", _TEXT)
    programme: Programme = _setting(Programme.ALCOHOL, _PROGRAMME)
    addiction_name: str = _setting("", _TEXT)  # what the person names, for the generic programme
    # Before it, the night still belongs to yesterday.
    day_boundary: time = _setting(DEFAULT_DAY_BOUNDARY, _CLOCK)
    # When and whether this computer reminds, and keeps running in its tray: the person may want
    # the evening reminder on the laptop only.
    reminder_on: bool = _setting(False, _FLAG, this_computer=True)
    reminder_time: time = _setting(DEFAULT_REMINDER_TIME, _CLOCK, this_computer=True)
    keep_in_tray: bool = _setting(False, _FLAG, this_computer=True)
    # The first day of a 90-meetings-in-90-days run.
    ninety_start: date | None = _setting(None, _DAY)

    @classmethod
    def from_mapping(cls, values: dict[str, str]) -> JournalSettings:
        """The settings the vault holds; a missing, empty or unreadable value is the default."""
        read: dict[str, Any] = {}
        for setting in fields(cls):
            text = values.get(setting.name)
            if text:
                with contextlib.suppress(ValueError):
                    read[setting.name] = setting.metadata["codec"].read(text)
        return cls(**read)

    def to_mapping(self) -> dict[str, str]:
        """Only what differs from the defaults, so an untouched vault exports no settings."""
        return {
            setting.name: setting.metadata["codec"].write(getattr(self, setting.name))
            for setting in fields(self)
            if getattr(self, setting.name) != setting.default
        }


# The keys the app knows (the fields' names); unknown keys in an import are refused rather than
# carried blindly.
KNOWN_SETTINGS = frozenset(setting.name for setting in fields(JournalSettings))
