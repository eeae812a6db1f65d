"""Plan pages. Views translate HTTP: unit and plan through selectors, changes through actions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from doithoai.core.forms import error_dict, error_messages, place_row_errors
from doithoai.core.permissions import Permission, has_perm, require_perm
from doithoai.lib import xlsx
from doithoai.lib.vndates import place_and_date, short_date
from doithoai.plans import actions, compliance, rules, selectors, workflow
from doithoai.plans.forms import (
    BLANK_ROWS,
    MORE_ROWS,
    IssueForm,
    PlanForm,
    PresetForm,
    ordered_rows,
    row_formset,
)
from doithoai.plans.models import Plan
from doithoai.plans.sections import BY_SLUG, SECTIONS
from doithoai.units import selectors as unit_selectors
from doithoai.units.models import AdminUnit
from doithoai.units.views import unit_context


def _unit(request: HttpRequest, unit_id: int, permission: Permission = rules.VIEW_PLANS) -> AdminUnit:
    unit = unit_selectors.get_unit(request.user, unit_id)
    require_perm(request.user, permission, unit)
    return unit


def _context(request: HttpRequest, unit: AdminUnit, **extra: Any) -> dict[str, Any]:
    context = unit_context(request, unit)
    context["section"] = "plans"
    context["can_edit_plans"] = has_perm(request.user, rules.EDIT_PLANS, unit)
    context.update(extra)
    return context


def _today() -> dt.date:
    return timezone.localdate()


@login_required
def plan_list(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = _unit(request, unit_id)
    plans = list(selectors.plans_of(unit))
    for plan in plans:
        plan.issued_text = short_date(plan.issued_on) if plan.issued_on else ""  # type: ignore[attr-defined]
    return render(request, "plans/list.html", _context(request, unit, plans=plans))


@login_required
def plan_create(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = _unit(request, unit_id, rules.EDIT_PLANS)
    if request.method == "POST":
        form = PresetForm(request.POST, unit=unit)
        if form.is_valid():
            try:
                plan = actions.plan_create_from_preset(
                    actor=request.user, unit=unit, preset=form.cleaned_data["preset"], year=form.cleaned_data["year"]
                )
            except ValidationError as exc:
                form.add_action_errors(error_dict(exc))
            else:
                messages.success(request, _("Đã tạo dự thảo kế hoạch từ mẫu. Hãy xem lại và sửa từng mục."))
                return redirect("plans:detail", unit_id=unit.pk, plan_id=plan.pk)
    else:
        presets = PresetForm(unit=unit).presets
        form = PresetForm(unit=unit, initial={"year": _today().year, "preset": presets[0].key if presets else None})
    return render(request, "plans/create.html", _context(request, unit, form=form))


def _document(plan: Plan) -> dict[str, Any]:
    """What the document view needs besides the plan: its dates as documents write them, grouped duties."""
    place = plan.place_name or plan.unit.place_name or plan.unit.short_name
    groups: list[dict[str, Any]] = []
    for assignment in plan.assignments.all():
        assignment.due_text = short_date(assignment.due_date) if assignment.due_date else ""  # type: ignore[attr-defined]
        assignment.offset_text = _offset_text(assignment.due_offset_days)  # type: ignore[attr-defined]
        if groups and groups[-1]["assignee"] == assignment.assignee_text:
            groups[-1]["rows"].append(assignment)
        else:
            groups.append({"assignee": assignment.assignee_text, "rows": [assignment]})
    sessions = list(plan.sessions.all())
    for session in sessions:
        session.date_text = short_date(session.planned_date) if session.planned_date else ""  # type: ignore[attr-defined]
    composition_groups: list[dict[str, Any]] = []
    for rule in plan.composition.all():
        last = composition_groups[-1] if composition_groups else None
        if last and (last["group"], last["for_units_below"]) == (rule.group, rule.for_units_below):
            last["rows"].append(rule)
        else:
            composition_groups.append({"group": rule.group, "for_units_below": rule.for_units_below, "rows": [rule]})
    return {
        "place_date": place_and_date(place, plan.issued_on)
        if plan.issued_on
        else f"{place}, ngày … tháng … năm {plan.year}",
        "assignment_groups": groups,
        "planned_sessions": sessions,
        "composition_groups": composition_groups,
        "units_below_deadline_text": short_date(plan.units_below_deadline) if plan.units_below_deadline else "",
        "purpose_lines": [line for line in plan.purpose.splitlines() if line.strip()],
        "requirement_lines": [line for line in plan.requirements.splitlines() if line.strip()],
        "method_lines": [line for line in plan.method.splitlines() if line.strip()],
        "backdrop_lines": [line for line in plan.backdrop_text.splitlines() if line.strip()],
    }


def _offset_text(days: int | None) -> str:
    """A deadline counted from the conference, as plans write it: "trước hội nghị 03 ngày"."""
    if days is None:
        return ""
    if days < 0:
        return _("trước hội nghị %(n)s ngày") % {"n": f"{-days:02d}"}
    if days > 0:
        return _("sau hội nghị %(n)s ngày") % {"n": f"{days:02d}"}
    return _("ngày tổ chức hội nghị")


@login_required
def plan_detail(request: HttpRequest, unit_id: int, plan_id: int) -> HttpResponse:
    unit = _unit(request, unit_id)
    plan = selectors.get_plan_with_sections(unit, plan_id)
    return _detail_page(request, unit, plan)


def _detail_page(
    request: HttpRequest,
    unit: AdminUnit,
    plan: Plan,
    *,
    issue_form: IssueForm | None = None,
    errors: list[str] | None = None,
) -> HttpResponse:
    transitions = workflow.available_transitions(request.user, plan)
    can_edit = has_perm(request.user, rules.EDIT_PLANS, unit) and not plan.is_read_only
    if issue_form is None:
        issue_form = IssueForm(initial={"number": plan.number, "issued_on": _today()})
    context = _context(
        request,
        unit,
        plan=plan,
        doc=_document(plan),
        transitions=[t for t in transitions if t.name != workflow.ISSUE],
        can_issue=any(t.name == workflow.ISSUE for t in transitions),
        issue_form=issue_form,
        can_edit_plan=can_edit,
        sections=SECTIONS,
        page_errors=errors or [],
        plan_type=ContentType.objects.get_for_model(Plan),
        status_label=plan.get_status_display(),
        has_compliance_board=compliance.is_upper_level(plan)
        and plan.status in compliance.BOARD_STATES
        and has_perm(request.user, rules.VIEW_COMPLIANCE, unit),
    )
    status = 400 if (errors or issue_form.errors) else 200
    return render(request, "plans/detail.html", context, status=status)


@login_required
def plan_edit(request: HttpRequest, unit_id: int, plan_id: int) -> HttpResponse:
    unit = _unit(request, unit_id, rules.EDIT_PLANS)
    plan = selectors.get_plan(unit, plan_id)
    if plan.is_read_only:
        messages.error(request, _("Kế hoạch đã ban hành, không sửa được. Chỉ sửa được kế hoạch đang dự thảo."))
        return redirect("plans:detail", unit_id=unit.pk, plan_id=plan.pk)
    if request.method == "POST":
        form = PlanForm(request.POST, unit=unit)
        if form.is_valid():
            try:
                actions.plan_update(actor=request.user, plan=plan, data=form.cleaned_data)
            except ValidationError as exc:
                form.add_action_errors(error_dict(exc))
            else:
                messages.success(request, _("Đã lưu thay đổi."))
                return redirect("plans:detail", unit_id=unit.pk, plan_id=plan.pk)
    else:
        form = PlanForm(unit=unit, initial=PlanForm.initial_for(plan))
    return render(request, "plans/edit.html", _context(request, unit, plan=plan, form=form))


@login_required
def plan_section(request: HttpRequest, unit_id: int, plan_id: int, slug: str) -> HttpResponse:
    """Edit one list section: every row at once, with blank rows to add, a box to delete, a number to reorder."""
    unit = _unit(request, unit_id, rules.EDIT_PLANS)
    spec = BY_SLUG.get(slug)
    if spec is None:
        raise Http404
    plan = selectors.get_plan(unit, plan_id)
    if plan.is_read_only:
        messages.error(request, _("Kế hoạch đã ban hành, không sửa được. Chỉ sửa được kế hoạch đang dự thảo."))
        return redirect("plans:detail", unit_id=unit.pk, plan_id=plan.pk)
    # After "Lưu và thêm dòng" the page comes back with more blank rows; what was typed is saved first.
    more = request.GET.get("them") == "1"
    formset_class = row_formset(spec, unit, extra=MORE_ROWS if more else BLANK_ROWS)
    page_errors: list[str] = []
    if request.method == "POST":
        formset = formset_class(request.POST, prefix="rows")
        if formset.is_valid():
            rows = ordered_rows(formset)
            try:
                actions.plan_section_save(
                    actor=request.user, plan=plan, section=spec.key, rows=[row for _form, row in rows]
                )
            except ValidationError as exc:
                page_errors = place_row_errors([form for form, _row in rows], exc)
            else:
                messages.success(request, _("Đã lưu mục “%(section)s”.") % {"section": spec.title})
                if "add_rows" in request.POST:
                    url = reverse("plans:section", kwargs={"unit_id": unit.pk, "plan_id": plan.pk, "slug": slug})
                    return redirect(f"{url}?them=1")
                return redirect("plans:detail", unit_id=unit.pk, plan_id=plan.pk)
    else:
        rows_qs = getattr(plan, spec.key).all()
        initial = []
        for index, obj in enumerate(rows_qs):
            values: dict[str, Any] = {"id": obj.pk, "order": index + 1}
            for name in spec.fields:
                values[name] = list(obj.villages.all()) if name == "villages" else getattr(obj, name)
            initial.append(values)
        formset = formset_class(initial=initial, prefix="rows")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "plans/section.html",
        _context(request, unit, plan=plan, spec=spec, formset=formset, page_errors=page_errors, more_rows=MORE_ROWS),
        status=status,
    )


@login_required
@require_POST
def plan_issue(request: HttpRequest, unit_id: int, plan_id: int) -> HttpResponse:
    unit = _unit(request, unit_id)
    plan = selectors.get_plan(unit, plan_id)
    form = IssueForm(request.POST)
    if form.is_valid():
        try:
            actions.plan_issue(
                actor=request.user,
                plan=plan,
                number=form.cleaned_data.get("number") or "",
                issued_on=form.cleaned_data.get("issued_on"),
            )
        except ValidationError as exc:
            errors = error_dict(exc)
            form.add_action_errors(errors)
            page = [m for key, ms in errors.items() if key not in form.fields for m in ms]
            return _detail_page(
                request, unit, selectors.get_plan_with_sections(unit, plan_id), issue_form=form, errors=page
            )
        messages.success(request, _("Đã ban hành kế hoạch."))
        return redirect("plans:detail", unit_id=unit.pk, plan_id=plan.pk)
    return _detail_page(request, unit, selectors.get_plan_with_sections(unit, plan_id), issue_form=form)


TRANSITION_ACTIONS = {workflow.START: actions.plan_start, workflow.CLOSE: actions.plan_close}


@login_required
@require_POST
def plan_transition(request: HttpRequest, unit_id: int, plan_id: int, transition: str) -> HttpResponse:
    unit = _unit(request, unit_id)
    plan = selectors.get_plan(unit, plan_id)
    action = TRANSITION_ACTIONS.get(transition)
    if action is None:
        raise Http404
    try:
        action(actor=request.user, plan=plan)
    except ValidationError as exc:
        return _detail_page(
            request,
            unit,
            selectors.get_plan_with_sections(unit, plan_id),
            errors=error_messages(exc),
        )
    messages.success(
        request,
        _("Kế hoạch chuyển sang trạng thái “%(state)s”.") % {"state": workflow.TRANSITIONS[transition].target.label},
    )
    return redirect("plans:detail", unit_id=unit.pk, plan_id=plan.pk)


@login_required
@require_POST
def plan_delete(request: HttpRequest, unit_id: int, plan_id: int) -> HttpResponse:
    unit = _unit(request, unit_id)
    plan = selectors.get_plan(unit, plan_id)
    try:
        actions.plan_delete(actor=request.user, plan=plan)
    except ValidationError as exc:
        return _detail_page(
            request,
            unit,
            selectors.get_plan_with_sections(unit, plan_id),
            errors=error_messages(exc),
        )
    messages.success(request, _("Đã xóa dự thảo kế hoạch."))
    return redirect("plans:list", unit_id=unit.pk)


# ---------------------------------------------------------------- compliance board of an upper-level plan


def _board(request: HttpRequest, unit_id: int, plan_id: int) -> tuple[AdminUnit, Plan, list[Any], dict[str, str]]:
    unit = _unit(request, unit_id, rules.VIEW_COMPLIANCE)
    plan = selectors.get_upper_plan(unit, plan_id)
    rows = selectors.compliance_board(plan, _today())
    params = {
        "q": request.GET.get("q", "").strip()[:100],
        "loc": request.GET.get("loc", "") if request.GET.get("loc", "") in compliance.FILTERS else "",
        "sap": request.GET.get("sap", "") if request.GET.get("sap", "") in compliance.SORTS else compliance.SORT_NAME,
    }
    return unit, plan, rows, params


@login_required
def plan_compliance(request: HttpRequest, unit_id: int, plan_id: int) -> HttpResponse:
    """Which units below planned, held, published conclusions, forwarded issues; who is late."""
    unit, plan, rows, params = _board(request, unit_id, plan_id)
    shown = compliance.narrow(rows, query=params["q"], only=params["loc"], sort=params["sap"])
    items = [
        {
            "row": row,
            "plan": compliance.plan_cell(row),
            "scheduled": short_date(row.scheduled_on) if row.scheduled_on else "",
            "held": short_date(row.held_on) if row.held_on else "",
            "concluded": compliance.concluded_cell(row),
            "forwarding": compliance.forwarding_cell(row),
        }
        for row in shown
    ]
    deadline = plan.units_below_deadline
    assert deadline is not None
    context = _context(
        request,
        unit,
        plan=plan,
        rows=items,
        summary=compliance.summarize(rows),
        params=params,
        filters=[
            ("", _("Tất cả")),
            (compliance.LATE_ONLY, _("Trễ hạn")),
            (compliance.NOT_SET_UP_ONLY, _("Chưa sử dụng hệ thống")),
        ],
        sorts=[
            (compliance.SORT_NAME, _("Tên đơn vị")),
            (compliance.SORT_STANDING, _("Tình trạng")),
            (compliance.SORT_DATE, _("Ngày hội nghị")),
        ],
        reference=compliance.plan_reference(plan),
        deadline_text=short_date(deadline),
        today_text=short_date(_today()),
        deadline_passed=_today() > deadline,
        export_query=request.GET.urlencode(),
    )
    template = "plans/compliance_rows.html" if getattr(request, "htmx", False) else "plans/compliance.html"
    return render(request, template, context)


@login_required
def plan_compliance_excel(request: HttpRequest, unit_id: int, plan_id: int) -> HttpResponse:
    """The board as shown (same search, filter and order) as an Excel file."""
    _, plan, rows, params = _board(request, unit_id, plan_id)
    shown = compliance.narrow(rows, query=params["q"], only=params["loc"], sort=params["sap"])
    content = compliance.workbook(plan, shown, _today())
    response = HttpResponse(content, content_type=xlsx.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="tuan-thu-ke-hoach-{plan.year}-{plan.pk}.xlsx"'
    return response
