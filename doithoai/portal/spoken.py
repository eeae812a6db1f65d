"""Times, dates and words as the public reads them on a phone and hears them on the commune loudspeaker.

Pure functions, no Django. The card on a phone writes "07 giờ 30, thứ Sáu,
ngày 05/6/2026" (the office's own style, NĐ 30/2020); the radio script says
"7 giờ 30 phút sáng thứ Sáu, ngày 5 tháng 6 năm 2026": no zero padding, no
slashes, the part of the day spoken, and abbreviations such as UBND read out
in full, so that whoever reads it aloud does not have to translate on air.
"""

from __future__ import annotations

import datetime as dt
import re

from doithoai.lib.vndates import WEEKDAYS, short_date

# The abbreviations officials write and a reader would otherwise spell out letter by letter.
ABBREVIATIONS: dict[str, str] = {
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "UBMTTQ": "Ủy ban Mặt trận Tổ quốc",
    "MTTQVN": "Mặt trận Tổ quốc Việt Nam",
    "MTTQ": "Mặt trận Tổ quốc",
    "BCTMT": "Ban công tác Mặt trận",
    "TDP": "tổ dân phố",
    "KT-XH": "kinh tế - xã hội",
    "QP-AN": "quốc phòng - an ninh",
    "TTHC": "thủ tục hành chính",
}
_ABBREVIATION_RE = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(a) for a in sorted(ABBREVIATIONS, key=len, reverse=True)) + r")(?![\w-])"
)
_SENTENCE_END = re.compile(r"[.;:!?]")
# A number of one to three digits written with leading zeros, standing alone (not part of 91/KH or 1.000).
_PADDED_NUMBER_RE = re.compile(r"(?<![\w/.,-])0+(\d{1,2})(?![\w/,-]|\.\d)")


def weekday(value: dt.date) -> str:
    """'thứ Sáu', 'chủ nhật': the weekday as it reads inside a sentence."""
    name = WEEKDAYS[value.weekday()]
    return name[0].lower() + name[1:]


def card_when(value: dt.datetime) -> str:
    """'07 giờ 30, thứ Sáu, ngày 05/6/2026' for a local (Việt Nam) date and time."""
    return f"{value:%H} giờ {value:%M}, {weekday(value.date())}, ngày {short_date(value.date())}"


def part_of_day(hour: int) -> str:
    if hour < 11:
        return "sáng"
    if hour < 13:
        return "trưa"
    if hour < 18:
        return "chiều"
    return "tối"


def spoken_time(value: dt.time | dt.datetime) -> str:
    """'7 giờ 30 phút sáng', '2 giờ chiều', '12 giờ trưa': twelve-hour, as people say it."""
    hour = value.hour % 12 or 12
    minutes = f" {value.minute} phút" if value.minute else ""
    return f"{hour} giờ{minutes} {part_of_day(value.hour)}"


def spoken_date(value: dt.date) -> str:
    """'ngày 5 tháng 6 năm 2026'."""
    return f"ngày {value.day} tháng {value.month} năm {value.year}"


def spoken_weekday_date(value: dt.date) -> str:
    """'thứ Sáu, ngày 5 tháng 6 năm 2026'."""
    return f"{weekday(value)}, {spoken_date(value)}"


def spoken_when(value: dt.datetime) -> str:
    """'7 giờ 30 phút sáng thứ Sáu, ngày 5 tháng 6 năm 2026' for a local date and time."""
    return f"{spoken_time(value)} {spoken_weekday_date(value.date())}"


def expand_abbreviations(text: str) -> str:
    """'Hội trường UBND xã' → 'Hội trường Ủy ban nhân dân xã'."""
    return _ABBREVIATION_RE.sub(lambda m: ABBREVIATIONS[m.group(1)], text)


def spoken_numbers(text: str) -> str:
    """'mô hình 02 cấp', 'chậm nhất 07 ngày' → '2 cấp', '7 ngày': documents pad small numbers, speech does not."""
    return _PADDED_NUMBER_RE.sub(lambda m: m.group(1), text)


def short_sentence(text: str, max_words: int = 26) -> str:
    """The first clause of a long paragraph, at most `max_words` words, ending without punctuation.

    Topics in plans are long paragraphs; read aloud, only their first clause
    is heard. A clause shorter than four words is too short to stand alone,
    so the cut then falls at the word limit instead.
    """
    text = " ".join(text.split())
    match = _SENTENCE_END.search(text)
    if match is not None and len(text[: match.start()].split()) >= 4:
        text = text[: match.start()]
    words = text.split()
    if len(words) > max_words:
        words = words[:max_words]
        # Prefer to end at the last comma inside the limit, so the clause still reads as one.
        for i in range(len(words) - 1, 3, -1):
            if words[i - 1].endswith(","):
                words = words[:i]
                break
    return " ".join(words).rstrip(",;:. ")


def word_count(text: str) -> int:
    return len(text.split())
