"""Pages of the live room: the hall's screen. See views/__init__.py.

- `link_page` (tab "Màn hình hội trường"): how to open the screen in the hall: its link, QR code, a preview,
  and renewing the link;
- `show` / `public_show`: the screen itself, signed in or by its link (no sign-in);
- `state` / `public_state`: what the screen polls. With `?v=<version>` and nothing changed since, 204 (by
  the link: one query); otherwise the state as JSON (selectors/screen.py). Never cached by anyone.

The link (`screen_link`) is built from the address the secretary's page was opened with, as the
invitations' QR codes are: on the hall's LAN that is the server's address there (the page warns when it is
localhost).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_POST

from doithoai.conferences.models import Conference
from doithoai.core.forms import error_messages
from doithoai.core.permissions import has_perm
from doithoai.live import rules
from doithoai.live.actions import screen as actions
from doithoai.live.selectors import screen as selectors
from doithoai.live.views import conference_for
from doithoai.units.models import AdminUnit
from doithoai.units.views import unit_context

# How often the screen asks for news, in milliseconds (static/live/screen.js explains the choice).
POLL_MS = 500


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


def _asked_version(request: HttpRequest) -> int | None:
    try:
        return int(request.GET.get("v", ""))
    except ValueError:
        return None


def _is_local(request: HttpRequest) -> bool:
    """The page was opened as localhost: a link with that address works on this computer only."""
    host = urlsplit("//" + request.get_host()).hostname or ""
    return host in {"localhost", "::1"} or host.startswith("127.")


def _qr_svg(url: str) -> SafeString:
    # segno writes only the picture's path and escapes the title, so its SVG is safe to inline.
    svg = segno.make(url, error="m").svg_inline(
        scale=5, border=2, omitsize=True, dark="#000", light="#fff", svgclass="qr-code", title=_("Mã QR màn hình")
    )
    return mark_safe(svg)  # noqa: S308


def _screen(request: HttpRequest, state: dict[str, Any], state_url: str, *, public: bool) -> HttpResponse:
    response = render(
        request,
        "live/screen.html",
        {"state": state, "state_url": state_url, "poll_ms": POLL_MS, "public": public},
    )
    # The link is the key: never sent on to anyone as a Referer, never indexed.
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return _no_store(response)


def _state_response(state: dict[str, Any]) -> HttpResponse:
    return _no_store(JsonResponse(state, json_dumps_params={"ensure_ascii": False}))


def _unchanged() -> HttpResponse:
    return _no_store(HttpResponse(status=204))


# ---------------------------------------------------------------- staff (signed in)


@login_required
@require_GET
def link_page(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    unit, conference = conference_for(request, unit_id, conference_id)
    return _link_page(request, unit, conference)


def _link_page(
    request: HttpRequest, unit: AdminUnit, conference: Conference, *, errors: list[str] | None = None, status: int = 200
) -> HttpResponse:
    room = actions.screen_room(conference)
    link = request.build_absolute_uri(reverse("screen:show", args=[room.screen_token]))
    context = unit_context(request, unit)
    context.update(
        {
            "section": "plans",
            "live_tab": "screen",
            "conference": conference,
            "room": room,
            "screen_link": link,
            "screen_qr": _qr_svg(link),
            "show_url": reverse("live:screen_show", args=[unit.pk, conference.pk]),
            "local_only": _is_local(request),
            "can_renew": has_perm(request.user, rules.RUN_ROOM, unit),
            "renew_errors": errors or [],
        }
    )
    return render(request, "live/screen_link.html", context, status=status)


@login_required
@require_POST
def renew(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    unit, conference = conference_for(request, unit_id, conference_id, rules.RUN_ROOM)
    # The box is the confirmation when JavaScript is off (with it, the browser also asks).
    if request.POST.get("confirm") != "1":
        errors = [_("Đánh dấu xác nhận trước khi đổi liên kết: màn hình đang mở bằng liên kết cũ sẽ ngừng hiển thị.")]
        return _link_page(request, unit, conference, errors=errors, status=400)
    try:
        actions.screen_link_renew(actor=request.user, conference=conference)
    except ValidationError as exc:
        return _link_page(request, unit, conference, errors=error_messages(exc), status=400)
    messages.success(
        request, _("Đã đổi liên kết màn hình. Liên kết cũ không dùng được nữa: mở lại màn hình bằng liên kết mới.")
    )
    return redirect("live:screen", unit.pk, conference.pk)


@login_required
@require_GET
@xframe_options_sameorigin  # the preview on the screen tab frames it
def show(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    unit, conference = conference_for(request, unit_id, conference_id)
    state_url = reverse("live:screen_state", args=[unit.pk, conference.pk])
    return _screen(request, selectors.screen_state(conference), state_url, public=False)


@login_required
@require_GET
def state(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    _unit, conference = conference_for(request, unit_id, conference_id)
    asked = _asked_version(request)
    if asked is not None and asked == selectors.version_for_conference(conference):
        return _unchanged()
    return _state_response(selectors.screen_state(conference))


# ---------------------------------------------------------------- by the screen's link (no sign-in)


@require_GET
@xframe_options_sameorigin
def public_show(request: HttpRequest, token: str) -> HttpResponse:
    room = selectors.room_for_token(token)
    state_url = reverse("screen:state", args=[token])
    return _screen(request, selectors.screen_state(room), state_url, public=True)


@require_GET
def public_state(request: HttpRequest, token: str) -> HttpResponse:
    asked = _asked_version(request)
    if asked is not None:
        version = selectors.version_for_token(token)
        if version is None:
            return _no_store(HttpResponse(status=404))
        if version == asked:
            return _unchanged()
    return _state_response(selectors.screen_state(selectors.room_for_token(token)))


URLS: list[URLPattern] = [
    path("man-hinh/", link_page, name="screen"),
    path("man-hinh/trinh-chieu/", show, name="screen_show"),
    path("man-hinh/trang-thai/", state, name="screen_state"),
    path("man-hinh/doi-lien-ket/", renew, name="screen_renew"),
]
PUBLIC_URLS: list[URLPattern] = [
    path("<str:token>/", public_show, name="show"),
    path("<str:token>/trang-thai/", public_state, name="state"),
]
