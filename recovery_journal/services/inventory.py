"""The inventory worksheets' use cases: rows to the step 8 list, defects to steps 6-7, order."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from recovery_journal.domain.inventory import MY_PART, Amend, Resentment, step8_words
from recovery_journal.domain.ports import Vault
from recovery_journal.domain.step_tools import Defect
from recovery_journal.i18n import SOURCE_LANGUAGE
from recovery_journal.package_data import resource
from recovery_journal.services.changes import STEPS_CHANGED, Changed, Changes
from recovery_journal.services.step_tools import apply_changes, duplicate_plan, new_uid


@dataclass(frozen=True, slots=True)
class InventoryText:
    """Titles, explanations, column names, example rows and option names, in one language."""

    language: str
    worksheets: dict[str, dict[str, Any]]
    options: dict[str, dict[str, str]]

    def column(self, sheet: str, field: str) -> str:
        return str(self.worksheets[sheet]["columns"][field])

    def option(self, group: str, key: str) -> str:
        return self.options[group][key]


@cache
def inventory_text(language: str) -> InventoryText:
    path = resource("inventory", f"{language}.json")
    if not path.is_file():
        path, language = resource("inventory", f"{SOURCE_LANGUAGE}.json"), SOURCE_LANGUAGE
    raw = json.loads(path.read_text("utf-8"))
    return InventoryText(language, raw["worksheets"], raw["options"])


def send_to_step8(vault: Vault, row: Any) -> Changed[Amend]:
    """Put the person named on a worksheet row on the step 8 list, linked to that row.

    The entry carries my part of the row (``step8_words``), not what the other person did.
    """
    words = step8_words(row)
    with vault.transaction():
        existing = vault.records.all(Amend)
        linked = next((a for a in existing if a.source_uid == row.uid), None)
        if linked is not None:
            return Changed(linked, Changes())  # already on the list: one person, one entry
        amend = Amend(
            new_uid(),
            person=words.person,
            harm=words.harm,
            my_part=words.my_part,
            source_uid=row.uid,
            position=max((a.position for a in existing), default=-1) + 1,
        )
        vault.records.save(amend)
    return Changed(amend, STEPS_CHANGED)


def carry_defects_to_steps_6_7(vault: Vault, names: dict[str, str]) -> Changed[int]:
    """Add every "my part" tick of the resentments to the defects list, once each.

    ``names`` maps option keys to their shown names (in the person's language). Returns how
    many defects were added.
    """
    with vault.transaction():
        ticked = {key for row in vault.records.all(Resentment) for key in row.my_part}
        defects = vault.records.all(Defect)
        known = {d.name.strip().lower() for d in defects}
        position = max((d.position for d in defects), default=-1)
        added = 0
        for key in MY_PART:
            name = names.get(key, key)
            if key in ticked and name.strip().lower() not in known:
                position += 1
                vault.records.save(Defect(new_uid(), name, position=position))
                added += 1
    return Changed(added, STEPS_CHANGED if added else Changes())


def duplicate(vault: Vault, row: Any) -> Changed[Any]:
    """A copy of the row, placed right after it."""
    copy, moved = duplicate_plan(vault.records.all(type(row)), row, new_uid())
    return Changed(copy, apply_changes(vault, [*moved, copy], []))
