"""The inventory worksheets: rules, the step 8 link, defects to steps 6-7, and a large table."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt

from recovery_journal.domain.inventory import (
    Amend,
    Harm,
    Resentment,
    SexConduct,
)
from recovery_journal.domain.step_tools import Defect
from recovery_journal.i18n import LANGUAGES
from recovery_journal.services.inventory import (
    carry_defects_to_steps_6_7,
    duplicate,
    inventory_text,
    send_to_step8,
)
from recovery_journal.ui.record_table import Column, RecordModel, RecordProxy


def test_sending_a_row_to_step_8_keeps_the_link_once(new_vault):
    row = Resentment("r1", "My landlord", "Raised the rent without notice")
    new_vault.tools.save(row)
    amend = send_to_step8(new_vault, row)
    assert (amend.person, amend.harm, amend.source_uid) == ("My landlord", row.cause, "r1")
    assert send_to_step8(new_vault, row) == amend  # a second click adds nobody
    for record in (SexConduct("s1", whom="Anna", at_fault="Lied"), Harm("h1", "Sam", "Shouted")):
        new_vault.tools.save(record)
        send_to_step8(new_vault, record)
    people = [a.person for a in new_vault.tools.all(Amend)]
    assert people == ["My landlord", "Anna", "Sam"]


def test_my_part_ticks_become_defects_once(new_vault):
    new_vault.tools.save(Resentment("r1", my_part=frozenset({"selfish", "frightened"})))
    new_vault.tools.save(Resentment("r2", my_part=frozenset({"selfish"})))
    new_vault.tools.save(Defect("d0", "Selfish"))
    names = inventory_text("en").options["my_part"]
    assert carry_defects_to_steps_6_7(new_vault, names) == 1
    assert carry_defects_to_steps_6_7(new_vault, names) == 0
    assert sorted(d.name for d in new_vault.tools.all(Defect)) == sorted(
        ["Selfish", names["frightened"]]
    )


def test_duplicate_goes_right_after_the_row(new_vault):
    for n in range(3):
        new_vault.tools.save(Harm(f"h{n}", f"person {n}", position=n))
    copy = duplicate(new_vault, new_vault.tools.all(Harm)[0])
    order = [(h.to_whom, h.uid == copy.uid) for h in new_vault.tools.all(Harm)]
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


def test_a_thousand_rows_sort_and_filter_without_delay(qapp):
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
    timings = []
    for column in range(len(columns)):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            started = time.perf_counter()
            proxy.sort(column, order)
            timings.append(time.perf_counter() - started)
    started = time.perf_counter()
    proxy.setFilterFixedString("person 42")
    filtering = time.perf_counter() - started
    assert proxy.rowCount() == len([r for r in rows if r.who == "Person 42"])
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    assert proxy.index(0, 0).data() == "Person 42"
    # "Without visible delay": well under a tenth of a second on this 2-core machine.
    assert max(timings) < 0.1, timings
    assert filtering < 0.1, filtering


def test_moving_a_row_swaps_it_with_its_neighbour_only():
    from recovery_journal.services.step_tools import move_plan

    rows = [Harm(f"h{n}", f"person {n}", position=n) for n in range(4)]
    moved = move_plan(rows, rows[1], 1)
    assert sorted((h.uid, h.position) for h in moved) == [("h1", 2), ("h2", 1)]
    assert move_plan(rows, rows[0], -1) == []  # already first
    assert move_plan(rows, rows[3], 1) == []  # already last
