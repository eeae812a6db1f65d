"""The .ics file for a phone's calendar."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from doithoai.conferences.tests.conftest import on_day
from doithoai.portal.ics import fold

BEFORE = dt.date(2026, 5, 31)


def _ics(client, conference):
    with on_day(BEFORE):
        response = client.get(reverse("portal:calendar", args=[conference.pk]))
    assert response.status_code == 200
    return response, response.content.decode("utf-8")


def _unfold(text):
    return text.replace("\r\n ", "")


def test_it_downloads_an_icalendar_event(client, announced):
    response, text = _ics(client, announced)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="hoi-nghi-doi-thoai-{announced.pk}.ics"'
    lines = _unfold(text).split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR" and lines[-1] == ""
    assert "VERSION:2.0" in lines
    assert f"UID:hoi-nghi-{announced.pk}@testserver" in lines
    assert "DTSTART:20260605T003000Z" in lines  # 07:30 in Việt Nam
    assert "DTEND:20260605T033000Z" in lines
    assert "SUMMARY:Hội nghị đối thoại năm 2026 – Xã Điềm He" in lines
    assert "LOCATION:Hội trường UBND xã" in lines
    assert "STATUS:CONFIRMED" in lines
    assert "TRIGGER:-P1D" in lines
    assert f"URL:http://testserver{reverse('portal:conference', args=[announced.pk])}" in lines
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_a_cancelled_conference_is_sent_as_cancelled(client, cancelled):
    _response, text = _ics(client, cancelled)
    lines = _unfold(text).split("\r\n")
    assert "STATUS:CANCELLED" in lines
    assert any(line.startswith("SUMMARY:ĐÃ HỦY: ") for line in lines)
    assert "BEGIN:VALARM" not in lines


def test_it_folds_long_lines_without_splitting_a_character():
    line = "DESCRIPTION:" + "Điềm He, " * 30
    folded = fold(line)
    assert folded.replace("\r\n ", "") == line
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
