"""In Chromium: the office imports delegates from Excel, opens the invitations, and checks people in at the door."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from doithoai.core.testing import log_in
from doithoai.delegates.excel import XLSX_CONTENT_TYPE
from doithoai.delegates.models import Delegate
from doithoai.delegates.tests.conftest import HEADS, PEOPLE, person, xlsx

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_office_imports_prints_and_checks_in_by_a_name_without_diacritics(
    cast, announced, village_c, live_server, page, password
):
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, cast.officer_a.username, password)
    page.goto(live_server.url + reverse("conferences:detail", args=[cast.commune_a.pk, announced.pk]))
    page.get_by_test_id("conference-delegates").click()
    expect(page.get_by_test_id("no-delegates")).to_be_visible()

    # A file with one bad row is refused whole, with the row named.
    page.get_by_role("link", name="Nhập từ Excel").first.click()
    bad = [person(1, "Hoàng Văn Pẻo", "Thôn Nà Pàn", HEADS), person(2, "Nông Thị Sim", "Thôn Không Có")]
    page.get_by_label("Tệp Excel (.xlsx) theo mẫu").set_input_files(
        files=[{"name": "dai-bieu.xlsx", "mimeType": XLSX_CONTENT_TYPE, "buffer": xlsx(bad)}]
    )
    page.get_by_role("button", name="Nhập danh sách").click()
    expect(page.get_by_test_id("import-errors")).to_contain_text(
        "Dòng 3: không có thôn, tổ dân phố “Thôn Không Có” trong Xã Điềm He."
    )
    assert not Delegate.objects.exists()

    good = [
        person(1, "Hoàng Văn Pẻo", "Thôn Nà Pàn", HEADS),
        person(2, "Nông Thị Sim", "Thôn Bản Châu", PEOPLE),
        person(3, "Nguyễn Văn Đức", "Thôn Bản Châu", PEOPLE),
        person(4, "Nguyễn Thị Lan", "Thôn Nà Pàn", PEOPLE),
    ]
    page.get_by_label("Tệp Excel (.xlsx) theo mẫu").set_input_files(
        files=[{"name": "dai-bieu.xlsx", "mimeType": XLSX_CONTENT_TYPE, "buffer": xlsx(good)}]
    )
    page.get_by_role("button", name="Nhập danh sách").click()
    expect(page.get_by_role("alert").first).to_contain_text("Đã nhập 4 đại biểu từ tệp dai-bieu.xlsx")
    expect(page.get_by_test_id("delegate-table")).to_contain_text("Nguyễn Văn Đức")

    # The invitations: one per person, each with its QR and code.
    page.get_by_role("link", name="In giấy mời").click()
    expect(page.get_by_test_id("invitation")).to_have_count(4)
    duc = Delegate.objects.get(full_name="Nguyễn Văn Đức")
    expect(page.locator(f'[data-code="{duc.code}"]')).to_contain_text(duc.code_display)
    expect(page.locator(f'[data-code="{duc.code}"] svg')).to_be_visible()
    page.go_back()

    # At the door: a name typed without diacritics.
    page.get_by_role("link", name="Điểm danh").first.click()
    expect(page.get_by_test_id("present-count")).to_have_text("0")
    expect(page.get_by_test_id("invited-count")).to_have_text("4")
    page.get_by_label("Họ tên (gõ không dấu cũng được)").fill("nguyen van duc")
    results = page.get_by_test_id("search-results")
    expect(results).to_contain_text("Nguyễn Văn Đức")
    expect(results).not_to_contain_text("Nguyễn Thị Lan")
    results.get_by_role("button", name="Điểm danh Nguyễn Văn Đức").click()
    expect(page.get_by_test_id("checkin-result")).to_contain_text("Đã điểm danh: Nguyễn Văn Đức")
    expect(page.get_by_test_id("present-count")).to_have_text("1")
    expect(results).to_contain_text("Đã điểm danh")

    # The code typed from a paper invitation; the same code again says when.
    sim = Delegate.objects.get(full_name="Nông Thị Sim")
    page.get_by_label("Mã giấy mời").fill(sim.code_display.lower())
    page.get_by_label("Mã giấy mời").press("Enter")
    expect(page.get_by_test_id("checkin-result")).to_contain_text("Đã điểm danh: Nông Thị Sim")
    expect(page.get_by_test_id("present-count")).to_have_text("2")
    page.get_by_label("Mã giấy mời").fill(sim.code)
    page.get_by_label("Mã giấy mời").press("Enter")
    expect(page.get_by_test_id("checkin-result")).to_contain_text("Nông Thị Sim đã điểm danh lúc")
    expect(page.get_by_test_id("present-count")).to_have_text("2")
    assert Delegate.objects.filter(checked_in_at__isnull=False).count() == 2
