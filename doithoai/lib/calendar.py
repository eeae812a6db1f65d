"""Working-day arithmetic over an explicit set of days off and make-up working days.

Pure: callers pass what is a holiday and what is a worked weekend day; the
`workdays` app builds those sets from the `holidays` package and the unit's
overrides.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Container

ONE_DAY = dt.timedelta(days=1)


def is_working_day(day: dt.date, *, days_off: Container[dt.date], extra_working_days: Container[dt.date]) -> bool:
    if day in extra_working_days:
        return True
    if day.weekday() >= 5:
        return False
    return day not in days_off


def add_working_days(
    start: dt.date, n: int, *, days_off: Container[dt.date], extra_working_days: Container[dt.date]
) -> dt.date:
    """The n-th working day after `start` (before it, for negative n).

    `start` itself never counts, as in "trong thời hạn 10 ngày làm việc kể từ
    ngày nhận": the deadline for a petition received on a Friday with n=1 is
    the next working day. n=0 returns `start` moved forward to a working day.
    """
    step = ONE_DAY if n >= 0 else -ONE_DAY
    day = start
    if n == 0:
        while not is_working_day(day, days_off=days_off, extra_working_days=extra_working_days):
            day += ONE_DAY
        return day
    remaining = abs(n)
    while remaining:
        day += step
        if is_working_day(day, days_off=days_off, extra_working_days=extra_working_days):
            remaining -= 1
    return day


def add_calendar_days(start: dt.date, n: int) -> dt.date:
    return start + dt.timedelta(days=n)


def working_days_between(
    start: dt.date, end: dt.date, *, days_off: Container[dt.date], extra_working_days: Container[dt.date]
) -> int:
    """Working days in (start, end]; negative when end is before start."""
    if end < start:
        return -working_days_between(end, start, days_off=days_off, extra_working_days=extra_working_days)
    count = 0
    day = start
    while day < end:
        day += ONE_DAY
        if is_working_day(day, days_off=days_off, extra_working_days=extra_working_days):
            count += 1
    return count
