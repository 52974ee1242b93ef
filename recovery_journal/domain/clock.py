"""Time stamps as the vault stores them: UTC, whole seconds, ISO 8601."""

from __future__ import annotations

from datetime import UTC, date, datetime


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def to_iso(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("time stamps must carry a time zone")
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()


def from_iso(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"time stamp without a time zone: {text!r}")
    return moment.astimezone(UTC)


def day_from_iso(text: str) -> date:
    return date.fromisoformat(text)
