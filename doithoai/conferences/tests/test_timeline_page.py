"""The timeline page of a conference: done, due in N days, due today, N days late; filters; owners."""

from __future__ import annotations

import datetime as dt
import re

from django.urls import reverse

from doithoai.conferences import actions
from doithoai.conferences.tests.conftest import on_day

D = dt.date


def _page(client, cast, conference, query=""):
    url = reverse("conferences:timeline", args=[cast.commune_a.pk, conference.pk]) + query
    with on_day(D(2026, 6, 1)):
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _states(page):
    return dict(re.findall(r'data-testid="step-([\w:-]+)" data-state="(\w+)"', page))


def test_it_shows_each_step_state_with_days_left_or_late(client, cast, conference):
    actions.timeline_step_complete(actor=cast.officer_a, step=conference.steps.get(key="conclusion_notice"))
    client.force_login(cast.council_a)
    page = _page(client, cast, conference)  # Monday 1/6/2026, the conference on Friday 5/6
    assert _states(page) == {
        "announcement": "overdue",  # 29/5
        "opinion_collection": "today",  # 1/6
        "front_summary": "due",  # 2/6
        "answer_drafts": "due",  # 4/6
        "conclusion_notice": "done",
        "written_answers": "due",  # 19/6
    }
    assert "quá hạn 3 ngày" in page
    assert "đến hạn hôm nay" in page
    assert "còn 1 ngày" in page
    assert "còn 3 ngày" in page
    assert "còn 18 ngày" in page
    assert 'data-testid="timeline-counts"' in page
    assert "Quá hạn: 1" in page and "Đã xong: 1" in page and "Đến hạn hôm nay: 1" in page
    # The council follows the work: no buttons.
    assert "Đánh dấu hoàn thành" not in page
    assert "Điều chỉnh" not in page
    assert 'data-testid="step-add"' not in page


def test_it_filters_by_state_and_owner(client, cast, conference):
    client.force_login(cast.officer_a)
    assert set(_states(_page(client, cast, conference, "?trang-thai=qua-han"))) == {"announcement"}
    assert set(_states(_page(client, cast, conference, "?trang-thai=hom-nay"))) == {"opinion_collection"}
    assert set(_states(_page(client, cast, conference, "?phu-trach=role:front"))) == {
        "opinion_collection",
        "front_summary",
    }
    page = _page(client, cast, conference, "?trang-thai=da-xong")
    assert _states(page) == {}
    assert 'data-testid="no-steps"' in page
    # An unknown filter shows everything.
    assert len(_states(_page(client, cast, conference, "?trang-thai=gi-do"))) == 6


def test_it_groups_the_steps_by_owner(client, cast, conference):
    actions.timeline_step_update(
        actor=cast.officer_a,
        step=conference.steps.get(key="answer_drafts"),
        due_date=D(2026, 6, 4),
        owner_role="department_officer",
        owner_department=cast.department_a,
    )
    client.force_login(cast.officer_a)
    page = _page(client, cast, conference, "?nhom=phu-trach")
    groups = re.findall(r'data-testid="owner-group-([\w:]+)"', page)
    assert groups == ["role:office", "role:front", f"department:{cast.department_a.pk}"]
    office = page.split('data-testid="owner-group-role:office"')[1].split("</section>")[0]
    assert set(_states(office)) == {"announcement", "conclusion_notice", "written_answers"}
    assert "1 quá hạn" in office
    department = page.split(f'data-testid="owner-group-department:{cast.department_a.pk}"')[1]
    assert "Phòng Kinh tế" in department


def test_it_shows_the_front_only_the_buttons_of_its_own_steps(client, cast, conference):
    client.force_login(cast.front_a)
    page = _page(client, cast, conference)
    for key in ("opinion_collection", "front_summary"):
        step = conference.steps.get(key=key)
        assert reverse("conferences:step_complete", args=[cast.commune_a.pk, conference.pk, step.pk]) in page
    assert page.count("Đánh dấu hoàn thành") == 2
    assert "Điều chỉnh" not in page
