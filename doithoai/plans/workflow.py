"""The lifecycle of a plan: an explicit transition table, checked by the actions.

    draft ──issue──▶ issued ──start──▶ in_progress ──close──▶ closed

A draft may be edited and deleted; an issued plan is a signed document and is
never sent back to draft (a change is made by issuing another plan); a closed
plan is read-only for good.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doithoai.core.workflow import Transition, TransitionTable
from doithoai.plans import rules
from doithoai.plans.models import PlanStatus

if TYPE_CHECKING:
    from doithoai.plans.models import Plan


ISSUE = "issue"
START = "start"
CLOSE = "close"

_TRANSITIONS = [
    Transition(
        ISSUE,
        frozenset({PlanStatus.DRAFT}),
        PlanStatus.ISSUED,
        rules.ISSUE_PLAN,
        gettext_lazy("Ban hành"),
        "plan.issued",
    ),
    Transition(
        START,
        frozenset({PlanStatus.ISSUED}),
        PlanStatus.IN_PROGRESS,
        rules.START_PLAN,
        gettext_lazy("Bắt đầu thực hiện"),
        "plan.started",
    ),
    Transition(
        CLOSE,
        frozenset({PlanStatus.IN_PROGRESS}),
        PlanStatus.CLOSED,
        rules.CLOSE_PLAN,
        gettext_lazy("Kết thúc"),
        "plan.closed",
    ),
]

# What may be done to a plan's content in each state, besides the transitions.
EDITABLE_STATES = frozenset({PlanStatus.DRAFT})
DELETABLE_STATES = frozenset({PlanStatus.DRAFT})


def _state_error(plan: Plan, action: str) -> ValidationError:
    return ValidationError(
        {
            "status": _("Kế hoạch đang ở trạng thái “%(state)s”, không thể “%(action)s”.")
            % {"state": PlanStatus(plan.status).label, "action": action.lower()}
        }
    )


TABLE = TransitionTable(_TRANSITIONS, _state_error)
TRANSITIONS = TABLE.transitions


def can_transition(user: Any, plan: Plan, name: str) -> bool:
    return TABLE.can(user, plan, name)


def available_transitions(user: Any, plan: Plan) -> list[Transition]:
    return TABLE.available(user, plan)


def check_transition(user: Any, plan: Plan, name: str) -> Transition:
    return TABLE.check(user, plan, name)


def check_editable(plan: Plan) -> None:
    if plan.status not in EDITABLE_STATES:
        raise ValidationError(
            {
                "status": _("Kế hoạch đã ban hành, không sửa được. Chỉ sửa được kế hoạch đang dự thảo."),
            }
        )
