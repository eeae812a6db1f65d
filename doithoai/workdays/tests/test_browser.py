import datetime as dt
import os

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from doithoai.workdays.models import CalendarOverride

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}])


def test_it_computes_a_deadline_and_imports_a_paste_on_a_phone(cast, live_server, page):
    page.set_viewport_size({"width": 360, "height": 800})
    sign_in(page, live_server, cast.officer_a)
    url = live_server.url + reverse("workdays:calendar", args=[cast.commune_a.pk]) + "?nam=2026"
    page.goto(url)

    date_box = page.get_by_label("Tính từ ngày")
    assert date_box.get_attribute("type") == "text"  # not the browser's date input, mm/dd/yyyy on English PCs
    assert date_box.get_attribute("placeholder") == "dd/mm/yyyy"
    date_box.fill("13/02/2026")
    page.get_by_label("Số ngày").fill("1")
    page.get_by_label("Cách tính").select_option("lam-viec")
    page.get_by_role("button", name="Tính", exact=True).click()
    result = page.get_by_test_id("deadline-date")
    result.wait_for()
    assert result.inner_text() == "Thứ Hai, ngày 23 tháng 02 năm 2026"
    assert page.url == url  # answered in place by htmx

    textarea = page.get_by_label("Dán danh sách, mỗi dòng một ngày: ngày; loại; lý do")
    textarea.fill("23/02/2026; nghỉ; Nghỉ thêm\n31/02/2026; nghỉ; X")
    page.get_by_role("button", name="Nhập danh sách").click()
    assert "Dòng 2: ngày 31/02/2026 không có thật" in page.get_by_test_id("import-errors").inner_text()
    assert not CalendarOverride.objects.exists()

    page.get_by_label("Dán danh sách, mỗi dòng một ngày: ngày; loại; lý do").fill(
        "23/02/2026; nghỉ; Nghỉ thêm\n28/02/2026; làm bù; Làm bù cho ngày 23/02"
    )
    page.get_by_role("button", name="Nhập danh sách").click()
    page.get_by_text("Đã nhập 2 ngày điều chỉnh.").wait_for()
    assert page.locator('td[data-date="2026-02-28"]').get_attribute("data-status") == "make_up"
    assert CalendarOverride.objects.filter(unit=cast.commune_a, date=dt.date(2026, 2, 23)).exists()
    # Nothing wider than the phone: the page does not scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    if shots := os.environ.get("DOITHOAI_SCREENSHOTS"):
        height = page.evaluate("document.documentElement.scrollHeight")
        for part, top in enumerate(range(0, height, 800)):
            clip = {"x": 0, "y": top, "width": 360, "height": min(800, height - top)}
            page.screenshot(path=os.path.join(shots, f"workdays-phone-{part:02d}.png"), full_page=True, clip=clip)
