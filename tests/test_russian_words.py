"""The Russian says each thing with one word, the word members use (issue 20).

The vault is «дневник» («файл дневника» where the file is meant), never a «сейф»; no calques
(«Помощь сейчас», «Фокус на сегодня», «трей», «связка ключей»); one name for the report, the
milestones, the gratitude list and the selfish/self-seeking pair; no alarming or patronising tone.
Every Russian text is read: the catalogue's msgstrs, the step guidance, the worksheets, the demo
and the guide.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "recovery_journal" / "resources"
with (RESOURCES / "i18n" / "ru.po").open("rb") as _po:
    MESSAGES = [message for message in read_po(_po) if message.id]
STEPS = RESOURCES / "steps" / "ru.json"
WORKSHEETS = RESOURCES / "inventory" / "ru.json"
DEMO = ROOT / "recovery_journal" / "services" / "demo_ru.py"
GUIDE = ROOT / "docs" / "guide.ru.md"


def ru(msgid: str) -> str:
    (value,) = [m.string for m in MESSAGES if m.id == msgid and m.context is None]
    assert isinstance(value, str)
    return value


def _strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in _strings(value)]
    return []


def _msgstrs() -> list[str]:
    found: list[str] = []
    for message in MESSAGES:
        found.extend(message.string if message.pluralizable else [message.string])
    return found


RUSSIAN = {
    "ru.po": _msgstrs(),
    "steps/ru.json": _strings(json.loads(STEPS.read_text("utf-8"))),
    "inventory/ru.json": _strings(json.loads(WORKSHEETS.read_text("utf-8"))),
    "demo_ru.py": DEMO.read_text("utf-8").splitlines(),
    "guide.ru.md": GUIDE.read_text("utf-8").splitlines(),
}

# (what is wrong, a pattern that finds it); matched case-insensitively in every Russian text.
WRONG = [
    ("the vault is «дневник», not a safe", r"сейф"),
    ("«область уведомлений», not the jargon «трей»", r"(?<!\w)тре(й|я|е|ю|ем)(?!\w)"),
    ("«Нужна помощь», not the calque «Помощь сейчас»", r"помощь сейчас"),
    ("«Задача на сегодня», not the calque «Фокус на сегодня»", r"фокус на сегодня"),
    ("a damaged file is said calmly, not «изменён посторонними»", r"посторонни"),
    ("one name for the report: «Отчёт для спонсора»", r"отч[её]т\w* о пути"),
    ("one word for milestones: «рубеж»", r"(?<!\w)вех(а|и|у|ой|ам|ами|ах)?(?!\w)"),
    ("one name for the list: «список благодарностей»", r"спис\w* благодарности(?!\w)"),
    ("the inventory's words for the defect: «эгоизм», «своекорыстие»", r"себялюби|корысть"),
    ("the worksheets say «моя часть», so the guide does too", r"мо(ю|я|ей) рол"),
    ("a calque: «повторяющиеся модели»", r"повторяющ\w* модел"),
    ("a calque: «в моменте»", r"в моменте"),
    ("a calque: «на расстоянии одного нажатия»", r"расстоянии одного"),
    ("patronising: «вы молодец»", r"вы молодец"),
    ("«Без настроения» means a bad mood, not no mood chosen", r"без настроения"),
    ("«сорвался» reads as a relapse where it means snapped at", r"сорвал(ся|ась) на"),
]


def _found(pattern: str, places: tuple[str, ...] = tuple(RUSSIAN)) -> list[str]:
    """Every Russian text in ``places`` that ``pattern`` finds, named by where it is."""
    return [
        f"{where}: {text}"
        for where in places
        for text in RUSSIAN[where]
        if re.search(pattern, text, re.IGNORECASE)
    ]


@pytest.mark.parametrize(("why", "pattern"), WRONG, ids=[why for why, _ in WRONG])
def test_no_russian_text_uses_the_wrong_word(why, pattern):
    assert _found(pattern) == [], why


def test_the_keychain_is_the_system_password_store():
    found = [t for t in RUSSIAN["ru.po"] if re.search(r"связк\w* ключей", t, re.IGNORECASE)]
    assert found == []
    assert ru("Asking the system keychain…") == "Обращаемся к системному хранилищу паролей…"
    # The guide may name macOS's own app, whose Russian name is «Связка ключей».
    guide = [t for t in RUSSIAN["guide.ru.md"] if re.search(r"связк\w* ключей", t, re.I)]
    assert all("macOS" in line for line in guide), guide


def test_the_report_has_one_russian_name_in_the_dialog_the_pdf_the_file_and_the_cli():
    name = ru("Progress report")  # the PDF's title and header
    assert name == "Отчёт для спонсора"
    assert ru("Progress report for your sponsor") == name  # the dialog's title
    assert ru("&Progress report for your sponsor…").replace("&", "").rstrip("…") == name
    assert ru("progress report.pdf") == name.lower() + ".pdf"
    assert name.lower() in ru("write the progress report for a sponsor as a PDF")
    assert f"«Дневник ▸ {name}»" in ru(
        "When you meet your sponsor, Journal ▸ Progress report makes a PDF of the parts you "
        "choose. Nothing private goes in unless you tick it. If a day gets hard, Help now "
        "(Ctrl+Shift+H) shows the people and numbers you entered. This guide is in the Help "
        "menu whenever you want it again."
    )
    assert f"## {name}" in GUIDE.read_text("utf-8")


def test_the_product_is_called_recovery_journal_everywhere():
    """The windows, the About box and every error say "Recovery Journal"; the PDF's footer too,
    since «дневник» is now the person's own journal file."""
    footer = ru(
        "Only what I chose to share is in this report; entries I marked private are left out. "
        "Made with Recovery Journal."
    )
    assert "Recovery Journal" in footer
    assert [t for t in RUSSIAN["ru.po"] if re.search(r"Дневник\w* выздоровления", t)] == []


def test_help_and_focus_read_the_same_wherever_they_appear():
    help_now = ru("Help now")
    assert help_now == "Нужна помощь"
    assert ru("&Help now…").replace("&", "").rstrip("…") == help_now
    assert ru("Help now: your sponsor and helplines").startswith(help_now + ":")
    assert ru("Help now: your sponsor, people you trust and helplines").startswith(help_now + ":")
    focus = ru("Today's &focus:").replace("&", "").rstrip(":")
    assert focus == "Задача на сегодня"
    assert ru("Today's focus: {defect}.").startswith(focus + ":")
    assert ru("Today's focus: {virtue} (instead of {defect}).").startswith(focus + ":")


def test_the_nightly_question_and_the_worksheet_name_the_defect_alike():
    worksheets = json.loads(WORKSHEETS.read_text("utf-8"))["options"]["my_part"]
    question = ru("Was I selfish or self-seeking?").lower()
    assert worksheets["selfish"].lower() in question
    assert worksheets["self_seeking"].lower() in question


def test_a_label_before_the_vault_path_says_file_of_the_journal():
    assert ru("Vault: {path}") == "Файл дневника: {path}"
    assert ru("Your vault:") == "Файл дневника:"


def test_the_step_guidance_never_points_below_at_another_tab():
    """The step's text is on «Об этом шаге»; its questions are on the tab «Вопросы»."""
    for language, below in (("en", r"\bbelow\b"), ("ru", r"\bниже\b")):
        steps = json.loads((RESOURCES / "steps" / f"{language}.json").read_text("utf-8"))
        about = [text for step in steps["steps"] for text in step["about"]]
        assert [t for t in about if re.search(below, t)] == [], language


# Where the app speaks for the person ("I shared", "Ready to let go"), Russian would have to pick
# a gender; it does not (docs/glossary.md): a noun, the present tense or an impersonal form. The
# demo is one man's journal and is left out; so are the guide's own sentences about "you".
GENDERED = [
    ("«(а)» or «(-ась)» after a verb", r"\w\((а|ла|ась|-ась|-лась)\)"),
    ("a first person in the masculine past", r"(?<!\w)я\s+(\w+\s+)?\w+л(ся)?(?!\w)"),
    # (a label that begins with one speaks for the person: «Готов отпустить»)
    ("a masculine short adjective for the person", r"^(готов|должен|уверен|рад)(?!\w)"),
]


@pytest.mark.parametrize(("why", "pattern"), GENDERED, ids=[why for why, _ in GENDERED])
def test_the_app_assumes_no_gender_of_the_person(why, pattern):
    assert _found(pattern, ("ru.po", "steps/ru.json", "inventory/ru.json")) == [], why
