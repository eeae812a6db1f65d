"""In Chromium, on a phone: the office sets the plan's Front summary at 5 days before, creates a conference,
adjusts a step, adds an extra one, and the Front marks its summary done."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from doithoai.conferences.models import Conference
from doithoai.conferences.tests.conftest import make_conference
from doithoai.core.testing import log_in
from doithoai.lib.vndates import short_date
from doithoai.workdays.selectors import calendar_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_configures_the_plan_and_adjusts_a_conference_timeline(cast, plan, live_server, page, password):
    page.set_viewport_size({"width": 360, "height": 800})
    calendar = calendar_for(cast.commune_a)
    # A Wednesday about six weeks ahead, a working day.
    day = timezone.localdate() + dt.timedelta(days=42)
    day = calendar.next_working_day(day + dt.timedelta(days=(2 - day.weekday()) % 7))
    log_in(page, live_server, cast.officer_a.username, password)

    page.goto(live_server.url + reverse("plans:detail", args=[cast.commune_a.pk, plan.pk]))
    page.get_by_test_id("plan-timeline-rules").click()
    rule = page.get_by_test_id("rule-front_summary")
    expect(rule.get_by_test_id("rule-default")).to_have_text("3 ngày trước hội nghị; Ủy ban MTTQ")
    rule.get_by_label("Số ngày").fill("5")
    announcement = page.get_by_test_id("rule-announcement")
    announcement.get_by_label("Số ngày").fill("5")
    page.get_by_role("button", name="Lưu mốc thời gian").click()
    expect(page.get_by_test_id("rule-announcement")).to_contain_text("chậm nhất 07 ngày trước hội nghị")
    expect(page.get_by_test_id("errors-announcement-days")).to_be_visible()
    page.get_by_test_id("rule-announcement").get_by_label("Số ngày").fill("7")
    page.get_by_role("button", name="Lưu mốc thời gian").click()
    expect(page.get_by_test_id("rule-front_summary").get_by_test_id("rule-current")).to_have_text(
        "5 ngày trước hội nghị; Ủy ban MTTQ"
    )

    conference = make_conference(cast, plan, day)
    summary = conference.steps.get(key="front_summary")
    assert summary.due_date == calendar.add_calendar_days(day, -5)
    page.goto(live_server.url + reverse("conferences:detail", args=[cast.commune_a.pk, conference.pk]))
    page.get_by_test_id("conference-timeline").click()
    step = page.get_by_test_id("step-answer_drafts")
    step.get_by_role("link", name="Điều chỉnh").click()
    new_due = calendar.add_working_days(day, -2)
    page.get_by_label("Hạn hoàn thành").fill(new_due.strftime("%d/%m/%Y"))
    page.get_by_label("Vai trò thực hiện").select_option("department_officer")
    page.get_by_label("Cơ quan thực hiện").select_option(label="Phòng Kinh tế")
    page.get_by_label("Ghi chú").fill("Gửi qua hệ thống văn bản điện tử")
    page.get_by_role("button", name="Lưu điều chỉnh").click()
    step = page.get_by_test_id("step-answer_drafts")
    expect(step.get_by_test_id("step-adjusted")).to_contain_text("đã điều chỉnh")
    expect(step).to_contain_text(short_date(new_due))
    expect(step.get_by_test_id("step-owner")).to_have_text("Phòng Kinh tế")

    page.get_by_test_id("step-add").click()
    page.get_by_label("Công việc").fill("Chuẩn bị hội trường, âm thanh")
    page.get_by_label("Hạn hoàn thành").fill(calendar.add_working_days(day, -1).strftime("%d/%m/%Y"))
    page.get_by_label("Vai trò thực hiện").select_option("village_head")
    page.get_by_role("button", name="Thêm bước").click()
    expect(page.get_by_test_id("step-extra-1")).to_contain_text("Chuẩn bị hội trường, âm thanh")

    log_in(page, live_server, cast.front_a.username, password)
    page.goto(live_server.url + reverse("conferences:timeline", args=[cast.commune_a.pk, conference.pk]))
    page.get_by_label("Người phụ trách", exact=True).select_option(label="Ủy ban MTTQ")
    page.get_by_role("button", name="Lọc").click()
    expect(page.locator('[data-testid^="step-"][data-state]')).to_have_count(2)
    page.get_by_test_id("step-front_summary").get_by_role("button", name="Đánh dấu hoàn thành").click()
    expect(page.get_by_test_id("step-front_summary")).to_have_attribute("data-state", "done")
    assert "phu-trach=role" in page.url  # back on the filtered page
    assert Conference.objects.get().steps.get(key="front_summary").done_by == cast.front_a
