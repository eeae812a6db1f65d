"""The page where a unit's chair decides whether its staff must use two-factor sign-in."""

from __future__ import annotations

from django.urls import reverse

from doithoai.audit.models import AuditEvent
from doithoai.units.models import AdminUnit


def _url(unit):
    return reverse("accounts:unit_security", args=[unit.pk])


def test_it_lets_the_chair_turn_enforcement_on_and_off(client, cast):
    client.force_login(cast.chair_a)

    page = client.get(_url(cast.commune_a))
    assert page.status_code == 200
    assert "Bảo mật đăng nhập" in page.content.decode()
    assert "Không bắt buộc" in page.content.decode()

    response = client.post(_url(cast.commune_a), {"require_two_factor": "on"})

    assert response.status_code == 302
    assert AdminUnit.objects.get(pk=cast.commune_a.pk).require_two_factor
    event = AuditEvent.objects.get(event_type="unit.two_factor_policy")
    assert event.actor == cast.chair_a
    assert event.changes["require_two_factor"] == {"before": False, "after": True}

    client.post(_url(cast.commune_a), {"require_two_factor": ""})
    assert not AdminUnit.objects.get(pk=cast.commune_a.pk).require_two_factor


def test_it_lists_who_has_set_up_two_factor(client, cast, device_for):
    device_for(cast.officer_a)
    client.force_login(cast.sysadmin)

    page = client.get(_url(cast.commune_a)).content.decode()

    assert "1 trên 8 cán bộ đã bật xác thực hai lớp." in page
    assert "Nông Thị Văn" in page


def test_it_forbids_other_staff_of_the_unit(client, cast):
    client.force_login(cast.officer_a)

    assert client.get(_url(cast.commune_a)).status_code == 403
    assert client.post(_url(cast.commune_a), {"require_two_factor": "on"}).status_code == 403
    assert not AdminUnit.objects.get(pk=cast.commune_a.pk).require_two_factor


def test_it_hides_the_unit_from_staff_of_another_commune(client, cast):
    client.force_login(cast.officer_b)

    assert client.get(_url(cast.commune_a)).status_code == 404
    assert client.post(_url(cast.commune_a), {"require_two_factor": "on"}).status_code == 404
    assert not AdminUnit.objects.get(pk=cast.commune_a.pk).require_two_factor
