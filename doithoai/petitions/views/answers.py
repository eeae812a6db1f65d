from __future__ import annotations

from django.urls import URLPattern

URLS: list[URLPattern] = []


def detail_panel(request, unit, petition) -> str:  # type: ignore[no-untyped-def]
    """HTML of this area's panel on one petition's page (views.staff renders it); "" when none."""
    return ""
