"""Working-day arithmetic over an explicit set of days off and make-up working days.

Pure: callers pass what is a holiday and what is a worked weekend day; the
`workdays` app builds those sets from the `holidays` package and the unit's
overrides. The containers only need `in`, so a caller may pass objects that
load a year's days the first time a date of that year is asked about.

Rules (Bộ luật Lao động 2019, Điều 105 and 112; Nghị định 145/2020):
- Saturday and Sunday are days off unless they are a make-up working day
  ("làm bù") of the year's holiday schedule;
- a make-up working day is worked even though it is a weekend day;
- any other day is a working day unless it is a day off (holiday, nghỉ bù,
  extra day off announced for Tết…).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Container

ONE_DAY = dt.timedelta(days=1)
# No schedule has ever had this many days off in a row; past it the inputs are wrong.
_MAX_RUN_OF_DAYS_OFF = 366


def is_working_day(day: dt.date, *, days_off: Container[dt.date], extra_working_days: Container[dt.date]) -> bool:
    if day in extra_working_days:
        return True
    if day.weekday() >= 5:
        return False
    return day not in days_off


def roll_to_working_day(
    day: dt.date,
    *,
    days_off: Container[dt.date],
    extra_working_days: Container[dt.date],
    backward: bool = False,
) -> dt.date:
    """`day` itself when it is a working day, else the next one (the previous one with `backward`)."""
    step = -ONE_DAY if backward else ONE_DAY
    for _ in range(_MAX_RUN_OF_DAYS_OFF):
        if is_working_day(day, days_off=days_off, extra_working_days=extra_working_days):
            return day
        day += step
    raise ValueError("no working day within a year: the days off given are wrong")


def add_working_days(
    start: dt.date, n: int, *, days_off: Container[dt.date], extra_working_days: Container[dt.date]
) -> dt.date:
    """The n-th working day after `start` (before it, for negative n).

    `start` itself never counts, as in "trong thời hạn 10 ngày làm việc kể từ
    ngày nhận": the deadline for a petition received on a Friday with n=1 is
    the next working day. n=0 returns `start` moved forward to a working day.
    """
    if n == 0:
        return roll_to_working_day(start, days_off=days_off, extra_working_days=extra_working_days)
    step = ONE_DAY if n > 0 else -ONE_DAY
    day = start
    remaining = abs(n)
    run_of_days_off = 0
    while remaining:
        day += step
        if is_working_day(day, days_off=days_off, extra_working_days=extra_working_days):
            remaining -= 1
            run_of_days_off = 0
        else:
            run_of_days_off += 1
            if run_of_days_off > _MAX_RUN_OF_DAYS_OFF:
                raise ValueError("no working day within a year: the days off given are wrong")
    return day


def add_calendar_days(start: dt.date, n: int) -> dt.date:
    return start + dt.timedelta(days=n)


def working_days_between(
    start: dt.date, end: dt.date, *, days_off: Container[dt.date], extra_working_days: Container[dt.date]
) -> int:
    """Working days in (start, end]; negative when end is before start.

    The inverse of `add_working_days`: when `start` and `end` are working days,
    `add_working_days(start, working_days_between(start, end)) == end`.
    """
    if end < start:
        return -working_days_between(end, start, days_off=days_off, extra_working_days=extra_working_days)
    count = 0
    day = start
    while day < end:
        day += ONE_DAY
        if is_working_day(day, days_off=days_off, extra_working_days=extra_working_days):
            count += 1
    return count
