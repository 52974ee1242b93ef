"""The twelve steps: shipped guidance in both languages, progress rules, answers, packs, tools."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime

import pytest

from recovery_journal.domain.step_tools import (
    Defect,
    DefectState,
    PracticeEntry,
    PracticeKind,
    Step1Example,
    Step1List,
)
from recovery_journal.domain.steps import STEP_NUMBERS, Programme, StepProgress, StepStatus
from recovery_journal.errors import ImportRejected
from recovery_journal.i18n import LANGUAGES
from recovery_journal.package_data import resource
from recovery_journal.services.question_packs import (
    import_pack,
    pack_file_bytes,
    parse_pack,
    starter_pack,
)
from recovery_journal.services.settings import load_settings, save_settings
from recovery_journal.services.step_content import step_content
from recovery_journal.services.step_tools import (
    delete_record,
    focus_of_the_day,
    list_records,
    save_record,
    set_focus_of_the_day,
)
from recovery_journal.services.steps import (
    continue_step,
    continued_question,
    load_step,
    overview,
    save_answer,
    set_status,
    set_wording,
)
from tests.conftest import persons_today


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_every_step_is_complete_in_every_language(language):
    content = step_content(language)
    assert content.language == language, "a missing file must not silently fall back"
    for step in STEP_NUMBERS:
        guide = content.guide(step)
        assert guide.title.strip()
        assert 3 <= len(guide.about) <= 6 and all(p.strip() for p in guide.about)
        assert 6 <= len(guide.questions) <= 12
        assert all(q.text.strip() for q in guide.questions)
    for programme in Programme:
        assert len(content.wordings[programme]) == 12
        assert content.programme_names[programme].strip()


def test_both_languages_have_the_same_questions():
    ids = {
        language: [q.id for s in STEP_NUMBERS for q in step_content(language).guide(s).questions]
        for language in LANGUAGES
    }
    first, *others = ids.values()
    assert all(other == first for other in others)
    assert len(first) == len(set(first))


def test_russian_text_is_really_russian():
    content = step_content("ru")
    for step in STEP_NUMBERS:
        guide = content.guide(step)
        for text in (guide.title, *guide.about, *(q.text for q in guide.questions)):
            letters = [c for c in text if c.isalpha()]
            cyrillic = [c for c in letters if "а" <= c.lower() <= "я" or c.lower() == "ё"]
            assert len(cyrillic) > 0.8 * len(letters), text


def test_no_official_step_wording_is_shipped():
    # A few signature phrases of the copyrighted texts; our guidance is in our own words.
    forbidden = [
        "we admitted we were powerless",
        "came to believe that a power greater",
        "made a searching and fearless moral inventory",
        "the exact nature of our wrongs",
        "humbly asked him to remove",
        "sought through prayer and meditation",
        "having had a spiritual awakening",
    ]
    for language in LANGUAGES:
        text = resource("steps", f"{language}.json").read_text("utf-8").lower()
        for phrase in forbidden:
            assert phrase not in text, phrase


def test_the_generic_programme_uses_the_persons_word(new_vault):
    save_settings(new_vault, load_settings(new_vault).__class__(programme=Programme.GENERIC))
    view = load_step(new_vault, 1, "en")
    assert "my addiction" in view.wording
    save_settings(
        new_vault,
        load_settings(new_vault).__class__(programme=Programme.GENERIC, addiction_name="gambling"),
    )
    assert "my gambling" in load_step(new_vault, 1, "en").wording
    russian = load_step(new_vault, 1, "ru").wording
    assert "gambling" in russian and "{" not in russian
    save_settings(new_vault, load_settings(new_vault).__class__(programme=Programme.GENERIC))
    assert not re.search(r"[{}()]", load_step(new_vault, 1, "ru").wording)


def test_status_changes_keep_dates_honest():
    progress = StepProgress(4)
    working = progress.with_status(StepStatus.WORKING, date(2026, 3, 1))
    assert working.started_on == date(2026, 3, 1) and working.completed_on is None
    done = working.with_status(StepStatus.DONE, date(2026, 4, 2))
    assert done.started_on == date(2026, 3, 1) and done.completed_on == date(2026, 4, 2)
    again = done.with_status(StepStatus.WORKING, date(2026, 5, 1))
    assert again.started_on == date(2026, 3, 1) and again.completed_on is None
    reset = again.with_status(StepStatus.NOT_STARTED, date(2026, 5, 2))
    assert reset.started_on is None and reset.completed_on is None


def test_answering_starts_the_step_and_counts(new_vault):
    answer = save_answer(new_vault, 2, "s2.q01", "I hope for quiet.").value
    assert answer is not None
    view = load_step(new_vault, 2, "en")
    assert view.answers["s2.q01"].text == "I hope for quiet."
    assert view.progress.status is StepStatus.WORKING
    assert view.progress.started_on == persons_today()
    card = overview(new_vault, "en").cards[1]
    assert card.answered == 1 and card.status is StepStatus.WORKING
    assert save_answer(new_vault, 2, "s2.q01", "   ").value is None
    assert overview(new_vault, "en").cards[1].answered == 0


def test_continue_where_i_left_off(new_vault):
    assert continue_step(new_vault) == 1
    save_answer(new_vault, 3, "s3.q02", "first")
    assert continue_step(new_vault) == 3
    set_status(new_vault, 5, StepStatus.WORKING, persons_today())
    assert continue_step(new_vault) == 5


def test_continuing_a_step_opens_the_answer_written_last(new_vault):
    first = load_step(new_vault, 4, "en").questions[0].id
    assert continued_question(load_step(new_vault, 4, "en")) == first  # nothing written yet
    save_answer(new_vault, 4, "s4.q03", "where I stopped", datetime(2026, 3, 2, 21, tzinfo=UTC))
    save_answer(new_vault, 4, "s4.q01", "written first", datetime(2026, 3, 1, 21, tzinfo=UTC))
    assert continued_question(load_step(new_vault, 4, "en")) == "s4.q03"
    save_answer(new_vault, 4, "s4.q01", "and again", datetime(2026, 3, 3, 21, tzinfo=UTC))
    assert continued_question(load_step(new_vault, 4, "en")) == "s4.q01"


def test_rewording_and_reset(new_vault):
    template = load_step(new_vault, 3, "en").wording
    set_wording(new_vault, 3, "In my group we say it like this.", "en")
    assert load_step(new_vault, 3, "en").wording == "In my group we say it like this."
    assert overview(new_vault, "en").cards[2].wording == "In my group we say it like this."
    set_wording(new_vault, 3, None, "en")
    assert load_step(new_vault, 3, "en").wording == template
    set_wording(new_vault, 3, template, "en")  # saving the template's own text changes nothing
    assert new_vault.steps.progress()[3].wording is None


def test_question_pack_round_trip_and_answers(new_vault):
    pack = starter_pack("en", "Tuesday group", "Mike")
    data = pack_file_bytes(pack)
    parsed = parse_pack(data)
    assert parsed == pack
    small = parse_pack(
        json.dumps(
            {
                "format": "recovery-journal-question-pack",
                "format_version": 1,
                "id": "tuesday",
                "name": "Tuesday group",
                "questions": [
                    {"id": "a", "step": 4, "text": "What did you learn from your fears?"}
                ],
            }
        ).encode()
    )
    import_pack(new_vault, small)
    view = load_step(new_vault, 4, "en")
    assert view.questions[-1].id == "tuesday/a"
    save_answer(new_vault, 4, "tuesday/a", "That most never came true.")
    assert overview(new_vault, "en").cards[3].questions == len(view.questions)


@pytest.mark.parametrize(
    "document",
    [
        {"format": "something else"},
        {"format": "recovery-journal-question-pack", "format_version": 9, "id": "x"},
        {
            "format": "recovery-journal-question-pack",
            "format_version": 1,
            "id": "Bad Id!",
            "name": "n",
            "questions": [{"id": "a", "step": 1, "text": "q"}],
        },
        {
            "format": "recovery-journal-question-pack",
            "format_version": 1,
            "id": "ok",
            "name": "n",
            "questions": [{"id": "a", "step": 13, "text": "q"}],
        },
        {
            "format": "recovery-journal-question-pack",
            "format_version": 1,
            "id": "ok",
            "name": "n",
            "questions": [],
        },
        {
            "format": "recovery-journal-question-pack",
            "format_version": 1,
            "id": "ok",
            "name": "n",
            "questions": [{"id": "a", "step": 1, "text": "q"}, {"id": "a", "step": 2, "text": "r"}],
        },
        {
            "format": "recovery-journal-question-pack",
            "format_version": 1,
            "id": "ok",
            "name": "n",
            "extra": 1,
            "questions": [{"id": "a", "step": 1, "text": "q"}],
        },
    ],
)
def test_bad_question_packs_are_refused(document, new_vault):
    with pytest.raises(ImportRejected) as caught:
        import_pack(new_vault, parse_pack(json.dumps(document).encode()))
    assert caught.value.message().endswith("nothing was imported.")
    assert new_vault.steps.packs() == []


@pytest.mark.parametrize("depth", [100, 100_000])
def test_a_deeply_nested_question_pack_is_refused_as_a_pack(depth, new_vault):
    data = b"[" * depth + b"]" * depth
    with pytest.raises(ImportRejected) as caught:
        import_pack(new_vault, parse_pack(data))
    assert caught.value.message() == (
        "The file is nested too deeply to be a question pack; nothing was imported."
    )
    assert new_vault.steps.packs() == []


def test_step_tools_records_and_focus(new_vault):
    save_record(new_vault, Step1Example("a", Step1List.POWERLESSNESS, "Could not stop at two."))
    save_record(new_vault, Defect("d1", "Impatience", "Patience", "In traffic", DefectState.READY))
    save_record(new_vault, PracticeEntry("p1", date(2026, 1, 2), 15, PracticeKind.PRAYER))
    assert list_records(new_vault, Defect)[0].state is DefectState.READY
    assert list_records(new_vault, PracticeEntry)[0].minutes == 15
    set_focus_of_the_day(new_vault, date(2026, 1, 2), "d1")
    assert focus_of_the_day(new_vault, date(2026, 1, 2)).opposite == "Patience"
    delete_record(new_vault, Defect, "d1")
    assert focus_of_the_day(new_vault, date(2026, 1, 2)) is None  # the focus goes with it
    assert list_records(new_vault, Step1Example)[0].text == "Could not stop at two."


def test_editing_a_defect_keeps_its_days_of_focus(new_vault):
    save_record(new_vault, Defect("d1", "Impatience", "Patience"))
    set_focus_of_the_day(new_vault, date(2026, 1, 2), "d1")
    save_record(new_vault, Defect("d1", "Impatience", "Patience", state=DefectState.READY))
    assert focus_of_the_day(new_vault, date(2026, 1, 2)).state is DefectState.READY


def test_pack_answers_are_counted_and_kept_when_the_pack_goes(new_vault):
    from recovery_journal.services.question_packs import delete_pack

    pack = parse_pack(
        json.dumps(
            {
                "format": "recovery-journal-question-pack",
                "format_version": 1,
                "id": "tuesday",
                "name": "Tuesday group",
                "questions": [{"id": "a", "step": 4, "text": "What did your fears teach you?"}],
            }
        ).encode()
    )
    import_pack(new_vault, pack)
    save_answer(new_vault, 4, "tuesday/a", "That most never came true.")
    card = overview(new_vault, "en").cards[3]
    assert (card.answered, card.questions) == (1, len(step_content("en").guide(4).questions) + 1)
    delete_pack(new_vault, "tuesday")
    card = overview(new_vault, "en").cards[3]
    assert card.answered == 0 and card.questions == len(step_content("en").guide(4).questions)
    import_pack(new_vault, pack)  # the answer comes back with the pack
    assert load_step(new_vault, 4, "en").answers["tuesday/a"].text == "That most never came true."


def _ours(step: int, *texts: str):
    from recovery_journal.domain.steps import Question

    return tuple(Question(f"s{step}.q0{n}", step, text) for n, text in enumerate(texts, 1))


def _pack(pack_id: str, *questions: tuple[str, int, str]):
    from recovery_journal.domain.steps import Question, QuestionPack

    return QuestionPack(
        pack_id,
        pack_id.title(),
        "",
        "en",
        tuple(Question(f"{pack_id}/{qid}", step, text, pack_id) for qid, step, text in questions),
    )


def test_a_pack_made_of_our_questions_adds_only_what_is_new():
    from recovery_journal.domain.steps import Question, questions_of_step

    ours = _ours(1, "Where did you lose control?", "Who noticed first?")
    shipped = [q.text for q in ours] + ["Где вы теряли контроль?", "Кто заметил первым?"]
    pack = _pack(
        "mine",
        ("s1.q01", 1, "Where did you lose control?"),  # ours, word for word
        ("s1.q02", 1, "Who noticed it before you did?"),  # ours, reworded
        ("x", 1, "  where did you LOSE control? "),  # our words under another id
        ("y", 1, "Кто заметил первым?"),  # our words in our other language
        ("z", 1, "When did you first ask for help?"),  # the pack's own
        ("s1.q01", 2, "Not this step."),
    )
    shown = questions_of_step(1, ours, shipped, [pack])
    assert shown == (
        ours[0],
        Question("s1.q02", 1, "Who noticed it before you did?", "mine"),  # our id: our answer
        Question("mine/z", 1, "When did you first ask for help?", "mine"),
    )
    # A second pack rewording the same question: the first pack's words stay.
    other = _pack("other", ("s1.q02", 1, "Who saw it?"), ("s1.q09", 1, "What now?"))
    shown = questions_of_step(1, ours, shipped, [pack, other])
    assert [q.text for q in shown][1:] == [
        "Who noticed it before you did?",
        "When did you first ask for help?",
        "What now?",
    ]
    assert questions_of_step(1, ours, shipped, []) == ours


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_our_questions_saved_edited_and_imported_back_are_not_doubled(new_vault, language):
    """Issue 18: "save our questions as a pack to edit", add one, import: step 1 had 21."""
    ours = len(step_content(language).guide(1).questions)
    document = json.loads(pack_file_bytes(starter_pack("en", "My questions")))
    document["questions"].append({"id": "mine-1", "step": 1, "text": "Who drove me home?"})
    import_pack(new_vault, parse_pack(json.dumps(document).encode()))
    view = load_step(new_vault, 1, language)
    assert len(view.questions) == ours + 1
    assert view.questions[-1].text == "Who drove me home?"
    assert view.pack_names == {"my-questions": "My questions"}
    assert overview(new_vault, language).cards[0].questions == ours + 1
    for step in STEP_NUMBERS:  # no other step gained anything
        assert len(load_step(new_vault, step, language).questions) == len(
            step_content(language).guide(step).questions
        ) + (step == 1)
    # Edited again and imported again: the pack's questions are replaced, not added.
    document["questions"][0]["text"] = "Where, honestly, did I lose control?"
    document["questions"].append({"id": "mine-2", "step": 1, "text": "What did I promise?"})
    import_pack(new_vault, parse_pack(json.dumps(document).encode()))
    view = load_step(new_vault, 1, language)
    assert len(view.questions) == ours + 2
    first = view.questions[0]
    assert (first.id, first.text, first.pack) == (
        "s1.q01",
        "Where, honestly, did I lose control?",
        "my-questions",
    )


def test_an_answer_stays_with_a_question_a_pack_rewords(new_vault):
    save_answer(new_vault, 1, "s1.q01", "At every wedding.")
    document = json.loads(pack_file_bytes(starter_pack("en", "My questions")))
    document["questions"][0]["text"] = "Where, honestly, did I lose control?"
    import_pack(new_vault, parse_pack(json.dumps(document).encode()))
    view = load_step(new_vault, 1, "en")
    assert view.answers["s1.q01"].text == "At every wedding."
    assert overview(new_vault, "en").cards[0].answered == 1


def test_an_answer_to_a_packs_old_copy_of_our_question_is_still_shown(new_vault):
    """Before packs of our own questions were folded into ours, the copies were questions of
    their own ("my-questions/s1.q01") and could be answered; those answers stay in sight."""
    from recovery_journal.domain.steps import Answer, Question, QuestionPack

    ours = load_step(new_vault, 1, "en").questions[0]
    copy = Question(f"my-questions/{ours.id}", 1, ours.text + " (our group's words)")
    new_vault.steps.save_pack(QuestionPack("my-questions", "My questions", "", "en", (copy,)))
    moment = datetime(2026, 11, 1, 20, 0, tzinfo=UTC)
    new_vault.steps.save_answer(Answer(copy.id, 1, "Written to the copy long ago.", moment))
    view = load_step(new_vault, 1, "en")
    assert view.answers[ours.id].text == "Written to the copy long ago."
    assert copy.id in new_vault.steps.answers()  # still stored as it was
