"""Each kind of record is declared once (domain/record_kinds.py) and every other place follows.

A kind declared here only, in the test, is stored in a real SQLCipher vault, exported, imported
into another, indexed and found; and every kind the store, the export, the search and the pages
know is one of the declared kinds.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from recovery_journal.domain import record_kinds
from recovery_journal.domain.record_kinds import KINDS, Group, Indexed, RecordKind, Shown
from recovery_journal.errors import ImportRejected
from recovery_journal.package_data import resource
from recovery_journal.services import export
from recovery_journal.services.export import dumps, export_document, import_document
from recovery_journal.services.search import OTHER_HEADINGS, kind_heading, kind_headings, search
from recovery_journal.store import create_vault, migrations
from recovery_journal.store.migrations import Migration
from recovery_journal.store.vault_file import DATA_TABLES, data_tables
from tests.conftest import PASSPHRASE, TEST_KDF, reopen


@dataclass(frozen=True, slots=True)
class Kindness:
    """A kindness done on a day: a kind of record the app does not have."""

    uid: str
    day: date
    whom: str
    what: str = ""
    position: int = 0


KINDNESS = RecordKind(
    Kindness,
    "kindnesses",
    ("-day", "position", "uid"),
    Group.DAILY,
    Shown.PRACTICE,
    Indexed("Kindnesses", "whom", ("what",), day="day"),
)

# What its migration would say (store/migrations/NNNN_kindnesses.sql): the schema is versioned,
# so a kind's table comes from a numbered migration like every other table, never on the fly.
KINDNESS_TABLE = """
CREATE TABLE kindnesses (
    uid      TEXT PRIMARY KEY,
    day      TEXT NOT NULL,
    whom     TEXT NOT NULL,
    what     TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX kindnesses_by_day ON kindnesses (day);
"""


@pytest.fixture
def declared(monkeypatch) -> None:
    """The kind declared in one place, and the migration that makes its table."""
    monkeypatch.setattr(record_kinds, "KINDS", (*KINDS, KINDNESS))
    released = migrations.all_migrations()
    added = Migration(len(released) + 1, f"{len(released) + 1:04d}_kindnesses.sql", KINDNESS_TABLE)
    monkeypatch.setattr(migrations, "all_migrations", lambda: (*released, added))


@pytest.fixture
def vault_with_kindnesses(declared, new_vault):
    new_vault.records.save(Kindness("k1", date(2026, 3, 2), "my neighbour", "carried her shopping"))
    new_vault.records.save(Kindness("k2", date(2026, 3, 9), "Sam", "listened with patience"))
    return new_vault


def test_a_kind_declared_in_one_place_is_stored_in_a_real_vault(vault_with_kindnesses, vault_path):
    vault = vault_with_kindnesses
    assert not vault.is_empty()  # a kindness is writing: an import would refuse this vault
    vault.records.save(Kindness("k1", date(2026, 3, 2), "my neighbour", "carried her bags"))
    vault.close()
    again = reopen(vault_path)
    try:
        assert again.records.all(Kindness) == [  # newest first, as declared
            Kindness("k2", date(2026, 3, 9), "Sam", "listened with patience"),
            Kindness("k1", date(2026, 3, 2), "my neighbour", "carried her bags"),
        ]
        assert again.records.in_days(Kindness, date(2026, 3, 1), date(2026, 3, 5))[0].uid == "k1"
        again.records.delete(Kindness, "k2")
        assert [k.uid for k in again.records.all(Kindness)] == ["k1"]
        assert search(again, "patience", "en").count == 0  # gone from the index with its row
    finally:
        again.close()


def test_a_kind_declared_in_one_place_is_indexed_and_found(vault_with_kindnesses):
    results = search(vault_with_kindnesses, "patience", "en")
    assert [(hit.kind, hit.ref, hit.day) for hit in results.hits] == [
        ("kindnesses", "k2", date(2026, 3, 9))
    ]
    assert results.hits[0].title == "Sam"
    assert kind_heading("kindnesses") == "Kindnesses"
    assert list(kind_headings())[-1] == "kindnesses"  # its group follows the declared order
    assert search(vault_with_kindnesses, "neighbour", "en").hits[0].ref == "k1"  # its title too


def test_a_kind_declared_in_one_place_is_exported_and_imported(
    vault_with_kindnesses, tmp_path: Path
):
    document = export_document(vault_with_kindnesses)
    assert document["daily"]["kindnesses"] == [  # its section, under its group, in its order
        {"uid": "k2", "day": "2026-03-09", "whom": "Sam", "what": "listened with patience"}
        | {"position": 0},
        {"uid": "k1", "day": "2026-03-02", "whom": "my neighbour", "what": "carried her shopping"}
        | {"position": 0},
    ]
    text = dumps(document)
    target = create_vault(tmp_path / "target.rjvault", PASSPHRASE, kdf_iterations=TEST_KDF)
    try:
        import_document(target, json.loads(text))
        assert target.records.all(Kindness) == vault_with_kindnesses.records.all(Kindness)
        assert dumps(export_document(target)) == text  # export, import, export: the same bytes
        assert [hit.ref for hit in search(target, "shopping", "en").hits] == ["k1"]
    finally:
        target.close()
    # An import checks its days as it checks every declared kind's.
    bad = json.loads(text)
    bad["daily"]["kindnesses"][0]["day"] = "2026-02-30"
    with pytest.raises(ImportRejected, match=r"daily\.kindnesses\[0\]\.day"):
        export._check_meaning(bad)
    # The file format is the one thing written by hand: the newest schema refuses the section
    # until a new format version describes it.
    with pytest.raises(ImportRejected):
        export.parse_document(text.encode())


def test_an_older_file_without_a_new_kinds_section_still_imports(declared, new_vault, tmp_path):
    document = json.loads(dumps(export_document(new_vault)))
    assert document["daily"].pop("kindnesses") == []
    target = create_vault(tmp_path / "target.rjvault", PASSPHRASE, kdf_iterations=TEST_KDF)
    try:
        export._check_meaning(document)
        import_document(target, document)
        assert target.records.all(Kindness) == []
    finally:
        target.close()


# Everything the store, the export, the search and the pages know of kinds comes from KINDS.

NOT_RECORD_TABLES = {
    "settings",
    "daily_notes",
    "step_progress",
    "step_answers",
    "question_packs",
    "pack_questions",
    "defect_focus",
    "reviews",
    "review_answers",
    "review_ratings",
    "journal_entries",
    "journal_tags",
}


def test_the_store_keeps_exactly_the_declared_kinds_in_their_declared_columns(new_vault):
    conn = new_vault._conn
    tables = {
        name
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if not name.startswith(("search_", "sqlite_", "sync_"))
    }
    assert tables - NOT_RECORD_TABLES == {kind.name for kind in KINDS}
    for kind in KINDS:
        columns = tuple(row[1] for row in conn.execute(f"PRAGMA table_info({kind.name})"))
        assert columns == kind.fields, kind.name
        new_vault.records.all(kind.record)  # its declared order is a valid ORDER BY
    assert set(data_tables()) == set(DATA_TABLES) | {
        kind.name for kind in KINDS if kind.name not in ("review_questions", "rating_dimensions")
    }


def test_the_export_and_its_schema_hold_exactly_the_declared_kinds(new_vault):
    document = export_document(new_vault)
    newest = export.SCHEMAS[export.FORMAT_VERSION]
    schema = json.loads(resource("schema", newest).read_text("utf-8"))
    others = {
        Group.STEPS: {"progress", "answers", "question_packs", "defect_focus"},
        Group.INVENTORY: set(),
        Group.DAILY: {"reviews"},
        Group.SPONSOR: set(),
    }
    for group in Group:
        declared = {kind.name for kind in KINDS if kind.group is group}
        assert set(document[group.value]) - others[group] == declared, group
        in_schema = set(schema["properties"][group.value]["properties"])
        assert in_schema - others[group] == declared, group


def test_the_search_and_the_pages_know_exactly_the_declared_kinds():
    from recovery_journal.ui.pages import Page
    from recovery_journal.ui.pages.search import page_for_kind
    from recovery_journal.ui.pages.step_tools import STEP_OF_TOOL

    indexed = [kind.name for kind in KINDS if kind.search is not None]
    assert [kind for kind in kind_headings() if kind not in OTHER_HEADINGS] == indexed
    # The order the results are grouped in, unchanged by the declaration.
    assert list(kind_headings()) == [
        "journal",
        "note",
        "answer",
        "step_notes",
        "step1_examples",
        "resentments",
        "fears",
        "sex_conduct",
        "harms",
        "inventory_shares",
        "defects",
        "amends",
        "review",
        "spot_checks",
        "gratitude",
        "meetings",
        "slips",
        "practice_log",
        "service_log",
        "sponsor_notes",
    ]
    pages = {
        Shown.STEPS: Page.STEPS,
        Shown.INVENTORY: Page.INVENTORY,
        Shown.PRACTICE: Page.PRACTICE,
        Shown.SPONSOR: Page.SPONSOR,
    }
    for kind in KINDS:
        assert page_for_kind(kind.name) is pages[kind.shown], kind.name
    assert STEP_OF_TOOL == {
        "step1_examples": 1,
        "inventory_shares": 5,
        "defects": 6,
        "practice_log": 11,
        "service_log": 12,
    }


def test_no_module_but_the_declaration_lists_the_kinds():
    """No list, tuple, set or dict outside record_kinds.py holds more than a few kinds' names.

    A page may map the few kinds it shows to its own tables (the practice page's four) and the
    step 4 worksheets are four; a list of them all, or of a group, lives in the declaration.
    """
    import ast

    names = {kind.name for kind in KINDS}
    package = Path(record_kinds.__file__).resolve().parent.parent
    for path in sorted(package.rglob("*.py")):
        if path.name == "record_kinds.py":
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            elements = node.keys if isinstance(node, ast.Dict) else getattr(node, "elts", [])
            if not isinstance(node, ast.Dict | ast.List | ast.Tuple | ast.Set):
                continue
            named = [e.value for e in elements if isinstance(e, ast.Constant) and e.value in names]
            where = f"{path.relative_to(package)}:{node.lineno}"
            assert len(named) <= 4, f"{where} lists {named}"
    assert [
        path.name for path in package.rglob("*.py") if "step1_examples" in path.read_text("utf-8")
    ] == ["record_kinds.py"]


def test_a_declaration_names_only_fields_its_record_has():
    with pytest.raises(AssertionError, match="no such fields"):
        RecordKind(Kindness, "kindnesses", ("-when", "uid"), Group.DAILY, Shown.PRACTICE)

    @dataclass(frozen=True)
    class Nameless:
        text: str

    with pytest.raises(AssertionError, match="uid"):
        RecordKind(Nameless, "nameless", ("text",), Group.DAILY, Shown.PRACTICE)
