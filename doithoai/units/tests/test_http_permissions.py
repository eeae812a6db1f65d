"""Every management POST of a unit page: 403 for a role without the permission, done for one with it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse

from doithoai.accounts.models import Membership, User
from doithoai.accounts.roles import Role
from doithoai.audit.models import AuditEvent
from doithoai.core.testing import Cast
from doithoai.units.models import AdminUnit, Department, Village


@dataclass
class Endpoint:
    name: str
    url: Callable[[Cast], str]
    data: Callable[[Cast], dict]
    done: Callable[[Cast], bool]
    allowed: tuple[Role, ...] = (Role.CHAIR, Role.OFFICE, Role.SYSTEM_ADMIN)


def _u(name: str, *args: Callable[[Cast], int]) -> Callable[[Cast], str]:
    return lambda c: reverse(f"units:{name}", args=[c.commune_a.pk, *(a(c) for a in args)])


def _village(c) -> int:
    return c.village_a.pk


def _spare_village(c) -> int:
    return Village.objects.get_or_create(unit=c.commune_a, name="Thôn Dự Phòng")[0].pk


def _spare_department(c) -> int:
    return Department.objects.get_or_create(unit=c.commune_a, name="Trạm y tế")[0].pk


def _membership(c) -> int:
    return Membership.objects.get(user=c.front_a, unit=c.commune_a).pk


ENDPOINTS = [
    Endpoint(
        "villages add",
        _u("villages"),
        lambda c: {"lines": "Thôn Mới Một\nThôn Mới Hai"},
        lambda c: Village.objects.filter(unit=c.commune_a, name="Thôn Mới Hai").exists(),
    ),
    Endpoint(
        "village edit",
        _u("village_edit", _village),
        lambda c: {"name": "Thôn Nà Pàn Trên", "kind": "bản"},
        lambda c: Village.objects.get(pk=c.village_a.pk).name == "Thôn Nà Pàn Trên",
    ),
    Endpoint(
        "village retire",
        _u("village_retire", _village),
        lambda c: {},
        lambda c: not Village.objects.get(pk=c.village_a.pk).is_active,
    ),
    Endpoint(
        "village delete",
        _u("village_delete", _spare_village),
        lambda c: {},
        lambda c: not Village.objects.filter(name="Thôn Dự Phòng").exists(),
    ),
    Endpoint(
        "villages merge",
        _u("villages_merge"),
        lambda c: {"sources": [c.village_a.pk, _spare_village(c)], "into": c.village_a.pk},
        lambda c: Village.objects.get(name="Thôn Dự Phòng").merged_into_id == c.village_a.pk,
    ),
    Endpoint(
        "departments add",
        _u("departments"),
        lambda c: {"lines": "Công an xã"},
        lambda c: Department.objects.filter(unit=c.commune_a, name="Công an xã").exists(),
    ),
    Endpoint(
        "department edit",
        _u("department_edit", lambda c: c.department_a.pk),
        lambda c: {"name": "Phòng Kinh tế", "short_name": "PKT"},
        lambda c: Department.objects.get(pk=c.department_a.pk).short_name == "PKT",
    ),
    Endpoint(
        "department deactivate",
        _u("department_deactivate", lambda c: c.department_a.pk),
        lambda c: {},
        lambda c: not Department.objects.get(pk=c.department_a.pk).is_active,
    ),
    Endpoint(
        "department delete",
        _u("department_delete", _spare_department),
        lambda c: {},
        lambda c: not Department.objects.filter(name="Trạm y tế").exists(),
    ),
    Endpoint(
        "member create",
        _u("member_create"),
        lambda c: {"full_name": "Lăng Văn Mới", "username": "langvanmoi", "role": "vice_chair"},
        lambda c: User.objects.filter(username="langvanmoi").exists(),
    ),
    Endpoint(
        "membership grant",
        _u("membership_grant"),
        lambda c: {"username": "mattran_a", "role": "council"},
        lambda c: Membership.objects.filter(user=c.front_a, role="council", is_active=True).exists(),
    ),
    Endpoint(
        "membership revoke",
        _u("membership_revoke", _membership),
        lambda c: {},
        lambda c: not Membership.objects.get(user=c.front_a, unit=c.commune_a).is_active,
    ),
    Endpoint(
        "profile",
        _u("profile"),
        lambda c: {
            "committee_name": "ỦY BAN NHÂN DÂN XÃ ĐIỀM HE",
            "place_name": "Điềm He",
            "committee_abbr": "UBND",
            "council_abbr": "HĐND",
            "front_abbr": "MTTQ",
            "party_abbr": "ĐU",
            "address": "Thôn Nà Pàn, xã Điềm He",
        },
        lambda c: AdminUnit.objects.get(pk=c.commune_a.pk).address == "Thôn Nà Pàn, xã Điềm He",
    ),
]

FORBIDDEN = [
    Role.VICE_CHAIR,
    Role.DEPARTMENT_OFFICER,
    Role.FRONT,
    Role.VILLAGE_HEAD,
    Role.COUNCIL,
    Role.HIGHER_OFFICIAL,
    Role.ACCOUNTANT,
]


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=[e.name for e in ENDPOINTS])
@pytest.mark.parametrize("role", FORBIDDEN, ids=[r.value for r in FORBIDDEN])
def test_it_refuses_management_posts_to_roles_without_permission(client, cast, endpoint, role):
    url, data = endpoint.url(cast), endpoint.data(cast)
    events = AuditEvent.objects.count()
    client.force_login(cast.user_for(role))

    response = client.post(url, data)

    assert response.status_code == 403
    assert not endpoint.done(cast)
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=[e.name for e in ENDPOINTS])
@pytest.mark.parametrize("role", [Role.CHAIR, Role.OFFICE, Role.SYSTEM_ADMIN], ids=["chair", "office", "system_admin"])
def test_it_carries_out_management_posts_for_roles_with_permission(client, cast, endpoint, role):
    url, data = endpoint.url(cast), endpoint.data(cast)
    events = AuditEvent.objects.count()
    client.force_login(cast.user_for(role))

    response = client.post(url, data)

    # The new account's password is shown on the response itself, never kept for a redirect.
    assert response.status_code == (200 if endpoint.name == "member create" else 302)
    assert endpoint.done(cast)
    assert AuditEvent.objects.count() > events


def test_it_sends_a_citizen_who_posts_to_a_unit_page_a_404(client, cast):
    client.force_login(cast.citizen)
    for endpoint in ENDPOINTS:
        assert client.post(endpoint.url(cast), endpoint.data(cast)).status_code == 404, endpoint.name


def test_it_sends_anonymous_visitors_to_the_login_page(client, cast):
    for endpoint in ENDPOINTS:
        response = client.post(endpoint.url(cast), endpoint.data(cast))
        assert response.status_code == 302, endpoint.name
        assert response["Location"].startswith(reverse("accounts:login")), endpoint.name
