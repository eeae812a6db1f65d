"""In Chromium: a citizen registers to speak on the portal from a phone, without an account; the office opens
the registrations, links one to a petition, puts two into the list of speakers, and the live room's list shows
them in order with their registered topics. No page logs a console error."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from doithoai.conferences.models import Conference
from doithoai.core.testing import log_in
from doithoai.live.models import RequestStatus, SpeakingRequest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIRST = "Đề nghị bê tông hóa đường vào thôn Nà Pàn trước mùa mưa"
SECOND = "Hỏi về tiến độ cấp giấy chứng nhận quyền sử dụng đất"


def test_a_citizen_registers_and_the_office_puts_the_registrations_into_the_list(
    cast, conference, petitions, live_server, page, password
):
    Conference.objects.filter(pk=conference.pk).update(starts_at=timezone.now() + dt.timedelta(days=10))
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)

    # A citizen, on a phone, from the conference's announcement on the portal.
    page.set_viewport_size({"width": 360, "height": 780})
    page.goto(live_server.url + reverse("portal:conference", args=[conference.pk]))
    page.get_by_test_id("register-to-speak").click()
    expect(page.get_by_role("heading", name="Đăng ký phát biểu tại hội nghị")).to_be_visible()
    consent = page.get_by_label("Tôi đồng ý hiện họ tên trên màn hình hội trường khi tôi phát biểu")
    expect(consent).not_to_be_checked()
    page.get_by_label("Nội dung, câu hỏi muốn phát biểu").fill(FIRST)
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("error-village")).to_be_visible()  # the village is asked for, the topic kept
    expect(page.get_by_label("Nội dung, câu hỏi muốn phát biểu")).to_have_value(FIRST)
    # The refused form comes back as "400 Bad Request", which Chromium logs; nothing else may be logged.
    assert [e for e in errors if "400" not in e] == []
    errors.clear()
    page.get_by_label("Thôn, tổ dân phố nơi ông/bà ở").select_option(label="Thôn Nà Pàn")
    page.get_by_label("Họ và tên").fill("Nông Văn Tám")
    consent.check()
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("registered")).to_be_visible()
    expect(page.get_by_test_id("registered-topic")).to_have_text(FIRST)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    # A second registration, without a name.
    page.get_by_role("link", name="Đăng ký thêm nội dung khác").click()
    page.get_by_label("Thôn, tổ dân phố nơi ông/bà ở").select_option(label="Thôn Nà Pàn")
    page.get_by_label("Nội dung, câu hỏi muốn phát biểu").fill(SECOND)
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("registered-topic")).to_have_text(SECOND)
    assert SpeakingRequest.objects.filter(conference=conference).count() == 2

    # The office opens the registrations.
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server, cast.officer_a.username, password)
    page.goto(live_server.url + reverse("live:registrations", args=[conference.unit_id, conference.pk]))
    rows = page.get_by_test_id("registration-row")
    expect(rows).to_have_count(2)
    second = rows.filter(has_text=SECOND)
    second.get_by_test_id("registration-link").click()

    # Links the second to the petition on land titles, found without diacritics.
    page.get_by_label("Tìm theo mã hoặc nội dung (không dấu cũng được)").fill("giay chung nhan")
    page.get_by_test_id("petition-search").click()
    page.get_by_role("checkbox", name="chứng nhận quyền sử dụng đất").check()
    page.get_by_test_id("registration-link-save").click()
    expect(second.get_by_test_id("registration-petition")).to_have_count(1)

    # Both into the list of speakers, in the order shown.
    for row in (rows.filter(has_text=FIRST), second):
        row.get_by_test_id("registration-check").check()
    page.get_by_test_id("registration-schedule").click()

    # The live room's list of speakers: both, in order, marked as registered, with their topics.
    expect(page).to_have_url(live_server.url + reverse("live:speakers", args=[conference.unit_id, conference.pk]))
    speakers = page.get_by_test_id("speaker-row")
    expect(speakers).to_have_count(2)
    expect(speakers.nth(0).get_by_test_id("speaker-name")).to_have_text("Nông Văn Tám")
    expect(speakers.nth(0).get_by_test_id("speaker-registered-topic")).to_contain_text(FIRST)
    expect(speakers.nth(1).get_by_test_id("speaker-name")).to_have_text("Cử tri – Thôn Nà Pàn")
    expect(speakers.nth(1).get_by_test_id("speaker-registered-topic")).to_contain_text(SECOND)
    expect(speakers.get_by_test_id("speaker-registered")).to_have_count(2)
    expect(speakers.nth(1)).to_contain_text(petitions[2].tracking_code[:4])
    assert set(SpeakingRequest.objects.values_list("status", flat=True)) == {RequestStatus.SCHEDULED}
    assert errors == []
