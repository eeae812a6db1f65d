"""Where each person lands after signing in, and the panel their role sees there."""

from __future__ import annotations

import pytest
from django.urls import reverse

from doithoai.accounts.roles import Role

UNIT_PANELS = {
    Role.CHAIR: "role-home-chair",
    Role.VICE_CHAIR: "role-home-vice_chair",
    Role.OFFICE: "role-home-office",
    Role.DEPARTMENT_OFFICER: "role-home-department_officer",
    Role.FRONT: "role-home-front",
    Role.VILLAGE_HEAD: "role-home-village_head",
    Role.COUNCIL: "role-home-council",
}


@pytest.mark.parametrize("role", list(UNIT_PANELS), ids=[r.value for r in UNIT_PANELS])
def test_it_sends_commune_staff_to_their_commune_with_their_panel(client, cast, role):
    client.force_login(cast.user_for(role))
    response = client.get(reverse("core:home"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("units:home", args=[cast.commune_a.pk])
    html = response.content.decode()
    assert f'data-testid="{UNIT_PANELS[role]}"' in html
    assert sum(f'data-testid="{panel}"' in html for panel in UNIT_PANELS.values()) == 1


def test_it_sends_the_province_official_to_the_province_with_the_communes_below(client, cast):
    client.force_login(cast.province_official)
    response = client.get(reverse("core:home"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("units:home", args=[cast.province.pk])
    html = response.content.decode()
    assert 'data-testid="role-home-higher_official"' in html
    assert "Xã Điềm He" in html.split('data-testid="units-below"', 1)[1]


def test_it_shows_the_province_official_a_commune_below_as_a_higher_official(client, cast):
    client.force_login(cast.province_official)
    html = client.get(reverse("units:home", args=[cast.commune_a.pk])).content.decode()
    assert 'data-testid="role-home-higher_official"' in html


def test_it_shows_citizens_their_page_and_administrators_the_chooser(client, cast):
    client.force_login(cast.citizen)
    assert 'data-testid="role-home-citizen"' in client.get(reverse("core:home")).content.decode()
    client.force_login(cast.sysadmin)
    html = client.get(reverse("core:home")).content.decode()
    assert 'data-testid="role-home-system_admin"' in html
    assert reverse("setup:start") in html


def test_it_shows_an_administrator_a_unit_with_the_administrator_panel(client, cast):
    client.force_login(cast.sysadmin)
    html = client.get(reverse("units:home", args=[cast.commune_a.pk])).content.decode()
    assert 'data-testid="role-home-system_admin"' in html
    assert 'data-testid="village-count">1<' in html
