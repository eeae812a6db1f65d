"""The figures of one unit's dashboard for a period: what the page, its charts and the period workbook show.

Every petition figure is `Count("pk", filter=measures.condition(...))` over the unit's petitions received in the
period (`Period`, decision 95), optionally of one conference: the same rows the petitions list shows for the
link built next to the figure (`petition_params`), so that a figure and its list cannot disagree (decision 93).
Everything is counted by the database in a fixed number of queries (seven aggregates and the unit's three
short lists of names, whatever the number of petitions), served by the petitions' index on (unit, received_on).
The petitions of the period are read in three passes, each grouped by a few dimensions at once (sector ×
department; village × channel × status; month), so that the groups stay few (at most a few hundred, whatever
the number of petitions) and are added up here into each dimension; no petition row is loaded.
One pass per dimension cost twice as much on a busy commune; joining the names of sectors, villages and
departments in those passes cost twice as much again on PostgreSQL (it hashed the whole country's lists).

Two trends look beyond the period on purpose: the last conferences of the unit (all years; a conference's
petitions are all those attached to it, as the results report counts them) and the last three years.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from doithoai.conferences.models import Conference, ConferenceStatus
from doithoai.delegates.models import Delegate
from doithoai.delegates.selectors import NAMED, PRESENT
from doithoai.petitions import measures
from doithoai.petitions.measures import ROUTES, Measure
from doithoai.petitions.models import Channel, Petition, PetitionStatus, Sector
from doithoai.reports.periods import Period
from doithoai.units.models import AdminUnit, Department, Village

M = Measure
MEASURE_VALUES = frozenset(Measure.values)
# How many of the unit's latest conferences the per-conference trend shows, and how many years the yearly one.
LAST_CONFERENCES = 8
LAST_YEARS = 3
HELD = (ConferenceStatus.HELD, ConferenceStatus.CONCLUDED)
PLANNED = (ConferenceStatus.PLANNED, ConferenceStatus.ANNOUNCED)


def _counts(today: dt.date, names: Iterable[str]) -> dict[str, Count]:
    return {str(name): Count("pk", filter=measures.condition(name, today)) for name in names}


# The counts every grouped row carries: the five routes (which add up to the total), the deadlines and the
# citizen's word.
ROW_MEASURES = (*ROUTES, M.ANSWERED, M.WITH_DEADLINE, M.ON_TIME, M.LATE, M.OVERDUE, M.SATISFIED, M.UNSATISFIED)
# What the villages', channels' and statuses' tables show (without the join to the answers).
SMALL_MEASURES = (M.ANSWERED, M.OVERDUE)
# What the yearly trend shows.
YEAR_MEASURES = (M.ANSWERED, M.ON_TIME, M.LATE)


@dataclass
class Figures:
    """Counts of petitions: `total`, one per measure (`by[measure]`), and the reopened ones."""

    total: int = 0
    by: dict[str, int] = field(default_factory=dict)
    reopened: int = 0

    def __getitem__(self, measure: str) -> int:
        # Anything but a measure is a KeyError, so that templates fall back to the attributes (`figures.total`).
        if measure not in MEASURE_VALUES:
            raise KeyError(measure)
        return self.by.get(str(measure), 0)

    def add(self, other: Figures) -> None:
        self.total += other.total
        self.reopened += other.reopened
        for key, value in other.by.items():
            self.by[key] = self.by.get(key, 0) + value

    @property
    def answered_rate(self) -> float | None:
        return measures.rate(self[M.ANSWERED], self.total)

    @property
    def on_time_rate(self) -> float | None:
        return measures.rate(self[M.ON_TIME], self[M.ON_TIME] + self[M.LATE])

    @property
    def satisfaction_rate(self) -> float | None:
        return measures.rate(self[M.SATISFIED], self[M.SATISFIED] + self[M.UNSATISFIED])

    @property
    def routes(self) -> list[tuple[str, int]]:
        return [(str(route), self[route]) for route in ROUTES]


@dataclass
class Row:
    """One group of petitions (a sector, a village, a channel, a status, a department)."""

    key: Any  # the id or the value the list filters on; None for "not given"
    label: str
    figures: Figures


@dataclass
class ConferenceRow:
    pk: int
    title: str
    starts_at: dt.datetime
    status: str
    status_label: str
    invited: int = 0
    present: int = 0
    petitions: int = 0
    answered: int = 0


@dataclass
class ConferenceFigures:
    total: int = 0
    planned: int = 0  # planned or announced
    held: int = 0  # held, or concluded (its conclusions published)
    cancelled: int = 0
    invited: int = 0
    present: int = 0

    @property
    def attendance_rate(self) -> float | None:
        return measures.rate(self.present, self.invited)


@dataclass
class Month:
    start: dt.date  # the month's first day in the period (the period may start inside it)
    end: dt.date
    count: int
    previous_start: dt.date  # the same days a year earlier
    previous_end: dt.date
    previous_count: int


@dataclass
class Year:
    year: int
    figures: Figures


@dataclass
class UnitDashboard:
    unit: AdminUnit
    period: Period
    today: dt.date
    conference: ConferenceRow | None  # the conference the petition figures are narrowed to, if any
    conferences: ConferenceFigures
    period_conferences: list[ConferenceRow]  # the conferences that start in the period
    conference_rows: list[ConferenceRow]  # those the page shows: the one chosen, or all of the period's
    totals: Figures
    sectors: list[Row]
    villages: list[Row]
    channels: list[Row]
    statuses: list[Row]
    departments: list[Row]
    months: list[Month]
    recent_conferences: list[ConferenceRow]  # the last ones of the unit (all years), oldest first
    years: list[Year]

    @property
    def is_empty(self) -> bool:
        return not self.totals.total and not self.conferences.total


def _figures(row: dict[str, Any]) -> Figures:
    return Figures(
        total=row["n"], by={str(m): row[str(m)] for m in MEASURE_VALUES if m in row}, reopened=row["reopened"]
    )


def _shift_year(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _month_end(day: dt.date) -> dt.date:
    following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def _as_date(value: Any) -> dt.date:
    # TruncMonth of a date is a date on both databases; be lenient with a datetime all the same.
    return value.date() if isinstance(value, dt.datetime) else value


def _row(rows: dict[Any, Row], key: Any, label: Any) -> Row:
    if key not in rows:
        rows[key] = Row(key=key, label=str(label) if label is not None else "", figures=Figures())
    return rows[key]


def unit_dashboard(
    unit: AdminUnit, period: Period, *, today: dt.date | None = None, conference: int | None = None
) -> UnitDashboard:
    """The dashboard of `unit` for `period`, its petition figures narrowed to `conference` when that is one of
    the conferences starting in the period (any other id is ignored)."""
    today = today or timezone.localdate()
    since, until = period.bounds()

    # 1. The conferences that start in the period.
    period_conferences = [
        ConferenceRow(
            pk=c["pk"],
            title=c["title"],
            starts_at=c["starts_at"],
            status=c["status"],
            status_label=str(ConferenceStatus(c["status"]).label),
        )
        for c in Conference.objects.filter(unit=unit, starts_at__gte=since, starts_at__lt=until)
        .order_by("starts_at", "pk")
        .values("pk", "title", "starts_at", "status")
    ]
    chosen = next((c for c in period_conferences if c.pk == conference), None)
    shown = [chosen] if chosen else period_conferences
    # 2. The unit's last conferences (all years), for the trend: those held or due by today, not cancelled.
    recent = [
        ConferenceRow(
            pk=c["pk"],
            title=c["title"],
            starts_at=c["starts_at"],
            status=c["status"],
            status_label=str(ConferenceStatus(c["status"]).label),
        )
        for c in Conference.objects.filter(unit=unit, starts_at__lt=_next_day(today))
        .exclude(status=ConferenceStatus.CANCELLED)
        .order_by("-starts_at", "-pk")
        .values("pk", "title", "starts_at", "status")[:LAST_CONFERENCES]
    ][::-1]
    ids = {c.pk for c in period_conferences} | {c.pk for c in recent}
    # 3. Attendance (as the results report counts it: named delegates; invited unless a walk-in; present when
    # checked in) and 4. the petitions of each conference (all of them, whenever received).
    attendance: dict[int, dict[str, Any]] = {}
    per_conference: dict[int, dict[str, Any]] = {}
    if ids:
        attendance = {
            r["conference_id"]: dict(r)
            for r in Delegate.objects.filter(conference_id__in=ids)
            .filter(NAMED)
            .values("conference_id")
            .annotate(invited=Count("pk", filter=Q(walk_in=False)), present=Count("pk", filter=PRESENT))
            .order_by()
        }
        per_conference = {
            r["conference_id"]: dict(r)
            for r in Petition.objects.filter(unit=unit, conference_id__in=ids)
            .values("conference_id")
            .annotate(n=Count("pk"), answered=Count("pk", filter=measures.condition(M.ANSWERED, today)))
            .order_by()
        }
    for item in [*period_conferences, *recent]:
        item.invited = attendance.get(item.pk, {}).get("invited", 0)
        item.present = attendance.get(item.pk, {}).get("present", 0)
        item.petitions = per_conference.get(item.pk, {}).get("n", 0)
        item.answered = per_conference.get(item.pk, {}).get("answered", 0)
    conference_figures = ConferenceFigures(
        total=len(shown),
        planned=sum(1 for c in shown if c.status in PLANNED),
        held=sum(1 for c in shown if c.status in HELD),
        cancelled=sum(1 for c in shown if c.status == ConferenceStatus.CANCELLED),
        invited=sum(c.invited for c in shown),
        present=sum(c.present for c in shown),
    )

    # The petitions received in the period (of the conference chosen), in three passes over them.
    base = Petition.objects.filter(unit=unit, received_on__gte=period.start, received_on__lte=period.end)
    if chosen:
        base = base.filter(conference_id=chosen.pk)
    # 5. Sector × department, with every route, deadline and satisfaction count: at most a hundred groups, added
    # up here into the sectors, the departments and the totals.
    # The names come from the unit's own short lists: joined in the aggregate, PostgreSQL hashed every unit's
    # sectors and departments of the country (57,000 rows) to name a few dozen groups, which was most of its time.
    sector_names = dict(Sector.objects.filter(unit=unit).values_list("pk", "name"))
    department_names = dict(Department.objects.filter(unit=unit).values_list("pk", "name"))
    village_names = dict(Village.objects.filter(unit=unit).values_list("pk", "name"))
    by_sector: dict[Any, Row] = {}
    by_department: dict[Any, Row] = {}
    totals = Figures()
    for r in (
        base.values("sector_id", "assigned_department_id")
        .annotate(n=Count("pk"), reopened=Count("pk", filter=Q(reopen_count__gt=0)), **_counts(today, ROW_MEASURES))
        .order_by()
    ):
        figures = _figures(dict(r))
        totals.add(figures)
        _row(by_sector, r["sector_id"], sector_names.get(r["sector_id"])).figures.add(figures)
        if r["assigned_department_id"] is not None:
            department = r["assigned_department_id"]
            _row(by_department, department, department_names.get(department, "")).figures.add(figures)
    sectors = sorted(by_sector.values(), key=lambda r: (r.key is None, -r.figures.total, r.label))
    departments = sorted(by_department.values(), key=lambda r: (-r.figures[M.OVERDUE], -r.figures.total, r.label))
    # 6. Village × channel × status: the other dimensions, with what their tables show (answered, overdue).
    by_village: dict[Any, Row] = {}
    by_channel: dict[Any, Row] = {}
    by_status: dict[Any, Row] = {}
    channel_labels, status_labels = dict(Channel.choices), dict(PetitionStatus.choices)
    for v in (
        base.values("village_id", "channel", "status")
        .annotate(n=Count("pk"), reopened=Count("pk", filter=Q(reopen_count__gt=0)), **_counts(today, SMALL_MEASURES))
        .order_by()
    ):
        figures = _figures(dict(v))
        _row(by_village, v["village_id"], village_names.get(v["village_id"])).figures.add(figures)
        _row(by_channel, v["channel"], channel_labels.get(v["channel"], v["channel"])).figures.add(figures)
        _row(by_status, v["status"], status_labels.get(v["status"], v["status"])).figures.add(figures)
    villages = sorted(by_village.values(), key=lambda r: (r.key is None, -r.figures.total, r.label))
    channels = sorted(by_channel.values(), key=lambda r: -r.figures.total)
    status_order = list(PetitionStatus.values)
    statuses = sorted(by_status.values(), key=lambda r: status_order.index(r.key) if r.key in status_order else 99)

    # 7. Per month over the last three years (to the period's) and the period a year earlier: the months of the
    # period and of the year before (of the conference chosen), and the whole years (of every conference).
    previous_start, previous_end = _shift_year(period.start, -1), _shift_year(period.end, -1)
    last_year = period.end.year
    first_year = last_year - LAST_YEARS + 1
    in_period = Q(received_on__gte=period.start, received_on__lte=period.end)
    in_previous = Q(received_on__gte=previous_start, received_on__lte=previous_end)
    if chosen:
        in_period &= Q(conference_id=chosen.pk)
        in_previous &= Q(conference_id=chosen.pk)
    current: dict[dt.date, int] = defaultdict(int)
    previous: dict[dt.date, int] = defaultdict(int)
    yearly: dict[int, Figures] = {year: Figures() for year in range(first_year, last_year + 1)}
    for m in (
        Petition.objects.filter(
            unit=unit,
            received_on__gte=min(dt.date(first_year, 1, 1), previous_start),
            received_on__lte=dt.date(last_year, 12, 31),
        )
        .annotate(month=TruncMonth("received_on"))
        .values("month")
        .annotate(
            n=Count("pk"),
            reopened=Count("pk", filter=Q(reopen_count__gt=0)),
            cur=Count("pk", filter=in_period),
            prev=Count("pk", filter=in_previous),
            **_counts(today, YEAR_MEASURES),
        )
        .order_by()
    ):
        month = _as_date(m["month"])
        current[month] += m["cur"]
        previous[month] += m["prev"]
        if month.year in yearly:
            yearly[month.year].add(_figures(dict(m)))
    months = []
    first = period.start
    while first <= period.end:
        last = min(_month_end(first), period.end)
        before_start, before_end = _shift_year(first, -1), _shift_year(last, -1)
        months.append(
            Month(
                start=first,
                end=last,
                count=current[first.replace(day=1)],
                previous_start=before_start,
                previous_end=before_end,
                previous_count=previous[before_start.replace(day=1)],
            )
        )
        first = last + dt.timedelta(days=1)
    years = [Year(year, figures) for year, figures in yearly.items()]

    return UnitDashboard(
        unit=unit,
        period=period,
        today=today,
        conference=chosen,
        conferences=conference_figures,
        period_conferences=period_conferences,
        conference_rows=shown,
        totals=totals,
        sectors=sectors,
        villages=villages,
        channels=channels,
        statuses=statuses,
        departments=departments,
        months=months,
        recent_conferences=recent,
        years=years,
    )


def _next_day(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=timezone.get_current_timezone())
