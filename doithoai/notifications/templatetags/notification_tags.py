"""The bell in the top bar: `{% load notification_tags %}{% unread_notification_count as n %}` (one query)."""

from __future__ import annotations

from typing import Any

from django import template

from doithoai.notifications import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notification_count(context: template.Context) -> int:
    user: Any = context.get("user")
    if user is None:
        request = context.get("request")
        user = getattr(request, "user", None)
    return selectors.unread_count(user)
