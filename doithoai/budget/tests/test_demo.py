"""The demo's budget loaders (budget/demo.py), run on the test cast rather than the whole demo (which
core/tests/test_demo.py loads, with the accountant's login): the plan's estimate by category, the conference
held settled and approved with a voucher for every expense, the conference ahead and the year still open."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from doithoai.budget import selectors
from doithoai.budget.demo import load_demo_budget, load_demo_estimate
from doithoai.budget.models import Expense, SettlementStatus
from doithoai.conferences.models import Conference, ConferenceStatus
from doithoai.conferences.tests.conftest import make_conference, on_day
from doithoai.plans.actions import plan_issue

pytestmark = pytest.mark.django_db


def test_the_demo_budget_runs_from_estimate_to_settlement(cast, draft_plan, client):
    load_demo_estimate(cast.sysadmin, cast.commune_a)
    plan = plan_issue(actor=cast.chair_a, plan=draft_plan, number="102/KH-UBND", issued_on=dt.date(2026, 3, 2))
    assert selectors.year_figures(plan).estimate == 8_000_000
    assert {line.category for line in plan.budget_lines.all()} == {
        "hall",
        "sound",
        "refreshments",
        "printing",
        "media",
        "allowances",
    }
    with on_day(dt.date(2026, 5, 4)):
        held = make_conference(cast, plan, dt.date(2026, 6, 5), title="Hội nghị đối thoại về đường liên thôn")
        ahead = make_conference(cast, plan, dt.date(2026, 12, 11))
    Conference.objects.filter(pk=held.pk).update(status=ConferenceStatus.CONCLUDED)
    Conference.objects.filter(pk=ahead.pk).update(status=ConferenceStatus.ANNOUNCED)

    load_demo_budget(cast.sysadmin, cast.commune_a)
    load_demo_budget(cast.sysadmin, cast.commune_a)  # a second run changes nothing
    held.refresh_from_db()
    assert held.settlement.status == SettlementStatus.APPROVED and held.settlement.approved_by == cast.chair_a
    figures = selectors.Figures.from_json(held.settlement.figures)
    assert (figures.estimate, figures.actual) == (2_800_000, 2_750_000)
    assert not selectors.undocumented(list(Expense.objects.filter(plan=plan)))
    assert Expense.objects.filter(plan=plan).count() == 6
    assert selectors.settlement_of(plan, ahead).status == SettlementStatus.OPEN
    assert selectors.conference_figures(ahead).actual == 180_000
    assert Expense.objects.filter(plan=plan, conference=None).count() == 1

    client.force_login(cast.accountant_a)
    page = client.get(reverse("budget:conference", args=[cast.commune_a.pk, held.pk])).content.decode()
    assert "Đã phê duyệt quyết toán" in page and "2.750.000" in page
