"""Numbered migrations: every released schema's fixture upgrades; a failing step leaves nothing."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest
import sqlcipher3

from recovery_journal.domain.journal_identity import is_journal_id
from recovery_journal.services.export import export_document
from recovery_journal.services.journal_identity import journal_id
from recovery_journal.store import open_vault
from recovery_journal.store.migrations import (
    Migration,
    all_migrations,
    apply_migrations,
    latest_version,
)

FIXTURES = Path(__file__).parent / "fixtures" / "vaults"
FIXTURE_PASSPHRASE = "fixture passphrase"
FIXTURE_JOURNAL_ID = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"  # tools/make_fixture_vault.py, schema 8 on


def _fixtures() -> list[Path]:
    return sorted(FIXTURES.glob("schema-*.rjvault"))


def test_migrations_are_numbered_without_gaps():
    versions = [m.version for m in all_migrations()]
    assert versions == list(range(1, latest_version() + 1))
    assert latest_version() >= 1


def test_there_is_a_fixture_for_every_schema_version():
    numbers = {int(re.search(r"schema-(\d+)", p.name).group(1)) for p in _fixtures()}
    assert numbers == set(range(1, latest_version() + 1))


@pytest.mark.parametrize("fixture", _fixtures(), ids=lambda p: p.name)
def test_fixture_vault_upgrades_to_the_newest_schema(fixture, tmp_path):
    copy = tmp_path / fixture.name
    shutil.copy(fixture, copy)
    vault = open_vault(copy, FIXTURE_PASSPHRASE)
    try:
        assert vault.schema_version() == latest_version()
        assert vault.integrity_problems() == []
        document = export_document(vault)
        # The search index is built for what the old schema held, in both languages.
        found = {(item.kind, item.ref) for item in vault.search.find('stems : "заметк"', 10)}
        assert ("note", "2026-11-01") in found
        if fixture.name != "schema-1.rjvault":
            answers_found = vault.search.find('stems : "ответ"', 10)
            assert [item.ref for item in answers_found if item.kind == "answer"] == ["1:s1.q01"]
    finally:
        vault.close()
    assert document["settings"]["display_name"] == "Фикстура"
    texts = {item["day"]: item["text"] for item in document["daily_notes"]}
    assert texts[date(2026, 11, 1).isoformat()] == "Вторая заметка — по-русски."
    version = int(re.search(r"schema-(\d+)", fixture.name).group(1))
    steps = document["steps"]
    answers = {a["question_id"]: a for a in steps["answers"]}
    if version >= 2:  # what each fixture was made with must come through every upgrade
        assert answers["s1.q01"]["text"] == "Ответ на первый вопрос."
        # Answers from before schema 5 had no private mark: they come through as not private.
        assert answers["s1.q01"]["private"] is False
        assert steps["defects"][0]["opposite"] == "Patience"
        assert steps["practice_log"][0]["minutes"] == 15
    else:
        assert steps["answers"] == [] and steps["progress"] == []
    inventory = document["inventory"]
    if version >= 3:
        assert inventory["resentments"][0]["affects"] == ["security"]
        assert inventory["amends"][0]["source_uid"] == "fixture-r"
    else:
        assert all(rows == [] for rows in inventory.values())
    daily = document["daily"]
    # Every vault gets the shipped questions and scales, whatever schema it came from.
    assert {q["builtin"] for q in daily["review_questions"]} >= {"resentful", "apology", "tomorrow"}
    craving = next(d for d in daily["rating_dimensions"] if d["builtin"] == "craving")
    assert craving["lower_is_better"] is True
    if version >= 4:
        assert daily["reviews"][0]["answers"][0]["note"] == "На соседа"
        assert [r["value"] for r in daily["reviews"][0]["ratings"]] == [6, 2]
        assert daily["slips"][0]["clean_uid"] == daily["clean_dates"][0]["uid"]
        assert document["settings"]["day_boundary"] == "03:00"
        for section in ("gratitude", "meetings", "spot_checks"):
            assert len(daily[section]) == 1
    else:
        assert daily["reviews"] == [] and daily["clean_dates"] == []
    if version >= 5:
        assert answers["s4.q01"]["private"] is True
    else:
        assert "s4.q01" not in answers
    if version >= 3:
        # Schema 7 gave every step 8 entry my part and their part; older ones start empty.
        old = next(a for a in inventory["amends"] if a["uid"] == "fixture-a")
        assert (old["my_part"], old["their_part"], old["harm"]) == ([], "", "")
    if version >= 7:
        new = next(a for a in inventory["amends"] if a["uid"] == "fixture-a7")
        assert new["my_part"] == ["dishonest", "selfish"]
        assert new["their_part"] == "Напомнила при всех."
    if version >= 6:
        (entry,) = document["journal"]
        assert entry["tags"] == ["spring", "собрание"] and entry["mood"] == "good"
        assert "**важное**" in entry["body"]
    else:
        assert document["journal"] == []
    # Schema 8: every journal has its identifier, old ones from the upgrade; the sponsor's notes.
    notes = document["sponsor"]["sponsor_notes"]
    if version >= 8:
        assert document["journal_id"] == FIXTURE_JOURNAL_ID
        (note,) = notes
        assert (note["about"], note["sponsor"]) == ("answer:1:s1.q01", "Сэм")
        assert note["text"] == "Хороший ответ. Обсудим в воскресенье?"
        assert (note["report_made_on"], note["answer"]) == ("2026-11-02", "")
    else:
        assert is_journal_id(document["journal_id"]) and notes == []
    # Opening again is a no-op upgrade: the identifier made by the upgrade stays.
    again = open_vault(copy, FIXTURE_PASSPHRASE)
    try:
        assert journal_id(again) == document["journal_id"]
        if version >= 8:  # found by the search too
            found = again.search.find('stems : "воскресен"', 10)
            assert [item.kind for item in found] == ["sponsor_notes"]
    finally:
        again.close()


def _plain_connection(tmp_path: Path):
    conn = sqlcipher3.connect(str(tmp_path / "m.db"), isolation_level=None)
    conn.set_key("k")
    conn.execute("PRAGMA kdf_iter = 4000")
    return conn


def test_a_failing_migration_leaves_neither_tables_nor_version(tmp_path):
    conn = _plain_connection(tmp_path)
    broken = (
        Migration(1, "0001_ok.sql", "CREATE TABLE a (x);"),
        Migration(2, "0002_broken.sql", "CREATE TABLE b (y); INSERT INTO nowhere VALUES (1);"),
    )
    with pytest.raises(sqlcipher3.OperationalError):
        apply_migrations(conn, 0, broken)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert tables == {"a"}
    assert not conn.in_transaction


def test_migrations_already_applied_are_skipped(tmp_path):
    conn = _plain_connection(tmp_path)
    steps = (Migration(1, "0001_a.sql", "CREATE TABLE a (x);"),)
    assert apply_migrations(conn, 0, steps) == 1
    assert apply_migrations(conn, 1, steps) == 1


# A schema-6 vault whose step 8 entries the old send_to_step8 made (commit 6018652): a
# resentment's cause was filed as the harm. The fixture's rows are listed in STEP8_BEFORE.
STEP8_FIXTURE = FIXTURES / "step8-from-schema-6.rjvault"
STEP8_BEFORE = {  # person: harm as the old code left it
    "My landlord": "Kept my deposit and said I left the flat dirty.",
    "My boss": "Passed me over for the promotion. I told lies about him at work.",
    "The bank": "I wrote cheques I knew would bounce.",
    "Сосед": "Шумел по ночам.",
    "Мама": "",
    "A friend": "Forgot my birthday.",
    "Anna": "Hid that I was messaging someone else.",
    "My sister": "Borrowed money twice and didn't pay it back.",
    "Myself": "Years of drinking.",
}
# person: (harm, my part, their part) after the upgrade
STEP8_AFTER = {
    "My landlord": (
        "The oven really was dirty. I never asked him about it calmly; "
        "I complained to everyone else instead.",
        ["frightened", "selfish"],
        "Kept my deposit and said I left the flat dirty.",
    ),
    # Words added after the cause are the person's own: they stay the harm.
    "My boss": (
        "I told lies about him at work.",
        ["self_seeking"],
        "Passed me over for the promotion.",
    ),
    "Сосед": ("Я стучал ему в стену и кричал.", ["inconsiderate"], "Шумел по ночам."),
    "Мама": ("Врал ей о деньгах.", ["dishonest"], ""),
}


def _step8_words(vault) -> dict[str, tuple[str, list[str], str]]:
    return {
        a["person"]: (a["harm"], a["my_part"], a["their_part"])
        for a in export_document(vault)["inventory"]["amends"]
    }


def test_step8_entries_made_by_the_old_code_get_my_part_and_lose_no_word(tmp_path):
    copy = tmp_path / STEP8_FIXTURE.name
    shutil.copy(STEP8_FIXTURE, copy)
    vault = open_vault(copy, FIXTURE_PASSPHRASE)
    try:
        assert vault.schema_version() == latest_version()
        words = _step8_words(vault)
        found = {item.title: item.body for item in vault.search.find('stems : "deposit"', 10)}
        moved_words = {item.title for item in vault.search.find('stems : "oven"', 10)}
    finally:
        vault.close()
    for person, (harm, my_part, their_part) in STEP8_AFTER.items():
        assert words[person] == (harm, my_part, their_part), person
    # The rest is as it was: rewritten by the person, from a row since deleted, from the other
    # sheets (their words were already the person's own part), added by hand.
    for person in set(STEP8_BEFORE) - set(STEP8_AFTER):
        assert words[person] == (STEP8_BEFORE[person], [], ""), person
    # Every word the old entries held is still on them.
    for person, before in STEP8_BEFORE.items():
        harm, _my_part, their_part = words[person]
        assert set(before.split()) <= set(f"{their_part} {harm}".split()), person
    # The index was built again: the moved words are found on the entry, my part too.
    assert "Kept my deposit" in found["My landlord"]
    assert "My landlord" in moved_words
    open_vault(copy, FIXTURE_PASSPHRASE).close()  # a second open changes nothing more
    again = open_vault(copy, FIXTURE_PASSPHRASE)
    try:
        assert _step8_words(again) == words
    finally:
        again.close()


def test_a_failing_data_step_leaves_neither_rows_nor_version(tmp_path):
    conn = _plain_connection(tmp_path)

    def broken(conn):
        conn.execute("INSERT INTO a VALUES (2)")
        raise RuntimeError("a rule failed")

    steps = (
        Migration(1, "0001_a.sql", "CREATE TABLE a (x); INSERT INTO a VALUES (1);"),
        Migration(2, "0002_b.sql", "INSERT INTO a VALUES (3);", broken),
    )
    with pytest.raises(RuntimeError):
        apply_migrations(conn, 0, steps)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("SELECT x FROM a").fetchall() == [(1,)]
    assert not conn.in_transaction
