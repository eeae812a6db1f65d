"""Sessions end after two idle hours, and after a working day however busy."""

from __future__ import annotations

import time

from django.conf import settings
from django.urls import reverse

from .helpers import LOGIN_URL, login


def _set_session(client, **values):
    session = client.session
    session.update(values)
    session.save()


def test_it_keeps_sessions_for_a_working_day_and_two_idle_hours():
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    assert settings.SESSION_IDLE_SECONDS == 2 * 3600


def test_it_sets_the_session_cookie_for_a_working_day(client, cast, password):
    response = login(client, "vanphong_a", password)

    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 8 * 3600
    assert response.cookies[settings.SESSION_COOKIE_NAME]["httponly"]


def test_it_keeps_a_session_that_was_idle_for_less_than_two_hours(client, cast, password):
    login(client, "vanphong_a", password)
    _set_session(client, last_seen=int(time.time()) - 2 * 3600 + 60)

    response = client.get(reverse("accounts:profile"))

    assert response.status_code == 200
    assert abs(client.session["last_seen"] - time.time()) < 60


def test_it_ends_a_session_idle_for_more_than_two_hours(client, cast, password):
    login(client, "vanphong_a", password)
    _set_session(client, last_seen=int(time.time()) - 2 * 3600 - 60)

    response = client.get(reverse("accounts:profile"))

    assert response.status_code == 302
    assert response.url.startswith(LOGIN_URL)
    assert "expired=1" in response.url
    assert "_auth_user_id" not in client.session
    page = client.get(response.url).content.decode()
    assert "Phiên làm việc đã kết thúc. Vui lòng đăng nhập lại." in page
    # Signing in again returns the person to the page they were on.
    assert login(client, "vanphong_a", password, next=reverse("accounts:profile")).url == reverse("accounts:profile")


def test_it_ends_a_busy_session_after_a_working_day(client, cast, password, frozen_time):
    login(client, "vanphong_a", password)
    profile = reverse("accounts:profile")
    # Active every ninety minutes, so the idle limit never applies.
    for _ in range(5):
        frozen_time.shift(90 * 60)
        assert client.get(profile).status_code == 200

    frozen_time.shift(31 * 60)  # 8 h 01 min after signing in
    response = client.get(profile)

    assert response.status_code == 302
    assert response.url.startswith(LOGIN_URL)
    assert "_auth_user_id" not in client.session


def test_it_answers_htmx_requests_of_an_expired_session_with_a_full_page_redirect(client, cast, password):
    login(client, "vanphong_a", password)
    _set_session(client, last_seen=int(time.time()) - 3 * 3600)

    response = client.get(reverse("accounts:profile"), headers={"HX-Request": "true"})

    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(LOGIN_URL)
