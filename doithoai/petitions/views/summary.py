"""The Front's summary of a conference's petitions, and its "sent" button (the timeline step "front_summary")."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from doithoai.conferences import actions as conference_actions
from doithoai.conferences import selectors as conference_selectors
from doithoai.conferences.workflow import StepAccess
from doithoai.core.forms import error_messages
from doithoai.lib.vndates import document_date
from doithoai.petitions.selectors import PetitionFilters
from doithoai.petitions.selectors import summary as selectors
from doithoai.petitions.views import unit_for
from doithoai.units.views import unit_context


def list_url(base: str, conference_id: int, tally: selectors.Tally) -> str:
    """The petition list (views/staff.py, its own filter names) narrowed to what one number counts.

    The list has no filter for "no sector" or "no village": those numbers are not links."""
    if tally.sector == 0 or tally.village == 0:
        return ""
    filters = PetitionFilters(
        conference=conference_id,
        sector=tally.sector,
        village=tally.village,
        status=tally.status,
        channel=tally.channel,
        kind=tally.kind,
    )
    return f"{base}?{urlencode(filters.params())}"


@login_required
def front_summary(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    unit = unit_for(request, unit_id)
    conference = conference_selectors.get_conference(unit, conference_id)
    today = timezone.localdate()
    summary = selectors.front_summary(conference, today=today)
    base = reverse("petitions:list", args=[unit.pk])
    for tally in summary.all_counts():
        tally.url = list_url(base, conference.pk, tally)
    step = summary.step
    can_send = step is not None and StepAccess(request.user, unit).can_complete(step.step, conference)
    context = unit_context(request, unit)
    context.update(
        section="petitions",
        conference=conference,
        summary=summary,
        can_send=can_send,
        today_text=document_date(today),
        conference_day_text=document_date(timezone.localdate(conference.starts_at)),
    )
    return render(request, "petitions/summary/front_summary.html", context)


@login_required
@require_POST
def front_summary_sent(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    """The Front has sent its summary to the committee: the timeline step is done (who may, is the
    conferences' rule: the Front, the office, the chair)."""
    unit = unit_for(request, unit_id)
    conference = conference_selectors.get_conference(unit, conference_id)
    step = next((s for s in conference.steps.all() if s.key == selectors.STEP_KEY), None)
    if step is None:
        raise Http404
    try:
        conference_actions.timeline_step_complete(actor=request.user, step=step)
    except ValidationError as exc:
        for message in error_messages(exc):
            messages.error(request, message)
    else:
        messages.success(request, _("Đã ghi nhận: MTTQ đã gửi bản tổng hợp ý kiến, kiến nghị đến UBND."))
    return redirect("petitions:front_summary", unit_id=unit.pk, conference_id=conference.pk)


URLS: list[URLPattern] = [
    path("hoi-nghi/<int:conference_id>/tong-hop/", front_summary, name="front_summary"),
    path("hoi-nghi/<int:conference_id>/tong-hop/da-gui/", front_summary_sent, name="front_summary_sent"),
]
