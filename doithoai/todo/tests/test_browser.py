"""In Chromium: commune A's office finds Lạng Sơn's requirement in "Việc cần làm"; after the deadline
a province official opens the compliance board and sees commune B flagged late."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Page, expect

from doithoai.conferences.tests.conftest import at
from doithoai.todo.tests.conftest import hold, make_conference

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

D = dt.date


def settle(page: Page) -> None:
    """Let every request of the page end (the badge is fetched after the page) before the test itself
    touches the database: the live server shares the test's SQLite connection."""
    page.wait_for_load_state("networkidle")
    page.goto("about:blank")


def sign_in(page: Page, live_server, user) -> None:
    """A session made on the server at the (travelled) time, handed to the browser as a session cookie."""
    settle(page)
    page.context.clear_cookies()
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}])


def test_a_commune_sees_the_requirement_and_the_province_sees_who_is_late(
    cast, upper_plan, plan_a, plan_b, live_server, page
):
    conference_a = make_conference(plan_a, cast.officer_a, cast.village_a, D(2026, 6, 5), made_on=D(2026, 5, 4))
    make_conference(plan_b, cast.officer_b, cast.village_b, D(2026, 8, 14), made_on=D(2026, 5, 4))

    page.set_viewport_size({"width": 390, "height": 844})
    with time_machine.travel(at(D(2026, 5, 10), 9), tick=True):
        sign_in(page, live_server, cast.officer_a)
        page.goto(live_server.url + reverse("units:home", args=[cast.commune_a.pk]))
        page.wait_for_load_state("networkidle")
        requirement = page.get_by_test_id("upper-requirement")
        expect(requirement).to_contain_text("Kế hoạch số 12-KH/TU")
        page.get_by_role("button", name="Mở menu").click()
        nav = page.get_by_test_id("nav-tasks")
        expect(nav.get_by_test_id("tasks-badge")).to_be_visible()  # loaded by htmx after the page
        nav.click()
        upcoming = page.get_by_test_id("group-upcoming")
        expect(upcoming).to_contain_text(
            "Tổ chức hội nghị đối thoại theo Kế hoạch số 12-KH/TU ngày 02/3/2026 của Ban Thường vụ Tỉnh ủy Lạng Sơn, "
            "xong trước ngày 31/7/2026"
        )
        expect(upcoming).to_contain_text("Xã Điềm He")
        expect(page.get_by_text("Xã Văn Quan")).to_have_count(0)
        settle(page)

    hold(conference_a, cast.officer_a, D(2026, 6, 5))

    page.set_viewport_size({"width": 1280, "height": 900})
    with time_machine.travel(at(D(2026, 8, 1), 9), tick=True):
        sign_in(page, live_server, cast.province_official)
        page.goto(live_server.url + reverse("plans:detail", args=[cast.province.pk, upper_plan.pk]))
        page.wait_for_load_state("networkidle")
        page.get_by_test_id("compliance-link").click()
        row_b = page.get_by_test_id(f"row-{cast.commune_b.code}")
        row_a = page.get_by_test_id(f"row-{cast.commune_a.code}")
        expect(row_b).to_contain_text("Trễ hạn")
        expect(row_a).to_contain_text("05/6/2026")
        expect(row_a).not_to_contain_text("Trễ hạn")
        expect(page.get_by_test_id("summary-late")).to_have_text("1")

        page.get_by_label("Tìm đơn vị (gõ không dấu cũng được)").fill("van quan")
        expect(page.get_by_test_id("board-count")).to_have_text("1 đơn vị")  # answered in place by htmx
        expect(row_b).to_be_visible()
        expect(row_a).to_have_count(0)

        with page.expect_download() as download:
            page.get_by_test_id("board-excel").click()
        assert download.value.suggested_filename.endswith(".xlsx")
