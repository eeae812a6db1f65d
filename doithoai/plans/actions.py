"""Every change to a plan. Each action is one transaction with its audit event.

Permissions are checked here (pages and a future API call the same functions);
bad input raises `ValidationError` with Vietnamese messages keyed by the field
(rows of a list section: "<index>-<field>", counting from 0); nothing is written then.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from doithoai.accounts.roles import Role
from doithoai.audit.actions import record, snapshot
from doithoai.core.permissions import require_perm
from doithoai.documents.actions import issue_document
from doithoai.documents.models import DocumentKind
from doithoai.documents.numbering import parse_number
from doithoai.lib.text import fold, normalize_input
from doithoai.lib.vndates import short_date
from doithoai.plans import rules, workflow
from doithoai.plans.models import (
    Assignment,
    BudgetCategory,
    BudgetLine,
    CompositionRule,
    DialogueForm,
    Issuer,
    LegalBasis,
    Plan,
    PlannedSession,
    PlanStatus,
    ProgrammeItem,
    QuotaKind,
    Recipient,
    Topic,
    number_key,
)
from doithoai.plans.presets import PRESETS, Preset
from doithoai.plans.sections import SECTIONS, Section
from doithoai.units.models import AdminUnit, Department, Level

# The plan's own fields that the edit page changes.
MAIN_FIELDS = [
    "year",
    "title",
    "issuer",
    "issuer_name",
    "number",
    "place_name",
    "preamble",
    "purpose",
    "requirements",
    "form",
    "form_note",
    "method",
    "schedule_note",
    "venue",
    "min_attendance",
    "max_attendance",
    "minutes_per_question",
    "backdrop_text",
    "units_below_deadline",
    "forward_issues_to",
    "budget_note",
    "closing",
    "signing_authority",
    "signer_title",
    "signer_name",
]
STATE_FIELDS = ["status", "number", "issued_on"]
MIN_YEAR = 2000
MAX_YEAR = 2100
TEXT_FIELDS = {
    "title",
    "issuer_name",
    "number",
    "place_name",
    "form_note",
    "schedule_note",
    "venue",
    "forward_issues_to",
    "signing_authority",
    "signer_title",
    "signer_name",
}


def _check_year(year: Any, errors: dict[str, list[str]]) -> None:
    if not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        errors.setdefault("year", []).append(_("Năm phải từ %(min)s đến %(max)s.") % {"min": MIN_YEAR, "max": MAX_YEAR})


def _raise(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)


# ---------------------------------------------------------------- create, edit, delete


@transaction.atomic
def plan_create_from_preset(*, actor: Any, unit: AdminUnit, preset: str | Preset, year: int) -> Plan:
    """A new draft plan of `unit` for `year`, every section filled from the preset for that unit."""
    require_perm(actor, rules.EDIT_PLANS, unit)
    errors: dict[str, list[str]] = {}
    chosen = preset if isinstance(preset, Preset) else PRESETS.get(preset)
    if chosen is None:
        errors["preset"] = [_("Chọn một mẫu kế hoạch.")]
    elif not chosen.fits(unit):
        errors["preset"] = [_("Mẫu “%(preset)s” không dùng cho %(unit)s.") % {"preset": chosen.name, "unit": unit.name}]
    _check_year(year, errors)
    _raise(errors)
    assert chosen is not None
    draft = chosen.build(unit, year)
    plan = Plan.objects.create(
        unit=unit,
        year=year,
        preset=chosen.key,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **{
            name: getattr(draft, name)
            for name in MAIN_FIELDS
            if name not in {"year", "number"} and hasattr(draft, name)
        },
    )
    for model, texts in (
        (LegalBasis, draft.legal_bases),
        (Topic, draft.topics),
        (ProgrammeItem, draft.programme),
        (Recipient, draft.recipients),
    ):
        text_rows: list[Any] = [model(plan=plan, order=i, text=text) for i, text in enumerate(texts)]
        model.objects.bulk_create(text_rows)
    for i, session in enumerate(draft.sessions):
        PlannedSession.objects.create(
            plan=plan,
            order=i,
            label=session.label,
            planned_month=session.month,
            planned_month_end=session.month_end,
            venue=session.venue,
            note=session.note,
        )
    CompositionRule.objects.bulk_create(
        [
            CompositionRule(
                plan=plan,
                order=i,
                group=rule.group,
                role_label=rule.role_label,
                kind=rule.kind,
                quantity=rule.quantity,
                description=rule.description,
                for_units_below=rule.for_units_below,
            )
            for i, rule in enumerate(draft.composition)
        ]
    )
    departments = {fold(d.name): d for d in Department.objects.filter(unit=unit, is_active=True)}
    Assignment.objects.bulk_create(
        [
            Assignment(
                plan=plan,
                order=i,
                assignee_text=spec.assignee,
                assignee_department=departments.get(fold(spec.department)) if spec.department else None,
                assignee_role=spec.role,
                duty=spec.duty,
                due_date=spec.due_date,
                due_offset_days=spec.due_offset_days,
                due_rule=spec.due_rule,
            )
            for i, spec in enumerate(draft.assignments)
        ]
    )
    BudgetLine.objects.bulk_create(
        [
            BudgetLine(plan=plan, order=i, item=line.item, amount=line.amount, source=line.source)
            for i, line in enumerate(draft.budget_lines)
        ]
    )
    record(
        actor=actor,
        event_type="plan.created",
        obj=plan,
        unit=unit,
        after=snapshot(plan, ["year", "title", "issuer", "form", "status"]),
        extra={"preset": str(chosen.name)},
    )
    return plan


def _clean_main(plan: Plan, data: Mapping[str, Any]) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    values: dict[str, Any] = {}
    for name in MAIN_FIELDS:
        if name not in data:
            continue
        value = data[name]
        if name in TEXT_FIELDS:
            value = normalize_input(value)
        elif isinstance(value, str):
            value = value.strip()
        values[name] = value
    if "title" in values and not values["title"]:
        errors["title"] = [_("Nhập tên kế hoạch.")]
    if "year" in values:
        _check_year(values["year"], errors)
    if "issuer" in values and values["issuer"] not in Issuer.values:
        errors["issuer"] = [_("Chọn cơ quan ban hành.")]
    if "form" in values and values["form"] not in DialogueForm.values:
        errors["form"] = [_("Chọn hình thức đối thoại.")]
    for name in ("min_attendance", "max_attendance", "minutes_per_question"):
        value = values.get(name)
        if value is not None and (not isinstance(value, int) or value < 0):
            errors[name] = [_("Nhập một số không âm.")]
    low = values.get("min_attendance", plan.min_attendance)
    high = values.get("max_attendance", plan.max_attendance)
    if isinstance(low, int) and isinstance(high, int) and low > high and "max_attendance" not in errors:
        errors["max_attendance"] = [_("Số người dự tối đa phải không nhỏ hơn số tối thiểu (%(n)s).") % {"n": low}]
    deadline = values.get("units_below_deadline", plan.units_below_deadline)
    year = values.get("year", plan.year)
    if isinstance(deadline, dt.date) and isinstance(year, int) and deadline.year < year and "year" not in errors:
        # Seed 004, a 2023 plan, says "Hoàn thành trong tháng 7/2022": a slip of the pen to be caught, not stored.
        errors["units_below_deadline"] = [
            _("Hạn cấp dưới tổ chức đối thoại (%(date)s) ở trước năm của kế hoạch (%(year)s).")
            % {"date": deadline.strftime("%d/%m/%Y"), "year": year}
        ]
    _raise(errors)
    return values


@transaction.atomic
def plan_update(*, actor: Any, plan: Plan, data: Mapping[str, Any]) -> Plan:
    """Change the plan's own fields (those of MAIN_FIELDS present in `data`). Drafts only."""
    require_perm(actor, rules.EDIT_PLANS, plan.unit)
    plan = Plan.objects.select_for_update().select_related("unit").get(pk=plan.pk)
    workflow.check_editable(plan)
    values = _clean_main(plan, data)
    before = snapshot(plan, values.keys())
    for name, value in values.items():
        setattr(plan, name, value)
    after = snapshot(plan, values.keys())
    if after != before:
        plan.save()
        record(actor=actor, event_type="plan.updated", obj=plan, unit=plan.unit, before=before, after=after)
    return plan


@transaction.atomic
def plan_delete(*, actor: Any, plan: Plan) -> None:
    """Delete a draft with all its sections. Issued plans are documents and are never deleted."""
    require_perm(actor, rules.EDIT_PLANS, plan.unit)
    plan = Plan.objects.select_for_update().select_related("unit").get(pk=plan.pk)
    if plan.status not in workflow.DELETABLE_STATES:
        raise ValidationError({"status": _("Chỉ xóa được kế hoạch đang dự thảo.")})
    before = snapshot(plan, ["year", "title", "status"])
    record(actor=actor, event_type="plan.deleted", obj=plan, unit=plan.unit, before=before)
    plan.delete()


# ---------------------------------------------------------------- lifecycle


def _transition(actor: Any, plan: Plan, name: str, **changes: Any) -> Plan:
    return workflow.TABLE.apply(actor, plan, name, audit_fields=STATE_FIELDS, **changes)


@transaction.atomic
def plan_issue(*, actor: Any, plan: Plan, number: str, issued_on: dt.date | None) -> Plan:
    """Issue (ban hành) a draft: it gets its number and date, and is no longer edited."""
    workflow.check_transition(actor, plan, workflow.ISSUE)
    errors: dict[str, list[str]] = {}
    number = normalize_input(number)
    if not number:
        errors["number"] = [_("Nhập số, ký hiệu của kế hoạch (ví dụ: 91/KH-UBND).")]
    if issued_on is None:
        errors["issued_on"] = [_("Nhập ngày ban hành.")]
    elif not MIN_YEAR <= issued_on.year <= MAX_YEAR:
        errors["issued_on"] = [_("Ngày ban hành không hợp lệ.")]
    if not plan.title.strip():
        errors["title"] = [_("Kế hoạch chưa có tên.")]
    register_number = parse_number(number) if number else None
    if number and register_number is None:
        errors["number"] = [_("Số kế hoạch phải bắt đầu bằng số, ví dụ: 91/KH-UBND")]
    _raise(errors)
    assert issued_on is not None
    key = number_key(number)
    _check_number_free(plan, key, issued_on)
    try:
        with transaction.atomic():
            issued = _transition(actor, plan, workflow.ISSUE, number=number, number_key=key, issued_on=issued_on)
            # The plan's number is also the next line of the unit's register of outgoing documents, with the
            # Kế hoạch as issued stored beside it: the register refuses a number already given and a date
            # after today, and then nothing of the plan's issuing is kept either.
            issue_document(
                actor=actor,
                kind=DocumentKind.PLAN,
                subject=issued,
                issued_on=issued_on,
                number=register_number,
                signer_name=issued.signer_name,
            )
            return issued
    except IntegrityError:
        # Another plan took the number between the check and the save: the database refused it.
        _check_number_free(plan, key, issued_on)
        raise


def _check_number_free(plan: Plan, key: str, issued_on: dt.date) -> None:
    """Numbers restart each calendar year (NĐ 30/2020): the unit's plans issued that year must not share one."""
    taken = (
        Plan.objects.filter(unit_id=plan.unit_id, number_key=key, issued_on__year=issued_on.year)
        .exclude(status=PlanStatus.DRAFT)
        .exclude(pk=plan.pk)
        .first()
    )
    if taken is not None:
        assert taken.issued_on is not None
        raise ValidationError(
            {
                "number": [
                    _("Số kế hoạch “%(number)s” đã dùng cho kế hoạch “%(title)s” ban hành ngày %(date)s.")
                    % {"number": taken.number, "title": taken.title, "date": short_date(taken.issued_on)}
                ]
            }
        )


@transaction.atomic
def plan_start(*, actor: Any, plan: Plan) -> Plan:
    return _transition(actor, plan, workflow.START)


@transaction.atomic
def plan_close(*, actor: Any, plan: Plan) -> Plan:
    return _transition(actor, plan, workflow.CLOSE)


# ---------------------------------------------------------------- list sections


def _row_text(section: Section, obj: Model) -> str:
    """One row as a line of the history: its values, joined."""
    parts: list[str] = []
    for name in section.fields:
        if name == "villages":
            names = [v.name for v in obj.villages.all()]  # type: ignore[attr-defined]
            if names:
                parts.append(", ".join(names))
            continue
        value = getattr(obj, name)
        if value is True:
            value = getattr(obj._meta.get_field(name), "verbose_name", name)
        if value in (None, "", False):
            continue
        if isinstance(value, dt.date):
            value = value.strftime("%d/%m/%Y")
        elif name in {"kind", "assignee_role", "category"}:
            value = getattr(obj, f"get_{name}_display")()
        parts.append(str(value))
    return " · ".join(parts)


def _section_texts(section: Section, plan: Plan) -> list[str]:
    rows = getattr(plan, section.key).all()
    if section.key == "sessions":
        rows = rows.prefetch_related("villages")
    return [_row_text(section, row) for row in rows]


# Text fields of rows stored as "" when left out.
BLANK_TEXT_FIELDS = {"note", "venue", "group", "description", "source", "lead", "due_rule"}
MAX_OFFSET_DAYS = 365

REQUIRED = {
    "legal_bases": "text",
    "topics": "text",
    "programme": "text",
    "recipients": "text",
    "sessions": "label",
    "composition": "role_label",
    "assignments": "assignee_text",
    "budget_lines": "item",
}


def _clean_row(section: Section, plan: Plan, index: int, row: Mapping[str, Any]) -> tuple[dict[str, Any], list[Any]]:
    """The values of one row, checked; errors keyed '<index>-<field>'. Villages are returned apart (M2M)."""
    errors: dict[str, list[str]] = {}

    def error(field: str, message: str) -> None:
        errors.setdefault(f"{index}-{field}", []).append(message)

    values: dict[str, Any] = {}
    villages: list[Any] = []
    for name in section.fields:
        value = row.get(name)
        if name == "villages":
            villages = list(value or [])
            if any(getattr(v, "unit_id", None) != plan.unit_id for v in villages):
                error(name, _("Chỉ chọn thôn, tổ dân phố của đơn vị mình."))
            continue
        if name == "lead" and name not in row:
            value = getattr(section.model._meta.get_field(name), "default", "")  # "Căn cứ" unless the row gives one
        if isinstance(value, str):
            value = value.strip() if name in {"text", "duty", "description"} else normalize_input(value)
        if name == "for_units_below":
            value = bool(value)
        values[name] = value
    required = REQUIRED[section.key]
    if not values.get(required):
        error(required, _("Không được để trống."))
    if section.key == "budget_lines":
        # A line typed without a category (older plans, the presets) is "Chi khác" until someone sorts it.
        if not values.get("category"):
            values["category"] = BudgetCategory.OTHER
        elif values["category"] not in BudgetCategory.values:
            error("category", _("Chọn một khoản mục trong danh sách."))
        amount = values.get("amount")
        if amount in ("", None):
            values["amount"] = None
        else:
            try:
                amount = Decimal(str(amount))
            except InvalidOperation:
                error("amount", _("Số tiền phải là một số (đồng), ví dụ 5000000."))
            else:
                if not amount.is_finite() or amount != amount.to_integral_value():
                    error("amount", _("Số tiền phải là số đồng nguyên, ví dụ 5000000."))
                elif amount < 0:
                    error("amount", _("Số tiền không được âm."))
                elif amount >= Decimal(10) ** 15:
                    error("amount", _("Số tiền quá lớn."))
                values["amount"] = amount
    if section.key == "sessions":
        for name in ("planned_month", "planned_month_end"):
            month = values.get(name)
            if month == "":
                values[name] = month = None
            if month is not None and (not isinstance(month, int) or not 1 <= month <= 12):
                error(name, _("Tháng phải từ 1 đến 12."))
        start, end = values.get("planned_month"), values.get("planned_month_end")
        if end is not None and f"{index}-planned_month_end" not in errors:
            if start is None:
                error("planned_month_end", _("Ghi cả tháng bắt đầu, ví dụ tháng 8 đến tháng 9."))
            elif isinstance(start, int) and end < start:
                error("planned_month_end", _("Tháng kết thúc phải sau tháng bắt đầu (%(m)s).") % {"m": start})
        if end is not None and values.get("planned_date"):
            error("planned_month_end", _("Đã ghi ngày cụ thể thì không ghi khoảng tháng."))
    if section.key == "composition":
        if values.get("kind") not in QuotaKind.values:
            error("kind", _("Chọn cách tính số lượng."))
        quantity = values.get("quantity")
        if quantity == "":
            values["quantity"] = quantity = None
        if quantity is not None and (not isinstance(quantity, int) or quantity < 0):
            error("quantity", _("Số lượng phải là số không âm."))
        if values.get("kind") == QuotaKind.OPEN and quantity:
            error("quantity", _("Thành phần mở cho mọi người dân thì không ghi số lượng."))
        elif values.get("kind") in {QuotaKind.PER_VILLAGE, QuotaKind.PER_COMMUNE} and not quantity:
            error("quantity", _("Nhập số đại biểu cho mỗi đơn vị."))
        if values.get("for_units_below") and plan.unit.level == Level.COMMUNE:
            error("for_units_below", _("Chỉ kế hoạch cấp trên mới quy định thành phần cho đơn vị cấp dưới."))
    if section.key == "assignments":
        department = values.get("assignee_department")
        if department is not None and getattr(department, "unit_id", None) != plan.unit_id:
            error("assignee_department", _("Chỉ chọn cơ quan của đơn vị mình."))
        if values.get("assignee_role") and values["assignee_role"] not in Role.values:
            error("assignee_role", _("Vai trò không hợp lệ."))
        values["assignee_role"] = values.get("assignee_role") or ""
        if not values.get("duty"):
            error("duty", _("Không được để trống."))
        offset = values.get("due_offset_days")
        if offset == "":
            values["due_offset_days"] = offset = None
        if offset is not None and (not isinstance(offset, int) or not -MAX_OFFSET_DAYS <= offset <= MAX_OFFSET_DAYS):
            error(
                "due_offset_days",
                _("Số ngày so với ngày hội nghị phải từ -%(n)s đến %(n)s.") % {"n": MAX_OFFSET_DAYS},
            )
        elif offset is not None and values.get("due_date"):
            error("due_offset_days", _("Ghi hạn là một ngày cụ thể hoặc số ngày so với ngày hội nghị, không cả hai."))
    for name in section.fields:
        if name in values and values[name] is None and name in BLANK_TEXT_FIELDS:
            values[name] = ""
    if errors:
        raise ValidationError(errors)
    return values, villages


@transaction.atomic
def plan_section_save(*, actor: Any, plan: Plan, section: str, rows: Sequence[Mapping[str, Any]]) -> Plan:
    """Replace the rows of one list section with `rows`, in that order.

    A row with an "id" of an existing row of this section updates it (so that what
    refers to it later, such as tasks, keeps its link); rows not named are deleted;
    rows without an id are added. One audit event for the section, if it changed.
    """
    spec = SECTIONS.get(section)
    if spec is None:
        raise ValidationError({"section": _("Mục không tồn tại.")})
    require_perm(actor, rules.EDIT_PLAN_BUDGET if spec.key == "budget_lines" else rules.EDIT_PLANS, plan.unit)
    plan = Plan.objects.select_for_update().select_related("unit").get(pk=plan.pk)
    workflow.check_editable(plan)
    manager = getattr(plan, spec.key)
    existing = {obj.pk: obj for obj in manager.all()}
    errors: dict[str, list[str]] = {}
    cleaned: list[tuple[Any, dict[str, Any], list[Any]]] = []
    for index, row in enumerate(rows):
        row_id = row.get("id")
        if row_id not in (None, "") and row_id not in existing:
            errors.setdefault(f"{index}-__all__", []).append(_("Dòng này không còn tồn tại; hãy tải lại trang."))
            continue
        try:
            values, villages = _clean_row(spec, plan, index, row)
        except ValidationError as exc:
            for key, messages in exc.message_dict.items():
                errors.setdefault(key, []).extend(messages)
            continue
        cleaned.append((row_id or None, values, villages))
    _raise(errors)
    before = {spec.key: _section_texts(spec, plan)}
    kept = {row_id for row_id, _values, _villages in cleaned if row_id}
    manager.exclude(pk__in=kept).delete()
    for order, (row_id, values, villages) in enumerate(cleaned):
        obj: Any = existing[row_id] if row_id else spec.model(plan=plan)
        for name, value in values.items():
            setattr(obj, name, value)
        obj.order = order
        obj.save()
        if "villages" in spec.fields:
            obj.villages.set(villages)
    after = {spec.key: _section_texts(spec, plan)}
    if after != before:
        record(
            actor=actor,
            event_type="plan.section_updated",
            obj=plan,
            unit=plan.unit,
            before=before,
            after=after,
            extra={"section": str(spec.title)},
        )
    return plan
