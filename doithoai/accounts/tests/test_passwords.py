"""Passwords: reset by e-mail end to end, change while signed in, Argon2 in production."""

from __future__ import annotations

import importlib
import re

from django.urls import reverse

from doithoai.accounts.models import User
from doithoai.audit.models import AuditEvent

from .helpers import login

NEW_PASSWORD = "Doi-thoai-voi-dan-2026"


def test_it_hashes_passwords_with_argon2_in_production_settings():
    production = importlib.import_module("doithoai.settings")

    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"

    from django.contrib.auth.hashers import Argon2PasswordHasher

    encoded = Argon2PasswordHasher().encode("mat-khau", Argon2PasswordHasher().salt())
    assert encoded.startswith("argon2$")  # argon2-cffi is installed, so production can hash


def test_it_resets_a_forgotten_password_through_the_emailed_link(client, cast, password, mailoutbox):
    login_page = client.get(reverse("accounts:login")).content.decode()
    assert reverse("accounts:password_reset") in login_page

    response = client.post(reverse("accounts:password_reset"), {"email": "VanPhong_A@example.vn"})

    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_done")
    assert "Kiểm tra hộp thư" in client.get(response.url).content.decode()
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["vanphong_a@example.vn"]
    assert mail.subject == "Đặt lại mật khẩu – Đối thoại với Nhân dân"
    assert "Kính gửi Nông Thị Văn," in mail.body
    assert "Tên đăng nhập: vanphong_a" in mail.body
    link = re.search(r"https?://[^/\s]+(/\S+)", mail.body)
    assert link, mail.body
    path = link.group(1)
    assert path.startswith("/tai-khoan/dat-lai-mat-khau/")

    form_page = client.get(path, follow=True)
    assert "Đặt mật khẩu mới" in form_page.content.decode()
    set_password_url = form_page.redirect_chain[-1][0]
    too_short = client.post(set_password_url, {"new_password1": "ngan", "new_password2": "ngan"})
    assert too_short.status_code == 200
    assert 'class="invalid-feedback d-block"' in too_short.content.decode()
    done = client.post(set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert done.status_code == 302
    assert done.url == reverse("accounts:password_reset_complete")
    assert "Đã đặt mật khẩu mới" in client.get(done.url).content.decode()
    assert login(client, "vanphong_a", password).status_code == 200  # the old one no longer works
    assert login(client, "vanphong_a", NEW_PASSWORD).status_code == 302
    assert AuditEvent.objects.filter(event_type="user.password_reset", object_id=str(cast.officer_a.pk)).exists()
    # The link works once only.
    client.logout()
    assert "không hợp lệ" in client.get(path, follow=True).content.decode()


def test_it_sends_nothing_for_an_unknown_address_and_says_the_same(client, cast, mailoutbox):
    response = client.post(reverse("accounts:password_reset"), {"email": "khong-co@example.vn"})

    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_done")
    assert mailoutbox == []


def test_it_changes_the_password_of_a_signed_in_person(client, cast, password):
    login(client, "vanphong_a", password)
    url = reverse("accounts:password_change")
    assert "Mật khẩu hiện tại" in client.get(url).content.decode()

    wrong = client.post(url, {"old_password": "sai", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert "Mật khẩu hiện tại không đúng." in wrong.content.decode()
    response = client.post(
        url, {"old_password": password, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    assert response.status_code == 302
    assert response.url == reverse("accounts:profile")
    assert "Đã đổi mật khẩu." in client.get(response.url).content.decode()  # still signed in
    assert User.objects.get(pk=cast.officer_a.pk).check_password(NEW_PASSWORD)
    assert AuditEvent.objects.filter(event_type="user.password_changed", actor=cast.officer_a).count() == 1


def test_it_asks_for_sign_in_before_changing_a_password(client, db):
    response = client.get(reverse("accounts:password_change"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
