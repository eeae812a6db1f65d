"""Every change to the budget: each action checks the permission and the settlement's state, runs in one
transaction and records one audit event. Pages and any API call these."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doithoai.audit.actions import record, snapshot
from doithoai.budget import money, rules, selectors, workflow
from doithoai.budget.models import EstimateLine, Expense, ExpenseDocument, Settlement, SettlementStatus
from doithoai.conferences.models import Conference, ConferenceStatus
from doithoai.core.actors import actor_or_none
from doithoai.core.permissions import require_perm
from doithoai.lib.numbers import grouped
from doithoai.lib.text import normalize_input
from doithoai.plans.models import BudgetCategory, Plan

EVENT_LABELS: dict[str, Promise | str] = {
    "budget.estimate_updated": gettext_lazy("Sửa dự trù kinh phí hội nghị"),
    "budget.expense_recorded": gettext_lazy("Ghi một khoản chi"),
    "budget.expense_updated": gettext_lazy("Sửa một khoản chi"),
    "budget.expense_deleted": gettext_lazy("Xóa một khoản chi"),
    "budget.document_attached": gettext_lazy("Đính kèm chứng từ"),
    "budget.document_deleted": gettext_lazy("Xóa chứng từ"),
    "budget.document_viewed": gettext_lazy("Xem, tải chứng từ"),
    "budget.settlement_submitted": gettext_lazy("Trình phê duyệt quyết toán kinh phí"),
    "budget.settlement_returned": gettext_lazy("Trả lại quyết toán kinh phí để sửa"),
    "budget.settlement_approved": gettext_lazy("Phê duyệt quyết toán kinh phí"),
    "budget.settlement_reopened": gettext_lazy("Mở lại quyết toán kinh phí để điều chỉnh"),
}

EXPENSE_FIELDS = ["conference_id", "category", "item", "amount", "spent_on", "voucher_number", "payee", "note"]
SETTLEMENT_FIELDS = ["status", "reason", "submitted_at", "approved_at"]
MAX_ITEM = 255
MAX_VOUCHER = 40
MAX_ESTIMATE_LINES = 50


def _check_open(plan: Plan, conference: Conference | None) -> None:
    if selectors.is_locked(plan, conference):
        raise ValidationError(
            {
                "__all__": _(
                    "Quyết toán đã trình hoặc đã phê duyệt: không sửa được khoản chi, dự trù hay chứng từ. "
                    "Chủ tịch trả lại hoặc mở lại quyết toán thì mới sửa được."
                )
            }
        )


def _lock_plan(plan: Plan) -> Plan:
    """Every budget write of a plan's year takes the plan's row first, so that a settlement being submitted
    and an expense being recorded at the same time are made one after the other."""
    return Plan.objects.select_for_update().select_related("unit").get(pk=plan.pk)


def _line_errors(category: str, item: str) -> dict[str, str]:
    """What is wrong with a line's category and its (normalised) item: the same for an estimate and an expense."""
    errors: dict[str, str] = {}
    if category not in BudgetCategory.values:
        errors["category"] = _("Chọn một khoản mục trong danh sách.")
    if not item:
        errors["item"] = _("Nhập nội dung chi.")
    elif len(item) > MAX_ITEM:
        errors["item"] = _("Nội dung chi dài tối đa 255 ký tự.")
    return errors


# --------------------------------------------------------------------------------------------- estimate


def _estimate_text(lines: Sequence[EstimateLine]) -> list[str]:
    return [f"{BudgetCategory(line.category).label} · {line.item} · {grouped(line.amount)}" for line in lines]


@transaction.atomic
def estimate_save(*, actor: Any, conference: Conference, rows: Sequence[Mapping[str, Any]]) -> list[EstimateLine]:
    """Replace a conference's estimate with `rows` ({category, item, amount}), in order. Errors are keyed
    "<row>-<field>"; nothing is saved unless every row is right."""
    require_perm(actor, rules.EDIT_BUDGET, conference.unit)
    _lock_plan(conference.plan)
    _check_open(conference.plan, conference)
    errors: dict[str, list[str]] = {}
    cleaned: list[EstimateLine] = []
    if len(rows) > MAX_ESTIMATE_LINES:
        raise ValidationError({"__all__": _("Dự trù tối đa %(n)s dòng.") % {"n": MAX_ESTIMATE_LINES}})
    for index, row in enumerate(rows):
        category = str(row.get("category") or "")
        item = normalize_input(str(row.get("item") or ""))
        amount, problem = money.parse_value(row.get("amount"))
        for name, message in _line_errors(category, item).items():
            errors[f"{index}-{name}"] = [message]
        if problem:
            errors[f"{index}-amount"] = [problem]
        cleaned.append(
            EstimateLine(conference=conference, order=index, category=category, item=item, amount=amount or 0)
        )
    if errors:
        raise ValidationError(errors)
    before = _estimate_text(selectors.estimate_lines(conference))
    EstimateLine.objects.filter(conference=conference).delete()
    EstimateLine.objects.bulk_create(cleaned)
    after = _estimate_text(cleaned)
    if before != after:
        record(
            actor=actor,
            event_type="budget.estimate_updated",
            obj=conference,
            unit=conference.unit,
            before={"lines": before},
            after={"lines": after},
        )
    return cleaned


# --------------------------------------------------------------------------------------------- expenses


def _clean_expense(unit: Any, plan: Plan, data: Mapping[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    category = str(data.get("category") or "")
    item = normalize_input(str(data.get("item") or ""))
    errors = {name: [message] for name, message in _line_errors(category, item).items()}
    values["category"] = category
    values["item"] = item
    amount, problem = money.parse_value(data.get("amount"))
    if problem:
        errors["amount"] = [problem]
    values["amount"] = amount
    spent_on = data.get("spent_on")
    if not isinstance(spent_on, dt.date):
        errors["spent_on"] = [_("Nhập ngày chi, ví dụ 15/6/2026.")]
    elif spent_on > timezone.localdate():
        errors["spent_on"] = [_("Ngày chi không được sau hôm nay.")]
    elif spent_on.year < plan.year - 1:
        errors["spent_on"] = [_("Ngày chi phải thuộc năm của kế hoạch (%(year)s).") % {"year": plan.year}]
    values["spent_on"] = spent_on
    voucher = normalize_input(str(data.get("voucher_number") or ""))
    if len(voucher) > MAX_VOUCHER:
        errors["voucher_number"] = [_("Số chứng từ dài tối đa 40 ký tự.")]
    values["voucher_number"] = voucher
    payee = normalize_input(str(data.get("payee") or ""))
    if len(payee) > MAX_ITEM:
        errors["payee"] = [_("Tên đơn vị nhận tiền dài tối đa 255 ký tự.")]
    values["payee"] = payee
    values["note"] = str(data.get("note") or "").strip()
    conference = data.get("conference")
    if conference is not None and (conference.plan_id != plan.pk or conference.unit_id != unit.pk):
        errors["conference"] = [_("Chọn một hội nghị của kế hoạch này.")]
    values["conference"] = conference
    if errors:
        raise ValidationError(errors)
    return values


@transaction.atomic
def expense_record(*, actor: Any, plan: Plan, data: Mapping[str, Any], submission_key: str = "") -> Expense:
    """Record a sum paid, for one conference of the plan (`data["conference"]`) or for its year (None). A second
    click with the same submission key returns the first record."""
    require_perm(actor, rules.EDIT_BUDGET, plan.unit)
    user = actor_or_none(actor)
    key = (submission_key or "")[:40]
    if key and user is not None:
        done = Expense.objects.filter(recorded_by=user, submission_key=key).first()
        if done is not None:
            return done
    plan = _lock_plan(plan)
    values = _clean_expense(plan.unit, plan, data)
    _check_open(plan, values["conference"])
    try:
        with transaction.atomic():
            expense = Expense.objects.create(
                unit=plan.unit, plan=plan, recorded_by=user, submission_key=key if user else "", **values
            )
    except IntegrityError:
        # The same key raced in from another request: that one was recorded.
        return Expense.objects.get(recorded_by=user, submission_key=key)
    record(
        actor=actor,
        event_type="budget.expense_recorded",
        obj=expense,
        unit=plan.unit,
        after=snapshot(expense, EXPENSE_FIELDS),
    )
    return expense


@transaction.atomic
def expense_update(*, actor: Any, expense: Expense, data: Mapping[str, Any]) -> Expense:
    require_perm(actor, rules.EDIT_BUDGET, expense.unit)
    plan = _lock_plan(expense.plan)
    expense = Expense.objects.select_for_update().get(pk=expense.pk)
    _check_open(plan, expense.conference)
    values = _clean_expense(plan.unit, plan, data)
    _check_open(plan, values["conference"])
    before = snapshot(expense, EXPENSE_FIELDS)
    for name, value in values.items():
        setattr(expense, name, value)
    expense.save()
    after = snapshot(expense, EXPENSE_FIELDS)
    if before != after:
        record(
            actor=actor, event_type="budget.expense_updated", obj=expense, unit=plan.unit, before=before, after=after
        )
    return expense


@transaction.atomic
def expense_delete(*, actor: Any, expense: Expense) -> None:
    """Delete an expense recorded by mistake, with its documents; the audit keeps what it was."""
    require_perm(actor, rules.EDIT_BUDGET, expense.unit)
    plan = _lock_plan(expense.plan)
    locked = Expense.objects.select_for_update().filter(pk=expense.pk).first()
    if locked is None:
        return  # already deleted (a second click)
    _check_open(plan, locked.conference)
    files = [d.file for d in ExpenseDocument.objects.filter(expense=locked).select_related("file")]
    record(
        actor=actor,
        event_type="budget.expense_deleted",
        obj=locked,
        unit=plan.unit,
        before=snapshot(locked, EXPENSE_FIELDS),
        extra={"documents": [f.sha256 for f in files]},
    )
    locked.delete()
    for stored in files:
        stored.delete()


# ------------------------------------------------------------------------------------ supporting documents


@transaction.atomic
def document_attach(
    *, actor: Any, expense: Expense, title: str, upload: Any, submission_key: str = ""
) -> ExpenseDocument:
    """Attach a supporting document (a scan of an invoice, a receipt, the signed list) to an expense: a PDF,
    picture, Word or Excel file checked by its content, at most 20 MB, kept in the database with its hash.
    A second click with the same submission key returns the first document."""
    from doithoai.documents import material_files
    from doithoai.documents.actions import store

    require_perm(actor, rules.EDIT_BUDGET, expense.unit)
    user = actor_or_none(actor)
    key = (submission_key or "")[:40]
    if key and user is not None:
        done = ExpenseDocument.objects.filter(uploaded_by=user, submission_key=key).first()
        if done is not None:
            return done
    plan = _lock_plan(expense.plan)
    _check_open(plan, expense.conference)
    errors: dict[str, list[str]] = {}
    title = normalize_input(title or "")
    if not title:
        errors["title"] = [_("Nhập tên chứng từ, ví dụ: Hóa đơn số 0001234.")]
    elif len(title) > MAX_ITEM:
        errors["title"] = [_("Tên chứng từ dài tối đa 255 ký tự.")]
    data, content_type, problem = material_files.read_checked(upload)
    if problem:
        errors["file"] = [problem]
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            stored = store(data, content_type)
            document = ExpenseDocument.objects.create(
                expense=expense,
                title=title,
                file=stored,
                original_name=normalize_input(getattr(upload, "name", "") or "")[:255],
                uploaded_by=user,
                submission_key=key if user is not None else "",
            )
    except IntegrityError:
        # The same key raced in from another request: that one was attached (and its file kept, not this one).
        return ExpenseDocument.objects.get(uploaded_by=user, submission_key=key)
    record(
        actor=actor,
        event_type="budget.document_attached",
        obj=expense,
        unit=plan.unit,
        after={"document": title, "sha256": stored.sha256, "size": stored.size},
    )
    return document


@transaction.atomic
def document_open(*, actor: Any, document: ExpenseDocument) -> ExpenseDocument:
    """Before a voucher is sent to a reader: the signed list of an allowance carries the delegates' names and
    signatures, so every read is audited (Luật 91/2025)."""
    expense = document.expense
    require_perm(actor, rules.VIEW_BUDGET, expense.unit)
    record(
        actor=actor,
        event_type="budget.document_viewed",
        obj=expense,
        unit=expense.unit,
        extra={"document": document.pk, "title": document.title},
    )
    return document


@transaction.atomic
def document_delete(*, actor: Any, document: ExpenseDocument) -> None:
    expense = document.expense
    require_perm(actor, rules.EDIT_BUDGET, expense.unit)
    plan = _lock_plan(expense.plan)
    _check_open(plan, expense.conference)
    locked = ExpenseDocument.objects.select_for_update().select_related("file").filter(pk=document.pk).first()
    if locked is None:
        return
    stored = locked.file
    record(
        actor=actor,
        event_type="budget.document_deleted",
        obj=expense,
        unit=plan.unit,
        before={"document": locked.title, "sha256": stored.sha256, "size": stored.size},
    )
    locked.delete()
    stored.delete()


# ------------------------------------------------------------------------------------------- settlements


def _submission_problems(plan: Plan, conference: Conference | None) -> list[str]:
    problems: list[str] = []
    if conference is not None:
        if conference.status in {ConferenceStatus.PLANNED, ConferenceStatus.ANNOUNCED}:
            problems.append(_("Hội nghị chưa tổ chức: quyết toán sau khi hội nghị đã diễn ra."))
        expenses = selectors.conference_expenses(conference)
    else:
        waiting = selectors.unsettled_conferences(plan)
        if waiting:
            problems.append(
                _("Chưa phê duyệt quyết toán của hội nghị: %(names)s.") % {"names": "; ".join(c.title for c in waiting)}
            )
        expenses = selectors.year_expenses(plan)
    for expense in selectors.undocumented(expenses):
        problems.append(
            _("Khoản chi “%(item)s” (%(amount)s đồng) chưa có chứng từ kèm theo.")
            % {"item": expense.item, "amount": grouped(expense.amount)}
        )
    return problems


@transaction.atomic
def settlement_transition(
    *, actor: Any, plan: Plan, conference: Conference | None, name: str, reason: str = ""
) -> Settlement:
    """Submit, return, approve or reopen the settlement of a conference (or, with no conference, of the plan's
    year). Approval freezes the figures; returning and reopening need the chair's reason."""
    if name not in workflow.TRANSITIONS:
        raise ValidationError({"__all__": _("Thao tác không hợp lệ.")})
    plan = _lock_plan(plan)
    settlement = Settlement.objects.filter(plan=plan, conference=conference).first()
    if settlement is None:
        # Checked before the row is made, so that a refused first transition leaves nothing behind.
        workflow.TABLE.check(actor, selectors.settlement_of(plan, conference), name)
        settlement = Settlement.objects.create(unit=plan.unit, plan=plan, conference=conference)
    reason = (reason or "").strip()
    changes: dict[str, Any] = {}
    now = timezone.now()
    if name in workflow.WITH_REASON and not reason:
        workflow.TABLE.check(actor, settlement, name)  # a refusal for the role or state comes first
        raise ValidationError({"reason": _("Nhập lý do để kế toán biết cần sửa gì.")})
    if name == workflow.SUBMIT:
        workflow.TABLE.check(actor, settlement, name)
        problems = _submission_problems(plan, conference)
        if problems:
            raise ValidationError({"__all__": problems})
        changes = {"submitted_by": actor_or_none(actor), "submitted_at": now, "reason": ""}
    elif name == workflow.APPROVE:
        live = selectors.live_figures(plan, conference)
        changes = {"approved_by": actor_or_none(actor), "approved_at": now, "figures": live.as_json()}
    elif name == workflow.RETURN:
        changes = {"reason": reason}
    elif name == workflow.REOPEN:
        if conference is not None and selectors.is_locked(plan, None):
            workflow.TABLE.check(actor, settlement, name)
            raise ValidationError(
                {"__all__": _("Quyết toán năm đã trình hoặc đã phê duyệt: mở lại quyết toán năm trước.")}
            )
        changes = {"reason": reason, "approved_by": None, "approved_at": None, "figures": {}}
    extra = {"conference": conference.pk if conference else None}
    if name == workflow.APPROVE:
        extra["figures"] = changes["figures"]
    return workflow.TABLE.apply(actor, settlement, name, audit_fields=SETTLEMENT_FIELDS, extra=extra, **changes)


def settlement_state(plan: Plan, conference: Conference | None) -> SettlementStatus:
    return SettlementStatus(selectors.settlement_of(plan, conference).status)
