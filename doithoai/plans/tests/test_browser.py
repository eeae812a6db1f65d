"""In Chromium: the office drafts the commune plan from its preset, the chair issues it."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from doithoai.core.testing import log_in
from doithoai.plans.models import Plan, PlanStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_drafts_a_plan_from_the_commune_preset_and_the_chair_issues_it(cast, live_server, page, password):
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, cast.officer_a.username, password)
    page.goto(live_server.url + reverse("units:home", args=[cast.commune_a.pk]))
    page.get_by_role("link", name="Kế hoạch đối thoại").first.click()
    expect(page.get_by_test_id("no-plans")).to_be_visible()
    page.get_by_role("link", name="Tạo kế hoạch").click()

    page.get_by_label("Kế hoạch cấp xã (một hội nghị)").check()
    page.get_by_label("Năm", exact=True).fill("2026")
    page.get_by_role("button", name="Tạo dự thảo").click()

    expect(page.get_by_test_id("plan-status")).to_have_text("Dự thảo")
    expect(page.get_by_test_id("plan-title")).to_contain_text("xã Điềm He năm 2026")
    expect(page.get_by_test_id("section-legal_bases")).to_contain_text("10/2022/QH15")
    expect(page.get_by_test_id("section-composition")).to_contain_text("Đại diện Nhân dân – 3 người/thôn")
    expect(page.get_by_test_id("section-assignments")).to_contain_text("Ủy ban MTTQ Việt Nam xã")
    expect(page.get_by_test_id("section-recipients")).to_contain_text("Lưu: VT.")
    expect(page.get_by_test_id("issue-form")).to_have_count(0)  # the office drafts, the chair issues

    # The office adds a line to the budget.
    page.get_by_test_id("section-budget_lines").get_by_role("link", name="Sửa").click()
    new_row = page.get_by_test_id("row-1")
    new_row.get_by_label("Nội dung chi").fill("Nước uống, khánh tiết")
    new_row.get_by_label("Số tiền (đồng)").fill("-100")
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_test_id("row-1")).to_contain_text("Số tiền không được âm.")
    page.get_by_test_id("row-1").get_by_label("Số tiền (đồng)").fill("2500000")
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_test_id("section-budget_lines")).to_contain_text("Nước uống, khánh tiết: 2500000 đồng")
    plan_url = page.url

    log_in(page, live_server, cast.chair_a.username, password)
    page.goto(plan_url)
    issue = page.get_by_test_id("issue-form")
    issue.get_by_label("Số, ký hiệu").fill("91/KH-UBND")
    issue.get_by_label("Ngày ban hành").fill("05/06/2026")
    issue.get_by_role("button", name="Ban hành").click()
    expect(page.get_by_test_id("plan-status")).to_have_text("Đã ban hành")
    expect(page.get_by_test_id("place-date")).to_have_text("Điềm He, ngày 05 tháng 6 năm 2026")
    expect(page.get_by_role("link", name="Sửa thông tin chung")).to_have_count(0)
    plan = Plan.objects.get(unit=cast.commune_a)
    assert (plan.status, plan.number) == (PlanStatus.ISSUED, "91/KH-UBND")
