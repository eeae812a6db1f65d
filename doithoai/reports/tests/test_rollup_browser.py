"""In Chromium: the province official opens the roll-up, follows a slice of the compliance chart to the table
narrowed on it, and a commune's figure to the list of its petitions."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from doithoai.core.testing import log_in
from doithoai.units.models import AdminUnit

from .test_rollup import _fill

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_slice_opens_the_narrowed_table_and_a_figure_its_list(cast, live_server, page, password):
    communes = list(AdminUnit.objects.filter(parent=cast.province, level="commune").order_by("code")[:2])
    _fill(communes)
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, cast.province_official.username, password)
    page.goto(live_server.url + reverse("reports:rollup", args=[cast.province.pk]) + "?ky=nam&nam=2026")
    expect(page.get_by_test_id("card-held")).to_have_text("2")
    # Chart.js (served locally) drew the compliance chart.
    expect(page.locator('canvas[data-chart-source="chart-compliance"]')).to_have_attribute("data-chart-drawn", "1")

    page.get_by_test_id("table-compliance").get_by_test_id("slice-1").click()  # held on time
    expect(page).to_have_url(re.compile(r"tinh_trang=dung-han"))
    expect(page.get_by_test_id("rollup-count")).to_contain_text("2 đơn vị")
    rows = page.get_by_test_id("rollup-table").locator("tbody tr")
    expect(rows).to_have_count(2)
    for commune in communes:
        expect(page.get_by_test_id(f"row-{commune.pk}")).to_be_visible()

    page.get_by_test_id(f"row-{communes[0].pk}").locator('td[data-col="7"] a').click()
    expect(page.get_by_test_id("result-count")).to_contain_text("3 ý kiến")
    assert f"/don-vi/{communes[0].pk}/y-kien/" in page.url
