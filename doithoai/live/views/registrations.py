"""The advance registrations to speak, for the staff: the office's page (grouped by topic or by village,
filtered by state; link to petitions; put a selection into the list of speakers; decline with a reason), and
the form with which the office or a village head enters a registration for someone. See views/__init__.py.

Village heads see and enter only their own village's registrations; the Front reads them all.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST

from doithoai.conferences.models import Conference
from doithoai.core.forms import error_dict, error_messages
from doithoai.core.permissions import has_perm
from doithoai.lib.params import query_ids
from doithoai.live import rules, workflow
from doithoai.live.actions import registrations as actions
from doithoai.live.models import RequestStatus, SpeakingRequest
from doithoai.live.selectors import registrations as selectors
from doithoai.live.views import conference_for
from doithoai.live.views.room import new_key
from doithoai.live.views.speakers import petition_choices
from doithoai.petitions.selectors import public as petitions_public
from doithoai.units.forms import BootstrapForm
from doithoai.units.models import AdminUnit, Village


class RequestForm(BootstrapForm):
    village = forms.TypedChoiceField(label=gettext_lazy("Thôn, tổ dân phố"), coerce=int, empty_value=None)
    name = forms.CharField(label=gettext_lazy("Họ và tên (không bắt buộc)"), required=False, max_length=120)
    show_name = forms.BooleanField(
        label=gettext_lazy("Người đăng ký đồng ý hiện tên trên màn hình hội trường"), required=False
    )
    topic = forms.CharField(
        label=gettext_lazy("Nội dung, câu hỏi muốn phát biểu"),
        max_length=actions.MAX_TOPIC,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": gettext_lazy("Nhập nội dung hoặc câu hỏi muốn phát biểu.")},
    )
    sector = forms.TypedChoiceField(
        label=gettext_lazy("Lĩnh vực (nếu biết)"), required=False, coerce=int, empty_value=None
    )
    submission_key = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args: Any, villages: list[Village], sectors: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        village = self.fields["village"]
        assert isinstance(village, forms.TypedChoiceField)
        village.choices = [("", "—"), *((v.pk, v.name) for v in villages)]
        village.error_messages["required"] = _("Chọn thôn, tổ dân phố nơi người đăng ký ở.")
        village.error_messages["invalid_choice"] = _("Chọn thôn, tổ dân phố nơi người đăng ký ở.")
        sector = self.fields["sector"]
        assert isinstance(sector, forms.TypedChoiceField)
        sector.choices = [("", _("Chưa rõ")), *((s.pk, s.name) for s in sectors)]
        sector.error_messages["invalid_choice"] = _("Chọn lĩnh vực trong danh sách, hoặc “Chưa rõ”.")


def _conference(request: HttpRequest, unit_id: int, conference_id: int) -> tuple[AdminUnit, Conference]:
    """The page is for those who read registrations and for village heads (their villages)."""
    unit, conference = conference_for(request, unit_id, conference_id)
    if not (has_perm(request.user, rules.VIEW_REQUESTS, unit) or actions.may_enter(request.user, conference)):
        raise PermissionDenied(rules.VIEW_REQUESTS.code)
    return unit, conference


def _page_url(unit: AdminUnit, conference: Conference, query: str = "") -> str:
    url = reverse("live:registrations", args=[unit.pk, conference.pk])
    return f"{url}?{query}" if query else url


def _filters(request: HttpRequest) -> str:
    """The page's grouping and filter, kept across a button."""
    values = {k: request.POST.get(k, "")[:20] for k in ("theo", "trang-thai") if request.POST.get(k)}
    return urlencode(values)


def _page(
    request: HttpRequest,
    unit: AdminUnit,
    conference: Conference,
    *,
    decline_errors: dict[int, list[str]] | None = None,
    errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    villages = selectors.visible_village_ids(request.user, conference)
    by = request.GET.get("theo") or request.POST.get("theo") or selectors.BY_SECTOR
    by = by if by in (selectors.BY_SECTOR, selectors.BY_VILLAGE) else selectors.BY_SECTOR
    slug = request.GET.get("trang-thai") or request.POST.get("trang-thai") or ""
    state = selectors.STATUS_SLUGS.get(slug)
    rows = selectors.requests_of(conference, villages=villages, status=state)
    can_schedule = has_perm(request.user, rules.SCHEDULE_REQUESTS, unit) and (
        conference.status in workflow.DECISION_CONFERENCE_STATES
    )
    context = {
        "unit": unit,
        "conference": conference,
        "live_tab": "registrations",
        "groups": selectors.grouped(rows, by),
        "by": by,
        "slug": slug if state else "",
        "status_slugs": [(s, RequestStatus(v).label) for s, v in selectors.STATUS_SLUGS.items()],
        "counts": selectors.counts(conference, villages),
        "can_schedule": can_schedule,
        "can_enter": actions.may_enter(request.user, conference) and actions.is_entry_open(conference, public=False),
        "own_villages_only": villages is not None,
        "decline_errors": decline_errors or {},
        "errors": errors or [],
        "public_open": actions.is_entry_open(conference, public=True),
    }
    return render(request, "live/registrations.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD"])
def page(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    unit, conference = _conference(request, unit_id, conference_id)
    return _page(request, unit, conference)


@login_required
@require_http_methods(["GET", "POST"])
def add(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    """The office or a village head enters a registration for someone."""
    unit, conference = _conference(request, unit_id, conference_id)
    if not actions.may_enter(request.user, conference):
        raise PermissionDenied(rules.ENTER_REQUESTS.code)
    villages = actions.entry_villages(request.user, conference)
    sectors = petitions_public.form_sectors(unit)
    if request.method == "POST":
        form = RequestForm(request.POST, villages=villages, sectors=sectors)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "submission_key"}
            try:
                actions.speaking_request_create(
                    actor=request.user,
                    conference=conference,
                    data=data,
                    submission_key=form.cleaned_data.get("submission_key") or "",
                )
            except ValidationError as exc:
                form.add_action_errors(error_dict(exc))
            else:
                messages.success(request, _("Đã ghi đăng ký phát biểu."))
                if "nhap_tiep" in request.POST:
                    return redirect("live:registration_add", unit_id=unit.pk, conference_id=conference.pk)
                return redirect(_page_url(unit, conference))
        else:
            form.mark_invalid()
        status = 400
    else:
        initial: dict[str, Any] = {"submission_key": new_key()}
        if len(villages) == 1:
            initial["village"] = villages[0].pk
        form = RequestForm(initial=initial, villages=villages, sectors=sectors)
        status = 200
    context = {
        "unit": unit,
        "conference": conference,
        "live_tab": "registrations",
        "form": form,
        "entry_open": actions.is_entry_open(conference, public=False),
    }
    return render(request, "live/registration_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def link(request: HttpRequest, unit_id: int, conference_id: int, request_id: int) -> HttpResponse:
    """Link a registration to petitions of the unit: found by code or words (diacritics ignored)."""
    unit, conference = conference_for(request, unit_id, conference_id, rules.SCHEDULE_REQUESTS)
    registration = selectors.get_request(conference, request_id)
    errors: list[str] = []
    if request.method == "POST":
        try:
            actions.speaking_request_link_petitions(
                actor=request.user, request=registration, petitions=request.POST.getlist("petitions")
            )
        except ValidationError as exc:
            errors = error_messages(exc)
        else:
            messages.success(request, _("Đã lưu các ý kiến liên kết với đăng ký."))
            return redirect(_page_url(unit, conference))
        checked = query_ids(request.POST.getlist("petitions"))
    else:
        checked = query_ids(request.GET.getlist("petitions")) if "yk" in request.GET else []
        if not checked and "yk" not in request.GET:
            checked = [p.pk for p in registration.petitions.all()]
    query = (request.GET.get("yk") or request.POST.get("yk") or "").strip()[:200]
    choices, searched = petition_choices(conference, checked, registration.village_id, query)
    context = {
        "unit": unit,
        "conference": conference,
        "live_tab": "registrations",
        "registration": registration,
        "petition_query": query,
        "petition_choices": choices,
        "petitions_searched": searched,
        "errors": errors,
    }
    return render(request, "live/registration_link.html", context, status=400 if errors else 200)


@login_required
@require_POST
def schedule(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    """ "Đưa vào danh sách phát biểu": the ticked registrations, in the order shown."""
    unit, conference = conference_for(request, unit_id, conference_id, rules.SCHEDULE_REQUESTS)
    chosen = selectors.requests_by_ids(conference, query_ids(request.POST.getlist("chon"), limit=actions.MAX_BATCH + 1))
    try:
        speakers = actions.speaking_requests_schedule(actor=request.user, conference=conference, requests=chosen)
    except ValidationError as exc:
        return _page(request, unit, conference, errors=error_messages(exc), status=400)
    messages.success(
        request,
        ngettext(
            "Đã đưa %(n)s người vào danh sách phát biểu.",
            "Đã đưa %(n)s người vào danh sách phát biểu.",
            len(speakers),
        )
        % {"n": len(speakers)},
    )
    return redirect("live:speakers", unit_id=unit.pk, conference_id=conference.pk)


@login_required
@require_POST
def decline(request: HttpRequest, unit_id: int, conference_id: int, request_id: int) -> HttpResponse:
    unit, conference = conference_for(request, unit_id, conference_id, rules.SCHEDULE_REQUESTS)
    registration = selectors.get_request(conference, request_id)
    try:
        actions.speaking_request_decline(
            actor=request.user, request=registration, reason=request.POST.get("reason", "")
        )
    except ValidationError as exc:
        return _page(request, unit, conference, decline_errors={registration.pk: error_messages(exc)}, status=400)
    messages.success(request, _("Đã ghi “Không xếp” cho đăng ký."))
    return redirect(_page_url(unit, conference, _filters(request)))


@login_required
@require_POST
def reopen(request: HttpRequest, unit_id: int, conference_id: int, request_id: int) -> HttpResponse:
    unit, conference = conference_for(request, unit_id, conference_id, rules.SCHEDULE_REQUESTS)
    registration: SpeakingRequest = selectors.get_request(conference, request_id)
    try:
        actions.speaking_request_reopen(actor=request.user, request=registration)
    except ValidationError as exc:
        return _page(request, unit, conference, errors=error_messages(exc), status=400)
    messages.success(request, _("Đăng ký đã trở lại “Chờ xếp”."))
    return redirect(_page_url(unit, conference))


URLS: list[URLPattern] = [
    path("dang-ky-phat-bieu/", page, name="registrations"),
    path("dang-ky-phat-bieu/them/", add, name="registration_add"),
    path("dang-ky-phat-bieu/xep/", schedule, name="registration_schedule"),
    path("dang-ky-phat-bieu/<int:request_id>/y-kien/", link, name="registration_link"),
    path("dang-ky-phat-bieu/<int:request_id>/khong-xep/", decline, name="registration_decline"),
    path("dang-ky-phat-bieu/<int:request_id>/xem-lai/", reopen, name="registration_reopen"),
]
