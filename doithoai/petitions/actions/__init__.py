"""Every change to petitions. Each action is one transaction with its audit event.

Bad input raises `ValidationError` keyed by field, with Vietnamese messages, and nothing is written.
A submission carries a key (the form's hidden token): sending it twice gives the same petition.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from doithoai.audit.actions import record
from doithoai.conferences.models import Conference
from doithoai.core.permissions import require_perm
from doithoai.lib.codes import new_code
from doithoai.lib.numbers import grouped
from doithoai.lib.text import normalize_input
from doithoai.petitions import rules, workflow
from doithoai.petitions.models import (
    Channel,
    Jurisdiction,
    Kind,
    Petition,
    PetitionVersion,
    Sector,
    search_text_for,
)
from doithoai.petitions.taxonomy import DEFAULT_SECTORS
from doithoai.units.models import AdminUnit, Department, Village
from doithoai.workdays.selectors import calendar_for

MAX_TEXT = 10_000  # a long paper form is about 2,000 characters; more is not one petition
MAX_NAME = 160
PHONE = re.compile(r"^(\+84|0)[0-9]{8,10}$")
ANSWER_WORKING_DAYS = 10  # reply within 10 working days
STATE_FIELDS = ["status", "assigned_department", "due_date", "refused_reason"]
CLASSIFY_FIELDS = ["kind", "sector", "jurisdiction", "status"]


def _raise(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def sectors_ensure(*, actor: Any, unit: AdminUnit) -> list[Sector]:
    """The unit's sectors; created from the default list the first time (idempotent)."""
    existing = list(Sector.objects.filter(unit=unit))
    if existing:
        return existing
    with translation.override("vi"):
        rows = [
            Sector(unit=unit, code=code, name=str(name), sort_order=index)
            for index, (code, name) in enumerate(DEFAULT_SECTORS)
        ]
    Sector.objects.bulk_create(rows)
    record(actor=actor, event_type="sectors.created", obj=unit, unit=unit, extra={"count": len(rows)})
    return list(Sector.objects.filter(unit=unit))


def _clean_intake(unit: AdminUnit, data: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, list[str]]]:
    errors: dict[str, list[str]] = {}
    text = normalize_input(data.get("text") or "")
    if not text:
        errors["text"] = [_("Nhập nội dung ý kiến, kiến nghị.")]
    elif len(text) > MAX_TEXT:
        errors["text"] = [
            _("Nội dung dài %(n)s ký tự, quá %(max)s ký tự. Nếu có nhiều nội dung, tách thành nhiều ý kiến.")
            % {"n": grouped(len(text)), "max": grouped(MAX_TEXT)}
        ]
    channel = data.get("channel") or ""
    if channel not in Channel.values:
        errors["channel"] = [_("Chọn kênh tiếp nhận.")]
    received_on = data.get("received_on") or timezone.localdate()
    if not isinstance(received_on, dt.date) or received_on > timezone.localdate():
        errors["received_on"] = [_("Ngày tiếp nhận không hợp lệ (không được sau hôm nay).")]
    village = data.get("village")
    if village is not None and (not isinstance(village, Village) or village.unit_id != unit.pk):
        errors["village"] = [_("Chọn thôn, tổ dân phố của đơn vị.")]
    sector = data.get("sector")
    if sector is not None and (not isinstance(sector, Sector) or sector.unit_id != unit.pk):
        errors["sector"] = [_("Chọn lĩnh vực trong danh mục của đơn vị.")]
    conference = data.get("conference")
    if conference is not None and (not isinstance(conference, Conference) or conference.unit_id != unit.pk):
        errors["conference"] = [_("Chọn hội nghị của đơn vị.")]
    name = normalize_input(data.get("submitter_name") or "")
    if len(name) > MAX_NAME:
        errors["submitter_name"] = [_("Họ tên quá dài.")]
    phone = "".join(ch for ch in str(data.get("submitter_phone") or "") if ch.isdigit() or ch == "+")
    consent_contact = bool(data.get("consent_contact"))
    if phone and not PHONE.match(phone):
        errors["submitter_phone"] = [_("Số điện thoại không đúng (ví dụ 0912345678).")]
    elif phone and not consent_contact:
        # Minimise (Luật 91/2025): a phone number is kept only to reply, with the person's consent.
        errors["consent_contact"] = [_("Chỉ lưu số điện thoại khi người gửi đồng ý được liên hệ.")]
    kind = data.get("kind") or Kind.RECOMMENDATION
    if kind not in Kind.values:
        errors["kind"] = [_("Chọn tính chất.")]
    values = {
        "text": text,
        "channel": channel,
        "received_on": received_on,
        "village": village,
        "sector": sector,
        "conference": conference,
        "kind": kind,
        "submitter_name": name,
        "submitter_phone": phone,
        "submitter_address": normalize_input(data.get("submitter_address") or "")[:255],
        "consent_contact": consent_contact,
        "consent_publish_name": bool(data.get("consent_publish_name")) and bool(name),
    }
    return values, errors


def petition_receive(
    *, actor: Any, unit: AdminUnit, data: Mapping[str, Any], submission_key: str = ""
) -> tuple[Petition, bool]:
    """Record one petition as received. Returns (petition, created): the same submission key again
    returns the petition it made the first time, whatever else was sent."""
    require_perm(actor, rules.RECEIVE_PETITIONS, unit)
    return create_petition(actor=actor, unit=unit, data=data, submission_key=submission_key)


def create_petition(
    *,
    actor: Any,
    unit: AdminUnit,
    data: Mapping[str, Any],
    submission_key: str = "",
    audit_extra: Mapping[str, Any] | None = None,
    **fixed: Any,
) -> tuple[Petition, bool]:
    """The one way a petition comes into being, for every channel; callers check who may do it.

    `data` is what a person typed (cleaned here, errors keyed by field); `fixed` are values the caller
    sets itself (`submitted_by`, `referral`…) and are not checked."""
    submission_key = (submission_key or "")[:64]
    if submission_key:
        earlier = Petition.objects.filter(unit=unit, submission_key=submission_key).first()
        if earlier is not None:
            return earlier, False
    values, errors = _clean_intake(unit, data)
    _raise(errors)
    try:
        with transaction.atomic():
            code = new_code()
            petition = Petition.objects.create(
                unit=unit,
                submission_key=submission_key,
                tracking_code=code,
                search_text=search_text_for(values["text"], code),
                original_text=values["text"],
                created_by=actor if getattr(actor, "is_authenticated", False) else None,
                **values,
                **fixed,
            )
            record(
                actor=actor,
                event_type="petition.received",
                obj=petition,
                unit=unit,
                # The text and the submitter are not copied into the audit trail: it is read more widely.
                extra={"channel": petition.channel, "tracking_code": petition.tracking_code, **(audit_extra or {})},
            )
    except IntegrityError:
        # Two clicks raced past the first check: the other one made it.
        earlier = Petition.objects.filter(unit=unit, submission_key=submission_key).first()
        if submission_key and earlier is not None:
            return earlier, False
        raise
    return petition, True


def _locked(petition: Petition) -> Petition:
    return Petition.objects.select_for_update(of=("self",)).select_related("unit").get(pk=petition.pk)


@transaction.atomic
def petition_revise_text(*, actor: Any, petition: Petition, text: str, reason: str = "") -> Petition:
    """A new wording; the original and every earlier wording stay."""
    petition = _locked(petition)
    require_perm(actor, rules.REVISE_TEXT, petition.unit)
    text = normalize_input(text or "")
    if not text:
        _raise({"text": [_("Nhập nội dung ý kiến, kiến nghị.")]})
    if len(text) > MAX_TEXT:
        _raise({"text": [_("Nội dung quá dài.")]})
    if text == petition.text:
        return petition
    PetitionVersion.objects.create(
        petition=petition,
        text=text,
        reason=normalize_input(reason or "")[:255],
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    petition.text = text
    petition.search_text = search_text_for(text, petition.tracking_code)
    petition.save(update_fields=["text", "search_text", "updated_at"])
    record(actor=actor, event_type="petition.text_revised", obj=petition, unit=petition.unit)
    return petition


@transaction.atomic
def petition_classify(
    *, actor: Any, petition: Petition, kind: str, sector: Sector | None, jurisdiction: str
) -> Petition:
    petition = _locked(petition)
    workflow.TABLE.check(actor, petition, workflow.CLASSIFY)
    errors: dict[str, list[str]] = {}
    if kind not in Kind.values:
        errors["kind"] = [_("Chọn tính chất.")]
    if jurisdiction not in Jurisdiction.values:
        errors["jurisdiction"] = [_("Chọn thẩm quyền.")]
    if sector is None:
        errors["sector"] = [_("Chọn lĩnh vực.")]
    elif sector.unit_id != petition.unit_id:
        errors["sector"] = [_("Chọn lĩnh vực trong danh mục của đơn vị.")]
    _raise(errors)
    return workflow.TABLE.apply(
        actor,
        petition,
        workflow.CLASSIFY,
        audit_fields=CLASSIFY_FIELDS,
        kind=kind,
        sector=sector,
        jurisdiction=jurisdiction,
    )


@transaction.atomic
def petition_accept(
    *, actor: Any, petition: Petition, department: Department | None, due_date: dt.date | None = None
) -> Petition:
    """Assign to a department with a due date: 10 working days from today unless another is given (R-20)."""
    petition = _locked(petition)
    workflow.TABLE.check(actor, petition, workflow.ACCEPT)
    errors: dict[str, list[str]] = {}
    if department is None:
        errors["department"] = [_("Chọn cơ quan được giao xử lý.")]
    elif department.unit_id != petition.unit_id:
        errors["department"] = [_("Chọn cơ quan chuyên môn của đơn vị.")]
    if petition.kind in (Kind.COMPLAINT, Kind.DENUNCIATION):
        errors["kind"] = [_("Khiếu nại, tố cáo giải quyết theo thủ tục riêng; không giao xử lý như kiến nghị.")]
    today = timezone.localdate()
    if due_date is None:
        due_date = calendar_for(petition.unit).add_working_days(today, ANSWER_WORKING_DAYS)
    elif due_date < today:
        errors["due_date"] = [_("Hạn xử lý không được trước hôm nay.")]
    _raise(errors)
    return workflow.TABLE.apply(
        actor,
        petition,
        workflow.ACCEPT,
        audit_fields=STATE_FIELDS,
        assigned_department=department,
        due_date=due_date,
    )


def _simple(actor: Any, petition: Petition, name: str, **changes: Any) -> Petition:
    petition = _locked(petition)
    return workflow.TABLE.apply(actor, petition, name, audit_fields=STATE_FIELDS, **changes)


@transaction.atomic
def petition_answer_at_conference(*, actor: Any, petition: Petition) -> Petition:
    return _simple(actor, petition, workflow.ANSWER_AT_CONFERENCE)


@transaction.atomic
def petition_refer(*, actor: Any, petition: Petition) -> Petition:
    return _simple(actor, petition, workflow.REFER)


@transaction.atomic
def petition_refuse(*, actor: Any, petition: Petition, reason: str) -> Petition:
    reason = normalize_input(reason or "")
    if not reason:
        _raise({"reason": [_("Ghi rõ lý do không xử lý (Luật Tiếp công dân, Điều 28).")]})
    return _simple(actor, petition, workflow.REFUSE, refused_reason=reason)


@transaction.atomic
def petition_resolve(*, actor: Any, petition: Petition) -> Petition:
    return _simple(actor, petition, workflow.RESOLVE)


@transaction.atomic
def petition_notify(*, actor: Any, petition: Petition) -> Petition:
    return _simple(actor, petition, workflow.NOTIFY)


@transaction.atomic
def petition_reopen(*, actor: Any, petition: Petition, reason: str = "") -> Petition:
    """Back to the department, with a fresh deadline of 10 working days; the citizen's earlier word on
    the answer is cleared so they can give it again on the new one (the audit trail keeps it)."""
    petition = _locked(petition)
    due = calendar_for(petition.unit).add_working_days(timezone.localdate(), ANSWER_WORKING_DAYS)
    return workflow.TABLE.apply(
        actor,
        petition,
        workflow.REOPEN,
        audit_fields=[*STATE_FIELDS, "satisfaction", "satisfaction_note", "reopen_count"],
        due_date=due,
        extra={"reason": normalize_input(reason or "")[:1000]} if reason else None,
        reopen_count=petition.reopen_count + 1,
        satisfaction="",
        satisfaction_note="",
        satisfaction_at=None,
    )


@transaction.atomic
def submitter_view(*, actor: Any, petition: Petition) -> dict[str, str]:
    """The submitter's contact data, for those who handle the petition; every read is in the audit trail."""
    require_perm(actor, rules.VIEW_SUBMITTER, petition.unit)
    record(actor=actor, event_type="petition.submitter_viewed", obj=petition, unit=petition.unit)
    return {
        "name": petition.submitter_name,
        "phone": petition.submitter_phone if petition.consent_contact else "",
        "address": petition.submitter_address,
    }
