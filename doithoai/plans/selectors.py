"""Reads of plans, scoped to the unit of the URL: a plan of another unit answers 404."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from doithoai.conferences.models import Conference, ConferenceStatus, TimelineStep
from doithoai.plans import compliance
from doithoai.plans.compliance import UnitStanding
from doithoai.plans.models import Assignment, Plan, PlannedSession
from doithoai.units.models import AdminUnit, Level


def plans_of(unit: AdminUnit) -> QuerySet[Plan]:
    return Plan.objects.filter(unit=unit).order_by("-year", "-created_at")


def get_plan(unit: AdminUnit, plan_id: int) -> Plan:
    """The plan, if it belongs to `unit` (resolved through `units.selectors.get_unit` first)."""
    plan = Plan.objects.select_related("unit", "created_by").filter(unit=unit, pk=plan_id).first()
    if plan is None:
        raise Http404
    return plan


def get_plan_with_sections(unit: AdminUnit, plan_id: int) -> Plan:
    """The plan with every section loaded, for the document view: a fixed number of queries."""
    plan = (
        Plan.objects.select_related("unit", "created_by")
        .prefetch_related(
            "legal_bases",
            "topics",
            "programme",
            "recipients",
            "composition",
            "budget_lines",
            Prefetch("sessions", queryset=PlannedSession.objects.prefetch_related("villages")),
            Prefetch("assignments", queryset=Assignment.objects.select_related("assignee_department")),
        )
        .filter(unit=unit, pk=plan_id)
        .first()
    )
    if plan is None:
        raise Http404
    return plan


# ---------------------------------------------------------------- upper-level plans (see plans/compliance.py)


def get_upper_plan(unit: AdminUnit, plan_id: int) -> Plan:
    """An upper-level plan of `unit` that has a compliance board (issued, in progress or closed), else 404."""
    plan = get_plan(unit, plan_id)
    if not compliance.is_upper_level(plan) or plan.status not in compliance.BOARD_STATES:
        raise Http404
    return plan


def units_below(plan: Plan) -> QuerySet[AdminUnit]:
    """The communes and wards below the plan's unit (for a legacy district, its communes)."""
    return (
        AdminUnit.objects.filter(
            path__startswith=plan.unit.path, level__in=compliance.BELOW_LEVELS, era=plan.unit.era, is_active=True
        )
        .exclude(pk=plan.unit_id)
        .order_by("name", "pk")
    )


def _conferences_of_year(units_q: Q, years: set[int]) -> list[Conference]:
    """Conferences not cancelled, in `years`, of the units matched by `units_q`, with their compliance steps."""
    if not years:
        return []
    start, _end = compliance.year_bounds(min(years))
    _start, end = compliance.year_bounds(max(years))
    return list(
        Conference.objects.filter(units_q, starts_at__gte=start, starts_at__lt=end)
        .exclude(status=ConferenceStatus.CANCELLED)
        .prefetch_related(
            Prefetch(
                "steps",
                queryset=TimelineStep.objects.filter(key__in=compliance.STEP_KEYS),
                to_attr="compliance_steps",
            )
        )
        .order_by("starts_at", "pk")
    )


def _group_by_unit_year(
    plans: list[Plan], conferences: list[Conference]
) -> tuple[dict[tuple[int, int], list[Plan]], dict[tuple[int, int], list[Conference]]]:
    plans_by: dict[tuple[int, int], list[Plan]] = {}
    for p in plans:
        plans_by.setdefault((p.unit_id, p.year), []).append(p)
    conferences_by: dict[tuple[int, int], list[Conference]] = {}
    for c in conferences:
        day = compliance.local_day(c.starts_at)
        assert day is not None
        conferences_by.setdefault((c.unit_id, day.year), []).append(c)
    return plans_by, conferences_by


def compliance_board(plan: Plan, today: dt.date) -> list[UnitStanding]:
    """Every unit below an upper-level plan and where it stands: four queries, however many units."""
    units = list(units_below(plan).annotate(forwarded=compliance.forwarded_count(plan.year)))
    below = Q(unit__path__startswith=plan.unit.path) & ~Q(unit_id=plan.unit_id)
    own_plans = list(Plan.objects.filter(below, year=plan.year))
    plans_by, conferences_by = _group_by_unit_year(own_plans, _conferences_of_year(below, {plan.year}))
    return [
        compliance.assess(
            unit,
            plan,
            plans_by.get((unit.pk, plan.year), []),
            conferences_by.get((unit.pk, plan.year), []),
            today,
            forwarded=unit.forwarded,
        )
        for unit in units
    ]


def upper_plans_in_force(units: Iterable[AdminUnit]) -> list[Plan]:
    """Issued or in-progress upper-level plans of the units above any of `units`. One query."""
    paths = {path for unit in units for path in compliance.ancestor_paths(unit)}
    if not paths:
        return []
    return list(
        Plan.objects.filter(
            unit__path__in=paths,
            status__in=compliance.REQUIREMENT_STATES,
            units_below_deadline__isnull=False,
            unit__level__in=(Level.PROVINCE, Level.DISTRICT),
        )
        .select_related("unit")
        .order_by("units_below_deadline", "pk")
    )


def requirements_for(units: Iterable[AdminUnit], today: dt.date) -> list[UnitStanding]:
    """For each commune or ward of `units`, each upper-level plan in force above it and where the unit stands.

    At most four queries (one when no upper-level plan is in force), whatever the number of units.
    The caller has checked that the user may see `units`.
    """
    units = [u for u in units if u.level in compliance.BELOW_LEVELS]
    upper = upper_plans_in_force(units)
    if not upper:
        return []
    pairs = [(u, p) for u in units for p in upper if u.path.startswith(p.unit.path) and u.era == p.unit.era]
    if not pairs:
        return []
    unit_ids = {u.pk for u, _p in pairs}
    years = {p.year for _u, p in pairs}
    own_plans = list(Plan.objects.filter(unit_id__in=unit_ids, year__in=years))
    plans_by, conferences_by = _group_by_unit_year(own_plans, _conferences_of_year(Q(unit_id__in=unit_ids), years))
    return [
        compliance.assess(u, p, plans_by.get((u.pk, p.year), []), conferences_by.get((u.pk, p.year), []), today)
        for u, p in pairs
    ]


def upper_plans_of(units: Iterable[AdminUnit]) -> list[Plan]:
    """The upper-level plans of `units` that have a compliance board, newest first. One query."""
    return list(
        Plan.objects.filter(
            unit__in=list(units),
            status__in=compliance.BOARD_STATES,
            units_below_deadline__isnull=False,
            unit__level__in=(Level.PROVINCE, Level.DISTRICT),
        )
        .select_related("unit")
        .order_by("-year", "-pk")
    )
