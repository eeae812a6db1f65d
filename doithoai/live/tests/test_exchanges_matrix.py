"""Who may record a question and conclude it, in which state of the room and the minutes: role × state.

Each cell runs the action as the role, inside a savepoint rolled back afterwards: allowed cells must write
their audit event, refused ones raise PermissionDenied (the role) or ValidationError (the state).
"""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from doithoai.audit.models import AuditEvent
from doithoai.core.testing import MATRIX_ROLES
from doithoai.live.actions.exchanges import exchange_conclude, exchange_open, exchange_update
from doithoai.live.models import Exchange, Minutes, MinutesStatus, Outcome, Room, RoomStatus

ROLES = MATRIX_ROLES
STATES = ["no_room", "ready", "running", "ended", "locked"]

#              chair vice office dept front village council higher admin citizen accountant
WHO = {
    "open":     "x     x    x      -    -     -       -       -      -     -       -",
    "update":   "x     x    x      -    -     -       -       -      -     -       -",
    "conclude": "x     x    x      -    -     -       -       -      -     -       -",
}  # fmt: skip
#              no_room ready running ended locked
WHEN = {
    "open":     "-       -     x       x     -",
    "update":   "-       -     x       x     -",
    "conclude": "-       -     x       x     -",
}  # fmt: skip
EVENTS = {"open": "exchange.opened", "update": "exchange.updated", "conclude": "exchange.concluded"}


def _set_state(conference, state):
    Room.objects.filter(conference=conference).delete()
    Minutes.objects.filter(conference=conference).delete()
    if state == "no_room":
        return
    status = {"ready": RoomStatus.READY, "running": RoomStatus.RUNNING}.get(state, RoomStatus.ENDED)
    Room.objects.create(conference=conference, status=status, started_at=timezone.now())
    if state == "locked":
        Minutes.objects.create(conference=conference, status=MinutesStatus.FINALISED)


def _run(operation, actor, conference, exchange, petitions):
    if operation == "open":
        exchange_open(actor=actor, conference=conference, data={"question": "Đường?", "petitions": [petitions[1]]})
    elif operation == "update":
        exchange_update(actor=actor, exchange=exchange, data={"question": "Đường liên thôn khi nào sửa?"})
    else:
        exchange_conclude(
            actor=actor,
            exchange=exchange,
            outcome=Outcome.ANSWERED,
            answered_by="Hoàng Văn Chủ",
            answer_text="Quý III sửa.",
        )


@pytest.mark.parametrize(("operation", "state"), [(o, s) for o in WHO for s in STATES])
def test_it_follows_the_role_and_state_tables(cast, conference, petitions, operation, state):
    exchange = Exchange.objects.create(conference=conference, order=1, question="Đường")
    exchange.petitions.set([petitions[0]])
    _set_state(conference, state)
    state_allowed = dict(zip(STATES, WHEN[operation].split(), strict=True))[state] == "x"
    outcomes = {}
    for role, mark in zip(ROLES, WHO[operation].split(), strict=True):
        actor = cast.user_for(role)
        with transaction.atomic():
            events = AuditEvent.objects.filter(event_type=EVENTS[operation]).count()
            try:
                _run(operation, actor, conference, exchange, petitions)
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
