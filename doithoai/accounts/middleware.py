from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from doithoai.accounts.selectors import two_factor_required

# Pages a signed-in person who still owes a second factor may reach.
_TWO_FACTOR_EXEMPT = ("accounts:two_factor_verify", "accounts:two_factor_setup", "accounts:logout")


class TwoFactorEnforcementMiddleware:
    """Idle timeout for sessions, and two-factor sign-in where a unit requires it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get("last_seen")
            if last_seen is not None and now - int(last_seen) > settings.SESSION_IDLE_SECONDS:
                logout(request)
                return redirect(f"{reverse(settings.LOGIN_URL)}?next={request.path}")
            request.session["last_seen"] = now
            # Decided once per session: a unit that starts requiring two-factor
            # sign-in applies from its staff's next sign-in.
            if "two_factor_required" not in request.session:
                request.session["two_factor_required"] = two_factor_required(user)
            if request.session["two_factor_required"] and not user.is_verified():
                exempt = {reverse(name) for name in _TWO_FACTOR_EXEMPT}
                if request.path not in exempt and not request.path.startswith(settings.STATIC_URL):
                    return redirect(f"{reverse('accounts:two_factor_verify')}?next={request.path}")
        return self.get_response(request)
