"""Reads of conferences, scoped to the unit of the URL: a conference of another unit answers 404.

`timeline_rows` prepares the steps of one conference for the pages (state, days
left or late, who owns it, what the user may do), from steps already loaded: a
page costs the same number of queries whatever the number of steps.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from doithoai.accounts.roles import Role
from doithoai.conferences import timeline
from doithoai.conferences.models import (
    Conference,
    PlanTimelineRule,
    Publication,
    PublicationChannel,
    TimelineStep,
)
from doithoai.conferences.workflow import StepAccess
from doithoai.lib.vndates import short_date
from doithoai.plans.models import Plan
from doithoai.units.models import AdminUnit
from doithoai.workdays.selectors import WorkingCalendar

DONE = "done"
DUE = "due"
DUE_TODAY = "today"
OVERDUE = "overdue"
NO_OWNER = "none"


def conferences_of_plan(plan: Plan) -> QuerySet[Conference]:
    return Conference.objects.filter(plan=plan, unit_id=plan.unit_id).order_by("starts_at", "pk")


def ordered_steps() -> QuerySet[TimelineStep]:
    """Steps in the order of their due dates, with what the pages show of them."""
    return TimelineStep.objects.select_related("done_by", "owner_department").order_by("due_date", "order", "pk")


def get_conference(unit: AdminUnit, conference_id: int) -> Conference:
    """The conference, if it belongs to `unit` (resolved through `units.selectors.get_unit` first)."""
    conference = (
        Conference.objects.select_related("unit", "plan", "planned_session")
        .prefetch_related("villages", Prefetch("steps", queryset=ordered_steps()))
        .filter(unit=unit, pk=conference_id)
        .first()
    )
    if conference is None:
        raise Http404
    return conference


def get_step(conference: Conference, step_id: int) -> TimelineStep:
    step = (
        TimelineStep.objects.select_related("conference__unit", "owner_department")
        .filter(conference=conference, pk=step_id)
        .first()
    )
    if step is None:
        raise Http404
    return step


def plan_rule_settings(plan: Plan) -> list[PlanTimelineRule]:
    return list(PlanTimelineRule.objects.filter(plan=plan).select_related("owner_department"))


def step_state(step: TimelineStep, today: dt.date) -> str:
    if step.is_done:
        return DONE
    if step.due_date == today:
        return DUE_TODAY
    return OVERDUE if step.due_date < today else DUE


def state_text(state: str, days_left: int) -> str:
    """'còn 3 ngày', 'đến hạn hôm nay', 'quá hạn 2 ngày' (calendar days)."""
    if state == DUE:
        return ngettext("còn %(n)d ngày", "còn %(n)d ngày", days_left) % {"n": days_left}
    if state == DUE_TODAY:
        return _("đến hạn hôm nay")
    if state == OVERDUE:
        return ngettext("quá hạn %(n)d ngày", "quá hạn %(n)d ngày", -days_left) % {"n": -days_left}
    return ""


def owner_key(step: TimelineStep) -> str:
    """Who owns a step, for filters and grouping: a department, else a role."""
    if step.owner_department_id:
        return f"department:{step.owner_department_id}"
    if step.owner_role:
        return f"role:{step.owner_role}"
    return NO_OWNER


def owner_text(step: TimelineStep) -> str:
    if step.owner_department_id and step.owner_department is not None:
        return step.owner_department.name
    if step.owner_role in Role.values:
        return str(Role(step.owner_role).label)
    return _("Chưa giao")


@dataclass
class StepRow:
    step: TimelineStep
    state: str
    days_left: int
    state_text: str
    due_text: str
    starts_text: str
    done_text: str
    owner_key: str
    owner_text: str
    legal_limit_text: str = ""
    breaks_law: bool = False
    can_complete: bool = False
    can_reopen: bool = False
    can_edit: bool = False
    can_delete: bool = False


def timeline_rows(
    conference: Conference,
    steps: Iterable[TimelineStep],
    today: dt.date,
    access: StepAccess,
    calendar: WorkingCalendar,
) -> list[StepRow]:
    day = timezone.localdate(conference.starts_at)
    rows = []
    for step in steps:
        state = step_state(step, today)
        days_left = (step.due_date - today).days
        row = StepRow(
            step=step,
            state=state,
            days_left=days_left,
            state_text=state_text(state, days_left),
            due_text=short_date(step.due_date),
            starts_text=short_date(step.starts_on) if step.starts_on else "",
            done_text=short_date(timezone.localdate(step.done_at)) if step.done_at else "",
            owner_key=owner_key(step),
            owner_text=owner_text(step),
            can_complete=access.can_complete(step, conference),
            can_reopen=access.can_reopen(step, conference),
            can_edit=access.can_edit(step, conference),
            can_delete=access.can_delete(step, conference),
        )
        if step.is_statutory and not step.is_extra:
            limit = timeline.legal_limit(step.rule_key, calendar, day)
            if limit is not None:
                row.legal_limit_text = short_date(limit)
                row.breaks_law = step.due_date > limit
        rows.append(row)
    return rows


# The filters of the timeline page: ?trang-thai=… (a state, or every step not done).
STATE_FILTERS = {
    "chua-xong": frozenset({DUE, DUE_TODAY, OVERDUE}),
    "qua-han": frozenset({OVERDUE}),
    "hom-nay": frozenset({DUE_TODAY}),
    "sap-den-han": frozenset({DUE}),
    "da-xong": frozenset({DONE}),
}


@dataclass
class OwnerGroup:
    key: str
    label: str
    rows: list[StepRow] = field(default_factory=list)

    @property
    def open_count(self) -> int:
        return sum(1 for r in self.rows if r.state != DONE)

    @property
    def overdue_count(self) -> int:
        return sum(1 for r in self.rows if r.state == OVERDUE)


def filter_rows(rows: list[StepRow], state: str = "", owner: str = "") -> list[StepRow]:
    states = STATE_FILTERS.get(state)
    return [r for r in rows if (states is None or r.state in states) and (not owner or r.owner_key == owner)]


def group_by_owner(rows: list[StepRow]) -> list[OwnerGroup]:
    """The rows of each owner, owners in the order of their first step."""
    groups: dict[str, OwnerGroup] = {}
    for row in rows:
        groups.setdefault(row.owner_key, OwnerGroup(row.owner_key, row.owner_text)).rows.append(row)
    return list(groups.values())


def owners(rows: list[StepRow]) -> list[tuple[str, str]]:
    """(key, label) of every owner of the steps, for the filter."""
    return [(group.key, group.label) for group in group_by_owner(rows)]


def counts(rows: list[StepRow]) -> dict[str, int]:
    result = {DONE: 0, DUE: 0, DUE_TODAY: 0, OVERDUE: 0}
    for row in rows:
        result[row.state] += 1
    return result


# ---------------------------------------------------------------- publication of the results


@dataclass
class PublicationRow:
    """One channel of the publication of the results: when it was published, and whether within the law's
    10 days (the due date of the conclusion notice's step)."""

    channel: str
    label: str
    publication: Publication | None
    deadline: dt.date
    on_time: bool = False
    days_late: int = 0
    overdue: bool = False  # not recorded and the deadline has passed

    @property
    def published_text(self) -> str:
        return short_date(self.publication.published_on) if self.publication else ""


@dataclass
class PublicationCard:
    deadline: dt.date
    rows: list[PublicationRow] = field(default_factory=list)

    @property
    def deadline_text(self) -> str:
        return short_date(self.deadline)

    @property
    def complete(self) -> bool:
        return all(row.publication is not None for row in self.rows)


def publication_deadline(conference: Conference) -> dt.date:
    """The due date of the conclusion notice's step; without the step, 10 days after the conference."""
    step = next((s for s in conference.steps.all() if s.key == "conclusion_notice"), None)
    if step is not None:
        return step.due_date
    return timezone.localdate(conference.starts_at) + dt.timedelta(days=10)


def publication_card(conference: Conference, today: dt.date) -> PublicationCard:
    """The three channels of the publication of the results, in the law's order."""
    deadline = publication_deadline(conference)
    recorded = {p.channel: p for p in Publication.objects.filter(conference=conference)}
    card = PublicationCard(deadline=deadline)
    for channel in PublicationChannel:
        publication = recorded.get(channel.value)
        row = PublicationRow(
            channel=channel.value, label=str(channel.label), publication=publication, deadline=deadline
        )
        if publication is not None:
            row.days_late = max((publication.published_on - deadline).days, 0)
            row.on_time = row.days_late == 0
        else:
            row.overdue = today > deadline
            row.days_late = max((today - deadline).days, 0)
        card.rows.append(row)
    return card
