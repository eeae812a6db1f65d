"""Dates as Vietnamese administrative documents write them (NĐ 30/2020, Phụ lục I)."""

from __future__ import annotations

import datetime as dt

WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]


def _day(value: dt.date) -> str:
    return f"{value.day:02d}"


def _month(value: dt.date) -> str:
    # NĐ 30: zero-pad days below 10 and the months 1 and 2 only.
    return f"{value.month:02d}" if value.month < 3 else str(value.month)


def document_date(value: dt.date) -> str:
    """'ngày 05 tháng 6 năm 2026'."""
    return f"ngày {_day(value)} tháng {_month(value)} năm {value.year}"


def place_and_date(place: str, value: dt.date) -> str:
    """'Điềm He, ngày 05 tháng 6 năm 2026': the place-and-date line of a document."""
    return f"{place}, {document_date(value)}"


def short_date(value: dt.date) -> str:
    """'05/6/2026' as officials write dates in tables and body text."""
    return f"{_day(value)}/{_month(value)}/{value.year}"


def weekday_date(value: dt.date) -> str:
    """'Thứ Sáu, ngày 05 tháng 6 năm 2026' for announcements."""
    return f"{WEEKDAYS[value.weekday()]}, {document_date(value)}"
