"""Adjusting the timeline of one conference: a step's date, owner and note; reopening; extra steps;
department steps; what happens to adjusted steps when the conference moves."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from doithoai.accounts.models import Membership, User
from doithoai.accounts.roles import Role
from doithoai.audit.models import AuditEvent
from doithoai.conferences import actions
from doithoai.conferences.models import TimelineStep
from doithoai.conferences.tests.conftest import at, make_conference, on_day
from doithoai.plans.models import Assignment
from doithoai.units.models import Department

D = dt.date


def _steps(conference):
    return {s.key: s for s in TimelineStep.objects.filter(conference=conference)}


def test_it_changes_a_step_owner_department_and_note_and_marks_it_adjusted(client, cast, conference):
    step = conference.steps.get(key="answer_drafts")
    client.force_login(cast.chair_a)
    url = reverse("conferences:step_edit", args=[cast.commune_a.pk, conference.pk, step.pk])
    with on_day(D(2026, 5, 4)):
        response = client.post(
            url,
            {
                "due_date": "02/06/2026",
                "owner_role": "department_officer",
                "owner_department": cast.department_a.pk,
                "note": "Tập trung các kiến nghị về đất đai",
            },
        )
        assert response.status_code == 302
        assert response["Location"] == reverse("conferences:timeline", args=[cast.commune_a.pk, conference.pk])
        page = client.get(response["Location"]).content.decode()
    step.refresh_from_db()
    assert (step.due_date, step.owner_department, step.is_adjusted) == (D(2026, 6, 2), cast.department_a, True)
    assert step.note == "Tập trung các kiến nghị về đất đai"
    assert step.adjustment_reason == ""
    assert "đã điều chỉnh" in page
    assert "Tập trung các kiến nghị về đất đai" in page
    event = AuditEvent.objects.get(event_type="timeline_step.updated")
    assert event.changes["owner_department"]["after"]["repr"] == "Phòng Kinh tế"


def test_it_does_not_mark_a_step_adjusted_for_a_note(cast, conference):
    step = conference.steps.get(key="front_summary")
    actions.timeline_step_update(
        actor=cast.officer_a, step=step, due_date=step.due_date, owner_role="front", note="Gửi bản giấy và bản điện tử"
    )
    step.refresh_from_db()
    assert step.note == "Gửi bản giấy và bản điện tử"
    assert not step.is_adjusted


def test_it_moves_the_window_of_the_opinion_collection(cast, conference):
    step = conference.steps.get(key="opinion_collection")
    with pytest.raises(ValidationError) as exc:
        actions.timeline_step_update(
            actor=cast.officer_a, step=step, starts_on=D(2026, 6, 3), due_date=D(2026, 6, 1), owner_role="front"
        )
    assert "starts_on" in exc.value.message_dict
    actions.timeline_step_update(
        actor=cast.officer_a, step=step, starts_on=D(2026, 5, 10), due_date=D(2026, 5, 30), owner_role="front"
    )
    step.refresh_from_db()
    assert (step.starts_on, step.due_date) == (D(2026, 5, 10), D(2026, 5, 30))


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"owner_role": ""}, "owner_role"),
        ({"owner_role": "higher_official"}, "owner_role"),
        ({"owner_role": "office", "owner_department": "a"}, "owner_department"),  # only for a department officer
        ({"owner_department": "b"}, "owner_department"),  # another commune's
        ({"due_date": None}, "due_date"),
        ({"due_date": D(1999, 6, 1)}, "due_date"),
    ],
)
def test_it_refuses_a_bad_change_of_a_step(cast, conference, change, field):
    step = conference.steps.get(key="answer_drafts")
    values: dict[str, Any] = {"due_date": D(2026, 6, 3), "owner_role": "department_officer", "owner_department": None}
    values.update(change)
    if values["owner_department"] in ("a", "b"):
        values["owner_department"] = cast.department_a if values["owner_department"] == "a" else cast.department_b
    with pytest.raises(ValidationError) as exc:
        actions.timeline_step_update(actor=cast.officer_a, step=step, **values)
    assert field in exc.value.message_dict
    step.refresh_from_db()
    assert step.due_date == D(2026, 6, 4)
    assert not AuditEvent.objects.filter(event_type="timeline_step.updated").exists()


def test_it_refuses_a_department_no_longer_in_use_unless_it_is_already_the_step_one(cast, conference):
    step = conference.steps.get(key="answer_drafts")
    actions.timeline_step_update(
        actor=cast.officer_a,
        step=step,
        due_date=step.due_date,
        owner_role="department_officer",
        owner_department=cast.department_a,
    )
    retired = Department.objects.create(unit=cast.commune_a, name="Phòng Văn hóa", is_active=False)
    with pytest.raises(ValidationError):
        actions.timeline_step_update(
            actor=cast.officer_a,
            step=step,
            due_date=step.due_date,
            owner_role="department_officer",
            owner_department=retired,
        )
    Department.objects.filter(pk=cast.department_a.pk).update(is_active=False)
    actions.timeline_step_update(
        actor=cast.officer_a,
        step=step,
        due_date=D(2026, 6, 3),
        owner_role="department_officer",
        owner_department=cast.department_a,
    )


def test_it_reopens_a_completed_step(client, cast, conference):
    step = conference.steps.get(key="announcement")
    actions.timeline_step_complete(actor=cast.officer_a, step=step)
    client.force_login(cast.chair_a)
    timeline_url = reverse("conferences:timeline", args=[cast.commune_a.pk, conference.pk])
    here = f"{timeline_url}?trang-thai=da-xong"
    page = client.get(here).content.decode()
    assert "Mở lại" in page
    response = client.post(
        reverse("conferences:step_reopen", args=[cast.commune_a.pk, conference.pk, step.pk]), {"next": here}
    )
    assert response["Location"] == here  # back to the filtered page
    step.refresh_from_db()
    assert step.done_at is None and step.done_by is None
    event = AuditEvent.objects.get(event_type="timeline_step.reopened")
    assert event.changes["done_by"]["before"]["id"] == cast.officer_a.pk
    # Reopening an open step is refused, and said on the page it came from.
    response = client.post(
        reverse("conferences:step_reopen", args=[cast.commune_a.pk, conference.pk, step.pk]), {"next": here}
    )
    assert response.status_code == 400
    assert 'data-testid="page-errors"' in response.content.decode()


def test_it_ignores_a_next_address_elsewhere(client, cast, conference):
    step = conference.steps.get(key="announcement")
    client.force_login(cast.officer_a)
    response = client.post(
        reverse("conferences:step_complete", args=[cast.commune_a.pk, conference.pk, step.pk]),
        {"next": "https://example.com/"},
    )
    assert response["Location"] == reverse("conferences:detail", args=[cast.commune_a.pk, conference.pk])


def test_it_adds_and_deletes_an_extra_step(client, cast, conference):
    client.force_login(cast.officer_a)
    url = reverse("conferences:step_add", args=[cast.commune_a.pk, conference.pk])
    response = client.post(url, {"label": "", "due_date": "", "owner_role": "office"})
    assert response.status_code == 400
    assert 'data-testid="errors-label"' in response.content.decode()
    with on_day(D(2026, 5, 4)):
        response = client.post(
            url,
            {
                "label": "Chuẩn bị hội trường, âm thanh, phông khánh tiết",
                "due_date": "03/06/2026",
                "owner_role": "village_head",
                "note": "Mượn loa của thôn Nà Pàn",
            },
        )
        assert response.status_code == 302
        page = client.get(response["Location"]).content.decode()
    extra = TimelineStep.objects.get(conference=conference, is_extra=True)
    assert (extra.key, extra.rule_key, extra.is_statutory, extra.owner_role) == ("extra-1", "", False, "village_head")
    assert "Chuẩn bị hội trường, âm thanh, phông khánh tiết" in page
    assert 'data-testid="step-extra-1" data-state="due"' in page
    # In the order of the due dates: after the front summary (2/6), before the answer drafts (4/6).
    keys = [s.key for s in TimelineStep.objects.filter(conference=conference).order_by("order")]
    assert keys.index("front_summary") < keys.index("extra-1") < keys.index("answer_drafts")
    assert AuditEvent.objects.filter(event_type="timeline_step.created", object_id=str(extra.pk)).exists()
    # The village head owns it and may mark it done.
    actions.timeline_step_complete(actor=cast.village_head_a, step=extra)
    second = actions.timeline_step_add(
        actor=cast.officer_a,
        conference=conference,
        label="In phiếu lấy ý kiến",
        due_date=D(2026, 5, 20),
        owner_role="front",
    )
    assert second.key == "extra-2"
    response = client.post(reverse("conferences:step_delete", args=[cast.commune_a.pk, conference.pk, extra.pk]))
    assert response.status_code == 302
    assert not TimelineStep.objects.filter(pk=extra.pk).exists()
    assert AuditEvent.objects.filter(event_type="timeline_step.deleted", object_id=str(extra.pk)).exists()


@pytest.mark.parametrize("key", ["announcement", "front_summary", "conclusion_notice"])
def test_it_does_not_delete_a_step_of_the_plan_rules(client, cast, conference, key):
    step = conference.steps.get(key=key)
    with pytest.raises(ValidationError):
        actions.timeline_step_delete(actor=cast.officer_a, step=step)
    client.force_login(cast.officer_a)
    response = client.post(reverse("conferences:step_delete", args=[cast.commune_a.pk, conference.pk, step.pk]))
    assert response.status_code == 400
    assert TimelineStep.objects.filter(pk=step.pk).exists()
    page = client.get(reverse("conferences:timeline", args=[cast.commune_a.pk, conference.pk])).content.decode()
    assert reverse("conferences:step_delete", args=[cast.commune_a.pk, conference.pk, step.pk]) not in page


def test_it_keeps_a_completed_step_from_being_adjusted_until_it_is_reopened(cast, conference):
    step = conference.steps.get(key="announcement")
    actions.timeline_step_complete(actor=cast.officer_a, step=step)
    with pytest.raises(ValidationError):
        actions.timeline_step_update(actor=cast.officer_a, step=step, due_date=D(2026, 5, 27), owner_role="office")
    actions.timeline_step_reopen(actor=cast.officer_a, step=step)
    actions.timeline_step_update(actor=cast.officer_a, step=step, due_date=D(2026, 5, 27), owner_role="office")


def _department_officer(cast, name, department):
    user = User.objects.create(username=f"cb_{department.pk}", full_name=name)
    Membership.objects.create(user=user, unit=cast.commune_a, role=Role.DEPARTMENT_OFFICER, department=department)
    return user


def test_it_gives_each_department_of_the_plan_its_own_answer_drafts_step(client, cast, plan):
    justice = Department.objects.create(unit=cast.commune_a, name="Văn phòng - Thống kê")
    closed = Department.objects.create(unit=cast.commune_a, name="Phòng cũ", is_active=False)
    for department in (cast.department_a, justice, cast.department_a, closed):
        Assignment.objects.create(plan=plan, assignee_department=department, assignee_text=department.name, duty="x")
    with on_day(D(2026, 5, 4)):
        conference = make_conference(cast, plan, D(2026, 6, 5))
    steps = _steps(conference)
    economy, office = steps[f"answer_drafts:{cast.department_a.pk}"], steps[f"answer_drafts:{justice.pk}"]
    assert "answer_drafts" not in steps
    assert {k for k in steps if k.startswith("answer_drafts")} == {economy.key, office.key}
    assert (economy.rule_key, economy.owner_role, economy.owner_department) == (
        "answer_drafts",
        "department_officer",
        cast.department_a,
    )
    assert economy.label.endswith("– Phòng Kinh tế")
    assert economy.due_date == office.due_date == D(2026, 6, 4)
    # An officer of each department completes only the step of their department.
    other = _department_officer(cast, "Lý Văn Phòng", justice)
    with pytest.raises(PermissionDenied):
        actions.timeline_step_complete(actor=cast.department_officer_a, step=office)
    with pytest.raises(PermissionDenied):
        actions.timeline_step_complete(actor=other, step=economy)
    actions.timeline_step_complete(actor=cast.department_officer_a, step=economy)
    client.force_login(other)
    page = client.get(reverse("conferences:timeline", args=[cast.commune_a.pk, conference.pk])).content.decode()
    assert page.count("Đánh dấu hoàn thành") == 1
    assert reverse("conferences:step_complete", args=[cast.commune_a.pk, conference.pk, office.pk]) in page


def test_it_lets_any_department_officer_complete_a_step_that_names_no_department(cast, conference):
    step = conference.steps.get(key="answer_drafts")
    assert step.owner_department is None
    actions.timeline_step_complete(actor=cast.department_officer_a, step=step)


def test_it_moves_adjusted_and_extra_steps_with_the_conference(cast, conference):
    steps = _steps(conference)
    with on_day(D(2026, 5, 4)):
        # The announcement set by hand 9 days before; an extra step 2 days before.
        actions.timeline_step_update(
            actor=cast.officer_a, step=steps["announcement"], due_date=D(2026, 5, 27), owner_role="office"
        )
        extra = actions.timeline_step_add(
            actor=cast.officer_a,
            conference=conference,
            label="Kiểm tra hội trường",
            due_date=D(2026, 6, 3),
            owner_role="office",
        )
        # The conference moves a week later, from Friday 5/6 to Friday 12/6.
        actions.conference_reschedule(actor=cast.officer_a, conference=conference, starts_at=at(D(2026, 6, 12)))
    steps = _steps(conference)
    assert steps["announcement"].due_date == D(2026, 6, 3)  # still 9 days before
    assert steps[extra.key].due_date == D(2026, 6, 10)
    assert steps["front_summary"].due_date == D(2026, 6, 9)  # from the rule
    # Onto a working day: moved 3 days later, to Monday 15/6, both would fall on a Saturday (6/6 and 13/6);
    # before the conference, they move to the Friday before.
    with on_day(D(2026, 5, 4)):
        actions.conference_reschedule(actor=cast.officer_a, conference=conference, starts_at=at(D(2026, 6, 15)))
    steps = _steps(conference)
    assert steps["announcement"].due_date == D(2026, 6, 5)
    assert steps[extra.key].due_date == D(2026, 6, 12)
    assert steps["announcement"].is_adjusted
