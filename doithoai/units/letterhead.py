"""The header of a document as the unit prints it (NĐ 30/2020, Phụ lục I): what the profile page previews."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from doithoai.lib.text import fold, normalize_input
from doithoai.lib.vndates import place_and_date

# Names of issuing bodies that documents print on a line of their own, above the unit's name.
_BODIES = [
    "ỦY BAN NHÂN DÂN",
    "HỘI ĐỒNG NHÂN DÂN",
    "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM",
    "ĐẢNG ỦY",
    "VĂN PHÒNG HĐND VÀ UBND",
    "VĂN PHÒNG HĐND - UBND",
]
# Division words that start the unit's own name ("XÃ ĐIỀM HE"), longest first.
_DIVISIONS = sorted(
    ["XÃ", "PHƯỜNG", "THỊ TRẤN", "ĐẶC KHU", "TỈNH", "THÀNH PHỐ", "HUYỆN", "QUẬN", "THỊ XÃ"],
    key=lambda d: -len(d),
)


def split_committee_name(name: str) -> list[str]:
    """'ỦY BAN NHÂN DÂN XÃ ĐIỀM HE' → ['ỦY BAN NHÂN DÂN', 'XÃ ĐIỀM HE'], as the header prints it.

    The body's name goes on the first line and the unit's name on the second;
    a name that matches neither pattern stays on one line. Matching ignores
    diacritics and case, so 'Uỷ ban nhân dân xã Điềm He' splits the same way.
    """
    words = normalize_input(name).upper().split()
    if not words:
        return []
    folded = [fold(w) for w in words]
    for body in _BODIES:
        body_words = [fold(w) for w in body.split()]
        size = len(body_words)
        if folded[:size] == body_words and len(words) > size:
            return [" ".join(words[:size]), " ".join(words[size:])]
    # Otherwise break before the first division word that is not the first word.
    for index in range(1, len(words)):
        for division in _DIVISIONS:
            division_words = [fold(w) for w in division.split()]
            if folded[index : index + len(division_words)] == division_words:
                return [" ".join(words[:index]), " ".join(words[index:])]
    return [" ".join(words)]


@dataclass(frozen=True)
class Letterhead:
    parent_line: str
    committee_lines: list[str]
    number_line: str
    place_and_date: str


def letterhead(
    *, committee_name: str, parent_line: str, place_name: str, committee_abbr: str, today: dt.date
) -> Letterhead:
    abbr = normalize_input(committee_abbr) or "UBND"
    place = normalize_input(place_name) or "…"
    return Letterhead(
        parent_line=normalize_input(parent_line).upper(),
        committee_lines=split_committee_name(committee_name) or ["…"],
        number_line=f"Số: …/KH-{abbr}",
        place_and_date=place_and_date(place, today),
    )
