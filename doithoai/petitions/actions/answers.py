"""Assignment and answers: a matter (one petition, or the petitions of a group) goes to a department with
a due date; the department drafts one answer shared by all of them; the chair or a vice chair approves it,
which resolves every petition it answers. At the conference the answer is given in the hall and approved
at once. An answer approved for a petition that came by referral from a unit below goes back down to every
original petition (`flow_down`), and the citizens who sent them online are told.

Each action is one transaction with its audit events; bad input raises `ValidationError` keyed by field,
with nothing written. Answers are public (tracking page, conclusions) only once approved.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doithoai.audit.actions import record, snapshot
from doithoai.conferences.models import Conference, ConferenceStatus
from doithoai.core.permissions import require_perm
from doithoai.lib.codes import format_code
from doithoai.lib.numbers import grouped
from doithoai.lib.text import normalize_input
from doithoai.notifications import actions as notifications
from doithoai.notifications.models import NotificationKind
from doithoai.petitions import rules, workflow
from doithoai.petitions.actions import ANSWER_WORKING_DAYS, STATE_FIELDS, create_petition, petition_accept
from doithoai.petitions.models import (
    Answer,
    AnswerMode,
    Channel,
    Petition,
    PetitionStatus,
    Referral,
)
from doithoai.petitions.selectors import work as selectors
from doithoai.units.models import Department
from doithoai.workdays.selectors import calendar_for

S = PetitionStatus
MAX_ANSWER = 20_000
MAX_LINE = 160
ANSWER_FIELDS = ["mode", "text", "conclusion", "department", "answered_by", "document_ref", "approved_at"]
PETITION_ANSWER_FIELDS = [*STATE_FIELDS, "answer"]
# The in-app notice to a citizen whose petition got an answer. Not (yet) a NotificationKind choice: adding
# one needs a migration of notifications (see the report); the list shows the raw kind until then.
ANSWERED_KIND = NotificationKind.PETITION_ANSWERED

EVENT_LABELS: dict[str, Promise | str] = {
    "petition.reassigned": gettext_lazy("Giao lại ý kiến cho cơ quan khác hoặc đổi hạn"),
    "petition.answer_drafted": gettext_lazy("Gắn dự thảo trả lời vào ý kiến"),
    "answer.drafted": gettext_lazy("Dự thảo trả lời ý kiến, kiến nghị"),
    "answer.redrafted": gettext_lazy("Sửa dự thảo trả lời"),
    "answer.approved": gettext_lazy("Duyệt trả lời ý kiến, kiến nghị"),
    "answer.given_at_conference": gettext_lazy("Ghi trả lời tại hội nghị"),
    "referral.answered": gettext_lazy("Nhận kết quả trả lời ý kiến đã chuyển"),
}


def _raise(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)


def clean_long_text(text: str | None) -> str:
    """A text of several paragraphs as stored: NFC, spaces collapsed within each line, at most one empty
    line between paragraphs, trimmed."""
    lines = [" ".join(line.split()) for line in unicodedata.normalize("NFC", text or "").splitlines()]
    paragraphs: list[str] = []
    for line in lines:
        if line or (paragraphs and paragraphs[-1]):
            paragraphs.append(line)
    return "\n".join(paragraphs).strip()


def clean_answer_text(text: str | None, errors: dict[str, list[str]], field: str = "text") -> str:
    cleaned = clean_long_text(text)
    if not cleaned:
        errors[field] = [_("Nhập nội dung trả lời.")]
    elif len(cleaned) > MAX_ANSWER:
        errors[field] = [
            _("Nội dung trả lời dài %(n)s ký tự, quá %(max)s ký tự.")
            % {"n": grouped(len(cleaned)), "max": grouped(MAX_ANSWER)}
        ]
    return cleaned


def clean_line(value: str | None, field: str, errors: dict[str, list[str]], limit: int = MAX_LINE) -> str:
    cleaned = normalize_input(value or "")
    if len(cleaned) > limit:
        errors[field] = [_("Quá dài (tối đa %(max)s ký tự).") % {"max": limit}]
    return cleaned


def code_of(petition: Petition) -> str:
    return format_code(petition.tracking_code)


def lock_petitions(petitions: Iterable[Petition]) -> list[Petition]:
    """The petitions, locked and fresh, in a fixed order (so two actions never wait on each other)."""
    ids = sorted({p.pk for p in petitions})
    if not ids:
        _raise({"petitions": [_("Chưa chọn ý kiến nào.")]})
    locked = list(
        Petition.objects.select_for_update(of=("self",))
        .select_related("unit", "unit__parent", "group", "answer", "assigned_department", "submitted_by")
        .filter(pk__in=ids)
        .order_by("pk")
    )
    if len(locked) != len(ids) or len({p.unit_id for p in locked}) != 1:
        _raise({"petitions": [_("Các ý kiến phải của cùng một đơn vị.")]})
    return locked


def check_same_matter(petitions: Sequence[Petition], errors: dict[str, list[str]]) -> None:
    """One petition, or petitions of one group: what one answer (or one referral) may cover."""
    if len(petitions) > 1 and (petitions[0].group_id is None or len({p.group_id for p in petitions}) != 1):
        errors["petitions"] = [_("Chọn một ý kiến, hoặc các ý kiến của cùng một nhóm.")]


def _state_errors(petitions: Sequence[Petition], states: Iterable[str], errors: dict[str, list[str]]) -> None:
    allowed = set(states)
    wrong = [p for p in petitions if p.status not in allowed]
    if wrong:
        errors.setdefault("petitions", []).extend(
            _("Ý kiến %(code)s đang ở trạng thái “%(state)s”.") % {"code": code_of(p), "state": p.get_status_display()}
            for p in wrong
        )


def tracking_url(petition: Petition) -> str:
    """The public tracking page of the petition (its code is the key: no sign-in)."""
    try:
        return reverse("petitions_public:track", kwargs={"code": petition.tracking_code})
    except NoReverseMatch:  # the public pages are not mounted (a site without the portal)
        return ""


def notify_submitter(petition: Petition, answer: Answer) -> bool:
    """The in-app notice to the citizen who sent `petition` from their account, once per answer. Inside the
    caller's transaction; True when created."""
    if petition.submitted_by_id is None or not answer.is_approved:
        return False
    _notification, created = notifications.notify(
        recipient=petition.submitted_by,
        kind=ANSWERED_KIND,
        title=_("Ý kiến mã %(code)s đã có trả lời") % {"code": code_of(petition)},
        body=answer.text[:1000],
        url=tracking_url(petition),
        dedupe_key=f"petition:{petition.pk}:answer:{answer.pk}",
        unit=petition.unit,
    )
    return created


def flow_down(actor: Any, petition: Petition, answer: Answer) -> list[Petition]:
    """`petition` (of the unit that answered) came by referral from a unit below: the same answer resolves
    every original petition still waiting on that referral, down the whole chain (commune → province →
    another body and back), and their citizens are told. Inside the caller's transaction; the originals'
    units are not the actor's, so each transition names its cause ("referral:<id>")."""
    referral = Referral.objects.select_for_update().select_related("from_unit").filter(inbox_petition=petition).first()
    if referral is None:
        return []
    resolved: list[Petition] = []
    originals = Petition.objects.filter(referral=referral, status=S.REFERRED).order_by("pk")
    for original in originals:
        done = workflow.TABLE.apply(
            actor,
            original,
            workflow.RESOLVE,
            audit_fields=PETITION_ANSWER_FIELDS,
            on_behalf_of=f"referral:{referral.pk}",
            answer=answer,
        )
        notify_submitter(done, answer)
        resolved.append(done)
        resolved.extend(flow_down(actor, done, answer))
    if referral.answered_at is None:
        referral.answered_at = timezone.now()
        referral.save(update_fields=["answered_at"])
        record(
            actor=actor,
            event_type="referral.answered",
            obj=referral,
            unit=referral.from_unit,
            extra={"answer": answer.pk, "count": len(originals), "from": f"petition:{petition.pk}"},
        )
    return resolved


# ---------------------------------------------------------------- assignment


@transaction.atomic
def assign(
    *, actor: Any, petitions: Iterable[Petition], department: Department | None, due_date: dt.date | None = None
) -> list[Petition]:
    """Give each petition (classified) to `department`, due `due_date` (10 working days from today when
    not given, R-20). A petition already assigned is given to the new department or date instead."""
    locked = lock_petitions(petitions)
    unit = locked[0].unit
    require_perm(actor, rules.ROUTE, unit)
    errors: dict[str, list[str]] = {}
    if department is None:
        errors["department"] = [_("Chọn cơ quan được giao xử lý.")]
    elif department.unit_id != unit.pk:
        errors["department"] = [_("Chọn cơ quan chuyên môn của đơn vị.")]
    elif not department.is_active:
        errors["department"] = [_("Cơ quan này đã thôi hoạt động; chọn cơ quan khác.")]
    today = timezone.localdate()
    if due_date is None:
        due_date = calendar_for(unit).add_working_days(today, ANSWER_WORKING_DAYS)
    elif due_date < today:
        errors["due_date"] = [_("Hạn xử lý không được trước hôm nay.")]
    _state_errors(locked, (S.CLASSIFIED, S.ACCEPTED), errors)
    _raise(errors)
    done: list[Petition] = []
    for petition in locked:
        if petition.status == S.ACCEPTED:
            done.append(_reassign(actor, petition, department, due_date))
        else:
            done.append(petition_accept(actor=actor, petition=petition, department=department, due_date=due_date))
    return done


def _reassign(actor: Any, petition: Petition, department: Any, due_date: dt.date) -> Petition:
    if petition.assigned_department_id == department.pk and petition.due_date == due_date:
        return petition  # the same form sent twice
    before = snapshot(petition, ["assigned_department", "due_date"])
    petition.assigned_department = department
    petition.due_date = due_date
    petition.save(update_fields=["assigned_department", "due_date", "updated_at"])
    record(
        actor=actor,
        event_type="petition.reassigned",
        obj=petition,
        unit=petition.unit,
        before=before,
        after=snapshot(petition, ["assigned_department", "due_date"]),
    )
    return petition


# ---------------------------------------------------------------- drafts and approval


def _shared_draft(petitions: Sequence[Petition]) -> Answer | None:
    """The draft every one of `petitions` points to, if they share one."""
    ids = {p.answer_id for p in petitions}
    first = petitions[0].answer
    if len(ids) == 1 and first is not None and not first.is_approved:
        return Answer.objects.select_for_update().get(pk=first.pk)
    return None


def _link(actor: Any, petitions: Sequence[Petition], answer: Answer) -> None:
    for petition in petitions:
        if petition.answer_id == answer.pk:
            continue
        before = snapshot(petition, ["answer"])
        petition.answer = answer
        petition.save(update_fields=["answer", "updated_at"])
        record(
            actor=actor,
            event_type="petition.answer_drafted",
            obj=petition,
            unit=petition.unit,
            before=before,
            after=snapshot(petition, ["answer"]),
        )


@transaction.atomic
def answer_draft(
    *,
    actor: Any,
    petitions: Iterable[Petition],
    text: str,
    mode: str = AnswerMode.IN_WRITING,
    document_ref: str = "",
    answered_by: str = "",
) -> Answer:
    """The draft answer of one matter (a petition, or petitions of one group), all assigned (accepted).

    A department officer drafts only for petitions assigned to their own department; the office, the chair
    and vice chairs for any. Drafting again updates the matter's draft; an approved answer is never changed
    (a reopened petition gets a new draft)."""
    locked = lock_petitions(petitions)
    unit = locked[0].unit
    require_perm(actor, rules.DRAFT_ANSWER, unit)
    departments = selectors.drafting_departments(actor, unit)
    if any(not selectors.may_draft_for(p, departments) for p in locked):
        raise PermissionDenied(rules.DRAFT_ANSWER.code)
    errors: dict[str, list[str]] = {}
    check_same_matter(locked, errors)
    _state_errors(locked, (S.ACCEPTED,), errors)
    text = clean_answer_text(text, errors)
    if mode not in (AnswerMode.IN_WRITING, AnswerMode.AT_CONFERENCE):
        errors["mode"] = [_("Chọn hình thức trả lời.")]
    document_ref = clean_line(document_ref, "document_ref", errors)
    answered_by = clean_line(answered_by, "answered_by", errors)
    _raise(errors)
    departments_of_matter = {p.assigned_department_id for p in locked}
    department = locked[0].assigned_department if len(departments_of_matter) == 1 else None
    values = {
        "mode": mode,
        "text": text,
        "document_ref": document_ref,
        "answered_by": answered_by,
        "department": department,
    }
    answer = _shared_draft(locked)
    if answer is not None:
        before = snapshot(answer, ANSWER_FIELDS)
        if all(getattr(answer, k) == v for k, v in values.items()):
            return answer
        for key, value in values.items():
            setattr(answer, key, value)
        answer.save()
        record(
            actor=actor,
            event_type="answer.redrafted",
            obj=answer,
            unit=unit,
            before=before,
            after=snapshot(answer, ANSWER_FIELDS),
        )
        return answer
    answer = Answer.objects.create(unit=unit, drafted_by=actor, **values)
    record(
        actor=actor,
        event_type="answer.drafted",
        obj=answer,
        unit=unit,
        after=snapshot(answer, ANSWER_FIELDS),
        extra={"petitions": [p.pk for p in locked]},
    )
    _link(actor, locked, answer)
    return answer


def _resolve_all(actor: Any, petitions: Sequence[Petition], answer: Answer, name: str) -> list[Petition]:
    done: list[Petition] = []
    for petition in petitions:
        changed = workflow.TABLE.apply(actor, petition, name, audit_fields=PETITION_ANSWER_FIELDS, answer=answer)
        done.append(changed)
        done.extend(flow_down(actor, changed, answer))
    return done


@transaction.atomic
def answer_approve(*, actor: Any, answer: Answer, text: str | None = None) -> Answer:
    """The chair or a vice chair approves a draft (edited first when `text` is given): every petition it
    answers that is still assigned becomes resolved, and those that came from a unit below get it too."""
    answer = Answer.objects.select_for_update().select_related("unit").get(pk=answer.pk)
    require_perm(actor, rules.RESOLVE, answer.unit)
    errors: dict[str, list[str]] = {}
    if answer.is_approved:
        _raise({"__all__": [_("Trả lời này đã được duyệt.")]})
    if text is not None:
        text = clean_answer_text(text, errors)
    waiting = list(answer.petitions.filter(status=S.ACCEPTED))
    petitions = [p for p in lock_petitions(waiting) if p.status == S.ACCEPTED] if waiting else []
    if not petitions:
        errors["__all__"] = [_("Không còn ý kiến nào đang chờ trả lời này.")]
    _raise(errors)
    before = snapshot(answer, ANSWER_FIELDS)
    if text is not None:
        answer.text = text
    answer.approved_by = actor
    answer.approved_at = timezone.now()
    answer.save()
    record(
        actor=actor,
        event_type="answer.approved",
        obj=answer,
        unit=answer.unit,
        before=before,
        after=snapshot(answer, ANSWER_FIELDS),
        extra={"petitions": [p.pk for p in petitions]},
    )
    _resolve_all(actor, petitions, answer, workflow.RESOLVE)
    return answer


# ---------------------------------------------------------------- at the conference


@transaction.atomic
def answer_at_conference(
    *,
    actor: Any,
    petitions: Iterable[Petition],
    text: str,
    answered_by: str,
    department: Department | None = None,
    conclusion: str = "",
) -> Answer:
    """What was answered in the hall for one matter (classified or assigned): approved at once, since it
    was said in public. A draft prepared for it becomes this answer."""
    locked = lock_petitions(petitions)
    unit = locked[0].unit
    for petition in locked:
        workflow.TABLE.check(actor, petition, workflow.ANSWER_AT_CONFERENCE)
    errors: dict[str, list[str]] = {}
    check_same_matter(locked, errors)
    text = clean_answer_text(text, errors)
    answered_by = clean_line(answered_by, "answered_by", errors)
    if not answered_by:
        errors["answered_by"] = [_("Ghi người trả lời tại hội nghị (họ tên, chức vụ).")]
    if department is not None and department.unit_id != unit.pk:
        errors["department"] = [_("Chọn cơ quan chuyên môn của đơn vị.")]
    conclusion = clean_long_text(conclusion)
    if len(conclusion) > MAX_ANSWER:
        errors["conclusion"] = [_("Kết luận quá dài.")]
    _raise(errors)
    if department is None:
        assigned = {p.assigned_department_id for p in locked}
        department = locked[0].assigned_department if len(assigned) == 1 else None
    now = timezone.now()
    values = {
        "mode": AnswerMode.AT_CONFERENCE,
        "text": text,
        "answered_by": answered_by,
        "department": department,
        "conclusion": conclusion,
        "approved_by": actor,
        "approved_at": now,
    }
    answer = _shared_draft(locked)
    if answer is not None and set(answer.petitions.values_list("pk", flat=True)) != {p.pk for p in locked}:
        answer = None  # the draft also answers petitions not answered here: they keep it
    before = snapshot(answer, ANSWER_FIELDS) if answer is not None else {}
    if answer is None:
        answer = Answer.objects.create(unit=unit, drafted_by=actor, **values)
    else:
        for key, value in values.items():
            setattr(answer, key, value)
        answer.save()
    record(
        actor=actor,
        event_type="answer.given_at_conference",
        obj=answer,
        unit=unit,
        before=before,
        after=snapshot(answer, ANSWER_FIELDS),
        extra={"petitions": [p.pk for p in locked]},
    )
    _resolve_all(actor, locked, answer, workflow.ANSWER_AT_CONFERENCE)
    return answer


@transaction.atomic
def raise_at_conference(
    *, actor: Any, conference: Conference, data: dict[str, Any], submission_key: str = ""
) -> tuple[Petition, bool]:
    """A question raised in the hall: a petition of the conference's unit, channel "at the conference".
    Returns (petition, created), as every intake does: the same key again gives the same petition."""
    require_perm(actor, rules.RECEIVE_PETITIONS, conference.unit)
    if conference.status == ConferenceStatus.CANCELLED:
        _raise({"conference": [_("Hội nghị đã hủy.")]})
    values = {**data, "channel": Channel.CONFERENCE, "conference": conference}
    return create_petition(actor=actor, unit=conference.unit, data=values, submission_key=submission_key)


# ---------------------------------------------------------------- telling the citizens


@transaction.atomic
def notify_citizens(*, actor: Any, petitions: Iterable[Petition]) -> list[Petition]:
    """The citizens of these answered petitions have been told (by phone, letter, posting, or the app):
    each becomes "notified"; those who sent theirs from an account get the answer in the app."""
    locked = lock_petitions(petitions)
    # Who may, before what state: a supervisor's POST is refused (403), whatever the petition's state.
    require_perm(actor, rules.NOTIFY, locked[0].unit)
    errors: dict[str, list[str]] = {}
    _state_errors(locked, selectors.ANSWERED_STATES, errors)
    _raise(errors)
    done: list[Petition] = []
    for petition in locked:
        changed = workflow.TABLE.apply(actor, petition, workflow.NOTIFY, audit_fields=STATE_FIELDS)
        if petition.answer is not None:
            notify_submitter(changed, petition.answer)
        done.append(changed)
    return done
