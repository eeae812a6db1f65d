"""Changes made from the to-do list. Each action is one transaction with its audit event."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.accounts.models import Membership
from doithoai.accounts.roles import Role
from doithoai.audit.actions import record
from doithoai.core.permissions import has_perm, roles_in
from doithoai.plans.models import Assignment
from doithoai.todo import rules
from doithoai.todo.models import AssignmentDone
from doithoai.todo.selectors import ASSIGNMENT_PLAN_STATES


def may_complete_assignment(user: Any, assignment: Assignment) -> bool:
    """The office and the chair of the plan's unit, or the one the duty is assigned to."""
    unit = assignment.plan.unit
    if has_perm(user, rules.COMPLETE_ANY_ASSIGNMENT, unit):
        return True
    roles = roles_in(user, unit)
    if (
        assignment.assignee_role
        and assignment.assignee_role in roles
        and (assignment.assignee_role != Role.DEPARTMENT_OFFICER or assignment.assignee_department_id is None)
    ):
        return True
    if assignment.assignee_department_id is not None and Role.DEPARTMENT_OFFICER in roles:
        return Membership.objects.filter(
            user_id=user.pk,
            unit=unit,
            role=Role.DEPARTMENT_OFFICER,
            department_id=assignment.assignee_department_id,
            is_active=True,
        ).exists()
    return False


@transaction.atomic
def assignment_complete(*, actor: Any, assignment: Assignment) -> AssignmentDone:
    """Mark a duty of a plan in force as done."""
    assignment = Assignment.objects.select_related("plan", "plan__unit").select_for_update().get(pk=assignment.pk)
    if not may_complete_assignment(actor, assignment):
        raise PermissionDenied(rules.COMPLETE_ANY_ASSIGNMENT.code)
    if assignment.plan.status not in ASSIGNMENT_PLAN_STATES:
        raise ValidationError({"status": _("Kế hoạch chưa ban hành hoặc đã kết thúc; không ghi nhận được nhiệm vụ.")})
    if AssignmentDone.objects.filter(assignment=assignment).exists():
        raise ValidationError({"assignment": _("Nhiệm vụ này đã được ghi nhận hoàn thành.")})
    done = AssignmentDone.objects.create(assignment=assignment, done_at=timezone.now(), done_by=actor)
    record(
        actor=actor,
        event_type="assignment.completed",
        obj=assignment.plan,
        unit=assignment.plan.unit,
        before={"done": False},
        after={"done": True},
        extra={"assignment": assignment.duty[:200], "assignee": assignment.assignee_text},
    )
    return done
