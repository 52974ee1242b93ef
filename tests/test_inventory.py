"""The inventory worksheets: rules, the step 8 link, defects to steps 6-7, and a large table."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from recovery_journal.domain.inventory import (
    MY_PART,
    TO_STEP8,
    WHERE,
    Amend,
    Fear,
    Harm,
    Resentment,
    SexConduct,
    Step8Words,
    step8_words,
    with_cause_moved,
)
from recovery_journal.domain.step_tools import Defect
from recovery_journal.i18n import LANGUAGES
from recovery_journal.services.changes import Changed, Changes
from recovery_journal.services.inventory import (
    carry_defects_to_steps_6_7,
    duplicate,
    inventory_text,
    send_to_step8,
)
from recovery_journal.ui.record_model import Column, RecordModel, RecordProxy

LANDLORD = Resentment(
    "r1",
    "My landlord",
    "Kept my deposit and said I left the flat dirty.",
    frozenset({"finances"}),
    frozenset({"selfish", "frightened"}),
    "I never asked him about it calmly; I complained to everyone else instead.",
)


def test_a_resentment_sends_my_part_not_what_they_did():
    words = step8_words(LANDLORD)
    assert words.person == "My landlord"
    assert words.harm == LANDLORD.my_part_notes
    assert words.my_part == frozenset({"selfish", "frightened"})
    assert LANDLORD.cause not in words.harm


def test_sex_conduct_sends_how_i_acted_and_where_i_was_wrong():
    row = SexConduct(
        "x1",
        "Anna",
        frozenset({"dishonest"}),
        frozenset({"suspicion"}),
        at_fault="Hid that I was messaging someone else.",
        instead="Be open about it.",
        ideal="Honesty.",
    )
    assert step8_words(row) == Step8Words(
        "Anna", "Hid that I was messaging someone else.", frozenset({"dishonest"})
    )


def test_another_harm_sends_what_i_did_and_how_it_affected_them():
    row = Harm("h1", "My sister", " Borrowed money twice. ", "She was short that month.")
    assert step8_words(row) == Step8Words(
        "My sister", "Borrowed money twice.\nShe was short that month."
    )
    assert step8_words(Harm("h2", "Sam", "Shouted")).harm == "Shouted"


def test_a_fear_sends_no_one_to_step_8():
    # A fear is about me; when it led to harm, that harm is written on another sheet.
    assert Fear not in TO_STEP8
    assert set(TO_STEP8) == {Resentment, SexConduct, Harm}


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_how_i_acted_on_both_sheets_has_names_in_every_language(language):
    # The entry keeps option keys; their names come from the language shown, and the sex
    # conduct sheet's "how I acted" keys are names of "my part" too.
    text = inventory_text(language)
    assert set(WHERE) <= set(MY_PART)
    for key in MY_PART:
        assert text.option("my_part", key).strip()
    for key in WHERE:
        assert text.option("my_part", key) == text.option("where", key)
    for field in ("person", "harm", "willingness", "my_part", "their_part"):
        assert text.column("step8", field).strip()


def test_sending_a_row_to_step_8_keeps_the_link_once(new_vault):
    new_vault.records.save(LANDLORD)
    amend = send_to_step8(new_vault, LANDLORD).value
    assert (amend.person, amend.harm, amend.my_part, amend.their_part, amend.source_uid) == (
        "My landlord",
        LANDLORD.my_part_notes,
        LANDLORD.my_part,
        "",
        "r1",
    )
    assert send_to_step8(new_vault, LANDLORD) == Changed(
        amend, Changes()
    )  # a second click adds nobody
    for record in (SexConduct("s1", whom="Anna", at_fault="Lied"), Harm("h1", "Sam", "Shouted")):
        new_vault.records.save(record)
        send_to_step8(new_vault, record)
    amends = new_vault.records.all(Amend)
    assert [(a.person, a.harm) for a in amends] == [
        ("My landlord", LANDLORD.my_part_notes),
        ("Anna", "Lied"),
        ("Sam", "Shouted"),
    ]
    assert new_vault.records.all(Amend)[0] == amend  # the ticks come back from the vault


def test_an_old_entry_gets_my_part_and_keeps_the_cause_apart():
    old = Amend("a1", "My landlord", LANDLORD.cause, source_uid="r1")
    moved = with_cause_moved(old, LANDLORD)
    assert moved == replace(
        old,
        harm=LANDLORD.my_part_notes,
        my_part=LANDLORD.my_part,
        their_part=LANDLORD.cause,
    )
    assert with_cause_moved(moved, LANDLORD) is None  # once only


def test_words_added_after_the_cause_stay_the_harm():
    old = Amend("a1", "My landlord", f"{LANDLORD.cause}  I shouted at him.\n", source_uid="r1")
    moved = with_cause_moved(old, LANDLORD)
    assert (moved.harm, moved.their_part, moved.my_part) == (
        "I shouted at him.",
        LANDLORD.cause,
        LANDLORD.my_part,
    )


@pytest.mark.parametrize(
    ("cause", "harm"),
    [("Mum", "Mumbled when she called"), ("He lied", "He lied. I shouted back")],
)
def test_a_harm_that_only_starts_with_the_cause_is_left_whole(cause, harm):
    """The cause as the start of a word or a sentence is no copy of it: split there, a word
    was cut in two ("Mum" + "bled when she called")."""
    row = Resentment("r1", "Mum", cause, my_part=frozenset({"selfish"}))
    assert with_cause_moved(Amend("a1", "Mum", harm, source_uid="r1"), row) is None


def test_an_empty_harm_gets_my_part():
    old = Amend("a1", "My landlord", "", source_uid="r1")
    moved = with_cause_moved(old, LANDLORD)
    assert (moved.harm, moved.their_part) == (LANDLORD.my_part_notes, "")
    assert with_cause_moved(old, Resentment("r1", "My landlord", "A cause")) is None


@pytest.mark.parametrize(
    "old",
    [
        Amend("a1", "My landlord", "I wrote him an angry letter.", source_uid="r1"),  # rewritten
        Amend("a1", "My landlord", LANDLORD.cause, source_uid="r9"),  # another row's
        Amend("a1", "My landlord", LANDLORD.cause),  # added by hand
    ],
)
def test_the_persons_own_words_are_left_alone(old):
    assert with_cause_moved(old, LANDLORD) is None


def test_my_part_ticks_become_defects_once(new_vault):
    new_vault.records.save(Resentment("r1", my_part=frozenset({"selfish", "frightened"})))
    new_vault.records.save(Resentment("r2", my_part=frozenset({"selfish"})))
    new_vault.records.save(Defect("d0", "Selfish"))
    names = inventory_text("en").options["my_part"]
    assert carry_defects_to_steps_6_7(new_vault, names) == Changed(1, Changes(steps=True))
    assert carry_defects_to_steps_6_7(new_vault, names) == Changed(0, Changes())
    assert sorted(d.name for d in new_vault.records.all(Defect)) == sorted(
        ["Selfish", names["frightened"]]
    )


def test_duplicate_goes_right_after_the_row(new_vault):
    for n in range(3):
        new_vault.records.save(Harm(f"h{n}", f"person {n}", position=n))
    copy = duplicate(new_vault, new_vault.records.all(Harm)[0]).value
    order = [(h.to_whom, h.uid == copy.uid) for h in new_vault.records.all(Harm)]
    assert order == [
        ("person 0", False),
        ("person 0", True),
        ("person 1", False),
        ("person 2", False),
    ]


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_inventory_text_is_complete(language):
    from recovery_journal.domain.inventory import CHOICES, WORKSHEETS
    from recovery_journal.domain.records import field_kinds

    text = inventory_text(language)
    assert text.language == language
    for sheet, record_type in WORKSHEETS.items():
        assert text.worksheets[sheet]["title"] and text.worksheets[sheet]["explanation"]
        for field, _kind in field_kinds(record_type):
            if field not in ("uid", "position", "private", "discussed"):
                assert text.column(sheet, field).strip()
    for group, keys in CHOICES.items():
        assert all(text.option(group, key).strip() for key in keys)
    for group in ("willingness", "amends_kind", "amends_status"):
        assert len(text.options[group]) == 4


def test_a_thousand_rows_sort_and_filter(qapp):
    """How long it takes is the benchmark's (tools/bench.py, table_sort_or_filter)."""
    rows = [
        Resentment(
            f"r{n:04d}",
            who=f"Person {n % 97}",
            cause=f"Cause number {n} " * 3,
            affects=frozenset({"pride"} if n % 2 else {"security", "finances"}),
            my_part=frozenset({"selfish"}),
            position=n,
        )
        for n in range(1000)
    ]
    columns = [Column(f, f) for f in ("who", "cause", "affects", "my_part", "private")]
    model = RecordModel(Resentment, columns, lambda old, new: None, lambda field, key: key)
    model.set_records(rows)
    proxy = RecordProxy()
    proxy.setSourceModel(model)
    proxy.setFilterKeyColumn(-1)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.sort(1, Qt.SortOrder.DescendingOrder)
    proxy.setFilterFixedString("person 42")
    assert proxy.rowCount() == len([r for r in rows if r.who == "Person 42"])
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    assert proxy.index(0, 0).data() == "Person 42"


def test_moving_a_row_swaps_it_with_its_neighbour_only():
    from recovery_journal.services.step_tools import move_plan

    rows = [Harm(f"h{n}", f"person {n}", position=n) for n in range(4)]
    moved = move_plan(rows, rows[1], 1)
    assert sorted((h.uid, h.position) for h in moved) == [("h1", 2), ("h2", 1)]
    assert move_plan(rows, rows[0], -1) == []  # already first
    assert move_plan(rows, rows[3], 1) == []  # already last
