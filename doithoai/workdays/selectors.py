"""The working-day calendar of a unit: statutory holidays plus the overrides that apply to it.

`calendar_for(unit)` is what every other app uses to count legal deadlines
("trong thời hạn 10 ngày làm việc"). Days off are the public holidays of the
Labour Code as the `holidays` package computes them (lunar Tết, Giỗ Tổ Hùng
Vương, the days in lieu and the worked Saturdays the Government swaps them
with), plus the `CalendarOverride` rows that apply to the unit: nationwide
rows (no unit), the unit's own rows, and rows of every unit above it. On one
date the override of the lowest unit wins.
"""

from __future__ import annotations

import calendar as std_calendar
import datetime as dt
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import holidays
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from doithoai.lib import calendar as pure
from doithoai.lib.vndates import short_date
from doithoai.units.models import AdminUnit
from doithoai.workdays.models import CalendarOverride, OverrideKind

STATUTORY = "statutory"
OVERRIDE = "override"
# Years the calendar answers for; outside them the input is a typing mistake.
MIN_YEAR = 2000
MAX_YEAR = 2100


class CalendarDay(NamedTuple):
    date: dt.date
    name: str
    source: str  # STATUTORY or OVERRIDE


# ---------------------------------------------------------------- statutory days


@dataclass(frozen=True)
class _Statutory:
    days_off: dict[dt.date, str]
    working_days: dict[dt.date, str]


def _holiday_language() -> str:
    return "en_US" if (get_language() or "vi").startswith("en") else "vi"


@functools.lru_cache(maxsize=64)
def _statutory(year: int, language: str) -> _Statutory:
    """The public holidays of `year` and the weekend days worked in exchange for a day in lieu."""
    if not MIN_YEAR - 1 <= year <= MAX_YEAR + 1:
        return _Statutory({}, {})
    table = holidays.country_holidays("VN", years=year, language=language)
    days_off = {day: str(name) for day, name in sorted(table.items()) if day.year == year}
    vietnamese = table if language == "vi" else holidays.country_holidays("VN", years=year, language="vi")
    working_days = {}
    for day in sorted(getattr(table, "weekend_workdays", ())):
        if day.year != year:
            continue
        # The day in lieu names the Saturday it is swapped with: "Ngày nghỉ (thay cho ngày 22/08/2026)".
        swapped = next((d for d, name in vietnamese.items() if day.strftime("%d/%m/%Y") in str(name)), None)
        if swapped is not None:
            working_days[day] = _("Làm việc bù cho ngày nghỉ %(date)s") % {"date": short_date(swapped)}
        else:
            working_days[day] = _("Ngày làm việc bù theo lịch nghỉ của Nhà nước")
    return _Statutory(days_off, working_days)


# ---------------------------------------------------------------- overrides that apply


def ancestor_paths(unit: AdminUnit) -> list[str]:
    """'/9/719/' -> ['/9/', '/9/719/']: the paths of the unit and of every unit above it."""
    parts = [p for p in unit.path.split("/") if p]
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def applicable_overrides(unit: AdminUnit | None) -> QuerySet[CalendarOverride]:
    """Nationwide overrides, and those of the unit and every unit above it."""
    condition = Q(unit__isnull=True)
    if unit is not None:
        condition |= Q(unit__path__in=ancestor_paths(unit)) | Q(unit=unit)
    return CalendarOverride.objects.filter(condition).select_related("unit")


def _depth(override: CalendarOverride) -> int:
    return 0 if override.unit is None else override.unit.path.count("/")


def scope_label(override: CalendarOverride) -> str:
    """Whose decision an override is, for messages: 'toàn quốc' or the unit's name."""
    return _("toàn quốc") if override.unit is None else override.unit.name


# ---------------------------------------------------------------- the calendar


class _YearSet:
    """A container of dates that loads a year of the calendar the first time one of its dates is asked about."""

    def __init__(self, calendar: WorkingCalendar, working: bool) -> None:
        self._calendar = calendar
        self._working = working

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, dt.date):
            return False
        year = self._calendar._year(day.year)
        return day in (year.extra_working_days if self._working else year.days_off)


@dataclass
class _Year:
    days_off: set[dt.date] = field(default_factory=set)
    extra_working_days: set[dt.date] = field(default_factory=set)


class WorkingCalendar:
    """Working days of one unit (or the nationwide calendar, for no unit).

    Overrides are read with one query, the first time they are needed;
    statutory holidays are computed for each year as dates of that year are
    asked about, so a range spanning New Year needs nothing more.
    """

    def __init__(self, unit: AdminUnit | None, *, overrides: Iterable[CalendarOverride] | None = None) -> None:
        self.unit = unit
        self._given_overrides = list(overrides) if overrides is not None else None
        self._effective: dict[dt.date, CalendarOverride] | None = None
        self._years: dict[int, _Year] = {}
        self._language = _holiday_language()
        self._days_off = _YearSet(self, working=False)
        self._extra_working_days = _YearSet(self, working=True)

    # -- loading

    def _overrides(self) -> dict[dt.date, CalendarOverride]:
        if self._effective is None:
            rows = self._given_overrides
            if rows is None:
                rows = list(applicable_overrides(self.unit))
            effective: dict[dt.date, CalendarOverride] = {}
            # The lowest unit's override of a date wins: apply them from the top down.
            for row in sorted(rows, key=_depth):
                effective[row.date] = row
            self._effective = effective
        return self._effective

    def _year(self, year: int) -> _Year:
        loaded = self._years.get(year)
        if loaded is None:
            statutory = _statutory(year, self._language)
            loaded = _Year(set(statutory.days_off), set(statutory.working_days))
            for day, override in self._overrides().items():
                if day.year != year:
                    continue
                if override.kind == OverrideKind.DAY_OFF:
                    loaded.days_off.add(day)
                    loaded.extra_working_days.discard(day)
                else:
                    loaded.extra_working_days.add(day)
                    loaded.days_off.discard(day)
            self._years[year] = loaded
        return loaded

    # -- questions

    def is_working_day(self, day: dt.date) -> bool:
        return pure.is_working_day(day, days_off=self._days_off, extra_working_days=self._extra_working_days)

    def next_working_day(self, day: dt.date, *, backward: bool = False) -> dt.date:
        """`day` itself when it is a working day, else the next (previous) one."""
        return pure.roll_to_working_day(
            day, days_off=self._days_off, extra_working_days=self._extra_working_days, backward=backward
        )

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        """The n-th working day after `day`, not counting `day` itself (before it, for negative n)."""
        return pure.add_working_days(day, n, days_off=self._days_off, extra_working_days=self._extra_working_days)

    def add_calendar_days(self, day: dt.date, n: int, *, roll_to_working_day: bool = True) -> dt.date:
        """`day` + n days. A deadline that ends on a day off ends on the next working day.

        Bộ luật Dân sự 2015, Điều 148 khoản 5: "khi ngày cuối cùng của thời hạn
        là ngày nghỉ cuối tuần hoặc ngày nghỉ lễ thì thời hạn kết thúc tại thời
        điểm kết thúc ngày làm việc tiếp theo ngày nghỉ đó". Counting backwards
        (n < 0, "at least N days before"), the date moves to the working day
        before instead. `roll_to_working_day=False` gives the bare date.
        """
        result = pure.add_calendar_days(day, n)
        if roll_to_working_day:
            result = self.next_working_day(result, backward=n < 0)
        return result

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days in (start, end]; negative when end is before start."""
        return pure.working_days_between(
            start, end, days_off=self._days_off, extra_working_days=self._extra_working_days
        )

    def statutory_holiday(self, day: dt.date) -> str | None:
        """The name of the public holiday on `day`, whatever the overrides say."""
        return _statutory(day.year, self._language).days_off.get(day)

    def statutory_working_day(self, day: dt.date) -> str | None:
        """Why a weekend `day` is worked under the Government's schedule, if it is."""
        return _statutory(day.year, self._language).working_days.get(day)

    def override_on(self, day: dt.date) -> CalendarOverride | None:
        """The override in force on `day` (the lowest unit's), if any."""
        return self._overrides().get(day)

    def describe(self, day: dt.date) -> tuple[str, str]:
        """(status, name) of a day: status is 'holiday', 'day_off', 'make_up', 'weekend' or 'working'."""
        override = self.override_on(day)
        if override is not None:
            if override.kind == OverrideKind.DAY_OFF:
                return "day_off", override.reason
            return "make_up", override.reason
        if (name := self.statutory_working_day(day)) is not None:
            return "make_up", name
        if (name := self.statutory_holiday(day)) is not None:
            return "holiday", name
        if day.weekday() >= 5:
            return "weekend", ""
        return "working", ""

    def days_off(self, year: int) -> list[CalendarDay]:
        """Every day off of `year` other than ordinary weekends, with its name and where it comes from."""
        result: list[CalendarDay] = []
        for day in sorted(self._year(year).days_off):
            override = self.override_on(day)
            name = self.statutory_holiday(day)
            if name is not None:
                result.append(CalendarDay(day, name, STATUTORY))
            elif override is not None:
                result.append(CalendarDay(day, override.reason, OVERRIDE))
        return result

    def make_up_days(self, year: int) -> list[CalendarDay]:
        """The weekend days worked in `year`, with their reason and where they come from."""
        result: list[CalendarDay] = []
        for day in sorted(self._year(year).extra_working_days):
            override = self.override_on(day)
            if override is not None:
                result.append(CalendarDay(day, override.reason, OVERRIDE))
            else:
                result.append(CalendarDay(day, self.statutory_working_day(day) or "", STATUTORY))
        return result

    def days_off_between(self, start: dt.date, end: dt.date) -> list[CalendarDay]:
        """The days off strictly between `start` and `end` other than ordinary weekends, in date order."""
        low, high = min(start, end), max(start, end)
        return [
            entry for year in range(low.year, high.year + 1) for entry in self.days_off(year) if low < entry.date < high
        ]


def calendar_for(unit: AdminUnit | None) -> WorkingCalendar:
    """The working-day calendar of `unit`; the nationwide one for None."""
    return WorkingCalendar(unit)


# ---------------------------------------------------------------- pages


def get_override(unit: AdminUnit, override_id: int) -> CalendarOverride:
    """An override shown on the unit's page that may be deleted there: its own, or a nationwide one."""
    override = (
        CalendarOverride.objects.filter(Q(unit=unit) | Q(unit__isnull=True), pk=override_id)
        .select_related("unit")
        .first()
    )
    if override is None:
        raise Http404
    return override


@dataclass
class YearOverrides:
    national: list[CalendarOverride]
    above: list[CalendarOverride]
    own: list[CalendarOverride]


def overrides_of_year(unit: AdminUnit, year: int) -> YearOverrides:
    rows = list(applicable_overrides(unit).filter(date__year=year).order_by("date"))
    return YearOverrides(
        national=[o for o in rows if o.unit_id is None],
        above=[o for o in rows if o.unit_id is not None and o.unit_id != unit.pk],
        own=[o for o in rows if o.unit_id == unit.pk],
    )


@dataclass
class DayCell:
    date: dt.date
    status: str
    name: str
    is_today: bool


@dataclass
class Month:
    number: int
    weeks: list[list[DayCell | None]]


def year_grid(calendar: WorkingCalendar, year: int, today: dt.date) -> list[Month]:
    """Twelve months of weeks (Monday first) of described days, None outside the month."""
    months = []
    for month in range(1, 13):
        weeks: list[list[DayCell | None]] = []
        for week in std_calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
            cells: list[DayCell | None] = []
            for day in week:
                if day.month != month:
                    cells.append(None)
                    continue
                status, name = calendar.describe(day)
                cells.append(DayCell(day, status, name, day == today))
            weeks.append(cells)
        months.append(Month(month, weeks))
    return months


def parse_year(value: Any, default: int) -> int:
    """The year asked for in `?nam=`, or `default` when it is missing or absurd."""
    text = str(value or "").strip()
    if not re.fullmatch(r"\d{4}", text):
        return default
    year = int(text)
    return year if MIN_YEAR <= year <= MAX_YEAR else default


@dataclass
class Deadline:
    start: dt.date
    n: int
    working: bool
    result: dt.date
    # Counting calendar days: the date before it moved off a day off, when it did.
    bare: dt.date | None
    bare_status: tuple[str, str] | None
    # The days off (other than ordinary weekends) between the start and the result.
    skipped: list[CalendarDay]


def deadline(calendar: WorkingCalendar, start: dt.date, n: int, *, working: bool) -> Deadline:
    """What the deadline calculator shows: the date n (working) days from `start`, and why."""
    if working:
        result = calendar.add_working_days(start, n)
        bare = None
    else:
        result = calendar.add_calendar_days(start, n)
        plain = calendar.add_calendar_days(start, n, roll_to_working_day=False)
        bare = plain if plain != result else None
    return Deadline(
        start=start,
        n=n,
        working=working,
        result=result,
        bare=bare,
        bare_status=calendar.describe(bare) if bare is not None else None,
        skipped=calendar.days_off_between(start, result),
    )
