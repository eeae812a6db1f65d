"""Who may edit a conference and adjust its timeline, in which state: written out as tables, role × state.

Each cell runs the action as the role on a conference in the state, inside a
savepoint rolled back afterwards: allowed cells must change something, refused
ones raise PermissionDenied (the role) or ValidationError (the state).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from doithoai.audit.models import AuditEvent
from doithoai.conferences import actions
from doithoai.conferences.models import Conference, TimelineStep
from doithoai.core.testing import MATRIX_ROLES

D = dt.date

ROLES = MATRIX_ROLES
STATES = ["planned", "announced", "held", "concluded", "cancelled"]

#                  chair vice office dept front village council higher admin citizen accountant
WHO = {
    "edit_details": "x     -    x      -    -     -       -       -      x     -       -",
    "edit_record":  "x     -    x      -    -     -       -       -      x     -       -",
    "edit_step":    "x     -    x      -    -     -       -       -      -     -       -",
    "add_step":     "x     -    x      -    -     -       -       -      -     -       -",
    "delete_step":  "x     -    x      -    -     -       -       -      -     -       -",
    "reopen_step":  "x     -    x      -    -     -       -       -      -     -       -",
    "complete_own": "x     -    x      -    x     -       -       -      -     -       -",
}  # fmt: skip
#                  planned announced held concluded cancelled
WHEN = {
    "edit_details": "x       x         -    -         -",
    "edit_record":  "x       x         x    x         -",
    "edit_step":    "x       x         x    x         -",
    "add_step":     "x       x         x    x         -",
    "delete_step":  "x       x         x    x         -",
    "reopen_step":  "x       x         x    x         -",
    "complete_own": "x       x         x    x         -",
}  # fmt: skip
EVENTS = {
    "edit_details": "conference.updated",
    "edit_record": "conference.updated",
    "edit_step": "timeline_step.updated",
    "add_step": "timeline_step.created",
    "delete_step": "timeline_step.deleted",
    "reopen_step": "timeline_step.reopened",
    "complete_own": "timeline_step.completed",
}


def _run(operation, actor, conference):
    steps = {s.key: s for s in TimelineStep.objects.filter(conference=conference)}
    if operation == "edit_details":
        actions.conference_update(actor=actor, conference=conference, data={"venue": "Sân vận động xã"})
    elif operation == "edit_record":
        actions.conference_update(actor=actor, conference=conference, data={"secretary_name": "Vi Thị Thư"})
    elif operation == "edit_step":
        actions.timeline_step_update(
            actor=actor, step=steps["announcement"], due_date=D(2026, 5, 27), owner_role="office"
        )
    elif operation == "add_step":
        actions.timeline_step_add(
            actor=actor, conference=conference, label="Việc thêm", due_date=D(2026, 6, 1), owner_role="office"
        )
    elif operation == "delete_step":
        actions.timeline_step_delete(actor=actor, step=steps["extra-1"])
    elif operation == "reopen_step":
        actions.timeline_step_reopen(actor=actor, step=steps["conclusion_notice"])
    elif operation == "complete_own":
        # The Front's own step; the office and the chair may complete any step.
        actions.timeline_step_complete(actor=actor, step=steps["front_summary"])


@pytest.mark.parametrize(("operation", "state"), [(o, s) for o in WHO for s in STATES])
def test_it_follows_the_role_and_state_tables(cast, conference, operation, state):
    TimelineStep.objects.create(
        conference=conference, key="extra-1", label="Việc thêm", due_date=D(2026, 6, 1), is_extra=True
    )
    TimelineStep.objects.filter(conference=conference, key="conclusion_notice").update(done_at=timezone.now())
    Conference.objects.filter(pk=conference.pk).update(status=state)
    conference.refresh_from_db()
    state_allowed = dict(zip(STATES, WHEN[operation].split(), strict=True))[state] == "x"
    outcomes = {}
    for role, mark in zip(ROLES, WHO[operation].split(), strict=True):
        actor = cast.user_for(role)
        with transaction.atomic():
            events = AuditEvent.objects.filter(event_type=EVENTS[operation]).count()
            try:
                _run(operation, actor, conference)
            except PermissionDenied:
                outcomes[role] = "denied"
            except ValidationError:
                outcomes[role] = "refused"
            else:
                assert AuditEvent.objects.filter(event_type=EVENTS[operation]).count() == events + 1, role
                outcomes[role] = "done"
            transaction.set_rollback(True)
        expected = "denied" if mark == "-" else ("done" if state_allowed else "refused")
        assert outcomes[role] == expected, (operation, state, role)
