"""The programme of a conference: created from the standard one (seeds 001 and 004), edited before and
during the conference, and run item by item while the room runs. See actions/__init__.py.

An item's time is kept as seconds accumulated in earlier runs plus "current since": making another item
current, finishing it or ending the conference adds the running time to `elapsed_seconds`. An item may be
made current again (the chair comes back to it); its time goes on from where it stopped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doithoai.audit.actions import record, snapshot
from doithoai.audit.models import AuditEvent
from doithoai.conferences.models import Conference
from doithoai.core.permissions import require_perm
from doithoai.lib.text import normalize_input
from doithoai.live import rules
from doithoai.live.actions import locked_room, raise_if, touch
from doithoai.live.models import AgendaItem, AgendaKind, Room, RoomStatus
from doithoai.live.selectors.minutes import is_locked
from doithoai.plans.presets import names_of

EVENT_LABELS: dict[str, Promise | str] = {
    "agenda.created_from_standard": gettext_lazy("Tạo chương trình hội nghị theo chương trình mẫu"),
    "agenda.item_added": gettext_lazy("Thêm mục vào chương trình hội nghị"),
    "agenda.item_updated": gettext_lazy("Sửa mục chương trình hội nghị"),
    "agenda.item_deleted": gettext_lazy("Xóa mục chương trình hội nghị"),
    "agenda.item_moved": gettext_lazy("Đổi thứ tự chương trình hội nghị"),
    "agenda.item_started": gettext_lazy("Chuyển sang mục chương trình"),
    "agenda.item_finished": gettext_lazy("Kết thúc mục chương trình"),
}

ITEM_FIELDS = ["order", "kind", "title", "presenter", "planned_minutes"]
RUN_FIELDS = ["elapsed_seconds", "started_at", "ended_at"]
MAX_TITLE = 255
MAX_PRESENTER = 160
MAX_MINUTES = 600
UP = "up"
DOWN = "down"


@dataclass(frozen=True)
class StandardItem:
    kind: str
    title: str
    presenter: str
    minutes: int


def standard_programme(conference: Conference) -> list[StandardItem]:
    """The programme of seeds 001 and 004, worded for the conference's unit ("xã", "phường"…): about
    3 h 40 min, two hours of it the dialogue itself.

    Stored text of the unit's own document, written as the office writes it (like the plan presets), not
    an interface string."""
    unit = conference.unit
    n = names_of(unit)
    committee = unit.committee_abbr or "UBND"
    front = unit.front_abbr or "MTTQ"
    chair = conference.chair_name
    chairing = f"{chair} – Chủ trì hội nghị" if chair else "Chủ trì hội nghị"
    front_body = f"Ban Thường trực Ủy ban {front} Việt Nam {n.kind}"
    return [
        StandardItem(
            AgendaKind.OPENING,
            "Tuyên bố lý do, giới thiệu đại biểu, chủ trì và thư ký hội nghị",
            f"Văn phòng HĐND và {committee} {n.kind}",
            10,
        ),
        StandardItem(
            AgendaKind.RULES,
            "Thông qua chương trình, nội quy hội nghị đối thoại",
            f"Văn phòng HĐND và {committee} {n.kind}",
            5,
        ),
        StandardItem(
            AgendaKind.SPEECH,
            f"Phát biểu khai mạc, Chủ tịch {committee} {n.kind} quán triệt thực hiện đối thoại với Nhân dân",
            f"Chủ tịch {committee} {n.kind}",
            10,
        ),
        StandardItem(
            AgendaKind.REPORT,
            f"Báo cáo tóm tắt tình hình kinh tế - xã hội, quốc phòng - an ninh trên địa bàn {n.kind}",
            f"Lãnh đạo {committee} {n.kind}",
            20,
        ),
        StandardItem(
            AgendaKind.FRONT_REPORT,
            f"Báo cáo tổng hợp ý kiến, kiến nghị của Nhân dân trước hội nghị đối thoại ({front} {n.kind})",
            front_body,
            15,
        ),
        StandardItem(AgendaKind.DIALOGUE, "Tiến hành đối thoại với Nhân dân", chairing, 120),
        StandardItem(AgendaKind.CONCLUSIONS, "Chủ trì tóm tắt, kết luận từng vấn đề đối thoại", chairing, 20),
        StandardItem(
            AgendaKind.PARTY,
            "Đại diện Thường trực Đảng ủy phát biểu",
            f"Đại diện Thường trực Đảng ủy {n.kind}",
            10,
        ),
        StandardItem(AgendaKind.CLOSING, "Kết luận, bế mạc hội nghị đối thoại", chairing, 10),
    ]


# ---------------------------------------------------------------- checks shared with the room and speakers


def check_not_locked(conference: Conference) -> None:
    if is_locked(conference):
        raise ValidationError(
            {"minutes": [_("Biên bản hội nghị đã hoàn thành: chương trình và danh sách phát biểu không sửa được nữa.")]}
        )


def check_running(room: Room) -> None:
    if room.status != RoomStatus.RUNNING:
        raise ValidationError(
            {
                "status": [
                    _("Hội nghị đang ở trạng thái “%(state)s”: chỉ điều hành khi hội nghị đang diễn ra.")
                    % {"state": room.get_status_display()}
                ]
            }
        )


def _lock_item(item: AgendaItem) -> AgendaItem:
    return AgendaItem.objects.select_for_update().select_related("conference__unit").get(pk=item.pk)


def _items(conference: Conference) -> list[AgendaItem]:
    return list(AgendaItem.objects.select_for_update().filter(conference=conference).order_by("order", "pk"))


def _renumber(items: list[AgendaItem]) -> None:
    for position, other in enumerate(items, start=1):
        if other.order != position:
            other.order = position
            other.save(update_fields=["order", "updated_at"])


# ---------------------------------------------------------------- the runner's bookkeeping


def close_item(item: AgendaItem, now: dt.datetime) -> bool:
    """Stop the item's clock (it was current): its time so far is kept, it ends now. True if it was running."""
    if item.current_since is None:
        return False
    item.elapsed_seconds = item.used_seconds(now)
    item.current_since = None
    item.ended_at = now
    item.save(update_fields=["elapsed_seconds", "current_since", "ended_at", "updated_at"])
    return True


def open_item(room: Room, item: AgendaItem, now: dt.datetime) -> AgendaItem | None:
    """Make `item` the room's current item, closing the one before. Returns the previous current item."""
    previous = start_item(room, item, now)
    room.current_item = item
    room.save(update_fields=["current_item", "updated_at"])
    return previous


def start_item(room: Room, item: AgendaItem, now: dt.datetime) -> AgendaItem | None:
    """The clocks of `open_item` without the room's pointer: `item`'s runs, the one before and any stray one
    stop. Returns the previous current item. Starting the room calls it alone: the room's transition sets
    `current_item` itself, so that the room's event shows the change."""
    previous: AgendaItem | None = None
    if room.current_item_id and room.current_item_id != item.pk:
        previous = AgendaItem.objects.select_for_update().filter(pk=room.current_item_id).first()
        if previous is not None:
            close_item(previous, now)
    # A stray current item (another path left one open) is closed too: one clock runs at a time.
    for stray in (
        AgendaItem.objects.select_for_update()
        .filter(conference_id=item.conference_id, current_since__isnull=False)
        .exclude(pk=item.pk)
    ):
        close_item(stray, now)
    if item.current_since is None:
        item.current_since = now
        item.started_at = item.started_at or now
        item.ended_at = None
        item.save(update_fields=["current_since", "started_at", "ended_at", "updated_at"])
    return previous


def close_current(room: Room, now: dt.datetime) -> AgendaItem | None:
    """Close the room's current item (the programme's last item finished). Returns it."""
    if room.current_item_id is None:
        return None
    item = stop_current(room, now)
    room.current_item = None
    room.save(update_fields=["current_item", "updated_at"])
    return item


def stop_current(room: Room, now: dt.datetime) -> AgendaItem | None:
    """Stop the clock of the room's current item and return it; the room still points at it. Ending the
    room calls it alone: the room's transition clears `current_item` itself, so that its event shows it."""
    if room.current_item_id is None:
        return None
    item = AgendaItem.objects.select_for_update().filter(pk=room.current_item_id).first()
    if item is not None:
        close_item(item, now)
    return item


def create_standard(conference: Conference) -> list[AgendaItem]:
    """The standard items, when the agenda is empty (else nothing). Inside the caller's transaction."""
    if AgendaItem.objects.filter(conference=conference).exists():
        return []
    return AgendaItem.objects.bulk_create(
        AgendaItem(
            conference=conference,
            order=i,
            kind=s.kind,
            title=s.title,
            presenter=s.presenter,
            planned_minutes=s.minutes,
        )
        for i, s in enumerate(standard_programme(conference), start=1)
    )


# ---------------------------------------------------------------- editing


def _clean(data: Mapping[str, Any], errors: dict[str, list[str]], current: AgendaItem | None) -> dict[str, Any]:
    """The fields present in `data`, cleaned; for a new item (`current` None) every one is required."""
    values: dict[str, Any] = {}
    if "title" in data or current is None:
        title = normalize_input(data.get("title") or "")
        if not title:
            errors["title"] = [_("Nhập nội dung của mục chương trình.")]
        elif len(title) > MAX_TITLE:
            errors["title"] = [_("Nội dung quá dài (tối đa %(max)s ký tự).") % {"max": MAX_TITLE}]
        values["title"] = title
    if "presenter" in data or current is None:
        presenter = normalize_input(data.get("presenter") or "")
        if len(presenter) > MAX_PRESENTER:
            errors["presenter"] = [_("Quá dài (tối đa %(max)s ký tự).") % {"max": MAX_PRESENTER}]
        values["presenter"] = presenter
    if "planned_minutes" in data or current is None:
        raw = data.get("planned_minutes")
        try:
            minutes = int(str(raw).strip()) if raw is not None and str(raw).strip() != "" else None
        except ValueError:
            minutes = None
            errors["planned_minutes"] = [_("Nhập số phút là một số nguyên, ví dụ 15.")]
        if minutes is None and "planned_minutes" not in errors:
            errors["planned_minutes"] = [_("Nhập thời lượng dự kiến (số phút).")]
        elif minutes is not None and not 1 <= minutes <= MAX_MINUTES:
            errors["planned_minutes"] = [_("Thời lượng từ 1 đến %(max)s phút.") % {"max": MAX_MINUTES}]
        values["planned_minutes"] = minutes
    if "kind" in data or current is None:
        kind = data.get("kind") or AgendaKind.OTHER
        if kind not in AgendaKind.values:
            errors["kind"] = [_("Chọn loại nội dung.")]
        values["kind"] = kind
    return values


def _find_added(conference: Conference, submission_key: str) -> AgendaItem | None:
    """The item an earlier sending of the same form added (the key is kept in its audit event)."""
    if not submission_key:
        return None
    event = (
        AuditEvent.objects.filter(
            event_type="agenda.item_added", unit_id=conference.unit_id, changes___extra__submission_key=submission_key
        )
        .only("object_id")
        .first()
    )
    if event is None or not event.object_id.isdigit():
        return None
    return AgendaItem.objects.filter(conference=conference, pk=int(event.object_id)).first()


@transaction.atomic
def agenda_from_standard(*, actor: Any, conference: Conference) -> list[AgendaItem]:
    """The standard programme, when the agenda is empty; an agenda already there is returned unchanged."""
    require_perm(actor, rules.PREPARE, conference.unit)
    check_not_locked(conference)
    locked_room(conference)  # two clicks on "create" wait for each other here
    made = create_standard(conference)
    if made:
        touch(conference)
        record(
            actor=actor,
            event_type="agenda.created_from_standard",
            obj=conference,
            unit=conference.unit,
            extra={"items": len(made), "planned_minutes": sum(i.planned_minutes for i in made)},
        )
    return list(AgendaItem.objects.filter(conference=conference).order_by("order", "pk"))


@transaction.atomic
def agenda_item_add(
    *, actor: Any, conference: Conference, data: Mapping[str, Any], submission_key: str = ""
) -> tuple[AgendaItem, bool]:
    """A new item at the end of the programme. Returns (item, created): the same form sent twice adds one."""
    require_perm(actor, rules.PREPARE, conference.unit)
    submission_key = (submission_key or "")[:64]
    locked_room(conference)
    earlier = _find_added(conference, submission_key)
    if earlier is not None:
        return earlier, False
    check_not_locked(conference)
    errors: dict[str, list[str]] = {}
    values = _clean(data, errors, None)
    raise_if(errors)
    last = AgendaItem.objects.filter(conference=conference).order_by("-order").values_list("order", flat=True).first()
    item = AgendaItem.objects.create(conference=conference, order=(last or 0) + 1, **values)
    touch(conference)
    record(
        actor=actor,
        event_type="agenda.item_added",
        obj=item,
        unit=conference.unit,
        after=snapshot(item, ITEM_FIELDS),
        extra={"conference": conference.pk, **({"submission_key": submission_key} if submission_key else {})},
    )
    return item, True


@transaction.atomic
def agenda_item_update(*, actor: Any, item: AgendaItem, data: Mapping[str, Any]) -> AgendaItem:
    """Change an item's title, presenter, planned minutes or kind (those present in `data`)."""
    item = _lock_item(item)
    conference = item.conference
    require_perm(actor, rules.PREPARE, conference.unit)
    check_not_locked(conference)
    errors: dict[str, list[str]] = {}
    values = _clean(data, errors, item)
    raise_if(errors)
    if all(getattr(item, k) == v for k, v in values.items()):
        return item
    before = snapshot(item, ITEM_FIELDS)
    for key, value in values.items():
        setattr(item, key, value)
    item.save(update_fields=[*values, "updated_at"])
    touch(conference)
    record(
        actor=actor,
        event_type="agenda.item_updated",
        obj=item,
        unit=conference.unit,
        before=before,
        after=snapshot(item, ITEM_FIELDS),
    )
    return item


@transaction.atomic
def agenda_item_delete(*, actor: Any, item: AgendaItem) -> None:
    """Remove an item that has not been started (one that was run is part of what the minutes record)."""
    item = _lock_item(item)
    conference = item.conference
    require_perm(actor, rules.PREPARE, conference.unit)
    check_not_locked(conference)
    if item.started_at is not None or item.current_since is not None:
        raise ValidationError({"item": [_("Mục “%(title)s” đã bắt đầu: không xóa được.") % {"title": item.title}]})
    before = snapshot(item, ITEM_FIELDS)
    pk = item.pk
    item.delete()
    item.pk = pk
    _renumber(_items(conference))
    touch(conference)
    record(actor=actor, event_type="agenda.item_deleted", obj=item, unit=conference.unit, before=before)


@transaction.atomic
def agenda_item_move(*, actor: Any, item: AgendaItem, direction: str) -> AgendaItem:
    """Move an item one place up or down; at either end nothing changes."""
    item = _lock_item(item)
    conference = item.conference
    require_perm(actor, rules.PREPARE, conference.unit)
    check_not_locked(conference)
    if direction not in (UP, DOWN):
        raise ValidationError({"direction": [_("Chọn chuyển lên hoặc xuống.")]})
    items = _items(conference)
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index - 1 if direction == UP else index + 1
    if not 0 <= target < len(items):
        return item
    items[index], items[target] = items[target], items[index]
    _renumber(items)
    touch(conference)
    record(
        actor=actor,
        event_type="agenda.item_moved",
        obj=item,
        unit=conference.unit,
        extra={"direction": direction, "order": [i.pk for i in items]},
    )
    return next(i for i in items if i.pk == item.pk)


# ---------------------------------------------------------------- running


def _runner(actor: Any, conference: Conference) -> Room:
    require_perm(actor, rules.RUN_ROOM, conference.unit)
    room = locked_room(conference)
    check_not_locked(conference)
    check_running(room)
    return room


@transaction.atomic
def agenda_item_start(*, actor: Any, item: AgendaItem) -> AgendaItem:
    """Make `item` the current item: the previous one's time is kept and it ends now."""
    conference = Conference.objects.select_related("unit").get(pk=item.conference_id)
    room = _runner(actor, conference)
    item = _lock_item(item)
    now = timezone.now()
    before = snapshot(item, RUN_FIELDS)
    previous = open_item(room, item, now)
    touch(conference)
    record(
        actor=actor,
        event_type="agenda.item_started",
        obj=item,
        unit=conference.unit,
        before=before,
        after=snapshot(item, RUN_FIELDS),
        extra={"previous": previous.pk if previous else None},
    )
    return item


@transaction.atomic
def agenda_item_finish(*, actor: Any, item: AgendaItem) -> AgendaItem:
    """End the current item without starting another (a break, the end of the programme)."""
    conference = Conference.objects.select_related("unit").get(pk=item.conference_id)
    room = _runner(actor, conference)
    item = _lock_item(item)
    if item.current_since is None:
        raise ValidationError({"item": [_("Mục “%(title)s” không phải mục đang diễn ra.") % {"title": item.title}]})
    before = snapshot(item, RUN_FIELDS)
    close_item(item, timezone.now())
    if room.current_item_id == item.pk:
        room.current_item = None
        room.save(update_fields=["current_item", "updated_at"])
    touch(conference)
    record(
        actor=actor,
        event_type="agenda.item_finished",
        obj=item,
        unit=conference.unit,
        before=before,
        after=snapshot(item, RUN_FIELDS),
    )
    return item


@transaction.atomic
def agenda_next(*, actor: Any, conference: Conference) -> AgendaItem | None:
    """ "Mục tiếp theo": the item after the current one becomes current (with none current, the first not yet
    started). After the last item, the current one is finished. Returns the new current item, or None."""
    room = _runner(actor, conference)
    items = _items(conference)
    current = next((i for i in items if i.pk == room.current_item_id), None)
    if current is not None:
        index = items.index(current)
        following = items[index + 1] if index + 1 < len(items) else None
    else:
        following = next((i for i in items if i.started_at is None), None)
    now = timezone.now()
    if following is None:
        if current is None:
            raise ValidationError({"item": [_("Đã hết các mục của chương trình.")]})
        before = snapshot(current, RUN_FIELDS)
        close_current(room, now)
        touch(conference)
        record(
            actor=actor,
            event_type="agenda.item_finished",
            obj=current,
            unit=conference.unit,
            before=before,
            after=snapshot(current, RUN_FIELDS),
        )
        return None
    before = snapshot(following, RUN_FIELDS)
    open_item(room, following, now)
    touch(conference)
    record(
        actor=actor,
        event_type="agenda.item_started",
        obj=following,
        unit=conference.unit,
        before=before,
        after=snapshot(following, RUN_FIELDS),
        extra={"previous": current.pk if current else None},
    )
    return following
