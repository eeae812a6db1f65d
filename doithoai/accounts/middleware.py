from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from doithoai.accounts.selectors import confirmed_device, two_factor_required

# Pages a signed-in person who still owes a second factor may reach.
_TWO_FACTOR_EXEMPT = ("accounts:two_factor_verify", "accounts:two_factor_setup", "accounts:logout", "set_language")


def _redirect(request: HttpRequest, url: str) -> HttpResponse:
    """A redirect that also works for htmx requests, which would otherwise swap the target page into a fragment."""
    if request.headers.get("HX-Request") == "true":
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return HttpResponseRedirect(url)


class TwoFactorEnforcementMiddleware:
    """Session limits (a working day, two idle hours), and two-factor sign-in where it applies.

    Django's own expiry (SESSION_COOKIE_AGE) is renewed whenever the session is
    saved, which happens on every request here, so the working-day limit is
    counted from `signed_in_at` instead.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get("last_seen")
            signed_in_at = request.session.setdefault("signed_in_at", now)
            idle = last_seen is not None and now - int(last_seen) > settings.SESSION_IDLE_SECONDS
            too_long = now - int(signed_in_at) > settings.SESSION_COOKIE_AGE
            if idle or too_long:
                logout(request)
                query = urlencode({"next": request.get_full_path(), "expired": "1"})
                return _redirect(request, f"{reverse(settings.LOGIN_URL)}?{query}")
            # Writing the session costs queries on every page; a minute's precision is plenty for a 2-hour limit.
            if last_seen is None or now - int(last_seen) >= 60:
                request.session["last_seen"] = now
            # Decided once per session: a unit that starts requiring two-factor
            # sign-in applies from its staff's next sign-in.
            if "two_factor_required" not in request.session:
                request.session["two_factor_required"] = two_factor_required(user)
            if request.session["two_factor_required"] and not user.is_verified():
                exempt = {reverse(name) for name in _TWO_FACTOR_EXEMPT}
                if request.path not in exempt and not request.path.startswith(settings.STATIC_URL):
                    # Someone who has not set up an authenticator app yet must do so before anything else.
                    step = "accounts:two_factor_verify" if confirmed_device(user) else "accounts:two_factor_setup"
                    return _redirect(request, f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
