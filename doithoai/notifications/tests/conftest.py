"""Fixtures of the notification tests: commune A's conference on Friday 05/6/2026 and a way to run a day's reminders.

Its timeline (see conferences/timeline.py): announcement (office, statutory) due Fri 29/5;
opinion collection (Front) Mon 01/6; Front summary Tue 02/6; answer drafts (department
officers) Thu 04/6; conclusion notice (office, statutory) Mon 15/6; written answers
(office, statutory) Fri 19/6.
"""

from __future__ import annotations

import datetime as dt

import pytest

from doithoai.conferences.tests.conftest import make_conference, on_day
from doithoai.notifications.tasks import send_due_reminders
from doithoai.plans.actions import plan_create_from_preset, plan_issue

CONFERENCE_DAY = dt.date(2026, 6, 5)


@pytest.fixture
def plan(cast):
    plan = plan_create_from_preset(actor=cast.officer_a, unit=cast.commune_a, preset="commune", year=2026)
    return plan_issue(actor=cast.chair_a, plan=plan, number="91/KH-UBND", issued_on=dt.date(2026, 3, 2))


@pytest.fixture
def conference(cast, plan):
    """Made on Monday 04/5/2026, a month before."""
    with on_day(dt.date(2026, 5, 4)):
        return make_conference(cast, plan, CONFERENCE_DAY)


def step(conference, key):
    return conference.steps.get(key=key)


def run(day: dt.date) -> dict:
    """Run the day's reminders as the worker would (tasks run inline in tests), at 07:00 that day."""
    with on_day(day):
        result = send_due_reminders.enqueue(day.isoformat())
    assert result.status == "SUCCESSFUL", result.errors
    return result.return_value
