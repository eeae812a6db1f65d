"""Resetting a lost authenticator app: by the chair or the office of the person's unit, or a system administrator."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from doithoai.accounts.actions import two_factor_reset
from doithoai.audit.models import AuditEvent
from doithoai.units.actions import unit_set_two_factor_policy

from .helpers import login


def _reset_url(cast, user, unit=None):
    return reverse("accounts:two_factor_reset", args=[(unit or cast.commune_a).pk, user.pk])


def _members_url(cast):
    return reverse("units:members", args=[cast.commune_a.pk])


def _has_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user).exists()


def test_it_lets_the_chair_reset_a_members_authenticator(client, cast, device_for):
    device_for(cast.village_head_a)
    client.force_login(cast.chair_a)

    page = client.get(_members_url(cast)).content.decode()
    assert _reset_url(cast, cast.village_head_a) in page
    assert "Đặt lại xác thực hai lớp" in page
    assert 'data-confirm="Đặt lại xác thực hai lớp của' in page
    response = client.post(_reset_url(cast, cast.village_head_a), follow=True)

    assert response.redirect_chain[-1][0] == _members_url(cast)
    assert "Đã đặt lại xác thực hai lớp cho" in response.content.decode()
    assert not _has_device(cast.village_head_a)
    event = AuditEvent.objects.get(event_type="user.two_factor_reset")
    assert event.actor == cast.chair_a
    assert event.object_id == str(cast.village_head_a.pk)
    assert event.unit == cast.commune_a


def test_it_shows_the_button_only_for_people_with_an_app_and_to_those_who_may_reset(client, cast, device_for):
    device_for(cast.village_head_a)
    client.force_login(cast.officer_a)
    page = client.get(_members_url(cast)).content.decode()
    assert page.count('data-testid="two-factor-reset"') == 1
    assert _reset_url(cast, cast.front_a) not in page  # has no app to lose

    client.force_login(cast.front_a)
    assert 'data-testid="two-factor-reset"' not in client.get(_members_url(cast)).content.decode()


def test_it_refuses_the_front_and_hides_the_person_from_another_commune(client, cast, device_for):
    device_for(cast.village_head_a)

    client.force_login(cast.front_a)
    assert client.post(_reset_url(cast, cast.village_head_a)).status_code == 403
    client.force_login(cast.officer_b)
    assert client.post(_reset_url(cast, cast.village_head_a)).status_code == 404
    # Commune B's office cannot reach commune A's people through its own unit either.
    assert client.post(_reset_url(cast, cast.village_head_a, unit=cast.commune_b)).status_code == 404

    assert _has_device(cast.village_head_a)
    assert not AuditEvent.objects.filter(event_type="user.two_factor_reset").exists()


def test_it_answers_only_to_post(client, cast, device_for):
    device_for(cast.village_head_a)
    client.force_login(cast.chair_a)
    assert client.get(_reset_url(cast, cast.village_head_a)).status_code == 405
    assert _has_device(cast.village_head_a)


def test_it_checks_permission_and_membership_in_the_action(cast, device_for):
    device_for(cast.officer_b)
    device_for(cast.village_head_a)

    with pytest.raises(PermissionDenied):
        two_factor_reset(actor=cast.front_a, user=cast.village_head_a, unit=cast.commune_a)
    with pytest.raises(ValidationError) as refused:
        two_factor_reset(actor=cast.chair_a, user=cast.officer_b, unit=cast.commune_a)
    assert "không giữ vai trò" in refused.value.messages[0]
    with pytest.raises(PermissionDenied):
        two_factor_reset(actor=cast.chair_a, user=cast.officer_b, unit=None)  # only the administrator, unit-less
    with pytest.raises(ValidationError):
        two_factor_reset(actor=cast.chair_a, user=cast.front_a, unit=cast.commune_a)  # has no app

    assert _has_device(cast.officer_b)
    assert _has_device(cast.village_head_a)
    assert two_factor_reset(actor=cast.sysadmin, user=cast.officer_b, unit=None) == 1
    assert not _has_device(cast.officer_b)
    assert AuditEvent.objects.filter(event_type="user.two_factor_reset").count() == 1


def test_it_makes_the_person_set_up_again_at_next_sign_in_where_the_unit_requires_it(
    client, cast, password, device_for
):
    device_for(cast.village_head_a)
    unit_set_two_factor_policy(actor=cast.chair_a, unit=cast.commune_a, required=True)
    two_factor_reset(actor=cast.officer_a, user=cast.village_head_a, unit=cast.commune_a)

    response = login(client, cast.village_head_a.username, password)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:two_factor_setup"))


def test_it_reads_the_reset_in_the_history(cast, device_for):
    from doithoai.audit.display import event_label

    device_for(cast.village_head_a)
    two_factor_reset(actor=cast.chair_a, user=cast.village_head_a, unit=cast.commune_a)
    assert event_label("user.two_factor_reset") == "Đặt lại xác thực hai lớp"
