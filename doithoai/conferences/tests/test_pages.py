"""The conference pages through the test client: scoping, the create form, the timeline view."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from doithoai.audit.models import AuditEvent
from doithoai.conferences import actions
from doithoai.conferences.models import Conference, PlanTimelineRule
from doithoai.conferences.tests.conftest import on_day

D = dt.date


def _urls(conference, extra):
    unit, pk, plan = conference.unit_id, conference.pk, conference.plan_id
    step = conference.steps.get(key="announcement")
    done = conference.steps.get(key="front_summary")
    return {
        "list": ("get", reverse("conferences:list", args=[unit, plan])),
        "create": ("get", reverse("conferences:create", args=[unit, plan])),
        "detail": ("get", reverse("conferences:detail", args=[unit, pk])),
        "reschedule": ("post", reverse("conferences:reschedule", args=[unit, pk])),
        "transition": ("post", reverse("conferences:transition", args=[unit, pk, "announce"])),
        "step": ("post", reverse("conferences:step_complete", args=[unit, pk, step.pk])),
        "edit": ("get", reverse("conferences:edit", args=[unit, pk])),
        "edit_post": ("post", reverse("conferences:edit", args=[unit, pk])),
        "timeline": ("get", reverse("conferences:timeline", args=[unit, pk])),
        "step_edit": ("get", reverse("conferences:step_edit", args=[unit, pk, step.pk])),
        "step_edit_post": ("post", reverse("conferences:step_edit", args=[unit, pk, step.pk])),
        "step_add": ("post", reverse("conferences:step_add", args=[unit, pk])),
        "step_reopen": ("post", reverse("conferences:step_reopen", args=[unit, pk, done.pk])),
        "step_delete": ("post", reverse("conferences:step_delete", args=[unit, pk, extra.pk])),
        "plan_rules": ("get", reverse("conferences:plan_rules", args=[unit, plan])),
        "plan_rules_post": ("post", reverse("conferences:plan_rules", args=[unit, plan])),
        "plan_rules_apply": ("post", reverse("conferences:plan_rules_apply", args=[unit, plan])),
    }


NAMES = [
    "list",
    "create",
    "detail",
    "reschedule",
    "transition",
    "step",
    "edit",
    "edit_post",
    "timeline",
    "step_edit",
    "step_edit_post",
    "step_add",
    "step_reopen",
    "step_delete",
    "plan_rules",
    "plan_rules_post",
    "plan_rules_apply",
]
# What a form may post: enough to change something if the page let it through.
POST = {
    "date": "10/6/2026",
    "time": "07:30",
    "title": "Đổi tên",
    "kind": "periodic",
    "mode": "in_person",
    "venue": "Nơi khác",
    "due_date": "01/06/2026",
    "owner_role": "office",
    "label": "Việc thêm",
    "front_summary-days": "5",
    "front_summary-direction": "truoc",
    "front_summary-day_kind": "calendar",
    "front_summary-owner_role": "front",
}


@pytest.mark.parametrize("name", NAMES)
def test_it_answers_404_to_another_commune(client, cast, conference, name):
    extra = actions.timeline_step_add(
        actor=cast.officer_a, conference=conference, label="Việc riêng", due_date=D(2026, 6, 1), owner_role="office"
    )
    actions.timeline_step_complete(actor=cast.front_a, step=conference.steps.get(key="front_summary"))
    events = AuditEvent.objects.count()
    client.force_login(cast.officer_b)
    method, url = _urls(conference, extra)[name]
    assert getattr(client, method)(url, POST).status_code == 404
    # Nor through commune B's own workspace with commune A's ids.
    url_b = url.replace(f"/don-vi/{cast.commune_a.pk}/", f"/don-vi/{cast.commune_b.pk}/", 1)
    assert getattr(client, method)(url_b, POST).status_code == 404
    conference.refresh_from_db()
    assert conference.status == "planned"
    assert conference.title == "Hội nghị đối thoại năm 2026"
    assert list(conference.steps.filter(done_at__isnull=False).values_list("key", flat=True)) == ["front_summary"]
    assert conference.steps.filter(is_extra=True).count() == 1
    assert not PlanTimelineRule.objects.exists()
    assert AuditEvent.objects.count() == events


def _create_post(cast, date, **extra):
    data = {
        "title": "Hội nghị đối thoại năm 2026",
        "kind": "periodic",
        "date": date,
        "time": "07:30",
        "venue": "Hội trường UBND xã",
        "mode": "in_person",
        "villages": [cast.village_a.pk],
        "chair_name": "Nguyễn Văn A",
        "minutes_per_question": "5",
    }
    data.update(extra)
    return data


def test_it_creates_a_conference_from_the_form_and_shows_its_timeline(client, cast, plan):
    client.force_login(cast.officer_a)
    url = reverse("conferences:create", args=[cast.commune_a.pk, plan.pk])
    with on_day(D(2026, 5, 4)):
        response = client.post(url, _create_post(cast, "05/06/2026"))
        assert response.status_code == 302
        conference = Conference.objects.get()
        assert conference.starts_at == dt.datetime(2026, 6, 5, 0, 30, tzinfo=dt.UTC)
        page = client.get(response["Location"]).content.decode()
    assert "29/5/2026" in page  # announcement due, as officials write it
    assert "Thứ Sáu, ngày 05 tháng 6 năm 2026" in page
    assert "Đánh dấu hoàn thành" in page


def test_it_puts_the_statutory_refusal_on_the_date_field_and_accepts_a_reason(client, cast, plan):
    client.force_login(cast.officer_a)
    url = reverse("conferences:create", args=[cast.commune_a.pk, plan.pk])
    with on_day(D(2026, 5, 31)):
        response = client.post(url, _create_post(cast, "05/06/2026"))
        assert response.status_code == 400
        assert 'data-testid="errors-date"' in response.content.decode()
        assert not Conference.objects.exists()
        response = client.post(url, _create_post(cast, "05/06/2026", reason="Theo đề nghị của MTTQ"))
    assert response.status_code == 302
    assert Conference.objects.get().date_rule_override_reason == "Theo đề nghị của MTTQ"


def test_it_prefills_the_form_from_a_planned_session(client, cast, plan):
    session = plan.sessions.first()
    session.planned_date = D(2026, 6, 5)
    session.venue = "Nhà văn hóa thôn"
    session.save()
    client.force_login(cast.officer_a)
    url = reverse("conferences:create", args=[cast.commune_a.pk, plan.pk])
    page = client.get(url, {"dot": session.pk}).content.decode()
    assert "05/06/2026" in page
    assert "Nhà văn hóa thôn" in page


def test_it_shows_each_step_as_done_due_or_overdue(client, cast, conference):
    client.force_login(cast.officer_a)
    url = reverse("conferences:detail", args=[cast.commune_a.pk, conference.pk])
    step = conference.steps.get(key="opinion_collection")
    with on_day(D(2026, 5, 30)):
        assert client.post(reverse("conferences:step_complete", args=[cast.commune_a.pk, conference.pk, step.pk]))[
            "Location"
        ].endswith(url)
        page = client.get(url).content.decode()
    assert 'data-testid="step-opinion_collection" data-state="done"' in page
    assert 'data-testid="step-announcement" data-state="overdue"' in page  # due 29/5
    assert 'data-testid="step-front_summary" data-state="due"' in page


def test_it_shows_the_complete_button_only_to_those_who_may_complete(client, cast, conference):
    client.force_login(cast.council_a)
    page = client.get(reverse("conferences:detail", args=[cast.commune_a.pk, conference.pk])).content.decode()
    assert "Đánh dấu hoàn thành" not in page
    step = conference.steps.get(key="announcement")
    response = client.post(reverse("conferences:step_complete", args=[cast.commune_a.pk, conference.pk, step.pk]))
    assert response.status_code == 403


def test_it_links_the_plan_to_its_conferences(client, cast, conference):
    client.force_login(cast.officer_a)
    page = client.get(reverse("plans:detail", args=[cast.commune_a.pk, conference.plan_id])).content.decode()
    assert reverse("conferences:list", args=[cast.commune_a.pk, conference.plan_id]) in page
    listing = client.get(reverse("conferences:list", args=[cast.commune_a.pk, conference.plan_id])).content.decode()
    assert conference.title in listing
