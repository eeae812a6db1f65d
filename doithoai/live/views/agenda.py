"""Pages of the live room: agenda. See views/__init__.py."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path


def page(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    raise Http404  # placeholder until this area is built


URLS = [path("chuong-trinh/", page, name="agenda")]
