"""`recovery-journal summary --json` keeps the shape its schema documents."""

from __future__ import annotations

import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

import jsonschema

from recovery_journal.domain.steps import Programme
from recovery_journal.package_data import resource
from recovery_journal.services.demo import fill_demo
from recovery_journal.services.programme_words import programme_words
from recovery_journal.services.summary import build_summary, summary_text

SCHEMA = json.loads(resource("schema", "summary-v1.schema.json").read_text("utf-8"))
EVENING = datetime(2026, 11, 23, 22, 0, tzinfo=ZoneInfo("Europe/Moscow"))


def test_the_summary_of_an_empty_vault_matches_the_schema(new_vault):
    summary = build_summary(new_vault, EVENING)
    jsonschema.Draft202012Validator(SCHEMA).validate(summary)
    assert summary["clean_time"] == [] and summary["next_milestone"] is None
    assert "No sober date yet" in summary_text(summary, programme_words(Programme.ALCOHOL))


def test_the_summary_of_three_months_matches_the_schema_and_the_numbers(new_vault):
    fill_demo(new_vault, 90, "en", end=date(2026, 11, 23))
    summary = build_summary(new_vault, EVENING)
    jsonschema.Draft202012Validator(SCHEMA).validate(summary)
    clean = summary["clean_time"][0]
    since = date.fromisoformat(clean["clean_since"])
    assert clean["days"] == (date(2026, 11, 23) - since).days
    assert clean["slips"] == 1 and clean["first_clean_date"] == "2026-08-26"
    assert summary["next_milestone"]["on"] == clean["next_milestone"]["on"]
    craving = next(r for r in summary["ratings"] if r["dimension"] == "d.craving")
    assert craving["lower_is_better"] is True
    if craving["today"] is not None and craving["yesterday"] not in (None, craving["today"]):
        assert craving["better_than_yesterday"] == (craving["today"] < craving["yesterday"])
    # A field the schema does not know is refused, so the documentation cannot drift silently.
    summary["reviews"]["extra"] = 1
    assert not jsonschema.Draft202012Validator(SCHEMA).is_valid(summary)
