"""Fixtures of the conference tests: commune A's issued 2026 plan, and a way to make a conference on a date."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from doithoai.conferences.actions import conference_create
from doithoai.plans.actions import plan_create_from_preset, plan_issue


def at(day: dt.date, hour: int = 8, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def on_day(day: dt.date):
    """Travel to 09:00 in Việt Nam on `day`."""
    return time_machine.travel(at(day, 9), tick=False)


@pytest.fixture
def plan(cast):
    plan = plan_create_from_preset(actor=cast.officer_a, unit=cast.commune_a, preset="commune", year=2026)
    return plan_issue(actor=cast.chair_a, plan=plan, number="91/KH-UBND", issued_on=dt.date(2026, 3, 2))


def make_conference(cast, plan, day: dt.date, *, reason: str = "", actor=None, **data):
    values = {"title": "Hội nghị đối thoại năm 2026", "starts_at": at(day, 7, 30), "venue": "Hội trường UBND xã"}
    values.update(data)
    return conference_create(
        actor=actor or cast.officer_a, plan=plan, data=values, villages=[cast.village_a], reason=reason
    )


@pytest.fixture
def conference(cast, plan):
    """A conference on Friday 05/6/2026, made on 04/5/2026."""
    with on_day(dt.date(2026, 5, 4)):
        return make_conference(cast, plan, dt.date(2026, 6, 5))
