"""Who may run the room, the agenda and the list of speakers, in which state of the room: written out as
tables, role × state.

Each cell runs the action as the role, inside a savepoint rolled back afterwards: allowed cells must
record their audit event, refused ones raise PermissionDenied (the role) or ValidationError (the state).
"locked" is an ended room whose minutes have been finalised.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from doithoai.audit.models import AuditEvent
from doithoai.core.testing import MATRIX_ROLES
from doithoai.live.actions import agenda as agenda_actions
from doithoai.live.actions import room as room_actions
from doithoai.live.actions import speakers as speaker_actions
from doithoai.live.models import AgendaItem, Minutes, MinutesStatus, Speaker, SpeakerStatus

ROLES = MATRIX_ROLES
STATES = ["ready", "running", "ended", "locked"]
S = SpeakerStatus

#                       chair vice office dept front village council higher admin citizen accountant
WHO = {
    "room_start":       "x     x    x      -    -     -       -       -      -     -       -",
    "room_end":         "x     x    x      -    -     -       -       -      -     -       -",
    "room_resume":      "x     x    x      -    -     -       -       -      -     -       -",
    "notice":           "x     x    x      -    -     -       -       -      -     -       -",
    "agenda_standard":  "x     x    x      -    -     -       -       -      -     -       -",
    "agenda_add":       "x     x    x      -    -     -       -       -      -     -       -",
    "agenda_edit":      "x     x    x      -    -     -       -       -      -     -       -",
    "agenda_move":      "x     x    x      -    -     -       -       -      -     -       -",
    "agenda_delete":    "x     x    x      -    -     -       -       -      -     -       -",
    "agenda_next":      "x     x    x      -    -     -       -       -      -     -       -",
    "agenda_start":     "x     x    x      -    -     -       -       -      -     -       -",
    "speaker_add":      "x     x    x      -    -     -       -       -      -     -       -",
    "speaker_edit":     "x     x    x      -    -     -       -       -      -     -       -",
    "speaker_move":     "x     x    x      -    -     -       -       -      -     -       -",
    "speaker_withdraw": "x     x    x      -    -     -       -       -      -     -       -",
    "speaker_restore":  "x     x    x      -    -     -       -       -      -     -       -",
    "speaker_start":    "x     x    x      -    -     -       -       -      -     -       -",
    "speaker_pause":    "x     x    x      -    -     -       -       -      -     -       -",
    "speaker_resume":   "x     x    x      -    -     -       -       -      -     -       -",
    "speaker_stop":     "x     x    x      -    -     -       -       -      -     -       -",
}  # fmt: skip
#                       ready running ended locked
WHEN = {
    "room_start":       "x     -       -     -",
    "room_end":         "-     x       -     -",
    "room_resume":      "-     -       x     -",
    "notice":           "x     x       x     x",
    "agenda_standard":  "x     x       x     -",
    "agenda_add":       "x     x       x     -",
    "agenda_edit":      "x     x       x     -",
    "agenda_move":      "x     x       x     -",
    "agenda_delete":    "x     x       x     -",
    "agenda_next":      "-     x       -     -",
    "agenda_start":     "-     x       -     -",
    "speaker_add":      "x     x       x     -",
    "speaker_edit":     "x     x       x     -",
    "speaker_move":     "x     x       x     -",
    "speaker_withdraw": "x     x       x     -",
    "speaker_restore":  "x     x       x     -",
    "speaker_start":    "-     x       -     -",
    "speaker_pause":    "-     x       -     -",
    "speaker_resume":   "-     x       -     -",
    "speaker_stop":     "-     x       -     -",
}  # fmt: skip
EVENTS = {
    "room_start": "room.started",
    "room_end": "room.ended",
    "room_resume": "room.resumed",
    "notice": "room.notice_set",
    "agenda_standard": "agenda.created_from_standard",
    "agenda_add": "agenda.item_added",
    "agenda_edit": "agenda.item_updated",
    "agenda_move": "agenda.item_moved",
    "agenda_delete": "agenda.item_deleted",
    "agenda_next": "agenda.item_started",
    "agenda_start": "agenda.item_started",
    "speaker_add": "speaker.added",
    "speaker_edit": "speaker.updated",
    "speaker_move": "speaker.moved",
    "speaker_withdraw": "speaker.withdrawn",
    "speaker_restore": "speaker.restored",
    "speaker_start": "speaker.started",
    "speaker_pause": "speaker.paused",
    "speaker_resume": "speaker.resumed",
    "speaker_stop": "speaker.stopped",
}


def _set_up(cast, conference, state):
    """The room in `state`, with the standard agenda and one speaker in each state of the list."""
    officer = cast.officer_a
    if state == "ready":
        agenda_actions.agenda_from_standard(actor=officer, conference=conference)
    else:
        room_actions.room_start(actor=officer, conference=conference)
    speakers = {}
    for name in ("waiting", "other", "withdrawn", "speaking", "paused"):
        speakers[name], _created = speaker_actions.speaker_add(
            actor=officer, conference=conference, data={"village": cast.village_a.pk}
        )
    now = timezone.now()
    Speaker.objects.filter(pk=speakers["withdrawn"].pk).update(status=S.WITHDRAWN)
    Speaker.objects.filter(pk=speakers["speaking"].pk).update(status=S.SPEAKING, running_since=now, started_at=now)
    Speaker.objects.filter(pk=speakers["paused"].pk).update(status=S.PAUSED, elapsed_seconds=30, started_at=now)
    if state in ("ended", "locked"):
        room_actions.room_end(actor=officer, conference=conference)
        Speaker.objects.filter(pk=speakers["paused"].pk).update(status=S.PAUSED)
        Speaker.objects.filter(pk=speakers["speaking"].pk).update(status=S.SPEAKING, running_since=now)
    if state == "locked":
        Minutes.objects.create(conference=conference, status=MinutesStatus.FINALISED)
    for speaker in speakers.values():
        speaker.refresh_from_db()
    return speakers


def _run(operation, actor, conference, speakers):
    items = list(AgendaItem.objects.filter(conference=conference).order_by("order"))
    if operation == "room_start":
        room_actions.room_start(actor=actor, conference=conference)
    elif operation == "room_end":
        room_actions.room_end(actor=actor, conference=conference)
    elif operation == "room_resume":
        room_actions.room_resume(actor=actor, conference=conference)
    elif operation == "notice":
        room_actions.room_set_notice(actor=actor, conference=conference, notice="Giải lao 10 phút")
    elif operation == "agenda_standard":
        AgendaItem.objects.filter(conference=conference).delete()
        agenda_actions.agenda_from_standard(actor=actor, conference=conference)
    elif operation == "agenda_add":
        agenda_actions.agenda_item_add(
            actor=actor, conference=conference, data={"title": "Giải lao", "planned_minutes": 10}
        )
    elif operation == "agenda_edit":
        agenda_actions.agenda_item_update(actor=actor, item=items[1], data={"planned_minutes": 7})
    elif operation == "agenda_move":
        agenda_actions.agenda_item_move(actor=actor, item=items[2], direction=agenda_actions.UP)
    elif operation == "agenda_delete":
        agenda_actions.agenda_item_delete(actor=actor, item=items[-1])
    elif operation == "agenda_next":
        agenda_actions.agenda_next(actor=actor, conference=conference)
    elif operation == "agenda_start":
        agenda_actions.agenda_item_start(actor=actor, item=items[4])
    elif operation == "speaker_add":
        speaker_actions.speaker_add(actor=actor, conference=conference, data={"topic": "Điện"})
    elif operation == "speaker_edit":
        speaker_actions.speaker_update(actor=actor, speaker=speakers["waiting"], data={"topic": "Nước"})
    elif operation == "speaker_move":
        speaker_actions.speaker_move(actor=actor, speaker=speakers["other"], direction="up")
    elif operation == "speaker_withdraw":
        speaker_actions.speaker_withdraw(actor=actor, speaker=speakers["waiting"])
    elif operation == "speaker_restore":
        speaker_actions.speaker_restore(actor=actor, speaker=speakers["withdrawn"])
    elif operation == "speaker_start":
        speaker_actions.speaker_start(actor=actor, speaker=speakers["waiting"])
    elif operation == "speaker_pause":
        speaker_actions.speaker_pause(actor=actor, speaker=speakers["speaking"])
    elif operation == "speaker_resume":
        speaker_actions.speaker_resume(actor=actor, speaker=speakers["paused"])
    elif operation == "speaker_stop":
        speaker_actions.speaker_stop(actor=actor, speaker=speakers["speaking"])


@pytest.mark.parametrize("state", STATES)
def test_it_follows_the_role_and_state_tables(cast, conference, state):
    speakers = _set_up(cast, conference, state)
    failures = []
    for operation in WHO:
        state_allowed = dict(zip(STATES, WHEN[operation].split(), strict=True))[state] == "x"
        for role, mark in zip(ROLES, WHO[operation].split(), strict=True):
            actor = cast.user_for(role)
            with transaction.atomic():
                events = AuditEvent.objects.filter(event_type=EVENTS[operation]).count()
                try:
                    _run(operation, actor, conference, speakers)
                except PermissionDenied:
                    outcome = "denied"
                except ValidationError:
                    outcome = "refused"
                else:
                    done = AuditEvent.objects.filter(event_type=EVENTS[operation]).count() == events + 1
                    outcome = "done" if done else "nothing recorded"
                transaction.set_rollback(True)
            expected = "denied" if mark == "-" else ("done" if state_allowed else "refused")
            if outcome != expected:
                failures.append((operation, state, role.value, outcome, expected))
    assert failures == []
