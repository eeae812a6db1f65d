"""Public pages, no sign-in (mounted at y-kien/, namespace "petitions_public"): the online form, the page
after sending it, tracking by code, the citizen's word on the answer, and a signed-in citizen's own list.

Phone-first. Unknown and malformed codes get the same answer (404, with the form to type it again) and
count against the address; past the limit every code answers 429 for a while, so codes cannot be guessed.
Pages keyed by a code are not indexed, not cached and send no referrer.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from doithoai.accounts.views import client_ip
from doithoai.core.forms import error_dict
from doithoai.lib.vndates import short_date
from doithoai.petitions.actions import public as actions
from doithoai.petitions.models import Petition
from doithoai.petitions.selectors import by_tracking_code
from doithoai.petitions.selectors import public as selectors
from doithoai.plans.presets import names_of
from doithoai.units.models import AdminUnit

HONEYPOT = "ghi_chu_khac"  # hidden from people; a bot that fills every box fills it
MINE_PAGE_SIZE = 20


def _address(request: HttpRequest) -> str:
    return client_ip(request) or ""


def _private(response: HttpResponse) -> HttpResponse:
    """A page keyed by a tracking code: not indexed, not cached, and the code not sent on to other sites.

    "same-origin", not "no-referrer": with no-referrer browsers send `Origin: null` with the page's own
    forms, and Django's CSRF check refuses them."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-store"
    return response


def _retry_text(retry_at: dt.datetime) -> str:
    local = timezone.localtime(retry_at)
    if local.date() == timezone.localdate():
        return _("%(h)s giờ %(m)s") % {"h": f"{local:%H}", "m": f"{local:%M}"}
    return _("%(h)s giờ %(m)s ngày %(d)s") % {"h": f"{local:%H}", "m": f"{local:%M}", "d": short_date(local.date())}


def _too_many(request: HttpRequest, exc: actions.TooManyRequests, message: str) -> HttpResponse:
    response = render(
        request,
        "petitions/public/throttled.html",
        {"message": message, "retry_text": _retry_text(exc.retry_at)},
        status=429,
    )
    response["Retry-After"] = _retry_after(exc.retry_at)
    return _private(response)


def _retry_after(retry_at: dt.datetime) -> str:
    return str(max(1, int((retry_at - timezone.now()).total_seconds())))


def _qr_svg(url: str, *, scale: int = 5) -> SafeString:
    # segno writes only the picture's path and escapes the title, so its SVG is safe to inline.
    svg = segno.make(url, error="m").svg_inline(
        scale=scale, border=2, omitsize=True, dark="#000", light="#fff", svgclass="qr-code", title=_("Mã QR tra cứu")
    )
    return mark_safe(svg)  # noqa: S308


def _track_url(request: HttpRequest, code: str) -> str:
    return request.build_absolute_uri(reverse("petitions_public:track", args=[code]))


# ---------------------------------------------------------------- the online form


def _values(request: HttpRequest) -> dict[str, Any]:
    post = request.POST
    return {
        "village": post.get("village", ""),
        "sector": post.get("sector", ""),
        "text": post.get("text", ""),
        "submitter_name": post.get("submitter_name", ""),
        "submitter_phone": post.get("submitter_phone", ""),
        "consent_contact": bool(post.get("consent_contact")),
        "consent_publish_name": bool(post.get("consent_publish_name")),
    }


def _form(
    request: HttpRequest,
    unit: AdminUnit,
    *,
    conference: Any,
    conference_closed: bool,
    token: str,
    values: dict[str, Any],
    errors: dict[str, list[str]] | None = None,
    status: int = 200,
) -> HttpResponse:
    errors = errors or {}
    context = {
        "unit": unit,
        "unit_full": names_of(unit).full,
        "conference": conference,
        "conference_closed": conference_closed,
        "hoi_nghi": conference.pk if conference is not None else "",
        "villages": selectors.form_villages(unit),
        "sectors": selectors.form_sectors(unit),
        "values": values,
        "errors": errors,
        "other_errors": [m for k, ms in errors.items() if k not in FORM_FIELDS for m in ms],
        "field_errors": any(k in FORM_FIELDS for k in errors),
        "files_lost": bool(errors) and bool(request.FILES),
        "token": token,
        "honeypot": HONEYPOT,
        "no_village": actions.NO_VILLAGE,
    }
    response = render(request, "petitions/public/submit.html", context, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


FORM_FIELDS = {
    "village",
    "sector",
    "text",
    "attachments",
    "submitter_name",
    "submitter_phone",
    "consent_contact",
    "consent_publish_name",
}


@require_http_methods(["GET", "HEAD", "POST"])
def submit(request: HttpRequest, unit_id: int) -> HttpResponse:
    """The online form of a unit (optionally for one of its conferences, `?hoi_nghi=`). Anonymous allowed."""
    unit = selectors.accepting_unit(unit_id)
    source = request.POST if request.method == "POST" else request.GET
    conference_param = source.get("hoi_nghi", "")
    conference = selectors.open_conference(unit, conference_param)
    closed = bool(conference_param) and conference is None
    if request.method != "POST":
        values: dict[str, Any] = {"village": "", "sector": ""}
        # A printed opinion form's QR names its village (`?thon=`): chosen in advance, still changeable.
        village_param = request.GET.get("thon", "")
        if village_param.isdigit() and any(str(v.pk) == village_param for v in selectors.form_villages(unit)):
            values["village"] = village_param
        user = request.user
        if user.is_authenticated and not selectors.acts_for_unit(user, unit):
            values["submitter_name"] = getattr(user, "full_name", "")  # offered; they may clear it
        token = secrets.token_urlsafe(24)
        return _form(request, unit, conference=conference, conference_closed=closed, token=token, values=values)

    token = request.POST.get("submission_key", "")
    values = _values(request)
    form: dict[str, Any] = {"conference": conference, "conference_closed": closed, "token": token, "values": values}
    if request.POST.get(HONEYPOT):
        errors = {"__all__": [_("Không gửi được ý kiến. Vui lòng tải lại trang và gửi lại.")]}
        return _form(request, unit, **form, errors=errors, status=400)
    if not selectors.online_key(token):
        # A form without its token (an old page, a hand-made request): a fresh one, and nothing lost.
        form["token"] = secrets.token_urlsafe(24)
        errors = {"__all__": [_("Trang đã cũ. Vui lòng bấm “Gửi ý kiến” lần nữa.")]}
        return _form(request, unit, **form, errors=errors, status=400)
    try:
        petition, _created = actions.submit_online(
            unit=unit,
            data={**values, "conference": conference},
            files=request.FILES.getlist("attachments"),
            submission_key=token,
            user=request.user,
            client_key=_address(request),
        )
    except actions.TooManyRequests as exc:
        # The form again, with what was typed, so that it can be sent later without typing it again.
        message = _(
            "Từ địa chỉ mạng này đã có nhiều ý kiến được gửi trong thời gian ngắn; để tránh gửi tự động, hệ thống "
            "tạm dừng nhận ý kiến từ địa chỉ này. Vui lòng thử lại sau %(at)s. Nội dung ông/bà đã nhập vẫn còn "
            "bên dưới."
        ) % {"at": _retry_text(exc.retry_at)}
        response = _form(request, unit, **form, errors={"__all__": [message]}, status=429)
        response["Retry-After"] = _retry_after(exc.retry_at)
        return response
    except ValidationError as exc:
        return _form(request, unit, **form, errors=error_dict(exc), status=400)
    return redirect("petitions_public:submitted", code=petition.tracking_code)


# ---------------------------------------------------------------- after sending, tracking


def _lookup(request: HttpRequest, code: str) -> tuple[selectors.TrackingView | None, HttpResponse | None]:
    """The petition of a code, or the response to give instead: 429 when throttled, 404 when unknown."""
    try:
        actions.TRACK_MISSES.check(_address(request))
    except actions.TooManyRequests as exc:
        return None, _too_many(
            request,
            exc,
            _("Có quá nhiều lần tra cứu với mã không đúng từ địa chỉ mạng này."),
        )
    view = selectors.tracking_view(code)
    if view is None:
        actions.TRACK_MISSES.hit(_address(request))
        return None, _not_found(request, code)
    return view, None


def _not_found(request: HttpRequest, typed: str) -> HttpResponse:
    """The same answer for a malformed and an unknown code: the form again, with one message."""
    response = render(
        request,
        "petitions/public/track_form.html",
        {"typed": typed[:40], "not_found": True},
        status=404,
    )
    return _private(response)


@require_safe
def submitted(request: HttpRequest, code: str) -> HttpResponse:
    """After sending: the tracking code, big, with its QR, to keep (the page of the PRG redirect)."""
    view, refusal = _lookup(request, code)
    if refusal is not None:
        return refusal
    assert view is not None
    if view.code != code:
        return redirect("petitions_public:submitted", code=view.code)
    url = _track_url(request, view.code)
    context = {"t": view, "track_url": url, "qr_svg": _qr_svg(url, scale=5)}
    return _private(render(request, "petitions/public/submitted.html", context))


@require_safe
def track_form(request: HttpRequest) -> HttpResponse:
    """Type the code: lower case, spaces and dashes are fine (`?ma=`)."""
    typed = request.GET.get("ma")
    if typed is None:
        return _private(render(request, "petitions/public/track_form.html", {"typed": ""}))
    view, refusal = _lookup(request, typed)
    if refusal is not None:
        return refusal
    assert view is not None
    return redirect("petitions_public:track", code=view.code)


def _track_page(
    request: HttpRequest, view: selectors.TrackingView, *, errors: dict[str, list[str]] | None = None, status: int = 200
) -> HttpResponse:
    context = {
        "t": view,
        "errors": errors or {},
        "note": request.POST.get("note", "") if errors else "",
        "track_url": _track_url(request, view.code),
    }
    return _private(render(request, "petitions/public/track.html", context, status=status))


@require_safe
def track(request: HttpRequest, code: str) -> HttpResponse:
    """Where a petition stands, its approved answer, and the citizen's word on it."""
    view, refusal = _lookup(request, code)
    if refusal is not None:
        return refusal
    assert view is not None
    if view.code != code:
        return redirect("petitions_public:track", code=view.code)
    return _track_page(request, view)


@require_POST
def satisfaction(request: HttpRequest, code: str) -> HttpResponse:
    """ "Đồng ý với trả lời" / "Chưa đồng ý" (+ reason) from the tracking page."""
    view, refusal = _lookup(request, code)
    if refusal is not None:
        return refusal
    assert view is not None
    word = request.POST.get("word", "")
    if word not in ("dong_y", "chua_dong_y"):
        return _track_page(request, view, errors={"satisfaction": [_("Chọn “Đồng ý” hoặc “Chưa đồng ý”.")]}, status=400)
    petition: Petition | None = by_tracking_code(view.code)
    assert petition is not None
    try:
        _petition, changed = actions.record_satisfaction(
            petition=petition,
            satisfied=word == "dong_y",
            note=request.POST.get("note", ""),
            client_key=_address(request),
        )
    except actions.TooManyRequests as exc:
        return _too_many(request, exc, _("Ý kiến về trả lời đã được thay đổi quá nhiều lần từ địa chỉ mạng này."))
    except ValidationError as exc:
        return _track_page(request, view, errors=error_dict(exc), status=400)
    if changed:
        messages.success(request, _("Cảm ơn ông/bà đã cho biết ý kiến về trả lời."))
    else:
        messages.info(request, _("Ý kiến của ông/bà đã được ghi nhận như vậy rồi."))
    return redirect("petitions_public:track", code=view.code)


# ---------------------------------------------------------------- "Ý kiến của tôi"


@login_required
@require_safe
def mine(request: HttpRequest) -> HttpResponse:
    """A signed-in citizen's own petitions sent online, with their status and code."""
    page = Paginator(selectors.my_petitions(request.user), MINE_PAGE_SIZE).get_page(request.GET.get("trang"))
    response = render(request, "petitions/public/mine.html", {"page": page})
    response["Cache-Control"] = "private, no-store"
    return response


URLS: list[URLPattern] = [
    path("gui/<int:unit_id>/", submit, name="submit"),
    path("da-gui/<str:code>/", submitted, name="submitted"),
    path("tra-cuu/", track_form, name="track_form"),
    path("tra-cuu/<str:code>/", track, name="track"),
    path("tra-cuu/<str:code>/y-kien-ve-tra-loi/", satisfaction, name="satisfaction"),
    path("cua-toi/", mine, name="mine"),
]
