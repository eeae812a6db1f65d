"""The lifecycle of a settlement (quyết toán): an explicit transition table, checked by the actions.

    open ──submit──▶ submitted ──approve──▶ approved
      ▲                  │                      │
      └────return────────┘                      │
      └─────────────────reopen──────────────────┘

While open, the estimate and the expenses it counts may change; once submitted they are frozen for the
chair's reading, and once approved for good, unless the chair reopens it (with a reason).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doithoai.budget import rules
from doithoai.budget.models import SettlementStatus
from doithoai.core.workflow import Transition, TransitionTable

if TYPE_CHECKING:
    from doithoai.budget.models import Settlement

SUBMIT = "submit"
RETURN = "return"
APPROVE = "approve"
REOPEN = "reopen"
# The transitions that need the chair's reason.
WITH_REASON = frozenset({RETURN, REOPEN})

S = SettlementStatus

_TRANSITIONS = [
    Transition(
        SUBMIT,
        frozenset({S.OPEN}),
        S.SUBMITTED,
        rules.SUBMIT_SETTLEMENT,
        gettext_lazy("Trình phê duyệt quyết toán"),
        "budget.settlement_submitted",
    ),
    Transition(
        RETURN,
        frozenset({S.SUBMITTED}),
        S.OPEN,
        rules.APPROVE_SETTLEMENT,
        gettext_lazy("Trả lại để sửa"),
        "budget.settlement_returned",
    ),
    Transition(
        APPROVE,
        frozenset({S.SUBMITTED}),
        S.APPROVED,
        rules.APPROVE_SETTLEMENT,
        gettext_lazy("Phê duyệt quyết toán"),
        "budget.settlement_approved",
    ),
    Transition(
        REOPEN,
        frozenset({S.APPROVED}),
        S.OPEN,
        rules.APPROVE_SETTLEMENT,
        gettext_lazy("Mở lại để điều chỉnh"),
        "budget.settlement_reopened",
    ),
]


def _state_error(settlement: Settlement, action: str) -> ValidationError:
    return ValidationError(
        {
            "status": _("Quyết toán đang ở trạng thái “%(state)s”, không thể “%(action)s”.")
            % {"state": SettlementStatus(settlement.status).label, "action": action.lower()}
        }
    )


TABLE = TransitionTable(_TRANSITIONS, _state_error)
TRANSITIONS = TABLE.transitions


def available_transitions(user: Any, settlement: Settlement) -> list[Transition]:
    return TABLE.available(user, settlement)
