"""The budget pages of a unit (Kinh phí). Views only translate HTTP: reads through `selectors`, writes through
`actions`, the year's estimate through the plans app's own action.

- `year`: the year's estimate against its spending by category, the conferences with theirs, the year's own
  expenses and the year's settlement;
- `plan_estimate`: the plan's "Kinh phí" lines while it is a draft;
- `conference`: a conference's estimate, expenses with their documents, and its settlement;
- `conference_estimate`, `expense_add`, `expense_edit` (with its documents), the downloads;
- `settlement`: the settlement's transitions; `settlement_sheet`: the settlement printed, or as Excel.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from doithoai.budget import actions, excel, rules, selectors, workflow
from doithoai.budget.forms import DocumentForm, EstimateFormSet, ExpenseForm, ReasonForm
from doithoai.budget.models import SettlementStatus
from doithoai.conferences.models import Conference
from doithoai.core.forms import error_dict, error_messages, place_row_errors
from doithoai.core.permissions import has_perm
from doithoai.documents import material_files
from doithoai.documents.views import serve_stored
from doithoai.lib.numbers import grouped
from doithoai.lib.params import query_id
from doithoai.plans import actions as plan_actions
from doithoai.plans import rules as plan_rules
from doithoai.plans.forms import ordered_rows, row_formset
from doithoai.plans.models import Plan
from doithoai.plans.sections import SECTIONS
from doithoai.units.models import AdminUnit
from doithoai.units.views import unit_context


def _context(request: HttpRequest, unit: AdminUnit, **extra: Any) -> dict[str, Any]:
    context = unit_context(request, unit)
    context["section"] = "budget"
    context["can_edit"] = has_perm(request.user, rules.EDIT_BUDGET, unit)
    context.update(extra)
    return context


def _settlement_panel(request: HttpRequest, plan: Plan, conference: Conference | None) -> dict[str, Any]:
    settlement = selectors.settlement_of(plan, conference)
    return {
        "settlement": settlement,
        "transitions": workflow.available_transitions(request.user, settlement),
        "locked": selectors.is_locked(plan, conference),
        "reason_form": ReasonForm(),
    }


@login_required
@require_GET
def year(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = selectors.get_unit(request.user, unit_id)
    asked = query_id(request.GET.get("nam"))
    plan = selectors.plan_of_year(unit, asked)
    context = _context(request, unit, plans=selectors.plans_of(unit), plan=plan, asked_year=asked)
    if plan is not None:
        panel = _settlement_panel(request, plan, None)
        conferences = selectors.conferences_of_plan(plan)
        context.update(
            panel,
            figures=selectors.settled_figures(plan, None, panel["settlement"]),
            plan_lines=selectors.plan_lines(plan),
            conferences=conferences,
            waiting=selectors.unsettled(conferences),
            expenses=selectors.year_expenses(plan),
            can_edit_plan_estimate=plan.is_draft and has_perm(request.user, plan_rules.EDIT_PLAN_BUDGET, unit),
        )
    return render(request, "budget/year.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def plan_estimate(request: HttpRequest, unit_id: int, plan_id: int) -> HttpResponse:
    """The plan's "Kinh phí" lines, edited here by the accountant as by the office in the plan's own page."""
    unit = selectors.get_unit(request.user, unit_id)
    plan = selectors.get_plan(unit, plan_id)
    spec = SECTIONS["budget_lines"]
    formset_class = row_formset(spec, unit)
    page_errors: list[str] = []
    back = f"{reverse('budget:year', args=[unit.pk])}?nam={plan.year}"
    if request.method == "POST":
        formset = formset_class(request.POST, prefix="rows")
        if formset.is_valid():
            rows = ordered_rows(formset)
            try:
                plan_actions.plan_section_save(
                    actor=request.user, plan=plan, section=spec.key, rows=[row for _form, row in rows]
                )
            except ValidationError as exc:
                page_errors = place_row_errors([form for form, _row in rows], exc)
            else:
                messages.success(request, _("Đã lưu dự toán kinh phí của kế hoạch."))
                return redirect(back)
    else:
        initial = [
            {"id": line.pk, "order": i + 1, **{name: getattr(line, name) for name in spec.fields}}
            for i, line in enumerate(selectors.plan_lines(plan))
        ]
        formset = formset_class(initial=initial, prefix="rows")
    context = _context(request, unit, plan=plan, formset=formset, page_errors=page_errors, back=back)
    return render(request, "budget/plan_estimate.html", context, status=400 if request.method == "POST" else 200)


@login_required
@require_GET
def conference(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    unit = selectors.get_unit(request.user, unit_id)
    conf = selectors.get_conference(unit, conference_id)
    panel = _settlement_panel(request, conf.plan, conf)
    expenses = selectors.conference_expenses(conf)
    context = _context(
        request,
        unit,
        plan=conf.plan,
        conference=conf,
        figures=selectors.settled_figures(conf.plan, conf, panel["settlement"]),
        estimate=selectors.estimate_lines(conf),
        expenses=expenses,
        undocumented=selectors.undocumented(expenses),
        **panel,
    )
    return render(request, "budget/conference.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def conference_estimate(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    unit = selectors.get_unit(request.user, unit_id)
    conf = selectors.get_conference(unit, conference_id)
    back = reverse("budget:conference", args=[unit.pk, conf.pk])
    page_errors: list[str] = []
    from_plan = False
    if request.method == "POST":
        formset = EstimateFormSet(request.POST, prefix="rows")
        if formset.is_valid():
            kept = [f for f in formset.forms if not f.cleaned_data.get("DELETE") and not f.is_blank()]
            try:
                actions.estimate_save(actor=request.user, conference=conf, rows=[f.cleaned_data for f in kept])
            except ValidationError as exc:
                page_errors = place_row_errors(kept, exc)
            else:
                messages.success(request, _("Đã lưu dự trù kinh phí của hội nghị."))
                return redirect(back)
    else:
        lines = selectors.estimate_lines(conf)
        initial = [{"category": x.category, "item": x.item, "amount": grouped(x.amount)} for x in lines]
        if not lines:
            from_plan = True
            initial = [{**row, "amount": grouped(row["amount"])} for row in selectors.estimate_from_plan(conf)]
        formset = EstimateFormSet(initial=initial, prefix="rows")
    context = _context(
        request,
        unit,
        plan=conf.plan,
        conference=conf,
        formset=formset,
        page_errors=page_errors,
        back=back,
        from_plan=from_plan,
    )
    return render(request, "budget/conference_estimate.html", context, status=400 if request.method == "POST" else 200)


def _expense_back(unit: AdminUnit, plan: Plan, conference: Conference | None) -> str:
    if conference is not None:
        return reverse("budget:conference", args=[unit.pk, conference.pk])
    return f"{reverse('budget:year', args=[unit.pk])}?nam={plan.year}"


@login_required
@require_http_methods(["GET", "POST"])
def expense_add(request: HttpRequest, unit_id: int, plan_id: int) -> HttpResponse:
    unit = selectors.get_unit(request.user, unit_id)
    plan = selectors.get_plan(unit, plan_id)
    conferences = selectors.conference_choices(plan)
    if request.method == "POST":
        form = ExpenseForm(request.POST, conferences=conferences)
        if form.is_valid():
            try:
                expense = actions.expense_record(
                    actor=request.user,
                    plan=plan,
                    data=form.action_data(),
                    submission_key=form.cleaned_data["submission_key"],
                )
            except ValidationError as exc:
                form.add_action_errors(error_dict(exc))
            else:
                messages.success(
                    request, _("Đã ghi khoản chi “%(item)s”. Hãy đính kèm chứng từ.") % {"item": expense.item}
                )
                return redirect("budget:expense", unit_id=unit.pk, expense_id=expense.pk)
        form.mark_invalid()
    else:
        chosen = query_id(request.GET.get("hoi_nghi"))
        form = ExpenseForm(
            initial={
                "conference": str(chosen) if chosen else "",
                "spent_on": timezone.localdate(),
                "submission_key": uuid.uuid4().hex,
            },
            conferences=conferences,
        )
    chosen_conf = next((c for c in conferences if str(c.pk) == str(form["conference"].value() or "")), None)
    context = _context(request, unit, plan=plan, form=form, back=_expense_back(unit, plan, chosen_conf))
    return render(request, "budget/expense_add.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def expense(request: HttpRequest, unit_id: int, expense_id: int) -> HttpResponse:
    """An expense: its fields (editable while its settlement is open) and its supporting documents."""
    unit = selectors.get_unit(request.user, unit_id)
    item = selectors.get_expense(unit, expense_id)
    conferences = selectors.conference_choices(item.plan)
    form = ExpenseForm(
        initial={
            "conference": str(item.conference_id or ""),
            "category": item.category,
            "item": item.item,
            "amount": grouped(item.amount),
            "spent_on": item.spent_on,
            "voucher_number": item.voucher_number,
            "payee": item.payee,
            "note": item.note,
        },
        conferences=conferences,
    )
    document_form = DocumentForm(initial={"submission_key": uuid.uuid4().hex})
    if request.method == "POST":
        if request.POST.get("do") == "attach":
            document_form = DocumentForm(request.POST, request.FILES)
            if document_form.is_valid():
                try:
                    doc = actions.document_attach(
                        actor=request.user,
                        expense=item,
                        title=document_form.cleaned_data["title"],
                        upload=document_form.cleaned_data["file"],
                        submission_key=document_form.cleaned_data["submission_key"],
                    )
                except ValidationError as exc:
                    document_form.add_action_errors(error_dict(exc))
                else:
                    messages.success(request, _("Đã đính kèm “%(title)s”.") % {"title": doc.title})
                    return redirect("budget:expense", unit_id=unit.pk, expense_id=item.pk)
            document_form.mark_invalid()
        else:
            form = ExpenseForm(request.POST, conferences=conferences)
            if form.is_valid():
                try:
                    actions.expense_update(actor=request.user, expense=item, data=form.action_data())
                except ValidationError as exc:
                    form.add_action_errors(error_dict(exc))
                else:
                    messages.success(request, _("Đã lưu khoản chi."))
                    return redirect("budget:expense", unit_id=unit.pk, expense_id=item.pk)
            form.mark_invalid()
    documents = list(item.documents.select_related("file"))
    for doc in documents:
        doc.extension = material_files.EXTENSIONS.get(doc.file.content_type, "").upper()  # type: ignore[attr-defined]
    context = _context(
        request,
        unit,
        plan=item.plan,
        expense=item,
        form=form,
        document_form=document_form,
        documents=documents,
        locked=selectors.is_locked(item.plan, item.conference),
        back=_expense_back(unit, item.plan, item.conference),
    )
    failed = bool(form.errors or document_form.errors)
    return render(request, "budget/expense.html", context, status=400 if failed else 200)


@login_required
@require_POST
def expense_delete(request: HttpRequest, unit_id: int, expense_id: int) -> HttpResponse:
    unit = selectors.get_unit(request.user, unit_id)
    item = selectors.get_expense(unit, expense_id)
    back = _expense_back(unit, item.plan, item.conference)
    try:
        actions.expense_delete(actor=request.user, expense=item)
    except ValidationError as exc:
        for message in error_messages(exc):
            messages.error(request, message)
        return redirect("budget:expense", unit_id=unit.pk, expense_id=item.pk)
    messages.success(request, _("Đã xóa khoản chi “%(item)s”.") % {"item": item.item})
    return redirect(back)


def _document_filename(doc: Any) -> str:
    extension = material_files.EXTENSIONS.get(doc.file.content_type, "bin")
    return f"{slugify(doc.title)[:80] or 'chung-tu'}.{extension}"


@login_required
@require_GET
def document_download(request: HttpRequest, unit_id: int, expense_id: int, document_id: int) -> HttpResponse:
    unit = selectors.get_unit(request.user, unit_id)
    doc = selectors.get_document(selectors.get_expense(unit, expense_id), document_id)
    actions.document_open(actor=request.user, document=doc)
    return serve_stored(request, unit, doc.file, _document_filename(doc))


@login_required
@require_POST
def document_delete(request: HttpRequest, unit_id: int, expense_id: int, document_id: int) -> HttpResponse:
    unit = selectors.get_unit(request.user, unit_id)
    doc = selectors.get_document(selectors.get_expense(unit, expense_id), document_id)
    try:
        actions.document_delete(actor=request.user, document=doc)
    except ValidationError as exc:
        for message in error_messages(exc):
            messages.error(request, message)
    else:
        messages.success(request, _("Đã xóa chứng từ “%(title)s”.") % {"title": doc.title})
    return redirect("budget:expense", unit_id=unit.pk, expense_id=expense_id)


def _scope(unit: AdminUnit, plan: Plan, data: Any) -> Conference | None:
    """The conference a settlement is about (?hoi_nghi=), or None for the year's; one of another plan is the
    year's too."""
    conference_id = query_id(data.get("hoi_nghi"))
    conference = selectors.get_conference(unit, conference_id) if conference_id else None
    return conference if conference is not None and conference.plan_id == plan.pk else None


@login_required
@require_POST
def settlement(request: HttpRequest, unit_id: int, plan_id: int) -> HttpResponse:
    unit = selectors.get_unit(request.user, unit_id)
    plan = selectors.get_plan(unit, plan_id)
    conf = _scope(unit, plan, request.POST)
    name = request.POST.get("transition", "")
    try:
        done = actions.settlement_transition(
            actor=request.user, plan=plan, conference=conf, name=name, reason=request.POST.get("reason", "")
        )
    except ValidationError as exc:
        for message in error_messages(exc):
            messages.error(request, message)
    else:
        messages.success(request, _("Quyết toán: %(state)s.") % {"state": SettlementStatus(done.status).label})
    return redirect(_expense_back(unit, plan, conf))


@login_required
@require_GET
def settlement_sheet(request: HttpRequest, unit_id: int, plan_id: int) -> HttpResponse:
    """The settlement as a printable table (A4) or, with ?dinh_dang=xlsx, as Excel."""
    unit = selectors.get_unit(request.user, unit_id)
    plan = selectors.get_plan(unit, plan_id)
    conf = _scope(unit, plan, request.GET)
    settled = selectors.settlement_of(plan, conf)
    figures = selectors.settled_figures(plan, conf, settled)
    expenses = selectors.conference_expenses(conf) if conf else selectors.expenses_with_documents(plan=plan)
    sheet = excel.SettlementSheet(
        unit=unit, plan=plan, conference=conf, settlement=settled, figures=figures, expenses=expenses
    )
    if request.GET.get("dinh_dang") == "xlsx":
        return excel.response(sheet)
    return render(request, "budget/settlement_sheet.html", {"sheet": sheet, "unit": unit})
