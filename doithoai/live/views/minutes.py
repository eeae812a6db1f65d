"""Pages of the live room: the minutes (biên bản, NĐ 30 Mẫu 1.9). See views/__init__.py.

- "bien-ban/" (live:minutes): the minutes in the order of Mẫu 1.9; while a draft, the generated parts are
  live and each typed section is a small form of its own, saved by minutes.js as the person types (or by
  its button without JavaScript); once finalised, the snapshot, read-only, with the signatures;
- "bien-ban/doan/" (live:minutes_section): saves one section. Asked by minutes.js it answers JSON (200 with
  the new revision, 409 with the stored text on a conflict, 400 with the errors); a plain form POST gets the
  page back (a conflict shows both texts);
- "bien-ban/cap-nhat/" (live:minutes_poll): the sections saved since a moment, for the open pages;
- finalise, reopen (with a reason), sign (as secretary or as chair), and the print view.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from doithoai.conferences.models import Conference
from doithoai.core.forms import error_dict, error_messages
from doithoai.core.permissions import has_perm
from doithoai.lib.params import query_id
from doithoai.live import rules, selectors, workflow
from doithoai.live.actions import minutes as actions
from doithoai.live.models import Minutes, MinutesStatus, RoomStatus
from doithoai.live.selectors import minutes as minutes_selectors
from doithoai.live.views import conference_for
from doithoai.units.models import AdminUnit

POLL_MS = 5000


def js_messages() -> dict[str, str]:
    """The words minutes.js shows (it has no gettext of its own)."""
    return {
        "saved": _("Đã lưu lúc %(time)s"),
        "saving": _("Đang lưu…"),
        "unsaved": _("Chưa lưu"),
        "offline": _("Chưa lưu được – mất kết nối, sẽ tự thử lại"),
        "conflict": _("Có người khác vừa sửa đoạn này"),
        "refused": _("Không lưu được: %(error)s"),
        "session": _("Chưa lưu được – phiên đăng nhập đã hết; đăng nhập lại (nội dung vẫn giữ trên máy này)"),
        "theirsLabel": _("Bản đã lưu (%(by)s, %(time)s)"),
        "updated": _("Đã cập nhật theo bản của %(by)s lúc %(time)s"),
        "allSaved": _("Tất cả đã lưu"),
        "generated": _("Chương trình, đối thoại hoặc điểm danh vừa thay đổi."),
        "finalised": _("Biên bản vừa được hoàn thành; tải lại trang để xem bản đã chốt."),
        "pendingConflict": _("Còn đoạn đang có xung đột; chọn cách giữ lại trước khi hoàn thành."),
    }


SECRETARY = "secretary"
CHAIR = "chair"


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "") or bool(getattr(request, "htmx", False))


def _page_url(unit: AdminUnit, conference: Conference, anchor: str = "") -> str:
    url = reverse("live:minutes", args=[unit.pk, conference.pk])
    return f"{url}#{anchor}" if anchor else url


def _dom_id(key: str) -> str:
    return "section-" + key.replace(":", "-")


def _signature(minutes: Minutes | None, role: str, name: str) -> dict[str, Any]:
    at = getattr(minutes, f"{role}_signed_at", None) if minutes is not None else None
    by = getattr(minutes, f"{role}_signed_by", None) if minutes is not None else None
    return {
        "name": name,
        "signed": at is not None,
        "by": minutes_selectors.user_label(by),
        "at_text": f"{timezone.localtime(at):%H:%M} ngày {timezone.localtime(at):%d/%m/%Y}" if at else "",
    }


def _context(
    request: HttpRequest,
    unit: AdminUnit,
    conference: Conference,
    *,
    conflict: dict[str, Any] | None = None,
    reopen_errors: list[str] | None = None,
    reopen_reason: str = "",
    section_errors: dict[str, list[str]] | None = None,
    typed: dict[str, str] | None = None,
) -> dict[str, Any]:
    """What the page and the print view show. The content is copied before the sections are attached to
    it, so the stored snapshot is never changed by rendering."""
    user = request.user
    minutes = minutes_selectors.minutes_of(conference)
    subject = minutes or minutes_selectors.unsaved_minutes(conference)
    content = copy.deepcopy(minutes_selectors.page_content(conference, minutes))
    draft = subject.status == MinutesStatus.DRAFT
    editable = draft and has_perm(user, rules.EDIT_MINUTES, unit)
    states = minutes_selectors.section_states(minutes) if draft else {}
    frozen = content.get("sections", {})

    def section(key: str, label: str, *, label_hidden: bool = False) -> dict[str, Any]:
        state = states.get(key)
        mine = conflict if conflict and conflict["key"] == key else None
        text = (state.text if state else "") if draft else frozen.get(key, "")
        if mine:
            text = mine["mine"]
        elif editable and typed and key in typed:
            text = typed[key]
        return {
            "key": key,
            "dom_id": _dom_id(key),
            "label": label,
            "label_hidden": label_hidden,
            "text": text,
            "revision": mine["revision"] if mine else (state.revision if state else 0),
            "by": state.by if state else "",
            "at_text": state.at_text if state else "",
            "editable": editable,
            "conflict": mine,
            "errors": (section_errors or {}).get(key, []),
        }

    content["participants_section"] = section(
        minutes_selectors.PARTICIPANTS, _("Ghi thêm về thành phần tham dự (khách mời, đại diện các cơ quan…)")
    )
    # The part's own heading says it; the label is for screen readers (and the tests' get_by_label).
    content["closing_section"] = section(
        minutes_selectors.CLOSING, _("Kết luận của chủ trì hội nghị"), label_hidden=True
    )
    for row in content["agenda"]:
        row["section"] = section(row["key"], _("Diễn biến: %(title)s") % {"title": row["title"]})
    for row in content["exchanges"]:
        row["section"] = section(row["key"], _("Ghi chú lượt %(n)s") % {"n": row["number"]})
    room = selectors.room_of(conference)
    room_ended = room is not None and room.status == RoomStatus.ENDED
    return {
        "unit": unit,
        "conference": conference,
        "live_tab": "minutes",
        "minutes": minutes,
        "status": subject.status,
        "status_label": subject.get_status_display(),
        "draft": draft,
        "editable": editable,
        "content": content,
        "open_exchanges": sum(1 for row in content["exchanges"] if not row["concluded"]),
        "room_ended": room_ended,
        "can_finalise": workflow.MINUTES.can(user, subject, workflow.FINALISE),
        "can_reopen": workflow.MINUTES.can(user, subject, workflow.REOPEN)
        and not (subject.secretary_signed_at or subject.chair_signed_at),
        "can_sign_secretary": workflow.MINUTES.can(user, subject, workflow.SIGN_SECRETARY)
        and subject.secretary_signed_at is None,
        "can_sign_chair": workflow.MINUTES.can(user, subject, workflow.SIGN_CHAIR) and subject.chair_signed_at is None,
        # Mẫu 1.9: the secretary signs on the left, the chair on the right.
        "signature_columns": [
            {"role": SECRETARY, "title": "THƯ KÝ", "sig": _signature(minutes, SECRETARY, content["secretary_name"])},
            {"role": CHAIR, "title": "CHỦ TỌA", "sig": _signature(minutes, CHAIR, content["chair_name"])},
        ],
        "finalised_at_text": f"{timezone.localtime(minutes.finalised_at):%H:%M %d/%m/%Y}"
        if minutes is not None and minutes.finalised_at
        else "",
        "finalised_by": minutes_selectors.user_label(minutes.finalised_by) if minutes is not None else "",
        "generated": minutes_selectors.generated_stamp(conference) if draft else "",
        "server_now": timezone.now().isoformat(),
        "poll_ms": POLL_MS,
        "js_messages": js_messages() if editable else {},
        "reopen_errors": reopen_errors or [],
        "reopen_reason": reopen_reason,
        "save_url": reverse("live:minutes_section", args=[unit.pk, conference.pk]),
        "poll_url": reverse("live:minutes_poll", args=[unit.pk, conference.pk]),
    }


@login_required
@require_GET
def page(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    unit, conference = conference_for(request, unit_id, conference_id)
    return render(request, "live/minutes/page.html", _context(request, unit, conference))


@login_required
@require_POST
def section_save(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    unit, conference = conference_for(request, unit_id, conference_id)
    key = request.POST.get("key", "")
    text = request.POST.get("text", "")
    base_revision = query_id(request.POST.get("base_revision"))
    as_json = _wants_json(request)
    try:
        if base_revision is None:
            raise ValidationError({"base_revision": [_("Thiếu số phiên bản của đoạn; tải lại trang.")]})
        section = actions.minutes_section_save(
            actor=request.user, conference=conference, key=key, text=text, base_revision=base_revision
        )
    except actions.MinutesConflict as conflict:
        at = conflict.at
        if as_json:
            return JsonResponse(
                {
                    "conflict": True,
                    "key": conflict.key,
                    "text": conflict.text,
                    "revision": conflict.revision,
                    "by": conflict.by,
                    "at": at.isoformat() if at else "",
                    "at_text": f"{timezone.localtime(at):%H:%M}" if at else "",
                },
                status=409,
            )
        mine = {
            "key": conflict.key,
            "mine": actions.clean_section_text(text),
            "theirs": conflict.text,
            "revision": conflict.revision,
            "by": conflict.by,
            "at_text": f"{timezone.localtime(at):%H:%M}" if at else "",
        }
        return render(request, "live/minutes/page.html", _context(request, unit, conference, conflict=mine), status=409)
    except ValidationError as exc:
        errors = error_dict(exc)
        if as_json:
            return JsonResponse({"errors": errors}, status=400)
        if "text" not in errors:  # not about the text itself: the box may not even be on the page
            _refused(request, exc)
        context = _context(
            request,
            unit,
            conference,
            section_errors={key: error_messages(exc)},
            typed={key: actions.clean_section_text(text)},
        )
        return render(request, "live/minutes/page.html", context, status=400)
    state = minutes_selectors.section_state(section)
    if as_json:
        return JsonResponse(
            {
                "key": state.key,
                "revision": state.revision,
                "saved_at": state.at.isoformat() if state.at else "",
                "saved_at_text": state.at_text,
                "by": state.by,
            }
        )
    messages.success(request, _("Đã lưu đoạn biên bản."))
    return redirect(_page_url(unit, conference, _dom_id(key)))


@login_required
@require_GET
def poll(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    """The sections saved since `sau` (the `now` of the previous answer), the minutes' state, and a stamp
    of the generated parts, for the open pages."""
    _unit, conference = conference_for(request, unit_id, conference_id)
    since: dt.datetime | None = None
    raw = request.GET.get("sau", "")
    if raw and len(raw) < 40:
        try:
            since = parse_datetime(raw)
        except ValueError:
            since = None
    now = timezone.now()
    minutes = minutes_selectors.minutes_of(conference)
    status = minutes.status if minutes is not None else MinutesStatus.DRAFT
    changed = minutes_selectors.sections_changed_since(conference, since) if status == MinutesStatus.DRAFT else []
    response = JsonResponse(
        {
            "now": now.isoformat(),
            "status": status,
            "generated": minutes_selectors.generated_stamp(conference) if status == MinutesStatus.DRAFT else "",
            "sections": [s.as_json() for s in changed],
        }
    )
    response["Cache-Control"] = "no-store"
    return response


def _refused(request: HttpRequest, exc: ValidationError) -> None:
    for message in error_messages(exc):
        messages.error(request, message)


@login_required
@require_POST
def finalise(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    unit, conference = conference_for(request, unit_id, conference_id)
    try:
        actions.minutes_finalise(actor=request.user, conference=conference)
    except ValidationError as exc:
        if minutes_selectors.is_locked(conference):  # a second click: the first one finalised them
            return redirect(_page_url(unit, conference))
        _refused(request, exc)
    else:
        messages.success(request, _("Đã hoàn thành biên bản; mời thư ký và chủ tọa ký."))
    return redirect(_page_url(unit, conference))


@login_required
@require_POST
def reopen(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    unit, conference = conference_for(request, unit_id, conference_id)
    reason = request.POST.get("reason", "")
    try:
        actions.minutes_reopen(actor=request.user, conference=conference, reason=reason)
    except ValidationError as exc:
        minutes = minutes_selectors.minutes_of(conference)
        if minutes is not None and minutes.status == MinutesStatus.DRAFT and reason.strip():
            return redirect(_page_url(unit, conference))  # a second click
        context = _context(request, unit, conference, reopen_errors=error_messages(exc), reopen_reason=reason)
        return render(request, "live/minutes/page.html", context, status=400)
    messages.success(request, _("Đã mở lại biên bản để sửa."))
    return redirect(_page_url(unit, conference))


@login_required
@require_POST
def sign(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    unit, conference = conference_for(request, unit_id, conference_id)
    role = request.POST.get("as", "")
    if role not in (SECRETARY, CHAIR):
        messages.error(request, _("Chọn ký với tư cách thư ký hay chủ tọa."))
        return redirect(_page_url(unit, conference))
    action = actions.minutes_sign_as_secretary if role == SECRETARY else actions.minutes_sign_as_chair
    try:
        minutes = action(actor=request.user, conference=conference)
    except ValidationError as exc:
        _refused(request, exc)
        return redirect(_page_url(unit, conference))
    if minutes.status == MinutesStatus.SIGNED:
        messages.success(request, _("Đã ký. Biên bản đã đủ chữ ký của thư ký và chủ tọa."))
    else:
        messages.success(request, _("Đã ký. Biên bản chờ chữ ký còn lại."))
    return redirect(_page_url(unit, conference))


@login_required
@require_http_methods(["GET"])
def print_view(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    """A4, for printing: the finalised minutes (a draft prints marked "DỰ THẢO", to be read out in the hall
    before the closing)."""
    unit, conference = conference_for(request, unit_id, conference_id)
    return render(request, "live/minutes/print.html", _context(request, unit, conference))


URLS = [
    path("bien-ban/", page, name="minutes"),
    path("bien-ban/doan/", section_save, name="minutes_section"),
    path("bien-ban/cap-nhat/", poll, name="minutes_poll"),
    path("bien-ban/hoan-thanh/", finalise, name="minutes_finalise"),
    path("bien-ban/mo-lai/", reopen, name="minutes_reopen"),
    path("bien-ban/ky/", sign, name="minutes_sign"),
    path("bien-ban/in/", print_view, name="minutes_print"),
]
