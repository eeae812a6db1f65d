"""A commune B officer learns nothing about commune A: every page and every change answers 404."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse

from doithoai.accounts.models import Membership, User
from doithoai.audit.actions import record
from doithoai.audit.models import AuditEvent
from doithoai.units import actions
from doithoai.units.models import AdminUnit, Department, Village

POST_ONLY = {"thoi-hoat-dong", "hoat-dong-lai", "xoa", "ngung", "dung-lai", "them", "giao-vai-tro", "thu-hoi"}


def _a_urls(cast) -> list[str]:
    a = cast.commune_a.pk
    v = cast.village_a.pk
    d = cast.department_a.pk
    m = Membership.objects.get(user=cast.front_a).pk
    village_type = ContentType.objects.get_for_model(Village).pk
    department_type = ContentType.objects.get_for_model(Department).pk
    return [
        reverse("units:home", args=[a]),
        reverse("units:villages", args=[a]),
        reverse("units:villages_merge", args=[a]),
        reverse("units:village_edit", args=[a, v]),
        reverse("units:village_retire", args=[a, v]),
        reverse("units:village_reactivate", args=[a, v]),
        reverse("units:village_delete", args=[a, v]),
        reverse("units:departments", args=[a]),
        reverse("units:department_edit", args=[a, d]),
        reverse("units:department_deactivate", args=[a, d]),
        reverse("units:department_activate", args=[a, d]),
        reverse("units:department_delete", args=[a, d]),
        reverse("units:members", args=[a]),
        reverse("units:member_create", args=[a]),
        reverse("units:membership_grant", args=[a]),
        reverse("units:membership_revoke", args=[a, m]),
        reverse("units:profile", args=[a]),
        reverse("units:profile_preview", args=[a]),
        reverse("units:history", args=[a]),
        reverse("units:object_history", args=[a, village_type, v]),
        reverse("units:object_history", args=[a, department_type, d]),
    ]


@pytest.fixture
def history_a(cast):
    """Commune A has history for its village and department, so that object pages exist there."""
    actions.village_update(actor=cast.officer_a, village=cast.village_a, name="Thôn Nà Pàn", kind="bản")
    actions.department_update(actor=cast.officer_a, department=cast.department_a, name="Phòng Kinh tế", short_name="KT")


def _state() -> tuple:
    return (
        list(Village.objects.order_by("pk").values_list("pk", "name", "status", "merged_into")),
        list(Department.objects.order_by("pk").values_list("pk", "name", "short_name", "is_active")),
        list(Membership.objects.order_by("pk").values_list("pk", "role", "is_active")),
        list(AdminUnit.objects.filter(is_set_up=True).order_by("pk").values_list("pk", "address", "committee_name")),
        User.objects.count(),
        AuditEvent.objects.count(),
    )


def test_it_answers_404_to_every_page_of_commune_a_for_an_officer_of_commune_b(client, cast, history_a):
    client.force_login(cast.officer_b)
    for url in _a_urls(cast):
        # POST-only endpoints refuse GET the same way whatever the id (405); their 404 comes on POST, below.
        expected = 405 if url.rstrip("/").rsplit("/", 1)[-1] in POST_ONLY else 404
        assert client.get(url).status_code == expected, url


def test_it_answers_404_to_every_change_posted_to_commune_a_by_an_officer_of_commune_b(client, cast, history_a):
    before = _state()
    client.force_login(cast.officer_b)
    data = {
        "lines": "Thôn Lạ",
        "name": "Thôn Bị Đổi",
        "kind": "bản",
        "sources": [cast.village_a.pk],
        "new_name": "Thôn Gộp",
        "full_name": "Người Lạ",
        "username": "nguoila",
        "role": "office",
        "committee_name": "BỊ ĐỔI",
        "place_name": "Bị đổi",
    }
    for url in _a_urls(cast):
        assert client.post(url, data).status_code == 404, url
    assert _state() == before


def test_it_answers_404_when_commune_a_ids_are_posted_to_commune_b_pages(client, cast, history_a):
    """The officer of B may manage B, but naming A's village, department or role there finds nothing."""
    before = _state()
    b = cast.commune_b.pk
    village_a = cast.village_a.pk
    department_a = cast.department_a.pk
    membership_a = Membership.objects.get(user=cast.front_a).pk
    village_type = ContentType.objects.get_for_model(Village).pk
    client.force_login(cast.officer_b)
    requests = [
        (reverse("units:village_edit", args=[b, village_a]), {"name": "Thôn Bị Đổi", "kind": "bản"}),
        (reverse("units:village_retire", args=[b, village_a]), {}),
        (reverse("units:village_reactivate", args=[b, village_a]), {}),
        (reverse("units:village_delete", args=[b, village_a]), {}),
        (reverse("units:villages_merge", args=[b]), {"sources": [village_a, cast.village_b.pk], "new_name": "Gộp"}),
        (reverse("units:villages_merge", args=[b]), {"sources": [cast.village_b.pk], "into": village_a}),
        (reverse("units:department_edit", args=[b, department_a]), {"name": "Phòng Bị Đổi"}),
        (reverse("units:department_deactivate", args=[b, department_a]), {}),
        (reverse("units:department_activate", args=[b, department_a]), {}),
        (reverse("units:department_delete", args=[b, department_a]), {}),
        (
            reverse("units:member_create", args=[b]),
            {"full_name": "Trưởng Thôn Lạ", "username": "truongthonla", "role": "village_head", "village": village_a},
        ),
        (
            reverse("units:member_create", args=[b]),
            {"full_name": "Cán Bộ Lạ", "username": "canbola", "role": "department_officer", "department": department_a},
        ),
        (
            reverse("units:membership_grant", args=[b]),
            {"username": "vanphong_b", "role": "village_head", "village": village_a},
        ),
        (reverse("units:membership_revoke", args=[b, membership_a]), {}),
    ]
    for url, data in requests:
        assert client.post(url, data).status_code == 404, url
    assert client.get(reverse("units:village_edit", args=[b, village_a])).status_code == 404
    assert client.get(reverse("units:object_history", args=[b, village_type, village_a])).status_code == 404
    assert _state() == before


def test_it_keeps_commune_a_history_out_of_commune_b_history(client, cast, history_a):
    with_b = Village.objects.create(unit=cast.commune_b, name="Thôn Khuổi Phầy")
    with transaction.atomic():
        record(actor=cast.officer_b, event_type="village.created", obj=with_b, unit=cast.commune_b, after={})
    client.force_login(cast.officer_b)
    response = client.get(reverse("units:history", args=[cast.commune_b.pk]))
    html = response.content.decode()
    assert "Thôn Khuổi Phầy" in html
    assert "Thôn Nà Pàn" not in html
    assert "Phòng Kinh tế" not in html
