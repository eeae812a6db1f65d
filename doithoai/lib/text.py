"""Vietnamese text helpers. Pure functions, no Django."""

from __future__ import annotations

import unicodedata

# Every precomposed Vietnamese letter (both cases) and its plain ASCII
# lowercase form. Used in Python and, as one translate() call, in SQL, so that
# "duong" finds "Đường" on SQLite and on PostgreSQL alike.
_VIETNAMESE_LOWER = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
_ASCII_LOWER = "a" * 17 + "e" * 11 + "i" * 5 + "o" * 17 + "u" * 11 + "y" * 5 + "d"
FOLD_FROM = _VIETNAMESE_LOWER + _VIETNAMESE_LOWER.upper()
FOLD_TO = _ASCII_LOWER + _ASCII_LOWER
assert len(FOLD_FROM) == len(FOLD_TO)

_TABLE = str.maketrans(FOLD_FROM, FOLD_TO)


def fold(text: str | None) -> str:
    """Lowercase, strip Vietnamese diacritics and collapse white space.

    >>> fold("  Xã  ĐIỀM He ")
    'xa diem he'
    """
    if not text:
        return ""
    composed = unicodedata.normalize("NFC", text).translate(_TABLE)
    # Letters outside the table (other scripts, stray combining marks) fall
    # back to decomposition so that nothing accented survives.
    stripped = "".join(ch for ch in unicodedata.normalize("NFKD", composed) if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())


def normalize_input(text: str | None) -> str:
    """What we store from a user: NFC, trimmed, inner white space collapsed."""
    if not text:
        return ""
    return " ".join(unicodedata.normalize("NFC", text).split())
