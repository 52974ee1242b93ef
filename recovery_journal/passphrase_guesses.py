"""How many guesses a passphrase would take: zxcvbn's estimate, taught what a Russian speaker's
guesser tries first.

zxcvbn (the estimator KeePassXC and Bitwarden use) finds the patterns a cracking program tries
before brute force: common passwords, words and names, keyboard rows, runs like abcd, repeats,
dates, l33t substitutions, words spelled backwards, and the person's own names (its "user
inputs"). Its word lists are English, so two lists of our own are added
(resources/passphrase/), each Cyrillic entry also in Latin letters as Russians type it, and the
passphrase is also read as if typed with the other keyboard layout (``ghbdtn`` is «привет»
typed with the layout left on English; ``йцукен`` is ``qwerty`` with it left on Russian).

Imported only when a passphrase is rated: zxcvbn builds its frequency lists on import (about a
tenth of a second, a few MiB), which the app's start must not pay for.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from zxcvbn import matching, zxcvbn

from recovery_journal.package_data import resource

# What is estimated: zxcvbn's time grows with the length (worse than linearly on repetitive
# text), and a passphrase whose first 100 characters are easy to guess is easy to guess.
CHECKED_LENGTH = 100

# ЙЦУКЕН over QWERTY, key for key: what the same keys give in the other layout.
_LATIN_KEYS = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`"
_CYRILLIC_KEYS = "йцукенгшщзхъфывапролджэячсмитьбюё"
_TO_LATIN = str.maketrans(
    _CYRILLIC_KEYS + _CYRILLIC_KEYS.upper(), _LATIN_KEYS + _LATIN_KEYS.upper().replace("`", "~")
)
_TO_CYRILLIC = str.maketrans(
    _LATIN_KEYS + "QWERTYUIOPASDFGHJKLZXCVBNM",
    _CYRILLIC_KEYS + "ЙЦУКЕНГШЩЗФЫВАПРОЛДЯЧСМИТЬ",
)

# Two of the ways Russian words are written in Latin letters (lyubov, ljubov; zayka, zaika).
_COMMON = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ф": "f", "ч": "ch", "ш": "sh", "ъ": "", "ь": "", "э": "e",
}  # fmt: skip
_SCHEMES = (
    {**_COMMON, "й": "y", "х": "h", "ц": "c", "щ": "sch", "ы": "y", "ю": "yu", "я": "ya"},
    {**_COMMON, "й": "i", "х": "kh", "ц": "ts", "щ": "shch", "ы": "i", "ю": "ju", "я": "ja",
     "ё": "yo"},
)  # fmt: skip

# zxcvbn's own lists that hold passwords people really used, and our own.
_PASSWORD_LISTS = frozenset({"passwords", "ru_passwords"})


def transliterations(word: str) -> set[str]:
    """``word`` as Russian speakers write it in Latin letters (itself when it is not Cyrillic)."""
    return {"".join(scheme.get(letter, letter) for letter in word) for scheme in _SCHEMES}


def other_layouts(text: str) -> list[str]:
    """``text`` as the same keys give it with the keyboard switched to Latin, and to Cyrillic
    (those that differ from it)."""
    found: list[str] = []
    for switched in (text.translate(_TO_LATIN), text.translate(_TO_CYRILLIC)):
        if switched != text and switched not in found:
            found.append(switched)
    return found


def _read_list(name: str) -> list[str]:
    lines = resource("passphrase", name).read_text(encoding="utf-8").splitlines()
    return [line.strip().lower() for line in lines if line.strip() and not line.startswith("#")]


def _ranked(words: Iterable[str]) -> dict[str, int]:
    """Each word and its Latin spellings, ranked by the word's place in the list (a guesser's
    order: the first is found in one guess)."""
    ranked: dict[str, int] = {}
    for rank, word in enumerate(words, 1):
        for form in (word, *sorted(transliterations(word))):
            ranked.setdefault(form, rank)
    return ranked


# zxcvbn keeps its dictionaries, the person's inputs among them, in one module-level dict that
# each call rewrites: one estimate at a time.
_lock = threading.Lock()


@cache
def _taught() -> None:
    matching.RANKED_DICTIONARIES["ru_passwords"] = _ranked(_read_list("passwords-ru.txt"))
    matching.RANKED_DICTIONARIES["ru_words"] = _ranked(_read_list("words-ru.txt"))


def user_inputs(names: Iterable[str]) -> list[str]:
    """The person's names as a guesser who knows them would try them: whole, run together, each
    part of three letters or more, and in Latin letters."""
    found: list[str] = []
    for name in names:
        lowered = name.strip().lower()
        parts = [part for part in re.split(r"[\W_]+", lowered) if len(part) >= 3]
        for form in (lowered, "".join(parts), *parts):
            for spelling in (form, *sorted(transliterations(form))):
                if len(spelling) >= 3 and spelling not in found:
                    found.append(spelling)
    return found


@dataclass(frozen=True)
class Estimate:
    """How many guesses (as a power of ten) and the longest pattern that a guesser would use."""

    guesses_log10: float
    pattern: str  # "dictionary", "spatial", "sequence", "repeat", "date", "regex", "bruteforce"
    dictionary: str = ""  # for "dictionary": zxcvbn's list, ours, or "user_inputs"
    l33t: bool = False
    reversed: bool = False
    # A dictionary word that is first of all a row of keys ("spatial", like qwertyuiop) or a run
    # ("sequence", like 123456).
    run: str = ""
    other_layout: bool = False  # found only when read as typed with the other keyboard layout


def estimate(passphrase: str, names: Sequence[str] = ()) -> Estimate:
    """The fewest guesses any reading of ``passphrase`` (its first CHECKED_LENGTH characters)
    would take, with ``names`` (the person's, the vault's) tried first."""
    text = passphrase[:CHECKED_LENGTH]
    inputs = user_inputs(names)
    with _lock:
        _taught()
        as_typed = zxcvbn(text, user_inputs=inputs, max_length=CHECKED_LENGTH)
        switched = [
            zxcvbn(other, user_inputs=inputs, max_length=CHECKED_LENGTH)
            for other in other_layouts(text)
        ]
        fewest = min([as_typed, *switched], key=lambda result: result["guesses_log10"])
        # Said as typed unless the other layout is what gives it away (ghbdtn: «привет»); a
        # passphrase weak either way (пароль123, gfhjkm123) is described as the person sees it.
        if as_typed["guesses_log10"] - fewest["guesses_log10"] < 1:
            return _described(as_typed, fewest["guesses_log10"], switched=False)
        return _described(fewest, fewest["guesses_log10"], switched=True)


def _described(result: dict[str, Any], guesses_log10: float, *, switched: bool) -> Estimate:
    found = [match for match in result["sequence"] if match["pattern"] != "bruteforce"]
    guesses = float(guesses_log10)
    if not found:
        return Estimate(guesses, "bruteforce")
    longest = max(found, key=lambda match: len(match["token"]))  # the first of the longest
    if longest["pattern"] != "dictionary":
        return Estimate(guesses, longest["pattern"], other_layout=switched)
    token = longest["token"].lower()
    return Estimate(
        guesses,
        "dictionary",
        dictionary=longest["dictionary_name"],
        l33t=bool(longest.get("l33t")),
        reversed=bool(longest.get("reversed")),
        run=_run_in(token),
        other_layout=switched,
    )


def _run_in(token: str) -> str:
    """ "spatial" when the whole word is a row of keys (on either layout), "sequence" when it is
    a run like abcdef or 123456, else ""."""
    for form in (token, *other_layouts(token)):
        for match in matching.sequence_match(form) + matching.spatial_match(form):
            if match["i"] == 0 and match["j"] == len(form) - 1:
                return str(match["pattern"])
    return ""


def is_common_password_list(name: str) -> bool:
    return name in _PASSWORD_LISTS
