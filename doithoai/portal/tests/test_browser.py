"""In Chromium on a phone-sized screen: a visitor without an account finds the commune's conference
by typing its name without diacritics, opens the announcement and downloads the radio script.

On each page an accessibility sanity check: one h1 and no skipped heading level,
every image with a text alternative, every button with a name.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from doithoai.conferences.tests.conftest import at, make_conference
from doithoai.portal.tests.conftest import announce, conference_b

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

A11Y_PROBLEMS = """() => {
  const problems = [];
  const visible = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
  const headings = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")];
  const h1s = headings.filter((h) => h.tagName === "H1");
  if (h1s.length !== 1) problems.push(`${h1s.length} h1 elements`);
  let previous = 0;
  for (const h of headings) {
    const level = Number(h.tagName[1]);
    if (previous === 0 && level !== 1) problems.push(`first heading is ${h.tagName}: ${h.textContent.trim()}`);
    if (previous && level > previous + 1) problems.push(`${h.tagName} after H${previous}: ${h.textContent.trim()}`);
    if (!h.textContent.trim()) problems.push(`empty ${h.tagName}`);
    previous = level;
  }
  for (const img of document.querySelectorAll("img")) {
    if (!img.hasAttribute("alt")) problems.push(`img without alt: ${img.src}`);
  }
  for (const svg of document.querySelectorAll("svg")) {
    const holder = svg.closest('[role="img"]');
    const named = (holder && holder.getAttribute("aria-label")) || svg.getAttribute("aria-label")
      || svg.querySelector("title");
    if (!named && svg.getAttribute("aria-hidden") !== "true") problems.push("svg without a text alternative");
  }
  for (const b of document.querySelectorAll("button, [role=button], input[type=submit], input[type=button]")) {
    const name = (b.getAttribute("aria-label") || b.textContent || b.value || b.title || "").trim();
    if (!name) problems.push(`button without a name: ${b.outerHTML.slice(0, 80)}`);
  }
  for (const field of document.querySelectorAll("input:not([type=hidden]), select, textarea")) {
    const labelled = (field.id && document.querySelector(`label[for="${field.id}"]`)) || field.closest("label")
      || field.getAttribute("aria-label") || field.getAttribute("aria-labelledby");
    if (!labelled) problems.push(`field without a label: ${field.name}`);
  }
  for (const a of document.querySelectorAll("a[href]")) {
    const text = a.textContent.trim() || a.getAttribute("aria-label");
    if (visible(a) && !text) problems.push(`link without text: ${a.href}`);
  }
  if (!document.documentElement.lang) problems.push("no lang on <html>");
  return problems;
}"""


def check_accessibility(page: Page) -> None:
    assert page.evaluate(A11Y_PROBLEMS) == [], page.url


def test_a_visitor_finds_the_conference_and_downloads_the_radio_script(cast, plan, plan_b, live_server, page: Page):
    day = timezone.localdate() + dt.timedelta(days=21)
    conference = announce(cast, make_conference(cast, plan, day, chair_name="Chủ tịch UBND xã"))
    conference_b(cast, plan_b, day, starts_at=at(day, 8))
    page.set_viewport_size({"width": 390, "height": 844})

    page.goto(live_server.url + reverse("portal:index"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Lịch hội nghị đối thoại với Nhân dân")
    expect(page.get_by_test_id("conference-card")).to_have_count(2)
    check_accessibility(page)

    page.get_by_label("Tìm theo tên xã, phường, địa điểm").fill("diem he")
    page.get_by_role("button", name="Tìm").click()
    cards = page.get_by_test_id("conference-card")
    expect(cards).to_have_count(1)
    expect(cards.first).to_contain_text("Xã Điềm He")
    expect(cards.first).to_contain_text("còn 21 ngày")
    expect(cards.first.get_by_test_id("card-when")).to_contain_text("07 giờ 30, ")
    # Phone-first: nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    check_accessibility(page)

    cards.first.get_by_test_id("card-link").click()
    expect(page.get_by_test_id("conference-title")).to_have_text(conference.title)
    expect(page.get_by_test_id("conference-venue")).to_have_text("Hội trường UBND xã")
    expect(page.get_by_test_id("how-to-take-part")).to_contain_text("trưởng thôn")
    expect(page.get_by_test_id("qr").locator("svg")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    check_accessibility(page)

    page.get_by_role("link", name="Kịch bản phát thanh").click()
    expect(page.get_by_test_id("radio-script")).to_have_value(
        re.compile(r"^THÔNG BÁO\nVề việc tổ chức .*Kính thưa bà con Nhân dân xã Điềm He!", re.S)
    )
    check_accessibility(page)
    with page.expect_download() as info:
        page.get_by_test_id("radio-download").click()
    download = info.value
    assert download.suggested_filename == f"kich-ban-phat-thanh-hoi-nghi-{conference.pk}.txt"
    text = Path(download.path()).read_text(encoding="utf-8")
    assert "Kính thưa bà con Nhân dân xã Điềm He!" in text
    assert f"ngày {day.day} tháng {day.month} năm {day.year}" in text
    assert text == page.get_by_test_id("radio-script").input_value()
