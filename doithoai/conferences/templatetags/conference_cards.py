"""Cards of the conference's pages: "Công bố kết quả" (the three channels of the conclusion notice) on the
conference's page, and the plan's duties dated from the conference not yet given to it on the timeline."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from doithoai.conferences import actions, rules, selectors, workflow
from doithoai.conferences.forms import PublicationForm
from doithoai.conferences.models import Conference, ConferenceStatus
from doithoai.core.permissions import has_perm

register = template.Library()

SHOWN_STATES = frozenset({ConferenceStatus.HELD, ConferenceStatus.CONCLUDED})


@register.inclusion_tag("conferences/_publications.html", takes_context=True)
def publication_card(context: template.Context, conference: Conference) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    shown = conference.status in SHOWN_STATES
    return {
        "conference": conference,
        "unit": conference.unit,
        "shown": shown,
        "card": selectors.publication_card(conference, timezone.localdate()) if shown else None,
        "can_record": shown
        and conference.status == ConferenceStatus.CONCLUDED
        and has_perm(user, rules.RECORD_PUBLICATION, conference.unit),
        "form": PublicationForm(),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("conferences/_duties.html", takes_context=True)
def duties_card(context: template.Context, conference: Conference) -> dict[str, Any]:
    """The button that gives the conference the plan's duties dated from it, while some are not given yet."""
    request = context.get("request")
    user = getattr(request, "user", None)
    may = conference.status in workflow.STEP_STATES and has_perm(user, rules.EDIT_TIMELINE, conference.unit)
    pending = actions.duties_to_assign(conference) if may else []
    return {
        "conference": conference,
        "unit": conference.unit,
        "pending": pending,
        "csrf_token": context.get("csrf_token"),
    }
