"""The accountant (Kế toán) of commune A is a member of the commune, but not of its staff: over HTTP, the pages of
the unit's other apps refuse it (403: it is a member, so the unit is not hidden from it). Its own pages are the
budget's (tested there); where its unit's home page sends it is not tested here."""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util

import pytest
from django.apps import apps
from django.urls import reverse

from doithoai.accounts.roles import STAFF_ROLES, Role
from doithoai.conferences.tests.conftest import make_conference, on_day
from doithoai.core.permissions import REGISTRY, has_perm
from doithoai.plans.actions import plan_create_from_preset, plan_issue
from doithoai.plans.models import Plan


@pytest.fixture
def plan(cast):
    plan = plan_create_from_preset(actor=cast.officer_a, unit=cast.commune_a, preset="commune", year=2026)
    return plan_issue(actor=cast.chair_a, plan=plan, number="91/KH-UBND", issued_on=dt.date(2026, 3, 2))


@pytest.fixture
def conference(cast, plan):
    with on_day(dt.date(2026, 5, 4)):
        return make_conference(cast, plan, dt.date(2026, 6, 5))


# (url name, what the url takes after the unit: "plan", "conference" or nothing)
PAGES = [
    ("plans:list", None),
    ("plans:create", None),
    ("plans:detail", "plan"),
    ("conferences:list", "plan"),
    ("conferences:detail", "conference"),
    ("conferences:timeline", "conference"),
    ("delegates:list", "conference"),
    ("live:room", "conference"),
    ("petitions:list", None),
    ("petitions:groups", None),
    ("petitions:overdue", None),
    ("reports:dashboard", None),
    ("documents:register", None),
    ("workdays:calendar", None),
    ("units:members", None),
    ("units:villages", None),
    ("units:departments", None),
    ("units:profile", None),
    ("units:history", None),
]


def _url(cast, name, takes, plan, conference):
    args = [cast.commune_a.pk]
    if takes == "plan":
        args.append(plan.pk)
    elif takes == "conference":
        args.append(conference.pk)
    return reverse(name, args=args)


def test_the_accountant_is_a_member_of_commune_a_and_not_of_its_staff(cast):
    assert cast.user_for(Role.ACCOUNTANT) == cast.accountant_a
    assert cast.accountant_a.memberships.get().role == Role.ACCOUNTANT
    assert Role.ACCOUNTANT not in STAFF_ROLES


@pytest.mark.parametrize(("name", "takes"), PAGES, ids=[name for name, _takes in PAGES])
def test_the_pages_of_the_unit_s_other_apps_refuse_the_accountant(client, cast, plan, conference, name, takes):
    client.force_login(cast.accountant_a)
    response = client.get(_url(cast, name, takes, plan, conference))
    assert response.status_code == 403, (name, response.status_code)


@pytest.mark.parametrize(("name", "takes"), PAGES, ids=[name for name, _takes in PAGES])
def test_the_same_pages_open_for_the_chair(client, cast, plan, conference, name, takes):
    # So that the refusals above are the role's, not a wrong address.
    client.force_login(cast.chair_a)
    assert client.get(_url(cast, name, takes, plan, conference)).status_code == 200, name


def test_the_accountant_creates_no_plan(client, cast):
    client.force_login(cast.accountant_a)
    response = client.post(reverse("plans:create", args=[cast.commune_a.pk]), {"preset": "commune", "year": "2027"})
    assert response.status_code == 403
    assert not Plan.objects.filter(year=2027).exists()


# Permissions the accountant holds outside the budget app, on purpose. Any other one is a mistake (a permission
# defined with every role of the unit, where the staff was meant).
ACCOUNTANT_OUTSIDE_BUDGET = {
    "notifications.manage_own",  # every signed-in person's own notifications
    "plans.edit_budget",  # the "Kinh phí" lines of a draft plan
}


def test_the_accountant_holds_no_permission_of_the_staff(cast):
    for config in apps.get_app_configs():  # every app's permissions, registered when its rules.py is imported
        if importlib.util.find_spec(f"{config.name}.rules") is not None:
            importlib.import_module(f"{config.name}.rules")
    held = {
        code
        for code, permission in REGISTRY.items()
        if not code.startswith("budget.") and has_perm(cast.accountant_a, permission, cast.commune_a)
    }
    assert held == ACCOUNTANT_OUTSIDE_BUDGET
