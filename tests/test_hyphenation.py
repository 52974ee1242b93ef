"""Russian words are broken only between syllables, by the school rules."""

from __future__ import annotations

import pytest

from recovery_journal.domain.hyphenation import SOFT_HYPHEN, hyphenated, syllable_breaks


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("Запланировано", "За-пла-ни-ро-ва-но"),
        ("Готовность", "Го-тов-ность"),
        ("возмещения", "воз-ме-ще-ния"),
        ("большой", "боль-шой"),  # ь stays with the letter before it
        ("подъезд", "подъ-езд"),  # ъ too
        ("бойня", "бой-ня"),  # and й
        ("контроль", "кон-троль"),
        ("Благодарность", "Бла-го-дар-ность"),
        ("мама", "ма-ма"),
        ("семья", "семья"),  # never one letter alone on a line
        ("Прямое", "Пря-мое"),
        ("Да", "Да"),
    ],
)
def test_breaks_fall_between_syllables(word, parts):
    assert hyphenated(word).replace(SOFT_HYPHEN, "-") == parts


def test_every_part_has_a_vowel_and_two_letters():
    for word in ("Переосвидетельствование", "Достопримечательность", "самоотверженность"):
        cuts = [0, *syllable_breaks(word), len(word)]
        parts = [word[a:b] for a, b in zip(cuts, cuts[1:], strict=False)]
        assert "".join(parts) == word and len(parts) > 3
        assert all(len(part) >= 2 or part in parts[1:-1] for part in parts)
        assert all(any(letter in "аеёиоуыэюя" for letter in part.lower()) for part in parts)
        assert all(part[0] not in "йьъ" for part in parts)


def test_only_russian_words_get_soft_hyphens():
    assert hyphenated("Resentments and fears") == "Resentments and fears"
    assert (
        hyphenated("из-за парковки, 2026-12-03")
        == f"из-за пар{SOFT_HYPHEN}ков{SOFT_HYPHEN}ки, 2026-12-03"
    )
