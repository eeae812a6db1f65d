"""Reads of the work on petitions after intake: assignment, drafts awaiting approval, overdue items,
referrals sent and received, answers to pass on to citizens.

Everything is scoped to the unit of the URL (resolved by `units.selectors.get_unit` first); an answer,
group or referral of another unit answers 404. Each list is read in a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from doithoai.accounts.models import Membership
from doithoai.accounts.roles import Role
from doithoai.core.permissions import roles_in
from doithoai.petitions import rules
from doithoai.petitions.models import Answer, Petition, PetitionGroup, PetitionStatus, Referral
from doithoai.units.models import AdminUnit, Department

S = PetitionStatus
# Who may draft the answer of a petition assigned to any department; a department officer drafts only
# for their own department (Membership.department).
DRAFT_ANY_ROLES = rules.DRAFT_ANSWER.roles - {Role.DEPARTMENT_OFFICER}
# Answered, waiting to be passed on to the citizen ("Cần báo cho người dân").
ANSWERED_STATES = (S.RESOLVED, S.ANSWERED_AT_CONFERENCE)
# Where a petition of a matter may still be routed (assigned, answered at the conference, referred).
ROUTABLE_STATES = (S.CLASSIFIED, S.ACCEPTED)

ROW_RELATED = ("village", "sector", "assigned_department", "group", "answer")


def drafting_departments(user: Any, unit: AdminUnit) -> frozenset[int] | None:
    """None when `user` may draft answers for any department of `unit`; else the departments they hold a
    department-officer role for there (empty: none). One query at most."""
    roles = roles_in(user, unit)
    if roles & DRAFT_ANY_ROLES:
        return None
    if Role.DEPARTMENT_OFFICER not in roles:
        return frozenset()
    return frozenset(
        Membership.objects.filter(
            user_id=user.pk, unit=unit, role=Role.DEPARTMENT_OFFICER, is_active=True, department__isnull=False
        ).values_list("department_id", flat=True)
    )


def may_draft_for(petition: Petition, departments: frozenset[int] | None) -> bool:
    """Whether someone who drafts for `departments` (see `drafting_departments`) may draft the answer of
    `petition`: it is assigned to one of them."""
    return departments is None or petition.assigned_department_id in departments


# ---------------------------------------------------------------- one matter: a petition or its group


def get_group(unit: AdminUnit, group_id: int) -> PetitionGroup:
    group = PetitionGroup.objects.filter(unit=unit, pk=group_id).first()
    if group is None:
        raise Http404
    return group


def group_petitions(group: PetitionGroup) -> list[Petition]:
    return list(group.petitions.select_related(*ROW_RELATED).order_by("received_on", "pk"))


def matter_petitions(petition: Petition) -> list[Petition]:
    """The petitions answered together with `petition`: its group's, or itself alone."""
    if petition.group_id is None:
        return [petition]
    return list(
        Petition.objects.filter(unit_id=petition.unit_id, group_id=petition.group_id)
        .select_related(*ROW_RELATED)
        .order_by("received_on", "pk")
    )


def get_answer(unit: AdminUnit, answer_id: int) -> Answer:
    answer = Answer.objects.select_related("unit", "department", "drafted_by", "approved_by").filter(
        unit=unit, pk=answer_id
    )
    found = answer.first()
    if found is None:
        raise Http404
    return found


def answer_petitions(answer: Answer, unit: AdminUnit) -> list[Petition]:
    return list(answer.petitions.filter(unit=unit).select_related(*ROW_RELATED).order_by("received_on", "pk"))


# ---------------------------------------------------------------- "Việc được giao": the department's work


@dataclass
class WorkItem:
    """One matter assigned to a department: a petition alone, or the petitions of a group."""

    petitions: list[Petition]
    due_date: dt.date | None
    days_left: int | None

    @property
    def first(self) -> Petition:
        return self.petitions[0]

    @property
    def group(self) -> PetitionGroup | None:
        return self.first.group

    @property
    def title(self) -> str:
        return self.group.title if self.group is not None else self.first.text

    @property
    def department(self) -> Department | None:
        return self.first.assigned_department

    @property
    def draft(self) -> Answer | None:
        """The draft shared by every petition of the matter, if there is one."""
        answers = {p.answer_id for p in self.petitions}
        answer = self.first.answer
        if len(answers) == 1 and answer is not None and not answer.is_approved:
            return answer
        return None

    @property
    def villages(self) -> list[str]:
        return sorted({p.village.name for p in self.petitions if p.village is not None})

    @property
    def is_overdue(self) -> bool:
        return self.days_left is not None and self.days_left < 0

    @property
    def overdue_days(self) -> int:
        return -(self.days_left or 0)


def assigned_work(unit: AdminUnit, departments: frozenset[int] | None, today: dt.date) -> list[WorkItem]:
    """The accepted petitions of `unit` assigned to `departments` (None: every department), a group's
    together, the earliest due (so the overdue ones) first. One query."""
    qs = Petition.objects.filter(unit=unit, status=S.ACCEPTED).select_related(*ROW_RELATED)
    if departments is not None:
        qs = qs.filter(assigned_department_id__in=sorted(departments))
    items: dict[tuple[str, int], WorkItem] = {}
    for petition in qs.order_by("due_date", "received_on", "pk"):
        key = ("group", petition.group_id) if petition.group_id else ("petition", petition.pk)
        item = items.get(key)
        if item is None:
            days = (petition.due_date - today).days if petition.due_date else None
            items[key] = WorkItem([petition], petition.due_date, days)
        else:
            item.petitions.append(petition)
    far = dt.date.max
    return sorted(items.values(), key=lambda i: (i.due_date or far, i.first.pk))


# ---------------------------------------------------------------- the chair's approval queue


def drafts_awaiting(unit: AdminUnit) -> list[Answer]:
    """Drafts of `unit` that answer at least one petition still waiting (accepted), oldest first; each with
    `waiting` (its accepted petitions). Two queries."""
    waiting = Petition.objects.filter(status=S.ACCEPTED).select_related("village", "group", "assigned_department")
    return list(
        Answer.objects.filter(unit=unit, approved_at__isnull=True, petitions__status=S.ACCEPTED)
        .distinct()
        .select_related("department", "drafted_by")
        .prefetch_related(Prefetch("petitions", queryset=waiting.order_by("due_date", "pk"), to_attr="waiting"))
        .order_by("drafted_at", "pk")
    )


# ---------------------------------------------------------------- overdue, by department


@dataclass
class OverdueRow:
    petition: Petition
    days: int  # calendar days past the due date


@dataclass
class OverdueGroup:
    department: Department | None
    rows: list[OverdueRow] = field(default_factory=list)


def overdue_by_department(unit: AdminUnit, today: dt.date) -> list[OverdueGroup]:
    """The unit's petitions still waiting on it past their due date, by department (most overdue first).
    A referred petition waits on another body, not on the unit: it is not listed. One query."""
    qs = (
        Petition.objects.filter(unit=unit, status__in=[S.RECEIVED, S.CLASSIFIED, S.ACCEPTED], due_date__lt=today)
        .select_related(*ROW_RELATED)
        .order_by("assigned_department__sort_order", "assigned_department__name", "due_date", "pk")
    )
    groups: dict[int | None, OverdueGroup] = {}
    for petition in qs:
        assert petition.due_date is not None
        group = groups.setdefault(petition.assigned_department_id, OverdueGroup(petition.assigned_department))
        group.rows.append(OverdueRow(petition, (today - petition.due_date).days))
    return list(groups.values())


# ---------------------------------------------------------------- referrals


def _with_originals(qs: QuerySet[Referral]) -> QuerySet[Referral]:
    originals = Petition.objects.select_related("village").order_by("pk")
    return qs.annotate(original_count=Count("petitions", distinct=True)).prefetch_related(
        Prefetch("petitions", queryset=originals, to_attr="originals")
    )


def inbox(unit: AdminUnit) -> list[Referral]:
    """Referrals received from the units below, newest first, each with its `inbox_petition` (the one
    petition it became here), `original_count` and `originals` (for the villages). Two queries."""
    return list(
        _with_originals(Referral.objects.filter(to_unit=unit))
        .select_related("from_unit", "inbox_petition", "inbox_petition__answer", "inbox_petition__assigned_department")
        .order_by("-created_at", "-pk")
    )


def referrals_sent(unit: AdminUnit) -> list[Referral]:
    """Referrals the unit sent up or to another body, newest first. Two queries."""
    return list(
        _with_originals(Referral.objects.filter(from_unit=unit))
        .select_related("to_unit", "inbox_petition")
        .order_by("-created_at", "-pk")
    )


def get_referral(unit: AdminUnit, referral_id: int, *, sent: bool | None = None) -> Referral:
    """A referral `unit` sent (sent=True), received (sent=False), or either; 404 otherwise."""
    condition = {True: Q(from_unit=unit), False: Q(to_unit=unit), None: Q(from_unit=unit) | Q(to_unit=unit)}[sent]
    referral = (
        Referral.objects.filter(condition, pk=referral_id)
        .select_related("from_unit", "from_unit__parent", "to_unit", "inbox_petition", "created_by")
        .first()
    )
    if referral is None:
        raise Http404
    return referral


def referral_originals(referral: Referral) -> list[Petition]:
    return list(referral.petitions.select_related("village", "group", "sector").order_by("pk"))


def received_referral(petition: Petition) -> Referral | None:
    """The referral that brought `petition` into its unit's inbox, if it came from below."""
    return _with_originals(Referral.objects.filter(inbox_petition=petition)).select_related("from_unit").first()


# ---------------------------------------------------------------- "Cần báo cho người dân"


def to_notify(unit: AdminUnit) -> list[Petition]:
    """Answered petitions of `unit` whose citizen has not been told yet, oldest answer first. One query."""
    return list(
        Petition.objects.filter(unit=unit, status__in=ANSWERED_STATES)
        .select_related("village", "answer", "referral", "group")
        .order_by("answer__approved_at", "pk")
    )


def work_counts(unit: AdminUnit, departments: frozenset[int] | None, today: dt.date) -> dict[str, int]:
    """The numbers on the area's tabs: one aggregate query."""
    own = Q(assigned_department_id__in=sorted(departments)) if departments is not None else Q()
    counts = Petition.objects.filter(unit=unit).aggregate(
        assigned=Count("pk", filter=Q(status=S.ACCEPTED) & own),
        overdue=Count("pk", filter=Q(status__in=[S.RECEIVED, S.CLASSIFIED, S.ACCEPTED], due_date__lt=today)),
        to_notify=Count("pk", filter=Q(status__in=ANSWERED_STATES)),
    )
    return {key: value or 0 for key, value in counts.items()}
