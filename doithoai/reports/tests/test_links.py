"""The dashboard and the roll-up lead to each other where both make sense, keeping the period."""

from __future__ import annotations

import re

from django.urls import reverse

ROLLUP_LINK = re.compile(r'data-testid="link-rollup"')


def _get(client, user, url):
    client.force_login(user)
    return client.get(url)


def test_an_upper_units_dashboard_links_to_its_rollup_for_the_same_period(cast, client):
    url = reverse("reports:dashboard", args=[cast.province.pk]) + "?ky=6-thang-dau&nam=2026"
    html = _get(client, cast.province_official, url).content.decode()
    rollup = reverse("reports:rollup", args=[cast.province.pk])
    assert f'href="{rollup}?ky=6-thang-dau&amp;nam=2026"' in html

    back = _get(client, cast.province_official, rollup + "?ky=6-thang-dau&nam=2026").content.decode()
    dashboard = reverse("reports:dashboard", args=[cast.province.pk])
    assert f'href="{dashboard}?ky=6-thang-dau&amp;nam=2026"' in back


def test_a_communes_dashboard_has_no_rollup_link(cast, client):
    html = _get(client, cast.officer_a, reverse("reports:dashboard", args=[cast.commune_a.pk])).content.decode()
    assert "Thống kê, báo cáo" in html
    assert not ROLLUP_LINK.search(html)


def test_a_role_that_may_not_read_the_rollup_gets_no_link_to_it(cast, client):
    # A department officer of the province reads its dashboard but not the roll-up (reports.rules).
    from doithoai.accounts.models import Membership
    from doithoai.accounts.roles import Role

    Membership.objects.create(user=cast.department_officer_a, unit=cast.province, role=Role.DEPARTMENT_OFFICER)
    html = _get(client, cast.department_officer_a, reverse("reports:dashboard", args=[cast.province.pk]))
    assert html.status_code == 200
    assert not ROLLUP_LINK.search(html.content.decode())
