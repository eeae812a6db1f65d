"""Reads of the live room, scoped to the user's unit through the conference (`get_conference`)."""

from __future__ import annotations

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
