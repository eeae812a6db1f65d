"""Who may write, finalise, reopen and sign the minutes, in which state: written out as tables, role × state.

Each cell runs the action as the role on minutes in the state, inside a savepoint rolled back afterwards:
allowed cells must write their audit event, refused ones raise PermissionDenied (the role) or
ValidationError (the state).
"""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from doithoai.audit.models import AuditEvent
from doithoai.core.testing import MATRIX_ROLES
from doithoai.live.actions import minutes as actions
from doithoai.live.models import Minutes, MinutesSection, MinutesStatus
from doithoai.live.selectors import minutes as selectors
from doithoai.live.tests.test_minutes import build_held

ROLES = MATRIX_ROLES
STATES = ["draft", "finalised", "signed"]

#                     chair vice office dept front village council higher admin citizen accountant
WHO = {
    "save":           "x     x    x      -    -     -       -       -      -     -       -",
    "finalise":       "x     -    x      -    -     -       -       -      -     -       -",
    "reopen":         "x     -    x      -    -     -       -       -      -     -       -",
    "sign_secretary": "-     -    x      -    -     -       -       -      -     -       -",
    "sign_chair":     "x     x    -      -    -     -       -       -      -     -       -",
}  # fmt: skip
#                     draft finalised signed
WHEN = {
    "save":           "x     -         -",
    "finalise":       "x     -         -",
    "reopen":         "-     x         -",
    "sign_secretary": "-     x         -",
    "sign_chair":     "-     x         -",
}  # fmt: skip
EVENTS = {
    "save": "minutes.section_saved",
    "finalise": "minutes.finalised",
    "reopen": "minutes.reopened",
    "sign_secretary": "minutes.signed_by_secretary",
    "sign_chair": "minutes.signed_by_chair",
}


def _run(operation, actor, conference):
    if operation == "save":
        actions.minutes_section_save(
            actor=actor, conference=conference, key="closing", text="Kết luận mới", base_revision=1
        )
    elif operation == "finalise":
        actions.minutes_finalise(actor=actor, conference=conference)
    elif operation == "reopen":
        actions.minutes_reopen(actor=actor, conference=conference, reason="Bổ sung ý kiến còn thiếu")
    elif operation == "sign_secretary":
        actions.minutes_sign_as_secretary(actor=actor, conference=conference)
    elif operation == "sign_chair":
        actions.minutes_sign_as_chair(actor=actor, conference=conference)


def _put_in_state(cast, conference, state):
    actions.minutes_section_save(
        actor=cast.officer_a, conference=conference, key="closing", text="Kết luận", base_revision=0
    )
    if state == "draft":
        return
    actions.minutes_finalise(actor=cast.officer_a, conference=conference)
    if state == "signed":
        now = timezone.now()
        Minutes.objects.filter(conference=conference).update(
            status=MinutesStatus.SIGNED,
            secretary_signed_at=now,
            secretary_signed_by=cast.officer_a,
            chair_signed_at=now,
            chair_signed_by=cast.chair_a,
        )


@pytest.mark.parametrize(("operation", "state"), [(o, s) for o in WHO for s in STATES])
def test_it_follows_the_role_and_state_tables(cast, conference, village_c, operation, state):
    build_held(cast, conference, village_c)
    _put_in_state(cast, conference, state)
    assert Minutes.objects.get(conference=conference).status == state
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
    # Whatever was refused wrote nothing: the stored text is the one saved before.
    assert MinutesSection.objects.get(key="closing").text == "Kết luận"
    assert selectors.is_locked(conference) == (state != "draft")
