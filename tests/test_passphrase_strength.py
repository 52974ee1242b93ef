"""How quickly a guesser would find a passphrase: zxcvbn's estimate, with what a Russian speaker's
guesser tries first and the person's own names, and one sentence saying why it is weak."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from recovery_journal.i18n import set_language
from recovery_journal.passphrase import MINIMUM_LENGTH, Strength, names_to_try, rate, strength

# The four, each rated strong by the old character-pool guess.
RATED_STRONG_BEFORE = [
    "P@ssw0rd2024!",
    "qwertyuiopasdfgh",
    "abcdefghijklmnop",
    "password123password",
]

RUSSIAN = [
    "пароль123",  # «пароль» and a run of digits
    "ghbdtn2024",  # «привет» typed with the keyboard left on English, and a year
    "йцукенгшщзхъ",  # qwertyuiop[] with the keyboard left on Russian
    "ЙЦУКЕН123",
    "gfhjkm123",  # «пароль» with the layout left on English
    "lyubov1990",  # «любовь» in Latin letters
    "ljubov1990",  # the other common spelling
    "solnyshko",
    "Наташа1985",
]


@pytest.fixture(autouse=True)
def _english():
    set_language("en")
    yield
    set_language("en")


@pytest.mark.parametrize("passphrase", RATED_STRONG_BEFORE)
def test_what_a_password_manager_calls_weak_is_weak(passphrase):
    assert strength(passphrase) is Strength.WEAK


@pytest.mark.parametrize(
    ("passphrase", "because"),
    [
        ("P@ssw0rd2024!", "look-alikes, like @ for a"),
        ("qwertyuiopasdfgh", "Neighbouring keys in a row"),
        ("abcdefghijklmnop", "Runs like abcd or 1234"),
        ("password123password", "most common passwords"),
        ("aaaaaaaaaaaa", "Repeats"),
        ("12.05.1990", "Dates and years"),
        ("drowssap!", "spelled backwards"),
        ("ghbdtnvbh", "most common passwords"),
        ("йцукен12", "other keyboard layout"),
    ],
)
def test_a_weak_passphrase_says_why_in_one_sentence(passphrase, because):
    rating = rate(passphrase)
    assert rating.strength is Strength.WEAK
    reason = rating.reason()
    assert because in reason
    assert reason.count(". ") == 0 and reason.endswith(".")  # one sentence
    assert rating.hint().startswith(reason)


@pytest.mark.parametrize("passphrase", RUSSIAN)
def test_what_a_russian_speaker_types_first_is_weak(passphrase):
    rating = rate(passphrase)
    assert rating.strength is Strength.WEAK, rating
    assert rating.reason()


def test_the_russian_words_are_found_whole_and_in_either_layout():
    from recovery_journal.passphrase_guesses import estimate

    for short in ("пароль", "ghbdtn", "йцукен", "parol", "privet", "lyubov"):
        assert estimate(short).guesses_log10 < 2, short
    assert estimate("ghbdtn").other_layout  # «привет»
    assert estimate("йцукен").run == "spatial"  # qwerty on the other layout


def test_the_russian_examples_shorter_than_the_minimum_stay_refused():
    for short in ("ghbdtn", "йцукен"):
        assert len(short) < MINIMUM_LENGTH
        assert strength(short) is Strength.TOO_SHORT


def test_the_sentences_are_russian_in_russian():
    set_language("ru")
    reason = rate("qwertyuiopasdfgh").reason()
    assert reason.startswith("Клавиши")
    assert "йцукен" in reason


@pytest.mark.parametrize(
    "passphrase",
    ["lantern orbit pickle meadow", "violin harbour cedar blanket", "тихий вечер у окна с чаем"],
)
def test_a_few_unrelated_words_are_strong(passphrase):
    rating = rate(passphrase)
    assert rating.strength is Strength.STRONG
    assert rating.reason() == ""
    assert rating.hint() == "Strong."


def test_the_persons_name_and_the_vaults_name_are_tried_first():
    names = names_to_try(Path("/home/x/Marguerite Oakfield.rjvault"), "Ekaterina Volkonskaya")
    for passphrase in ("ekaterina volkonskaya 7", "marguerite oakfield!"):
        alone = rate(passphrase)
        known = rate(passphrase, names)
        assert known.guesses_log10 < alone.guesses_log10 - 3, (alone, known)
        assert known.strength is Strength.WEAK
        assert "your name or the journal file's name" in known.reason()
    # A Cyrillic name is tried in Latin letters too.
    assert (
        rate("dobromira1985", ["Добромира"]).guesses_log10 < rate("dobromira1985").guesses_log10 - 3
    )


def test_the_names_to_try_are_the_persons_the_accounts_and_the_vaults():
    names = names_to_try(Path("/somewhere/My Diary.rjvault"), "Sam", " ", "Sam")
    assert names[0] == "Sam" and names.count("Sam") == 1
    assert names[-1] == "My Diary"
    assert "" not in names and " " not in names


def test_the_minimum_length_stays():
    rating = rate("a7#kQ2!")
    assert rating.strength is Strength.TOO_SHORT
    assert rating.hint() == f"Too short: use at least {MINIMUM_LENGTH} characters."


def test_a_long_passphrase_is_judged_by_its_start_and_quickly():
    from recovery_journal.passphrase_guesses import CHECKED_LENGTH

    rate("warm up the lists")
    long = "a" * 5000 + " lantern orbit pickle meadow"
    started = time.perf_counter()
    rating = rate(long)
    assert time.perf_counter() - started < 2.0  # zxcvbn alone refuses or crawls past 72
    assert rating.strength is Strength.WEAK  # its first CHECKED_LENGTH characters are one repeat
    assert CHECKED_LENGTH <= 100


def test_zxcvbn_is_loaded_only_when_a_passphrase_is_rated():
    code = (
        "import sys\n"
        "from recovery_journal import passphrase\n"
        "assert 'zxcvbn' not in sys.modules\n"
        "passphrase.rate('short')\n"
        "assert 'zxcvbn' not in sys.modules  # below the minimum: nothing to estimate\n"
        "passphrase.rate('long enough to rate')\n"
        "assert 'zxcvbn' in sys.modules\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_the_journal_gives_the_names_it_knows(tmp_path):
    from dataclasses import replace

    from recovery_journal.services.report_choices import load_choices, save_choices
    from recovery_journal.services.settings import names_in_journal, update_settings
    from recovery_journal.store import create_vault
    from tests.conftest import PASSPHRASE, TEST_KDF

    vault = create_vault(tmp_path / "j.rjvault", PASSPHRASE, kdf_iterations=TEST_KDF)
    try:
        assert names_in_journal(vault) == ()
        update_settings(vault, display_name="Sam")
        save_choices(vault, replace(load_choices(vault, "en"), name="S. Kowalczyk"))
        assert names_in_journal(vault) == ("Sam", "S. Kowalczyk")
    finally:
        vault.close()
