"""Every record of a journal as (identity, words), and back: what a merge compares and writes.

A record's words are its export form (services/export.py) as canonical JSON, so the export's
serializer is the one definition of what a record holds, and two computers holding the same
record hold the same words. Identities follow the export's sections: ``("journal", uid)``,
``("daily_notes", "2026-12-06")``, ``("inventory.resentments", uid)``, ``("settings", name)``.
Settings that belong to one computer (domain/settings_keys.py) are never records.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from recovery_journal.domain.ports import Vault
from recovery_journal.domain.record_kinds import RecordKind, kinds
from recovery_journal.domain.records import record_from_plain
from recovery_journal.domain.settings_keys import JOURNAL_ID, KEYS
from recovery_journal.domain.sync_merge import Key
from recovery_journal.services.export import (
    answer_from_plain,
    entry_from_plain,
    export_document,
    note_from_plain,
    progress_from_plain,
    review_from_plain,
)
from recovery_journal.services.question_packs import pack_from_plain

SETTINGS = "settings"
# The order records are saved in: a record before those that point to it (a slip's day count, a
# review's questions). Deletions go the other way.
_SECTIONS = (
    SETTINGS,
    "steps.question_packs",
    "steps.progress",
    "steps.answers",
    *(f"{kind.group.value}.{kind.name}" for kind in kinds()),
    "steps.defect_focus",
    "daily.reviews",
    "daily_notes",
    "journal",
)
_RANK = {section: rank for rank, section in enumerate(_SECTIONS)}
_KINDS: dict[str, RecordKind] = {f"{kind.group.value}.{kind.name}": kind for kind in kinds()}


def words_of(item: Mapping[str, Any]) -> str:
    return json.dumps(item, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def travels(name: str) -> bool:
    """Whether a setting is the journal's (carried to its other computers)."""
    key = KEYS.get(name)
    return key is not None and not key.this_computer and key is not JOURNAL_ID


def records_of(vault: Vault) -> dict[Key, str]:
    """Every record the vault holds, by identity, as words."""
    document = export_document(vault)
    records: dict[Key, str] = {
        (SETTINGS, name): value for name, value in vault.settings.get_all().items() if travels(name)
    }

    def add(section: str, items: Iterable[Mapping[str, Any]], identity: str) -> None:
        for item in items:
            records[(section, str(item[identity]))] = words_of(item)

    add("daily_notes", document["daily_notes"], "day")
    add("journal", document["journal"], "uid")
    steps = document["steps"]
    add("steps.progress", steps["progress"], "step")
    add("steps.answers", steps["answers"], "question_id")
    add("steps.question_packs", steps["question_packs"], "id")
    add("steps.defect_focus", steps["defect_focus"], "day")
    add("daily.reviews", document["daily"]["reviews"], "day")
    for section, kind in _KINDS.items():
        add(section, document[kind.group.value][kind.name], "uid")
    return records


def parents(key: Key, words: str) -> tuple[Key, ...]:
    """The records ``key`` points to, which must stand for it to be written."""
    return _parents(key[0], words) if key[0] in _POINTING else ()


_POINTING = frozenset({"daily.slips", "steps.defect_focus", "daily.reviews"})


@functools.lru_cache(maxsize=16384)  # an exchange asks for each review's three times
def _parents(section: str, words: str) -> tuple[Key, ...]:
    if section == "daily.slips":
        return (("daily.clean_dates", json.loads(words)["clean_uid"]),)
    if section == "steps.defect_focus":
        return (("steps.defects", json.loads(words)["defect_uid"]),)
    review = json.loads(words)
    return (
        *(("daily.review_questions", a["question_uid"]) for a in review["answers"]),
        *(("daily.rating_dimensions", r["dimension_uid"]) for r in review["ratings"]),
    )


def held_back(live: Mapping[Key, str]) -> set[Key]:
    """The records that point to one not in ``live`` (deleted on one computer while another
    wrote what points to it): kept among the versions, not written, until it stands again."""
    return {key for key, words in live.items() if any(p not in live for p in parents(key, words))}


def apply_records(vault: Vault, changes: Mapping[Key, str | None]) -> None:
    """Write each record's new words (None: delete it), in the caller's transaction."""

    def rank(key: Key) -> int:
        return _RANK.get(key[0], len(_RANK))

    saves = sorted((key for key, words in changes.items() if words is not None), key=rank)
    deletions = sorted((key for key, words in changes.items() if words is None), key=rank)
    for key in saves:
        words = changes[key]
        assert words is not None
        _save(vault, key, words)
    for key in reversed(deletions):
        _delete(vault, key)


def _save(vault: Vault, key: Key, words: str) -> None:
    section, identity = key
    if section == SETTINGS:
        vault.settings.set(identity, words)
        return
    item = json.loads(words)
    # A note and an entry keep the first created_at when saved over (the window's rule); the
    # words here are the whole record, so what was there goes first.
    if section == "daily_notes":
        note = note_from_plain(item)
        vault.notes.delete(note.day)
        vault.notes.save(note)
    elif section == "journal":
        vault.journal.delete(identity)
        vault.journal.save(entry_from_plain(item))
    elif section == "steps.progress":
        vault.steps.save_progress(progress_from_plain(item))
    elif section == "steps.answers":
        vault.steps.save_answer(answer_from_plain(item))
    elif section == "steps.question_packs":
        vault.steps.save_pack(pack_from_plain(item))
    elif section == "steps.defect_focus":
        vault.records.set_focus(date.fromisoformat(identity), item["defect_uid"])
    elif section == "daily.reviews":
        vault.reviews.save(review_from_plain(item))
    else:
        vault.records.save(record_from_plain(_KINDS[section].record, item))


def _delete(vault: Vault, key: Key) -> None:
    section, identity = key
    if section == SETTINGS:
        vault.settings.delete(identity)
    elif section == "daily_notes":
        vault.notes.delete(date.fromisoformat(identity))
    elif section == "journal":
        vault.journal.delete(identity)
    elif section == "steps.progress":
        pass  # a step's progress is never deleted; a deletion there is an edit's leftover
    elif section == "steps.answers":
        vault.steps.delete_answer(identity)
    elif section == "steps.question_packs":
        vault.steps.delete_pack(identity)
    elif section == "steps.defect_focus":
        vault.records.set_focus(date.fromisoformat(identity), None)
    elif section == "daily.reviews":
        vault.reviews.delete(date.fromisoformat(identity))
    else:
        vault.records.delete(_KINDS[section].record, identity)


def known_section(key: Key) -> bool:
    """Whether this version of the app knows the record's kind (a newer one may send more)."""
    if key[0] == SETTINGS:
        return travels(key[1])
    return key[0] in _RANK
