"""Reads of conferences, scoped to the unit of the URL: a conference of another unit answers 404."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from doithoai.conferences.models import Conference, TimelineStep
from doithoai.plans.models import Plan
from doithoai.units.models import AdminUnit

DONE = "done"
DUE = "due"
OVERDUE = "overdue"


def conferences_of_plan(plan: Plan) -> QuerySet[Conference]:
    return Conference.objects.filter(plan=plan, unit_id=plan.unit_id).order_by("starts_at", "pk")


def get_conference(unit: AdminUnit, conference_id: int) -> Conference:
    """The conference, if it belongs to `unit` (resolved through `units.selectors.get_unit` first)."""
    conference = (
        Conference.objects.select_related("unit", "plan", "planned_session")
        .prefetch_related(
            "villages",
            Prefetch("steps", queryset=TimelineStep.objects.select_related("done_by", "owner_department")),
        )
        .filter(unit=unit, pk=conference_id)
        .first()
    )
    if conference is None:
        raise Http404
    return conference


def get_step(conference: Conference, step_id: int) -> TimelineStep:
    step = TimelineStep.objects.select_related("conference__unit").filter(conference=conference, pk=step_id).first()
    if step is None:
        raise Http404
    return step


@dataclass(frozen=True)
class StepState:
    step: TimelineStep
    state: str  # DONE, DUE or OVERDUE


def step_state(step: TimelineStep, today: dt.date) -> str:
    if step.is_done:
        return DONE
    return OVERDUE if step.due_date < today else DUE
