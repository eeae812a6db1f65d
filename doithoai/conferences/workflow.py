"""The lifecycle of a conference: an explicit transition table, checked by the actions.

    planned ──announce──▶ announced ──hold──▶ held ──conclude──▶ concluded
       └────────cancel────────┴──▶ cancelled

A conference is rescheduled only before it is held; a held, concluded or
cancelled conference never goes back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doithoai.conferences import rules
from doithoai.conferences.models import ConferenceStatus
from doithoai.core.permissions import Permission, has_perm, roles_in

if TYPE_CHECKING:
    from doithoai.conferences.models import Conference, TimelineStep

S = ConferenceStatus


@dataclass(frozen=True)
class Transition:
    name: str
    sources: frozenset[ConferenceStatus]
    target: ConferenceStatus
    permission: Permission
    label: Promise  # the button
    event_type: str


ANNOUNCE = "announce"
HOLD = "hold"
CONCLUDE = "conclude"
CANCEL = "cancel"

TRANSITIONS: dict[str, Transition] = {
    ANNOUNCE: Transition(
        ANNOUNCE,
        frozenset({S.PLANNED}),
        S.ANNOUNCED,
        rules.ANNOUNCE_CONFERENCE,
        gettext_lazy("Đã thông báo công khai"),
        "conference.announced",
    ),
    HOLD: Transition(
        HOLD, frozenset({S.ANNOUNCED}), S.HELD, rules.HOLD_CONFERENCE, gettext_lazy("Đã tổ chức"), "conference.held"
    ),
    CONCLUDE: Transition(
        CONCLUDE,
        frozenset({S.HELD}),
        S.CONCLUDED,
        rules.CONCLUDE_CONFERENCE,
        gettext_lazy("Đã thông báo kết luận"),
        "conference.concluded",
    ),
    CANCEL: Transition(
        CANCEL,
        frozenset({S.PLANNED, S.ANNOUNCED}),
        S.CANCELLED,
        rules.CANCEL_CONFERENCE,
        gettext_lazy("Hủy hội nghị"),
        "conference.cancelled",
    ),
}

# Besides the transitions: when the date may be changed and steps marked done.
RESCHEDULABLE_STATES = frozenset({S.PLANNED, S.ANNOUNCED})
OPEN_STATES = frozenset({S.PLANNED, S.ANNOUNCED, S.HELD})


def can_transition(user: Any, conference: Conference, name: str) -> bool:
    transition = TRANSITIONS[name]
    return conference.status in transition.sources and has_perm(user, transition.permission, conference.unit)


def available_transitions(user: Any, conference: Conference) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if can_transition(user, conference, t.name)]


def _state_error(conference: Conference, action: str) -> ValidationError:
    return ValidationError(
        {
            "status": _("Hội nghị đang ở trạng thái “%(state)s”, không thể “%(action)s”.")
            % {"state": ConferenceStatus(conference.status).label, "action": action.lower()}
        }
    )


def check_transition(user: Any, conference: Conference, name: str) -> Transition:
    """The transition, if this user may make it now: PermissionDenied for the role, ValidationError for the state."""
    transition = TRANSITIONS[name]
    if not has_perm(user, transition.permission, conference.unit):
        raise PermissionDenied(transition.permission.code)
    if conference.status not in transition.sources:
        raise _state_error(conference, str(transition.label))
    return transition


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
