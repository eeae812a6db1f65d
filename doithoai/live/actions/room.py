"""Starting and ending the conference in the hall, and the line of notice on the hall's screen. See
actions/__init__.py.

Starting needs the conference announced; it creates the standard programme if there is none and makes its
first item current. Ending stops the speaker and the current item and records the conference as held
(the conferences app's "hold"); a vice chair who chaired ends it too, the conference being held on their
behalf. A wrong click on "end" is undone with "resume" while the minutes are a draft.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doithoai.audit.actions import record, snapshot
from doithoai.conferences import rules as conference_rules
from doithoai.conferences import workflow as conference_workflow
from doithoai.conferences.actions import STATE_FIELDS as CONFERENCE_STATE_FIELDS
from doithoai.conferences.models import Conference, ConferenceStatus
from doithoai.core.permissions import has_perm, require_perm
from doithoai.lib.text import normalize_input
from doithoai.live import rules, workflow
from doithoai.live.actions import locked_room, touch
from doithoai.live.actions.agenda import check_not_locked, create_standard, start_item, stop_current
from doithoai.live.actions.speakers import stop_others
from doithoai.live.models import AgendaItem, Room

EVENT_LABELS: dict[str, Promise | str] = {
    "room.started": gettext_lazy("Bắt đầu hội nghị"),
    "room.ended": gettext_lazy("Kết thúc hội nghị"),
    "room.resumed": gettext_lazy("Tiếp tục hội nghị đã kết thúc"),
    "room.notice_set": gettext_lazy("Đổi dòng thông báo trên màn hình hội trường"),
}

ROOM_FIELDS = ["status", "started_at", "ended_at", "current_item", "current_speaker"]
MAX_NOTICE = 200


def _lock(actor: Any, conference: Conference, name: str) -> Room:
    """The room, locked, once the actor holds the transition's role: nothing is created for anyone else."""
    require_perm(actor, workflow.ROOM.transitions[name].permission, conference.unit)
    return locked_room(conference)


@transaction.atomic
def room_start(*, actor: Any, conference: Conference) -> Room:
    """The conference begins in the hall: the room runs, and the programme's first item is current (the
    standard programme is created if the agenda is empty)."""
    room = _lock(actor, conference, workflow.START)
    check_not_locked(conference)
    # The room's state is refused before the conference's (apply checks it again on the row it locks).
    workflow.ROOM.check(actor, room, workflow.START)
    conference = Conference.objects.select_for_update().select_related("unit").get(pk=conference.pk)
    if conference.status != ConferenceStatus.ANNOUNCED:
        raise ValidationError(
            {
                "conference": [
                    _("Hội nghị đang ở trạng thái “%(state)s”: chỉ bắt đầu được hội nghị đã thông báo công khai.")
                    % {"state": conference.get_status_display()}
                ]
            }
        )
    now = timezone.now()
    created = create_standard(conference)
    changes: dict[str, Any] = {"started_at": now, "ended_at": None}
    first = AgendaItem.objects.select_for_update().filter(conference=conference).order_by("order", "pk").first()
    if first is not None:
        # The item's clock starts here; the room points at it through the transition, whose event shows it.
        start_item(room, first, now)
        changes["current_item"] = first
    room = workflow.ROOM.apply(
        actor,
        room,
        workflow.START,
        audit_fields=ROOM_FIELDS,
        extra={"conference": conference.pk, "agenda_created": len(created)},
        **changes,
    )
    touch(conference)
    return room


@transaction.atomic
def room_end(*, actor: Any, conference: Conference) -> Room:
    """The chair closes the conference: the speaker's turn and the current item end, the room ends, and the
    conference is recorded as held."""
    room = _lock(actor, conference, workflow.END)
    check_not_locked(conference)
    # Refused before any speaker or item is stopped and the conference held; apply checks it again.
    workflow.ROOM.check(actor, room, workflow.END)
    now = timezone.now()
    stopped = stop_others(conference, now)
    # The item's clock stops here; the transition clears the room's current item, and its event shows it.
    item = stop_current(room, now)
    held = False
    conference = Conference.objects.select_related("unit").get(pk=conference.pk)
    if conference.status == ConferenceStatus.ANNOUNCED:
        # The vice chair who chaired ends the conference without the conferences app's "hold" permission.
        may_hold = has_perm(actor, conference_rules.HOLD_CONFERENCE, conference.unit)
        conference_workflow.TABLE.apply(
            actor,
            conference,
            conference_workflow.HOLD,
            audit_fields=CONFERENCE_STATE_FIELDS,
            on_behalf_of="" if may_hold else f"live.room:{room.pk}",
        )
        held = True
    # After the hold, so that the trail reads "held" then "ended", as it always has.
    room = workflow.ROOM.apply(
        actor,
        room,
        workflow.END,
        audit_fields=ROOM_FIELDS,
        extra={
            "conference": conference.pk,
            "held": held,
            "speakers_stopped": [s.pk for s in stopped],
            "item_closed": item.pk if item else None,
        },
        ended_at=now,
        current_item=None,
    )
    touch(conference)
    return room


@transaction.atomic
def room_resume(*, actor: Any, conference: Conference) -> Room:
    """Undo "end" (a wrong click, or the chair goes back to a question) while the minutes are a draft. The
    conference stays recorded as held; the secretary picks the item to go on with."""
    room = _lock(actor, conference, workflow.RESUME)
    check_not_locked(conference)
    room = workflow.ROOM.apply(
        actor, room, workflow.RESUME, audit_fields=ROOM_FIELDS, extra={"conference": conference.pk}, ended_at=None
    )
    touch(conference)
    return room


@transaction.atomic
def room_set_notice(*, actor: Any, conference: Conference, notice: str) -> Room:
    """The line shown on the hall's screen ("Giải lao 10 phút"); an empty one clears it."""
    require_perm(actor, rules.RUN_ROOM, conference.unit)
    text = normalize_input(notice or "")
    if len(text) > MAX_NOTICE:
        raise ValidationError({"notice": [_("Dòng thông báo quá dài (tối đa %(max)s ký tự).") % {"max": MAX_NOTICE}]})
    room = locked_room(conference)
    if room.notice == text:
        return room
    before = snapshot(room, ["notice"])
    room.notice = text
    room.save(update_fields=["notice", "updated_at"])
    touch(conference)
    record(
        actor=actor,
        event_type="room.notice_set",
        obj=room,
        unit=conference.unit,
        before=before,
        after=snapshot(room, ["notice"]),
    )
    return room
