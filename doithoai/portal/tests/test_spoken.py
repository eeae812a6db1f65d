"""Times, dates and abbreviations as the loudspeaker says them."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from doithoai.portal.spoken import (
    card_when,
    expand_abbreviations,
    short_sentence,
    spoken_time,
    spoken_when,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def test_it_writes_the_card_time_as_the_office_does():
    assert card_when(dt.datetime(2026, 6, 5, 7, 30, tzinfo=VN)) == "07 giờ 30, thứ Sáu, ngày 05/6/2026"
    assert card_when(dt.datetime(2026, 2, 1, 14, 0, tzinfo=VN)) == "14 giờ 00, chủ nhật, ngày 01/02/2026"


@pytest.mark.parametrize(
    ("hour", "minute", "spoken"),
    [
        (7, 30, "7 giờ 30 phút sáng"),
        (8, 0, "8 giờ sáng"),
        (12, 0, "12 giờ trưa"),
        (14, 15, "2 giờ 15 phút chiều"),
        (19, 0, "7 giờ tối"),
    ],
)
def test_it_says_the_time_of_day(hour, minute, spoken):
    assert spoken_time(dt.time(hour, minute)) == spoken


def test_it_says_the_date_in_words_without_zero_padding():
    when = dt.datetime(2026, 6, 5, 7, 30, tzinfo=VN)
    assert spoken_when(when) == "7 giờ 30 phút sáng thứ Sáu, ngày 5 tháng 6 năm 2026"


def test_it_reads_abbreviations_in_full():
    assert expand_abbreviations("Hội trường UBND xã") == "Hội trường Ủy ban nhân dân xã"
    assert expand_abbreviations("Thường trực HĐND, Ủy ban MTTQ xã") == (
        "Thường trực Hội đồng nhân dân, Ủy ban Mặt trận Tổ quốc xã"
    )
    assert expand_abbreviations("TDP số 3") == "tổ dân phố số 3"
    assert expand_abbreviations("UBNDX") == "UBNDX"  # a longer word is left alone


def test_it_keeps_the_first_clause_of_a_long_topic():
    topic = (
        "Thông báo, trao đổi về tình hình phát triển kinh tế - xã hội; những vấn đề quan trọng ảnh hưởng trực "
        "tiếp đến địa phương mà dư luận xã hội, Nhân dân đang quan tâm."
    )
    assert short_sentence(topic) == "Thông báo, trao đổi về tình hình phát triển kinh tế - xã hội"
    long = " ".join(f"từ{i}," for i in range(30))
    assert len(short_sentence(long, max_words=10).split()) <= 10
