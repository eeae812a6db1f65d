"""Referral (chuyển): petitions beyond the unit's jurisdiction sent on, and their answer coming back.

- To the parent unit (`refer_to_parent`): a `Referral` from the unit to its parent, and ONE petition in the
  parent's inbox (channel "referral") worded as the group's canonical title or the petition's text. Nothing
  of the submitters goes up: their personal data stays in the unit below, and consent to be contacted or
  named was given to that unit only (Luật 91/2025). The parent handles it as its own petition, with its own
  roles: assigns, answers, approves, or refers it further.
- To another body (`refer_to_body`), e.g. "Công ty Điện lực Lạng Sơn", with a transfer letter; the unit
  records the body's written reply when it comes (`referral_record_answer`).

Either way, once the answer is approved at the receiving end it attaches to every original petition down
the chain, which become resolved, and the citizens are told (`answers.flow_down`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doithoai.audit.actions import record, snapshot
from doithoai.core.permissions import require_perm
from doithoai.petitions import rules, workflow
from doithoai.petitions.actions import STATE_FIELDS, create_petition
from doithoai.petitions.actions.answers import (
    ANSWER_FIELDS,
    PETITION_ANSWER_FIELDS,
    check_same_matter,
    clean_answer_text,
    clean_line,
    code_of,
    flow_down,
    lock_petitions,
    notify_submitter,
)
from doithoai.petitions.models import (
    Answer,
    AnswerMode,
    Channel,
    Jurisdiction,
    Kind,
    Petition,
    PetitionStatus,
    Referral,
)
from doithoai.units.models import AdminUnit

S = PetitionStatus
# What may be referred upward: beyond the unit, at the parent's level or above it (the parent refers on).
UPWARD = frozenset({Jurisdiction.HIGHER_LEVEL, Jurisdiction.CENTRAL})
REFERRAL_FIELDS = ["to_unit", "to_body", "letter_number", "letter_date", "note", "answered_at"]
REFERRED_FIELDS = [*STATE_FIELDS, "referral"]

EVENT_LABELS: dict[str, Promise | str] = {
    "referral.sent": gettext_lazy("Chuyển ý kiến, kiến nghị vượt thẩm quyền"),
    "referral.answer_recorded": gettext_lazy("Ghi kết quả trả lời của cơ quan có thẩm quyền"),
}


def _raise(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)


def _letter(letter_number: str, letter_date: dt.date | None, note: str, errors: dict[str, list[str]]) -> dict[str, Any]:
    number = clean_line(letter_number, "letter_number", errors, limit=60)
    if letter_date is not None and letter_date > timezone.localdate():
        errors["letter_date"] = [_("Ngày văn bản chuyển không được sau hôm nay.")]
    cleaned_note = clean_line(note, "note", errors, limit=2000)
    return {"letter_number": number, "letter_date": letter_date, "note": cleaned_note}


def _check_referable(
    actor: Any, petitions: Sequence[Petition], jurisdictions: Iterable[str], errors: dict[str, list[str]]
) -> None:
    for petition in petitions:
        workflow.TABLE.check(actor, petition, workflow.REFER)  # the role, then the state
    allowed = set(jurisdictions)
    wrong = [p for p in petitions if p.jurisdiction not in allowed]
    if wrong:
        errors.setdefault("petitions", []).extend(
            _("Ý kiến %(code)s được phân loại “%(jurisdiction)s”; phân loại lại thẩm quyền trước khi chuyển.")
            % {"code": code_of(p), "jurisdiction": p.get_jurisdiction_display()}
            for p in wrong
        )
    check_same_matter(petitions, errors)


def _send(actor: Any, petitions: Sequence[Petition], referral: Referral) -> None:
    for petition in petitions:
        # Out of the unit's hands: its own deadline no longer runs (the receiving end sets its own).
        workflow.TABLE.apply(
            actor, petition, workflow.REFER, audit_fields=REFERRED_FIELDS, referral=referral, due_date=None
        )
    record(
        actor=actor,
        event_type="referral.sent",
        obj=referral,
        unit=referral.from_unit,
        after=snapshot(referral, REFERRAL_FIELDS),
        extra={"petitions": [p.pk for p in petitions]},
    )


def matter_text(petitions: Sequence[Petition]) -> str:
    """What the matter says, as it goes on: the group's canonical wording, or the petition's text."""
    first = petitions[0]
    return first.group.title if first.group is not None else first.text


@transaction.atomic
def refer_to_parent(
    *,
    actor: Any,
    petitions: Iterable[Petition],
    note: str = "",
    letter_number: str = "",
    letter_date: dt.date | None = None,
) -> Referral:
    """Send one matter (classified or assigned, beyond the unit's level) to the parent unit: it arrives in
    the parent's inbox as one petition; every given petition becomes "referred" and waits for the answer."""
    locked = lock_petitions(petitions)
    unit: AdminUnit = locked[0].unit
    require_perm(actor, rules.ROUTE, unit)
    errors: dict[str, list[str]] = {}
    _check_referable(actor, locked, UPWARD, errors)
    parent = unit.parent
    if parent is None:
        errors["to_unit"] = [_("Đơn vị không có cấp trên trên hệ thống; chuyển đến cơ quan có thẩm quyền.")]
    elif not parent.is_set_up or not parent.is_active:
        errors["to_unit"] = [
            _("%(unit)s chưa sử dụng hệ thống; chuyển bằng văn bản đến cơ quan có thẩm quyền.") % {"unit": parent.name}
        ]
    letter = _letter(letter_number, letter_date, note, errors)
    _raise(errors)
    assert parent is not None
    referral = Referral.objects.create(from_unit=unit, to_unit=parent, created_by=actor, **letter)
    kinds = Counter(p.kind for p in locked)
    kind = locked[0].kind if len(kinds) == 1 else Kind.MIXED
    inbox, _created = create_petition(
        actor=actor,
        unit=parent,
        data={"text": matter_text(locked), "channel": Channel.REFERRAL, "kind": kind},
        audit_extra={"referral": referral.pk, "from_unit": unit.pk, "count": len(locked)},
    )
    referral.inbox_petition = inbox
    referral.save(update_fields=["inbox_petition"])
    _send(actor, locked, referral)
    return referral


@transaction.atomic
def refer_to_body(
    *,
    actor: Any,
    petitions: Iterable[Petition],
    to_body: str,
    letter_number: str = "",
    letter_date: dt.date | None = None,
    note: str = "",
) -> Referral:
    """Send one matter to another body (an electricity company, a Party committee, the Front…) with a
    transfer letter; the petitions wait, "referred", until its reply is recorded."""
    locked = lock_petitions(petitions)
    unit = locked[0].unit
    require_perm(actor, rules.ROUTE, unit)
    errors: dict[str, list[str]] = {}
    beyond = set(Jurisdiction.values) - {Jurisdiction.THIS_UNIT}
    _check_referable(actor, locked, beyond, errors)
    body = clean_line(to_body, "to_body", errors, limit=255)
    if not body and "to_body" not in errors:
        errors["to_body"] = [_("Ghi tên cơ quan nhận (ví dụ: Công ty Điện lực Lạng Sơn).")]
    letter = _letter(letter_number, letter_date, note, errors)
    _raise(errors)
    referral = Referral.objects.create(from_unit=unit, to_body=body, created_by=actor, **letter)
    _send(actor, locked, referral)
    return referral


@transaction.atomic
def referral_record_answer(*, actor: Any, referral: Referral, text: str, document_ref: str = "") -> Answer:
    """The sending unit records the written reply of the body it referred to: an answer "by the competent
    body", approved as received, which resolves the referred petitions (and goes on down when they came
    from a unit below)."""
    referral = Referral.objects.select_for_update().select_related("from_unit").get(pk=referral.pk)
    unit = referral.from_unit
    require_perm(actor, rules.ROUTE, unit)
    errors: dict[str, list[str]] = {}
    if referral.to_unit_id is not None:
        _raise({"__all__": [_("Đơn vị cấp trên trả lời trên hệ thống; kết quả tự động gắn vào ý kiến.")]})
    if referral.answered_at is not None:
        _raise({"__all__": [_("Đã ghi kết quả trả lời của văn bản chuyển này.")]})
    text = clean_answer_text(text, errors)
    document_ref = clean_line(document_ref, "document_ref", errors)
    waiting = list(Petition.objects.filter(referral=referral, status=S.REFERRED))
    if not waiting:
        errors["__all__"] = [_("Không còn ý kiến nào chờ kết quả của văn bản chuyển này.")]
    _raise(errors)
    now = timezone.now()
    answer = Answer.objects.create(
        unit=unit,
        mode=AnswerMode.BY_REFERRAL,
        text=text,
        document_ref=document_ref,
        answered_by=referral.to_body[:160],
        referral=referral,
        drafted_by=actor,
        approved_by=actor,
        approved_at=now,
    )
    record(
        actor=actor,
        event_type="referral.answer_recorded",
        obj=answer,
        unit=unit,
        after=snapshot(answer, ANSWER_FIELDS),
        extra={"referral": referral.pk, "petitions": [p.pk for p in waiting]},
    )
    for petition in lock_petitions(waiting):
        # The body's decision resolves them: the office records it, the state is still checked.
        resolved = workflow.TABLE.apply(
            actor,
            petition,
            workflow.RESOLVE,
            audit_fields=PETITION_ANSWER_FIELDS,
            on_behalf_of=f"referral:{referral.pk}",
            answer=answer,
        )
        notify_submitter(resolved, answer)
        flow_down(actor, resolved, answer)
    before = snapshot(referral, ["answered_at"])
    referral.answered_at = now
    referral.save(update_fields=["answered_at"])
    record(
        actor=actor,
        event_type="referral.answered",
        obj=referral,
        unit=unit,
        before=before,
        after=snapshot(referral, ["answered_at"]),
        extra={"answer": answer.pk, "count": len(waiting)},
    )
    return answer
