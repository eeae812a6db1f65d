"""The plan's duties dated from the conference ("trước 03 ngày khi tổ chức đối thoại") given to a conference
as steps: a step of their own with the duty's owner, or a line in the note of the step that stands for it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from doithoai.accounts.roles import Role
from doithoai.audit.models import AuditEvent
from doithoai.conferences import actions
from doithoai.conferences.tests.conftest import on_day
from doithoai.plans.models import Assignment

D = dt.date


def test_it_gives_the_conference_the_plans_duties_dated_from_it(client, cast, plan, conference):
    offsets = {a.pk: a for a in plan.assignments.exclude(due_offset_days=None)}
    assert offsets  # the commune preset has some
    client.force_login(cast.officer_a)
    with on_day(D(2026, 5, 4)):
        page = client.get(reverse("conferences:timeline", args=[cast.commune_a.pk, conference.pk])).content.decode()
        assert 'data-testid="duties-card"' in page
        response = client.post(reverse("conferences:duties_assign", args=[cast.commune_a.pk, conference.pk]))
    assert response.status_code == 302
    steps = {s.key: s for s in conference.steps.all()}
    village = next(a for a in offsets.values() if a.assignee_role == Role.VILLAGE_HEAD)
    step = steps[f"duty:{village.pk}"]
    assert (step.owner_role, step.due_date, step.rule_key) == (Role.VILLAGE_HEAD, D(2026, 6, 2), actions.DUTY_RULE)
    assert step.label.startswith(village.assignee_text)
    # The Front's two duties three days before are the Front's summary step: written into its note.
    front = [a for a in offsets.values() if a.assignee_role == Role.FRONT]
    assert len(front) == 2
    assert all(f"duty:{a.pk}" not in steps for a in front)
    note = steps["front_summary"].note
    assert all(" ".join(a.duty.split())[:40] in note for a in front)
    assert AuditEvent.objects.filter(event_type="conference.duties_assigned").count() == 1
    # Again: nothing left to give.
    with on_day(D(2026, 5, 4)):
        assert actions.conference_duties_assign(actor=cast.officer_a, conference=conference) == []
    assert AuditEvent.objects.filter(event_type="conference.duties_assigned").count() == 1
    assert actions.duties_to_assign(conference) == []


def test_it_gives_a_department_alone_to_its_officers(cast, plan, conference):
    duty = Assignment.objects.create(
        plan=plan,
        assignee_department=cast.department_a,
        assignee_text="Phòng Kinh tế",
        duty="Đo đạc",
        due_offset_days=2,
    )
    with on_day(D(2026, 5, 4)):
        actions.conference_duties_assign(actor=cast.officer_a, conference=conference)
    step = conference.steps.get(key=f"duty:{duty.pk}")
    assert (step.owner_role, step.owner_department, step.due_date) == (
        Role.DEPARTMENT_OFFICER,
        cast.department_a,
        D(2026, 6, 8),  # D+2 is Sunday 7/6: the next working day
    )


@pytest.mark.parametrize("role", [Role.VICE_CHAIR, Role.FRONT, Role.COUNCIL, Role.DEPARTMENT_OFFICER])
def test_it_lets_only_who_adjusts_the_timeline_give_the_duties(cast, conference, role):
    with pytest.raises(PermissionDenied):
        actions.conference_duties_assign(actor=cast.user_for(role), conference=conference)
    assert not conference.steps.filter(rule_key=actions.DUTY_RULE).exists()


def test_it_keeps_duty_steps_when_the_plans_rules_are_applied(cast, plan, conference):
    with on_day(D(2026, 5, 4)):
        actions.conference_duties_assign(actor=cast.officer_a, conference=conference)
        before = set(conference.steps.filter(rule_key=actions.DUTY_RULE).values_list("key", flat=True))
        actions.plan_timeline_rules_apply(actor=cast.officer_a, plan=plan)
    assert before
    assert set(conference.steps.filter(rule_key=actions.DUTY_RULE).values_list("key", flat=True)) == before
