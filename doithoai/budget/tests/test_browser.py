"""In Chromium: the budget from the estimate to the settlement. The accountant, who sees only the budget, puts
the estimate into the plan while it is a draft; once the plan is issued and the conference held, the
accountant makes the conference's estimate from the plan's, records what was spent with its voucher attached,
and submits the settlement; the chair approves it, and the printed settlement shows the figures.
No page logs a console error."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from doithoai.budget.models import Expense, SettlementStatus
from doithoai.conferences.models import Conference, ConferenceStatus
from doithoai.conferences.tests.conftest import make_conference, on_day
from doithoai.core.testing import log_in
from doithoai.documents.demo_materials import tiny_pdf
from doithoai.plans.actions import plan_issue

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_budget_from_estimate_to_settlement(cast, draft_plan, live_server, page, password):
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    unit = cast.commune_a

    # The accountant signs in and lands on the budget; the menu shows nothing else.
    log_in(page, live_server, cast.accountant_a.username, password)
    page.goto(live_server.url + reverse("units:home", args=[unit.pk]))
    expect(page.get_by_role("heading", name="Kinh phí hội nghị đối thoại")).to_be_visible()
    expect(page.get_by_test_id("nav-budget")).to_be_visible()
    expect(page.get_by_test_id("nav-petitions")).to_have_count(0)

    # The plan's estimate, while the plan is a draft: the preset's line gets its category and sum, one is added.
    page.get_by_test_id("edit-plan-estimate").click()
    first = page.get_by_test_id("row-0")
    first.get_by_label("Khoản mục").select_option(label="Bồi dưỡng đại biểu, người phục vụ")
    first.get_by_label("Số tiền (đồng)").fill("4500000")
    second = page.get_by_test_id("row-1")
    second.get_by_label("Khoản mục").select_option(label="Hội trường, trang trí, khánh tiết")
    second.get_by_label("Nội dung chi").fill("Trang trí hội trường, khánh tiết")
    second.get_by_label("Số tiền (đồng)").fill("1500000")
    page.get_by_test_id("save-plan-estimate").click()
    expect(page.get_by_test_id("total-estimate")).to_have_text("6.000.000")

    # The chair issues the plan and the office holds the conference (their own journeys, tested elsewhere).
    plan = plan_issue(actor=cast.chair_a, plan=draft_plan, number="91/KH-UBND", issued_on=dt.date(2026, 3, 2))
    with on_day(dt.date(2026, 5, 4)):
        conference = make_conference(cast, plan, dt.date(2026, 6, 5))
    Conference.objects.filter(pk=conference.pk).update(status=ConferenceStatus.HELD)

    # The conference's estimate, first filled from the plan's.
    page.reload()
    expect(page.get_by_test_id("edit-plan-estimate")).to_have_count(0)  # issued: the plan's estimate is fixed
    page.get_by_test_id(f"conference-{conference.pk}").get_by_role("link", name=conference.title).click()
    page.get_by_test_id("edit-estimate").click()
    expect(page.get_by_test_id("from-plan")).to_be_visible()
    expect(page.get_by_test_id("row-0").get_by_label("Số tiền (đồng)")).to_have_value("4.500.000")
    page.get_by_test_id("save-estimate").click()
    expect(page.get_by_test_id("total-estimate")).to_have_text("6.000.000")

    # An expense, with a mistake first: the message is at the field, what was typed is kept.
    page.get_by_test_id("add-expense").click()
    form = page.get_by_test_id("expense-form")
    form.get_by_label("Khoản mục").select_option(label="Hội trường, trang trí, khánh tiết")
    form.get_by_label("Nội dung chi").fill("Trang trí, in phông khánh tiết")
    form.get_by_label("Số tiền (đồng)").fill("một triệu")
    form.get_by_label("Ngày chi").fill("05/06/2026")
    form.get_by_label("Số chứng từ").fill("PC-07")
    page.get_by_test_id("save-expense").click()
    expect(page.get_by_test_id("errors-amount")).to_be_visible()
    expect(form.get_by_label("Nội dung chi")).to_have_value("Trang trí, in phông khánh tiết")
    assert [e for e in errors if "400" not in e] == []
    errors.clear()
    form.get_by_label("Số tiền (đồng)").fill("1.350.000")
    page.get_by_test_id("save-expense").click()
    expect(page.get_by_test_id("expense-amount")).to_contain_text("1.350.000")
    expect(page.get_by_test_id("documents-empty")).to_be_visible()

    # Its voucher, a scan as PDF.
    documents = page.get_by_test_id("document-form")
    documents.get_by_label("Tên chứng từ").fill("Hóa đơn GTGT số 0001234")
    documents.get_by_label("Tệp").set_input_files(
        {"name": "hoa-don.pdf", "mimeType": "application/pdf", "buffer": tiny_pdf(["Hoa don 0001234"])}
    )
    page.get_by_test_id("attach-document").click()
    expect(page.get_by_test_id("documents")).to_contain_text("Hóa đơn GTGT số 0001234")

    # Back to the conference: the figures, then the settlement submitted.
    page.get_by_role("link", name="Quay lại").click()
    expect(page.get_by_test_id("total-actual")).to_have_text("1.350.000")
    expect(page.get_by_test_id("total-difference")).to_have_text("4.650.000")
    page.get_by_test_id("settlement-submit").click()
    expect(page.get_by_test_id("settlement-status")).to_have_text("Chờ Chủ tịch phê duyệt")
    expect(page.get_by_test_id("add-expense")).to_have_count(0)

    # The chair approves it.
    log_in(page, live_server, cast.chair_a.username, password)
    page.goto(live_server.url + reverse("units:home", args=[unit.pk]))
    page.get_by_test_id("nav-budget").click()
    page.get_by_test_id(f"conference-{conference.pk}").get_by_role("link", name=conference.title).click()
    page.get_by_test_id("settlement-approve").click()
    expect(page.get_by_test_id("settlement-status")).to_have_text("Đã phê duyệt quyết toán")
    settlement = Conference.objects.get(pk=conference.pk).settlement
    assert settlement.status == SettlementStatus.APPROVED and settlement.approved_by == cast.chair_a

    # The printed settlement.
    page.goto(live_server.url + (page.get_by_test_id("settlement-print").get_attribute("href") or ""))
    expect(page.get_by_test_id("sheet-title")).to_have_text("BẢNG QUYẾT TOÁN KINH PHÍ")
    expect(page.get_by_test_id("sheet-actual")).to_have_text("1.350.000")
    expect(page.get_by_test_id("sheet-detail")).to_contain_text("Trang trí, in phông khánh tiết")
    assert Expense.objects.get().documents.count() == 1
    assert errors == []
