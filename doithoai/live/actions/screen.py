"""The hall's screen: its link. See actions/__init__.py.

The link (`Room.screen_token`) opens the screen without signing in, for a TV or a second computer in the
hall. Renewing it makes the old one stop working at once: a screen still open on it says so.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from doithoai.audit.actions import record
from doithoai.conferences.models import Conference
from doithoai.core.permissions import require_perm
from doithoai.live import rules
from doithoai.live.actions import locked_room
from doithoai.live.models import Room, new_screen_token

EVENT_LABELS: dict[str, Promise | str] = {
    "screen.link_renewed": gettext_lazy("Đổi liên kết màn hình hội trường"),
}


def screen_room(conference: Conference) -> Room:
    """The conference's room, made as "ready" with its link the first time someone opens the screen tab.

    Nothing is decided by this (the room's defaults are what "not started" means), so nothing is audited;
    every change to the room afterwards is an action of its own."""
    room, _created = Room.objects.get_or_create(conference=conference)
    return room


@transaction.atomic
def screen_link_renew(*, actor: Any, conference: Conference) -> Room:
    """A new screen link; the old one answers 404 from now on. The audit event names neither token: whoever
    reads the audit trail must not get the link from it."""
    require_perm(actor, rules.RUN_ROOM, conference.unit)
    room = locked_room(conference)
    room.screen_token = new_screen_token()
    room.save(update_fields=["screen_token", "updated_at"])
    record(
        actor=actor,
        event_type="screen.link_renewed",
        obj=room,
        unit=conference.unit,
        extra={"conference": conference.pk},
    )
    return room
