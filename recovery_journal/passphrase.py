"""Passphrase rules that do not depend on storage: normalisation, the minimum, and how quickly
a guesser would find one (zxcvbn's estimate, in passphrase_guesses, loaded only when a passphrase
is rated)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from recovery_journal.i18n import N_, _

if TYPE_CHECKING:
    from recovery_journal.passphrase_guesses import Estimate

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


@dataclass(frozen=True)
class SaltedKey:
    """A 256-bit key and the 16-byte salt it was derived with: what opens the files in a folder
    shared by several computers (every file there has this one salt, so the key is derived once,
    when the person types the passphrase, and kept in each computer's encrypted vault)."""

    hex: str = field(repr=False)  # 64 hex digits of key, then 32 of salt

    def __post_init__(self) -> None:
        if not re.fullmatch(r"[0-9a-f]{96}", self.hex):
            raise ValueError("a salted key is 96 lower-case hex digits")

    @property
    def salt(self) -> bytes:
        return bytes.fromhex(self.hex[64:])

    def sqlcipher_form(self) -> str:
        # x'…' of 96 hex digits: the key itself and the salt to write in a new file's header.
        return f"x'{self.hex}'"

    @classmethod
    def derive(cls, passphrase: str, salt: bytes, iterations: int) -> SaltedKey:
        """SQLCipher 4's own derivation (PBKDF2-HMAC-SHA512): the passphrase opens the file too."""
        import hashlib  # here: the first window does not need it (about 4 ms)

        key = hashlib.pbkdf2_hmac("sha512", normalise(passphrase).encode(), salt, iterations, 32)
        return cls(key.hex() + salt.hex())


# What opens a vault: the passphrase as typed, or the raw key remembered for it.
Secret = str | RawKey


class Strength(Enum):
    TOO_SHORT = 0
    WEAK = 1
    FAIR = 2
    STRONG = 3


# The thresholds, in guesses (powers of ten) as zxcvbn counts them. Someone who takes the vault
# file tries passphrases offline, each through the key derivation (PBKDF2-HMAC-SHA512, 256,000
# iterations): about ten thousand a second on one good graphics card, going by public hashcat
# figures for PBKDF2-SHA512 scaled to our iterations (zxcvbn's "offline, slow hash" case).
# Under 10^8 guesses is under about three hours for that one card: found quickly, so the window
# asks and the command line refuses (zxcvbn's scores 0-2, which Bitwarden also treats as weak).
# 10^8-10^10 is days to weeks: fair. From 10^10 (score 4) it is months and more: strong.
WEAK_BELOW = 8.0
STRONG_FROM = 10.0


class Pattern(Enum):
    """What a guesser tries that finds the passphrase: the one sentence saying why it is weak."""

    PERSONAL = "personal"  # the person's name or the vault's
    LOOK_ALIKES = "look-alikes"  # P@ssw0rd
    REVERSED = "reversed"  # drowssap
    COMMON_PASSWORD = "common password"  # password123, пароль
    WORD = "word"  # one common word or name
    OTHER_LAYOUT = "other layout"  # ghbdtn: «привет» with the keyboard left on English
    KEYBOARD = "keyboard"  # qwerty, йцукен
    SEQUENCE = "sequence"  # abcd, 1234
    REPEAT = "repeat"  # aaaa, the same word twice
    DATE = "date"  # a birthday, a year
    SHORT = "short"  # no pattern, but short enough to try every combination


_REASONS = {
    Pattern.PERSONAL: N_(
        "It contains your name or the journal file's name, which anyone who knows you would "
        "try first."
    ),
    Pattern.LOOK_ALIKES: N_(
        "Swapping letters for look-alikes, like @ for a or 0 for o, is one of the first tricks "
        "a guesser tries."
    ),
    Pattern.REVERSED: N_("A word spelled backwards is one of the first tricks a guesser tries."),
    Pattern.COMMON_PASSWORD: N_(
        "It is built on one of the most common passwords, which guessers try first."
    ),
    Pattern.WORD: N_(
        "A single common word or name is in every guesser's dictionary, even with a few letters "
        "or digits added."
    ),
    Pattern.OTHER_LAYOUT: N_(
        "Typed with the other keyboard layout it spells a common word or password, and guessers "
        "try that too."
    ),
    Pattern.KEYBOARD: N_(
        "Neighbouring keys in a row, like qwerty or asdf, are among the first things a guesser "
        "tries."
    ),
    Pattern.SEQUENCE: N_("Runs like abcd or 1234 are easy to guess."),
    Pattern.REPEAT: N_(
        "Repeats, like aaaa or the same word twice, add little that a guesser would not try."
    ),
    Pattern.DATE: N_("Dates and years, like a birthday or this year, are easy to guess."),
    Pattern.SHORT: N_("It is short enough to be found by trying every combination."),
}

_HINTS = {
    Strength.TOO_SHORT: N_("Too short: use at least {minimum} characters."),
    Strength.FAIR: N_("Fair: one or two more words would make it strong."),
    Strength.STRONG: N_("Strong."),
}


@dataclass(frozen=True)
class Rating:
    """How hard a passphrase is to guess, and what would find it; words made when shown (in the
    language of the moment), so it can be made on another thread."""

    strength: Strength
    guesses_log10: float = 0.0
    pattern: Pattern | None = None

    def reason(self) -> str:
        """One sentence saying why it is weak ("" when it is not)."""
        if self.strength is not Strength.WEAK:
            return ""
        return _(_REASONS[self.pattern or Pattern.SHORT])

    def hint(self) -> str:
        """What the window shows under the passphrase as it is typed."""
        if self.strength is Strength.WEAK:
            return " ".join(
                (
                    self.reason(),
                    _("A few unrelated words are easier to remember and much harder to guess."),
                )
            )
        return _(_HINTS[self.strength]).format(minimum=MINIMUM_LENGTH)


def rate(passphrase: str, names: Sequence[str] = ()) -> Rating:
    """How quickly a guesser would find ``passphrase``; ``names`` (the person's, the vault's)
    are tried first, as someone who knows them would.

    Up to about a tenth of a second for a long passphrase, and zxcvbn loads on the first call:
    the window calls this off its thread (ui/passphrase_rater.py)."""
    text = normalise(passphrase)
    if len(text) < MINIMUM_LENGTH:
        return Rating(Strength.TOO_SHORT)
    from recovery_journal.passphrase_guesses import estimate

    found = estimate(text, names)
    if found.guesses_log10 < WEAK_BELOW:
        strength = Strength.WEAK
    elif found.guesses_log10 < STRONG_FROM:
        strength = Strength.FAIR
    else:
        strength = Strength.STRONG
    return Rating(strength, found.guesses_log10, _pattern(found))


def _pattern(found: Estimate) -> Pattern:
    from recovery_journal.passphrase_guesses import is_common_password_list

    if found.pattern == "dictionary":
        if found.dictionary == "user_inputs":
            return Pattern.PERSONAL
        if found.l33t:
            return Pattern.LOOK_ALIKES
        if found.reversed:
            return Pattern.REVERSED
        if found.run:
            return Pattern.KEYBOARD if found.run == "spatial" else Pattern.SEQUENCE
        if found.other_layout:
            return Pattern.OTHER_LAYOUT
        if is_common_password_list(found.dictionary):
            return Pattern.COMMON_PASSWORD
        return Pattern.WORD
    return {
        "spatial": Pattern.KEYBOARD,
        "sequence": Pattern.SEQUENCE,
        "repeat": Pattern.REPEAT,
        "date": Pattern.DATE,
        "regex": Pattern.DATE,  # zxcvbn's only regex is for recent years
    }.get(found.pattern, Pattern.SHORT)


def strength(passphrase: str, names: Sequence[str] = ()) -> Strength:
    return rate(passphrase, names).strength


def strength_hint(passphrase: str, names: Sequence[str] = ()) -> str:
    return rate(passphrase, names).hint()


def names_to_try(vault_path: Path, *names: str) -> tuple[str, ...]:
    """What a guesser who knows the person tries first: the names given (from the journal's
    settings), the computer account's name and full name, and the vault file's name."""
    found = [*names, *_account_names(), vault_path.stem]
    return tuple(dict.fromkeys(name.strip() for name in found if name.strip()))


def _account_names() -> list[str]:
    import getpass

    found: list[str] = []
    try:
        login = getpass.getuser()
    except (OSError, KeyError, ImportError):  # no login name known (a bare container)
        return found
    found.append(login)
    try:
        import pwd
    except ImportError:  # Windows: the login name only
        return found
    try:
        full_name = pwd.getpwnam(login).pw_gecos.split(",")[0]
    except KeyError:
        return found
    if full_name.strip():
        found.append(full_name)
    return found


def problem_with_new_passphrase(passphrase: str, repeated: str) -> str | None:
    """Why a new passphrase cannot be used yet, or None when it can."""
    if len(normalise(passphrase)) < MINIMUM_LENGTH:
        return _("Use at least {minimum} characters.").format(minimum=MINIMUM_LENGTH)
    if normalise(passphrase) != normalise(repeated):
        return _("The two passphrases are not the same.")
    return None
