"""`{% load live_registration %}`: whether a conference takes registrations to speak on the portal."""

from __future__ import annotations

from django import template

from doithoai.conferences.models import Conference
from doithoai.live.actions.registrations import is_entry_open

register = template.Library()


@register.filter
def takes_speaking_requests(conference: Conference) -> bool:
    """Announced and not started (the portal's form is open)."""
    return isinstance(conference, Conference) and is_entry_open(conference, public=True)
