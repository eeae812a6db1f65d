"""Signing in and out through the real pages, and the throttling of wrong passwords."""

from __future__ import annotations

import pytest
from django.urls import reverse

from doithoai.accounts.models import LoginAttempt
from doithoai.audit.models import AuditEvent

from .helpers import LOGIN_URL, login

OFFICE_IP = "198.51.100.10"
OTHER_IP = "203.0.113.99"


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.LOGIN_FAILURE_LIMIT = 5
    settings.LOGIN_FAILURE_WINDOW_SECONDS = 15 * 60


def test_it_shows_a_vietnamese_login_page_with_a_link_to_password_reset(client, db):
    response = client.get(LOGIN_URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Tên đăng nhập" in html and "Mật khẩu" in html
    assert 'autocomplete="username"' in html
    assert reverse("accounts:password_reset") in html
    assert "Quên mật khẩu?" in html


def test_it_signs_an_officer_in_to_their_unit_and_records_the_attempt(client, cast, password):
    response = login(client, "vanphong_a", password, ip=OFFICE_IP)

    assert response.status_code == 302
    response = client.get(response.url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("units:home", args=[cast.commune_a.pk])
    assert "Trang làm việc" in response.content.decode()
    attempt = LoginAttempt.objects.get()
    assert (attempt.username, attempt.ip_address, attempt.succeeded) == ("vanphong_a", OFFICE_IP, True)
    event = AuditEvent.objects.get(event_type="user.logged_in")
    assert event.actor == cast.officer_a
    assert event.ip_address == OFFICE_IP


def test_it_follows_a_safe_next_and_ignores_an_outside_one(client, cast, password):
    profile = reverse("accounts:profile")
    assert login(client, "vanphong_a", password, next=profile).url == profile
    client.logout()
    assert login(client, "vanphong_a", password, next="https://evil.example/").url == reverse("core:home")


def test_it_refuses_a_wrong_password_with_a_vietnamese_message_and_records_it(client, cast):
    response = login(client, "vanphong_a", "sai-mat-khau", ip=OFFICE_IP)

    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.content.decode()
    assert "_auth_user_id" not in client.session
    attempt = LoginAttempt.objects.get()
    assert (attempt.username, attempt.ip_address, attempt.succeeded, attempt.refused) == (
        "vanphong_a",
        OFFICE_IP,
        False,
        False,
    )


def test_it_does_not_count_an_empty_form_as_an_attempt(client, cast):
    response = client.post(LOGIN_URL, {"username": "vanphong_a", "password": ""}, REMOTE_ADDR=OFFICE_IP)

    assert "Cần nhập mật khẩu." in response.content.decode()
    assert not LoginAttempt.objects.exists()


def test_it_locks_a_username_after_the_limit_and_refuses_even_the_right_password(client, cast, password, frozen_time):
    # Wrong passwords from different addresses: only the username ties them together.
    for n in range(4):
        response = login(client, "vanphong_a", "sai", ip=f"192.0.2.{n + 1}")
        assert "tạm thời bị khóa" not in response.content.decode()
    response = login(client, "vanphong_a", "sai", ip="192.0.2.5")
    assert "Vui lòng đợi 15 phút rồi thử lại." in response.content.decode()

    frozen_time.shift(60)
    response = login(client, "vanphong_a", password, ip="192.0.2.6")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Tài khoản này đã nhập sai quá nhiều lần nên tạm thời bị khóa." in html
    assert "Vui lòng đợi 14 phút rồi thử lại." in html
    assert "_auth_user_id" not in client.session
    refused = LoginAttempt.objects.latest("at")
    assert (refused.succeeded, refused.refused) == (False, True)
    # The same username in other letter case is the same account to a guesser.
    assert "tạm thời bị khóa" in login(client, "VanPhong_A", password, ip="192.0.2.7").content.decode()
    lockouts = AuditEvent.objects.filter(event_type="user.locked_out")
    assert lockouts.count() == 1
    assert lockouts.get().object_id == str(cast.officer_a.pk)
    assert lockouts.get().changes["_extra"]["reason"] == "username"


def test_it_lets_the_person_in_again_once_the_window_has_passed(client, cast, password, frozen_time):
    for _ in range(5):
        login(client, "vanphong_a", "sai")
    frozen_time.shift(14 * 60)
    assert "tạm thời bị khóa" in login(client, "vanphong_a", password).content.decode()

    # Attempts refused meanwhile do not prolong the lockout.
    frozen_time.shift(60 + 1)
    response = login(client, "vanphong_a", password)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(cast.officer_a.pk)


def test_it_locks_an_address_that_tries_many_usernames(client, cast, password):
    for username in ["chutich_a", "kinhte_a", "mattran_a", "khong-co-ai", "hdnd_a"]:
        login(client, username, "sai", ip=OTHER_IP)

    response = login(client, "vanphong_a", password, ip=OTHER_IP)

    html = response.content.decode()
    assert "Có quá nhiều lần đăng nhập sai từ địa chỉ mạng này." in html
    assert "Vui lòng đợi 15 phút rồi thử lại." in html
    assert "_auth_user_id" not in client.session
    # The same person from another address is not affected.
    assert login(client, "vanphong_a", password, ip=OFFICE_IP).status_code == 302
    event = AuditEvent.objects.get(event_type="user.locked_out")
    assert event.changes["_extra"]["reason"] == "ip_address"
    assert event.ip_address == OTHER_IP


def test_a_successful_login_does_not_clear_the_failures_of_another_username(client, cast, password):
    for n in range(4):
        login(client, "chutich_a", "sai", ip=f"192.0.2.{n + 1}")
    assert login(client, "vanphong_a", password, ip="192.0.2.1").status_code == 302
    client.logout()

    response = login(client, "chutich_a", "sai", ip="192.0.2.50")

    assert "tạm thời bị khóa" in response.content.decode()
    assert "tạm thời bị khóa" in login(client, "chutich_a", password, ip="192.0.2.51").content.decode()


def test_it_reads_the_client_address_from_a_trusted_proxy_only(client, cast, password, settings):
    settings.LOGIN_TRUSTED_PROXIES = 1
    client.post(
        LOGIN_URL,
        {"username": "vanphong_a", "password": "sai"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7",
    )
    settings.LOGIN_TRUSTED_PROXIES = 0
    client.post(
        LOGIN_URL,
        {"username": "vanphong_a", "password": "sai"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.7",
    )

    assert list(LoginAttempt.objects.order_by("at", "pk").values_list("ip_address", flat=True)) == [
        "203.0.113.7",
        "10.0.0.1",
    ]


def test_it_logs_out_on_post_and_returns_to_the_login_page(client, cast, password):
    login(client, "vanphong_a", password)

    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))

    assert response.status_code == 302
    assert response.url == LOGIN_URL
    assert "Anh/chị đã đăng xuất." in client.get(response.url).content.decode()
    profile = client.get(reverse("accounts:profile"))
    assert profile.status_code == 302
    assert profile.url.startswith(LOGIN_URL)
