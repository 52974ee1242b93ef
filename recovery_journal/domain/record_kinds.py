"""Every kind of record kept in a table of its own, each declared once, here.

A kind's ``name`` is its table, its kind in the search index and its key in the JSON export: one
name everywhere since the first schema, so it is declared once. From ``KINDS`` the store takes its
tables, their order and which rows make a vault "used"; the export takes its sections, their
grouping and the days it checks on import; the search takes what it indexes, its headings and
their order; the pages take where a result opens. Nothing else names a kind.

What a new kind needs besides its ``RecordKind`` here (and its record class, a frozen dataclass
with a ``uid``):
- a numbered migration creating its table (store/migrations): the schema is versioned and every
  released schema has a fixture vault that must open unchanged, so a table is never made on the
  fly from a declaration;
- a new export format version and its schema (recovery_journal/resources/schema), since the file
  then carries a section the older schemas refuse.
Those are the file formats, written by hand as before; no code names the kind again.

The heading is marked with ``N_`` (which only marks a message for extraction and returns it
unchanged): the domain translates nothing; the search service translates the heading where it
is shown.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from enum import Enum
from functools import cache

from recovery_journal.domain.clean_time import CleanDate, Slip
from recovery_journal.domain.daily import (
    GratitudeEntry,
    Meeting,
    RatingDimension,
    ReviewQuestion,
    SpotCheck,
)
from recovery_journal.domain.inventory import Amend, Fear, Harm, Resentment, SexConduct
from recovery_journal.domain.records import field_kinds
from recovery_journal.domain.sponsor_notes import SponsorNote
from recovery_journal.domain.step_tools import (
    Defect,
    InventoryShare,
    PracticeEntry,
    ServiceEntry,
    Step1Example,
)
from recovery_journal.i18n import N_


class Group(Enum):
    """The part of the export a kind's section is written under."""

    STEPS = "steps"
    INVENTORY = "inventory"
    DAILY = "daily"
    SPONSOR = "sponsor"  # what the sponsor wrote back in the reports


class Shown(Enum):
    """The page that shows a kind's records (the UI maps it to its own page)."""

    STEPS = "steps"
    INVENTORY = "inventory"
    PRACTICE = "practice"
    SPONSOR = "sponsor"  # the "From my sponsor" page


@dataclass(frozen=True, slots=True)
class Indexed:
    """What the search keeps of a kind: the person's own writing, never the app's choices."""

    heading: str  # the results' group heading, marked with N_()
    title: str  # the field that names a record ("" when records have no name: a day names them)
    text: tuple[str, ...]  # the fields written by the person
    day: str | None = None  # the field holding the record's day, if any


@dataclass(frozen=True, slots=True)
class RecordKind:
    record: type  # a frozen dataclass with a ``uid``
    name: str  # its table, its search kind and its export key
    order: tuple[str, ...]  # fields to sort by; "-day" is newest first. Exports keep this order
    group: Group
    shown: Shown
    search: Indexed | None = None  # None: settings-like records that hold no writing
    step: int | None = None  # the step whose tools hold it, if any
    # False for what the app sets up itself (the review's questions and scales): such rows alone
    # do not make a vault "used" (an import wants an empty one).
    writing: bool = True

    def __post_init__(self) -> None:
        names = self.fields
        # The store keeps a row by its uid (an upsert on it) and the search refers to it by it.
        assert "uid" in names, f"{self.name}: a record kind needs a uid"
        named = [field.lstrip("-") for field in self.order]
        if self.search is not None:
            named += [self.search.title or "uid", *self.search.text, self.search.day or "uid"]
        unknown = [field for field in named if field not in names]
        assert not unknown, f"{self.name}: no such fields {unknown}"

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(field.name for field in dataclasses.fields(self.record))

    @property
    def day_fields(self) -> tuple[str, ...]:
        """The fields holding a day: an import checks each is a real day within the years kept."""
        return tuple(name for name, kind in field_kinds(self.record) if kind in (date, date | None))


# In the order the search shows its groups (the steps in order, then the daily practice); an
# import writes each group's sections in this order too: a clean date before its slips, the
# worksheets before the step 8 list that points at them.
KINDS: tuple[RecordKind, ...] = (
    RecordKind(
        Step1Example,
        "step1_examples",
        ("list", "position", "uid"),
        Group.STEPS,
        Shown.STEPS,
        Indexed(N_("Step 1 examples"), "", ("text",)),
        step=1,
    ),
    RecordKind(
        Resentment,
        "resentments",
        ("position", "uid"),
        Group.INVENTORY,
        Shown.INVENTORY,
        Indexed(N_("Resentments"), "who", ("cause", "my_part_notes")),
        step=4,
    ),
    RecordKind(
        Fear,
        "fears",
        ("position", "uid"),
        Group.INVENTORY,
        Shown.INVENTORY,
        Indexed(N_("Fears"), "fear", ("why", "first_felt", "self_reliance", "instead")),
        step=4,
    ),
    RecordKind(
        SexConduct,
        "sex_conduct",
        ("position", "uid"),
        Group.INVENTORY,
        Shown.INVENTORY,
        Indexed(N_("Relationships"), "whom", ("at_fault", "instead", "ideal")),
        step=4,
    ),
    RecordKind(
        Harm,
        "harms",
        ("position", "uid"),
        Group.INVENTORY,
        Shown.INVENTORY,
        Indexed(N_("Harms done"), "to_whom", ("what_i_did", "how_affected")),
        step=4,
    ),
    RecordKind(
        InventoryShare,
        "inventory_shares",
        ("-shared_on", "uid"),
        Group.STEPS,
        Shown.STEPS,
        Indexed(N_("Inventory shared"), "shared_with", ("note",)),
        step=5,
    ),
    RecordKind(
        Defect,
        "defects",
        ("position", "name", "uid"),
        Group.STEPS,
        Shown.STEPS,
        Indexed(N_("Character defects"), "name", ("opposite", "shows_up")),
        step=6,
    ),
    RecordKind(
        Amend,  # the step 8 list and the step 9 amends: one record, two steps
        "amends",
        ("position", "uid"),
        Group.INVENTORY,
        Shown.INVENTORY,
        Indexed(N_("Amends"), "person", ("harm", "their_part", "plan", "how_it_went")),
    ),
    RecordKind(CleanDate, "clean_dates", ("position", "since", "uid"), Group.DAILY, Shown.PRACTICE),
    RecordKind(
        ReviewQuestion,
        "review_questions",
        ("position", "uid"),
        Group.DAILY,
        Shown.PRACTICE,
        writing=False,
    ),
    RecordKind(
        RatingDimension,
        "rating_dimensions",
        ("position", "uid"),
        Group.DAILY,
        Shown.PRACTICE,
        writing=False,
    ),
    RecordKind(
        SpotCheck,
        "spot_checks",
        ("-day", "-at", "uid"),
        Group.DAILY,
        Shown.PRACTICE,
        Indexed(N_("Spot-checks"), "", ("disturbed", "what_i_did"), day="day"),
    ),
    RecordKind(
        GratitudeEntry,
        "gratitude",
        ("-day", "position", "uid"),
        Group.DAILY,
        Shown.PRACTICE,
        Indexed(N_("Gratitude"), "", ("text",), day="day"),
    ),
    RecordKind(
        Meeting,
        "meetings",
        ("-day", "uid"),
        Group.DAILY,
        Shown.PRACTICE,
        Indexed(N_("Meetings"), "name", ("notes",), day="day"),
    ),
    RecordKind(
        Slip,
        "slips",
        ("on", "uid"),
        Group.DAILY,
        Shown.PRACTICE,
        Indexed(N_("Slips"), "", ("what_happened", "learned"), day="on"),
    ),
    RecordKind(
        PracticeEntry,
        "practice_log",
        ("-day", "uid"),
        Group.STEPS,
        Shown.STEPS,
        Indexed(N_("Prayer and meditation"), "", ("notes",), day="day"),
        step=11,
    ),
    RecordKind(
        ServiceEntry,
        "service_log",
        ("-day", "uid"),
        Group.STEPS,
        Shown.STEPS,
        Indexed(N_("Service"), "", ("notes",), day="day"),
        step=12,
    ),
    RecordKind(
        SponsorNote,  # newest first; the notes of one reply in the order they came
        "sponsor_notes",
        ("-written_on", "-received_on", "position", "uid"),
        Group.SPONSOR,
        Shown.SPONSOR,
        Indexed(N_("From my sponsor"), "sponsor", ("text", "answer"), day="written_on"),
    ),
)


# Looked up through ``KINDS`` at each call (cached per tuple), so a test may declare one more.
def kinds() -> tuple[RecordKind, ...]:
    return KINDS


def kind_of(record_type: type) -> RecordKind:
    return _by_record(KINDS)[record_type]


def named(name: str) -> RecordKind:
    return _by_name(KINDS)[name]


def indexed() -> tuple[RecordKind, ...]:
    """The kinds the search keeps, in the order it shows them."""
    return tuple(kind for kind in KINDS if kind.search is not None)


def in_group(group: Group) -> tuple[RecordKind, ...]:
    """The kinds whose sections the export writes under ``group``, in the order an import
    writes them."""
    return tuple(kind for kind in KINDS if kind.group is group)


@cache
def _by_record(all_kinds: tuple[RecordKind, ...]) -> dict[type, RecordKind]:
    return {kind.record: kind for kind in all_kinds}


@cache
def _by_name(all_kinds: tuple[RecordKind, ...]) -> dict[str, RecordKind]:
    return {kind.name: kind for kind in all_kinds}
