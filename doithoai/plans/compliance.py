"""Upper-level plans: what every unit below must do, and where each unit stands.

An upper-level plan (a province's, or a district's in legacy data; seed 004) sets
`units_below_deadline`: every commune or ward below must hold its own dialogue
conference by that day, and send the issues beyond its jurisdiction to
`forward_issues_to`. This module works on rows already loaded: `assess` says where
one unit stands against one such plan. The reads (a fixed number of queries
whatever the number of units) are in `plans.selectors` (`compliance_board`,
`requirements_for`); the board's Excel file is `workbook`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doithoai.conferences.models import Conference, ConferenceStatus, TimelineStep
from doithoai.lib import xlsx
from doithoai.lib.text import fold
from doithoai.lib.vndates import short_date
from doithoai.plans.models import Issuer, Plan, PlanStatus
from doithoai.units.models import AdminUnit, Level

# The requirement binds the units below while the upper plan is in force.
REQUIREMENT_STATES = frozenset({PlanStatus.ISSUED, PlanStatus.IN_PROGRESS})
# The board is kept after the plan is closed, as the record of the year.
BOARD_STATES = frozenset({PlanStatus.ISSUED, PlanStatus.IN_PROGRESS, PlanStatus.CLOSED})
HELD_STATES = frozenset({ConferenceStatus.HELD, ConferenceStatus.CONCLUDED})
CONCLUSION_STEP = "conclusion_notice"
# The timeline step that stands for "issues forwarded upward" until petitions (issue 4)
# count them: a dedicated step if the conference has one, else the written answers.
FORWARD_STEPS = ("forward_issues", "written_answers")
STEP_KEYS = (CONCLUSION_STEP, *FORWARD_STEPS)
# The levels that must hold their own dialogue under an upper-level plan.
BELOW_LEVELS = frozenset({Level.COMMUNE})


class Standing(models.TextChoices):
    """Where a unit stands against the requirement, most urgent first (the board's sort order)."""

    LATE = "late", gettext_lazy("Trễ hạn")
    HELD_LATE = "held_late", gettext_lazy("Tổ chức sau hạn")
    NOT_SCHEDULED = "not_scheduled", gettext_lazy("Chưa lên lịch")
    SCHEDULED_LATE = "scheduled_late", gettext_lazy("Lên lịch sau hạn")
    SCHEDULED = "scheduled", gettext_lazy("Đã lên lịch")
    HELD = "held", gettext_lazy("Đã tổ chức")
    NOT_SET_UP = "not_set_up", gettext_lazy("Chưa sử dụng hệ thống")


STANDING_ORDER = {value: index for index, value in enumerate(Standing.values)}


def is_upper_level(plan: Plan) -> bool:
    return plan.units_below_deadline is not None and plan.unit.level in (Level.PROVINCE, Level.DISTRICT)


def ancestor_paths(unit: AdminUnit) -> list[str]:
    """'/np20/nc06280/' → ['/np20/']: the paths of every unit above, from the path alone."""
    parts = [p for p in unit.path.split("/") if p]
    return ["/" + "/".join(parts[:i]) + "/" for i in range(1, len(parts))]


def year_bounds(year: int) -> tuple[dt.datetime, dt.datetime]:
    """The first instants of `year` and of the next one, in Việt Nam."""
    zone = timezone.get_current_timezone()
    return dt.datetime(year, 1, 1, tzinfo=zone), dt.datetime(year + 1, 1, 1, tzinfo=zone)


def local_day(value: dt.datetime | None) -> dt.date | None:
    return timezone.localtime(value).date() if value is not None else None


def committee_of(unit: AdminUnit) -> str:
    """'UBND xã Điềm He'."""
    kind = (unit.division_type or "").strip().lower()
    return f"UBND {kind} {unit.short_name}".replace("  ", " ")


def issuer_of(plan: Plan) -> str:
    """Who issued the plan, as a sentence names them: 'Ban Thường vụ Tỉnh ủy Lạng Sơn', 'UBND tỉnh Lạng Sơn'."""
    unit = plan.unit
    if plan.issuer == Issuer.PARTY:
        first = (unit.division_type or "").strip().split(" ")[0].capitalize() or "Tỉnh"
        return f"Ban Thường vụ {first} ủy {unit.short_name}"
    return committee_of(unit)


def plan_reference(plan: Plan) -> str:
    """'Kế hoạch số 12-KH/TU ngày 05/3/2026 của Ban Thường vụ Tỉnh ủy Lạng Sơn'."""
    parts = [_("Kế hoạch số %(number)s") % {"number": plan.number} if plan.number else _("Kế hoạch")]
    if plan.issued_on:
        parts.append(_("ngày %(date)s") % {"date": short_date(plan.issued_on)})
    elif not plan.number:
        parts.append(_("năm %(year)s") % {"year": plan.year})
    parts.append(_("của %(issuer)s") % {"issuer": issuer_of(plan)})
    return " ".join(parts)


def forwarded_count(year: int) -> Coalesce:
    """For a query of units (`AdminUnit`): how many of each unit's petitions it referred beyond its
    jurisdiction (to the unit above or to another body) in `year`: an annotation, so the board keeps its
    number of queries."""
    from doithoai.petitions.models import Petition  # petitions builds on plans, not the other way round

    start, end = year_bounds(year)
    counted = (
        Petition.objects.filter(
            unit_id=models.OuterRef("pk"),
            referral__created_at__gte=start,
            referral__created_at__lt=end,
        )
        .order_by()
        .values("unit_id")
        .annotate(n=models.Count("pk"))
        .values("n")
    )
    return Coalesce(models.Subquery(counted, output_field=models.IntegerField()), 0)


@dataclass(frozen=True)
class Forwarding:
    """The issues beyond the unit's jurisdiction, sent upward.

    `step` is the timeline step that stands for it now (see FORWARD_STEPS). `count`
    is the number of petitions the unit referred upward or to another body that year
    (`forwarded_count`), for units that use the system; None for the others: never a
    made-up number.
    """

    step: TimelineStep | None
    count: int | None = None

    @property
    def done_on(self) -> dt.date | None:
        return local_day(self.step.done_at) if self.step is not None else None

    @property
    def due_date(self) -> dt.date | None:
        return self.step.due_date if self.step is not None else None


@dataclass(frozen=True)
class UnitStanding:
    """One unit below an upper-level plan: its own plan of the year, its conference, and the flags."""

    unit: AdminUnit
    upper_plan: Plan
    today: dt.date
    plan: Plan | None  # the unit's own plan of that year, the most advanced one
    scheduled: Conference | None  # the conference held, else the next one not cancelled
    held: Conference | None  # the first conference held (or concluded) in that year
    concluded: Conference | None
    conclusion_step: TimelineStep | None
    forwarding: Forwarding

    @property
    def deadline(self) -> dt.date:
        assert self.upper_plan.units_below_deadline is not None
        return self.upper_plan.units_below_deadline

    @property
    def scheduled_on(self) -> dt.date | None:
        return local_day(self.scheduled.starts_at) if self.scheduled is not None else None

    @property
    def held_on(self) -> dt.date | None:
        return local_day(self.held.starts_at) if self.held is not None else None

    @property
    def concluded_on(self) -> dt.date | None:
        return local_day(self.conclusion_step.done_at) if self.conclusion_step is not None else None

    @property
    def has_issued_plan(self) -> bool:
        return self.plan is not None and self.plan.status != PlanStatus.DRAFT

    @property
    def is_set_up(self) -> bool:
        return self.unit.is_set_up

    @property
    def standing(self) -> Standing:
        held_on, scheduled_on = self.held_on, self.scheduled_on
        if held_on is not None:
            return Standing.HELD if held_on <= self.deadline else Standing.HELD_LATE
        if not self.unit.is_set_up:
            return Standing.NOT_SET_UP
        if self.today > self.deadline:
            return Standing.LATE
        if scheduled_on is None:
            return Standing.NOT_SCHEDULED
        return Standing.SCHEDULED if scheduled_on <= self.deadline else Standing.SCHEDULED_LATE

    @property
    def is_late(self) -> bool:
        """The deadline has passed and the unit had not held its conference by then."""
        return self.standing in (Standing.LATE, Standing.HELD_LATE)

    @property
    def days_left(self) -> int:
        return (self.deadline - self.today).days


_PLAN_RANK = {PlanStatus.IN_PROGRESS: 0, PlanStatus.ISSUED: 1, PlanStatus.CLOSED: 2, PlanStatus.DRAFT: 3}


def assess(
    unit: AdminUnit,
    upper_plan: Plan,
    plans: Iterable[Plan],
    conferences: Iterable[Conference],
    today: dt.date,
    forwarded: int | None = None,
) -> UnitStanding:
    """Where `unit` stands against `upper_plan`.

    `plans` are the unit's plans of the upper plan's year; `conferences` the unit's
    conferences that year that are not cancelled, each with `compliance_steps` (its
    steps among STEP_KEYS) loaded; `forwarded` the number of petitions it referred
    that year (see `forwarded_count`), when known.
    """
    own_plan = min(plans, key=lambda p: (_PLAN_RANK.get(PlanStatus(p.status), 9), -p.pk), default=None)
    ordered = sorted(conferences, key=lambda c: (c.starts_at, c.pk))
    held = next((c for c in ordered if c.status in HELD_STATES), None)
    upcoming = next((c for c in ordered if c.status not in HELD_STATES), None)
    scheduled = held or upcoming
    concluded = next((c for c in ordered if c.status == ConferenceStatus.CONCLUDED), None)
    conclusion_step = None
    if concluded is not None:
        conclusion_step = next(
            (s for s in _steps(concluded) if s.key == CONCLUSION_STEP and s.done_at is not None), None
        )
    forwarding_step = None
    if scheduled is not None:
        by_key = {s.key: s for s in _steps(scheduled)}
        forwarding_step = next((by_key[k] for k in FORWARD_STEPS if k in by_key), None)
    return UnitStanding(
        unit=unit,
        upper_plan=upper_plan,
        today=today,
        plan=own_plan,
        scheduled=scheduled,
        held=held,
        concluded=concluded,
        conclusion_step=conclusion_step,
        forwarding=Forwarding(step=forwarding_step, count=forwarded if unit.is_set_up else None),
    )


def _steps(conference: Conference) -> list[TimelineStep]:
    steps = getattr(conference, "compliance_steps", None)
    if steps is None:  # not prefetched: one query (never on the board, which prefetches)
        steps = list(conference.steps.filter(key__in=STEP_KEYS))
    return steps


# ---------------------------------------------------------------- the board: summary, filters, sorting

LATE_ONLY = "tre-han"
NOT_SET_UP_ONLY = "chua-su-dung"
FILTERS = (LATE_ONLY, NOT_SET_UP_ONLY)
SORT_NAME = "ten"
SORT_STANDING = "tinh-trang"
SORT_DATE = "ngay"
SORTS = (SORT_NAME, SORT_STANDING, SORT_DATE)


@dataclass(frozen=True)
class Summary:
    total: int
    set_up: int
    not_set_up: int
    with_plan: int
    scheduled: int
    held: int
    concluded: int
    late: int


def summarize(rows: Sequence[UnitStanding]) -> Summary:
    return Summary(
        total=len(rows),
        set_up=sum(1 for r in rows if r.is_set_up),
        not_set_up=sum(1 for r in rows if not r.is_set_up),
        with_plan=sum(1 for r in rows if r.has_issued_plan),
        scheduled=sum(1 for r in rows if r.scheduled is not None),
        held=sum(1 for r in rows if r.held is not None),
        concluded=sum(1 for r in rows if r.concluded is not None),
        late=sum(1 for r in rows if r.is_late),
    )


def narrow(
    rows: Sequence[UnitStanding], *, query: str = "", only: str = "", sort: str = SORT_NAME
) -> list[UnitStanding]:
    """The rows the board shows: searched by unit name without diacritics, filtered, sorted."""
    words = fold(query).split()
    result = [r for r in rows if all(w in fold(r.unit.name) for w in words)]
    if only == LATE_ONLY:
        result = [r for r in result if r.is_late]
    elif only == NOT_SET_UP_ONLY:
        result = [r for r in result if not r.is_set_up]
    by_name = lambda r: (fold(r.unit.name), r.unit.pk)  # noqa: E731
    if sort == SORT_STANDING:
        result.sort(key=lambda r: (STANDING_ORDER[r.standing], *by_name(r)))
    elif sort == SORT_DATE:
        far = dt.date.max
        result.sort(key=lambda r: (r.held_on or r.scheduled_on or far, *by_name(r)))
    else:
        result.sort(key=by_name)
    return result


# ---------------------------------------------------------------- Excel


def _date(value: dt.date | None) -> str:
    return short_date(value) if value is not None else ""


def workbook(upper_plan: Plan, rows: Sequence[UnitStanding], today: dt.date) -> bytes:
    """The board as an .xlsx file: a title, the requirement, then one row per unit."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Tuân thủ")[:31]
    xlsx.title_row(sheet, _("Theo dõi việc tổ chức đối thoại của đơn vị cấp dưới"))
    sheet.append([plan_reference(upper_plan)])
    deadline = upper_plan.units_below_deadline
    sheet.append([_("Hạn tổ chức xong: %(date)s") % {"date": _date(deadline)}])
    sheet.append([_("Số liệu đến ngày %(date)s") % {"date": short_date(today)}])
    sheet.append([])
    headers = [
        _("STT"),
        _("Đơn vị"),
        _("Sử dụng hệ thống"),
        _("Kế hoạch năm %(year)s") % {"year": upper_plan.year},
        _("Ngày hội nghị (dự kiến)"),
        _("Ngày đã tổ chức"),
        _("Thông báo kết luận"),
        _("Kiến nghị vượt thẩm quyền"),
        _("Tình trạng"),
    ]
    xlsx.header_row(sheet, headers, (6, 30, 18, 26, 16, 16, 22, 26, 20), fill=xlsx.EXPORT_FILL)
    for index, row in enumerate(rows, start=1):
        cells: list[object] = [
            index,
            row.unit.name,
            _("Có") if row.is_set_up else _("Chưa sử dụng hệ thống"),
            plan_cell(row),
            _date(row.scheduled_on),
            _date(row.held_on),
            concluded_cell(row),
            forwarding_cell(row),
            str(row.standing.label),
        ]
        xlsx.data_row(sheet, [cell if cell != "" else None for cell in cells])
    return xlsx.save(book)


def plan_cell(row: UnitStanding) -> str:
    if row.plan is None:
        return _("Chưa có") if row.is_set_up else ""
    if row.plan.status == PlanStatus.DRAFT:
        return _("Dự thảo")
    return _("Đã ban hành %(number)s") % {"number": row.plan.number} if row.plan.number else _("Đã ban hành")


def concluded_cell(row: UnitStanding) -> str:
    if row.concluded is None:
        return ""
    if row.concluded_on is not None:
        return _("Đã thông báo ngày %(date)s") % {"date": short_date(row.concluded_on)}
    return _("Đã thông báo")


def forwarding_cell(row: UnitStanding) -> str:
    """What is known today: the count once petitions record it, else whether the step is done."""
    forwarding = row.forwarding
    if forwarding.count:  # none referred yet: where the step stands says more
        return _("%(count)s kiến nghị") % {"count": forwarding.count}
    if forwarding.done_on is not None:
        return _("Đã gửi, trả lời ngày %(date)s") % {"date": short_date(forwarding.done_on)}
    if forwarding.step is not None:
        return _("Chưa xong (hạn %(date)s)") % {"date": short_date(forwarding.step.due_date)}
    return ""
