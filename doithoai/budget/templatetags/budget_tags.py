from __future__ import annotations

from typing import Any

from django import template

from doithoai.lib.numbers import grouped

register = template.Library()


@register.filter
def dong(amount: Any) -> str:
    """2500000 → "2.500.000"."""
    return grouped(amount)
