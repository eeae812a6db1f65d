"""The to-do panel of a unit's home page: the upper-level requirements on the unit, and the person's own tasks there."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from doithoai.lib.vndates import short_date
from doithoai.plans import selectors as plan_selectors
from doithoai.todo import selectors

register = template.Library()

PANEL_ROWS = 5
UPPER_KINDS = (selectors.UPPER_CONFERENCE, selectors.UPPER_FORWARDING)


@register.inclusion_tag("todo/_unit_panel.html", takes_context=True)
def unit_tasks(context: dict[str, Any], unit: Any) -> dict[str, Any]:
    """{% unit_tasks unit %}: a fixed number of queries."""
    request = context.get("request")
    user = getattr(request, "user", None)
    today = timezone.localdate()
    requirements = []
    for standing in plan_selectors.requirements_for([unit], today):
        groups = selectors.group_tasks(selectors.upper_tasks(standing), today)
        requirements.append({"standing": standing, "rows": [row for group in groups for row in group.rows]})
    memberships = selectors.memberships_of(user, unit) if user is not None else []
    own = [t for t in selectors.tasks_of(memberships, today) if t.kind not in UPPER_KINDS and not t.done]
    groups = selectors.group_tasks(own, today)
    return {
        "unit": unit,
        "requirements": requirements,
        "groups": groups,
        "next_rows": [row for group in groups for row in group.rows][:PANEL_ROWS],
        "open_count": len(own),
        "has_list": bool(memberships),
        "today_text": short_date(today),
    }
