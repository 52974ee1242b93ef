"""Where a long Russian word may be broken at the end of a line, and only there.

The school rules, kept small: every part holds a vowel; й, ь and ъ stay with the letter before
them; no part is shorter than two letters. Between two vowels, one consonant starts the next
syllable (ма-ма), two are split (го-тов-ность) unless they can open a syllable together, as a
consonant before л or р does (за-пла-ни-ро-вать); of three or more, the first stays behind
(кон-троль, боль-шой, сес-тра). Used for the PDF's narrow table columns, where a word that does not
fit would otherwise be cut anywhere; English words are left whole (their rules need a dictionary).
"""

from __future__ import annotations

import re

SOFT_HYPHEN = "\u00ad"
VOWELS = frozenset("аеёиоуыэюя")
SIGNS = frozenset("йьъ")  # never begin a line's part
LIQUIDS = frozenset("лр")
SONORANTS = frozenset("лмнрй")
SHORTEST = 2  # letters on either side of a break
_RUSSIAN = re.compile(r"[а-яё]+", re.IGNORECASE)


def syllable_breaks(word: str) -> list[int]:
    """Offsets in ``word`` (Russian letters only) where a hyphen may go, in order."""
    lower = word.lower()
    vowels = [index for index, letter in enumerate(lower) if letter in VOWELS]
    found = []
    for before, after in zip(vowels, vowels[1:], strict=False):
        cluster = lower[before + 1 : after]
        consonants = [letter for letter in cluster if letter not in SIGNS]
        if cluster and cluster[-1] in SIGNS:
            cut = after  # подъ-езд, май-ор
        elif len(consonants) <= 1:
            cut = before + 1  # ма-ма, по-эт
        elif (
            len(cluster) == 2
            and cluster[1] in LIQUIDS
            and cluster[0] not in SONORANTS
            and cluster[0] not in SIGNS
        ):
            cut = before + 1  # за-пла, до-бро
        else:
            cut = before + 2  # го-тов-ность, сес-тра, кон-троль
        while cut < after and lower[cut] in SIGNS:
            cut += 1  # бой-ня, боль-шой, подъ-езд
        if SHORTEST <= cut <= len(word) - SHORTEST:
            found.append(cut)
    return found


def hyphenated(text: str) -> str:
    """``text`` with a soft hyphen at each syllable break of its Russian words: invisible, and a
    hyphen where a line is broken there."""

    def breaks(match: re.Match[str]) -> str:
        word = match.group()
        parts, start = [], 0
        for cut in syllable_breaks(word):
            parts.append(word[start:cut])
            start = cut
        parts.append(word[start:])
        return SOFT_HYPHEN.join(parts)

    return _RUSSIAN.sub(breaks, text)
