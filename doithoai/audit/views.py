"""The history pages of a unit (nhật ký thao tác). Read-only: nothing here changes an event."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doithoai.audit import selectors
from doithoai.audit.display import describe, event_label
from doithoai.core import exports
from doithoai.core.permissions import require_perm
from doithoai.lib.numbers import grouped
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
    fmt = exports.format_of(request.GET)
    if fmt is not None:
        return _history_download(request, unit, fmt, event_type=event_type, query=query)
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
            "export_query": "".join(
                f"{urlencode({k: v})}&" for k, v in (("loai", event_type), ("q", query.strip())) if v
            ),
        }
    )
    if is_htmx(request):
        return render(request, "audit/history.html#event_list", context)
    return render(request, "audit/history.html", context)


# What a download of the history holds: what was done, to what, by whom, which fields changed; not the values
# (a delegate's phone, a person's e-mail are in them: exports carry no personal data, decision of issue 7).
HISTORY_COLUMNS = (
    exports.Column(gettext_lazy("Thời gian"), 17),
    exports.Column(gettext_lazy("Thao tác"), 34),
    exports.Column(gettext_lazy("Đối tượng"), 40),
    exports.Column(gettext_lazy("Người thực hiện"), 30),
    exports.Column(gettext_lazy("Các trường thay đổi"), 40),
)
MAX_ROWS = 100_000


def _history_rows(events: Any) -> Iterator[tuple[Any, ...]]:
    for event in events.iterator(chunk_size=2000):
        view = describe(event)
        yield (event.at, view.what, event.object_repr, view.who, ", ".join(str(c.label) for c in view.changes))


def _history_download(request: HttpRequest, unit: Any, fmt: str, *, event_type: str, query: str) -> HttpResponse:
    """The filtered history as a download (`?loai=…&q=…&dinh_dang=csv|xlsx`), newest first, every event."""
    events = selectors.unit_events(unit, event_type=event_type, query=query)
    if events.order_by().values("pk")[: MAX_ROWS + 1].count() > MAX_ROWS:
        messages.error(
            request,
            _("Có hơn %(max)s thao tác khớp với bộ lọc; chọn loại thao tác hoặc tìm hẹp hơn rồi tải lại.")
            % {"max": grouped(MAX_ROWS)},
        )
        return redirect(reverse("units:history", args=[unit.pk]) + "?" + urlencode({"loai": event_type, "q": query}))
    notes = [unit.name]
    if event_type:
        notes.append(_("Loại thao tác: %(v)s") % {"v": event_label(event_type)})
    if query.strip():
        notes.append(_("Tìm: “%(query)s”") % {"query": query.strip()})
    notes.append(exports.exported_on())
    return exports.response(
        fmt,
        stem="nhat-ky-thao-tac",
        title=_("Nhật ký thao tác"),
        columns=HISTORY_COLUMNS,
        rows=_history_rows(events),
        notes=notes,
    )


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
