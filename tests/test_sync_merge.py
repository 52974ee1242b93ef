"""Issue 24's merge rule, as properties: random edits, deletions and same-record conflicts on
two or three computers, exchanged in random orders and repeated, end with identical journals on
every computer, and every word written is there, unless the person wrote over it themselves."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from recovery_journal.domain.sync_merge import (
    Journal,
    Version,
    Write,
    changes_since,
    merge,
    seen_by,
    write,
    write_all,
)

COMPUTERS = ("laptop", "desktop", "phone")
KEYS = [("resentments", "r1"), ("resentments", "r2"), ("daily_notes", "2026-12-06")]

# One step of the story: a computer writes (or deletes) a record, or one computer takes in
# another's changes (the exchange through the synced folder).
writes = st.tuples(
    # "write": over every version held (a choice); "edit": over the version shown only, as an
    # edit in the window is, leaving the other computer's version beside it.
    st.sampled_from(["write", "edit"]),
    st.sampled_from(COMPUTERS),
    st.sampled_from(KEYS),
    st.one_of(st.none(), st.text(min_size=1, max_size=8)),
    st.integers(0, 50),  # the writer's clock: computers' clocks disagree freely
)
exchanges = st.tuples(st.just("take"), st.sampled_from(COMPUTERS), st.sampled_from(COMPUTERS))
stories = st.lists(st.one_of(writes, exchanges), max_size=40)


# For each write, the writes its writer wrote over, and what those had (the test's own record).
WROTE_OVER: dict = {}


def _play(story, computers=COMPUTERS, by_changes=True):
    WROTE_OVER.clear()
    journals = {computer: Journal() for computer in computers}
    written: list[Version] = []
    for step in story:
        if step[0] in ("write", "edit"):
            kind, computer, key, words, clock = step
            if computer not in journals:
                continue
            journal = journals[computer]
            record = journal.record(key)
            over = None
            if kind == "edit" and record is not None:
                over = frozenset(v for v in journal.versions[key] if v.words == record.shown.words)
            journals[computer] = write_all(
                journal, computer, [Write(key, words, f"2026-12-06T00:{clock:02d}:00", over)]
            )
            (version,) = journals[computer].versions[key] - journal.versions.get(key, frozenset())
            written.append(version)
            # What the person wrote over, as they did it, apart from the rule's own ``saw``.
            held = journal.versions.get(key, frozenset())
            for under in held if over is None else over & held:
                WROTE_OVER.setdefault(version.dot, set()).update(
                    {under.dot, *WROTE_OVER.get(under.dot, ())}
                )
        else:
            _kind, taker, giver = step
            if taker not in journals or giver not in journals:
                continue
            given_ = journals[giver]
            if by_changes:  # only what the taker has not seen, as the folder carries it
                given_ = changes_since(given_, seen_by(journals[taker]))
            journals[taker] = merge(journals[taker], given_)
    return journals, written


def _everyone_takes_everything(journals):
    for _round in range(2):
        for taker, giver in itertools.permutations(journals, 2):
            giving = changes_since(journals[giver], seen_by(journals[taker]))
            journals[taker] = merge(journals[taker], giving)
    return journals


@settings(max_examples=1000, deadline=None)
@given(stories)
def test_every_computer_ends_with_the_same_journal(story):
    journals, _written = _play(story)
    journals = _everyone_takes_everything(journals)
    first = next(iter(journals.values()))
    for journal in journals.values():
        assert journal == first
        assert journal.live() == first.live()


@settings(max_examples=300, deadline=None)
@given(stories)
def test_no_word_is_lost_unless_the_person_wrote_over_it(story):
    journals, written = _play(story)
    final = merge(*_everyone_takes_everything(journals).values())
    kept = {v for versions in final.versions.values() for v in versions}
    for version in written:
        overwritten = any(version.dot in WROTE_OVER.get(later.dot, ()) for later in written)
        if not overwritten:
            assert version in kept
            record = final.record(version.key)
            assert record is not None
            if version.words is not None:  # an edit is shown, or kept beside what is shown
                shown = [record.shown, *record.others]
                assert version.words in [v.words for v in shown]


@settings(max_examples=200, deadline=None)
@given(stories, st.randoms(use_true_random=False))
def test_merging_is_the_same_in_any_order_and_twice(story, chance):
    journals, _written = _play(story, by_changes=False)
    parts = list(journals.values())
    once = merge(*parts)
    chance.shuffle(parts)
    assert merge(*parts) == once
    assert merge(once, *parts) == once  # the same changes again add nothing
    assert merge(merge(parts[0], parts[1]), parts[2]) == merge(parts[0], merge(parts[1], parts[2]))


def test_the_same_record_changed_on_two_computers_keeps_both():
    laptop, _v = write(Journal(), "laptop", KEYS[0], "first words", "2026-12-06T10:00:00")
    desktop = merge(Journal(), laptop)
    laptop, on_laptop = write(laptop, "laptop", KEYS[0], "laptop's words", "2026-12-06T11:00:00")
    desktop, on_desktop = write(
        desktop, "desktop", KEYS[0], "desktop's words", "2026-12-06T09:00:00"
    )
    both = merge(laptop, desktop)
    record = both.record(KEYS[0])
    assert record is not None
    # The later clock is shown first; the other is kept beside it, never dropped.
    assert record.shown == on_laptop and record.others == (on_desktop,)
    # Choosing is a write over both: the choice travels and both computers agree.
    chosen, _v = write(both, "desktop", KEYS[0], "desktop's words", "2026-12-06T09:30:00")
    again = merge(chosen, laptop, desktop)
    assert again.live() == {KEYS[0]: "desktop's words"} and again.record(KEYS[0]).others == ()


def test_a_deletion_travels_and_an_edit_at_the_same_time_survives_it():
    laptop, _v = write(Journal(), "laptop", KEYS[1], "a row", "2026-12-06T10:00:00")
    desktop = merge(Journal(), laptop)
    gone, _v = write(desktop, "desktop", KEYS[1], None, "2026-12-06T10:05:00")
    assert merge(laptop, gone).live() == {}  # deleted on one computer: deleted on both
    edited, _v = write(laptop, "laptop", KEYS[1], "a row, and more", "2026-12-06T10:01:00")
    assert merge(edited, gone).live() == {KEYS[1]: "a row, and more"}  # the edit is kept


def test_a_wrong_clock_never_loses_an_edit():
    laptop, _v = write(Journal(), "laptop", KEYS[2], "morning", "2026-12-06T08:00:00")
    desktop = merge(Journal(), laptop)
    # The desktop's clock is a year behind; its edit was made after it saw the laptop's.
    desktop, edit = write(desktop, "desktop", KEYS[2], "evening", "2025-12-06T20:00:00")
    assert merge(laptop, desktop).live() == {KEYS[2]: "evening"}
    assert merge(laptop, desktop).record(KEYS[2]).shown == edit


def test_the_same_words_written_on_two_computers_are_one():
    laptop, _v = write(Journal(), "laptop", KEYS[0], "the same", "2026-12-06T10:00:00")
    desktop, _v = write(Journal(), "desktop", KEYS[0], "the same", "2026-12-06T10:01:00")
    record = merge(laptop, desktop).record(KEYS[0])
    assert record is not None and record.shown.words == "the same" and record.others == ()


def test_a_computer_never_numbers_two_writes_the_same():
    """Found by the property test in CI: a laptop whose every write of a record had been written
    over on the desktop numbered its next write 1 again, and the two computers disagreed."""
    laptop = Journal()
    for _time in range(3):
        laptop, _v = write(laptop, "laptop", KEYS[0], None, "2026-12-06T00:00:00")
    desktop = merge(Journal(), laptop)
    desktop, _v = write(desktop, "desktop", KEYS[0], None, "2026-12-06T00:00:00")
    laptop = merge(laptop, changes_since(desktop, seen_by(laptop)))
    laptop, latest = write(laptop, "laptop", KEYS[0], "again", "2026-12-06T00:00:00")
    assert latest.dot.counter == 4
    desktop = merge(desktop, changes_since(laptop, seen_by(desktop)))
    assert desktop == laptop


def test_editing_the_shown_version_twice_keeps_an_older_own_version_beside_it():
    """The desktop wrote x; the laptop's y arrived at the same time and is shown; the person
    edits what is shown, twice. x was never written over: it stays beside, for the person to
    choose. (Counting "seen" as a highest write per computer dropped x: the desktop's second
    edit had seen the desktop's write 2, so seemed to have seen its write 1 as well.)"""
    key = KEYS[0]
    desktop, x = write(Journal(), "desktop", key, "x", "2026-12-06T10:00:00")
    laptop, _y = write(Journal(), "laptop", key, "y", "2026-12-06T11:00:00")
    desktop = merge(desktop, laptop)
    for words, clock in (("z", "12"), ("w", "13")):
        record = desktop.record(key)
        assert record is not None and record.shown.words != "x"
        desktop = write_all(
            desktop,
            "desktop",
            [Write(key, words, f"2026-12-06T{clock}:00:00", frozenset({record.shown}))],
        )
    final = merge(desktop, laptop)
    record = final.record(key)
    assert record is not None
    assert record.shown.words == "w" and [v.words for v in record.others] == ["x"]
    assert x in final.versions[key]
