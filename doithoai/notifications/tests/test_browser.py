"""In Chromium, on a phone: the Front sees the bell count, opens a reminder, switches e-mail reminders off."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from doithoai.core.testing import log_in
from doithoai.notifications.models import NotificationPreference
from doithoai.notifications.tests.conftest import run

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_shows_the_reminders_of_the_front_behind_the_bell(cast, conference, live_server, page, password):
    run(dt.date(2026, 5, 29))  # the opinion collection (Mon 01/6) and the Front summary (Tue 02/6) are near
    page.set_viewport_size({"width": 360, "height": 780})
    log_in(page, live_server, cast.front_a.username, password)

    bell = page.get_by_test_id("bell")
    expect(bell).to_be_visible()  # not hidden in the collapsed menu on a phone
    expect(page.get_by_test_id("bell-count")).to_have_text("2")
    bell.click()

    items = page.get_by_test_id("notification")
    expect(items).to_have_count(2)
    expect(page.locator('[data-testid="notification"][data-unread="1"]')).to_have_count(2)
    page.get_by_role("button", name="Còn 3 ngày đến hạn: Lấy ý kiến Nhân dân").click()

    expect(page).to_have_url(live_server.url + f"/don-vi/{cast.commune_a.pk}/hoi-nghi/{conference.pk}/")
    expect(page.get_by_test_id("bell-count")).to_have_text("1")

    page.get_by_test_id("bell").click()
    page.get_by_label("Nhận nhắc việc qua thư điện tử").uncheck()
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("alert")).to_contain_text("không nhận thư điện tử")
    assert NotificationPreference.objects.get(user=cast.front_a).email_reminders is False

    page.get_by_test_id("read-all").click()
    expect(page.get_by_test_id("bell-count")).to_have_count(0)
    expect(page.locator('[data-testid="notification"][data-unread="1"]')).to_have_count(0)
