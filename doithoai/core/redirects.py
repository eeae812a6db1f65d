"""Where to go back to: a `next` address that a form or a link carries, or a URL stored on a row."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def is_safe_url(request: HttpRequest, url: str) -> bool:
    """Whether `url` stays on this site, and on a page served over HTTPS does not drop to plain HTTP: anything
    else would make the site an open redirect (a link to it that sends the person elsewhere)."""
    return bool(url) and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def safe_next(request: HttpRequest, default: str, *, query: bool = False) -> str:
    """The form's `next` field, or with `query` also the address's `?next=` (a page that renders the form
    carries it on), when it is safe; `default` otherwise."""
    target = request.POST.get("next") or (request.GET.get("next") if query else "") or ""
    return target if is_safe_url(request, target) else default
