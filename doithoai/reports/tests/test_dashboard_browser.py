"""In Chromium: the office opens the dashboard from the menu, clicks a bar of the sector chart on the canvas and
lands on the list of exactly that sector's petitions; a link of the table under a chart does the same."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from doithoai.core.testing import log_in
from doithoai.petitions import actions
from doithoai.petitions.models import Jurisdiction, Kind
from doithoai.petitions.tests.test_staff import receive

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DRAWN = """(id) => {
  const canvas = document.querySelector(`canvas[data-chart-source="${id}"]`);
  return !!(canvas && canvas.dataset.chartDrawn && window.Chart && Chart.getChart(canvas));
}"""

# Where a bar of a chart is, in the canvas's CSS pixels: its centre.
BAR = """([id, dataset, index]) => {
  const chart = Chart.getChart(document.querySelector(`canvas[data-chart-source="${id}"]`));
  const bar = chart.getDatasetMeta(dataset).data[index];
  const point = bar.getCenterPoint();
  return {x: point.x, y: point.y, label: chart.data.labels[index]};
}"""


def classified(cast, sector, text, village=None):
    petition = receive(cast, text=text, **({"village": village} if village else {}))
    return actions.petition_classify(
        actor=cast.officer_a,
        petition=petition,
        kind=Kind.RECOMMENDATION,
        sector=sector,
        jurisdiction=Jurisdiction.THIS_UNIT,
    )


def test_a_bar_of_the_sector_chart_opens_the_list_of_its_petitions(cast, live_server, page, password):
    sectors = {s.code: s for s in actions.sectors_ensure(actor=cast.officer_a, unit=cast.commune_a)}
    roads, farming = sectors["XD-GT-HT"], sectors["NN"]
    road_petitions = [
        classified(cast, roads, "Đường bê tông thôn Nà Pàn bị sụt lún sau mưa lũ."),
        classified(cast, roads, "Đề nghị làm rãnh thoát nước ven đường liên thôn."),
        classified(cast, roads, "Cầu tràn Khòn Pịa xuống cấp, mùa mưa không đi được."),
    ]
    farm_petition = classified(cast, farming, "Đề nghị hỗ trợ giống ngô cho bà con.")
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))

    log_in(page, live_server, cast.officer_a.username, password)
    page.goto(live_server.url + reverse("units:home", args=[cast.commune_a.pk]))
    page.get_by_test_id("nav-reports").click()
    expect(page.get_by_test_id("fig-received")).to_have_text("4")
    page.wait_for_function(DRAWN, arg="chart-sectors")

    # The sector chart lists the road sector first (most petitions); its petitions are all pending.
    pending = 4  # datasets: at the conference, in writing, referred, refused, pending
    bar = page.evaluate(BAR, ["chart-sectors", pending, 0])
    assert roads.name.startswith(bar["label"].rstrip("…"))  # long labels are cut for phones
    canvas = page.get_by_test_id("chart-sectors")
    canvas.scroll_into_view_if_needed()  # the mouse clicks within the window
    box = canvas.bounding_box()
    assert box is not None
    with page.expect_navigation():
        page.mouse.click(box["x"] + bar["x"], box["y"] + bar["y"])
    query = parse_qs(urlparse(page.url).query)
    year = timezone.localdate().year
    assert urlparse(page.url).path == reverse("petitions:list", args=[cast.commune_a.pk])
    assert query == {
        "linh_vuc": [str(roads.pk)],
        "chi_so": ["pending"],
        "tu_ngay": [f"{year}-01-01"],
        "den_ngay": [f"{year}-12-31"],
    }
    expect(page.get_by_test_id("result-count")).to_have_text("3 ý kiến")
    for petition in road_petitions:
        expect(page.get_by_test_id(f"petition-{petition.tracking_code}")).to_be_visible()
    expect(page.get_by_test_id(f"petition-{farm_petition.tracking_code}")).to_have_count(0)

    # The table under the chart: the farming sector's total.
    page.go_back()
    page.wait_for_function(DRAWN, arg="chart-sectors")
    row = page.get_by_test_id("table-sectors").get_by_role("row").filter(has_text=farming.name)
    row.get_by_role("link").first.click()
    expect(page.get_by_test_id("result-count")).to_have_text("1 ý kiến")
    expect(page.get_by_test_id(f"petition-{farm_petition.tracking_code}")).to_be_visible()
    assert parse_qs(urlparse(page.url).query)["linh_vuc"] == [str(farming.pk)]

    # On a phone the cards stack and the charts are drawn within the screen.
    page.set_viewport_size({"width": 360, "height": 740})
    page.go_back()
    page.wait_for_function(DRAWN, arg="chart-routes")

    # Another period (htmx swaps the body): the first half of the year is empty; the whole year draws again.
    form = page.get_by_test_id("period-form")
    form.get_by_label("Kỳ").select_option(label="6 tháng đầu năm")
    form.get_by_role("button", name="Xem").click()
    expect(page.get_by_test_id("dashboard-empty")).to_be_visible()
    expect(page.get_by_test_id("period-label")).to_have_text(f"6 tháng đầu năm {year}")
    assert "ky=6-thang-dau" in page.url
    form = page.get_by_test_id("period-form")
    form.get_by_label("Kỳ").select_option(label="Cả năm")
    form.get_by_role("button", name="Xem").click()
    expect(page.get_by_test_id("fig-received")).to_have_text("4")
    page.wait_for_function(DRAWN, arg="chart-sectors")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
    assert errors == []
