"""Who may do what with the budget: every permission of budget/rules.py for every role, written out, and the
pages answering accordingly over HTTP in each state of the settlement.

The tables are the specification, not derived from rules.py: a change of rules.py must be made here too."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

import doithoai.budget.rules  # noqa: F401 - registers the permissions
from doithoai.budget import actions
from doithoai.budget.models import Settlement, SettlementStatus
from doithoai.budget.tests.conftest import pdf_upload
from doithoai.core.permissions import REGISTRY, has_perm
from doithoai.core.testing import MATRIX_ROLES

pytestmark = pytest.mark.django_db

ROLES = MATRIX_ROLES

#                                  chair vice office dept front village council higher admin citizen accountant
IN_COMMUNE_A = {
    "budget.view":                "Y     Y    Y      -    -     -       Y       Y      Y     -       Y",
    "budget.edit":                "-     -    Y      -    -     -       -       -      -     -       Y",
    "budget.submit_settlement":   "-     -    Y      -    -     -       -       -      -     -       Y",
    "budget.approve_settlement":  "Y     -    -      -    -     -       -       -      -     -       -",
    "plans.edit_budget":          "Y     -    Y      -    -     -       -       -      Y     -       Y",
}  # fmt: skip
# Nobody of commune A has a right in commune B; the province official reads, the administrator reads.
IN_COMMUNE_B = {
    "budget.view":                "-     -    -      -    -     -       -       Y      Y     -       -",
    "budget.edit":                "-     -    -      -    -     -       -       -      -     -       -",
    "budget.submit_settlement":   "-     -    -      -    -     -       -       -      -     -       -",
    "budget.approve_settlement":  "-     -    -      -    -     -       -       -      -     -       -",
    "plans.edit_budget":          "-     -    -      -    -     -       -       -      Y     -       -",
}  # fmt: skip


def _cells(row: str) -> list[bool]:
    cells = row.split()
    assert len(cells) == len(ROLES), row
    return [c == "Y" for c in cells]


def test_it_covers_every_budget_permission():
    assert {c for c in REGISTRY if c.startswith("budget.")} | {"plans.edit_budget"} == set(IN_COMMUNE_A)


@pytest.mark.parametrize("code", sorted(IN_COMMUNE_A))
def test_each_role_has_exactly_the_permissions_of_the_table(cast, code):
    for unit, table in ((cast.commune_a, IN_COMMUNE_A), (cast.commune_b, IN_COMMUNE_B)):
        actual = [has_perm(cast.user_for(role), REGISTRY[code], unit) for role in ROLES]
        wrong = [r.value for r, e, a in zip(ROLES, _cells(table[code]), actual, strict=True) if e != a]
        assert not wrong, f"{code} in {unit.name}: {wrong}"


# The year page: 200 for readers, 403 for the unit's other people, 404 for a citizen (who cannot see the
# unit); the transitions each role is offered, in each state of the conference's settlement.
#                 chair vice office dept front village council higher admin citizen accountant
PAGE =           "200   200  200    403  403   403     200     200    200   404     200"  # fmt: skip
OFFERED = {
    "open":      "-     -    submit -    -     -       -       -      -     -       submit",
    "submitted": "approve,return - - -  -     -       -       -      -     -       -",
    "approved":  "reopen -   -      -    -     -       -       -      -     -       -",
}  # fmt: skip


def _settled_to(cast, plan, conference, state: str) -> None:
    expense = actions.expense_record(
        actor=cast.accountant_a,
        plan=plan,
        data={
            "conference": conference,
            "category": "hall",
            "item": "Khánh tiết",
            "amount": "500000",
            "spent_on": dt.date(2026, 6, 5),
        },
    )
    actions.document_attach(actor=cast.accountant_a, expense=expense, title="Hóa đơn", upload=pdf_upload())
    if state in {"submitted", "approved"}:
        actions.settlement_transition(actor=cast.accountant_a, plan=plan, conference=conference, name="submit")
    if state == "approved":
        actions.settlement_transition(actor=cast.chair_a, plan=plan, conference=conference, name="approve")


def test_the_pages_answer_each_role(client, cast, plan):
    url = reverse("budget:year", args=[cast.commune_a.pk])
    for role, expected in zip(ROLES, PAGE.split(), strict=True):
        client.force_login(cast.user_for(role))
        assert client.get(url).status_code == int(expected), role


@pytest.mark.parametrize("state", sorted(OFFERED))
def test_each_role_is_offered_the_transitions_of_the_state(client, cast, plan, conference, state):
    _settled_to(cast, plan, conference, state)
    assert Settlement.objects.filter(conference=conference).first() is None or state != "open"
    expected_state = SettlementStatus(state)
    url = reverse("budget:conference", args=[cast.commune_a.pk, conference.pk])
    offered_row = OFFERED[state].split()
    # Rows with several transitions are written "a,b" in one cell.
    for role, cell in zip(ROLES, offered_row, strict=True):
        client.force_login(cast.user_for(role))
        response = client.get(url)
        if response.status_code != 200:
            assert cell == "-", role
            continue
        body = response.content.decode()
        assert f'data-testid="settlement-status">{expected_state.label}<' in body
        names = {"submit", "return", "approve", "reopen"}
        shown = {n for n in names if f'data-testid="settlement-{n}"' in body}
        assert shown == (set() if cell == "-" else set(cell.split(","))), role
