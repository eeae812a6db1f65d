"""In Chromium: what the hall and the portal show around the day (issue 8). The office writes the unit's
conference rules, uploads the socio-economic report and publishes it; the projector pages show the rules one
article a screen (with the conference's minutes per question), the hall banner and the report; a citizen
without an account then finds the rules and the report on the portal's conference page and downloads the
report. No page logs a console error."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from doithoai.conferences.models import Conference
from doithoai.core.testing import log_in
from doithoai.documents.demo_materials import tiny_pdf
from doithoai.documents.models import Material

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RULES = [
    "Đại biểu đến đúng giờ, ngồi theo sơ đồ của Ban tổ chức.",
    "Mỗi ý kiến phát biểu không quá [số phút] phút, đúng nội dung đã đăng ký.",
    "Giữ trật tự, tắt chuông điện thoại trong suốt hội nghị.",
]
REPORT = "Báo cáo tình hình kinh tế - xã hội năm 2026"


def test_rules_banner_and_materials_reach_the_hall_and_the_portal(cast, conference, live_server, page, password):
    Conference.objects.filter(pk=conference.pk).update(starts_at=timezone.now() + dt.timedelta(days=10))
    unit = cast.commune_a
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)

    # The office writes the unit's rules.
    log_in(page, live_server, cast.officer_a.username, password)
    page.goto(live_server.url + reverse("documents:conference_rules", args=[unit.pk]))
    expect(page.get_by_test_id("rules-default")).to_be_visible()
    page.get_by_label("Nội quy hội nghị").fill("\n".join(RULES))
    page.get_by_test_id("rules-save").click()
    expect(page.get_by_test_id("rules-default")).to_have_count(0)
    expect(page.get_by_label("Nội quy hội nghị")).to_have_value("\n".join(RULES))

    # Uploads the socio-economic report and publishes it.
    page.goto(live_server.url + reverse("documents:materials", args=[unit.pk, conference.pk]))
    form = page.get_by_test_id("material-form")
    form.get_by_label("Tên tài liệu").fill(REPORT)
    form.get_by_label("Loại tài liệu").select_option(label="Báo cáo")
    form.get_by_label("Tệp").set_input_files(
        {"name": "bao-cao.pdf", "mimeType": "application/pdf", "buffer": tiny_pdf(["Bao cao KT-XH 2026"])}
    )
    page.get_by_test_id("material-upload").click()
    expect(page.get_by_test_id("materials")).to_contain_text(REPORT)
    page.get_by_test_id("material-toggle-public").click()
    expect(page.get_by_test_id("material-public")).to_be_visible()
    material = Material.objects.get(conference=conference)

    # The projector: the rules one article a screen, the minutes per question filled in; the banner; the report.
    page.goto(live_server.url + reverse("documents:rules_screen", args=[unit.pk, conference.pk]))
    articles = page.get_by_test_id("rules-article")
    expect(articles).to_have_count(len(RULES))
    # Documents write small numbers with two digits: "05 phút".
    expect(articles.nth(1)).to_contain_text(f"không quá {conference.minutes_per_question:02d} phút")
    page.goto(live_server.url + reverse("documents:banner_screen", args=[unit.pk, conference.pk]))
    lines = page.get_by_test_id("banner-line")
    expect(lines.first).to_contain_text("ỦY BAN NHÂN DÂN")
    expect(page.get_by_test_id("banner-screen")).to_contain_text("HỘI NGHỊ")
    page.goto(live_server.url + reverse("documents:material_screen", args=[unit.pk, conference.pk, material.pk]))
    expect(page.get_by_test_id("material-pdf")).to_have_count(1)

    # A citizen, without an account, on the portal's page of the conference.
    page.goto("about:blank")
    page.context.clear_cookies()
    page.goto(live_server.url + reverse("portal:conference", args=[conference.pk]))
    expect(page.get_by_test_id("conference-rules-articles").locator("li")).to_have_count(len(RULES))
    link = page.get_by_test_id("public-material")
    expect(link).to_have_text(REPORT)
    download = page.request.get(live_server.url + (link.get_attribute("href") or ""))
    assert download.ok and download.body().startswith(b"%PDF-")
    assert errors == []
