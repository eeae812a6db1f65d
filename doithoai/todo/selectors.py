"""Every task of one person, across the units where they hold a role ("Việc cần làm").

A task comes from one of these places:

- a step of a conference's timeline (`conferences.TimelineStep`) whose owner is one of
  the person's roles in the conference's unit; a department officer gets the steps of
  their department and those that name no department; the office also gets the steps
  that name no owner at all;
- a duty of a plan in force (`plans.Assignment`, issued or in-progress plan) that has a
  due date and names one of the person's roles (or their department), unless a
  timeline step of that plan already stands for it (same role, same due date);
- the requirement of an upper-level plan in force above a commune or ward where the
  person is chair, vice-chair or office: hold the unit's own conference by the
  deadline, and send the issues beyond its jurisdiction upward;
- a petition (or a group of petitions) assigned to the person's department, to
  answer by its due date; for a chair or vice chair, each draft answer of their unit
  waiting for approval.

`tasks_for(user, today)` returns the open tasks and those done in the last
RECENT_DAYS days, in a fixed number of queries whatever their number (pinned by a
test). It is the one API for the to-do page, the nav badge, the unit home page and
the reminders.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doithoai.accounts.models import Membership
from doithoai.accounts.roles import Role
from doithoai.conferences.models import Conference, ConferenceStatus, TimelineStep
from doithoai.lib.vndates import short_date
from doithoai.petitions.models import Petition, PetitionStatus
from doithoai.plans import compliance
from doithoai.plans import selectors as plan_selectors
from doithoai.plans.models import Assignment, Plan
from doithoai.units import selectors as unit_selectors
from doithoai.units.models import AdminUnit

# Task kinds.
STEP = "step"
ASSIGNMENT = "assignment"
UPPER_CONFERENCE = "upper_conference"
UPPER_FORWARDING = "upper_forwarding"
PETITION = "petition"
ANSWER_APPROVAL = "answer_approval"

# Groups, in the order the page shows them.
OVERDUE = "overdue"
DUE_SOON = "due_soon"
UPCOMING = "upcoming"
DONE = "done"

DUE_SOON_DAYS = 7  # "đến hạn trong 7 ngày": due today up to today + 7
RECENT_DAYS = 14  # done tasks are listed for two weeks
# Who in a commune or ward answers for an upper-level plan's requirement.
UPPER_ROLES = frozenset({Role.CHAIR, Role.VICE_CHAIR, Role.OFFICE})
# Who approves the answers of a unit's petitions (petitions.rules.RESOLVE).
APPROVER_ROLES = frozenset({Role.CHAIR, Role.VICE_CHAIR})
# Plans whose duties are tasks.
ASSIGNMENT_PLAN_STATES = compliance.REQUIREMENT_STATES


@dataclass(frozen=True)
class Task:
    """One thing a person has to do, by a date.

    kind: STEP, ASSIGNMENT, UPPER_CONFERENCE, UPPER_FORWARDING, PETITION or ANSWER_APPROVAL.
    title: what to do, in Vietnamese, ready to show.
    unit: the unit the task belongs to.
    due_date: the last day to do it.
    url: the page where it is done (a conference, a plan, the unit's plans).
    owner_label: who it is assigned to ("Văn phòng / thư ký", "Phòng Kinh tế", "UBND xã Điềm He").
    done: whether it is done.
    source_object: the TimelineStep, Assignment, (for the two upper-level kinds) the upper Plan, the
        (first) Petition, or the draft Answer.
    done_on: the day it was done (None when open).
    conference: the conference it belongs to, if any.
    plan: the plan it comes from (for a step, the conference's plan; for upper-level tasks, the upper plan).
    key: a stable identifier ("step:12", "assignment:4", "upper_conference:3:unit:7"), e.g. to
        remember which reminders were sent.
    """

    kind: str
    title: str
    unit: AdminUnit
    due_date: dt.date
    url: str
    owner_label: str
    done: bool
    source_object: models.Model
    done_on: dt.date | None = None
    conference: Conference | None = None
    plan: Plan | None = None
    key: str = ""

    def days_left(self, today: dt.date) -> int:
        """Days until the due date: 0 on the day, negative when overdue."""
        return (self.due_date - today).days

    def group(self, today: dt.date) -> str:
        """DONE, OVERDUE, DUE_SOON (within DUE_SOON_DAYS) or UPCOMING."""
        if self.done:
            return DONE
        days = self.days_left(today)
        if days < 0:
            return OVERDUE
        return DUE_SOON if days <= DUE_SOON_DAYS else UPCOMING


def _local_day(value: dt.datetime | None) -> dt.date | None:
    return timezone.localtime(value).date() if value is not None else None


def memberships_of(user: Any, unit: AdminUnit | None = None) -> list[Membership]:
    """The person's own current roles (in `unit`, or everywhere), with their units and departments. One query."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    qs = Membership.objects.filter(user_id=user.pk, is_active=True).select_related("unit", "department")
    if unit is not None:
        qs = qs.filter(unit=unit)
    return list(qs)


def _step_owner(m: Membership) -> Q:
    """The steps that membership `m` owns, within its unit."""
    if m.role == Role.DEPARTMENT_OFFICER:
        mine = Q(owner_role=Role.DEPARTMENT_OFFICER, owner_department__isnull=True)
        if m.department_id:
            mine |= Q(owner_role__in=(Role.DEPARTMENT_OFFICER, ""), owner_department_id=m.department_id)
        return mine
    if m.role == Role.OFFICE:
        return Q(owner_role=Role.OFFICE) | Q(owner_role="", owner_department__isnull=True)
    return Q(owner_role=m.role)


def _assignment_owner(m: Membership) -> Q:
    if m.role == Role.DEPARTMENT_OFFICER:
        mine = Q(assignee_role=Role.DEPARTMENT_OFFICER, assignee_department__isnull=True)
        if m.department_id:
            mine |= Q(assignee_department_id=m.department_id)
        return mine
    return Q(assignee_role=m.role)


def _any(conditions: list[Q]) -> Q | None:
    if not conditions:
        return None
    combined = conditions[0]
    for condition in conditions[1:]:
        combined |= condition
    return combined


def _steps(memberships: list[Membership], since: dt.datetime) -> list[TimelineStep]:
    condition = _any([Q(conference__unit_id=m.unit_id) & _step_owner(m) for m in memberships])
    if condition is None:
        return []
    return list(
        TimelineStep.objects.filter(condition)
        .filter(Q(done_at__isnull=True) | Q(done_at__gte=since))
        .exclude(conference__status=ConferenceStatus.CANCELLED)
        .select_related("conference", "conference__plan", "owner_department")
        .order_by("due_date", "pk")
    )


def _assignments(memberships: list[Membership], since: dt.datetime) -> list[Assignment]:
    condition = _any([Q(plan__unit_id=m.unit_id) & _assignment_owner(m) for m in memberships])
    if condition is None:
        return []
    represented = TimelineStep.objects.filter(
        conference__plan_id=OuterRef("plan_id"), owner_role=OuterRef("assignee_role"), due_date=OuterRef("due_date")
    ).exclude(conference__status=ConferenceStatus.CANCELLED)
    return list(
        Assignment.objects.filter(condition, plan__status__in=ASSIGNMENT_PLAN_STATES, due_date__isnull=False)
        .filter(Q(done__isnull=True) | Q(done__done_at__gte=since))
        .annotate(represented=Exists(represented))
        .filter(represented=False)
        .select_related("plan", "assignee_department", "done")
        .order_by("due_date", "pk")
    )


def _petitions(memberships: list[Membership]) -> list[Petition]:
    """Assigned petitions the memberships answer (their department's) or approve (drafts waiting): one
    query, none when the person holds neither kind of role."""
    answer = [
        Q(unit_id=m.unit_id, assigned_department_id=m.department_id)
        for m in memberships
        if m.role == Role.DEPARTMENT_OFFICER and m.department_id
    ]
    approve = [
        Q(unit_id=m.unit_id, answer__isnull=False, answer__approved_at__isnull=True)
        for m in memberships
        if m.role in APPROVER_ROLES
    ]
    condition = _any(answer + approve)
    if condition is None:
        return []
    return list(
        Petition.objects.filter(condition, status=PetitionStatus.ACCEPTED, due_date__isnull=False)
        .select_related("group", "answer", "assigned_department", "conference")
        .order_by("due_date", "pk")
    )


def _short(text: str, length: int = 120) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def petition_tasks(memberships: list[Membership], units: dict[int, AdminUnit]) -> list[Task]:
    """One task per matter (a petition, or a group's petitions of one department) to answer, and one per
    draft answer to approve; due on the earliest due date among them."""
    departments = {
        (m.unit_id, m.department_id) for m in memberships if m.role == Role.DEPARTMENT_OFFICER and m.department_id
    }
    approver_units = {m.unit_id for m in memberships if m.role in APPROVER_ROLES}
    matters: dict[str, list[Petition]] = {}
    drafts: dict[int, list[Petition]] = {}
    for petition in _petitions(memberships):
        if (petition.unit_id, petition.assigned_department_id) in departments:
            key = (
                f"{PETITION}:group:{petition.group_id}:{petition.assigned_department_id}"
                if petition.group_id
                else f"{PETITION}:{petition.pk}"
            )
            matters.setdefault(key, []).append(petition)
        answer = petition.answer
        if petition.unit_id in approver_units and answer is not None and not answer.is_approved:
            drafts.setdefault(answer.pk, []).append(petition)
    tasks = []
    for key, petitions in matters.items():
        first = petitions[0]  # the earliest due
        unit = units[first.unit_id]
        text = first.group.title if first.group is not None else first.text
        title = _("Trả lời ý kiến: %(text)s") % {"text": _short(text)}
        if len(petitions) > 1:
            title += " " + _("(%(n)s ý kiến)") % {"n": len(petitions)}
        assert first.due_date is not None
        tasks.append(
            Task(
                kind=PETITION,
                title=title,
                unit=unit,
                due_date=first.due_date,
                url=reverse("petitions:assigned", args=[unit.pk]),
                owner_label=first.assigned_department.name if first.assigned_department else "",
                done=False,
                source_object=first,
                conference=first.conference,
                key=key,
            )
        )
    for answer_id, petitions in drafts.items():
        first = petitions[0]
        unit = units[first.unit_id]
        assert first.due_date is not None and first.answer is not None
        tasks.append(
            Task(
                kind=ANSWER_APPROVAL,
                title=_("Duyệt trả lời ý kiến: %(text)s")
                % {"text": _short(first.group.title if first.group else first.text)},
                unit=unit,
                due_date=first.due_date,
                url=reverse("petitions:approve", args=[unit.pk, answer_id]),
                owner_label=_("Chủ tịch, Phó Chủ tịch"),
                done=False,
                source_object=first.answer,
                conference=first.conference,
                key=f"{ANSWER_APPROVAL}:{answer_id}",
            )
        )
    return tasks


def _step_task(step: TimelineStep, unit: AdminUnit) -> Task:
    conference = step.conference
    owner = step.owner_department.name if step.owner_department else (step.get_owner_role_display() or _("Văn phòng"))
    return Task(
        kind=STEP,
        title=step.label,
        unit=unit,
        due_date=step.due_date,
        url=reverse("conferences:detail", args=[unit.pk, conference.pk]),
        owner_label=str(owner),
        done=step.done_at is not None,
        source_object=step,
        done_on=_local_day(step.done_at),
        conference=conference,
        plan=conference.plan,
        key=f"{STEP}:{step.pk}",
    )


def _assignment_task(assignment: Assignment, unit: AdminUnit) -> Task:
    done = getattr(assignment, "done", None)
    assert assignment.due_date is not None
    return Task(
        kind=ASSIGNMENT,
        title=assignment.duty,
        unit=unit,
        due_date=assignment.due_date,
        url=reverse("plans:detail", args=[unit.pk, assignment.plan_id]) + "#section-assignments",
        owner_label=assignment.assignee_text
        or (assignment.assignee_department.name if assignment.assignee_department else "")
        or str(assignment.get_assignee_role_display()),
        done=done is not None,
        source_object=assignment,
        done_on=_local_day(done.done_at) if done is not None else None,
        plan=assignment.plan,
        key=f"{ASSIGNMENT}:{assignment.pk}",
    )


def _standing_url(standing: compliance.UnitStanding) -> str:
    unit = standing.unit
    conference = standing.held or standing.scheduled
    if conference is not None:
        return reverse("conferences:detail", args=[unit.pk, conference.pk])
    if standing.plan is not None:
        return reverse("plans:detail", args=[unit.pk, standing.plan.pk])
    return reverse("plans:list", args=[unit.pk])


def upper_tasks(standing: compliance.UnitStanding) -> list[Task]:
    """The tasks an upper-level plan sets a unit below: its conference by the deadline; issues sent upward."""
    upper, unit = standing.upper_plan, standing.unit
    reference = compliance.plan_reference(upper)
    conference = standing.held or standing.scheduled
    owner = compliance.committee_of(unit)
    tasks = [
        Task(
            kind=UPPER_CONFERENCE,
            title=_("Tổ chức hội nghị đối thoại theo %(reference)s, xong trước ngày %(date)s")
            % {"reference": reference, "date": short_date(standing.deadline)},
            unit=unit,
            due_date=standing.deadline,
            url=_standing_url(standing),
            owner_label=owner,
            done=standing.held is not None,
            source_object=upper,
            done_on=standing.held_on,
            conference=conference,
            plan=upper,
            key=f"{UPPER_CONFERENCE}:{upper.pk}:unit:{unit.pk}",
        )
    ]
    if upper.forward_issues_to:
        forwarding = standing.forwarding
        tasks.append(
            Task(
                kind=UPPER_FORWARDING,
                title=_("Gửi kiến nghị vượt thẩm quyền về %(to)s (theo %(reference)s)")
                % {"to": upper.forward_issues_to, "reference": reference},
                unit=unit,
                due_date=forwarding.due_date or standing.deadline,
                url=_standing_url(standing),
                owner_label=owner,
                done=forwarding.done_on is not None,
                source_object=upper,
                done_on=forwarding.done_on,
                conference=conference,
                plan=upper,
                key=f"{UPPER_FORWARDING}:{upper.pk}:unit:{unit.pk}",
            )
        )
    return tasks


def tasks_for(user: Any, today: dt.date, *, unit: AdminUnit | None = None) -> list[Task]:
    """Every open task of `user`, and those done in the last RECENT_DAYS days, ordered by due date.

    Only the units where the user holds a role themselves count (a higher official
    of the province gets no task of each commune below). `unit` narrows to one unit.
    A fixed number of queries (at most 8), whatever the number of tasks and units.
    """
    return tasks_of(memberships_of(user, unit), today)


def tasks_of(memberships: list[Membership], today: dt.date) -> list[Task]:
    """`tasks_for`, from the person's memberships already read (see `memberships_of`)."""
    if not memberships:
        return []
    units = {m.unit_id: m.unit for m in memberships}
    since_day = today - dt.timedelta(days=RECENT_DAYS)
    since = timezone.make_aware(dt.datetime.combine(since_day, dt.time.min))
    tasks: dict[str, Task] = {}
    for step in _steps(memberships, since):
        task = _step_task(step, units[step.conference.unit_id])
        tasks.setdefault(task.key, task)
    for assignment in _assignments(memberships, since):
        task = _assignment_task(assignment, units[assignment.plan.unit_id])
        tasks.setdefault(task.key, task)
    for task in petition_tasks(memberships, units):
        tasks.setdefault(task.key, task)
    upper_units = {m.unit_id: m.unit for m in memberships if m.role in UPPER_ROLES}
    for standing in plan_selectors.requirements_for(upper_units.values(), today):
        for task in upper_tasks(standing):
            if not task.done or (task.done_on is not None and task.done_on >= since_day):
                tasks.setdefault(task.key, task)
    return sorted(tasks.values(), key=lambda t: (t.done, t.due_date, t.unit.name, t.title))


def open_tasks_count(user: Any, today: dt.date) -> int:
    """How many tasks of `user` are not done (overdue ones included): the nav badge."""
    return sum(1 for task in tasks_for(user, today) if not task.done)


# ---------------------------------------------------------------- the page: groups


@dataclass(frozen=True)
class TaskRow:
    task: Task
    days_left: int
    due_text: str
    done_text: str

    @property
    def overdue_days(self) -> int:
        return -self.days_left

    @property
    def can_complete(self) -> bool:
        """A duty of a plan can be marked done from the list (steps are done on the conference page)."""
        return self.task.kind == ASSIGNMENT and not self.task.done


@dataclass
class TaskGroup:
    key: str
    label: Promise
    rows: list[TaskRow] = field(default_factory=list)


GROUP_LABELS: dict[str, Promise] = {
    OVERDUE: gettext_lazy("Quá hạn"),
    DUE_SOON: gettext_lazy("Đến hạn trong 7 ngày"),
    UPCOMING: gettext_lazy("Sắp tới"),
    DONE: gettext_lazy("Đã xong gần đây"),
}


def group_tasks(tasks: list[Task], today: dt.date) -> list[TaskGroup]:
    """The four groups of the page, in order, each possibly empty. Done tasks: most recent first."""
    groups = {key: TaskGroup(key, label) for key, label in GROUP_LABELS.items()}
    for task in tasks:
        groups[task.group(today)].rows.append(
            TaskRow(
                task=task,
                days_left=task.days_left(today),
                due_text=short_date(task.due_date),
                done_text=short_date(task.done_on) if task.done_on else "",
            )
        )
    groups[DONE].rows.sort(key=lambda r: r.task.done_on or dt.date.min, reverse=True)
    return list(groups.values())


def get_assignment(user: Any, assignment_id: int) -> Assignment:
    """A duty of a plan of a unit the user can see, else 404."""
    assignment = Assignment.objects.select_related("plan", "plan__unit").filter(pk=assignment_id).first()
    if assignment is None:
        raise Http404
    unit_selectors.get_unit(user, assignment.plan.unit_id)  # 404 outside the user's units
    return assignment
