"""The whole vault as a documented, versioned JSON document.

The format is described by recovery_journal/resources/schema/export-v<N>.schema.json. Import is
all or nothing: the file is read, parsed, validated and checked for meaning before one transaction
writes anything, and any failure rolls that transaction back. Older versions are read too.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from recovery_journal import __version__
from recovery_journal.domain.clock import from_iso, to_iso
from recovery_journal.domain.daily import NightlyReview, Rating, ReviewAnswer
from recovery_journal.domain.day import EARLIEST_DAY, LATEST_DAY, within_the_years_kept
from recovery_journal.domain.help_now import HelpNow
from recovery_journal.domain.inventory import Amend, Resentment, with_cause_moved
from recovery_journal.domain.journal import JournalEntry, Mood, clean_tag
from recovery_journal.domain.notes import DailyNote
from recovery_journal.domain.ports import Vault
from recovery_journal.domain.record_kinds import Group, RecordKind, in_group
from recovery_journal.domain.records import record_from_plain, record_to_plain
from recovery_journal.domain.sponsor_notes import NotAnItem, about_from_text
from recovery_journal.domain.steps import Answer, StepProgress, StepStatus
from recovery_journal.errors import ImportRejected
from recovery_journal.i18n import _
from recovery_journal.services import json_files
from recovery_journal.services.changes import Changes
from recovery_journal.services.files import write_private_file
from recovery_journal.services.help_now import load_help_now, save_help_now
from recovery_journal.services.journal_identity import journal_id, keep_journal_id
from recovery_journal.services.question_packs import pack_from_plain, pack_to_plain
from recovery_journal.services.settings import load_settings

FORMAT = "recovery-journal-export"
OWN_QUESTION = re.compile(r"^s(\d{1,2})\.q\d+$")
FORMAT_VERSION = 9
SCHEMAS = {
    1: "export-v1.schema.json",
    2: "export-v2.schema.json",
    3: "export-v3.schema.json",
    4: "export-v4.schema.json",
    5: "export-v5.schema.json",
    6: "export-v6.schema.json",
    7: "export-v7.schema.json",
    8: "export-v8.schema.json",
    9: "export-v9.schema.json",
}
# The record collections under "steps", "inventory" and "daily" are the declared kinds'
# (domain/record_kinds.py), each section a list of one record type keyed by the kind's name.


def _review_to_plain(review: NightlyReview) -> dict[str, Any]:
    assert review.updated_at is not None
    return {
        "day": review.day.isoformat(),
        "updated_at": to_iso(review.updated_at),
        "answers": [
            {"question_uid": a.question_uid, "yes": a.yes, "note": a.note} for a in review.answers
        ],
        "ratings": [{"dimension_uid": r.dimension_uid, "value": r.value} for r in review.ratings],
    }


def review_from_plain(item: Mapping[str, Any]) -> NightlyReview:
    return NightlyReview(
        date.fromisoformat(item["day"]),
        tuple(ReviewAnswer(a["question_uid"], a["yes"], a["note"]) for a in item["answers"]),
        tuple(Rating(r["dimension_uid"], r["value"]) for r in item["ratings"]),
        from_iso(item["updated_at"]),
    )


def _sections_to_plain(vault: Vault, group: Group) -> dict[str, Any]:
    """Each kind's section under ``group``: its records, in the kind's order."""
    return {
        kind.name: [record_to_plain(record) for record in _all(vault, kind.record)]
        for kind in in_group(group)
    }


def _daily_to_plain(vault: Vault) -> dict[str, Any]:
    daily = _sections_to_plain(vault, Group.DAILY)
    daily["reviews"] = [_review_to_plain(review) for review in vault.reviews.all()]
    return daily


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _progress_to_plain(progress: StepProgress) -> dict[str, Any]:
    assert progress.updated_at is not None
    return {
        "step": progress.step,
        "status": progress.status.value,
        "started_on": _day(progress.started_on),
        "completed_on": _day(progress.completed_on),
        "notes": progress.notes,
        "sponsor_discussed_on": _day(progress.sponsor_discussed_on),
        "wording": progress.wording,
        "updated_at": to_iso(progress.updated_at),
    }


def progress_from_plain(item: Mapping[str, Any]) -> StepProgress:
    def day(key: str) -> date | None:
        return date.fromisoformat(item[key]) if item[key] else None

    return StepProgress(
        step=item["step"],
        status=StepStatus(item["status"]),
        started_on=day("started_on"),
        completed_on=day("completed_on"),
        notes=item["notes"],
        sponsor_discussed_on=day("sponsor_discussed_on"),
        wording=item["wording"],
        updated_at=from_iso(item["updated_at"]),
    )


def export_document(vault: Vault) -> dict[str, Any]:
    settings = load_settings(vault)
    help_now = load_help_now(vault)
    progress = [p for p in vault.steps.progress().values() if p.updated_at is not None]
    steps: dict[str, Any] = {
        "progress": [_progress_to_plain(p) for p in progress],
        "answers": [
            {
                "question_id": a.question_id,
                "step": a.step,
                "text": a.text,
                "updated_at": to_iso(a.updated_at),
                "private": a.private,
            }
            for a in vault.steps.answers().values()
        ],
        "question_packs": [pack_to_plain(pack) for pack in vault.steps.packs()],
        "defect_focus": [
            {"day": day.isoformat(), "defect_uid": uid}
            for day, uid in vault.records.all_focus().items()
        ],
    }
    steps.update(_sections_to_plain(vault, Group.STEPS))
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        # Format 9: the journal's identifier, which its reports carry (a restored export keeps
        # it, so a reply to a report made before still belongs), and the sponsor's notes.
        "journal_id": journal_id(vault),
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
        "steps": steps,
        "inventory": _sections_to_plain(vault, Group.INVENTORY),
        "daily": _daily_to_plain(vault),
        "journal": [_entry_to_plain(entry) for entry in vault.journal.all()],
        "sponsor": _sections_to_plain(vault, Group.SPONSOR),
        # Format 7; absent when nothing was entered, so an untouched vault exports as before.
        **({} if help_now.empty else {"help_now": help_now.to_plain()}),
    }


def _entry_to_plain(entry: JournalEntry) -> dict[str, Any]:
    return {
        "uid": entry.uid,
        "day": entry.day.isoformat(),
        "title": entry.title,
        "body": entry.body,
        "tags": sorted(entry.tags),
        "mood": entry.mood.value if entry.mood else None,
        "created_at": to_iso(entry.created_at),
        "updated_at": to_iso(entry.updated_at),
    }


def entry_from_plain(item: Mapping[str, Any]) -> JournalEntry:
    return JournalEntry(
        uid=item["uid"],
        day=date.fromisoformat(item["day"]),
        title=item["title"],
        body=item["body"],
        tags=frozenset(item["tags"]),
        mood=Mood(item["mood"]) if item["mood"] else None,
        created_at=from_iso(item["created_at"]),
        updated_at=from_iso(item["updated_at"]),
    )


def _all(vault: Vault, record_type: type) -> list[Any]:
    records: list[Any] = vault.records.all(record_type)
    return records


def dumps(document: Mapping[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def export_to_file(vault: Vault, path: Path) -> None:
    write_private_file(path, dumps(export_document(vault)).encode("utf-8"))


def parse_document(data: bytes) -> dict[str, Any]:
    """Parse and validate an export; raise ImportRejected with one sentence on any problem."""
    document = json_files.parse(data)
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ImportRejected(_("The file is not a Recovery Journal export"))
    version = document.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise ImportRejected(
            _("The file was exported by a newer version of Recovery Journal; update the app first")
        )
    schema = SCHEMAS.get(version) if isinstance(version, int) else None
    json_files.validate(document, schema or SCHEMAS[FORMAT_VERSION])
    _check_meaning(document)
    return document


def _check_days(items: Iterable[Mapping[str, Any]], section: str, keys: Iterable[str]) -> None:
    keys = tuple(keys)
    for index, item in enumerate(items):
        for key in keys:
            value = item.get(key)
            if value is None:
                continue
            where = f"{section}[{index}].{key}"
            try:
                day = date.fromisoformat(value)
            except ValueError as error:
                raise ImportRejected(
                    _("{where}: {value} is not a real date").format(where=where, value=value)
                ) from error
            _check_within_the_years_kept(day, where, value)


def _check_times(items: Iterable[Mapping[str, Any]], section: str, keys: Iterable[str]) -> None:
    keys = tuple(keys)
    for index, item in enumerate(items):
        for key in keys:
            where = f"{section}[{index}].{key}"
            try:
                moment = from_iso(item[key])
            except (ValueError, OverflowError) as error:  # year 1 east of UTC overflows
                raise ImportRejected(
                    _("{where}: {value} is not a real time").format(where=where, value=item[key])
                ) from error
            _check_within_the_years_kept(moment.date(), where, item[key])


def _check_within_the_years_kept(day: date, where: str, value: str) -> None:
    if not within_the_years_kept(day):
        raise ImportRejected(
            _("{where}: {value} is outside the years the app keeps, {first} to {last}").format(
                where=where, value=value, first=EARLIEST_DAY.year, last=LATEST_DAY.year
            )
        )


def _check_written_before_changed(items: Iterable[Mapping[str, Any]], section: str) -> None:
    for index, item in enumerate(items):
        if from_iso(item["updated_at"]) < from_iso(item["created_at"]):
            raise ImportRejected(
                _("{where}: it was changed before it was written").format(
                    where=f"{section}[{index}]"
                )
            )


def _check_meaning(document: dict[str, Any]) -> None:
    _check_days([document["settings"]], "settings", ["ninety_start"])
    notes = document["daily_notes"]
    _check_days(notes, "daily_notes", ["day"])
    _check_times(notes, "daily_notes", ["created_at", "updated_at"])
    json_files.check_unique(notes, "daily_notes", lambda item: item["day"])
    _check_written_before_changed(notes, "daily_notes")
    daily = document.get("daily")
    if daily is not None:
        _check_daily(daily)
    journal = document.get("journal")
    if journal is not None:
        _check_days(journal, "journal", ["day"])
        _check_times(journal, "journal", ["created_at", "updated_at"])
        json_files.check_unique(journal, "journal", lambda item: item["uid"])
        _check_written_before_changed(journal, "journal")
        for index, item in enumerate(journal):
            if any(clean_tag(tag) != tag for tag in item["tags"]):
                raise ImportRejected(
                    _("{where}: a tag is not written as the app keeps tags").format(
                        where=f"journal[{index}]"
                    )
                )
    inventory = document.get("inventory")
    if inventory is not None:
        _check_records(inventory, Group.INVENTORY)
    sponsor = document.get("sponsor")
    if sponsor is not None:
        _check_sponsor(sponsor)
    steps = document.get("steps")
    if steps is None:
        return
    _check_days(
        steps["progress"], "steps.progress", ["started_on", "completed_on", "sponsor_discussed_on"]
    )
    _check_times(steps["progress"], "steps.progress", ["updated_at"])
    json_files.check_unique(steps["progress"], "steps.progress", lambda item: item["step"])
    _check_times(steps["answers"], "steps.answers", ["updated_at"])
    json_files.check_unique(steps["answers"], "steps.answers", lambda item: item["question_id"])
    json_files.check_unique(
        steps["question_packs"], "steps.question_packs", lambda item: item["id"]
    )
    for index, pack in enumerate(steps["question_packs"]):
        json_files.check_unique(
            pack["questions"], f"steps.question_packs[{index}].questions", lambda q: q["id"]
        )
    for index, item in enumerate(steps["answers"]):
        # Our own question ids name their step ("s4.q03"); a mismatch would hide the answer.
        match = OWN_QUESTION.match(item["question_id"])
        if match and int(match.group(1)) != item["step"]:
            raise ImportRejected(
                _("{where}: the answer is filed under the wrong step").format(
                    where=f"steps.answers[{index}]"
                )
            )
    _check_records(steps, Group.STEPS)
    _check_days(steps["defect_focus"], "steps.defect_focus", ["day"])
    json_files.check_unique(steps["defect_focus"], "steps.defect_focus", lambda item: item["day"])
    defects = {item["uid"] for item in steps["defects"]}
    for index, item in enumerate(steps["defect_focus"]):
        if item["defect_uid"] not in defects:
            raise ImportRejected(
                _("{where}: it points to a defect that is not in the file").format(
                    where=f"steps.defect_focus[{index}]"
                )
            )


def _records(part: Mapping[str, Any], kind: RecordKind) -> list[Any]:
    """A kind's section of the document; one the file's (older) format lacks is empty."""
    items: list[Any] = part.get(kind.name, [])
    return items


def _check_records(part: Mapping[str, Any], group: Group) -> None:
    """Each kind's rows under ``group``: one row a uid, every day a real one within the years."""
    for kind in in_group(group):
        where = f"{group.value}.{kind.name}"
        json_files.check_unique(_records(part, kind), where, lambda item: item["uid"])
        _check_days(_records(part, kind), where, kind.day_fields)


def _check_refs(
    items: Iterable[Mapping[str, Any]], where: str, key: str, known: set[str], message: str
) -> None:
    for index, item in enumerate(items):
        if item[key] not in known:
            raise ImportRejected(message.format(where=f"{where}[{index}]"))


def _check_sponsor(sponsor: Mapping[str, Any]) -> None:
    _check_records(sponsor, Group.SPONSOR)
    for kind in in_group(Group.SPONSOR):
        for index, item in enumerate(_records(sponsor, kind)):
            try:
                about_from_text(item["about"])
            except NotAnItem as error:
                raise ImportRejected(
                    _("{where}: it is about nothing a report holds").format(
                        where=f"sponsor.{kind.name}[{index}].about"
                    )
                ) from error


def _check_daily(daily: Mapping[str, Any]) -> None:
    _check_records(daily, Group.DAILY)
    _check_refs(
        daily["slips"],
        "daily.slips",
        "clean_uid",
        {item["uid"] for item in daily["clean_dates"]},
        _("{where}: the slip belongs to a day count that is not in the file"),
    )
    reviews = daily["reviews"]
    _check_days(reviews, "daily.reviews", ["day"])
    _check_times(reviews, "daily.reviews", ["updated_at"])
    json_files.check_unique(reviews, "daily.reviews", lambda item: item["day"])
    questions = {item["uid"] for item in daily["review_questions"]}
    dimensions = {item["uid"] for item in daily["rating_dimensions"]}
    for index, review in enumerate(reviews):
        where = f"daily.reviews[{index}]"
        json_files.check_unique(review["answers"], f"{where}.answers", lambda a: a["question_uid"])
        json_files.check_unique(review["ratings"], f"{where}.ratings", lambda r: r["dimension_uid"])
        _check_refs(
            review["answers"],
            f"{where}.answers",
            "question_uid",
            questions,
            _("{where}: the answer points to a question that is not in the file"),
        )
        _check_refs(
            review["ratings"],
            f"{where}.ratings",
            "dimension_uid",
            dimensions,
            _("{where}: the rating points to a scale that is not in the file"),
        )


def read_export_file(path: Path) -> dict[str, Any]:
    return parse_document(json_files.read_bytes(path))


def import_document(vault: Vault, document: dict[str, Any]) -> Changes:
    """Write a parsed, validated document into an empty vault, in one transaction."""
    if not vault.is_empty():
        raise ImportRejected(
            _("This vault already holds writing; import into a new, empty vault instead")
        )
    # One transaction; the search index is built once, from what then stands in the tables.
    with vault.bulk_writes():
        # The exported journal's identifier (format 9); an older file has none, and the vault
        # keeps its own.
        identifier = document.get("journal_id") or journal_id(vault)
        vault.settings.replace_all(dict(document["settings"]))
        keep_journal_id(vault, identifier)
        for item in document["daily_notes"]:
            vault.notes.save(note_from_plain(item))
        steps = document.get("steps")
        if steps is not None:
            _import_steps(vault, steps)
        inventory = document.get("inventory")
        if inventory is not None:
            _import_inventory(vault, inventory, document["format_version"])
        daily = document.get("daily")
        if daily is not None:
            _import_records(vault, daily, Group.DAILY)
            for item in daily["reviews"]:
                vault.reviews.save(review_from_plain(item))
        for item in document.get("journal", ()):  # format 6 and later
            vault.journal.save(entry_from_plain(item))
        sponsor = document.get("sponsor")
        if sponsor is not None:  # format 9 and later
            _import_records(vault, sponsor, Group.SPONSOR)
        if "help_now" in document:  # format 7 and later
            save_help_now(vault, HelpNow.from_plain(document["help_now"]))
    return Changes.everything()


def _import_records(vault: Vault, part: Mapping[str, Any], group: Group) -> None:
    for kind in in_group(group):
        for item in _records(part, kind):
            vault.records.save(record_from_plain(kind.record, item))


def _import_inventory(vault: Vault, inventory: Mapping[str, Any], version: int) -> None:
    # A step 8 entry from before format 8 is upgraded with the resentment it was sent from.
    resentments = {
        item["uid"]: record_from_plain(Resentment, item) for item in inventory["resentments"]
    }
    for kind in in_group(Group.INVENTORY):
        for item in _records(inventory, kind):
            if kind.record is not Amend:
                vault.records.save(record_from_plain(kind.record, item))
                continue
            if version < 8:
                # Before format 8 an entry had no my part and no their part, and one sent from a
                # resentment carried its cause as the harm: moved as an upgraded vault moves it.
                item = {"my_part": [], "their_part": "", **item}
            amend = record_from_plain(Amend, item)
            row = resentments.get(amend.source_uid)
            moved = with_cause_moved(amend, row) if version < 8 and row is not None else None
            vault.records.save(moved or amend)


def answer_from_plain(item: Mapping[str, Any]) -> Answer:
    return Answer(
        item["question_id"],
        item["step"],
        item["text"],
        from_iso(item["updated_at"]),
        # Before format 5 there was no private mark.
        item.get("private", False),
    )


def note_from_plain(item: Mapping[str, Any]) -> DailyNote:
    return DailyNote(
        day=date.fromisoformat(item["day"]),
        text=item["text"],
        created_at=from_iso(item["created_at"]),
        updated_at=from_iso(item["updated_at"]),
    )


def _import_steps(vault: Vault, steps: Mapping[str, Any]) -> None:
    for item in steps["progress"]:
        vault.steps.save_progress(progress_from_plain(item))
    for item in steps["answers"]:
        vault.steps.save_answer(answer_from_plain(item))
    for item in steps["question_packs"]:
        vault.steps.save_pack(pack_from_plain(item))
    _import_records(vault, steps, Group.STEPS)
    for item in steps["defect_focus"]:
        vault.records.set_focus(date.fromisoformat(item["day"]), item["defect_uid"])


def import_summary(document: Mapping[str, Any]) -> dict[str, int]:
    steps = document.get("steps") or {}
    return {
        "daily_notes": len(document["daily_notes"]),
        "answers": len(steps.get("answers", [])),
        "journal": len(document.get("journal", [])),
    }
