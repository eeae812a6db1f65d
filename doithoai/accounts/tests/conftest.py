"""Fixtures for the account tests."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django_otp.plugins.otp_totp.models import TOTPDevice


@pytest.fixture
def frozen_time():
    """Time that only moves when the test says so (`frozen_time.shift(seconds)`)."""
    with time_machine.travel(dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC), tick=False) as traveller:
        yield traveller


@pytest.fixture
def device_for():
    def make(user):
        return TOTPDevice.objects.create(user=user, name="Điện thoại", confirmed=True)

    return make
