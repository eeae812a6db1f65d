"""The list of speakers and its timer. See actions/__init__.py.

A speaker is a delegate of the conference or a citizen who asked for the floor in the hall (name optional,
village, "Cử tri" by default). The name reaches the hall's screen only with the person's consent
(`show_name`: a delegate's registered consent unless the secretary says otherwise; never by default for
someone who walks in). The timer runs only while the room runs; starting one speaker stops whoever was
speaking, and the room's current speaker follows. The one who last had the floor stays the room's current
speaker after their turn ends, so that what they asked is recorded against them and "nói tiếp" is at hand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doithoai.audit.actions import record, snapshot
from doithoai.conferences.models import Conference
from doithoai.core.permissions import require_perm
from doithoai.delegates.models import Delegate
from doithoai.lib.text import normalize_input
from doithoai.live import rules, workflow
from doithoai.live.actions import locked_room, raise_if, touch
from doithoai.live.actions.agenda import DOWN, UP, check_not_locked, check_running
from doithoai.live.models import Room, Speaker, SpeakerStatus
from doithoai.petitions.models import Petition
from doithoai.units.models import Village

S = SpeakerStatus

EVENT_LABELS: dict[str, Promise | str] = {
    "speaker.added": gettext_lazy("Thêm người vào danh sách phát biểu"),
    "speaker.updated": gettext_lazy("Sửa thông tin người phát biểu"),
    "speaker.moved": gettext_lazy("Đổi thứ tự danh sách phát biểu"),
    "speaker.started": gettext_lazy("Mời phát biểu"),
    "speaker.paused": gettext_lazy("Tạm dừng lượt phát biểu"),
    "speaker.resumed": gettext_lazy("Tiếp tục lượt phát biểu"),
    "speaker.stopped": gettext_lazy("Kết thúc lượt phát biểu"),
    "speaker.withdrawn": gettext_lazy("Rút khỏi danh sách phát biểu"),
    "speaker.restored": gettext_lazy("Đưa lại vào danh sách phát biểu"),
}

FIELDS = ["order", "delegate", "name", "village", "label", "show_name", "topic", "limit_seconds"]
TIMER_FIELDS = ["status", "elapsed_seconds", "started_at", "ended_at"]
DEFAULT_LABEL = "Cử tri"
MAX_NAME = 120
MAX_LABEL = 160
MAX_TOPIC = 500
MAX_PETITIONS = 20
MAX_LIMIT_MINUTES = 60
# The transitions of the timer: only while the room runs. Withdraw and restore are list edits.
TIMER_TRANSITIONS = frozenset({workflow.START, workflow.PAUSE, workflow.RESUME, workflow.STOP})


def _pk(value: Any) -> int | None:
    """An id from a form value or a model instance; None for empty; -1 for anything unreadable."""
    if value is None or value == "":
        return None
    if hasattr(value, "pk"):
        return int(value.pk)
    try:
        return int(str(value).strip())
    except ValueError:
        return -1


def _pks(values: Iterable[Any] | None) -> list[int]:
    ids: list[int] = []
    for value in values or []:
        pk = _pk(value)
        if pk is not None and pk not in ids:
            ids.append(pk)
    return ids


def _text(data: Mapping[str, Any], key: str, limit: int, errors: dict[str, list[str]]) -> str:
    value = normalize_input(str(data.get(key) or ""))
    if len(value) > limit:
        errors[key] = [_("Quá dài (tối đa %(max)s ký tự).") % {"max": limit}]
    return value


def _clean(
    conference: Conference, data: Mapping[str, Any], errors: dict[str, list[str]], current: Speaker | None
) -> tuple[dict[str, Any], list[Petition] | None]:
    """The fields present in `data` (all of them for a new speaker), cleaned, and the petitions to link
    (None: leave the links as they are)."""
    new = current is None
    values: dict[str, Any] = {}
    delegate: Delegate | None = current.delegate if current is not None else None
    if new and data.get("delegate") not in (None, ""):
        pk = _pk(data.get("delegate"))
        delegate = (
            Delegate.objects.select_related("village")
            .filter(conference=conference, pk=pk)
            .exclude(full_name="")
            .first()
            if pk and pk > 0
            else None
        )
        if delegate is None:
            errors["delegate"] = [_("Chọn một đại biểu trong danh sách của hội nghị.")]
        elif Speaker.objects.filter(conference=conference, delegate=delegate, status=S.WAITING).exists():
            errors["delegate"] = [_("%(name)s đã có trong danh sách chờ phát biểu.") % {"name": delegate.full_name}]
        values["delegate"] = delegate
    elif new:
        values["delegate"] = None
    if delegate is not None:
        if new:
            values["name"] = delegate.full_name[:MAX_NAME]
    elif new or "name" in data:
        values["name"] = _text(data, "name", MAX_NAME, errors)
    if new or "village" in data:
        village_pk = _pk(data.get("village"))
        village = None
        if village_pk is not None:
            village = (
                Village.objects.filter(unit_id=conference.unit_id, pk=village_pk).first() if village_pk > 0 else None
            )
            if village is None:
                errors["village"] = [_("Chọn thôn, tổ dân phố của đơn vị.")]
        elif new and delegate is not None:
            village = delegate.village
        values["village"] = village
    if new or "label" in data:
        label = _text(data, "label", MAX_LABEL, errors)
        if not label:
            label = (delegate.role_label if delegate is not None else "")[:MAX_LABEL] or DEFAULT_LABEL
        values["label"] = label
    if new or "show_name" in data:
        show = data.get("show_name")
        values["show_name"] = (
            (delegate.consent_to_publish if delegate is not None else False) if show is None else bool(show)
        )
    if new or "topic" in data:
        values["topic"] = _text(data, "topic", MAX_TOPIC, errors)
    if "limit_minutes" in data and data.get("limit_minutes") not in (None, ""):
        try:
            minutes = int(str(data.get("limit_minutes")).strip())
        except ValueError:
            errors["limit_minutes"] = [_("Nhập số phút là một số nguyên, ví dụ 5.")]
        else:
            if not 1 <= minutes <= MAX_LIMIT_MINUTES:
                errors["limit_minutes"] = [_("Thời gian tối đa từ 1 đến %(max)s phút.") % {"max": MAX_LIMIT_MINUTES}]
            values["limit_seconds"] = minutes * 60
    elif new:
        values["limit_seconds"] = max(1, conference.minutes_per_question or 5) * 60
    petitions: list[Petition] | None = None
    if "petitions" in data:
        ids = _pks(data.get("petitions"))
        if len(ids) > MAX_PETITIONS:
            errors["petitions"] = [_("Liên kết tối đa %(max)s ý kiến.") % {"max": MAX_PETITIONS}]
        petitions = list(Petition.objects.filter(unit_id=conference.unit_id, pk__in=[i for i in ids if i > 0]))
        if len(petitions) != len(ids):
            errors["petitions"] = [_("Chỉ liên kết ý kiến, kiến nghị đã gửi đến đơn vị.")]
    # A name the person does not want shown is still kept for the staff; without a name there is nothing to show.
    name = values.get("name", current.name if current is not None else "")
    if not name and values.get("show_name"):
        values["show_name"] = False
    return values, petitions


def _lock(speaker: Speaker) -> Speaker:
    return (
        Speaker.objects.select_for_update(of=("self",)).select_related("conference__unit", "village").get(pk=speaker.pk)
    )


def _conference(speaker: Speaker) -> Conference:
    return Conference.objects.select_related("unit").get(pk=speaker.conference_id)


def _after(speaker: Speaker) -> dict[str, Any]:
    return snapshot(speaker, FIELDS)


@transaction.atomic
def speaker_add(
    *, actor: Any, conference: Conference, data: Mapping[str, Any], submission_key: str = ""
) -> tuple[Speaker, bool]:
    """Add someone at the end of the list of speakers. Returns (speaker, created): the same form sent twice
    (same `submission_key`) adds one.

    `data`: `delegate` (one of the conference's delegates, by id) or, for a citizen who walks in, `name`
    (optional) and `village`; `label` ("Cử tri" by default), `show_name` (None: the delegate's consent,
    no for a walk-in), `topic`, `petitions` (ids of the unit's petitions), `limit_minutes` (default: the
    conference's minutes per question)."""
    require_perm(actor, rules.PREPARE, conference.unit)
    submission_key = (submission_key or "")[:64]
    if submission_key:
        earlier = Speaker.objects.filter(conference=conference, submission_key=submission_key).first()
        if earlier is not None:
            return earlier, False
    check_not_locked(conference)
    errors: dict[str, list[str]] = {}
    values, petitions = _clean(conference, data, errors, None)
    raise_if(errors)
    locked_room(conference)  # the order below is taken one at a time
    last = Speaker.objects.filter(conference=conference).order_by("-order").values_list("order", flat=True).first()
    try:
        with transaction.atomic():
            speaker = Speaker.objects.create(
                conference=conference,
                order=(last or 0) + 1,
                submission_key=submission_key,
                created_by=actor if getattr(actor, "is_authenticated", False) else None,
                **values,
            )
    except IntegrityError:
        earlier = Speaker.objects.filter(conference=conference, submission_key=submission_key).first()
        if submission_key and earlier is not None:
            return earlier, False
        raise
    if petitions:
        speaker.petitions.set(petitions)
    touch(conference)
    # The name is personal data: the trail keeps who was added by reference, not the name typed.
    after = {k: v for k, v in _after(speaker).items() if k != "name"}
    record(
        actor=actor,
        event_type="speaker.added",
        obj=speaker,
        unit=conference.unit,
        after=after,
        extra={"petitions": sorted(p.pk for p in petitions or []), "walk_in": speaker.delegate_id is None},
    )
    return speaker, True


@transaction.atomic
def speaker_update(*, actor: Any, speaker: Speaker, data: Mapping[str, Any]) -> Speaker:
    """Correct an entry: name (a walk-in's), village, label, consent to show the name, topic, linked
    petitions, time allowed (`limit_minutes`). Keys absent from `data` are left as they are."""
    speaker = _lock(speaker)
    conference = speaker.conference
    require_perm(actor, rules.PREPARE, conference.unit)
    check_not_locked(conference)
    errors: dict[str, list[str]] = {}
    values, petitions = _clean(conference, data, errors, speaker)
    raise_if(errors)
    before = _after(speaker)
    old_petitions = sorted(speaker.petitions.values_list("pk", flat=True))
    new_petitions = sorted(p.pk for p in petitions) if petitions is not None else old_petitions
    if all(getattr(speaker, k) == v for k, v in values.items()) and new_petitions == old_petitions:
        return speaker
    for key, value in values.items():
        setattr(speaker, key, value)
    speaker.save()
    if petitions is not None and new_petitions != old_petitions:
        speaker.petitions.set(petitions)
    touch(conference)
    record(
        actor=actor,
        event_type="speaker.updated",
        obj=speaker,
        unit=conference.unit,
        before={k: v for k, v in before.items() if k != "name"} | {"petitions": old_petitions},
        after={k: v for k, v in _after(speaker).items() if k != "name"} | {"petitions": new_petitions},
        extra={"name_changed": True} if before["name"] != speaker.name else None,
    )
    return speaker


@transaction.atomic
def speaker_move(*, actor: Any, speaker: Speaker, direction: str) -> Speaker:
    """One place up or down in the list; at either end nothing changes."""
    conference = _conference(speaker)
    require_perm(actor, rules.PREPARE, conference.unit)
    check_not_locked(conference)
    if direction not in (UP, DOWN):
        raise ValidationError({"direction": [_("Chọn chuyển lên hoặc xuống.")]})
    locked_room(conference)
    speakers = list(Speaker.objects.select_for_update().filter(conference=conference).order_by("order", "pk"))
    index = next(i for i, other in enumerate(speakers) if other.pk == speaker.pk)
    target = index - 1 if direction == UP else index + 1
    if not 0 <= target < len(speakers):
        return speakers[index]
    speakers[index], speakers[target] = speakers[target], speakers[index]
    for position, other in enumerate(speakers, start=1):
        if other.order != position:
            other.order = position
            other.save(update_fields=["order", "updated_at"])
    touch(conference)
    record(
        actor=actor,
        event_type="speaker.moved",
        obj=speaker,
        unit=conference.unit,
        extra={"direction": direction, "order": [s.pk for s in speakers]},
    )
    return speakers[target]


# ---------------------------------------------------------------- the timer


def stop_timer(speaker: Speaker, now: dt.datetime, status: str) -> None:
    """Keep the time spoken so far and stop the clock; `status` is the state it is left in."""
    speaker.elapsed_seconds = speaker.spoken_seconds(now)
    speaker.running_since = None
    speaker.status = status
    if status == S.DONE:
        speaker.ended_at = now
    speaker.save(update_fields=["elapsed_seconds", "running_since", "status", "ended_at", "updated_at"])


def stop_others(conference: Conference, now: dt.datetime, keep: Speaker | None = None) -> list[Speaker]:
    """Whoever is speaking or paused (but `keep`) ends their turn. Inside the caller's transaction."""
    others = Speaker.objects.select_for_update().filter(conference=conference, status__in=workflow.TIMER_STATES)
    if keep is not None:
        others = others.exclude(pk=keep.pk)
    stopped = list(others)
    for other in stopped:
        stop_timer(other, now, S.DONE)
    return stopped


def _transition(actor: Any, speaker: Speaker, name: str) -> Speaker:
    transition = workflow.SPEAKER.transitions[name]
    conference = _conference(speaker)
    require_perm(actor, transition.permission, conference.unit)
    room: Room = locked_room(conference)
    speaker = _lock(speaker)
    check_not_locked(conference)
    # The speaker's state is refused before the room's (apply checks it again on the row it locks).
    workflow.SPEAKER.check(actor, speaker, name)
    if name in TIMER_TRANSITIONS:
        check_running(room)
    now = timezone.now()
    # Start and resume run the clock, pause and stop keep the time spoken; withdraw and restore change the
    # list, not the clock (the state alone).
    changes: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    if name in (workflow.START, workflow.RESUME):
        stopped = stop_others(conference, now, keep=speaker)
        if stopped:
            extra["stopped"] = [s.pk for s in stopped]
        changes = {"running_since": now, "started_at": speaker.started_at or now, "ended_at": None}
    elif name in (workflow.PAUSE, workflow.STOP):
        # What stop_timer does for the others, here through the transition that records it.
        changes = {"elapsed_seconds": speaker.spoken_seconds(now), "running_since": None}
        if name == workflow.STOP:
            changes["ended_at"] = now
    if name == workflow.STOP or extra:
        extra["limit_seconds"] = speaker.limit_seconds
    speaker = workflow.SPEAKER.apply(actor, speaker, name, audit_fields=TIMER_FIELDS, extra=extra, **changes)
    if name in (workflow.START, workflow.RESUME) and room.current_speaker_id != speaker.pk:
        room.current_speaker = speaker
        room.save(update_fields=["current_speaker", "updated_at"])
    touch(conference)
    return speaker


@transaction.atomic
def speaker_start(*, actor: Any, speaker: Speaker) -> Speaker:
    """ "Mời phát biểu": the clock starts; whoever was speaking ends their turn."""
    return _transition(actor, speaker, workflow.START)


@transaction.atomic
def speaker_pause(*, actor: Any, speaker: Speaker) -> Speaker:
    return _transition(actor, speaker, workflow.PAUSE)


@transaction.atomic
def speaker_resume(*, actor: Any, speaker: Speaker) -> Speaker:
    """After a pause, or after the turn ended ("nói tiếp"): the clock goes on from where it stopped."""
    return _transition(actor, speaker, workflow.RESUME)


@transaction.atomic
def speaker_stop(*, actor: Any, speaker: Speaker) -> Speaker:
    """The turn ends; the time spoken (against the limit) is kept."""
    return _transition(actor, speaker, workflow.STOP)


@transaction.atomic
def speaker_withdraw(*, actor: Any, speaker: Speaker) -> Speaker:
    return _transition(actor, speaker, workflow.WITHDRAW)


@transaction.atomic
def speaker_restore(*, actor: Any, speaker: Speaker) -> Speaker:
    return _transition(actor, speaker, workflow.RESTORE)


TRANSITION_ACTIONS = {
    workflow.START: speaker_start,
    workflow.PAUSE: speaker_pause,
    workflow.RESUME: speaker_resume,
    workflow.STOP: speaker_stop,
    workflow.WITHDRAW: speaker_withdraw,
    workflow.RESTORE: speaker_restore,
}
