"""The dialogue: each question asked in the hall, and the chair's conclusion on it.

A question concerns petitions: some sent before the conference (the unit's, still open), and/or one raised
in the hall there and then (`raise_at_conference`, classified at once so it can be routed). The chair's
conclusion runs the petitions' own actions inside the same transaction: answered in the hall
(`answer_at_conference`), to be answered in writing by a department by a date (`assign`), referred to the
unit above (`refer_to_parent`) or to another body (`refer_to_body`). If any of them refuses, the exchange
stays open and nothing at all changes.

Questions are recorded while the room runs or after it ended (typed up late), until the minutes are
finalised. The exchanges are not on the hall's screen, so these actions do not `touch` the room.

The audit trail records who did what and which petitions, not the texts: what a citizen said is read in
the exchange itself, by those who may see it (as the petitions app does with its texts).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doithoai.audit.actions import record, snapshot
from doithoai.conferences.models import Conference
from doithoai.core.actors import actor_or_none
from doithoai.core.permissions import require_perm
from doithoai.lib.numbers import grouped
from doithoai.live import rules, workflow
from doithoai.live.actions import raise_if
from doithoai.live.models import Exchange, ExchangeStatus, Outcome, Room, Speaker
from doithoai.live.selectors.exchanges import LINKABLE_STATES
from doithoai.live.selectors.minutes import is_locked
from doithoai.petitions.actions import petition_classify
from doithoai.petitions.actions.answers import (
    answer_at_conference,
    assign,
    clean_line,
    clean_long_text,
    code_of,
    raise_at_conference,
)
from doithoai.petitions.actions.referrals import refer_to_body, refer_to_parent
from doithoai.petitions.models import (
    REDIRECTED_KINDS,
    Jurisdiction,
    Kind,
    Petition,
    PetitionStatus,
    Sector,
)
from doithoai.units.models import Department

S = PetitionStatus

MAX_TEXT = 4000  # a question or an answer "in brief"; a full answer goes in writing
# What the chair's conclusion may act on: the sources of answer_at_conference, accept and refer.
CONCLUDABLE_STATES = frozenset({S.CLASSIFIED, S.ACCEPTED})
# Once concluded, only the brief texts are corrected; the rest is what the petitions' actions did.
CONCLUDED_EDITABLE = frozenset({"question", "answer_text"})
# No texts in the audit trail (see the module's docstring); which texts changed is named in `extra`.
AUDIT_FIELDS = ["speaker_id", "answered_by", "department", "status"]
CONCLUDE_AUDIT_FIELDS = [*AUDIT_FIELDS, "outcome", "due_date", "to_body", "answer_id", "referral_id"]
TEXT_FIELDS = ("question", "answer_text", "conclusion")

EVENT_LABELS: dict[str, Promise | str] = {
    "exchange.opened": gettext_lazy("Ghi câu hỏi tại hội nghị"),
    "exchange.updated": gettext_lazy("Sửa lượt đối thoại"),
    "exchange.concluded": gettext_lazy("Ghi kết luận của chủ trì"),
}

# The petitions' actions name their own fields; the exchange's forms have these.
PETITION_FIELDS = {
    "petitions": "petitions",
    "status": "petitions",
    "kind": "petitions",
    "text": "answer_text",
    "answered_by": "answered_by",
    "department": "department",
    "conclusion": "conclusion",
    "note": "conclusion",
    "due_date": "due_date",
    "to_body": "to_body",
    "to_unit": "outcome",
}


# ---------------------------------------------------------------- helpers


def _room_open(conference: Conference) -> Room:
    """The room, locked (exchanges are numbered under it), if questions may be recorded now."""
    room = Room.objects.select_for_update().filter(conference=conference).first()
    if room is None or room.status not in workflow.EXCHANGE_ROOM_STATES:
        raise ValidationError(
            {NON_FIELD_ERRORS: [_("Hội nghị chưa bắt đầu: bắt đầu hội nghị ở trang Điều hành rồi mới ghi câu hỏi.")]}
        )
    if is_locked(conference):
        raise ValidationError({NON_FIELD_ERRORS: [_("Biên bản đã hoàn thành: phần đối thoại không sửa được nữa.")]})
    return room


def _locked(exchange: Exchange) -> Exchange:
    return Exchange.objects.select_for_update(of=("self",)).select_related("conference__unit").get(pk=exchange.pk)


def _text(value: Any, field: str, errors: dict[str, list[str]], *, required: str = "") -> str:
    cleaned = clean_long_text(value if isinstance(value, str) else "")
    if not cleaned and required:
        errors[field] = [required]
    elif len(cleaned) > MAX_TEXT:
        errors[field] = [
            _("Dài %(n)s ký tự, quá %(max)s ký tự: ghi tóm tắt.")
            % {"n": grouped(len(cleaned)), "max": grouped(MAX_TEXT)}
        ]
    return cleaned


def _question(value: Any, errors: dict[str, list[str]]) -> str:
    return _text(value, "question", errors, required=_("Ghi tóm tắt câu hỏi."))


def _speaker(conference: Conference, value: Any, errors: dict[str, list[str]]) -> Speaker | None:
    if value is None:
        return None
    if not isinstance(value, Speaker) or value.conference_id != conference.pk:
        errors["speaker"] = [_("Chọn người hỏi trong danh sách phát biểu của hội nghị.")]
        return None
    return value


def _department(conference: Conference, value: Any, errors: dict[str, list[str]]) -> Department | None:
    if value is None:
        return None
    if not isinstance(value, Department) or value.unit_id != conference.unit_id:
        errors["department"] = [_("Chọn cơ quan chuyên môn của đơn vị.")]
        return None
    return value


def _fresh(petitions: Iterable[Petition]) -> list[Petition]:
    """The petitions as they are now (the caller's objects may be stale), in a fixed order."""
    ids = sorted({p.pk for p in petitions})
    return list(Petition.objects.filter(pk__in=ids).select_related("unit", "group").order_by("pk"))


def _check_links(
    conference: Conference, petitions: Sequence[Petition], errors: dict[str, list[str]], keep: Iterable[int] = ()
) -> None:
    """Petitions of the conference's unit, still open; those already linked (`keep`) stay whatever their state."""
    kept = set(keep)
    messages: list[str] = []
    if any(p.unit_id != conference.unit_id for p in petitions):
        messages.append(_("Chỉ gắn được ý kiến của %(unit)s.") % {"unit": conference.unit.name})
    messages.extend(
        _("Ý kiến %(code)s đang ở trạng thái “%(state)s”, không gắn vào câu hỏi được.")
        % {"code": code_of(p), "state": p.get_status_display()}
        for p in petitions
        if p.unit_id == conference.unit_id and p.status not in LINKABLE_STATES and p.pk not in kept
    )
    if messages:
        errors["petitions"] = messages


def _renamed(exc: ValidationError, names: Mapping[str, str]) -> ValidationError:
    """An action's refusal with its fields named as the exchange's forms name them; others on the form."""
    out: dict[str, list[str]] = {}
    if not hasattr(exc, "error_dict"):
        return ValidationError({NON_FIELD_ERRORS: exc.messages})
    for field, messages in exc.message_dict.items():
        out.setdefault(names.get(field, NON_FIELD_ERRORS), []).extend(messages)
    return ValidationError(out)


def _audit(exchange: Exchange, fields: list[str]) -> dict[str, Any]:
    values = snapshot(exchange, fields)
    values["petitions"] = sorted(exchange.petitions.values_list("pk", flat=True)) if exchange.pk else []
    return values


# ---------------------------------------------------------------- a question


def _new_petition(
    conference: Conference, data: Mapping[str, Any], question: str, errors: dict[str, list[str]]
) -> dict[str, Any] | None:
    """What the new petition raised in the hall will be, checked with the rest of the form."""
    if not data.get("new_petition"):
        return None
    text = _text(data.get("petition_text"), "petition_text", errors) or question
    kind = data.get("kind") or Kind.RECOMMENDATION
    if kind not in Kind.values:
        errors["kind"] = [_("Chọn tính chất.")]
    sector = data.get("sector")
    if sector is None:
        errors["sector"] = [_("Chọn lĩnh vực của ý kiến mới.")]
    elif not isinstance(sector, Sector) or sector.unit_id != conference.unit_id:
        errors["sector"] = [_("Chọn lĩnh vực trong danh mục của đơn vị.")]
    jurisdiction = data.get("jurisdiction") or ""
    if jurisdiction not in Jurisdiction.values:
        errors["jurisdiction"] = [_("Chọn thẩm quyền giải quyết.")]
    return {"text": text, "kind": kind, "sector": sector, "jurisdiction": jurisdiction}


def _raise_petition(
    actor: Any, conference: Conference, room: Room, speaker: Speaker | None, new: dict[str, Any], key: str
) -> Petition:
    """The question as a petition of the unit, channel "conference", classified. Of the person, only the
    village and the name they gave; never a phone."""
    village = None
    name = ""
    if speaker is not None:
        village = speaker.village or (speaker.delegate.village if speaker.delegate_id and speaker.delegate else None)
        name = speaker.name
    started = room.started_at or conference.starts_at
    said_on = min(timezone.localdate(started), timezone.localdate())
    data = {
        "text": new["text"],
        "village": village,
        "submitter_name": name,
        "kind": new["kind"],
        "received_on": said_on,
    }
    try:
        petition, _created = raise_at_conference(
            actor=actor, conference=conference, data=data, submission_key=f"live-{key}"[:64] if key else ""
        )
        if petition.status == S.RECEIVED:
            petition = petition_classify(
                actor=actor,
                petition=petition,
                kind=new["kind"],
                sector=new["sector"],
                jurisdiction=new["jurisdiction"],
            )
    except ValidationError as exc:
        text_field = "petition_text" if new["text"] else "question"
        raise _renamed(
            exc,
            {
                "text": text_field,
                "kind": "kind",
                "sector": "sector",
                "jurisdiction": "jurisdiction",
                "village": "speaker",
                "submitter_name": "speaker",
            },
        ) from exc
    return petition


@transaction.atomic
def exchange_open(
    *, actor: Any, conference: Conference, data: Mapping[str, Any], submission_key: str = ""
) -> tuple[Exchange, bool]:
    """Record one question. Returns (exchange, created): the same submission key again returns the first.

    `data`: "question" (required, in brief); "speaker" (a Speaker of the conference, optional);
    "petitions" (petitions of the unit, still open); "new_petition" (True: the question is also a new
    petition raised in the hall) with "petition_text" (when fuller than the question), "kind", "sector"
    and "jurisdiction" (to classify it); optionally "answered_by", "answer_text", "department".
    At least one petition, existing or new."""
    require_perm(actor, rules.RECORD_EXCHANGES, conference.unit)
    key = (submission_key or "")[:64]
    if key:
        earlier = Exchange.objects.filter(conference=conference, submission_key=key).first()
        if earlier is not None:
            return earlier, False
    room = _room_open(conference)
    errors: dict[str, list[str]] = {}
    question = _question(data.get("question"), errors)
    speaker = _speaker(conference, data.get("speaker"), errors)
    linked = _fresh(data.get("petitions") or [])
    _check_links(conference, linked, errors)
    new = _new_petition(conference, data, question, errors)
    if not linked and new is None and "petitions" not in errors:
        errors["petitions"] = [_("Chọn ý kiến đã gửi mà câu hỏi nói đến, hoặc ghi câu hỏi thành ý kiến mới.")]
    answered_by = clean_line(data.get("answered_by"), "answered_by", errors)
    answer_text = _text(data.get("answer_text"), "answer_text", errors)
    department = _department(conference, data.get("department"), errors)
    raise_if(errors)
    try:
        with transaction.atomic():
            petitions = list(linked)
            raised = None
            if new is not None:
                raised = _raise_petition(actor, conference, room, speaker, new, key)
                petitions.append(raised)
            last = Exchange.objects.filter(conference=conference).aggregate(m=Max("order"))["m"] or 0
            exchange = Exchange.objects.create(
                conference=conference,
                order=last + 1,
                speaker=speaker,
                question=question,
                answered_by=answered_by,
                answer_text=answer_text,
                department=department,
                submission_key=key,
                created_by=actor_or_none(actor),
            )
            exchange.petitions.set(petitions)
            record(
                actor=actor,
                event_type="exchange.opened",
                obj=exchange,
                unit=conference.unit,
                after=_audit(exchange, AUDIT_FIELDS),
                extra={"order": exchange.order, "raised": raised.pk if raised is not None else None},
            )
    except IntegrityError:
        # Two clicks raced past the first check: the other one made it.
        earlier = Exchange.objects.filter(conference=conference, submission_key=key).first() if key else None
        if earlier is not None:
            return earlier, False
        raise
    return exchange, True


@transaction.atomic
def exchange_update(*, actor: Any, exchange: Exchange, data: Mapping[str, Any]) -> Exchange:
    """Correct an exchange: the keys present in `data` ("question", "speaker", "answered_by", "answer_text",
    "department", "petitions") while it is open; once concluded only "question" and "answer_text"."""
    exchange = _locked(exchange)
    conference = exchange.conference
    require_perm(actor, rules.RECORD_EXCHANGES, conference.unit)
    _room_open(conference)
    errors: dict[str, list[str]] = {}
    if exchange.status == ExchangeStatus.CONCLUDED:
        for field in data:
            if field not in CONCLUDED_EDITABLE:
                errors[field] = [_("Đã ghi kết luận: chỉ sửa được nội dung tóm tắt câu hỏi và câu trả lời.")]
    values: dict[str, Any] = {}
    if "question" in data:
        values["question"] = _question(data["question"], errors)
    if "answer_text" in data:
        values["answer_text"] = _text(data["answer_text"], "answer_text", errors)
    if "answered_by" in data and "answered_by" not in errors:
        values["answered_by"] = clean_line(data["answered_by"], "answered_by", errors)
    if "speaker" in data and "speaker" not in errors:
        values["speaker"] = _speaker(conference, data["speaker"], errors)
    if "department" in data and "department" not in errors:
        values["department"] = _department(conference, data["department"], errors)
    linked: list[Petition] | None = None
    if "petitions" in data and "petitions" not in errors:
        current = set(exchange.petitions.values_list("pk", flat=True))
        linked = _fresh(data["petitions"] or [])
        _check_links(conference, linked, errors, keep=current)
        if not linked and "petitions" not in errors:
            errors["petitions"] = [_("Câu hỏi phải gắn với ít nhất một ý kiến.")]
        elif {p.pk for p in linked} == current:
            linked = None
    raise_if(errors)
    changed = [k for k, v in values.items() if getattr(exchange, k) != v]
    if not changed and linked is None:
        return exchange
    before = _audit(exchange, AUDIT_FIELDS)
    for key in changed:
        setattr(exchange, key, values[key])
    exchange.save()
    if linked is not None:
        exchange.petitions.set(linked)
    record(
        actor=actor,
        event_type="exchange.updated",
        obj=exchange,
        unit=conference.unit,
        before=before,
        after=_audit(exchange, AUDIT_FIELDS),
        extra={"texts": [k for k in changed if k in TEXT_FIELDS]} if any(k in TEXT_FIELDS for k in changed) else None,
    )
    return exchange


# ---------------------------------------------------------------- the chair's conclusion


def _matters(petitions: Sequence[Petition]) -> list[list[Petition]]:
    """One answer or referral covers one petition or petitions of one group (the petitions' rule): a question
    about several matters is answered or referred once per matter."""
    groups: dict[int, list[Petition]] = {}
    alone: list[list[Petition]] = []
    for petition in petitions:
        if petition.group_id is not None:
            groups.setdefault(petition.group_id, []).append(petition)
        else:
            alone.append([petition])
    return [*groups.values(), *alone]


def _check_concludable(outcome: str, petitions: Sequence[Petition], errors: dict[str, list[str]]) -> None:
    messages: list[str] = []
    if not petitions:
        messages.append(_("Câu hỏi chưa gắn với ý kiến nào: sửa câu hỏi, chọn ý kiến rồi ghi kết luận."))
    for p in petitions:
        if p.status == S.RECEIVED:
            messages.append(
                _("Ý kiến %(code)s chưa được phân loại: phân loại ở trang ý kiến rồi ghi kết luận.")
                % {"code": code_of(p)}
            )
        elif p.status not in CONCLUDABLE_STATES:
            messages.append(
                _("Ý kiến %(code)s đang ở trạng thái “%(state)s”, không ghi kết luận được.")
                % {"code": code_of(p), "state": p.get_status_display()}
            )
        elif outcome == Outcome.IN_WRITING and p.kind in REDIRECTED_KINDS:
            messages.append(
                _("Ý kiến %(code)s là %(kind)s: giải quyết theo thủ tục riêng, không giao trả lời như kiến nghị.")
                % {"code": code_of(p), "kind": p.get_kind_display().lower()}
            )
    if messages:
        errors["petitions"] = messages


@transaction.atomic
def exchange_conclude(
    *,
    actor: Any,
    exchange: Exchange,
    outcome: str,
    answered_by: str = "",
    department: Department | None = None,
    answer_text: str = "",
    conclusion: str = "",
    due_date: dt.date | None = None,
    to_body: str = "",
) -> Exchange:
    """The chair's conclusion, and what it does to the exchange's petitions, in one transaction:

    - answered: answered in the hall by `answered_by` (required; `department` optional), `answer_text`
      (required) with the `conclusion`, approved at once; who answered and what default to what the
      exchange already records;
    - in_writing: assigned to `department` (required), due `due_date` (10 working days when not given);
    - referred_up: referred to the unit above, the conclusion as the note;
    - referred_body: referred to `to_body` (required), the conclusion as the note.
    A refusal of any petitions' action leaves the exchange open and nothing changed."""
    exchange = _locked(exchange)
    conference = exchange.conference
    # Refused before the form is read and any petition acted on; apply checks it again on the row it locks.
    workflow.EXCHANGE.check(actor, exchange, workflow.CONCLUDE)
    _room_open(conference)
    errors: dict[str, list[str]] = {}
    if outcome not in Outcome.values:
        errors["outcome"] = [_("Chọn kết luận của chủ trì.")]
    # Who answered and what, when recorded before the conclusion, stay unless given anew.
    answered_by = clean_line(answered_by, "answered_by", errors) or exchange.answered_by
    answer_text = _text(answer_text, "answer_text", errors) or exchange.answer_text
    conclusion = _text(conclusion, "conclusion", errors)
    department = _department(conference, department, errors)
    to_body = clean_line(to_body, "to_body", errors, limit=255)
    petitions = _fresh(exchange.petitions.all())
    _check_concludable(outcome, petitions, errors)
    today = timezone.localdate()
    if outcome == Outcome.ANSWERED:
        if not answered_by and "answered_by" not in errors:
            errors["answered_by"] = [_("Ghi người trả lời tại hội nghị (họ tên, chức vụ).")]
        if not answer_text and "answer_text" not in errors:
            errors["answer_text"] = [_("Ghi tóm tắt nội dung đã trả lời.")]
    elif outcome == Outcome.IN_WRITING:
        if department is None and "department" not in errors:
            errors["department"] = [_("Chọn cơ quan được giao trả lời bằng văn bản.")]
        elif department is not None and not department.is_active:
            errors["department"] = [_("Cơ quan này đã thôi hoạt động; chọn cơ quan khác.")]
        if due_date is not None and due_date < today:
            errors["due_date"] = [_("Hạn trả lời không được trước hôm nay.")]
    elif outcome == Outcome.REFERRED_BODY and not to_body and "to_body" not in errors:
        errors["to_body"] = [_("Ghi tên cơ quan nhận (ví dụ: Công ty Điện lực Lạng Sơn).")]
    raise_if(errors)
    changes: dict[str, Any] = {
        "outcome": outcome,
        "answered_by": answered_by,
        "answer_text": answer_text,
        "conclusion": conclusion,
        "department": department,
        "due_date": None,
        "to_body": "",
    }
    try:
        if outcome == Outcome.ANSWERED:
            answers = [
                answer_at_conference(
                    actor=actor,
                    petitions=matter,
                    text=answer_text,
                    answered_by=answered_by,
                    department=department,
                    conclusion=conclusion,
                )
                for matter in _matters(petitions)
            ]
            changes["answer"] = answers[0]
            changes["department"] = department or answers[0].department
        elif outcome == Outcome.IN_WRITING:
            assigned = assign(actor=actor, petitions=petitions, department=department, due_date=due_date)
            changes["due_date"] = assigned[0].due_date
        elif outcome == Outcome.REFERRED_UP:
            referrals = [refer_to_parent(actor=actor, petitions=m, note=conclusion) for m in _matters(petitions)]
            changes["referral"] = referrals[0]
            changes["to_body"] = referrals[0].to_unit.name if referrals[0].to_unit else ""
            changes["department"] = None
        else:
            referrals = [
                refer_to_body(actor=actor, petitions=m, to_body=to_body, note=conclusion) for m in _matters(petitions)
            ]
            changes["referral"] = referrals[0]
            changes["to_body"] = to_body
            changes["department"] = None
    except ValidationError as exc:
        raise _renamed(exc, PETITION_FIELDS) from exc
    # The linked petitions (`_audit`'s "petitions") do not change here, so the event has the fields alone.
    return workflow.EXCHANGE.apply(
        actor,
        exchange,
        workflow.CONCLUDE,
        audit_fields=CONCLUDE_AUDIT_FIELDS,
        concluded_at=timezone.now(),
        **changes,
    )
