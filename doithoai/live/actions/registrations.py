"""Advance registrations to speak (đăng ký phát biểu). See actions/__init__.py and workflow.py.

A citizen registers on the portal (no account, rate-limited like the public petition form: the same
`Limit`s, counted per client address that is never stored); a village head enters registrations for the
people of their village; the office for anyone. The office links a registration to petitions already sent,
then puts it into the list of speakers (`speaker_add`, in the order chosen: the speaker gets the topic, the
village, the petitions, and the name only if the person agreed to have it shown) or declines it with a
reason. Every change is one transaction with its audit event; a name typed is never written to the trail.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doithoai.audit.actions import record, snapshot
from doithoai.conferences.models import Conference
from doithoai.core.permissions import has_perm
from doithoai.delegates.models import Delegate
from doithoai.delegates.workflow import headed_village_ids
from doithoai.lib.params import query_id
from doithoai.lib.text import normalize_input
from doithoai.live import rules, workflow
from doithoai.live.actions import raise_if
from doithoai.live.actions.speakers import MAX_TOPIC as SPEAKER_MAX_TOPIC
from doithoai.live.actions.speakers import speaker_add
from doithoai.live.models import RequestSource, RequestStatus, Speaker, SpeakingRequest
from doithoai.petitions.actions.public import Limit
from doithoai.petitions.models import Petition, Sector
from doithoai.petitions.selectors import public as petitions_public
from doithoai.units.models import Village, VillageStatus

EVENT_LABELS: dict[str, Promise | str] = {
    "speaking_request.created": gettext_lazy("Đăng ký phát biểu"),
    "speaking_request.petitions_linked": gettext_lazy("Liên kết đăng ký phát biểu với ý kiến, kiến nghị"),
    "speaking_request.scheduled": gettext_lazy("Đưa đăng ký phát biểu vào danh sách phát biểu"),
    "speaking_request.declined": gettext_lazy("Không xếp đăng ký phát biểu"),
    "speaking_request.reopened": gettext_lazy("Xem xét lại đăng ký phát biểu"),
}

FIELDS = ["source", "village", "delegate", "show_name", "topic", "sector", "status", "decline_reason", "speaker"]
MAX_NAME = 120
MAX_TOPIC = 1000
MAX_REASON = 500
MAX_PETITIONS = 20
MAX_BATCH = 50
# The public form: as many registrations from one address as petitions, and a ceiling per conference a day.
REGISTER_PER_HOUR = Limit("speaking-request", 5, 3600)
REGISTER_PER_CONFERENCE_DAY = Limit("speaking-request-conference", 60, 86400)
ELLIPSIS = "…"


def _id(value: Any) -> int | None:
    return query_id(value.pk if hasattr(value, "pk") else value)


def may_enter(user: Any, conference: Conference, village_id: int | None = None) -> bool:
    """Roles only: the office and the chairs for any village; a village head for their own (any of them when
    `village_id` is None: whether to offer the form at all)."""
    unit = conference.unit
    if has_perm(user, rules.ENTER_REQUESTS, unit):
        return True
    if not has_perm(user, rules.ENTER_OWN_VILLAGE_REQUESTS, unit):
        return False
    villages = headed_village_ids(user, unit)
    return bool(villages) if village_id is None else village_id in villages


def entry_villages(user: Any, conference: Conference) -> list[Village]:
    """The villages someone may enter registrations for (all the unit's active ones for the office)."""
    qs = Village.objects.filter(unit_id=conference.unit_id, status=VillageStatus.ACTIVE)
    if user is not None and not has_perm(user, rules.ENTER_REQUESTS, conference.unit):
        qs = qs.filter(pk__in=headed_village_ids(user, conference.unit))
    return list(qs.order_by("sort_order", "name"))


def check_entry_open(conference: Conference, *, public: bool) -> None:
    """Registrations are taken while the conference is prepared (on the portal once it is announced), and
    never after it has started."""
    states = workflow.PUBLIC_CONFERENCE_STATES if public else workflow.ENTRY_CONFERENCE_STATES
    started = conference.starts_at is not None and conference.starts_at <= timezone.now()
    if conference.status not in states or started:
        raise ValidationError({"__all__": [_("Hội nghị đã bắt đầu hoặc không còn nhận đăng ký phát biểu.")]})


def is_entry_open(conference: Conference, *, public: bool) -> bool:
    try:
        check_entry_open(conference, public=public)
    except ValidationError:
        return False
    return True


def _clean(
    conference: Conference, data: Mapping[str, Any], user: Any, *, public: bool
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    errors: dict[str, list[str]] = {}
    unit = conference.unit
    allowed = None if public else entry_villages(user, conference)
    village_pk = _id(data.get("village"))
    village = None
    if village_pk is not None:
        qs = Village.objects.filter(unit_id=unit.pk, status=VillageStatus.ACTIVE, pk=village_pk)
        village = qs.first()
        if village is not None and allowed is not None and village not in allowed:
            village = None
    if village is None:
        errors["village"] = [_("Chọn thôn, tổ dân phố nơi người đăng ký ở.")]
    delegate = None
    if not public and data.get("delegate") not in (None, ""):
        pk = _id(data.get("delegate"))
        delegate = Delegate.objects.filter(conference=conference, pk=pk).exclude(full_name="").first() if pk else None
        if delegate is None or (allowed is not None and delegate.village_id not in {v.pk for v in allowed}):
            errors["delegate"] = [_("Chọn một đại biểu trong danh sách của hội nghị.")]
            delegate = None
    name = normalize_input(str(data.get("name") or ""))
    if delegate is not None and not name:
        name = delegate.full_name
    if len(name) > MAX_NAME:
        errors["name"] = [_("Quá dài (tối đa %(max)s ký tự).") % {"max": MAX_NAME}]
    show_name = bool(data.get("show_name"))
    if show_name and not name:
        errors["show_name"] = [_("Nhập họ tên nếu muốn được hiện tên trên màn hình hội trường.")]
    topic = normalize_input(str(data.get("topic") or ""))
    if not topic:
        errors["topic"] = [_("Nhập nội dung hoặc câu hỏi muốn phát biểu.")]
    elif len(topic) > MAX_TOPIC:
        errors["topic"] = [_("Quá dài (tối đa %(max)s ký tự).") % {"max": MAX_TOPIC}]
    sector = None
    if data.get("sector") not in (None, ""):
        pk = _id(data.get("sector"))
        sector = Sector.objects.filter(unit=unit, is_active=True, pk=pk).first() if pk else None
        if sector is None:
            errors["sector"] = [_("Chọn lĩnh vực trong danh sách, hoặc “Chưa rõ”.")]
    values = {
        "village": village,
        "delegate": delegate,
        "name": name,
        "show_name": show_name,
        "topic": topic,
        "sector": sector,
    }
    return values, errors


def _create(
    *, actor: Any, conference: Conference, values: dict[str, Any], source: str, submission_key: str
) -> tuple[SpeakingRequest, bool]:
    try:
        with transaction.atomic():
            request = SpeakingRequest.objects.create(
                conference=conference,
                source=source,
                submission_key=submission_key,
                created_by=actor if getattr(actor, "is_authenticated", False) else None,
                **values,
            )
    except IntegrityError:
        earlier = SpeakingRequest.objects.filter(conference=conference, submission_key=submission_key).first()
        if submission_key and earlier is not None:
            return earlier, False
        raise
    record(
        actor=actor,
        event_type="speaking_request.created",
        obj=request,
        unit=conference.unit,
        after=snapshot(request, FIELDS),
        extra={"named": bool(request.name)},
    )
    return request, True


@transaction.atomic
def speaking_request_create(
    *, actor: Any, conference: Conference, data: Mapping[str, Any], submission_key: str = ""
) -> tuple[SpeakingRequest, bool]:
    """A registration entered by the office (any village) or a village head (their own). Returns (request,
    created); the same form sent twice adds one.

    `data`: village (required), delegate (optional, one of the conference's), name (optional), show_name,
    topic (required, ≤ 1000 characters), sector (optional)."""
    if not may_enter(actor, conference):
        raise PermissionDenied(rules.ENTER_REQUESTS.code)
    submission_key = (submission_key or "")[:64]
    if submission_key:
        earlier = SpeakingRequest.objects.filter(conference=conference, submission_key=submission_key).first()
        if earlier is not None:
            return earlier, False
    check_entry_open(conference, public=False)
    values, errors = _clean(conference, data, actor, public=False)
    raise_if(errors)
    source = (
        RequestSource.OFFICE if has_perm(actor, rules.ENTER_REQUESTS, conference.unit) else RequestSource.VILLAGE_HEAD
    )
    return _create(actor=actor, conference=conference, values=values, source=source, submission_key=submission_key)


def speaking_request_submit_public(
    *, conference: Conference, data: Mapping[str, Any], submission_key: str, user: Any = None, client_key: str = ""
) -> tuple[SpeakingRequest, bool]:
    """A registration from the portal's form, without an account. Returns (request, created).

    `data`: village (required), name (optional), show_name (asked separately), topic (required), sector.
    The same `submission_key` again returns the first registration without counting against the limits.
    Raises `TooManyRequests` past 5 an hour from one address, or 60 a day for one conference; ValidationError
    once the conference has started (or is no longer announced)."""
    key = petitions_public.online_key(submission_key)
    if key:
        earlier = SpeakingRequest.objects.filter(conference=conference, submission_key=key).first()
        if earlier is not None:
            return earlier, False
    who = client_key or ""
    conference_who = f"{conference.pk}:{who}"
    REGISTER_PER_HOUR.check(who)
    REGISTER_PER_CONFERENCE_DAY.check(conference_who)
    check_entry_open(conference, public=True)
    values, errors = _clean(conference, data, None, public=True)
    if not key:
        errors.setdefault("__all__", [_("Trang đã cũ. Vui lòng bấm “Gửi đăng ký” lần nữa.")])
    raise_if(errors)
    actor = user if getattr(user, "is_authenticated", False) else None
    with transaction.atomic():
        request, created = _create(
            actor=actor, conference=conference, values=values, source=RequestSource.PORTAL, submission_key=key
        )
    if created:
        REGISTER_PER_HOUR.hit(who)
        REGISTER_PER_CONFERENCE_DAY.hit(conference_who)
    return request, created


def _lock(request: SpeakingRequest) -> SpeakingRequest:
    return (
        SpeakingRequest.objects.select_for_update(of=("self",))
        .select_related("conference__unit", "village")
        .get(pk=request.pk)
    )


def _check_decision_open(conference: Conference) -> None:
    if conference.status not in workflow.DECISION_CONFERENCE_STATES:
        raise ValidationError(
            {"status": [_("Hội nghị đã kết thúc hoặc đã hủy: không xếp đăng ký phát biểu được nữa.")]}
        )


@transaction.atomic
def speaking_request_link_petitions(
    *, actor: Any, request: SpeakingRequest, petitions: Iterable[Any]
) -> SpeakingRequest:
    """Link a registration to petitions of the unit (replacing the links). Only while it is pending: once
    scheduled, the speaker's own links are what the room uses."""
    request = _lock(request)
    conference = request.conference
    if not has_perm(actor, rules.SCHEDULE_REQUESTS, conference.unit):
        raise PermissionDenied(rules.SCHEDULE_REQUESTS.code)
    if request.status != RequestStatus.PENDING:
        raise ValidationError({"petitions": [_("Chỉ liên kết ý kiến cho đăng ký đang chờ xếp.")]})
    ids: list[int] = []
    for value in petitions:
        pk = _id(value)
        if pk is None:
            raise ValidationError({"petitions": [_("Chỉ liên kết ý kiến, kiến nghị đã gửi đến đơn vị.")]})
        if pk not in ids:
            ids.append(pk)
    if len(ids) > MAX_PETITIONS:
        raise ValidationError({"petitions": [_("Liên kết tối đa %(max)s ý kiến.") % {"max": MAX_PETITIONS}]})
    found = list(Petition.objects.filter(unit_id=conference.unit_id, pk__in=ids))
    if len(found) != len(ids):
        raise ValidationError({"petitions": [_("Chỉ liên kết ý kiến, kiến nghị đã gửi đến đơn vị.")]})
    before = sorted(request.petitions.values_list("pk", flat=True))
    after = sorted(ids)
    if before == after:
        return request
    request.petitions.set(found)
    request.save(update_fields=["updated_at"])
    record(
        actor=actor,
        event_type="speaking_request.petitions_linked",
        obj=request,
        unit=conference.unit,
        before={"petitions": before},
        after={"petitions": after},
    )
    return request


def _speaker_topic(topic: str) -> str:
    if len(topic) <= SPEAKER_MAX_TOPIC:
        return topic
    return topic[: SPEAKER_MAX_TOPIC - 1].rstrip() + ELLIPSIS


@transaction.atomic
def speaking_requests_schedule(
    *, actor: Any, conference: Conference, requests: Iterable[SpeakingRequest]
) -> list[Speaker]:
    """ "Đưa vào danh sách phát biểu": each registration, in the order given, becomes a speaker at the end of
    the list (through `speaker_add`: the topic, village, linked petitions, the name only with consent) and is
    marked scheduled. All or nothing: one refused (its state, a delegate already waiting) refuses them all."""
    require = workflow.SPEAKING_REQUEST.transitions[workflow.SCHEDULE].permission
    if not has_perm(actor, require, conference.unit):
        raise PermissionDenied(require.code)
    _check_decision_open(conference)
    chosen = list(requests)
    if not chosen:
        raise ValidationError({"__all__": [_("Chọn ít nhất một đăng ký để đưa vào danh sách phát biểu.")]})
    if len(chosen) > MAX_BATCH:
        raise ValidationError({"__all__": [_("Mỗi lần xếp tối đa %(max)s đăng ký.") % {"max": MAX_BATCH}]})
    speakers: list[Speaker] = []
    for request in chosen:
        if request.conference_id != conference.pk:
            raise ValidationError({"__all__": [_("Đăng ký không thuộc hội nghị này.")]})
        locked = _lock(request)
        workflow.SPEAKING_REQUEST.check(actor, locked, workflow.SCHEDULE)
        data: dict[str, Any] = {
            "village": locked.village_id,
            "name": locked.name if locked.show_name else "",
            "show_name": locked.show_name,
            "topic": _speaker_topic(locked.topic),
            "petitions": list(locked.petitions.values_list("pk", flat=True)),
        }
        if locked.delegate_id is not None:
            data["delegate"] = locked.delegate_id
            data.pop("name")
        speaker, _created = speaker_add(
            actor=actor, conference=conference, data=data, submission_key=f"request-{locked.pk}"
        )
        workflow.SPEAKING_REQUEST.apply(
            actor, locked, workflow.SCHEDULE, audit_fields=FIELDS, extra={"speaker": speaker.pk}, speaker=speaker
        )
        speakers.append(speaker)
    return speakers


@transaction.atomic
def speaking_request_decline(*, actor: Any, request: SpeakingRequest, reason: str) -> SpeakingRequest:
    """ "Không xếp", with the reason (kept for the office and the Front; the person is told by the office)."""
    request = _lock(request)
    _check_decision_open(request.conference)
    workflow.SPEAKING_REQUEST.check(actor, request, workflow.DECLINE)
    reason = normalize_input(reason or "")
    if not reason:
        raise ValidationError({"reason": [_("Ghi lý do không xếp phát biểu.")]})
    if len(reason) > MAX_REASON:
        raise ValidationError({"reason": [_("Quá dài (tối đa %(max)s ký tự).") % {"max": MAX_REASON}]})
    return workflow.SPEAKING_REQUEST.apply(actor, request, workflow.DECLINE, audit_fields=FIELDS, decline_reason=reason)


@transaction.atomic
def speaking_request_reopen(*, actor: Any, request: SpeakingRequest) -> SpeakingRequest:
    """A registration declined by mistake: back to pending (the reason is kept in the trail)."""
    request = _lock(request)
    _check_decision_open(request.conference)
    return workflow.SPEAKING_REQUEST.apply(actor, request, workflow.REOPEN, audit_fields=FIELDS, decline_reason="")
