"""When the delegate list may change, by the conference's state. Checked by the actions.

                      planned  announced  held  concluded  cancelled
    arrange              ✓         ✓        -       -          -      slots, import, add, remove
    fill / correct       ✓         ✓        ✓       -          -      names written after the day
    RSVP (public page)   ✓         ✓        -       -          -
    check-in, walk-in    -         ✓        ✓       -          -      undo too

A conference is checked in only once it has been announced (the law requires
the announcement first) and until it is concluded; after that, and for a
cancelled one, the list is a record and stays as it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from doithoai.accounts.models import Membership
from doithoai.accounts.roles import Role
from doithoai.conferences.models import ConferenceStatus
from doithoai.core.permissions import Permission, has_perm
from doithoai.delegates import rules

if TYPE_CHECKING:
    from doithoai.conferences.models import Conference
    from doithoai.delegates.models import Delegate
    from doithoai.units.models import AdminUnit

S = ConferenceStatus

ARRANGE = "arrange"
FILL = "fill"
RSVP = "rsvp"
CHECK_IN = "check_in"

STATES: dict[str, frozenset[str]] = {
    ARRANGE: frozenset({S.PLANNED, S.ANNOUNCED}),
    FILL: frozenset({S.PLANNED, S.ANNOUNCED, S.HELD}),
    RSVP: frozenset({S.PLANNED, S.ANNOUNCED}),
    CHECK_IN: frozenset({S.ANNOUNCED, S.HELD}),
}


def _refusal(conference: Conference, operation: str) -> str:
    state = ConferenceStatus(conference.status).label
    if operation == CHECK_IN and conference.status == S.PLANNED:
        return _("Hội nghị chưa được thông báo công khai: chưa điểm danh được.")
    if operation == RSVP:
        return _("Giấy mời này không còn nhận trả lời (hội nghị: %(state)s).") % {"state": state}
    return _("Hội nghị đang ở trạng thái “%(state)s”: danh sách đại biểu không thay đổi được nữa.") % {"state": state}


def is_open(conference: Conference, operation: str) -> bool:
    return conference.status in STATES[operation]


def check_state(conference: Conference, operation: str) -> None:
    if not is_open(conference, operation):
        raise ValidationError({"status": _refusal(conference, operation)})


def headed_village_ids(user: Any, unit: AdminUnit) -> frozenset[int]:
    """The villages whose slots the user fills as their village head, cached on the user object."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cache: dict[int, frozenset[int]] = user.__dict__.setdefault("_doithoai_headed_villages", {})
    if unit.pk not in cache:
        cache[unit.pk] = frozenset(
            Membership.objects.filter(
                user=user, unit=unit, role=Role.VILLAGE_HEAD, is_active=True, village__isnull=False
            ).values_list("village_id", flat=True)
        )
    return cache[unit.pk]


def may_manage(user: Any, unit: AdminUnit) -> bool:
    return has_perm(user, rules.MANAGE_DELEGATES, unit)


def may_fill_village(user: Any, unit: AdminUnit, village_id: int | None) -> bool:
    """Roles only (not the state): the office and chair for any row, a village head for their villages."""
    if may_manage(user, unit):
        return True
    return (
        village_id is not None
        and has_perm(user, rules.FILL_OWN_VILLAGE, unit)
        and village_id in headed_village_ids(user, unit)
    )


def may_fill(user: Any, delegate: Delegate) -> bool:
    return may_fill_village(user, delegate.conference.unit, delegate.village_id)


def require(user: Any, permission: Permission, unit: AdminUnit) -> None:
    if not has_perm(user, permission, unit):
        raise PermissionDenied(permission.code)


def can(user: Any, operation: str, conference: Conference) -> bool:
    """For pages: whether to show the control at all (the action still decides)."""
    unit = conference.unit
    if not is_open(conference, operation):
        return False
    if operation == ARRANGE:
        return may_manage(user, unit)
    if operation == FILL:
        return may_manage(user, unit) or (
            has_perm(user, rules.FILL_OWN_VILLAGE, unit) and bool(headed_village_ids(user, unit))
        )
    if operation == CHECK_IN:
        return has_perm(user, rules.CHECK_IN, unit)
    return False
