"""Signing in with a real browser."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_it_signs_an_officer_in_through_the_login_form(live_server, page, cast, password):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_server.url + reverse("accounts:login"))

    page.get_by_label("Tên đăng nhập").fill(cast.officer_a.username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()

    home = reverse("units:home", args=[cast.commune_a.pk])
    expect(page).to_have_url(re.compile(re.escape(home) + "$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Trang làm việc")
