"""Two-factor sign-in with an authenticator app: set-up, the code at sign-in, throttling, unit enforcement."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from doithoai.accounts.models import LoginAttempt
from doithoai.audit.models import AuditEvent
from doithoai.units.actions import unit_set_two_factor_policy

from .helpers import code_for, code_for_key, login, secret_on_page, wrong_code_for

SETUP = reverse("accounts:two_factor_setup")
VERIFY = reverse("accounts:two_factor_verify")


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.LOGIN_FAILURE_LIMIT = 5
    settings.LOGIN_FAILURE_WINDOW_SECONDS = 15 * 60


def _home(cast):
    return reverse("units:home", args=[cast.commune_a.pk])


def test_it_shows_a_qr_code_and_the_secret_and_enables_two_factor_with_a_code(client, cast, password, frozen_time):
    login(client, "vanphong_a", password)

    page = client.get(SETUP).content.decode()

    svg = re.search(r'<svg[^>]*class="qr-code".*?</svg>', page, re.S)
    assert svg, "the QR code is drawn into the page"
    assert "<img" not in page and "http" not in svg.group(0)  # no outside QR service
    key = secret_on_page(page)
    assert secret_on_page(client.get(SETUP).content.decode()) == key  # same secret until confirmed
    assert not TOTPDevice.objects.exists()

    wrong = client.post(SETUP, {"token": "000000" if code_for_key(key) != "000000" else "111111"})
    assert "Mã xác thực không đúng." in wrong.content.decode()
    # Six superscript twos are digits to str.isdigit and not to int(): refused like any wrong code.
    superscripts = client.post(SETUP, {"token": "²²²²²²"})
    assert superscripts.status_code == 200 and "Mã xác thực không đúng." in superscripts.content.decode()
    assert not TOTPDevice.objects.exists()
    response = client.post(SETUP, {"token": code_for_key(key)})

    assert response.status_code == 302
    device = TOTPDevice.objects.get(user=cast.officer_a)
    assert device.confirmed
    assert device.bin_key == key
    assert AuditEvent.objects.filter(event_type="user.two_factor_enabled", actor=cast.officer_a).count() == 1
    # This session counts as verified: the person is not asked for a code straight away.
    assert client.get(_home(cast)).status_code == 200
    assert "Đang bật" in client.get(reverse("accounts:profile")).content.decode()


def test_it_asks_for_a_code_after_the_password_and_lets_nothing_else_through(
    client, cast, password, device_for, frozen_time
):
    device = device_for(cast.officer_a)

    response = login(client, "vanphong_a", password)

    assert response.status_code == 302
    assert response.url.startswith(VERIFY)
    assert not AuditEvent.objects.filter(event_type="user.logged_in").exists()  # not signed in yet
    for page in [_home(cast), reverse("accounts:profile"), reverse("core:home")]:
        blocked = client.get(page)
        assert blocked.status_code == 302
        assert blocked.url.startswith(VERIFY)
    assert "Nhập mã xác thực" in client.get(response.url).content.decode()

    done = client.post(response.url, {"token": code_for(device)})

    assert done.status_code == 302
    assert client.get(done.url, follow=True).redirect_chain[-1][0] == _home(cast)
    assert client.get(_home(cast)).status_code == 200
    event = AuditEvent.objects.get(event_type="user.logged_in")
    assert event.changes["_extra"]["two_factor"] is True
    assert LoginAttempt.objects.filter(two_factor=True, succeeded=True).count() == 1


def test_it_refuses_a_wrong_code_and_makes_the_next_try_wait(client, cast, password, device_for, frozen_time):
    device = device_for(cast.officer_a)
    login(client, "vanphong_a", password)

    wrong = client.post(VERIFY, {"token": wrong_code_for(device)})
    assert "Mã xác thực không đúng hoặc đã hết hạn." in wrong.content.decode()
    too_soon = client.post(VERIFY, {"token": code_for(device)})
    assert "Vui lòng đợi 1 giây rồi nhập mã mới." in too_soon.content.decode()
    assert client.get(_home(cast)).status_code == 302

    frozen_time.shift(2)
    assert client.post(VERIFY, {"token": code_for(device)}).status_code == 302
    assert client.get(_home(cast)).status_code == 200


def test_it_locks_the_account_after_too_many_wrong_codes(client, cast, password, device_for, frozen_time):
    device = device_for(cast.officer_a)
    login(client, "vanphong_a", password)
    for _ in range(5):
        frozen_time.shift(60)  # past django-otp's growing wait, so each code is really checked
        client.post(VERIFY, {"token": wrong_code_for(device)})

    frozen_time.shift(60)
    response = client.post(VERIFY, {"token": code_for(device)})

    assert "tạm thời bị khóa" in response.content.decode()
    assert client.get(_home(cast)).status_code == 302
    assert AuditEvent.objects.filter(event_type="user.locked_out").count() == 1
    # Signing in again with the password does not start a fresh count.
    client.post(reverse("accounts:logout"))
    assert "tạm thời bị khóa" in login(client, "vanphong_a", password).content.decode()


def test_it_turns_two_factor_off_with_a_current_code(client, cast, password, device_for, frozen_time):
    device = device_for(cast.officer_a)
    login(client, "vanphong_a", password)
    client.post(VERIFY, {"token": code_for(device)})
    frozen_time.shift(30)

    wrong = client.post(SETUP, {"token": wrong_code_for(device)})
    assert "Mã xác thực không đúng" in wrong.content.decode()
    assert TOTPDevice.objects.filter(user=cast.officer_a).exists()
    frozen_time.shift(5)
    response = client.post(SETUP, {"token": code_for(device)})

    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=cast.officer_a).exists()
    assert AuditEvent.objects.filter(event_type="user.two_factor_disabled").count() == 1
    assert client.get(_home(cast)).status_code == 200  # not sent back to set-up or to a code
    client.post(reverse("accounts:logout"))
    assert login(client, "vanphong_a", password).url == reverse("core:home")


def test_it_will_not_turn_two_factor_off_where_the_unit_requires_it(client, cast, password, device_for, frozen_time):
    device = device_for(cast.officer_a)
    unit_set_two_factor_policy(actor=cast.chair_a, unit=cast.commune_a, required=True)
    login(client, "vanphong_a", password)
    client.post(VERIFY, {"token": code_for(device)})
    frozen_time.shift(30)

    page = client.get(SETUP).content.decode()
    assert "Không thể tắt xác thực hai lớp" in page
    response = client.post(SETUP, {"token": code_for(device)})

    assert "yêu cầu cán bộ đăng nhập bằng xác thực hai lớp" in response.content.decode()
    assert TOTPDevice.objects.filter(user=cast.officer_a).exists()


def test_it_sends_staff_of_a_unit_that_requires_it_to_set_up_before_anything_else(client, cast, password, frozen_time):
    unit_set_two_factor_policy(actor=cast.chair_a, unit=cast.commune_a, required=True)

    response = login(client, "vanphong_a", password)

    assert response.status_code == 302
    assert response.url.startswith(SETUP)
    for page in [_home(cast), reverse("accounts:profile"), VERIFY]:
        assert client.get(page, follow=True).redirect_chain[-1][0].startswith(SETUP)
    setup_page = client.get(response.url).content.decode()
    assert "Đơn vị của anh/chị yêu cầu đăng nhập bằng xác thực hai lớp" in setup_page
    assert cast.commune_a.name in setup_page

    enabled = client.post(response.url, {"token": code_for_key(secret_on_page(setup_page))})

    assert enabled.status_code == 302
    assert client.get(_home(cast)).status_code == 200
    # Staff of other units, and people without a role, are not affected.
    other = client.__class__()
    assert login(other, "vanphong_b", password).url == reverse("core:home")
    assert other.get(reverse("units:home", args=[cast.commune_b.pk])).status_code == 200


def test_it_enforces_a_new_unit_policy_from_the_next_sign_in(client, cast, password):
    login(client, "vanphong_a", password)
    assert client.get(_home(cast)).status_code == 200

    unit_set_two_factor_policy(actor=cast.chair_a, unit=cast.commune_a, required=True)
    client.post(reverse("accounts:logout"))
    login(client, "vanphong_a", password)

    response = client.get(_home(cast))
    assert response.status_code == 302
    assert response.url.startswith(SETUP)
