"""The admin shows the audit trail, units, villages and departments to read only."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from doithoai.audit.models import AuditEvent
from doithoai.units import actions
from doithoai.units.models import AdminUnit, Department, Village


@pytest.fixture
def staff_admin(client, cast):
    cast.sysadmin.is_staff = True
    cast.sysadmin.save(update_fields=["is_staff"])
    client.force_login(cast.sysadmin)
    return client


@pytest.mark.parametrize("model", [AuditEvent, AdminUnit, Village, Department])
def test_it_registers_the_model_without_add_change_or_delete(cast, model):
    model_admin = admin.site._registry[model]
    request = RequestFactory().get("/")
    request.user = cast.sysadmin
    assert model_admin.has_view_permission(request)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


def test_it_shows_an_event_in_the_admin_but_refuses_to_change_or_delete_it(staff_admin, cast):
    actions.villages_create(actor=cast.officer_a, unit=cast.commune_a, lines="Thôn Bó Củng")
    event = AuditEvent.objects.get()

    listing = staff_admin.get(reverse("admin:audit_auditevent_changelist"))
    assert listing.status_code == 200
    assert "Thôn Bó Củng" in listing.content.decode()
    change_page = staff_admin.get(reverse("admin:audit_auditevent_change", args=[event.pk]))
    assert change_page.status_code == 200
    assert 'name="_save"' not in change_page.content.decode()

    staff_admin.post(reverse("admin:audit_auditevent_change", args=[event.pk]), {"event_type": "sửa"})
    assert (
        staff_admin.post(reverse("admin:audit_auditevent_delete", args=[event.pk]), {"post": "yes"}).status_code == 403
    )
    assert staff_admin.get(reverse("admin:audit_auditevent_add")).status_code == 403
    assert AuditEvent.objects.get().event_type == "village.created"


def test_it_searches_units_in_the_admin(staff_admin):
    response = staff_admin.get(reverse("admin:units_adminunit_changelist"), {"q": "06280"})
    assert response.status_code == 200
    assert "Xã Điềm He" in response.content.decode()
