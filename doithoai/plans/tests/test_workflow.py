"""The plan's lifecycle and who may move it, written out as role × state tables.

The tables are the specification; they are not derived from workflow.py or rules.py.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from doithoai.accounts.roles import Role
from doithoai.core.permissions import REGISTRY, has_perm
from doithoai.core.testing import MATRIX_ROLES
from doithoai.plans import actions, workflow
from doithoai.plans.models import Plan, PlanStatus

ROLES = MATRIX_ROLES

# In commune A.                chair vice office dept front village council higher admin citizen accountant
PERMISSIONS = {
    "plans.view":             "Y     Y    Y      Y    Y     Y       Y       Y      Y     -       -",
    "plans.edit":             "Y     -    Y      -    -     -       -       -      Y     -       -",
    # The draft's "Kinh phí" lines: the accountant too, who keeps the budget (and edits nothing else of a plan).
    "plans.edit_budget":      "Y     -    Y      -    -     -       -       -      Y     -       Y",
    "plans.issue":            "Y     -    -      -    -     -       -       -      -     -       -",
    "plans.start":            "Y     -    Y      -    -     -       -       -      -     -       -",
    "plans.close":            "Y     -    -      -    -     -       -       -      -     -       -",
    "plans.view_compliance":  "Y     Y    Y      Y    Y     -       Y       Y      Y     -       -",
}  # fmt: skip

# What each operation does to a plan in each state, for each role:
#   Y = done, 403 = refused for the role, S = refused for the state (ValidationError).
# Rows: operation @ state.      chair vice office dept front village council higher admin citizen accountant
MATRIX = {
    ("issue", "draft"):          "Y     403  403    403  403   403     403     403    403   403     403",
    ("issue", "issued"):         "S     403  403    403  403   403     403     403    403   403     403",
    ("issue", "in_progress"):    "S     403  403    403  403   403     403     403    403   403     403",
    ("issue", "closed"):         "S     403  403    403  403   403     403     403    403   403     403",
    ("start", "draft"):          "S     403  S      403  403   403     403     403    403   403     403",
    ("start", "issued"):         "Y     403  Y      403  403   403     403     403    403   403     403",
    ("start", "in_progress"):    "S     403  S      403  403   403     403     403    403   403     403",
    ("start", "closed"):         "S     403  S      403  403   403     403     403    403   403     403",
    ("close", "draft"):          "S     403  403    403  403   403     403     403    403   403     403",
    ("close", "issued"):         "S     403  403    403  403   403     403     403    403   403     403",
    ("close", "in_progress"):    "Y     403  403    403  403   403     403     403    403   403     403",
    ("close", "closed"):         "S     403  403    403  403   403     403     403    403   403     403",
    ("edit", "draft"):           "Y     403  Y      403  403   403     403     403    Y     403     403",
    ("edit", "issued"):          "S     403  S      403  403   403     403     403    S     403     403",
    ("edit", "in_progress"):     "S     403  S      403  403   403     403     403    S     403     403",
    ("edit", "closed"):          "S     403  S      403  403   403     403     403    S     403     403",
    ("edit_rows", "draft"):      "Y     403  Y      403  403   403     403     403    Y     403     403",
    ("edit_rows", "closed"):     "S     403  S      403  403   403     403     403    S     403     403",
    ("delete", "draft"):         "Y     403  Y      403  403   403     403     403    Y     403     403",
    ("delete", "issued"):        "S     403  S      403  403   403     403     403    S     403     403",
    ("delete", "in_progress"):   "S     403  S      403  403   403     403     403    S     403     403",
    ("delete", "closed"):        "S     403  S      403  403   403     403     403    S     403     403",
}  # fmt: skip

EXPECTED_STATE_AFTER = {"issue": PlanStatus.ISSUED, "start": PlanStatus.IN_PROGRESS, "close": PlanStatus.CLOSED}


def _cells(row: str) -> list[str]:
    cells = row.split()
    assert len(cells) == len(ROLES), row
    return cells


def test_it_covers_every_permission_of_plans():
    assert {code for code in REGISTRY if code.startswith("plans.")} == set(PERMISSIONS)


@pytest.mark.parametrize("code", sorted(PERMISSIONS))
def test_it_gives_each_role_exactly_the_permissions_of_the_table(cast, code):
    expected = [cell == "Y" for cell in _cells(PERMISSIONS[code])]
    actual = [has_perm(cast.user_for(role), REGISTRY[code], cast.commune_a) for role in ROLES]
    assert actual == expected
    # Nobody of commune A has any right on plans of commune B, except those above it.
    in_b = [has_perm(cast.user_for(role), REGISTRY[code], cast.commune_b) for role in ROLES]
    assert not any(in_b[: ROLES.index(Role.HIGHER_OFFICIAL)])


def test_it_has_the_transitions_of_the_lifecycle_and_none_back_to_draft():
    assert {(source, t.target) for t in workflow.TRANSITIONS.values() for source in t.sources} == {
        (PlanStatus.DRAFT, PlanStatus.ISSUED),
        (PlanStatus.ISSUED, PlanStatus.IN_PROGRESS),
        (PlanStatus.IN_PROGRESS, PlanStatus.CLOSED),
    }


def _do(operation: str, user, plan: Plan) -> None:
    if operation == "issue":
        actions.plan_issue(actor=user, plan=plan, number="91/KH-UBND", issued_on=plan.created_at.date())
    elif operation == "start":
        actions.plan_start(actor=user, plan=plan)
    elif operation == "close":
        actions.plan_close(actor=user, plan=plan)
    elif operation == "edit":
        actions.plan_update(actor=user, plan=plan, data={"title": "Tên mới"})
    elif operation == "edit_rows":
        actions.plan_section_save(actor=user, plan=plan, section="topics", rows=[{"text": "Một nội dung"}])
    elif operation == "delete":
        actions.plan_delete(actor=user, plan=plan)


def _done(operation: str, plan_id: int) -> bool:
    plan = Plan.objects.filter(pk=plan_id).first()
    if operation == "delete":
        return plan is None
    assert plan is not None
    if operation == "edit":
        return plan.title == "Tên mới"
    if operation == "edit_rows":
        return list(plan.topics.values_list("text", flat=True)) == ["Một nội dung"]
    return plan.status == EXPECTED_STATE_AFTER[operation]


@pytest.mark.parametrize(("operation", "state"), sorted(MATRIX))
def test_it_allows_each_operation_only_to_the_roles_and_states_of_the_matrix(cast, plan, operation, state):
    results = []
    for role in ROLES:
        target = Plan.objects.get(pk=plan.pk)
        target.pk = None
        target.id = None
        target._state.adding = True
        target.status = state
        target.save()
        target.topics.create(text="Nội dung cũ")
        try:
            _do(operation, cast.user_for(role), target)
        except PermissionDenied:
            results.append("403")
        except ValidationError:
            results.append("S")
        else:
            results.append("Y" if _done(operation, target.pk) else "?")
        if results[-1] != "Y":
            unchanged = Plan.objects.get(pk=target.pk)
            assert unchanged.status == state and unchanged.title == plan.title
    assert results == _cells(MATRIX[(operation, state)])
