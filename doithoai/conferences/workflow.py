"""The lifecycle of a conference: an explicit transition table, checked by the actions.

    planned ──announce──▶ announced ──hold──▶ held ──conclude──▶ concluded
       └────────cancel────────┴──▶ cancelled

A conference is rescheduled only before it is held; a held, concluded or
cancelled conference never goes back. Its details are edited until it is held
(afterwards only the secretary and the notes); its steps are completed, reopened
and adjusted in every state but cancelled. Who may do so with a step is
`StepAccess`, worked out once per page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doithoai.accounts.roles import Role
from doithoai.conferences import rules
from doithoai.conferences.models import ConferenceStatus
from doithoai.core.permissions import has_perm, require_perm, roles_in
from doithoai.core.workflow import Transition, TransitionTable

if TYPE_CHECKING:
    from doithoai.conferences.models import Conference, TimelineStep
    from doithoai.units.models import AdminUnit

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
# The details (title, venue, villages, co-chairs…) are edited until the conference is held; afterwards only
# what records it (the secretary who kept the minutes, the notes). A cancelled conference is not edited.
DETAIL_STATES = RESCHEDULABLE_STATES
RECORD_STATES = frozenset({S.HELD, S.CONCLUDED})
RECORD_FIELDS = frozenset({"secretary_name", "notes"})
# Steps are completed, reopened and adjusted in every state but cancelled: the written answers fall due
# after the conclusion notice.
STEP_STATES = frozenset({S.PLANNED, S.ANNOUNCED, S.HELD, S.CONCLUDED})


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


def editable_fields(conference: Conference, all_fields: frozenset[str]) -> frozenset[str]:
    """The detail fields that may be changed in the conference's state."""
    if conference.status in DETAIL_STATES:
        return all_fields
    if conference.status in RECORD_STATES:
        return all_fields & RECORD_FIELDS
    return frozenset()


def check_editable(conference: Conference, changed: set[str], all_fields: frozenset[str]) -> None:
    allowed = editable_fields(conference, all_fields)
    if not allowed:
        raise _state_error(conference, _("Sửa thông tin"))
    refused = sorted(changed - allowed)
    if refused:
        message = _("Hội nghị đã tổ chức: chỉ sửa được thư ký và ghi chú.")
        raise ValidationError({name: [message] for name in refused})


class StepAccess:
    """What one user may do with the steps of one unit's conferences, worked out once for a page.

    A step is completed by the office and the chair, or by the holder of its owner role; when the owner
    role is a department officer and the step names a department, only by an officer of that department.
    """

    def __init__(self, user: Any, unit: AdminUnit) -> None:
        self.user = user
        self.unit = unit
        self.roles = roles_in(user, unit)
        self.complete_any = has_perm(user, rules.COMPLETE_ANY_STEP, unit)
        self.reopen = has_perm(user, rules.REOPEN_STEP, unit)
        self.edit = has_perm(user, rules.EDIT_TIMELINE, unit)
        self._departments: frozenset[int] | None = None

    @property
    def departments(self) -> frozenset[int]:
        """The departments the user is an officer of in the unit (one query, the first time)."""
        if self._departments is None:
            from doithoai.accounts.models import Membership

            self._departments = frozenset(
                Membership.objects.filter(
                    user_id=self.user.pk,
                    unit_id=self.unit.pk,
                    role=Role.DEPARTMENT_OFFICER,
                    is_active=True,
                    department__isnull=False,
                ).values_list("department_id", flat=True)
            )
        return self._departments

    def may_complete(self, step: TimelineStep) -> bool:
        if self.complete_any:
            return True
        if not step.owner_role or step.owner_role not in self.roles:
            return False
        if step.owner_role == Role.DEPARTMENT_OFFICER and step.owner_department_id is not None:
            return step.owner_department_id in self.departments
        return True

    def can_complete(self, step: TimelineStep, conference: Conference) -> bool:
        return not step.is_done and conference.status in STEP_STATES and self.may_complete(step)

    def can_reopen(self, step: TimelineStep, conference: Conference) -> bool:
        return step.is_done and conference.status in STEP_STATES and self.reopen

    def can_edit(self, step: TimelineStep, conference: Conference) -> bool:
        return not step.is_done and conference.status in STEP_STATES and self.edit

    def can_delete(self, step: TimelineStep, conference: Conference) -> bool:
        return step.is_extra and conference.status in STEP_STATES and self.edit

    def can_add(self, conference: Conference) -> bool:
        return conference.status in STEP_STATES and self.edit


def may_complete_step(user: Any, step: TimelineStep) -> bool:
    return StepAccess(user, step.conference.unit).may_complete(step)


def can_complete_step(user: Any, step: TimelineStep) -> bool:
    return StepAccess(user, step.conference.unit).can_complete(step, step.conference)


def _check_step_state(conference: Conference, action: str) -> None:
    if conference.status not in STEP_STATES:
        raise _state_error(conference, action)


def check_complete_step(user: Any, step: TimelineStep) -> None:
    if not may_complete_step(user, step):
        raise PermissionDenied(rules.COMPLETE_ANY_STEP.code)
    if step.is_done:
        raise ValidationError({"step": _("Bước “%(step)s” đã hoàn thành.") % {"step": step.label}})
    _check_step_state(step.conference, _("Đánh dấu hoàn thành"))


def check_reopen_step(user: Any, step: TimelineStep) -> None:
    require_perm(user, rules.REOPEN_STEP, step.conference.unit)
    if not step.is_done:
        raise ValidationError({"step": _("Bước “%(step)s” chưa hoàn thành.") % {"step": step.label}})
    _check_step_state(step.conference, _("Mở lại bước"))


def check_edit_step(user: Any, step: TimelineStep) -> None:
    require_perm(user, rules.EDIT_TIMELINE, step.conference.unit)
    if step.is_done:
        raise ValidationError(
            {"step": _("Bước “%(step)s” đã hoàn thành: mở lại trước khi điều chỉnh.") % {"step": step.label}}
        )
    _check_step_state(step.conference, _("Điều chỉnh bước"))


def check_add_step(user: Any, conference: Conference) -> None:
    require_perm(user, rules.EDIT_TIMELINE, conference.unit)
    _check_step_state(conference, _("Thêm bước"))


def check_delete_step(user: Any, step: TimelineStep) -> None:
    require_perm(user, rules.EDIT_TIMELINE, step.conference.unit)
    if not step.is_extra:
        raise ValidationError(
            {"step": _("Chỉ xóa được bước bổ sung; các bước theo quy tắc của kế hoạch không xóa được.")}
        )
    _check_step_state(step.conference, _("Xóa bước"))
