"""People and their roles in a unit: create an account, give another role, revoke a role."""

from __future__ import annotations

import pytest
from django.urls import reverse

from doithoai.accounts.models import Membership, User
from doithoai.audit.models import AuditEvent
from doithoai.units.models import Village, VillageStatus


def _url(cast, name="members", *args):
    return reverse(f"units:{name}", args=[cast.commune_a.pk, *args])


def _state():
    return (
        User.objects.count(),
        list(Membership.objects.order_by("pk").values_list("user_id", "unit_id", "role", "is_active")),
        AuditEvent.objects.count(),
    )


def test_it_lists_people_with_their_roles_and_places(office, cast):
    html = office.get(_url(cast)).content.decode()
    assert "Vi Văn Kinh" in html
    assert "Cán bộ cơ quan chuyên môn · Phòng Kinh tế" in html
    assert "Trưởng thôn, tổ trưởng tổ dân phố · Thôn Nà Pàn" in html
    assert "Đinh Văn Bê" not in html  # commune B's officer


def test_it_creates_an_account_and_shows_the_generated_password_once(office, cast):
    response = office.post(
        _url(cast, "member_create"),
        {
            "full_name": "Hoàng Thị Lan",
            "username": "HoangThiLan",
            "email": "lan@example.vn",
            "role": "village_head",
            "village": cast.village_a.pk,
        },
    )

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    user = User.objects.get(username="hoangthilan")
    password = html.split('data-testid="created-password">', 1)[1].split("<", 1)[0]
    assert user.check_password(password)
    assert Membership.objects.get(user=user).village == cast.village_a
    assert password not in office.get(_url(cast)).content.decode()
    assert list(AuditEvent.objects.order_by("id").values_list("event_type", flat=True)) == [
        "user.created",
        "membership.granted",
    ]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"username": "vanphong_a"}, "username", "Tên đăng nhập “vanphong_a” đã có người dùng."),
        ({"username": "nguyễn"}, "username", "Tên đăng nhập chỉ gồm chữ không dấu, số và các ký tự . _ - @"),
        ({"full_name": ""}, "full_name", "Cần nhập họ và tên."),
        ({"email": "khong-phai-email"}, "email", "Địa chỉ thư điện tử không hợp lệ."),
        ({"role": ""}, "role", "Vai trò không hợp lệ."),
        ({"role": "department_officer"}, "department", "Cán bộ cơ quan chuyên môn cần chọn cơ quan."),
        ({"role": "village_head"}, "village", "Trưởng thôn cần chọn thôn, tổ dân phố."),
    ],
)
def test_it_refuses_a_bad_new_account_at_the_field_and_keeps_what_was_typed(office, cast, data, field, message):
    before = _state()
    form = {"full_name": "Hoàng Thị Lan", "username": "hoangthilan", "email": "lan@example.vn", "role": "office"}
    form.update(data)

    response = office.post(_url(cast, "member_create"), form)

    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert f'data-testid="errors-{field}"' in html
    if form["full_name"]:
        assert 'value="Hoàng Thị Lan"' in html
    assert _state() == before


def test_it_refuses_a_retired_village_for_a_village_head(office, cast):
    retired = Village.objects.create(unit=cast.commune_a, name="Thôn Cũ", status=VillageStatus.RETIRED)
    before = _state()
    html = office.post(
        _url(cast, "member_create"),
        {"full_name": "Hoàng Thị Lan", "username": "hoangthilan", "role": "village_head", "village": retired.pk},
    ).content.decode()
    assert "Thôn, tổ dân phố không thuộc đơn vị này hoặc đã thôi hoạt động." in html
    assert _state() == before


def test_it_gives_an_existing_person_another_role_and_roles_in_several_units(client, cast):
    client.force_login(cast.officer_a)
    response = client.post(_url(cast, "membership_grant"), {"username": "MatTran_A", "role": "council"})
    assert response.status_code == 302
    assert set(Membership.objects.filter(user=cast.front_a, is_active=True).values_list("role", flat=True)) == {
        "front",
        "council",
    }
    # The same person can be given a role in commune B by commune B's office.
    client.force_login(cast.officer_b)
    client.post(
        reverse("units:membership_grant", args=[cast.commune_b.pk]),
        {"username": "mattran_a", "role": "village_head", "village": cast.village_b.pk},
    )
    assert set(Membership.objects.filter(user=cast.front_a).values_list("unit_id", flat=True)) == {
        cast.commune_a.pk,
        cast.commune_b.pk,
    }


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"username": "khongcoai", "role": "council"}, "Không tìm thấy người dùng có tên đăng nhập “khongcoai”."),
        ({"username": "mattran_a", "role": "front"}, "Người này đã có vai trò này tại đơn vị."),
        ({"username": "", "role": "front"}, "Cần nhập tên đăng nhập."),
    ],
)
def test_it_refuses_a_bad_grant(office, cast, data, message):
    before = _state()
    html = office.post(_url(cast, "membership_grant"), data).content.decode()
    assert message in html
    assert _state() == before


def test_it_revokes_a_role_and_keeps_it_listed_as_ended(office, cast):
    membership = Membership.objects.get(user=cast.front_a)
    assert office.post(_url(cast, "membership_revoke", membership.pk)).status_code == 302
    assert not Membership.objects.get(pk=membership.pk).is_active
    html = office.get(_url(cast)).content.decode()
    assert "Ủy ban MTTQ (đã thu hồi)" in html
    event = AuditEvent.objects.get(event_type="membership.revoked")
    assert event.changes == {"is_active": {"before": True, "after": False}}


def test_it_hides_the_forms_and_logins_from_those_who_may_not_manage_people(client, cast):
    client.force_login(cast.council_a)
    html = client.get(_url(cast)).content.decode()
    assert "Vi Văn Kinh" in html
    assert "member-create" not in html
    assert "kinhte_a@example.vn" not in html
