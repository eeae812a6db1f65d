"""Every change in the live room. Each action is one transaction with its audit event; bad input raises
`ValidationError` keyed by field, with Vietnamese messages, and nothing is written.

One module per area: room (start, end, the screen), agenda, speakers (and their timer), exchanges (the
dialogue, through the petitions' actions), minutes. The helpers here are shared by all of them.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone

from doithoai.conferences.models import Conference
from doithoai.live.models import Room


def raise_if(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)


def locked_room(conference: Conference) -> Room:
    """The conference's room, created the first time it is needed, locked for the caller's transaction."""
    Room.objects.get_or_create(conference=conference)
    return Room.objects.select_for_update().select_related("conference__unit").get(conference=conference)


def touch(conference: Conference | Any) -> None:
    """Something the hall's screen shows has changed: raise the room's version so the screen fetches it.

    Called inside the action's transaction, so the screen never sees a version without its change."""
    conference_id = conference.pk if isinstance(conference, Conference) else conference
    updated = Room.objects.filter(conference_id=conference_id).update(
        version=F("version") + 1, updated_at=timezone.now()
    )
    if not updated:
        Room.objects.get_or_create(conference_id=conference_id)
