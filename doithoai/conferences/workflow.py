"""The lifecycle of a conference: an explicit transition table, checked by the actions.

    planned ──announce──▶ announced ──hold──▶ held ──conclude──▶ concluded
       └────────cancel────────┴──▶ cancelled

A conference is rescheduled only before it is held; a held, concluded or
cancelled conference never goes back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doithoai.conferences import rules
from doithoai.conferences.models import ConferenceStatus
from doithoai.core.permissions import has_perm, roles_in
from doithoai.core.workflow import Transition, TransitionTable

if TYPE_CHECKING:
    from doithoai.conferences.models import Conference, TimelineStep

S = ConferenceStatus


ANNOUNCE = "announce"
HOLD = "hold"
CONCLUDE = "conclude"
CANCEL = "cancel"

_TRANSITIONS = [
    Transition(
        ANNOUNCE,
        frozenset({S.PLANNED}),
        S.ANNOUNCED,
        rules.ANNOUNCE_CONFERENCE,
        gettext_lazy("Đã thông báo công khai"),
        "conference.announced",
    ),
    Transition(
        HOLD, frozenset({S.ANNOUNCED}), S.HELD, rules.HOLD_CONFERENCE, gettext_lazy("Đã tổ chức"), "conference.held"
    ),
    Transition(
        CONCLUDE,
        frozenset({S.HELD}),
        S.CONCLUDED,
        rules.CONCLUDE_CONFERENCE,
        gettext_lazy("Đã thông báo kết luận"),
        "conference.concluded",
    ),
    Transition(
        CANCEL,
        frozenset({S.PLANNED, S.ANNOUNCED}),
        S.CANCELLED,
        rules.CANCEL_CONFERENCE,
        gettext_lazy("Hủy hội nghị"),
        "conference.cancelled",
    ),
]

# Besides the transitions: when the date may be changed and steps marked done.
RESCHEDULABLE_STATES = frozenset({S.PLANNED, S.ANNOUNCED})
OPEN_STATES = frozenset({S.PLANNED, S.ANNOUNCED, S.HELD})


def _state_error(conference: Conference, action: str) -> ValidationError:
    return ValidationError(
        {
            "status": _("Hội nghị đang ở trạng thái “%(state)s”, không thể “%(action)s”.")
            % {"state": ConferenceStatus(conference.status).label, "action": action.lower()}
        }
    )


TABLE = TransitionTable(_TRANSITIONS, _state_error)
TRANSITIONS = TABLE.transitions


def can_transition(user: Any, conference: Conference, name: str) -> bool:
    return TABLE.can(user, conference, name)


def available_transitions(user: Any, conference: Conference) -> list[Transition]:
    return TABLE.available(user, conference)


def check_transition(user: Any, conference: Conference, name: str) -> Transition:
    return TABLE.check(user, conference, name)


def check_reschedulable(conference: Conference) -> None:
    if conference.status not in RESCHEDULABLE_STATES:
        raise _state_error(conference, _("Đổi thời gian"))


def may_complete_step(user: Any, step: TimelineStep) -> bool:
    """The owner role of the step, or the office and the chair, for any step."""
    unit = step.conference.unit
    if has_perm(user, rules.COMPLETE_ANY_STEP, unit):
        return True
    return bool(step.owner_role) and step.owner_role in roles_in(user, unit)


def can_complete_step(user: Any, step: TimelineStep) -> bool:
    return not step.is_done and step.conference.status in OPEN_STATES and may_complete_step(user, step)


def check_complete_step(user: Any, step: TimelineStep) -> None:
    if not may_complete_step(user, step):
        raise PermissionDenied(rules.COMPLETE_ANY_STEP.code)
    if step.is_done:
        raise ValidationError({"step": _("Bước “%(step)s” đã hoàn thành.") % {"step": step.label}})
    if step.conference.status not in OPEN_STATES:
        raise _state_error(step.conference, _("Đánh dấu hoàn thành"))
