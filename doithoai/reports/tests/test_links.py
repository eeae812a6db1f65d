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


def test_the_rows_without_a_sector_or_a_village_open_the_list_of_exactly_those(cast, client):
    from django.utils import timezone

    from doithoai.petitions import actions
    from doithoai.petitions.models import Channel, Petition

    sector = actions.sectors_ensure(actor=cast.officer_a, unit=cast.commune_a)[0]
    today = timezone.localdate()
    rows = [(sector, cast.village_a)] * 3 + [(None, cast.village_a)] * 2 + [(sector, None)] * 4 + [(None, None)]
    Petition.objects.bulk_create(
        Petition(
            unit=cast.commune_a,
            channel=Channel.ONLINE,
            received_on=today,
            sector=s,
            village=v,
            original_text=f"Ý kiến {i}",
            text=f"Ý kiến {i}",
        )
        for i, (s, v) in enumerate(rows)
    )
    client.force_login(cast.officer_a)
    table = client.get(reverse("reports:dashboard", args=[cast.commune_a.pk])).context["tables"]
    no_sector = next(r for r in table["sectors"] if r["label"] == "Chưa phân loại")
    no_village = next(r for r in table["villages"] if r["label"] == "Không ghi thôn")
    for row, expected in ((no_sector, 3), (no_village, 5)):
        assert row["total"]["value"] == expected
        listed = client.get(row["total"]["url"])
        assert listed.context["page"].count == expected, row["total"]["url"]
    assert "linh_vuc=0" in no_sector["total"]["url"] and "thon=0" in no_village["total"]["url"]
    # The list's own select offers the same choice.
    page = client.get(reverse("petitions:list", args=[cast.commune_a.pk]) + "?linh_vuc=0&thon=0").content.decode()
    assert '<option value="0" selected>Chưa phân loại</option>' in page
    assert '<option value="0" selected>Không ghi thôn</option>' in page
