"""Dates in the working-day calendar pages, written as Vietnamese documents write them."""

from __future__ import annotations

import datetime as dt

from django import template

from doithoai.lib import vndates

register = template.Library()


@register.filter
def vn_short(value: dt.date | None) -> str:
    """'05/6/2026'."""
    return vndates.short_date(value) if value else ""


@register.filter
def vn_weekday(value: dt.date | None) -> str:
    """'Thứ Sáu, ngày 05 tháng 6 năm 2026'."""
    return vndates.weekday_date(value) if value else ""


@register.filter
def vn_day_name(value: dt.date | None) -> str:
    """'Thứ Sáu'."""
    return vndates.WEEKDAYS[value.weekday()] if value else ""
