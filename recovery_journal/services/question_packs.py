"""Question packs: a sponsor's or a group's own questions, shared as a small JSON file.

The format is recovery_journal/resources/schema/question-pack-v1.schema.json. Importing a pack
with the id of one already in the vault replaces it (a sponsor sending a corrected pack); answers
stay, keyed by the question ids.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from recovery_journal.domain.ports import Vault
from recovery_journal.domain.steps import STEP_NUMBERS, Question, QuestionPack
from recovery_journal.errors import ImportRejected
from recovery_journal.i18n import _
from recovery_journal.services import json_files
from recovery_journal.services.changes import STEPS_CHANGED, Changes
from recovery_journal.services.files import write_private_file
from recovery_journal.services.step_content import step_content

PACK_FORMAT = "recovery-journal-question-pack"
PACK_VERSION = 1
PACK_SCHEMA = "question-pack-v1.schema.json"
_SLUG = re.compile(r"[^a-z0-9]+")


def pack_to_plain(pack: QuestionPack) -> dict[str, Any]:
    return {
        "id": pack.id,
        "name": pack.name,
        "author": pack.author,
        "language": pack.language,
        "questions": [
            {"id": q.id.split("/", 1)[-1], "step": q.step, "text": q.text} for q in pack.questions
        ],
    }


def pack_from_plain(item: Mapping[str, Any]) -> QuestionPack:
    pack_id = item["id"]
    return QuestionPack(
        id=pack_id,
        name=item["name"],
        author=item.get("author", ""),
        language=item.get("language", ""),
        questions=tuple(
            Question(f"{pack_id}/{q['id']}", q["step"], q["text"], pack_id)
            for q in item["questions"]
        ),
    )


def pack_file_bytes(pack: QuestionPack) -> bytes:
    document = {"format": PACK_FORMAT, "format_version": PACK_VERSION, **pack_to_plain(pack)}
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def parse_pack(data: bytes) -> QuestionPack:
    document = json_files.parse(data, json_files.QUESTION_PACK)
    if not isinstance(document, dict) or document.get("format") != PACK_FORMAT:
        raise ImportRejected(_("The file is not a Recovery Journal question pack"))
    version = document.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > PACK_VERSION:
        raise ImportRejected(
            _("The pack was made by a newer version of Recovery Journal; update the app first")
        )
    json_files.validate(document, PACK_SCHEMA)
    json_files.check_unique(document["questions"], "questions", lambda question: question["id"])
    return pack_from_plain(document)


def read_pack_file(path: Path) -> QuestionPack:
    return parse_pack(json_files.read_bytes(path))


def import_pack(vault: Vault, pack: QuestionPack) -> Changes:
    with vault.transaction():
        vault.steps.save_pack(pack)
    return STEPS_CHANGED


def delete_pack(vault: Vault, pack_id: str) -> Changes:
    with vault.transaction():
        vault.steps.delete_pack(pack_id)
    return STEPS_CHANGED


def export_pack(vault: Vault, pack_id: str, path: Path) -> None:
    pack = next(p for p in vault.steps.packs() if p.id == pack_id)
    write_private_file(path, pack_file_bytes(pack))


def starter_pack(language: str, name: str, author: str = "") -> QuestionPack:
    """Our own questions as a pack, for a sponsor to edit and share as their own."""
    slug = _SLUG.sub("-", name.lower()).strip("-") or "questions"
    content = step_content(language)
    questions = tuple(
        Question(f"{slug}/{q.id}", step, q.text, slug)
        for step in STEP_NUMBERS
        for q in content.guide(step).questions
    )
    return QuestionPack(slug, name, author, language, questions)
