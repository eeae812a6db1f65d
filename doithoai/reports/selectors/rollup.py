"""The roll-up of an upper unit (a province, or a district in legacy data): every commune or ward below it.

`rollup(unit, period, today=…)` reads everything the page and its download show in a fixed number of queries
(eight), whatever the number of units below: the units, the upper plan that sets the deadline, the units' plans
and conferences (with their conclusion steps), one aggregate of petitions grouped by unit and sector with a
conditional count per figure, the units' sectors (codes and names), and the petitions referred up to the unit.

Definitions (the page says them too; see the report of issue 7):
- The yearly dialogue duty is judged on the calendar year the period ends in, against the deadline of the
  upper-level plan of that year (the unit's own, else the nearest one above; `plans.compliance`), or the end of
  the year when there is none. Where a unit stands is `plans.compliance.assess`, as on the compliance board.
- Conferences counted are those of that year not cancelled; held ones are held or concluded.
- A conclusion is published within 10 days when the conference's `conclusion_notice` step was done on or before
  its due date; late when done after it, or not done and the due date has passed; waiting otherwise. The rate is
  on time / (on time + late), over held conferences.
- Petitions count in the period they were received, with the named measures of `petitions.measures`, so that
  every figure equals the list it links to.
- Petitions referred up are the unit's own inbox petitions that came from below (`Channel.REFERRAL`), received
  in the period, and where they stand (answered back, still pending, overdue).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doithoai.conferences.models import Conference, ConferenceStatus, TimelineStep
from doithoai.lib.text import fold
from doithoai.petitions import measures
from doithoai.petitions.measures import Measure
from doithoai.petitions.models import Channel, Petition, Sector
from doithoai.petitions.taxonomy import DEFAULT_SECTORS
from doithoai.plans import compliance
from doithoai.plans.compliance import Standing, UnitStanding
from doithoai.plans.models import Plan
from doithoai.reports.periods import Period
from doithoai.units.models import AdminUnit, Level

# The figures of a unit's petitions, each the count of a named measure (`None`: every petition received).
PETITION_FIGURES: dict[str, str | None] = {
    "received": None,
    "answered": Measure.ANSWERED,
    "on_time": Measure.ON_TIME,
    "late": Measure.LATE,
    "overdue": Measure.OVERDUE,
    "unsatisfied": Measure.UNSATISFIED,
    "referred": Measure.REFERRED,
}
# Where the units stand against the duty, as the compliance chart groups them (`?tinh_trang=`).
SLICES: list[tuple[str, frozenset[str], str | Promise]] = [
    ("dung-han", frozenset({Standing.HELD}), gettext_lazy("Đã tổ chức đúng hạn")),
    ("sau-han", frozenset({Standing.HELD_LATE}), gettext_lazy("Tổ chức sau hạn")),
    ("qua-han", frozenset({Standing.LATE}), gettext_lazy("Quá hạn, chưa tổ chức")),
    ("da-len-lich", frozenset({Standing.SCHEDULED, Standing.SCHEDULED_LATE}), gettext_lazy("Đã lên lịch")),
    ("chua-len-lich", frozenset({Standing.NOT_SCHEDULED}), gettext_lazy("Chưa lên lịch")),
    ("chua-su-dung", frozenset({Standing.NOT_SET_UP}), gettext_lazy("Chưa sử dụng hệ thống")),
]
SLICE_COLORS = ["#198754", "#fd7e14", "#dc3545", "#0d6efd", "#ffc107", "#adb5bd"]
HELD = "da-to-chuc"
NOT_HELD = "chua-to-chuc"
LATE = "tre-han"
CONCLUSION_LATE = "ket-luan-tre"


def _standing_in(standings: frozenset[str]) -> Callable[[UnitRow], bool]:
    return lambda row: row.standing.standing in standings


# What `?tinh_trang=` narrows the table to: a slice of the chart, or one of the headline figures.
STANDING_FILTERS: dict[str, Callable[[UnitRow], bool]] = {
    **{key: _standing_in(standings) for key, standings, _label in SLICES},
    HELD: lambda r: r.standing.held is not None,
    NOT_HELD: lambda r: r.standing.held is None,
    LATE: lambda r: r.standing.is_late,
    CONCLUSION_LATE: lambda r: r.conclusions_late > 0,
}

SORT_COMPLIANCE = "tuan-thu"
SORT_NAME = "ten"
SORT_RECEIVED = "y-kien"
SORT_ANSWERED = "tra-loi"
SORT_ON_TIME = "dung-han"
SORT_OVERDUE = "qua-han"
SORTS = {
    SORT_COMPLIANCE: gettext_lazy("Kém tuân thủ trước"),
    SORT_NAME: gettext_lazy("Tên đơn vị"),
    SORT_RECEIVED: gettext_lazy("Nhiều ý kiến nhất"),
    SORT_ANSWERED: gettext_lazy("Tỷ lệ trả lời thấp nhất"),
    SORT_ON_TIME: gettext_lazy("Tỷ lệ đúng hạn thấp nhất"),
    SORT_OVERDUE: gettext_lazy("Nhiều quá hạn nhất"),
}
TOP = 15


@dataclass
class Conclusions:
    """The conclusion notices of a unit's held conferences of the year (see the module's text)."""

    on_time: int = 0
    late: int = 0
    waiting: int = 0
    # The most days late among the late ones (published late, or not yet published and past due).
    late_days: int = 0
    unpublished_late: int = 0

    @property
    def judged(self) -> int:
        return self.on_time + self.late

    def add(self, other: Conclusions) -> None:
        self.on_time += other.on_time
        self.late += other.late
        self.waiting += other.waiting
        self.late_days = max(self.late_days, other.late_days)
        self.unpublished_late += other.unpublished_late


@dataclass
class Figures:
    """Counts of petitions received in the period (one unit's, or added up)."""

    received: int = 0
    answered: int = 0
    on_time: int = 0
    late: int = 0
    overdue: int = 0
    unsatisfied: int = 0
    referred: int = 0

    @property
    def answered_rate(self) -> float | None:
        return measures.rate(self.answered, self.received)

    @property
    def on_time_rate(self) -> float | None:
        return measures.rate(self.on_time, self.on_time + self.late)

    def add(self, other: Figures) -> None:
        for name in PETITION_FIGURES:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class UnitRow:
    """One unit below: where it stands against the duty, its conferences of the year, its petitions."""

    unit: AdminUnit
    standing: UnitStanding
    conferences: int  # not cancelled, in the year
    held: int
    last_held_on: dt.date | None
    conclusions: Conclusions
    figures: Figures
    # The unit's own sector of each code it received petitions in during the period, and how many.
    sectors: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def conclusions_late(self) -> int:
        return self.conclusions.late

    @property
    def has_issued_plan(self) -> bool:
        return self.standing.has_issued_plan

    @property
    def slice(self) -> str:
        return next(key for key, standings, _label in SLICES if self.standing.standing in standings)

    def conclusion_text(self) -> str:
        c = self.conclusions
        if c.unpublished_late:
            return _("Chưa thông báo, quá hạn %(days)s ngày") % {"days": c.late_days}
        if c.late:
            return _("Trễ %(days)s ngày") % {"days": c.late_days}
        if c.on_time:
            return _("Có")
        if c.waiting:
            return _("Chưa đến hạn")
        return ""


@dataclass
class SectorTotal:
    code: str
    name: str
    communes: int
    petitions: int


@dataclass
class Referred:
    """Petitions referred up to this unit (its inbox petitions from below) received in the period."""

    received: int = 0
    answered: int = 0
    pending: int = 0
    overdue: int = 0


@dataclass
class Rollup:
    unit: AdminUnit
    period: Period
    today: dt.date
    year: int
    deadline: dt.date
    upper_plan: Plan | None  # the plan that set the deadline; None: the end of the year
    rows: list[UnitRow]
    sectors: list[SectorTotal]
    referred: Referred
    totals: Figures = field(default_factory=Figures)
    conclusions: Conclusions = field(default_factory=Conclusions)

    def __post_init__(self) -> None:
        for row in self.rows:
            self.totals.add(row.figures)
            self.conclusions.add(row.conclusions)

    @property
    def units(self) -> int:
        return len(self.rows)

    @property
    def set_up(self) -> int:
        return sum(1 for r in self.rows if r.unit.is_set_up)

    @property
    def not_set_up(self) -> int:
        return self.units - self.set_up

    @property
    def held(self) -> int:
        return sum(1 for r in self.rows if r.standing.held is not None)

    @property
    def not_held(self) -> int:
        return self.units - self.held

    @property
    def late(self) -> int:
        return sum(1 for r in self.rows if r.standing.is_late)

    @property
    def held_rate(self) -> float | None:
        return measures.rate(self.held, self.units)

    @property
    def conclusion_rate(self) -> float | None:
        return measures.rate(self.conclusions.on_time, self.conclusions.judged)

    def slices(self) -> list[tuple[str, str, int]]:
        """(key, label, number of units) of each slice of the compliance chart."""
        counts = {key: 0 for key, _s, _l in SLICES}
        for row in self.rows:
            counts[row.slice] += 1
        return [(key, str(label), counts[key]) for key, _s, label in SLICES]

    def sector_name(self, code: str) -> str:
        return next((s.name for s in self.sectors if s.code == code), code)


def has_units_below(unit: AdminUnit) -> bool:
    """Only a province, or a district in legacy data, has communes below it."""
    return unit.level in (Level.PROVINCE, Level.DISTRICT)


def units_below(unit: AdminUnit) -> list[AdminUnit]:
    """The communes and wards below `unit`, of its era (a legacy district: its legacy communes), set up or not."""
    return list(
        AdminUnit.objects.filter(
            path__startswith=unit.path, level__in=compliance.BELOW_LEVELS, era=unit.era, is_active=True
        )
        .exclude(pk=unit.pk)
        .order_by("name", "pk")
    )


def upper_plan_of(unit: AdminUnit, year: int) -> Plan | None:
    """The upper-level plan of `year` that binds the units below `unit`: its own, else the nearest above."""
    paths = [unit.path, *compliance.ancestor_paths(unit)]
    plans = Plan.objects.filter(
        unit__path__in=paths,
        unit__era=unit.era,
        year=year,
        status__in=compliance.BOARD_STATES,
        units_below_deadline__isnull=False,
        unit__level__in=(Level.PROVINCE, Level.DISTRICT),
    ).select_related("unit")
    # The nearest unit's plan; of two there, the earlier deadline.
    ordered = sorted(plans, key=lambda p: (-len(p.unit.path), p.units_below_deadline or dt.date.max, p.pk))
    return ordered[0] if ordered else None


def _conferences(ids: list[int], year: int) -> dict[int, list[Conference]]:
    start, end = compliance.year_bounds(year)
    conferences = (
        Conference.objects.filter(unit_id__in=ids, starts_at__gte=start, starts_at__lt=end)
        .exclude(status=ConferenceStatus.CANCELLED)
        .only("pk", "unit_id", "starts_at", "status", "plan_id")
        .prefetch_related(
            Prefetch(
                "steps",
                queryset=TimelineStep.objects.filter(key__in=compliance.STEP_KEYS).only(
                    "pk", "conference_id", "key", "due_date", "done_at"
                ),
                to_attr="compliance_steps",
            )
        )
        .order_by("starts_at", "pk")
    )
    by_unit: dict[int, list[Conference]] = {}
    for conference in conferences:
        by_unit.setdefault(conference.unit_id, []).append(conference)
    return by_unit


def conclusions_of(held: Iterable[Conference], today: dt.date) -> Conclusions:
    out = Conclusions()
    for conference in held:
        step = next((s for s in conference.compliance_steps if s.key == compliance.CONCLUSION_STEP), None)  # type: ignore[attr-defined]
        if step is None or step.due_date is None:
            continue
        done = compliance.local_day(step.done_at)
        if done is not None and done <= step.due_date:
            out.on_time += 1
        elif done is not None or today > step.due_date:
            out.late += 1
            out.late_days = max(out.late_days, ((done or today) - step.due_date).days)
            out.unpublished_late += done is None
        else:
            out.waiting += 1
    return out


def _petitions(
    ids: list[int], period: Period, today: dt.date
) -> tuple[dict[int, Figures], dict[int, dict[str, tuple[int, int]]], dict[str, str]]:
    """One pass over the petitions of the units received in the period, grouped by unit and sector: each unit's
    figures (added up over its sectors), and per unit, sector code → (its sector's id, petitions). Grouping by
    the sector's id rather than joining the sectors keeps it one scan of the petitions; the codes and names of
    the units' sectors come from a second, small query."""
    counts = {
        name: Count("pk", filter=measures.condition(measure, today)) if measure else Count("pk")
        for name, measure in PETITION_FIGURES.items()
    }
    names = list(PETITION_FIGURES)
    rows = (
        Petition.objects.filter(unit_id__in=ids, received_on__gte=period.start, received_on__lte=period.end)
        .order_by()
        .values("unit_id", "sector_id")
        .annotate(**counts)
        .values_list("unit_id", "sector_id", *names)
    )
    sums: dict[int, list[int]] = {}
    by_sector: list[tuple[int, int, int]] = []
    for unit_id, sector_id, *numbers in rows:
        total = sums.get(unit_id)
        sums[unit_id] = numbers if total is None else [a + b for a, b in zip(total, numbers, strict=True)]
        if sector_id is not None:
            by_sector.append((unit_id, sector_id, numbers[0]))
    figures = {unit_id: Figures(**dict(zip(names, numbers, strict=True))) for unit_id, numbers in sums.items()}
    codes: dict[int, str] = {}
    sector_names = {code: str(name) for code, name in DEFAULT_SECTORS}
    for pk, code, name in Sector.objects.filter(unit_id__in=ids).values_list("pk", "code", "name"):
        codes[pk] = code
        sector_names.setdefault(code, name)  # a code of a unit's own, named as the first unit names it
    sectors: dict[int, dict[str, tuple[int, int]]] = {}
    for unit_id, sector_id, n in by_sector:  # a unit has one sector per code (a unique constraint)
        sectors.setdefault(unit_id, {})[codes.get(sector_id) or str(sector_id)] = (sector_id, n)
    return figures, sectors, sector_names


def _sector_totals(rows: list[UnitRow], names: dict[str, str]) -> list[SectorTotal]:
    """Sectors by the number of communes that raised them, then petitions: named as the default list names them."""
    communes: dict[str, int] = {}
    petitions: dict[str, int] = {}
    for row in rows:
        for code, (_sector_id, n) in row.sectors.items():
            communes[code] = communes.get(code, 0) + 1
            petitions[code] = petitions.get(code, 0) + n
    totals = [SectorTotal(code, names.get(code, code), communes[code], petitions[code]) for code in communes]
    return sorted(totals, key=lambda s: (-s.communes, -s.petitions, s.code))


def _referred(unit: AdminUnit, period: Period, today: dt.date) -> Referred:
    row = Petition.objects.filter(
        unit=unit, channel=Channel.REFERRAL, received_on__gte=period.start, received_on__lte=period.end
    ).aggregate(
        received=Count("pk"),
        answered=Count("pk", filter=measures.condition(Measure.ANSWERED, today)),
        pending=Count("pk", filter=measures.condition(Measure.PENDING, today)),
        overdue=Count("pk", filter=measures.condition(Measure.OVERDUE, today)),
    )
    return Referred(**row)


def rollup(unit: AdminUnit, period: Period, *, today: dt.date) -> Rollup:
    """Every unit below `unit` in `period`: eight queries, however many units."""
    year = period.end.year
    upper = upper_plan_of(unit, year)
    deadline = upper.units_below_deadline if upper is not None else None
    deadline = deadline or dt.date(year, 12, 31)
    # `assess` reads only the deadline of the plan it is given: without an upper plan, the end of the year.
    judged_by = upper or Plan(unit=unit, year=year, units_below_deadline=deadline)
    units = units_below(unit)
    ids = [u.pk for u in units]
    plans: dict[int, list[Plan]] = {}
    for plan in Plan.objects.filter(unit_id__in=ids, year=year).only("pk", "unit_id", "status", "number", "year"):
        plans.setdefault(plan.unit_id, []).append(plan)
    conferences = _conferences(ids, year)
    figures, sectors, sector_names = _petitions(ids, period, today)
    rows = []
    for u in units:
        own = conferences.get(u.pk, [])
        held = [c for c in own if c.status in compliance.HELD_STATES]
        rows.append(
            UnitRow(
                unit=u,
                standing=compliance.assess(u, judged_by, plans.get(u.pk, []), own, today),
                conferences=len(own),
                held=len(held),
                last_held_on=compliance.local_day(held[-1].starts_at) if held else None,
                conclusions=conclusions_of(held, today),
                figures=figures.get(u.pk) or Figures(),
                sectors=sectors.get(u.pk, {}),
            )
        )
    return Rollup(
        unit=unit,
        period=period,
        today=today,
        year=year,
        deadline=deadline,
        upper_plan=upper,
        rows=rows,
        sectors=_sector_totals(rows, sector_names),
        referred=_referred(unit, period, today),
    )


# ---------------------------------------------------------------- what the table shows: search, filter, sort


def narrow(
    rows: Iterable[UnitRow], *, query: str = "", standing: str = "", sector: str = "", sort: str = ""
) -> list[UnitRow]:
    """The rows the table shows: searched by unit name without diacritics, narrowed, sorted."""
    words = fold(query).split()
    result = [r for r in rows if all(w in fold(r.unit.name) for w in words)]
    if standing in STANDING_FILTERS:
        result = [r for r in result if STANDING_FILTERS[standing](r)]
    if sector:
        result = [r for r in result if sector in r.sectors]
    by_name = lambda r: (fold(r.unit.name), r.unit.pk)  # noqa: E731
    missing = float("inf")
    if sort == SORT_NAME:
        result.sort(key=by_name)
    elif sort == SORT_RECEIVED:
        result.sort(key=lambda r: (-r.figures.received, *by_name(r)))
    elif sort == SORT_ANSWERED:
        result.sort(key=lambda r: (_or(r.figures.answered_rate, missing), *by_name(r)))
    elif sort == SORT_ON_TIME:
        result.sort(key=lambda r: (_or(r.figures.on_time_rate, missing), *by_name(r)))
    elif sort == SORT_OVERDUE:
        result.sort(key=lambda r: (-r.figures.overdue, *by_name(r)))
    else:  # least compliant first: the compliance board's order, then late conclusions, then overdue petitions
        result.sort(
            key=lambda r: (
                compliance.STANDING_ORDER[r.standing.standing],
                -r.conclusions.late,
                -r.figures.overdue,
                *by_name(r),
            )
        )
    return result


def _or(value: float | None, default: float) -> float:
    return default if value is None else value
