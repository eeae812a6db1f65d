"""Fixtures of the portal tests: commune A's issued plan and conferences in each public state.

Conferences are made on 04/5/2026 for dates in June 2026 (the conference
fixtures' own `on_day`), so that every statutory step is still ahead.
"""

from __future__ import annotations

import datetime as dt

import pytest

from doithoai.accounts.models import Membership
from doithoai.accounts.roles import Role
from doithoai.conferences.actions import conference_announce, conference_cancel, conference_create, conference_hold
from doithoai.conferences.tests.conftest import at, make_conference, on_day
from doithoai.conferences.tests.conftest import plan as plan  # the fixture, re-exported
from doithoai.plans.actions import plan_create_from_preset, plan_issue

MADE_ON = dt.date(2026, 5, 4)
D = dt.date(2026, 6, 5)  # a Friday


def conference_on(cast, plan, day: dt.date = D, **data):
    with on_day(MADE_ON):
        return make_conference(cast, plan, day, **data)


def announce(cast, conference):
    with on_day(MADE_ON):
        actor = cast.officer_a if conference.unit_id == cast.commune_a.pk else cast.officer_b
        return conference_announce(actor=actor, conference=conference)


@pytest.fixture
def planned(cast, plan):
    return conference_on(cast, plan, chair_name="Chủ tịch UBND xã", council_name="Phó Chủ tịch HĐND xã")


@pytest.fixture
def announced(cast, planned):
    return announce(cast, planned)


@pytest.fixture
def cancelled(cast, announced):
    with on_day(MADE_ON):
        return conference_cancel(actor=cast.chair_a, conference=announced)


@pytest.fixture
def held(cast, announced):
    with on_day(D):
        return conference_hold(actor=cast.officer_a, conference=announced)


@pytest.fixture
def plan_b(cast):
    """Commune B (Xã Văn Quan) gets a chair for the test and issues its plan."""
    chair_b = cast.officer_b.__class__.objects.create(username="chutich_b", full_name="Lò Văn Bê")
    Membership.objects.create(user=chair_b, unit=cast.commune_b, role=Role.CHAIR)
    draft = plan_create_from_preset(actor=cast.officer_b, unit=cast.commune_b, preset="commune", year=2026)
    return plan_issue(actor=chair_b, plan=draft, number="12/KH-UBND", issued_on=dt.date(2026, 3, 5))


def conference_b(cast, plan_b, day: dt.date = D, **data):
    values = {"title": "Hội nghị đối thoại xã Văn Quan", "venue": "Nhà văn hóa xã Văn Quan", "starts_at": at(day, 14)}
    values.update(data)
    with on_day(MADE_ON):
        conference = conference_create(actor=cast.officer_b, plan=plan_b, data=values, villages=[cast.village_b])
    return announce(cast, conference)
