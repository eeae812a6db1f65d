"""Take the README's screenshots from a running demo (./dev demo) with Debian's Chromium.

.venv/bin/python scripts/screenshots.py [http://127.0.0.1:8000] [budget]

With "budget", only the budget's screenshots are taken.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
ONLY = sys.argv[2] if len(sys.argv) > 2 else ""
OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
PASSWORD = "doithoai-2026"  # noqa: S105 - the printed demo password
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def login(page: Page, username: str) -> None:
    page.goto(f"{BASE}/tai-khoan/dang-nhap/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")


def budget_shots(browser: Any) -> None:
    """The accountant's year page and the settled conference's page (the demo's held conference)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    login(page, "ketoan")
    page.screenshot(path=OUT / "budget.png", full_page=True)
    page.locator("[data-testid=conferences] a").first.click()
    page.wait_for_load_state("networkidle")
    page.screenshot(path=OUT / "budget-conference.png", full_page=True)
    context.close()


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium", args=ARGS)
        if ONLY == "budget":
            budget_shots(browser)
            browser.close()
            return
        desktop = browser.new_context(viewport={"width": 1280, "height": 800}, locale="vi-VN")
        page = desktop.new_page()
        page.goto(BASE)
        page.screenshot(path=OUT / "public-home.png")
        login(page, "quantri")
        page.goto(f"{BASE}/thiet-lap/")
        page.fill("input[name=q]", "diem he")
        page.wait_for_timeout(800)
        page.screenshot(path=OUT / "setup.png")
        desktop.close()

        office = browser.new_context(viewport={"width": 1280, "height": 800}, locale="vi-VN")
        page = office.new_page()
        login(page, "vanphong")
        page.screenshot(path=OUT / "unit-home.png", full_page=True)
        home = page.url
        page.goto(f"{home}thon/")
        page.screenshot(path=OUT / "villages.png")
        page.goto(f"{home}lich-lam-viec/?nam=2026")
        page.screenshot(path=OUT / "calendar.png")
        page.goto(f"{home}nhat-ky/")
        page.screenshot(path=OUT / "history.png")
        page.goto(f"{BASE}/viec-can-lam/")
        page.screenshot(path=OUT / "tasks.png", full_page=True)
        # The tasks link to the demo conference.
        href = page.locator("main a[href*='/hoi-nghi/']").first.get_attribute("href") or ""
        found = re.search(r"/don-vi/\d+/hoi-nghi/\d+/", href)
        assert found, href
        # Two demo conferences: the one ten days ahead (the timeline, summary and live shots) and one held.
        page.goto(f"{BASE}{found.group(0)}")
        page.locator("nav[aria-label=breadcrumb] a").nth(1).click()
        page.locator("main a", has_text="giữa Chủ tịch UBND xã").first.click()
        found = re.search(r"/don-vi/\d+/hoi-nghi/\d+/", page.url)
        assert found, page.url
        conference = f"{BASE}{found.group(0)}"
        page.goto(f"{conference}cac-buoc/")
        page.screenshot(path=OUT / "timeline.png", full_page=True)
        petitions = f"{home}y-kien/"
        page.goto(petitions)
        page.screenshot(path=OUT / "petitions.png")
        page.goto(f"{petitions}nhap-phieu/")
        page.locator("#id_village_text").press_sequentially("na po")
        page.wait_for_timeout(500)
        page.screenshot(path=OUT / "paper-entry.png")
        conference_id = found.group(0).rstrip("/").rsplit("/", 1)[-1]
        page.goto(f"{petitions}hoi-nghi/{conference_id}/tong-hop/")
        page.screenshot(path=OUT / "front-summary.png")
        page.goto(f"{petitions}nhom/goi-y/?hoi_nghi={conference_id}")
        page.screenshot(path=OUT / "group-suggestions.png")
        page.goto(f"{petitions}?trang_thai=notified")
        code = (page.locator("main a.font-monospace").first.text_content() or "").strip()
        # Documents: the conference's cards (the announcement and invitations issued by the demo) and the register.
        page.goto(f"{home}van-ban/hoi-nghi/{conference_id}/")
        page.screenshot(path=OUT / "documents-conference.png", full_page=True)
        page.goto(f"{home}van-ban/")
        page.screenshot(path=OUT / "documents-register.png")
        # The dashboard of the year: its cards, then its first chart.
        page.goto(f"{home}thong-ke/?ky=nam&nam=2026")
        page.wait_for_function("() => document.querySelector('canvas[data-chart-drawn]') !== null")
        page.screenshot(path=OUT / "dashboard.png")
        page.locator("canvas[data-chart-source]").first.scroll_into_view_if_needed()
        page.screenshot(path=OUT / "dashboard-charts.png")
        # The live room: this starts the coming conference and gives the floor to its first speaker, so run
        # the script on a throwaway demo.
        page.goto(f"{conference}dieu-hanh/")
        page.get_by_role("button", name="Bắt đầu hội nghị").click()
        page.wait_for_load_state("networkidle")
        page.goto(f"{conference}dieu-hanh/phat-bieu/")
        page.get_by_role("button", name="Mời phát biểu").first.click()
        page.wait_for_load_state("networkidle")
        page.goto(f"{conference}dieu-hanh/")
        page.wait_for_timeout(1500)
        page.screenshot(path=OUT / "live-control.png", full_page=True)
        page.goto(f"{conference}dieu-hanh/man-hinh/")
        screen_url = page.locator("[data-testid=screen-link]").input_value()
        page.goto(f"{conference}")
        page.locator("nav[aria-label=breadcrumb] a").nth(1).click()
        page.locator("main a", has_text="mở rộng đường liên thôn").first.click()
        page.wait_for_load_state("networkidle")
        page.goto(page.url + "dieu-hanh/bien-ban/")
        page.screenshot(path=OUT / "live-minutes.png")
        page.goto(page.url.replace("bien-ban/", "doi-thoai/"))
        page.screenshot(path=OUT / "live-exchanges.png")
        office.close()

        hall = browser.new_context(viewport={"width": 1280, "height": 720}, locale="vi-VN")
        page = hall.new_page()
        if screen_url:
            page.goto(screen_url)
            page.wait_for_timeout(1500)
            page.screenshot(path=OUT / "live-screen.png")
        hall.close()

        door = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN", is_mobile=True)
        page = door.new_page()
        login(page, "vanphong")
        page.goto(f"{conference}dai-bieu/diem-danh/")
        page.get_by_label("Họ tên (gõ không dấu cũng được)").fill("hoang van")
        page.wait_for_timeout(1200)
        page.screenshot(path=OUT / "phone-check-in.png", full_page=True)
        door.close()

        citizen = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN", is_mobile=True)
        page = citizen.new_page()
        page.goto(f"{BASE}/cong-khai/")
        page.locator("main a[href*='/cong-khai/hoi-nghi/']").first.click()
        page.screenshot(path=OUT / "phone-portal.png", full_page=True)
        if code:
            page.goto(f"{BASE}/y-kien/tra-cuu/{code}/")
            page.screenshot(path=OUT / "phone-tracking.png", full_page=True)
        citizen.close()

        phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN", is_mobile=True)
        page = phone.new_page()
        login(page, "truongthon")
        page.screenshot(path=OUT / "phone-village-head.png", full_page=True)

        # The province's roll-up of the communes below, as its official sees it.
        province = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
        page = province.new_page()
        login(page, "tinh")
        page.goto(f"{page.url}thong-ke/cac-don-vi/?ky=nam&nam=2026")
        page.wait_for_function("() => document.querySelector('canvas[data-chart-drawn]') !== null")
        page.screenshot(path=OUT / "rollup.png")
        province.close()
        phone.close()
        budget_shots(browser)
        browser.close()
    print(f"screenshots written to {OUT}")


if __name__ == "__main__":
    main()
