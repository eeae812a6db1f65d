"""Password-reset e-mails: at most 3 an hour to one address, 10 an hour from one network address.

Over the limit nothing is sent, and the page says the same as always, so that it tells nothing about the address.
"""

from __future__ import annotations

import datetime as dt

import time_machine
from django.urls import reverse

from doithoai.accounts.models import PasswordResetRequest

RESET = reverse("accounts:password_reset")
DONE = reverse("accounts:password_reset_done")
START = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)


def _ask(client, email, ip="198.51.100.20"):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=ip)


def test_it_sends_at_most_three_emails_an_hour_to_one_address(client, cast, mailoutbox):
    with time_machine.travel(START, tick=False) as clock:
        answers = [_ask(client, "VanPhong_A@example.vn", ip=f"198.51.100.{i}") for i in range(1, 6)]

        assert len(mailoutbox) == 3
        assert all(r.status_code == 302 and r.url == DONE for r in answers)  # the same answer every time
        assert PasswordResetRequest.objects.filter(refused=True).count() == 2

        clock.shift(dt.timedelta(minutes=61))
        assert _ask(client, "vanphong_a@example.vn").url == DONE
        assert len(mailoutbox) == 4  # the hour has passed


def test_it_sends_at_most_ten_an_hour_from_one_network_address(client, cast, mailoutbox):
    with time_machine.travel(START, tick=False):
        for _ in range(3):
            _ask(client, "vanphong_a@example.vn", ip="203.0.113.9")
        for _ in range(3):
            _ask(client, "chutich_a@example.vn", ip="203.0.113.9")
        for i in range(4):
            _ask(client, f"nobody{i}@example.vn", ip="203.0.113.9")  # no account: nothing sent, but counted
        assert len(mailoutbox) == 6

        refused = _ask(client, "mattran_a@example.vn", ip="203.0.113.9")
        assert refused.url == DONE
        assert len(mailoutbox) == 6
        assert PasswordResetRequest.objects.get(email="mattran_a@example.vn").refused

        _ask(client, cast.vice_chair_a.email, ip="203.0.113.10")  # another address is not held back
        assert len(mailoutbox) == 7


def test_it_shows_the_same_page_for_an_address_without_an_account(client, cast, mailoutbox):
    response = _ask(client, "khong-co@example.vn")
    assert response.status_code == 302
    assert response.url == DONE
    assert mailoutbox == []
    assert PasswordResetRequest.objects.filter(email="khong-co@example.vn", refused=False).exists()
