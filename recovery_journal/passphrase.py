"""Passphrase rules that do not depend on storage: normalisation, minimum and a strength hint."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from enum import Enum

from recovery_journal.i18n import N_, _

MINIMUM_LENGTH = 8


def normalise(passphrase: str) -> str:
    # The same letters typed on different keyboards can arrive composed (NFC) or decomposed (NFD);
    # both must open the vault, so the key is always made from the composed form.
    return unicodedata.normalize("NFC", passphrase)


@dataclass(frozen=True)
class RawKey:
    """The vault's 256-bit key as SQLCipher derives it from the passphrase.

    This, never the passphrase, is what "remember my passphrase" keeps in the OS keychain: it
    opens this one vault without the key derivation, and tells nothing about a passphrase the
    person may use elsewhere. Hidden from repr so it never reaches a log or a traceback.
    """

    hex: str = field(repr=False)

    def __post_init__(self) -> None:
        if not re.fullmatch(r"[0-9a-f]{64}", self.hex):
            raise ValueError("a raw key is 64 lower-case hex digits")

    def sqlcipher_form(self) -> str:
        # SQLCipher takes x'…' of exactly 64 hex digits as the key itself and skips PBKDF2.
        return f"x'{self.hex}'"


# What opens a vault: the passphrase as typed, or the raw key remembered for it.
Secret = str | RawKey


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
