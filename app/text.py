"""Text helpers: accent folding for search, Lithuanian sort keys and counts."""

import re
import unicodedata

# Lithuanian alphabet order; "y" stands between "į" and "j".
LITHUANIAN_ALPHABET = "aąbcčdeęėfghiįyjklmnoprsštuųūvzž"
_RANK = {letter: index for index, letter in enumerate(LITHUANIAN_ALPHABET)}
_WORD = re.compile(r"[0-9a-z]+")


def is_number(text: str) -> bool:
    """Whether text is plain digits 0–9 ("²" and "٣" count as digits in Python)."""
    return text.isascii() and text.isdigit()


def fold(text: str) -> str:
    """Lower-case and strip accents, so "Anglų" and "anglu" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def search_words(text: str, limit: int = 8) -> list[str]:
    """Split a search string into folded words, keeping at most `limit` of them."""
    return _WORD.findall(fold(text))[:limit]


def search_document(text: str) -> str:
    """Build the folded, space-delimited column that word-prefix search runs on."""
    return " " + " ".join(_WORD.findall(fold(text))) + " "


def lithuanian_sort_key(text: str) -> str:
    """Encode text so that plain byte order gives Lithuanian alphabetical order.

    Punctuation is left out, so „Prisijungusi Lietuva“ sorts under P; a space
    sorts before every letter, so "Anglų kalba" comes before "Anglųkalba".
    """
    parts = []
    for char in text.casefold():
        if char in _RANK:
            parts.append(f"{_RANK[char] + 20:02d}")
        elif char.isdigit():
            parts.append(f"1{char}")
        elif char.isalpha():
            base = fold(char)[:1]
            parts.append(f"{_RANK.get(base, 79) + 20:02d}")
        elif char.isspace() and parts:
            parts.append("00")
    return "".join(parts)[:255]


def plural_form(count: int, one: str, few: str, many: str) -> str:
    """Pick the Lithuanian form for a count: 1, 21 užsiėmimas; 2–9, 22 užsiėmimai;
    0, 10–20, 30 užsiėmimų."""
    last, last_two = abs(count) % 10, abs(count) % 100
    if 10 <= last_two <= 20 or last == 0:
        return many
    if last == 1:
        return one
    return few


def count_of(count: int, one: str, few: str, many: str) -> str:
    """Write a count with its noun in the right form: "13 užsiėmimų"."""
    return f"{count} {plural_form(count, one, few, many)}"
