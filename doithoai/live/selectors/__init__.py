"""Reads of the live room, scoped to the user's unit through the conference (`get_conference`)."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from doithoai.conferences.models import Conference
from doithoai.live.models import Room
from doithoai.units.models import AdminUnit


def get_conference(unit: AdminUnit, conference_id: int) -> Conference:
    """A conference of `unit` (which the view has already checked the user may see), or 404."""
    try:
        return Conference.objects.select_related("unit", "plan").get(pk=conference_id, unit=unit)
    except Conference.DoesNotExist as exc:
        raise Http404 from exc


def room_of(conference: Conference) -> Room | None:
    """The room if it exists (it is made by the first action that needs it); None reads as "ready"."""
    return Room.objects.filter(conference=conference).select_related("current_item", "current_speaker").first()


def room_by_token(token: str) -> Room:
    """The room whose screen link carries `token`, or 404 (the same for a malformed one)."""
    if not token or len(token) > 40:
        raise Http404
    room = Room.objects.select_related("conference__unit").filter(screen_token=token).first()
    if room is None:
        raise Http404
    return room


def version_of(room: Room | Any) -> int:
    return int(Room.objects.filter(pk=room.pk).values_list("version", flat=True).first() or 0)
