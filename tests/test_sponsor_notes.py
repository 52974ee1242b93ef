"""The sponsor's notes (issue 23): the items they are about, their uids, and a real vault keeping,
exporting, importing and finding them; the journal's identifier that reports carry."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from recovery_journal.domain.inventory import Amend, Resentment
from recovery_journal.domain.journal_identity import is_journal_id
from recovery_journal.domain.records import from_plain, to_plain
from recovery_journal.domain.settings_keys import JOURNAL_ID
from recovery_journal.domain.sponsor_notes import (
    AMENDS_LIST,
    About,
    NotAnItem,
    SponsorNote,
    Topic,
    about_from_text,
    by_item,
    note_from_reply,
    note_uid,
    sponsor_words,
)
from recovery_journal.errors import ImportRejected
from recovery_journal.services.demo import fill_demo
from recovery_journal.services.export import (
    FORMAT_VERSION,
    dumps,
    export_document,
    import_document,
    parse_document,
)
from recovery_journal.services.journal_identity import journal_id
from recovery_journal.services.search import kind_heading, search
from recovery_journal.services.sponsor_notes import (
    all_notes,
    answer_note,
    delete_note,
    item_names,
    keep_notes,
    notes_about,
)
from recovery_journal.services.steps import save_answer
from recovery_journal.store import create_vault
from tests.conftest import PASSPHRASE, TEST_KDF, reopen

JOURNAL = "0123456789abcdef0123456789abcdef"
REPORT = "report-2026-12-01"
LANDLORD = Resentment("r1", "My landlord", "Kept my deposit.")

# Every kind of item, with its string form: the form a report writes beside each place a
# sponsor can write, and the vault keeps.
FORMS = {
    About.report(): "report",
    About.step(4): "step:4",
    About.answer(4, "s4.q03"): "answer:4:s4.q03",
    About.answer(12, "my-pack/q1"): "answer:12:my-pack/q1",
    About.worksheet("resentments"): "worksheet:resentments",
    About.row("resentments", "r1"): "row:resentments:r1",
    About.row(AMENDS_LIST, "a-1"): "row:amends:a-1",
    About.amends(): "amends",
    About.reviews(): "reviews",
}


@pytest.mark.parametrize("about", list(FORMS), ids=list(FORMS.values()))
def test_an_item_is_written_and_read_back_the_same(about):
    assert str(about) == FORMS[about]
    assert about_from_text(str(about)) == about
    assert from_plain(About, to_plain(about)) == about  # as the store and the export keep it


def test_an_item_names_its_parts():
    answer = About.answer(4, "s4.q03")
    assert (answer.topic, answer.step_number, answer.question_id) == (Topic.ANSWER, 4, "s4.q03")
    assert About.step(9).step_number == 9
    row = About.row("fears", "f7")
    assert (row.sheet, row.row_uid, row.step_number) == ("fears", "f7", None)
    assert About.amends().sheet == AMENDS_LIST
    assert About.worksheet("harms").sheet == "harms"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "steps:4",
        "step:13",
        "step:0",
        "step:04",
        "step:four",
        "step:",
        "answer:4",
        "answer:4:",
        "answer:13:s13.q01",
        "answer:4:s4 q03",
        "worksheet:gratitude",
        "row:resentments",
        "row:meetings:m1",
        "row:resentments:r 1",
        "report:all",
        "reviews:2026",
        "Report",
        "row:resentments:" + "x" * 200,
        "step:٤",  # an Arabic-Indic four is a digit to Python, not a step
    ],
)
def test_a_string_that_names_no_item_is_refused(text):
    with pytest.raises(NotAnItem):
        about_from_text(text)


def test_the_same_comment_on_the_same_item_of_the_same_report_has_one_uid():
    about = About.answer(4, "s4.q03")
    uid = note_uid(JOURNAL, REPORT, about, "Good work.\nTalk Tuesday?")
    # Another reader may save the same words with other line ends or trailing spaces.
    assert note_uid(JOURNAL, REPORT, about, "Good work.  \r\nTalk Tuesday?\n") == uid
    assert len(uid) == 32 and uid == note_uid(JOURNAL, REPORT, about, "Good work.\nTalk Tuesday?")
    others = {
        note_uid("f" * 32, REPORT, about, "Good work.\nTalk Tuesday?"),
        note_uid(JOURNAL, "report-2027-01-05", about, "Good work.\nTalk Tuesday?"),
        note_uid(JOURNAL, REPORT, About.answer(4, "s4.q04"), "Good work.\nTalk Tuesday?"),
        note_uid(JOURNAL, REPORT, about, "Good work. Talk Tuesday?"),
    }
    assert uid not in others and len(others) == 4


def test_the_words_are_kept_as_readers_agree_on_them():
    assert sponsor_words("\n  Well done.  \r\n\r\nSam \n") == "Well done.\n\nSam"
    assert sponsor_words("и\u0306") == "й"  # composed, as another reader may decompose it


def _note(about: About, text: str, day: int = 3, position: int = 0, **kwargs) -> SponsorNote:
    return note_from_reply(
        JOURNAL,
        kwargs.pop("report", REPORT),
        about,
        text,
        sponsor=kwargs.pop("sponsor", "Sam"),
        written_on=date(2026, 12, day),
        received_on=date(2026, 12, day + 1),
        report_made_on=date(2026, 12, 1),
        position=position,
    )


NOTES = [
    _note(About.report(), "You are doing the work. Call me Sunday.", position=0),
    _note(About.answer(4, "s4.q01"), "Look at what you were afraid of here.", position=1),
    _note(About.row("resentments", "r1"), "Where were you selfish in this one?", position=2),
    _note(About.reviews(), "Seven nights in a row: well done.", day=10),
]


def test_notes_are_kept_once_however_often_a_reply_comes_in(new_vault):
    first = keep_notes(new_vault, NOTES)
    assert first.value == 4 and first.changes.sponsor
    again = keep_notes(new_vault, [*NOTES, NOTES[0]])
    assert again.value == 0 and not again.changes  # nothing new, nothing announced
    # Newest first; the notes of one reply in the order they came.
    assert all_notes(new_vault) == [NOTES[3], NOTES[0], NOTES[1], NOTES[2]]
    assert notes_about(new_vault, About.answer(4, "s4.q01")) == [NOTES[1]]
    assert by_item(all_notes(new_vault))[About.reviews()] == [NOTES[3]]


def test_an_answer_is_kept_and_the_same_reply_again_leaves_it_alone(new_vault, vault_path):
    keep_notes(new_vault, NOTES)
    uid = NOTES[1].uid
    answered = answer_note(new_vault, uid, "I was afraid of being left.")
    assert answered.value.answer == "I was afraid of being left." and answered.changes.sponsor
    assert not answer_note(new_vault, uid, "I was afraid of being left.").changes
    keep_notes(new_vault, NOTES)
    new_vault.close()
    again = reopen(vault_path)
    try:
        (note,) = notes_about(again, About.answer(4, "s4.q01"))
        assert note.answer == "I was afraid of being left."
        assert delete_note(again, uid).sponsor
        assert notes_about(again, About.answer(4, "s4.q01")) == []
        assert not delete_note(again, uid)  # gone already
        assert answer_note(again, uid, "late").value is None
    finally:
        again.close()


def test_the_sponsors_words_and_the_answers_are_found(new_vault):
    keep_notes(new_vault, NOTES)
    answer_note(new_vault, NOTES[2].uid, "I wanted to be right.")
    results = search(new_vault, "selfish", "en")
    assert [(hit.kind, hit.ref, hit.day) for hit in results.hits] == [
        ("sponsor_notes", NOTES[2].uid, date(2026, 12, 3))
    ]
    assert results.hits[0].title == "Sam"
    assert kind_heading("sponsor_notes") == "From my sponsor"
    assert [hit.ref for hit in search(new_vault, "right", "en").hits] == [NOTES[2].uid]
    delete_note(new_vault, NOTES[2].uid)
    assert search(new_vault, "selfish", "en").count == 0


def test_every_journal_has_its_own_identifier_from_the_start(new_vault, tmp_path):
    identifier = journal_id(new_vault)
    assert is_journal_id(identifier)
    assert journal_id(new_vault) == identifier
    other = create_vault(tmp_path / "other.rjvault", PASSPHRASE, kdf_iterations=TEST_KDF)
    try:
        assert journal_id(other) != identifier
    finally:
        other.close()


def test_the_demo_keeps_the_journals_identifier_and_brings_notes_on_real_items(new_vault):
    identifier = journal_id(new_vault)
    fill_demo(new_vault, 120, "ru", end=date(2026, 11, 23))
    assert journal_id(new_vault) == identifier  # its settings are saved beside it, not over it
    notes = all_notes(new_vault)
    assert notes and all(note.sponsor == "Михаил" for note in notes)
    names = item_names(new_vault, [note.about for note in notes], "ru")
    assert all(name.exists for name in names.values())
    assert any(note.answer for note in notes)


def test_notes_and_the_identifier_travel_in_the_export(new_vault, tmp_path):
    keep_notes(new_vault, NOTES)
    answer_note(new_vault, NOTES[0].uid, "Sunday at six.")
    text = dumps(export_document(new_vault))
    document = json.loads(text)
    assert document["format_version"] == FORMAT_VERSION == 9
    assert document["journal_id"] == journal_id(new_vault)
    notes = document["sponsor"]["sponsor_notes"]
    assert [n["about"] for n in notes] == [
        "reviews",
        "report",
        "answer:4:s4.q01",
        "row:resentments:r1",
    ]
    assert notes[1]["answer"] == "Sunday at six." and notes[1]["report_made_on"] == "2026-12-01"
    target = create_vault(tmp_path / "target.rjvault", PASSPHRASE, kdf_iterations=TEST_KDF)
    try:
        assert journal_id(target) != document["journal_id"]
        import_document(target, parse_document(text.encode()))
        # A restored export is the same journal: a reply to a report made before still belongs.
        assert journal_id(target) == document["journal_id"]
        assert all_notes(target) == all_notes(new_vault)
        assert dumps(export_document(target)) == text
        assert [hit.ref for hit in search(target, "Sunday", "en").hits] == [NOTES[0].uid]
    finally:
        target.close()


def _format_8(document: dict) -> dict:
    document = json.loads(json.dumps(document))
    document["format_version"] = 8
    del document["journal_id"], document["sponsor"]
    return document


def test_an_older_export_imports_and_the_vault_keeps_its_own_identifier(new_vault, tmp_path):
    new_vault.settings.set("display_name", "Al")
    document = _format_8(export_document(new_vault))
    target = create_vault(tmp_path / "target.rjvault", PASSPHRASE, kdf_iterations=TEST_KDF)
    try:
        own = journal_id(target)
        import_document(target, parse_document(json.dumps(document).encode()))
        assert journal_id(target) == own
        assert target.settings.get_all() == {"display_name": "Al", JOURNAL_ID.name: own}
        assert all_notes(target) == []
    finally:
        target.close()


def test_format_9_needs_the_identifier_and_the_notes(new_vault):
    keep_notes(new_vault, NOTES)
    document = export_document(new_vault)
    for key in ("journal_id", "sponsor"):
        broken = dict(document)
        del broken[key]
        with pytest.raises(ImportRejected):
            parse_document(json.dumps(broken).encode())
    # A format 8 file cannot carry them.
    older = _format_8(document)
    older["sponsor"] = document["sponsor"]
    with pytest.raises(ImportRejected):
        parse_document(json.dumps(older).encode())


@pytest.mark.parametrize(
    "change",
    [
        lambda n: n.update(about="step:13"),
        lambda n: n.update(about="row:gratitude:g1"),
        lambda n: n.update(text="  "),
        lambda n: n.update(written_on="2026-02-30"),
        lambda n: n.update(report_made_on="1850-01-01"),
        lambda n: n.pop("answer"),
    ],
)
def test_a_note_that_makes_no_sense_is_refused_with_nothing_imported(new_vault, tmp_path, change):
    keep_notes(new_vault, NOTES)
    document = json.loads(dumps(export_document(new_vault)))
    change(document["sponsor"]["sponsor_notes"][0])
    target = create_vault(tmp_path / "target.rjvault", PASSPHRASE, kdf_iterations=TEST_KDF)
    try:
        before = target.settings.get_all()
        with pytest.raises(ImportRejected):
            import_document(target, parse_document(json.dumps(document).encode()))
        assert target.is_empty() and target.settings.get_all() == before
    finally:
        target.close()


def test_the_same_note_twice_in_a_file_is_refused(new_vault):
    keep_notes(new_vault, NOTES)
    document = export_document(new_vault)
    notes = document["sponsor"]["sponsor_notes"]
    notes.append(dict(notes[0]))
    with pytest.raises(ImportRejected, match=r"sponsor\.sponsor_notes"):
        parse_document(json.dumps(document).encode())


def test_each_item_is_named_in_words(new_vault):
    new_vault.records.save(LANDLORD)
    new_vault.records.save(Resentment("r2"))
    new_vault.records.save(Amend("a1", "Mum"))
    save_answer(new_vault, 4, "s4.q03", "An answer.")
    names = item_names(
        new_vault,
        [
            About.report(),
            About.step(4),
            About.answer(4, "s4.q03"),
            About.answer(4, "gone-pack/q9"),
            About.worksheet("fears"),
            About.row("resentments", "r1"),
            About.row("resentments", "r2"),
            About.row("resentments", "r9"),
            About.row(AMENDS_LIST, "a1"),
            About.amends(),
            About.reviews(),
        ],
        "en",
    )
    words = {str(about): name.text for about, name in names.items()}
    assert words == {
        "report": "The whole report",
        "step:4": "Step 4: answers",
        "answer:4:s4.q03": "Step 4, question 3",
        "answer:4:gone-pack/q9": "Step 4, a question no longer here",
        "worksheet:fears": "Fears",
        "row:resentments:r1": "Resentments: My landlord",
        "row:resentments:r2": "Resentments: a row without a name",
        "row:resentments:r9": "Resentments: a row no longer here",
        "row:amends:a1": "Step 8 list: Mum",
        "amends": "Step 8 list and step 9 amends",
        "reviews": "Nightly reviews",
    }
    assert names[About.answer(4, "s4.q03")].detail  # the question asked
    assert not names[About.row("resentments", "r9")].exists
    assert names[About.row("resentments", "r1")].exists


def test_a_note_keeps_its_item_through_the_store(new_vault, vault_path):
    note = replace(NOTES[2], about=About.row(AMENDS_LIST, "a-1"))
    keep_notes(new_vault, [note])
    new_vault.close()
    again = reopen(vault_path)
    try:
        assert all_notes(again) == [note]
        assert all_notes(again)[0].about.topic is Topic.ROW
    finally:
        again.close()
