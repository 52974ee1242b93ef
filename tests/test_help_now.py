"""Help now: the person's own contacts, kept in the vault, exported and imported, shown at once."""

from __future__ import annotations

import json
from datetime import date

from recovery_journal.domain.help_now import (
    MAX_FIELD,
    Contact,
    EmergencyArea,
    EmergencyNumber,
    HelpNow,
    emergency_number,
)
from recovery_journal.domain.settings_keys import HELP_NOW, REPORT_CHOICES
from recovery_journal.i18n import set_language
from recovery_journal.services.demo import fill_demo
from recovery_journal.services.export import dumps, export_document, import_document, parse_document
from recovery_journal.services.help_now import (
    load_help_now,
    save_help_now,
    what_to_do_now,
)
from recovery_journal.services.settings import update_settings
from recovery_journal.store import create_vault
from tests.conftest import PASSPHRASE, TEST_KDF, reopen

ANNA = Contact("Анна (спонсор)", "+7 900 000-00-00", "звонить в любое время")
HELP = HelpNow(
    sponsor=ANNA,
    people=(Contact("Mike from the Tuesday group", "555-0100"), Contact("", "", "  ")),
    helplines=(Contact("The helpline I found", "0800 000 000", "nights"),),
)


def test_contacts_are_kept_in_the_vault_trimmed_and_in_order(new_vault, vault_path):
    save_help_now(new_vault, HELP)
    new_vault.close()
    vault = reopen(vault_path)
    try:
        kept = load_help_now(vault)
    finally:
        vault.close()
    assert kept.sponsor == ANNA
    assert kept.people == (Contact("Mike from the Tuesday group", "555-0100"),)  # blank row gone
    assert kept.helplines == HELP.helplines
    assert not vault_path.read_bytes().count(b"Tuesday")  # encrypted like the rest


def test_nothing_entered_means_nothing_stored_and_a_damaged_value_reads_empty(new_vault):
    save_help_now(new_vault, HelpNow(people=(Contact(" ", ""),)))
    assert HELP_NOW.name not in new_vault.settings.get_all()
    assert load_help_now(new_vault).empty
    new_vault.settings.set(HELP_NOW.name, "{not json")
    assert load_help_now(new_vault) == HelpNow()
    new_vault.settings.set(HELP_NOW.name, json.dumps({"sponsor": 5, "people": "x"}))
    assert load_help_now(new_vault) == HelpNow()
    long = HelpNow(sponsor=Contact("x" * 1000, "1" * 1000))
    save_help_now(new_vault, long)
    assert len(load_help_now(new_vault).sponsor.name) == MAX_FIELD


def test_saving_preferences_leaves_the_contacts_and_other_choices_alone(new_vault):
    save_help_now(new_vault, HELP)
    new_vault.settings.set(REPORT_CHOICES.name, '{"paper": "a4"}')
    update_settings(new_vault, display_name="Ann")
    update_settings(new_vault, display_name="")
    stored = new_vault.settings.get_all()
    assert load_help_now(new_vault).sponsor == ANNA
    assert stored[REPORT_CHOICES.name] == '{"paper": "a4"}'
    assert "display_name" not in stored


def test_contacts_travel_in_the_export_and_come_back_whole(tmp_path, new_vault):
    fill_demo(new_vault, 10, "ru", end=date(2026, 11, 23))
    save_help_now(new_vault, HELP)
    text = dumps(export_document(new_vault))
    document = json.loads(text)
    assert document["format_version"] >= 7
    assert document["help_now"]["sponsor"]["name"] == ANNA.name
    target = create_vault(tmp_path / "target.rjvault", PASSPHRASE, kdf_iterations=TEST_KDF)
    try:
        import_document(target, parse_document(text.encode()))
        assert load_help_now(target) == HELP.cleaned()
        assert dumps(export_document(target)) == text
    finally:
        target.close()


def test_an_untouched_vault_exports_no_contacts(new_vault):
    assert "help_now" not in export_document(new_vault)


def test_the_emergency_number_is_given_only_where_it_is_certain():
    europe = EmergencyNumber(("112",), EmergencyArea.EUROPE)
    for territory in ("DE", "fr", "IE", "PL", "NO", "CH"):
        assert emergency_number(territory) == europe, territory
    assert emergency_number("RU") == EmergencyNumber(("112",), EmergencyArea.RUSSIA)
    assert emergency_number("GB") == EmergencyNumber(("999", "112"), EmergencyArea.UNITED_KINGDOM)
    for territory in ("US", "CA"):
        assert emergency_number(territory) == EmergencyNumber(
            ("911",), EmergencyArea.UNITED_STATES_AND_CANADA
        )
    assert emergency_number("AU") == EmergencyNumber(("000",), EmergencyArea.AUSTRALIA)
    assert emergency_number("NZ") == EmergencyNumber(("111",), EmergencyArea.NEW_ZEALAND)
    # Not listed, or not known: the person is told to call their local number.
    for territory in ("", "IL", "JP", "KZ", "XX"):
        assert emergency_number(territory) is None, territory


def test_what_to_do_now_names_the_number_with_where_it_holds_in_both_languages():
    assert what_to_do_now("GB")[0] == (
        "If you are in danger or might hurt yourself, call the emergency number now: "
        "999 or 112 in the United Kingdom."
    )
    assert what_to_do_now("")[0].endswith("call your local emergency number now.")
    assert [len(what_to_do_now(t)) for t in ("", "US", "RU")] == [3, 3, 3]
    set_language("ru")
    try:
        assert what_to_do_now("GB")[0].endswith("999 или 112 в Великобритании.")
        assert what_to_do_now("AT")[0].endswith("112 по всей Европе.")
    finally:
        set_language("en")
