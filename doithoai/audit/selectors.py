"""Reads of the audit trail, always inside one unit: events of another unit are never listed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.http import Http404

from doithoai.audit.models import AuditEvent
from doithoai.core.search import search

if TYPE_CHECKING:
    from doithoai.units.models import AdminUnit


def unit_events(unit: AdminUnit, *, event_type: str = "", query: str = "") -> QuerySet[AuditEvent]:
    """The unit's events, newest first; `query` is searched in the object and the person, without diacritics."""
    qs = AuditEvent.objects.filter(unit=unit).select_related("actor", "content_type")
    if event_type:
        qs = qs.filter(event_type=event_type)
    if query.strip():
        qs = search(qs, query, ["object_repr", "actor__full_name", "actor__username"])
    return qs.order_by("-at", "-id")


def event_types_of(unit: AdminUnit) -> list[str]:
    """The kinds of event the unit has, for the filter."""
    return list(
        AuditEvent.objects.filter(unit=unit).order_by("event_type").values_list("event_type", flat=True).distinct()
    )


def object_events(unit: AdminUnit, content_type_id: int, object_id: str) -> QuerySet[AuditEvent]:
    """The history of one object of the unit, newest first. 404 when the unit has none for it."""
    qs = (
        AuditEvent.objects.filter(unit=unit, content_type_id=content_type_id, object_id=object_id)
        .select_related("actor", "content_type")
        .order_by("-at", "-id")
    )
    if not qs.exists():
        raise Http404
    return qs
