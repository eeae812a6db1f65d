"""Fixtures of the to-do and upper-level tests.

Lạng Sơn's 2026 upper-level plan (issued 02/3/2026, every commune to hold its
dialogue by 31/7/2026); commune A (Điềm He) and commune B (Văn Quan) below it,
each with its own issued plan; helpers to make, announce and hold conferences.
"""

from __future__ import annotations

import datetime as dt

import pytest

from doithoai.accounts.models import Membership, User
from doithoai.accounts.roles import Role
from doithoai.conferences.actions import conference_announce, conference_create, conference_hold
from doithoai.conferences.tests.conftest import at, on_day
from doithoai.core.testing import PASSWORD
from doithoai.plans.actions import plan_create_from_preset, plan_issue

DEADLINE = dt.date(2026, 7, 31)


def make_user(username: str, full_name: str, unit, role: Role) -> User:
    user = User(username=username, full_name=full_name, email=f"{username}@example.vn")
    user.set_password(PASSWORD)
    user.save()
    Membership.objects.create(user=user, unit=unit, role=role)
    return user


@pytest.fixture
def province_chair(cast) -> User:
    return make_user("chutich_tinh", "Nguyễn Văn Tỉnh", cast.province, Role.CHAIR)


@pytest.fixture
def chair_b(cast) -> User:
    return make_user("chutich_b", "Đinh Văn Chủ", cast.commune_b, Role.CHAIR)


def issued_plan(unit, *, office, chair, preset: str, number: str, year: int = 2026):
    with on_day(dt.date(year, 3, 2)):
        plan = plan_create_from_preset(actor=office, unit=unit, preset=preset, year=year)
        return plan_issue(actor=chair, plan=plan, number=number, issued_on=dt.date(year, 3, 2))


@pytest.fixture
def upper_plan(cast, province_chair):
    """Lạng Sơn's 2026 upper-level plan, issued: communes hold their dialogue by 31/7/2026."""
    plan = issued_plan(cast.province, office=cast.sysadmin, chair=province_chair, preset="upper", number="12-KH/TU")
    assert plan.units_below_deadline == DEADLINE
    return plan


@pytest.fixture
def plan_a(cast):
    return issued_plan(cast.commune_a, office=cast.officer_a, chair=cast.chair_a, preset="commune", number="91/KH-UBND")


@pytest.fixture
def plan_b(cast, chair_b):
    return issued_plan(cast.commune_b, office=cast.officer_b, chair=chair_b, preset="commune", number="15/KH-UBND")


def make_conference(plan, actor, village, day: dt.date, *, made_on: dt.date, title: str = "Hội nghị đối thoại"):
    with on_day(made_on):
        return conference_create(
            actor=actor,
            plan=plan,
            data={"title": title, "starts_at": at(day, 7, 30), "venue": "Hội trường UBND"},
            villages=[village],
        )


def hold(conference, actor, day: dt.date):
    with on_day(day):
        conference_announce(actor=actor, conference=conference)
        return conference_hold(actor=actor, conference=conference)
