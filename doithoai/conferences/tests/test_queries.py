"""Pages whose number of queries must not grow with their rows: the timeline, the conference, the list."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from doithoai.conferences import actions
from doithoai.conferences.tests.conftest import make_conference, on_day
from doithoai.units.models import Department

D = dt.date


def _queries(client, url):
    client.get(url)  # the first request of a session reads what later ones have cached
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def _add_steps(cast, conference, n, start=0):
    departments = [Department.objects.create(unit=cast.commune_a, name=f"Phòng {start + i}") for i in range(n)]
    for i, department in enumerate(departments):
        step = actions.timeline_step_add(
            actor=cast.officer_a,
            conference=conference,
            label=f"Việc {start + i}",
            due_date=D(2026, 5, 20 + i % 10),
            owner_role="department_officer",
            owner_department=department,
        )
        if i % 3 == 0:
            actions.timeline_step_complete(actor=cast.officer_a, step=step)


@pytest.mark.parametrize("user", ["officer_a", "department_officer_a", "council_a"])
@pytest.mark.parametrize("view", ["timeline", "timeline_grouped", "detail"])
def test_it_reads_the_timeline_in_a_number_of_queries_that_does_not_grow_with_the_steps(
    client, cast, conference, user, view
):
    client.force_login(getattr(cast, user))
    name = "detail" if view == "detail" else "timeline"
    url = reverse(f"conferences:{name}", args=[cast.commune_a.pk, conference.pk])
    if view == "timeline_grouped":
        url += "?nhom=phu-trach&trang-thai=chua-xong"
    with on_day(D(2026, 5, 25)):
        _add_steps(cast, conference, 5)
        few = _queries(client, url)
        _add_steps(cast, conference, 10, start=5)
        many = _queries(client, url)
    assert few == many


def test_it_lists_conferences_in_a_number_of_queries_that_does_not_grow_with_them(client, cast, plan):
    client.force_login(cast.officer_a)
    url = reverse("conferences:list", args=[cast.commune_a.pk, plan.pk])
    with on_day(D(2026, 3, 1)):
        for day in range(3):
            make_conference(cast, plan, D(2026, 6, 1 + day), title=f"Hội nghị {day}")
        few = _queries(client, url)
        for day in range(3, 9):
            make_conference(cast, plan, D(2026, 6, 1 + day), title=f"Hội nghị {day}")
        many = _queries(client, url)
    assert few == many


def test_it_reads_the_plan_rules_page_in_a_fixed_number_of_queries(client, cast, plan):
    client.force_login(cast.officer_a)
    url = reverse("conferences:plan_rules", args=[cast.commune_a.pk, plan.pk])
    few = _queries(client, url)
    actions.plan_timeline_rules_save(
        actor=cast.officer_a,
        plan=plan,
        settings={
            key: {
                "offset_days": -2,
                "day_kind": "calendar",
                "owner_role": "department_officer",
                "owner_department": dep,
            }
            for key, dep in [
                ("front_summary", cast.department_a),
                ("answer_drafts", Department.objects.create(unit=cast.commune_a, name="Phòng Tư pháp")),
            ]
        },
    )
    assert _queries(client, url) == few
