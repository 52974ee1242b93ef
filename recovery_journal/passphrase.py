"""Passphrase rules that do not depend on storage: normalisation, minimum and a strength hint."""

from __future__ import annotations

import math
import unicodedata
from enum import Enum

from recovery_journal.i18n import N_, _

MINIMUM_LENGTH = 8


def normalise(passphrase: str) -> str:
    # The same letters typed on different keyboards can arrive composed (NFC) or decomposed (NFD);
    # both must open the vault, so the key is always made from the composed form.
    return unicodedata.normalize("NFC", passphrase)


class Strength(Enum):
    TOO_SHORT = 0
    WEAK = 1
    FAIR = 2
    STRONG = 3


_HINTS = {
    Strength.TOO_SHORT: N_("Too short: use at least {minimum} characters."),
    Strength.WEAK: N_("Weak: a few unrelated words are easier to remember and much stronger."),
    Strength.FAIR: N_("Fair: one or two more words would make it strong."),
    Strength.STRONG: N_("Strong."),
}


def estimate_bits(passphrase: str) -> float:
    """A rough guess of the entropy, generous to long passphrases and harsh on repetition."""
    text = normalise(passphrase)
    if not text:
        return 0.0
    pool = 0
    if any(c.islower() and c.isascii() for c in text):
        pool += 26
    if any(c.isupper() and c.isascii() for c in text):
        pool += 26
    if any(c.isdigit() for c in text):
        pool += 10
    if any(not c.isascii() and c.isalpha() for c in text):
        pool += 33  # a second alphabet, e.g. Cyrillic
    if any(not c.isalnum() for c in text):
        pool += 20
    distinct = len(set(text))
    # Repeated characters add little: weight length by how varied the characters are.
    effective_length = min(len(text), distinct * 2)
    return effective_length * math.log2(max(pool, 2))


def strength(passphrase: str) -> Strength:
    if len(normalise(passphrase)) < MINIMUM_LENGTH:
        return Strength.TOO_SHORT
    bits = estimate_bits(passphrase)
    if bits < 45:
        return Strength.WEAK
    if bits < 70:
        return Strength.FAIR
    return Strength.STRONG


def strength_hint(passphrase: str) -> str:
    return _(_HINTS[strength(passphrase)]).format(minimum=MINIMUM_LENGTH)


def problem_with_new_passphrase(passphrase: str, repeated: str) -> str | None:
    """Why a new passphrase cannot be used yet, or None when it can."""
    if len(normalise(passphrase)) < MINIMUM_LENGTH:
        return _("Use at least {minimum} characters.").format(minimum=MINIMUM_LENGTH)
    if normalise(passphrase) != normalise(repeated):
        return _("The two passphrases are not the same.")
    return None
