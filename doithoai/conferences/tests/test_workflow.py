"""The conference lifecycle and who may move it, written out as tables (not derived from workflow.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from doithoai.accounts.roles import Role
from doithoai.audit.models import AuditEvent
from doithoai.conferences import actions
from doithoai.conferences.models import Conference, ConferenceStatus
from doithoai.conferences.tests.conftest import on_day

ACTIONS = {
    "announce": actions.conference_announce,
    "hold": actions.conference_hold,
    "conclude": actions.conference_conclude,
    "cancel": actions.conference_cancel,
}
STATES = ["planned", "announced", "held", "concluded", "cancelled"]
# operation: the state it goes to from each state ("-" = refused for the state).
#                planned     announced   held        concluded  cancelled
TABLE = {
    "announce": "announced   -           -           -          -",
    "hold":     "-           held        -           -          -",
    "conclude": "-           -           concluded   -          -",
    "cancel":   "cancelled   cancelled   -           -          -",
}  # fmt: skip
EVENTS = {
    "announce": "conference.announced",
    "hold": "conference.held",
    "conclude": "conference.concluded",
    "cancel": "conference.cancelled",
}


@pytest.mark.parametrize(("operation", "state"), [(o, s) for o in TABLE for s in STATES])
def test_it_follows_the_transition_table(cast, conference, operation, state):
    Conference.objects.filter(pk=conference.pk).update(status=state)
    conference.refresh_from_db()
    expected = dict(zip(STATES, TABLE[operation].split(), strict=True))[state]
    if expected == "-":
        with pytest.raises(ValidationError):
            ACTIONS[operation](actor=cast.chair_a, conference=conference)
        assert Conference.objects.get(pk=conference.pk).status == state
        return
    ACTIONS[operation](actor=cast.chair_a, conference=conference)
    assert Conference.objects.get(pk=conference.pk).status == expected
    event = AuditEvent.objects.get(event_type=EVENTS[operation], object_id=str(conference.pk))
    assert event.changes["status"] == {"before": state, "after": expected}


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.CHAIR, True),
        (Role.OFFICE, True),
        (Role.VICE_CHAIR, False),
        (Role.FRONT, False),
        (Role.COUNCIL, False),
        (Role.SYSTEM_ADMIN, False),
        (Role.CITIZEN, False),
        (Role.ACCOUNTANT, False),
    ],
)
def test_it_lets_only_the_chair_and_office_announce(cast, conference, role, allowed):
    actor = cast.user_for(role)
    if allowed:
        actions.conference_announce(actor=actor, conference=conference)
        assert Conference.objects.get(pk=conference.pk).status == ConferenceStatus.ANNOUNCED
    else:
        with pytest.raises(PermissionDenied):
            actions.conference_announce(actor=actor, conference=conference)


def test_it_lets_only_the_chair_cancel(cast, conference):
    with pytest.raises(PermissionDenied):
        actions.conference_cancel(actor=cast.officer_a, conference=conference)
    actions.conference_cancel(actor=cast.chair_a, conference=conference)
    assert Conference.objects.get(pk=conference.pk).status == ConferenceStatus.CANCELLED


def test_it_does_not_reschedule_a_held_conference(cast, conference):
    Conference.objects.filter(pk=conference.pk).update(status=ConferenceStatus.HELD)
    with on_day(dt.date(2026, 5, 4)), pytest.raises(ValidationError):
        actions.conference_reschedule(actor=cast.officer_a, conference=conference, starts_at=conference.starts_at)


def test_it_lets_the_owner_role_complete_its_own_step_only(cast, conference):
    summary = conference.steps.get(key="front_summary")
    announcement = conference.steps.get(key="announcement")
    with pytest.raises(PermissionDenied):
        actions.timeline_step_complete(actor=cast.front_a, step=announcement)
    with pytest.raises(PermissionDenied):
        actions.timeline_step_complete(actor=cast.vice_chair_a, step=summary)
    step = actions.timeline_step_complete(actor=cast.front_a, step=summary)
    assert step.done_at is not None
    assert step.done_by == cast.front_a
    event = AuditEvent.objects.get(event_type="timeline_step.completed")
    assert event.object_id == str(summary.pk)
    assert event.actor_id == cast.front_a.pk
    with pytest.raises(ValidationError):
        actions.timeline_step_complete(actor=cast.officer_a, step=summary)
    assert AuditEvent.objects.filter(event_type="timeline_step.completed").count() == 1


def test_it_records_the_creation_with_its_villages(cast, conference):
    event = AuditEvent.objects.get(event_type="conference.created")
    assert event.object_id == str(conference.pk)
    assert event.unit_id == cast.commune_a.pk
    assert event.changes["_extra"]["villages"] == [cast.village_a.name]


def test_it_labels_every_conference_event():
    from doithoai.audit.display import event_label

    others = [
        "conference.created",
        "conference.rescheduled",
        "conference.updated",
        "conference.timeline_rules_applied",
        "timeline_step.completed",
        "timeline_step.reopened",
        "timeline_step.updated",
        "timeline_step.created",
        "timeline_step.deleted",
        "plan.timeline_rules_updated",
    ]
    for event_type in [*EVENTS.values(), *others]:
        assert event_label(event_type) != event_type
