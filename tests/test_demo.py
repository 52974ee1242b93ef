"""The demo vault reads like a person's history: answers fit their questions, sentences do not
repeat, nothing is dated after the moment it was made, and a Russian demo is Russian throughout."""

from __future__ import annotations

import os
import re
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from recovery_journal.domain.day import journal_day
from recovery_journal.domain.journal import plain_text
from recovery_journal.services import demo
from recovery_journal.services.demo import DEFAULT_DAYS, fill_demo
from recovery_journal.services.export import export_document
from recovery_journal.services.step_content import step_content
from recovery_journal.store import create_vault, open_vault
from tests.conftest import PASSPHRASE, TEST_KDF, persons_today

MOSCOW = ZoneInfo("Europe/Moscow")
DAY = date(2026, 11, 23)  # a Monday
LANGUAGES = ("en", "ru")


def _document(tmp_path: Path, days: int, language: str, **when) -> dict:
    vault = create_vault(
        tmp_path / f"demo-{language}-{days}.rjvault", PASSPHRASE, kdf_iterations=TEST_KDF
    )
    try:
        fill_demo(vault, days, language, **when)
        return export_document(vault)
    finally:
        vault.close()


# --- 1. a realistic length, and the shapes other tests and the benchmark rely on ---------------


def test_the_default_demo_is_over_a_year_with_the_whole_story(tmp_path):
    assert DEFAULT_DAYS >= 365
    document = _document(tmp_path, DEFAULT_DAYS, "en", end=DAY)
    days = sorted(date.fromisoformat(n["day"]) for n in document["daily_notes"])
    assert (DAY - days[0]).days >= 365
    (slip,) = document["daily"]["slips"]
    assert (DAY - date.fromisoformat(slip["on"])).days > 300, "the slip was long ago"
    done = [p["step"] for p in document["steps"]["progress"] if p["status"] == "done"]
    assert done == list(range(1, len(done) + 1)) and len(done) >= 6
    assert len(document["daily"]["meetings"]) > 150
    inventory = document["inventory"]
    assert inventory["resentments"] and inventory["fears"] and inventory["harms"]
    assert any(a["status"] == "made" for a in inventory["amends"])
    assert len(document["journal"]) > 80


# --- 2. every answer written for its own question ---------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_step_answer_is_the_one_written_for_its_question(tmp_path, language):
    # A ten-year history has worked every step: every question is answered, each in its own words.
    document = _document(tmp_path, 3650, language, end=DAY)
    answers = document["steps"]["answers"]
    texts = Counter(a["text"] for a in answers)
    assert texts.most_common(1)[0][1] == 1, (
        f"one answer serves many questions: {texts.most_common(1)}"
    )
    material = demo.demo_material(language)
    written = material.table("answers")
    questions = [
        q.id for step in range(1, 13) for q in step_content(language).guide(step).questions
    ]
    pack = [f"{demo.PACK_ID}/q{n}" for n in range(1, len(material.fields("pack.question")) + 1)]
    assert set(written) == set(questions) | set(pack), "one answer for each question, no spares"
    assert {a["question_id"] for a in answers} == set(written)
    for answer in answers:
        assert answer["text"] == written[answer["question_id"]], answer["question_id"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_review_notes_come_from_their_own_question(tmp_path, language):
    document = _document(tmp_path, DEFAULT_DAYS, language, end=DAY)
    material = demo.demo_material(language)
    builtin = {q["uid"]: q["builtin"] for q in document["daily"]["review_questions"]}
    noted = 0
    for review in document["daily"]["reviews"]:
        for answer in review["answers"]:
            if not answer["note"]:
                continue
            noted += 1
            section = material[f"review.{builtin[answer['question_uid']]}"]
            if builtin[answer["question_uid"]] == "apology":
                section = tuple(item.split("|")[2] for item in section)
            patterns = [_pattern(template) for template in section]
            assert any(p.fullmatch(answer["note"]) for p in patterns), answer["note"]
    assert noted > 100


def _pattern(template: str) -> re.Pattern[str]:
    """A template as a pattern: each slot matches any words."""
    parts = re.split(r"\{[\w.]+\}", template.strip())
    return re.compile(".*?".join(re.escape(part) for part in parts))


# --- 3. sentences do not repeat ----------------------------------------------------------------

SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")
# One sentence in thirty-odd said twice in fourteen months reads as a person with habits; the
# old demo said most of its sentences many times over (over half of them were repeats).
REPEAT_BOUND = 0.03


def _sentences(document: dict) -> list[str]:
    found: list[str] = []

    def add(text: str) -> None:
        for sentence in SENTENCE_END.split(plain_text(text)):
            if sentence.strip(" -"):
                found.append(sentence.strip(" -"))

    for note in document["daily_notes"]:
        add(note["text"])
    for entry in document["journal"]:
        add(entry["body"])
    for review in document["daily"]["reviews"]:
        for answer in review["answers"]:
            add(answer["note"])
    for line in document["daily"]["gratitude"]:
        found.append(line["text"])
    for check in document["daily"]["spot_checks"]:
        found.append(f"{check['disturbed']} | {check['what_i_did']}")  # one row, one entry
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_sentences_rarely_repeat_over_the_default_history(tmp_path, language):
    sentences = _sentences(_document(tmp_path, DEFAULT_DAYS, language, end=DAY))
    counts = Counter(sentences)
    repeats = sum(n - 1 for n in counts.values())
    assert repeats / len(sentences) < REPEAT_BOUND, counts.most_common(5)
    assert len(sentences) > 1500
    assert counts.most_common(1)[0][1] <= 3, counts.most_common(3)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_template_fills_and_every_sentence_starts_as_a_sentence(language):
    from recovery_journal.services.demo_phrases import fill, variants, word

    material = demo.demo_material(language)
    context = {
        "count": word("12"),
        "weekday": material.day_words["weekday"][2],
        "meeting": word("Group", to="to the group", at="at the group"),
        "step": word("4"),
        "answers": word(material.table("count.answers")["2"]),
    }
    for name, templates in material.sections.items():
        for template in templates:
            for made in variants(template, material.words):
                text = fill(made, context)  # raises on a slot or a form the material lacks
                assert "{" not in text and "}" not in text, (name, text)
                if name.startswith(("note.", "journal.reflect", "review.", "gratitude")):
                    assert text[0].isupper() or text[0].isdigit(), (name, text)


# --- 4. the history ends at now --------------------------------------------------------------

MOMENTS = {
    "05:00": datetime(2026, 11, 23, 5, 0, tzinfo=MOSCOW),
    "13:00": datetime(2026, 11, 23, 13, 0, tzinfo=MOSCOW),
    "22:30": datetime(2026, 11, 23, 22, 30, tzinfo=MOSCOW),
    "01:00": datetime(2026, 11, 24, 1, 0, tzinfo=MOSCOW),  # still the night of the 23rd
}


def _stamps(document: dict) -> list[tuple[str, datetime]]:
    found = []
    for note in document["daily_notes"]:
        found += [("note", note["created_at"]), ("note", note["updated_at"])]
    for entry in document["journal"]:
        found += [("journal", entry["created_at"]), ("journal", entry["updated_at"])]
    for review in document["daily"]["reviews"]:
        found.append(("review", review["updated_at"]))
    for answer in document["steps"]["answers"]:
        found.append(("answer", answer["updated_at"]))
    for progress in document["steps"]["progress"]:
        found.append(("progress", progress["updated_at"]))
    return [(kind, datetime.fromisoformat(stamp)) for kind, stamp in found]


def _days(document: dict) -> list[tuple[str, date]]:
    found = []
    daily = document["daily"]
    found += [("note", n["day"]) for n in document["daily_notes"]]
    found += [("journal", e["day"]) for e in document["journal"]]
    found += [("review", r["day"]) for r in daily["reviews"]]
    for section in ("gratitude", "meetings", "spot_checks"):
        found += [(section, row["day"]) for row in daily[section]]
    found += [("slip", s["on"]) for s in daily["slips"]]
    found += [("clean", c["since"]) for c in daily["clean_dates"]]
    steps = document["steps"]
    for section in ("practice_log", "service_log"):
        found += [(section, row["day"]) for row in steps[section]]
    found += [("focus", f["day"]) for f in steps["defect_focus"]]
    found += [("share", s["shared_on"]) for s in steps["inventory_shares"]]
    for progress in steps["progress"]:
        for field in ("started_on", "completed_on", "sponsor_discussed_on"):
            found.append(("progress", progress[field]))
    found += [("amend made", a["made_on"]) for a in document["inventory"]["amends"]]
    found += [("amend planned", a["planned_on"]) for a in document["inventory"]["amends"]]
    return [(kind, date.fromisoformat(day)) for kind, day in found if day]


@pytest.mark.parametrize("moment", MOMENTS, ids=list(MOMENTS))
def test_nothing_is_dated_after_now(tmp_path, moment):
    now = MOMENTS[moment]
    document = _document(tmp_path, 120, "en", now=now)
    late = [(kind, stamp) for kind, stamp in _stamps(document) if stamp > now]
    assert late == []
    today = journal_day(now, MOSCOW)
    assert [(kind, day) for kind, day in _days(document) if day > today] == []
    for check in document["daily"]["spot_checks"]:
        if check["day"] == today.isoformat():
            assert time.fromisoformat(check["at"]) <= now.time() or now.date() > today


def test_at_five_in_the_morning_tonight_has_not_happened(tmp_path):
    now = MOMENTS["05:00"]
    path = tmp_path / "early.rjvault"
    vault = create_vault(path, PASSPHRASE, kdf_iterations=TEST_KDF)
    fill_demo(vault, DEFAULT_DAYS, "en", now=now)
    today = now.date()
    assert vault.notes.get(today) is None, "no note saved in the evening that has not come"
    assert vault.reviews.get(today) is None, "tonight's review is not written yet"
    assert vault.reviews.get(today - timedelta(days=1)) is not None, "last night's is"
    assert vault.journal.on_day(today) == []
    vault.close()


def test_at_one_in_the_morning_the_night_still_belongs_to_yesterday(tmp_path):
    now = MOMENTS["01:00"]
    document = _document(tmp_path, 60, "en", now=now)
    evening = now.date() - timedelta(days=1)
    assert {n["day"] for n in document["daily_notes"]} <= {
        (evening - timedelta(days=n)).isoformat() for n in range(60)
    }
    reviews = {r["day"]: r for r in document["daily"]["reviews"]}
    review = reviews.get(evening.isoformat())
    if review is not None:  # written before one o'clock, and filed under the evening
        assert datetime.fromisoformat(review["updated_at"]) <= now


def test_the_time_of_day_changes_only_today(tmp_path):
    early = _document(tmp_path / "a", 90, "en", now=MOMENTS["05:00"])
    late = _document(tmp_path / "b", 90, "en", now=MOMENTS["22:30"])
    today = MOMENTS["05:00"].date().isoformat()

    def before_today(document: dict) -> list:
        return [n for n in document["daily_notes"] if n["day"] != today] + [
            r for r in document["daily"]["reviews"] if r["day"] != today
        ]

    assert before_today(early) == before_today(late)
    assert len(late["daily_notes"]) >= len(early["daily_notes"])


def test_a_demo_made_now_holds_nothing_later_than_now(tmp_path):
    """What `make demo` does: the real clock, whatever the hour."""
    document = _document(tmp_path, 30, "en", end=persons_today())
    made = datetime.now(UTC)
    assert [(kind, stamp) for kind, stamp in _stamps(document) if stamp > made] == []


# --- 5. a Russian demo is Russian --------------------------------------------------------------

CYRILLIC = re.compile("[а-яё]", re.I)
LATIN_WORD = re.compile(r"\b[A-Za-z]{3,}\b")


def _texts_by_kind(document: dict) -> dict[str, list[str]]:
    daily, steps, inventory = document["daily"], document["steps"], document["inventory"]
    return {
        "notes": [n["text"] for n in document["daily_notes"]],
        "journal": [e["title"] + " " + e["body"] for e in document["journal"]],
        "tags": [t for e in document["journal"] for t in e["tags"]],
        "review notes": [a["note"] for r in daily["reviews"] for a in r["answers"] if a["note"]],
        "gratitude": [g["text"] for g in daily["gratitude"]],
        "spot checks": [s["disturbed"] + " " + s["what_i_did"] for s in daily["spot_checks"]],
        "meetings": [m["name"] + " " + m["notes"] for m in daily["meetings"]],
        "slip": [s["what_happened"] + " " + s["learned"] for s in daily["slips"]],
        "clean date": [c["name"] for c in daily["clean_dates"]],
        "answers": [a["text"] for a in steps["answers"]],
        "pack": [steps["question_packs"][0]["name"]]
        + [q["text"] for q in steps["question_packs"][0]["questions"]],
        "wording": [p["wording"] for p in steps["progress"] if p.get("wording")],
        "step 1 lists": [e["text"] for e in steps["step1_examples"]],
        "defects": [" ".join((d["name"], d["opposite"], d["shows_up"])) for d in steps["defects"]],
        "practice": [p["notes"] for p in steps["practice_log"] if p["notes"]],
        "service": [s["notes"] for s in steps["service_log"] if s["notes"]],
        "share": [s["shared_with"] for s in steps["inventory_shares"]],
        "resentments": [
            " ".join((r["who"], r["cause"], r["my_part_notes"])) for r in inventory["resentments"]
        ],
        "fears": [" ".join((f["fear"], f["why"], f["instead"])) for f in inventory["fears"]],
        "relationships": [" ".join((x["whom"], x["at_fault"])) for x in inventory["sex_conduct"]],
        "harms": [" ".join((h["to_whom"], h["what_i_did"])) for h in inventory["harms"]],
        "amends": [" ".join((a["person"], a["harm"], a["plan"])) for a in inventory["amends"]],
        "name": [document["settings"]["display_name"]],
    }


def test_a_russian_demo_is_russian_in_every_kind_of_text(tmp_path):
    russian = _texts_by_kind(_document(tmp_path / "ru", DEFAULT_DAYS, "ru", end=DAY))
    english = _document(tmp_path / "en", DEFAULT_DAYS, "en", end=DAY)
    english_sentences = set(_sentences(english))
    for kind, texts in russian.items():
        assert texts, f"the Russian demo has no {kind}"
        for text in texts:
            assert CYRILLIC.search(text), (kind, text)
            assert not LATIN_WORD.search(text), (kind, text)
    assert not english_sentences & set(_sentences(_document(tmp_path, DEFAULT_DAYS, "ru", end=DAY)))


def test_the_demo_command_follows_the_window_language(tmp_path):
    """Someone who switched the app to Russian gets a Russian demo, whatever LANG says."""
    from tests.test_cli import run

    config = tmp_path / "config"
    (config / "RecoveryJournal").mkdir(parents=True)
    (config / "RecoveryJournal" / "recovery-journal.ini").write_text("[ui]\nlanguage=ru\n")
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith("LC_")},
        "LANG": "en_GB.UTF-8",
        "LANGUAGE": "en",
        "XDG_CONFIG_HOME": str(config),
    }
    path = tmp_path / "window.rjvault"
    result = run("demo", "--vault", str(path), "--days", "20", env=environment)
    assert result.returncode == 0, result.stderr
    assert "20 days of demo history in Russian" in result.stdout  # the terminal's language
    vault = open_vault(path, "calm river stone")
    assert vault.settings.get_all()["display_name"] == "Саша"
    vault.close()
    english = run(
        "demo", "--vault", str(tmp_path / "en.rjvault"), "--days", "5", "--language", "en"
    )
    assert english.returncode == 0 and "in English" in english.stdout
