"""The portal's form "Đăng ký phát biểu tại hội nghị" (no sign-in), mounted under /cong-khai/ (namespace
"live_public", see live/portal_urls.py).

Open while the conference is announced and has not started. Like the public petition form: a one-time token
makes sending twice register once (the page after is a redirect), a hidden box catches bots, and the same
limiter counts registrations per address (never stored). What was typed stays in the form on any refusal.
The page after sending shows what was registered from the session, so a reload or a shared link shows nothing
of anyone else's.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from doithoai.accounts.views import client_ip
from doithoai.conferences.models import Conference
from doithoai.core.forms import error_dict
from doithoai.live.actions import registrations as actions
from doithoai.live.models import SpeakingRequest
from doithoai.petitions.actions.public import TooManyRequests
from doithoai.petitions.selectors import public as petitions_public
from doithoai.petitions.views.public import _retry_after, _retry_text
from doithoai.plans.presets import names_of
from doithoai.portal.selectors import get_public_conference

HONEYPOT = "ghi_chu_khac"
SESSION_KEY = "doithoai_speaking_request"
FORM_FIELDS = {"village", "name", "show_name", "topic", "sector"}


def _values(request: HttpRequest) -> dict[str, Any]:
    post = request.POST
    return {
        "village": post.get("village", ""),
        "sector": post.get("sector", ""),
        "name": post.get("name", ""),
        "show_name": bool(post.get("show_name")),
        "topic": post.get("topic", ""),
    }


def _render(
    request: HttpRequest,
    conference: Conference,
    *,
    token: str,
    values: dict[str, Any],
    errors: dict[str, list[str]] | None = None,
    status: int = 200,
) -> HttpResponse:
    errors = errors or {}
    open_ = actions.is_entry_open(conference, public=True)
    context = {
        "conference": conference,
        "unit": conference.unit,
        "unit_full": names_of(conference.unit).full,
        "open": open_,
        "villages": petitions_public.form_villages(conference.unit) if open_ else [],
        "sectors": petitions_public.form_sectors(conference.unit) if open_ else [],
        "values": values,
        "errors": errors,
        "other_errors": [m for k, ms in errors.items() if k not in FORM_FIELDS for m in ms],
        "field_errors": any(k in FORM_FIELDS for k in errors),
        "token": token,
        "honeypot": HONEYPOT,
        "max_topic": actions.MAX_TOPIC,
    }
    response = render(request, "live/public/register.html", context, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def register(request: HttpRequest, conference_id: int) -> HttpResponse:
    conference = get_public_conference(conference_id)
    if request.method != "POST":
        values: dict[str, Any] = {"village": "", "sector": ""}
        return _render(request, conference, token=secrets.token_urlsafe(24), values=values)
    token = request.POST.get("submission_key", "")
    values = _values(request)
    if request.POST.get(HONEYPOT):
        errors = {"__all__": [_("Không gửi được đăng ký. Vui lòng tải lại trang và gửi lại.")]}
        return _render(request, conference, token=token, values=values, errors=errors, status=400)
    if not petitions_public.online_key(token):
        errors = {"__all__": [_("Trang đã cũ. Vui lòng bấm “Gửi đăng ký” lần nữa.")]}
        return _render(request, conference, token=secrets.token_urlsafe(24), values=values, errors=errors, status=400)
    try:
        registration, _created = actions.speaking_request_submit_public(
            conference=conference,
            data=values,
            submission_key=token,
            user=request.user,
            client_key=client_ip(request) or "",
        )
    except TooManyRequests as exc:
        message = _(
            "Từ địa chỉ mạng này đã có nhiều đăng ký được gửi trong thời gian ngắn; để tránh gửi tự động, hệ thống "
            "tạm dừng nhận đăng ký từ địa chỉ này. Vui lòng thử lại sau %(at)s. Nội dung ông/bà đã nhập vẫn còn "
            "bên dưới."
        ) % {"at": _retry_text(exc.retry_at)}
        response = _render(request, conference, token=token, values=values, errors={"__all__": [message]}, status=429)
        response["Retry-After"] = _retry_after(exc.retry_at)
        return response
    except ValidationError as exc:
        return _render(request, conference, token=token, values=values, errors=error_dict(exc), status=400)
    request.session[SESSION_KEY] = registration.pk
    return redirect("live_public:registered", conference_id=conference.pk)


@require_safe
def registered(request: HttpRequest, conference_id: int) -> HttpResponse:
    """After sending: what was registered (this browser's own registration only), and what happens next."""
    conference = get_public_conference(conference_id)
    pk = request.session.get(SESSION_KEY)
    registration = (
        SpeakingRequest.objects.filter(conference=conference, pk=pk).select_related("village", "sector").first()
        if isinstance(pk, int)
        else None
    )
    context = {"conference": conference, "unit": conference.unit, "registration": registration}
    response = render(request, "live/public/registered.html", context)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


URLS: list[URLPattern] = [
    path("hoi-nghi/<int:conference_id>/dang-ky-phat-bieu/", register, name="register"),
    path("hoi-nghi/<int:conference_id>/dang-ky-phat-bieu/da-gui/", registered, name="registered"),
]
