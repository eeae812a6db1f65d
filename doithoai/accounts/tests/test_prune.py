"""Pruning old sign-in attempts and password-reset requests (a daily cron job)."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command

from doithoai.accounts.models import LoginAttempt, PasswordResetRequest

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 6, 1, 8, 0, tzinfo=dt.UTC)


def _attempt_at(when: dt.datetime, username: str) -> None:
    with time_machine.travel(when, tick=False):
        LoginAttempt.objects.create(username=username, ip_address="198.51.100.7")


def _reset_request_at(when: dt.datetime, email: str) -> None:
    with time_machine.travel(when, tick=False):
        PasswordResetRequest.objects.create(email=email, ip_address="198.51.100.7")


def test_it_deletes_attempts_older_than_90_days_by_default():
    _attempt_at(NOW - dt.timedelta(days=91), "old")
    _attempt_at(NOW - dt.timedelta(days=89), "recent")
    _reset_request_at(NOW - dt.timedelta(days=100), "old@example.vn")
    _reset_request_at(NOW - dt.timedelta(days=1), "recent@example.vn")
    out = StringIO()

    with time_machine.travel(NOW, tick=False):
        call_command("prune_login_attempts", stdout=out)

    assert list(LoginAttempt.objects.values_list("username", flat=True)) == ["recent"]
    assert list(PasswordResetRequest.objects.values_list("email", flat=True)) == ["recent@example.vn"]
    assert "Deleted 1 sign-in attempts and 1 password-reset requests older than 90 days." in out.getvalue()


def test_it_keeps_as_many_days_as_asked():
    _attempt_at(NOW - dt.timedelta(days=8), "eight")
    _attempt_at(NOW - dt.timedelta(days=6), "six")
    out = StringIO()

    with time_machine.travel(NOW, tick=False):
        call_command("prune_login_attempts", "--days", "7", stdout=out)

    assert list(LoginAttempt.objects.values_list("username", flat=True)) == ["six"]
    assert "Deleted 1 sign-in attempts" in out.getvalue()


def test_it_refuses_to_keep_less_than_a_day():
    _attempt_at(NOW - dt.timedelta(hours=1), "now")
    with time_machine.travel(NOW, tick=False), pytest.raises(CommandError):
        call_command("prune_login_attempts", "--days", "0", stdout=StringIO())
    assert LoginAttempt.objects.count() == 1
