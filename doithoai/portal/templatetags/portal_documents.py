"""The documents the portal offers for download, as cards inside the unit's and the conference's pages."""

from __future__ import annotations

from typing import Any

from django import template

from doithoai.conferences.models import Conference
from doithoai.plans.models import Plan
from doithoai.portal import published

register = template.Library()

PURPOSE_LINES = 3


@register.inclusion_tag("portal/_plan_public.html")
def plan_public(plan: Plan) -> dict[str, Any]:
    """An issued plan's purpose in a few lines and its document to download."""
    lines = [line.strip(" -•\t") for line in (plan.purpose or "").splitlines() if line.strip(" -•\t")]
    return {
        "plan": plan,
        "purpose": lines[:PURPOSE_LINES],
        "more_purpose": len(lines) > PURPOSE_LINES,
        "documents": published.plan_documents(plan),
    }


@register.inclusion_tag("portal/_conference_documents.html")
def conference_documents_public(conference: Conference) -> dict[str, Any]:
    """The conference's plan, announcement and (once concluded) conclusion notice to download."""
    return {
        "conference": conference,
        "documents": [*published.plan_documents(conference.plan), *published.conference_documents(conference)],
    }
