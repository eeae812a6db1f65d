"""Who may do what: every permission of the unit and calendar rules, for every role, written out.

The tables below are the specification. They are not derived from rules.py:
a change of rules.py that is not also made here fails these tests.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

import doithoai.units.rules
import doithoai.workdays.rules  # noqa: F401 - the calendar permissions are registered on import
from doithoai.accounts.roles import Role
from doithoai.audit.models import AuditEvent
from doithoai.core.permissions import REGISTRY, has_perm
from doithoai.core.testing import MATRIX_ROLES
from doithoai.units.models import Village, VillageStatus

ROLES = MATRIX_ROLES

# In commune A (Xã Điềm He). Columns in the order of ROLES:
#                                 chair vice office dept front village council higher admin citizen accountant
EXPECTED_IN_COMMUNE_A = {
    "units.view":                  "Y     Y    Y      Y    Y     Y       Y       Y      Y     -       -",
    "units.set_up":                "-     -    -      -    -     -       -       -      Y     -       -",
    "units.edit_profile":          "Y     -    Y      -    -     -       -       -      Y     -       -",
    "units.manage_villages":       "Y     -    Y      -    -     -       -       -      Y     -       -",
    "units.manage_departments":    "Y     -    Y      -    -     -       -       -      Y     -       -",
    "units.manage_members":        "Y     -    Y      -    -     -       -       -      Y     -       -",
    "units.set_two_factor_policy": "Y     -    -      -    -     -       -       -      Y     -       -",
    "units.reset_two_factor":      "Y     -    Y      -    -     -       -       -      Y     -       -",
    "units.view_history":          "Y     Y    Y      Y    Y     Y       Y       Y      Y     -       -",
    "workdays.view":               "Y     Y    Y      Y    Y     Y       Y       Y      Y     -       -",
    "workdays.manage":             "Y     -    Y      -    -     -       -       -      Y     -       -",
    "workdays.manage_national":    "-     -    -      -    -     -       -       -      Y     -       -",
}  # fmt: skip

# The same people in commune B (Xã Văn Quan), where none of commune A's staff works:
# only the province official (the province is above B) and the administrator keep rights.
EXPECTED_IN_COMMUNE_B = {
    "units.view":                  "-     -    -      -    -     -       -       Y      Y     -       -",
    "units.set_up":                "-     -    -      -    -     -       -       -      Y     -       -",
    "units.edit_profile":          "-     -    -      -    -     -       -       -      Y     -       -",
    "units.manage_villages":       "-     -    -      -    -     -       -       -      Y     -       -",
    "units.manage_departments":    "-     -    -      -    -     -       -       -      Y     -       -",
    "units.manage_members":        "-     -    -      -    -     -       -       -      Y     -       -",
    "units.set_two_factor_policy": "-     -    -      -    -     -       -       -      Y     -       -",
    "units.reset_two_factor":      "-     -    -      -    -     -       -       -      Y     -       -",
    "units.view_history":          "-     -    -      -    -     -       -       Y      Y     -       -",
    "workdays.view":               "-     -    -      -    -     -       -       Y      Y     -       -",
    "workdays.manage":             "-     -    -      -    -     -       -       -      Y     -       -",
    "workdays.manage_national":    "-     -    -      -    -     -       -       -      Y     -       -",
}  # fmt: skip


def _cells(row: str) -> list[bool]:
    cells = row.split()
    assert len(cells) == len(ROLES), row
    return [cell == "Y" for cell in cells]


def test_it_covers_every_permission_of_units_and_workdays():
    defined = {code for code in REGISTRY if code.split(".")[0] in {"units", "workdays"}}
    assert defined == set(EXPECTED_IN_COMMUNE_A) == set(EXPECTED_IN_COMMUNE_B)


@pytest.mark.parametrize("code", sorted(EXPECTED_IN_COMMUNE_A))
def test_it_gives_each_role_exactly_the_permissions_of_the_table(cast, code):
    permission = REGISTRY[code]
    for unit, table in ((cast.commune_a, EXPECTED_IN_COMMUNE_A), (cast.commune_b, EXPECTED_IN_COMMUNE_B)):
        actual = [has_perm(cast.user_for(role), permission, unit) for role in ROLES]
        expected = _cells(table[code])
        mismatches = [
            f"{role.value}: expected {e}, got {a}" for role, e, a in zip(ROLES, expected, actual, strict=True) if e != a
        ]
        assert not mismatches, f"{code} in {unit.name}: {mismatches}"


# ------------------------------------------------------------ village actions over HTTP, by role and village state

# What the page answers each role of the cast (in commune A) for any village change.
HTTP_BY_ROLE = {
    Role.CHAIR: "allowed",
    Role.VICE_CHAIR: 403,
    Role.OFFICE: "allowed",
    Role.DEPARTMENT_OFFICER: 403,
    Role.FRONT: 403,
    Role.VILLAGE_HEAD: 403,
    Role.COUNCIL: 403,
    Role.HIGHER_OFFICIAL: 403,
    Role.SYSTEM_ADMIN: "allowed",
    Role.CITIZEN: 404,  # a citizen cannot see the commune's workspace at all
    Role.ACCOUNTANT: 403,  # a member of the commune, without the staff's permissions
}

# For a role that is allowed: what each action does to an active or a retired village.
VILLAGE_ACTION_OUTCOME = {
    ("rename", VillageStatus.ACTIVE): "done",
    ("rename", VillageStatus.RETIRED): "done",
    ("retire", VillageStatus.ACTIVE): "done",
    ("retire", VillageStatus.RETIRED): "refused",
    ("reactivate", VillageStatus.ACTIVE): "refused",
    ("reactivate", VillageStatus.RETIRED): "done",
    ("delete", VillageStatus.ACTIVE): "done",
    ("delete", VillageStatus.RETIRED): "done",
    ("merge", VillageStatus.ACTIVE): "done",
    ("merge", VillageStatus.RETIRED): "refused",
}


def _village_request(action: str, unit_id: int, village: Village, partner: Village) -> tuple[str, dict]:
    if action == "rename":
        return reverse("units:village_edit", args=[unit_id, village.pk]), {"name": "Thôn Đổi Tên", "kind": "bản"}
    if action == "merge":
        url = reverse("units:villages_merge", args=[unit_id])
        return url, {"sources": [village.pk, partner.pk], "new_name": "Thôn Hợp Nhất"}
    return reverse(f"units:village_{action}", args=[unit_id, village.pk]), {}


def _is_done(action: str, village_id: int) -> bool:
    village = Village.objects.filter(pk=village_id).first()
    if action == "delete":
        return village is None
    assert village is not None
    return {
        "rename": village.name == "Thôn Đổi Tên" and village.kind == "bản",
        "retire": village.status == VillageStatus.RETIRED,
        "reactivate": village.status == VillageStatus.ACTIVE,
        "merge": village.merged_into is not None and village.merged_into.name == "Thôn Hợp Nhất",
    }[action]


@pytest.mark.parametrize("state", [VillageStatus.ACTIVE, VillageStatus.RETIRED])
@pytest.mark.parametrize("action", ["rename", "retire", "reactivate", "delete", "merge"])
@pytest.mark.parametrize("role", ROLES)
def test_it_answers_each_village_action_by_role_and_village_state(client, cast, role, action, state):
    unit = cast.commune_a
    village = Village.objects.create(unit=unit, name="Thôn Thử Nghiệm", status=state)
    partner = Village.objects.create(unit=unit, name="Thôn Bạn")
    url, data = _village_request(action, unit.pk, village, partner)
    events_before = AuditEvent.objects.count()
    client.force_login(cast.user_for(role))

    response = client.post(url, data)

    expected = HTTP_BY_ROLE[role]
    if expected != "allowed":
        assert response.status_code == expected
        assert AuditEvent.objects.count() == events_before
        assert Village.objects.get(pk=village.pk).status == state
        assert Village.objects.get(pk=village.pk).name == "Thôn Thử Nghiệm"
        return
    outcome = VILLAGE_ACTION_OUTCOME[(action, state)]
    if outcome == "done":
        assert response.status_code == 302
        assert _is_done(action, village.pk)
        assert AuditEvent.objects.count() > events_before
    else:
        assert response.status_code == 200
        assert AuditEvent.objects.count() == events_before
        assert Village.objects.get(pk=village.pk).status == state
        assert Village.objects.get(pk=partner.pk).status == VillageStatus.ACTIVE
        assert "alert-danger" in response.content.decode()
