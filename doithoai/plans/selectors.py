"""Reads of plans, scoped to the unit of the URL: a plan of another unit answers 404."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from doithoai.plans.models import Assignment, Plan, PlannedSession
from doithoai.units.models import AdminUnit


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
