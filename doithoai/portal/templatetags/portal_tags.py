"""The portal inside other pages: upcoming conferences on the home pages, links for staff."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from doithoai.conferences.models import Conference
from doithoai.portal import display, selectors

register = template.Library()


@register.inclusion_tag("portal/_upcoming_embed.html")
def portal_upcoming(limit: int = 3) -> dict[str, Any]:
    """The next few announced conferences, for the start page of visitors and citizens."""
    conferences = list(selectors.upcoming()[: limit + 1])
    return {
        "cards": display.cards(conferences[:limit], timezone.localdate()),
        "more": len(conferences) > limit,
    }


@register.filter
def portal_is_public(conference: Conference) -> bool:
    """Whether the conference has a page on the public portal (announced, or later)."""
    return selectors.public_conferences().filter(pk=conference.pk).exists()
