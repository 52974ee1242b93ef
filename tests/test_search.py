"""Search inside the vault: Snowball stems in both languages, phrases and prefixes, anything a
person types, and an index that stays in step with every edit, delete, undo, import and upgrade."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recovery_journal.domain.clean_time import CleanDate, Slip
from recovery_journal.domain.daily import NightlyReview, ReviewAnswer
from recovery_journal.domain.inventory import Resentment
from recovery_journal.domain.journal import JournalEntry, Mood
from recovery_journal.domain.notes import DailyNote
from recovery_journal.domain.search import parse_query, snippet, stem, words
from recovery_journal.domain.steps import Answer
from recovery_journal.services.demo import fill_demo
from recovery_journal.services.export import export_document, import_document
from recovery_journal.services.journal import delete_entry, restore_entry, save_entry
from recovery_journal.services.search import search
from recovery_journal.store import create_vault
from recovery_journal.store.search_index import everything_written
from tests.conftest import PASSPHRASE, TEST_KDF, reopen
from tests.test_cli import run

AT = datetime(2026, 11, 20, 21, 0, tzinfo=UTC)


def entry(uid: str, body: str, title: str = "", day: date = date(2026, 11, 20), **more):
    return JournalEntry(uid, day, AT, AT, title, body, **more)


def found(vault, query: str) -> list[tuple[str, str]]:
    return [(hit.kind, hit.ref) for hit in search(vault, query, "en").hits]


def assert_index_in_step(vault) -> None:
    """The index holds exactly what a rebuild from the tables would hold, word for word."""
    held = {(i.kind, i.ref): i for i in vault.search.everything()}
    held_words = vault.search.indexed_words()
    expected = {
        (i.kind, i.ref): i for i in everything_written(vault) if i is not None and not i.empty
    }
    assert held == expected
    vault.rebuild_search_index()
    assert vault.search.indexed_words() == held_words


# --- words and stems -----------------------------------------------------------------------------


def test_stems_come_from_snowball_in_the_language_of_each_word():
    assert {stem(w) for w in ("resentful", "resentment", "resentments", "resented")} == {"resent"}
    assert {stem(w) for w in words("обида обиды обиду обидами")} == {"обид"}
    assert stem("страхи") == stem("страх")
    assert words("Ёлка DON’T") == ["елка", "don't"]


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("resentful", "So much resentment about the rent."),
        ("resentment", "I was resentful all day."),
        ("fears", "One fear at a time."),
        ("обида", "Старые обиды на брата."),
        ("обиды", "Я отпустил обиду."),
        ("собрание", "После собраний легче."),
    ],
)
def test_word_forms_are_found_in_both_languages(new_vault, query, text):
    save_entry(new_vault, entry("e1", text))
    save_entry(new_vault, entry("e2", "Nothing to do with it. Ничего общего."))
    assert found(new_vault, query) == [("journal", "e1")]


def test_phrases_need_their_words_together_and_in_order(new_vault):
    save_entry(new_vault, entry("together", "Today I felt resentful at work."))
    save_entry(new_vault, entry("apart", "Resentful? No. I felt fine."))
    assert found(new_vault, '"felt resentful"') == [("journal", "together")]
    assert set(found(new_vault, "felt resentful")) == {
        ("journal", "together"),
        ("journal", "apart"),
    }
    # A phrase in Russian, word forms included.
    save_entry(new_vault, entry("ru", "Старая обида на маму прошла."))
    assert found(new_vault, '"обиды на маму"') == [("journal", "ru")]


def test_prefixes_and_exclusions(new_vault):
    save_entry(new_vault, entry("a", "Resentments listed for my sponsor."))
    save_entry(new_vault, entry("b", "Sponsorship is service too."))
    save_entry(new_vault, entry("c", "Обидами делиться трудно."))
    assert found(new_vault, "resent*") == [("journal", "a")]
    assert set(found(new_vault, "sponsor*")) == {("journal", "a"), ("journal", "b")}
    assert found(new_vault, "sponsor* -service") == [("journal", "a")]
    assert found(new_vault, "обид*") == [("journal", "c")]
    assert found(new_vault, "-service") == []  # only an exclusion: nothing, not an error


@pytest.mark.parametrize(
    "typed",
    [
        '"',
        '""',
        "*",
        "-",
        ":",
        "a:b",
        "(",
        ")",
        "NEAR",
        "NEAR(a b)",
        "a AND",
        "OR",
        "NOT x",
        "^",
        "{a}",
        "stems:x",
        "'",
        '"unclosed phrase',
        "- - -",
        "**",
        "rent*ment",
        "   ",
    ],
)
def test_what_a_person_types_is_never_fts_syntax(new_vault, typed):
    save_entry(new_vault, entry("e", "NEAR the rent, AND the stems: not an OR."))
    search(new_vault, typed, "en")  # no exception, whatever comes back


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    typed=st.text(alphabet=st.sampled_from("ab ор\"*-:()^{}[]+.,!?ÿ\\'NEARORNOTAND\t"), max_size=30)
)
def test_any_typed_query_gives_results_or_none_never_an_error(new_vault, typed):
    if new_vault.journal.count() == 0:
        save_entry(new_vault, entry("e", "an NEAR or AND not ab ор"))
    results = search(new_vault, typed, "en")
    assert results.count in (0, 1)


def test_the_snippet_marks_the_matching_words_in_context():
    text = "A long day. " * 20 + "Then the resentment came back, and I called my sponsor."
    cut = snippet(text, parse_query("resentful sponsor*"))
    assert cut.cut_before and not cut.cut_after
    assert [part for part, matched in cut.parts if matched] == ["resentment", "sponsor"]
    phrase = snippet("felt bad. I felt resentful.", parse_query('"felt resentful"'))
    assert [part for part, matched in phrase.parts if matched] == ["felt", "resentful"]


# --- everything the person wrote, and the index in step ---------------------------------------


def test_everything_written_is_searchable_and_grouped(new_vault):
    vault = new_vault
    with vault.transaction():
        vault.journal.save(entry("j", "Lighthouse walk."))
        vault.notes.save(DailyNote(date(2026, 11, 19), "Lighthouse at dawn.", AT, AT))
        vault.steps.save_answer(Answer("s4.q01", 4, "The lighthouse keeper.", AT))
        vault.records.save(Resentment("r", who="Lighthouse man", cause="He shouted"))
        vault.reviews.save(
            NightlyReview(
                date(2026, 11, 18), (ReviewAnswer("q.better", None, "lighthouse"),), (), AT
            )
        )
        vault.records.save(CleanDate("c", "Alcohol", date(2025, 1, 1)))
        vault.records.save(Slip("s", "c", date(2025, 6, 1), "At the lighthouse party"))
    results = search(vault, "lighthouses", "en")
    assert [kind for kind, _hits in results.groups] == [
        "journal",
        "note",
        "answer",
        "resentments",
        "review",
        "slips",
    ]
    answer = next(hit for hit in results.hits if hit.kind == "answer")
    assert answer.step == 4 and answer.item_id == "s4.q01" and answer.title  # the question
    assert_index_in_step(vault)


def test_edits_deletes_and_undo_keep_the_index_in_step(new_vault):
    vault = new_vault
    first = save_entry(vault, entry("e", "Walked by the harbour.", tags=frozenset({"walk"}))).value
    assert found(vault, "harbour") == [("journal", "e")]
    save_entry(vault, first.edited(AT, body="Walked by the river.", mood=Mood.GOOD))
    assert found(vault, "harbour") == [] and found(vault, "river") == [("journal", "e")]
    assert found(vault, "walk") == [("journal", "e")]  # the tag is searchable too
    deleted = delete_entry(vault, "e").value
    assert deleted is not None and found(vault, "river") == []
    restore_entry(vault, deleted)
    assert found(vault, "river") == [("journal", "e")]
    with vault.transaction():
        vault.steps.save_answer(Answer("s1.q01", 1, "Powerless over the harbour bars.", AT))
        vault.steps.save_answer(Answer("s1.q01", 1, "", AT))  # emptied: out of the index
        vault.records.save(Resentment("r", who="Boss", cause="Harbour job"))
        vault.records.save(CleanDate("c", "Alcohol", date(2025, 1, 1)))
        vault.records.save(Slip("s", "c", date(2025, 6, 1), "Harbour pub"))
    assert set(found(vault, "harbour")) == {("resentments", "r"), ("slips", "s")}
    with vault.transaction():
        vault.records.delete(CleanDate, "c")  # its slips go with it (cascade)
        vault.records.delete(Resentment, "r")
        vault.reviews.save(
            NightlyReview(date(2026, 1, 1), (ReviewAnswer("q.better", None, "x"),), (), AT)
        )
        vault.reviews.save(NightlyReview(date(2026, 1, 1), (), (), AT))  # emptied
    assert found(vault, "harbour") == [] and found(vault, "x") == []
    assert_index_in_step(vault)


def test_the_index_is_rebuilt_on_import_and_when_its_version_differs(tmp_path, new_vault):
    fill_demo(new_vault, 60, "ru", end=date(2026, 11, 23))
    document = export_document(new_vault)
    target = create_vault(tmp_path / "target.rjvault", PASSPHRASE, kdf_iterations=TEST_KDF)
    import_document(target, json.loads(json.dumps(document)))
    assert search(target, "обиды", "ru").count > 0
    assert_index_in_step(target)
    # An index built another way (a newer stemmer, say) is built again at the next open.
    with target.transaction():
        target._conn.execute("UPDATE search_state SET index_version = 0")
        target._conn.execute("DELETE FROM search_words")
    target.close()
    again = reopen(tmp_path / "target.rjvault")
    try:
        assert search(again, "обиды", "ru").count > 0
        assert_index_in_step(again)
    finally:
        again.close()


def test_the_index_is_inside_the_encrypted_file(vault_path, new_vault):
    save_entry(new_vault, entry("e", "Quixotic zeppelin marmalade."))
    new_vault.close()
    files = {path.name for path in vault_path.parent.iterdir()}
    assert files <= {vault_path.name, f".{vault_path.name}.lock"}
    raw = vault_path.read_bytes()
    for word in (b"zeppelin", b"quixot", b"marmalad"):
        assert word not in raw


def test_search_from_the_command_line(tmp_path):
    path = tmp_path / "cli.rjvault"
    assert run("demo", "--vault", str(path), "--days", "60", "--language", "en").returncode == 0
    result = run("search", "--vault", str(path), "--json", "resentful")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["count"] > 0
    assert all(hit["matches"] for hit in document["results"])
    assert {
        stem(word) for hit in document["results"] for word in words(" ".join(hit["matches"]))
    } == {"resent"}
    plain = run("search", "--vault", str(path), '"felt resentful"')
    assert plain.returncode == 0 and "[felt] [resentful]" in plain.stdout
    odd = run("search", "--vault", str(path), '"', "*", "-", ":", "NEAR(")
    assert odd.returncode == 0 and "Traceback" not in odd.stderr
    # "-" alone: the words come on standard input, out of shell history and the process list.
    piped = run("search", "--vault", str(path), "--json", "-", input="resentful")
    assert piped.returncode == 0 and json.loads(piped.stdout)["count"] == document["count"]
    assert run("search", "--vault", str(path), "--limit", "0", "x").returncode == 2


def test_what_review_found_stays_fixed(new_vault):
    vault = new_vault
    # A pack that moves its question to another step: the old step's entry leaves the index.
    with vault.transaction():
        vault.steps.save_answer(Answer("pack/q1", 4, "Apples and pears.", AT))
        vault.steps.save_answer(Answer("pack/q1", 5, "Only pears now.", AT))
    assert found(vault, "apples") == [] and found(vault, "pears") == [("answer", "5:pack/q1")]
    with vault.transaction():
        vault.steps.delete_answer("pack/q1")
    assert found(vault, "pears") == []
    assert_index_in_step(vault)
    # Letters written decomposed (as some PDFs and Macs paste them) match their usual form.
    save_entry(vault, entry("nfd", "Мои\u0306 страх; cafe\u0301 talk."))
    assert found(vault, "мой") == [("journal", "nfd")]
    assert found(vault, "café") == [("journal", "nfd")]
    # A hyphenated word is one word to the person: "-self-will" leaves out just that.
    save_entry(vault, entry("sw", "Self-will ran riot."))
    save_entry(vault, entry("w", "My will to stay, and my self-respect."))
    assert found(vault, "-self-will will") == [("journal", "w")]
    assert found(vault, "self-will") == [("journal", "sw")]
    # However many words are left out, an answer, never an error.
    many = " ".join(f"-w{n}" for n in range(300)) + " riot"
    assert found(vault, many) == [("journal", "sw")]
