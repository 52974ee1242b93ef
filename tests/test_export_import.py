"""The JSON format: round trip to the same bytes, and all-or-nothing rejection of bad files."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recovery_journal.errors import ImportRejected
from recovery_journal.package_data import resource
from recovery_journal.services.demo import fill_demo
from recovery_journal.services.export import (
    FORMAT_VERSION,
    SCHEMAS,
    dumps,
    export_document,
    export_to_file,
    import_document,
    parse_document,
    read_export_file,
)
from recovery_journal.services.journal_identity import journal_id
from recovery_journal.store import create_vault
from recovery_journal.store.search_index import everything_written
from tests.conftest import PASSPHRASE, TEST_KDF


def _vault(path: Path):
    return create_vault(path, PASSPHRASE, kdf_iterations=TEST_KDF)


@pytest.fixture
def demo_document(tmp_path) -> str:
    vault = _vault(tmp_path / "source.rjvault")
    fill_demo(vault, 120, "ru", end=date(2026, 11, 23))
    text = dumps(export_document(vault))
    vault.close()
    return text


def test_export_import_export_gives_the_same_document(tmp_path, demo_document):
    target = _vault(tmp_path / "target.rjvault")
    import_document(target, parse_document(demo_document.encode()))
    again = dumps(export_document(target))
    target.close()
    assert again == demo_document
    document = json.loads(again)
    assert document["daily_notes"], "the demo should have notes"
    steps = document["steps"]
    for section in (
        "progress",
        "answers",
        "question_packs",
        "step1_examples",
        "inventory_shares",
        "defects",
        "defect_focus",
        "practice_log",
        "service_log",
    ):
        assert steps[section], f"the demo should exercise steps.{section}"
    assert any(p["wording"] for p in steps["progress"]), "a reworded step"
    assert any("/" in a["question_id"] for a in steps["answers"]), "an answer to a pack"
    assert any(a["private"] for a in steps["answers"]), "a private answer"
    for section, rows in document["inventory"].items():
        assert rows, f"the demo should exercise inventory.{section}"
    for section, rows in document["daily"].items():
        assert rows, f"the demo should exercise daily.{section}"
    assert any(r["ratings"] and r["answers"] for r in document["daily"]["reviews"])
    journal = document["journal"]
    assert journal, "the demo should have journal entries"
    assert any(e["tags"] for e in journal) and any(e["mood"] for e in journal)
    assert any("**" in e["body"] for e in journal) and any("\n- " in e["body"] for e in journal)
    assert {"day_boundary", "reminder_on", "ninety_start"} & set(document["settings"])


def test_export_file_is_private_and_parses(tmp_path, new_vault):
    fill_demo(new_vault, 10, "en", end=date(2026, 11, 23))
    out = tmp_path / "export.json"
    export_to_file(new_vault, out)
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    document = read_export_file(out)
    assert document["format_version"] == FORMAT_VERSION == 9
    assert [p.name for p in tmp_path.iterdir() if ".writing-" in p.name] == []


def test_an_import_failing_half_way_leaves_nothing_and_the_index_working(
    tmp_path, demo_document, monkeypatch
):
    target = _vault(tmp_path / "target.rjvault")
    document = parse_document(demo_document.encode())

    def broken(_entry):
        raise OSError("disk full")

    with monkeypatch.context() as patched:
        patched.setattr(target.journal, "save", broken)  # the journal comes last
        with pytest.raises(OSError):
            import_document(target, document)
    assert target.is_empty()
    assert list(target.search.everything()) == []
    assert not target.search.paused  # later saves index again
    import_document(target, document)
    # Every record is indexed once the import is whole, as a full rebuild would have it.
    wanted = [item for item in everything_written(target) if item is not None and not item.empty]
    assert len(wanted) > 100

    def key(item):
        return (item.kind, item.ref)

    assert sorted(target.search.everything(), key=key) == sorted(wanted, key=key)
    target.close()


def _before_format_8(document: dict) -> dict:
    for amend in document["inventory"]["amends"]:
        del amend["my_part"], amend["their_part"]
    del document["journal_id"], document["sponsor"]  # format 9
    return document


def test_format_4_without_private_marks_imports_as_not_private(tmp_path, demo_document):
    document = _before_format_8(json.loads(demo_document))
    document["format_version"] = 4
    del document["journal"]  # format 6
    for answer in document["steps"]["answers"]:
        del answer["private"]
    target = _vault(tmp_path / "target.rjvault")
    import_document(target, parse_document(json.dumps(document).encode()))
    answers = target.steps.answers()
    target.close()
    assert len(answers) == len(document["steps"]["answers"]) > 0
    assert not any(a.private for a in answers.values())


def test_format_5_reads_without_a_journal_and_6_needs_one(tmp_path, demo_document):
    document = _before_format_8(json.loads(demo_document))
    document["format_version"] = 6
    del document["journal"]
    with pytest.raises(ImportRejected):
        parse_document(json.dumps(document).encode())
    document["format_version"] = 5
    target = _vault(tmp_path / "target.rjvault")
    import_document(target, parse_document(json.dumps(document).encode()))
    assert target.journal.count() == 0 and target.notes.count() > 0
    target.close()


def test_a_format_7_export_made_by_the_old_app_imports_with_step8_words_moved(tmp_path):
    """The export of tests/fixtures/vaults/step8-from-schema-6.rjvault, written at 6018652."""
    from tests.test_migrations import STEP8_AFTER, STEP8_BEFORE

    data = (Path(__file__).parent / "fixtures" / "exports" / "step8-format-7.json").read_bytes()
    document = parse_document(data)
    assert document["format_version"] == 7
    target = _vault(tmp_path / "target.rjvault")
    try:
        import_document(target, document)
        again = export_document(target)
    finally:
        target.close()
    words = {
        a["person"]: (a["harm"], a["my_part"], a["their_part"])
        for a in again["inventory"]["amends"]
    }
    # The same words in the same places as in a vault upgraded from schema 6.
    for person, before in STEP8_BEFORE.items():
        assert words[person] == STEP8_AFTER.get(person, (before, [], "")), person
    assert again["inventory"]["resentments"] == document["inventory"]["resentments"]


def test_format_8_needs_my_part_and_their_part(demo_document):
    document = json.loads(demo_document)
    del document["inventory"]["amends"][0]["their_part"]
    with pytest.raises(ImportRejected):
        parse_document(json.dumps(document).encode())


def test_format_5_needs_the_private_mark(demo_document):
    document = json.loads(demo_document)
    del document["steps"]["answers"][0]["private"]
    with pytest.raises(ImportRejected):
        parse_document(json.dumps(document).encode())


def test_shipped_schema_is_valid_and_matches_an_export(new_vault):
    import jsonschema
    from referencing import Registry, Resource

    schemas = [
        json.loads(path.read_text("utf-8"))
        for path in resource("schema").iterdir()
        if path.name.endswith(".schema.json")
    ]
    assert {s["$id"] for s in schemas} >= {
        "recovery-journal-export-v1.schema.json",
        "recovery-journal-export-v2.schema.json",
        "question-pack-v1.schema.json",
    }
    registry = Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in schemas)
    for schema in schemas:
        jsonschema.Draft202012Validator.check_schema(schema)
    fill_demo(new_vault, 30, "en", end=date(2026, 11, 23))
    document = export_document(new_vault)
    newest = next(s for s in schemas if s["title"].endswith(f"version {FORMAT_VERSION}"))
    jsonschema.Draft202012Validator(newest, registry=registry).validate(document)


def _valid() -> dict:
    return {
        "format": "recovery-journal-export",
        "format_version": 1,
        "settings": {"display_name": "Sam"},
        "daily_notes": [
            {
                "day": "2026-11-20",
                "text": "A good day.",
                "created_at": "2026-11-20T20:00:00+00:00",
                "updated_at": "2026-11-20T20:05:00+00:00",
            }
        ],
    }


def _with(change) -> bytes:
    document = _valid()
    change(document)
    return json.dumps(document).encode()


BAD_FILES = {
    "not json": b"{ this is not json",
    "empty": b"",
    "binary": bytes(range(256)),
    "a list": b"[]",
    "another format": json.dumps({"format": "something-else"}).encode(),
    "newer version": _with(lambda d: d.update(format_version=FORMAT_VERSION + 1)),
    "v1 claiming v2": _with(lambda d: d.update(format_version=2)),
    "missing notes": _with(lambda d: d.pop("daily_notes")),
    "unknown key": _with(lambda d: d.update(passwords=[])),
    "unknown setting": _with(lambda d: d["settings"].update(theme="dark")),
    "impossible date": _with(lambda d: d["daily_notes"][0].update(day="2026-02-30")),
    "bad date shape": _with(lambda d: d["daily_notes"][0].update(day="20/11/2026")),
    "time without zone": _with(
        lambda d: d["daily_notes"][0].update(created_at="2026-11-20T20:00:00")
    ),
    "impossible time": _with(
        lambda d: d["daily_notes"][0].update(updated_at="2026-11-20T25:00:00+00:00")
    ),
    "empty text": _with(lambda d: d["daily_notes"][0].update(text="")),
    "text not a string": _with(lambda d: d["daily_notes"][0].update(text=42)),
    "two notes for one day": _with(lambda d: d["daily_notes"].append(dict(d["daily_notes"][0]))),
    "NaN": b'{"format": "recovery-journal-export", "format_version": NaN}',
    "duplicate keys": (
        b'{"format": "recovery-journal-export", "format": "recovery-journal-export",'
        b' "format_version": 1, "settings": {}, "daily_notes": []}'
    ),
    "deep nesting": b"[" * 200_000 + b"]" * 200_000,
    "a note in year 1": _with(lambda d: d["daily_notes"][0].update(day="0001-01-01")),
    "a note in 2100": _with(lambda d: d["daily_notes"][0].update(day="2100-01-01")),
    "a note in 9999": _with(lambda d: d["daily_notes"][0].update(day="9999-12-31")),
    "huge name": _with(lambda d: d["settings"].update(display_name="x" * 10_000)),
}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_bad_file_is_rejected_with_one_sentence_and_imports_nothing(name, new_vault):
    with pytest.raises(ImportRejected) as caught:
        import_document(new_vault, parse_document(BAD_FILES[name]))
    message = caught.value.message()
    assert message.endswith("nothing was imported.")
    assert "\n" not in message and "Traceback" not in message
    assert new_vault.is_empty()
    assert new_vault.settings.get_all().keys() == {"journal.id"}  # a new vault's own


# Nested far past anything an export holds: Python's own limit (about 1,000), our own (64) below
# it, and one just past ours at a place the schema would otherwise look into.
TOO_DEEP = {
    "100,000 lists": b"[" * 100_000 + b"]" * 100_000,
    "100,000 objects": b'{"a":' * 100_000 + b"1" + b"}" * 100_000,
    "a million lists": b"[" * 1_000_000 + b"]" * 1_000_000,
    "100 lists": b"[" * 100 + b"]" * 100,
    "65 levels, inside a note": _with(
        lambda d: d["daily_notes"][0].update(text=json.loads("[" * 62 + "]" * 62))
    ),
}


@pytest.mark.parametrize("name", list(TOO_DEEP))
def test_deep_nesting_is_refused_in_our_words(name, new_vault):
    with pytest.raises(ImportRejected) as caught:
        parse_document(TOO_DEEP[name])
    message = caught.value.message()
    assert message == "The file is nested too deeply to be an export; nothing was imported."
    assert new_vault.is_empty()


def test_a_number_with_thousands_of_digits_is_refused_in_our_words():
    data = _with(lambda d: d.update(format_version=1))
    data = data.replace(b'"format_version": 1', b'"format_version": ' + b"7" * 5_000)
    with pytest.raises(ImportRejected) as caught:
        parse_document(data)
    message = caught.value.message()
    assert "digits" not in message and "int_max_str" not in message  # Python's own words
    assert message == (
        "The file is not a valid export: a number in it is far too long; nothing was imported."
    )


@pytest.mark.parametrize(
    ("day", "stamp"),
    [
        ("0001-01-01", "0001-01-01T00:00:00+00:00"),
        ("1899-12-31", "2026-11-20T20:00:00+00:00"),
        ("2100-01-01", "2026-11-20T20:00:00+00:00"),
        ("2026-11-20", "2100-01-01T00:00:00+00:00"),
    ],
)
def test_a_day_outside_the_apps_years_is_refused_with_a_sentence(day, stamp, new_vault):
    def change(document):
        document["daily_notes"][0].update(day=day, created_at=stamp, updated_at=stamp)

    with pytest.raises(ImportRejected) as caught:
        parse_document(_with(change))
    message = caught.value.message()
    assert message.startswith("daily_notes[0].")
    assert message.endswith(
        " is outside the years the app keeps, 1900 to 2099; nothing was imported."
    )


def test_the_first_and_last_days_the_app_offers_import(new_vault):
    # What a date editor lets a person enter (and export) must always import again.
    def change(document):
        first = dict(document["daily_notes"][0], day="1900-01-01")
        last = dict(document["daily_notes"][0], day="2099-12-31")
        document["daily_notes"] = [first, last]

    import_document(new_vault, parse_document(_with(change)))
    assert new_vault.notes.get(date(1900, 1, 1)) is not None
    assert new_vault.notes.get(date(2099, 12, 31)) is not None


def test_good_file_imports(new_vault):
    import_document(new_vault, parse_document(json.dumps(_valid()).encode()))
    assert new_vault.notes.get(date(2026, 11, 20)).text == "A good day."
    own = journal_id(new_vault)  # a format 1 file has none: the vault keeps its own
    assert new_vault.settings.get_all() == {"display_name": "Sam", "journal.id": own}


def test_import_into_a_vault_with_writing_is_refused(new_vault):
    fill_demo(new_vault, 5, "en", end=date(2026, 11, 23))
    before = dumps(export_document(new_vault))
    with pytest.raises(ImportRejected):
        import_document(new_vault, parse_document(json.dumps(_valid()).encode()))
    assert dumps(export_document(new_vault)) == before


def test_failure_half_way_through_writing_rolls_everything_back(new_vault, monkeypatch):
    document = _valid()
    document["daily_notes"] = [
        {**document["daily_notes"][0], "day": f"2026-01-{day:02d}"} for day in range(1, 21)
    ]
    parsed = parse_document(json.dumps(document).encode())
    real_save = new_vault.notes.save
    calls = []

    def failing_save(note):
        calls.append(note)
        if len(calls) == 10:
            raise OSError("disk full")
        real_save(note)

    monkeypatch.setattr(new_vault.notes, "save", failing_save)
    with pytest.raises(OSError):
        import_document(new_vault, parsed)
    assert len(calls) == 10
    assert new_vault.is_empty()
    assert new_vault.settings.get_all().keys() == {"journal.id"}  # a new vault's own


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(ImportRejected):
        read_export_file(tmp_path / "absent.json")
    with pytest.raises(ImportRejected):
        read_export_file(tmp_path)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=20,
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.one_of(
        st.binary(max_size=200),
        json_values.map(lambda v: json.dumps(v).encode()),
        json_values.map(lambda v: json.dumps({**_valid(), "daily_notes": [v]}).encode()),
        json_values.map(lambda v: json.dumps({**_valid(), "settings": v}).encode()),
    )
)
def test_arbitrary_input_never_crashes_and_never_half_imports(new_vault, data):
    try:
        document = parse_document(data)
    except ImportRejected as rejected:
        assert rejected.message().endswith("nothing was imported.")
        assert new_vault.is_empty()
        return
    # Whatever passed validation must import cleanly.
    assert new_vault.is_empty()
    import_document(new_vault, document)
    with new_vault.transaction():
        for note in list(new_vault.notes.all()):
            new_vault.notes.delete(note.day)
        new_vault.settings.replace_all({})


MORE_BAD = {
    "lone surrogate": _with(lambda d: d["daily_notes"][0].update(text="half \ud800 pair")),
    "NUL character": _with(lambda d: d["daily_notes"][0].update(text="before\0after")),
    "whitespace only": _with(lambda d: d["daily_notes"][0].update(text="  \n\t ")),
    "edited before written": _with(
        lambda d: d["daily_notes"][0].update(updated_at="2026-11-19T20:00:00+00:00")
    ),
}


@pytest.mark.parametrize("name", list(MORE_BAD))
def test_text_that_cannot_be_stored_faithfully_is_refused(name, new_vault):
    data = json.dumps(json.loads(MORE_BAD[name]), ensure_ascii=True).encode()
    with pytest.raises(ImportRejected):
        import_document(new_vault, parse_document(data))
    assert new_vault.is_empty()


def test_the_rejection_does_not_repeat_the_persons_words(new_vault):
    secret = "I never told anyone about the night in Tver " * 3
    data = _with(lambda d: d["daily_notes"][0].update(text=secret * 10_000))
    with pytest.raises(ImportRejected) as caught:
        parse_document(data)
    assert "Tver" not in caught.value.message()
    assert "too long" in caught.value.message()


def _demo_export(tmp_path) -> dict:
    vault = _vault(tmp_path / "steps.rjvault")
    fill_demo(vault, 120, "en", end=date(2026, 11, 23))
    document = export_document(vault)
    vault.close()
    return document


def _broken(document: dict, change) -> bytes:
    change(document)
    return json.dumps(document).encode()


STEP_BREAKAGES = {
    "answer under the wrong step": lambda d: d["steps"]["answers"][0].update(step=9),
    "pack with a question twice": lambda d: d["steps"]["question_packs"][0]["questions"].append(
        dict(d["steps"]["question_packs"][0]["questions"][0])
    ),
    "huge position": lambda d: d["steps"]["defects"][0].update(position=2**70),
    "focus on a missing defect": lambda d: d["steps"]["defect_focus"][0].update(defect_uid="gone"),
    "unknown status": lambda d: d["steps"]["progress"][0].update(status="halfway"),
    "step 13": lambda d: d["steps"]["progress"][0].update(step=13),
    "minutes out of range": lambda d: d["steps"]["practice_log"][0].update(minutes=5000),
    "impossible share date": lambda d: d["steps"]["inventory_shares"][0].update(
        shared_on="2026-02-31"
    ),
    "the same step twice": lambda d: d["steps"]["progress"].append(dict(d["steps"]["progress"][0])),
    "unknown tick": lambda d: d["inventory"]["resentments"][0].update(affects=["happiness"]),
    "a tick twice": lambda d: d["inventory"]["resentments"][0].update(affects=["pride", "pride"]),
    "private as text": lambda d: d["inventory"]["harms"][0].update(private="yes"),
    "unknown amends status": lambda d: d["inventory"]["amends"][0].update(status="maybe"),
    "impossible amends date": lambda d: d["inventory"]["amends"][0].update(made_on="2026-13-01"),
    "a clean date in 9999": lambda d: d["daily"]["clean_dates"][0].update(since="9999-01-01"),
    "a clean date in year 1": lambda d: d["daily"]["clean_dates"][0].update(since="0001-01-01"),
    "a 90-in-90 run from 2100": lambda d: d["settings"].update(ninety_start="2100-01-01"),
    "amends planned for 2100": lambda d: d["inventory"]["amends"][0].update(
        planned_on="2100-06-01"
    ),
    "a step started in year 1": lambda d: d["steps"]["progress"][0].update(started_on="0001-01-01"),
    "a worksheet row twice": lambda d: d["inventory"]["fears"].append(
        dict(d["inventory"]["fears"][0])
    ),
}


@pytest.mark.parametrize("name", list(STEP_BREAKAGES))
def test_bad_step_sections_are_refused_whole(name, tmp_path, new_vault):
    data = _broken(_demo_export(tmp_path), STEP_BREAKAGES[name])
    with pytest.raises(ImportRejected) as caught:
        import_document(new_vault, parse_document(data))
    assert caught.value.message().endswith("nothing was imported.")
    if "year 1" in name or "9999" in name or "2100" in name:
        assert "outside the years the app keeps" in caught.value.message()
    assert new_vault.is_empty()


def test_a_row_left_blank_in_the_app_still_round_trips(tmp_path, new_vault):
    from recovery_journal.domain.step_tools import InventoryShare, Step1Example, Step1List

    new_vault.records.save(Step1Example("blank", Step1List.POWERLESSNESS, ""))
    new_vault.records.save(InventoryShare("share", "", date(2026, 1, 1)))
    text = dumps(export_document(new_vault))
    target = _vault(tmp_path / "target.rjvault")
    import_document(target, parse_document(text.encode()))
    assert dumps(export_document(target)) == text
    target.close()


def test_journal_entries_at_the_apps_limits_round_trip(tmp_path, new_vault):
    from datetime import UTC, datetime

    from recovery_journal.domain.journal import (
        MAX_TAGS,
        MAX_TITLE_LENGTH,
        JournalEntry,
        tags_from_text,
    )

    tags = tags_from_text(", ".join(["a" * 39 + " b"] + [f"tag {n}" for n in range(150)]))
    assert len(tags) == MAX_TAGS and all(tag == tag.strip() for tag in tags)
    at = datetime(2026, 11, 20, 21, 0, tzinfo=UTC)
    entry = JournalEntry("e", date(2026, 11, 20), at, at, "T" * MAX_TITLE_LENGTH, "Words.", tags)
    new_vault.journal.save(entry)
    text = dumps(export_document(new_vault))
    target = _vault(tmp_path / "target.rjvault")
    import_document(target, parse_document(text.encode()))
    assert target.journal.get("e") == entry
    target.close()


def test_the_readme_and_the_code_name_the_schema_exports_are_written_in():
    # The README named export-v6 while exports were written in a later format.
    root = Path(__file__).resolve().parent.parent
    newest = SCHEMAS[FORMAT_VERSION]
    readme = (root / "README.md").read_text("utf-8")
    assert f"`recovery_journal/resources/schema/{newest}`" in readme
    assert f"(versions 1–{FORMAT_VERSION - 1}," in readme
    older = [name for version, name in SCHEMAS.items() if version != FORMAT_VERSION]
    for source in (root / "recovery_journal").rglob("*.py"):
        if source.name == "export.py":
            continue  # the table of every format read
        text = source.read_text("utf-8")
        assert not [name for name in older if name in text], source
