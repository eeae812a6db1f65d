"""The radio script: what it says, how it says times and dates, its length, and the download."""

from __future__ import annotations

import datetime as dt
import re

from django.urls import reverse

from doithoai.conferences.tests.conftest import on_day
from doithoai.portal.radio import WORD_LIMIT

BEFORE = dt.date(2026, 5, 31)


def _script(client, conference, day=BEFORE):
    with on_day(day):
        response = client.get(reverse("portal:radio_text", args=[conference.pk]))
    assert response.status_code == 200
    return response, response.content.decode("utf-8")


def test_it_downloads_the_script_as_a_utf8_text_file(client, announced):
    response, _text = _script(client, announced)
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="kich-ban-phat-thanh-hoi-nghi-{announced.pk}.txt"'
    )


def test_the_script_says_what_when_where_who_and_how_to_send_opinions(client, announced):
    _response, text = _script(client, announced)
    when = "7 giờ 30 phút sáng thứ Sáu, ngày 5 tháng 6 năm 2026"
    assert text.startswith("THÔNG BÁO\nVề việc tổ chức Hội nghị đối thoại năm 2026\n")
    assert "Kính thưa bà con Nhân dân xã Điềm He!" in text
    assert "Ủy ban nhân dân xã Điềm He tổ chức Hội nghị đối thoại năm 2026 vào lúc" in text
    assert text.count(when) == 2  # said, then repeated at the end
    assert ", tại Hội trường Ủy ban nhân dân xã." in text  # abbreviations read out in full
    assert "UBND" not in text and "HĐND" not in text and "MTTQ" not in text
    assert "Chủ trì: Chủ tịch Ủy ban nhân dân xã; Phó Chủ tịch Hội đồng nhân dân xã." in text
    assert "Nội dung hội nghị:" in text and "Một là, thông báo, trao đổi về tình hình phát triển" in text
    assert "Ba là, " in text  # the first three topics of the commune preset fit
    assert "Thôn Nà Pàn" in text
    step = announced.steps.get(key="opinion_collection")
    due = step.due_date
    assert f"ngày {due.day} tháng {due.month} năm {due.year}" in text
    assert "Ban công tác Mặt trận thôn" in text
    assert "Xin nhắc lại:" in text
    assert text.rstrip().endswith("Xin cảm ơn bà con đã lắng nghe!")
    # Read aloud: no slashes in dates, no zero-padded numbers.
    assert not re.search(r"\d+/\d+", text)
    assert " 05 " not in text and " 07 " not in text


def test_the_script_is_short(client, cast, announced, plan):
    _response, text = _script(client, announced)
    assert len(text.split()) <= WORD_LIMIT
    # Even with long topics, it stays within the limit by leaving the later ones out.
    plan.topics.update(text=" ".join(["nội dung rất dài và chi tiết"] * 20))
    _response, text = _script(client, announced)
    assert len(text.split()) <= WORD_LIMIT
    assert "Kính thưa bà con" in text and "Xin nhắc lại" in text


def test_the_script_drops_an_opinion_deadline_that_has_passed(client, announced):
    _response, text = _script(client, announced, dt.date(2026, 6, 4))
    assert "chậm nhất" not in text
    assert "phát biểu trực tiếp tại hội nghị" in text


def test_a_cancelled_conference_gets_a_cancellation_notice(client, cancelled):
    _response, text = _script(client, cancelled)
    assert text.startswith("THÔNG BÁO\nVề việc không tổ chức Hội nghị đối thoại năm 2026 như đã thông báo\n")
    assert "nay không tổ chức như đã thông báo" in text
    assert "Bà con không đến dự theo lịch cũ." in text
    assert "trân trọng thông báo: Hội nghị" not in text


def test_the_script_is_shown_on_a_page_to_copy(client, cast, announced):
    client.force_login(cast.citizen)
    _response, text = _script(client, announced)
    with on_day(BEFORE):
        response = client.get(reverse("portal:radio", args=[announced.pk]))
    html = response.content.decode()
    assert response.context["script"] == text
    assert 'data-testid="radio-script"' in html
    assert reverse("portal:radio_text", args=[announced.pk]) in html
    assert f"{len(text.split())} từ" in html


def test_the_script_is_in_vietnamese_even_when_the_page_is_in_english(client, announced):
    client.cookies["django_language"] = "en"
    _response, text = _script(client, announced)
    assert "Kính thưa bà con Nhân dân xã Điềm He!" in text
