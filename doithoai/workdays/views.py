"""The working-day calendar of a unit: the year's days off, its overrides and the deadline calculator."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from doithoai.core.permissions import has_perm, require_perm
from doithoai.lib.vndates import short_date
from doithoai.units import selectors as unit_selectors
from doithoai.units.models import AdminUnit
from doithoai.units.views import unit_context
from doithoai.workdays import actions, rules, selectors
from doithoai.workdays.forms import DeadlineForm, ImportForm, OverrideForm

WEEKDAY_HEADERS = ["T2", "T3", "T4", "T5", "T6", "T7", "CN"]


def _calendar_url(unit: AdminUnit, year: int) -> str:
    return f"{reverse('workdays:calendar', args=[unit.pk])}?{urlencode({'nam': year})}"


def _render_page(
    request: HttpRequest,
    unit: AdminUnit,
    *,
    year: int | None = None,
    add_form: OverrideForm | None = None,
    import_form: ImportForm | None = None,
    deadline_form: DeadlineForm | None = None,
    deadline: selectors.Deadline | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    today = timezone.localdate()
    if year is None:
        year = selectors.parse_year(request.GET.get("nam"), today.year)
    can_manage = has_perm(user, rules.MANAGE_CALENDAR, unit)
    can_manage_national = has_perm(user, rules.MANAGE_NATIONAL_CALENDAR, None)
    calendar = selectors.calendar_for(unit)
    context: dict[str, Any] = unit_context(request, unit)
    context.update(
        {
            "section": "calendar",
            "year": year,
            "previous_year": year - 1 if year > selectors.MIN_YEAR else None,
            "next_year": year + 1 if year < selectors.MAX_YEAR else None,
            "this_year": today.year,
            "statutory_days_off": [d for d in calendar.days_off(year) if d.source == selectors.STATUTORY],
            "statutory_make_up_days": [d for d in calendar.make_up_days(year) if d.source == selectors.STATUTORY],
            "overrides": selectors.overrides_of_year(unit, year),
            "months": selectors.year_grid(calendar, year, today),
            "weekday_headers": WEEKDAY_HEADERS,
            "can_manage": can_manage,
            "can_manage_national": can_manage_national,
            "add_form": add_form or OverrideForm(allow_nationwide=can_manage_national, prefix="add"),
            "import_form": import_form or ImportForm(allow_nationwide=can_manage_national, prefix="import"),
            "deadline_form": deadline_form or DeadlineForm(initial={"tu_ngay": today, "so_ngay": 10}),
            "deadline": deadline,
        }
    )
    return render(request, "workdays/calendar.html", context, status=status)


@login_required
@require_GET
def calendar(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = unit_selectors.get_unit(request.user, unit_id)
    require_perm(request.user, rules.VIEW_CALENDAR, unit)
    return _render_page(request, unit)


@login_required
@require_POST
def override_add(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = unit_selectors.get_unit(request.user, unit_id)
    require_perm(request.user, rules.MANAGE_CALENDAR, unit)
    allow_nationwide = has_perm(request.user, rules.MANAGE_NATIONAL_CALENDAR, None)
    form = OverrideForm(request.POST, allow_nationwide=allow_nationwide, prefix="add")
    # A forged "nationwide" from someone without the right is refused by the action.
    nationwide = request.POST.get("add-nationwide") in {"on", "1", "true"}
    year = None
    if form.is_valid():
        data = form.cleaned_data
        year = data["date"].year
        try:
            override = actions.override_create(
                actor=request.user,
                unit=None if nationwide else unit,
                date=data["date"],
                kind=data["kind"],
                reason=data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Đã thêm ngày %(date)s (%(kind)s).")
                % {"date": short_date(override.date), "kind": actions.kind_label(override.kind)},
            )
            return HttpResponseRedirect(_calendar_url(unit, override.date.year))
    return _render_page(request, unit, year=year, add_form=form, status=400)


@login_required
@require_POST
def override_import(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = unit_selectors.get_unit(request.user, unit_id)
    require_perm(request.user, rules.MANAGE_CALENDAR, unit)
    allow_nationwide = has_perm(request.user, rules.MANAGE_NATIONAL_CALENDAR, None)
    form = ImportForm(request.POST, allow_nationwide=allow_nationwide, prefix="import")
    nationwide = request.POST.get("import-nationwide") in {"on", "1", "true"}
    if form.is_valid():
        try:
            created = actions.overrides_import(
                actor=request.user, unit=None if nationwide else unit, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã nhập %(count)d ngày điều chỉnh.") % {"count": len(created)})
            year = created[0].date.year if created else None
            return HttpResponseRedirect(
                _calendar_url(unit, year) if year else reverse("workdays:calendar", args=[unit.pk])
            )
    return _render_page(request, unit, import_form=form, status=400)


@login_required
@require_POST
def override_delete(request: HttpRequest, unit_id: int, override_id: int) -> HttpResponse:
    unit = unit_selectors.get_unit(request.user, unit_id)
    require_perm(request.user, rules.MANAGE_CALENDAR, unit)
    override = selectors.get_override(unit, override_id)
    try:
        actions.override_delete(actor=request.user, override=override)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã xoá ngày điều chỉnh %(date)s.") % {"date": short_date(override.date)})
    return HttpResponseRedirect(_calendar_url(unit, override.date.year))


@login_required
@require_GET
def deadline(request: HttpRequest, unit_id: int) -> HttpResponse:
    """The deadline calculator: a fragment for htmx, the whole page otherwise."""
    unit = unit_selectors.get_unit(request.user, unit_id)
    require_perm(request.user, rules.VIEW_CALENDAR, unit)
    form = DeadlineForm(request.GET)
    result = None
    if form.is_valid():
        data = form.cleaned_data
        result = selectors.deadline(
            selectors.calendar_for(unit),
            data["tu_ngay"],
            data["so_ngay"],
            working=data["loai"] == DeadlineForm.WORKING,
        )
    if getattr(request, "htmx", False):
        return render(
            request, "workdays/_deadline_result.html", {"deadline": result, "deadline_form": form, "unit": unit}
        )
    return _render_page(request, unit, deadline_form=form, deadline=result)
