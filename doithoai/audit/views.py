"""The history pages of a unit (nhật ký thao tác). Read-only: nothing here changes an event."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from doithoai.audit import selectors
from doithoai.audit.display import describe, event_label
from doithoai.core.permissions import require_perm
from doithoai.units import rules
from doithoai.units import selectors as unit_selectors
from doithoai.units.views import is_htmx, unit_context

PAGE_SIZE = 50


@login_required
def unit_history(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Every recorded action in the unit, newest first, 50 a page, filtered by kind and by text."""
    unit = unit_selectors.get_unit(request.user, unit_id)
    require_perm(request.user, rules.VIEW_HISTORY, unit)
    event_type = request.GET.get("loai", "")
    query = request.GET.get("q", "")
    page = Paginator(selectors.unit_events(unit, event_type=event_type, query=query), PAGE_SIZE).get_page(
        request.GET.get("trang")
    )
    context = unit_context(request, unit)
    context.update(
        {
            "section": "history",
            "page": page,
            "events": [describe(event) for event in page.object_list],
            "event_types": [(code, event_label(code)) for code in selectors.event_types_of(unit)],
            "event_type": event_type,
            "query": query,
        }
    )
    if is_htmx(request):
        return render(request, "audit/history.html#event_list", context)
    return render(request, "audit/history.html", context)


@login_required
def object_history(request: HttpRequest, unit_id: int, content_type_id: int, object_id: str) -> HttpResponse:
    """The history of one village, department or person of the unit. 404 outside the unit."""
    unit = unit_selectors.get_unit(request.user, unit_id)
    require_perm(request.user, rules.VIEW_HISTORY, unit)
    events = list(selectors.object_events(unit, content_type_id, object_id)[:500])
    context = unit_context(request, unit)
    context.update(
        {
            "section": "history",
            "object_repr": events[0].object_repr,
            "events": [describe(event) for event in events],
        }
    )
    return render(request, "audit/object_history.html", context)
