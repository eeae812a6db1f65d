"""In Chromium, the whole preparation journey of issue 3, as the people who do it.

The office drafts the plan from the commune preset, the chair issues it, the
office creates the conference and sees its timeline, announces it, imports the
delegates from Excel and prints the invitations; a citizen finds the
announcement on the public portal without signing in; at the door the office
checks a delegate in by the code on their invitation.

The server's clock is set to Monday 04/5/2026 so that the conference a month
later breaks no statutory deadline.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from playwright.sync_api import expect

from doithoai.conferences.models import Conference
from doithoai.core.testing import log_in
from doithoai.delegates.excel import XLSX_CONTENT_TYPE
from doithoai.delegates.models import Delegate
from doithoai.delegates.tests.conftest import HEADS, PEOPLE, person, xlsx
from doithoai.plans.models import Plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TODAY = dt.datetime(2026, 5, 4, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture
def clock():
    with time_machine.travel(TODAY, tick=True):
        yield


def test_the_preparation_journey_from_the_plan_to_the_check_in(cast, clock, live_server, page, password):
    page.set_viewport_size({"width": 390, "height": 844})
    unit = cast.commune_a

    # The office drafts the plan from the commune preset.
    log_in(page, live_server, cast.officer_a.username, password)
    page.goto(live_server.url + reverse("units:home", args=[unit.pk]))
    page.get_by_role("link", name="Kế hoạch đối thoại").first.click()
    page.get_by_role("link", name="Tạo kế hoạch").click()
    page.get_by_label("Kế hoạch cấp xã (một hội nghị)").check()
    page.get_by_label("Năm", exact=True).fill("2026")
    page.get_by_role("button", name="Tạo dự thảo").click()
    expect(page.get_by_test_id("plan-status")).to_have_text("Dự thảo")
    plan_url = page.url

    # The chair issues it.
    log_in(page, live_server, cast.chair_a.username, password)
    page.goto(plan_url)
    issue = page.get_by_test_id("issue-form")
    issue.get_by_label("Số, ký hiệu").fill("91/KH-UBND")
    issue.get_by_label("Ngày ban hành").fill("04/05/2026")
    issue.get_by_role("button", name="Ban hành").click()
    expect(page.get_by_test_id("plan-status")).to_have_text("Đã ban hành")
    plan = Plan.objects.get(unit=unit)

    # The office creates the conference on Friday 05/6/2026 and sees the steps derived from the date.
    log_in(page, live_server, cast.officer_a.username, password)
    page.goto(live_server.url + reverse("conferences:create", args=[unit.pk, plan.pk]))
    page.get_by_label("Ngày tổ chức").fill("05/06/2026")
    page.get_by_label("Giờ bắt đầu").fill("07:30")
    page.get_by_label("Địa điểm").fill("Hội trường UBND xã Điềm He")
    page.get_by_label("Thôn Nà Pàn").check()
    page.get_by_role("button", name="Tạo hội nghị").click()
    expect(page.get_by_test_id("conference-status")).to_have_text("Dự kiến")
    expect(page.get_by_test_id("conference-when")).to_contain_text("Thứ Sáu, ngày 05 tháng 6 năm 2026")
    conference = Conference.objects.get(plan=plan)
    detail_url = page.url

    page.get_by_test_id("conference-timeline").click()
    # Announced at least 7 days before: Friday 29/5/2026; the conclusion within 10 days: Monday 15/6/2026.
    expect(page.get_by_text("29/5/2026").first).to_be_visible()
    expect(page.get_by_text("15/6/2026").first).to_be_visible()

    # Not public until announced.
    assert page.request.get(live_server.url + reverse("portal:conference", args=[conference.pk])).status == 404
    page.goto(detail_url)
    page.get_by_role("button", name="Đã thông báo công khai").click()
    expect(page.get_by_test_id("conference-status")).to_have_text("Đã thông báo")

    # The delegates, from the Excel template filled by the villages.
    page.get_by_test_id("conference-delegates").click()
    page.get_by_role("link", name="Nhập từ Excel").first.click()
    rows = [
        person(1, "Hứa Văn Pẻo", "Thôn Nà Pàn", HEADS),
        person(2, "Nông Thị Sim", "Thôn Nà Pàn", PEOPLE),
        person(3, "Nguyễn Văn Đức", "Thôn Nà Pàn", PEOPLE),
    ]
    page.get_by_label("Tệp Excel (.xlsx) theo mẫu").set_input_files(
        files=[{"name": "dai-bieu.xlsx", "mimeType": XLSX_CONTENT_TYPE, "buffer": xlsx(rows)}]
    )
    page.get_by_role("button", name="Nhập danh sách").click()
    expect(page.get_by_role("alert").first).to_contain_text("Đã nhập 3 đại biểu")

    # One invitation each, with its QR code.
    page.get_by_role("link", name="In giấy mời").click()
    expect(page.get_by_test_id("invitation")).to_have_count(3)
    sim = Delegate.objects.get(conference=conference, full_name="Nông Thị Sim")
    expect(page.locator(f'[data-code="{sim.code}"] svg')).to_be_visible()

    # A citizen, not signed in, finds the announcement on the portal.
    page.context.clear_cookies()
    page.goto(live_server.url + reverse("portal:index"))
    page.get_by_label("Tìm theo tên xã, phường, địa điểm").fill("diem he")
    page.get_by_label("Tìm theo tên xã, phường, địa điểm").press("Enter")
    upcoming = page.get_by_test_id("upcoming")
    expect(upcoming).to_contain_text("Điềm He")
    expect(upcoming).to_contain_text("05/6/2026")
    upcoming.get_by_role("link").first.click()
    expect(page.locator("main")).to_contain_text("Hội trường UBND xã Điềm He")
    expect(page.locator("main")).not_to_contain_text("Nông Thị Sim")

    # At the door, the office types the code printed on Ms Sim's invitation.
    log_in(page, live_server, cast.officer_a.username, password)
    page.goto(live_server.url + reverse("delegates:check_in", args=[unit.pk, conference.pk]))
    expect(page.get_by_test_id("present-count")).to_have_text("0")
    page.get_by_label("Mã giấy mời").fill(sim.code_display)
    page.get_by_label("Mã giấy mời").press("Enter")
    expect(page.get_by_test_id("checkin-result")).to_contain_text("Đã điểm danh: Nông Thị Sim")
    expect(page.get_by_test_id("present-count")).to_have_text("1")
    sim.refresh_from_db()
    assert sim.checked_in_at is not None
