"""The lifecycle of a plan: an explicit transition table, checked by the actions.

    draft ──issue──▶ issued ──start──▶ in_progress ──close──▶ closed

A draft may be edited and deleted; an issued plan is a signed document and is
never sent back to draft (a change is made by issuing another plan); a closed
plan is read-only for good.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doithoai.core.permissions import Permission, has_perm
from doithoai.plans import rules
from doithoai.plans.models import PlanStatus

if TYPE_CHECKING:
    from doithoai.plans.models import Plan


@dataclass(frozen=True)
class Transition:
    name: str
    source: PlanStatus
    target: PlanStatus
    permission: Permission
    label: Promise  # the button
    event_type: str


ISSUE = "issue"
START = "start"
CLOSE = "close"

TRANSITIONS: dict[str, Transition] = {
    ISSUE: Transition(
        ISSUE, PlanStatus.DRAFT, PlanStatus.ISSUED, rules.ISSUE_PLAN, gettext_lazy("Ban hành"), "plan.issued"
    ),
    START: Transition(
        START,
        PlanStatus.ISSUED,
        PlanStatus.IN_PROGRESS,
        rules.START_PLAN,
        gettext_lazy("Bắt đầu thực hiện"),
        "plan.started",
    ),
    CLOSE: Transition(
        CLOSE, PlanStatus.IN_PROGRESS, PlanStatus.CLOSED, rules.CLOSE_PLAN, gettext_lazy("Kết thúc"), "plan.closed"
    ),
}

# What may be done to a plan's content in each state, besides the transitions.
EDITABLE_STATES = frozenset({PlanStatus.DRAFT})
DELETABLE_STATES = frozenset({PlanStatus.DRAFT})


def can_transition(user: Any, plan: Plan, name: str) -> bool:
    transition = TRANSITIONS[name]
    return plan.status == transition.source and has_perm(user, transition.permission, plan.unit)


def available_transitions(user: Any, plan: Plan) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if can_transition(user, plan, t.name)]


def check_transition(user: Any, plan: Plan, name: str) -> Transition:
    """The transition, if this user may make it now: PermissionDenied for the role, ValidationError for the state."""
    transition = TRANSITIONS[name]
    if not has_perm(user, transition.permission, plan.unit):
        raise PermissionDenied(transition.permission.code)
    if plan.status != transition.source:
        raise ValidationError(
            {
                "status": _("Kế hoạch đang ở trạng thái “%(state)s”, không thể “%(action)s”.")
                % {"state": PlanStatus(plan.status).label, "action": str(transition.label).lower()}
            }
        )
    return transition


def check_editable(plan: Plan) -> None:
    if plan.status not in EDITABLE_STATES:
        raise ValidationError(
            {
                "status": _("Kế hoạch đã ban hành, không sửa được. Chỉ sửa được kế hoạch đang dự thảo."),
            }
        )
