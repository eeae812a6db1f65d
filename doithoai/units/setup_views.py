"""First-run set-up of a unit in the browser, for system administrators.

Step 1 finds the unit in the national list (live search); step 2 is one page
with the letterhead, villages, departments and the first accounts; submitting
it sets everything up in one transaction; step 3 shows the logins once.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from doithoai.accounts.roles import Role
from doithoai.core.forms import error_dict
from doithoai.core.permissions import require_perm
from doithoai.units import actions, rules, selectors
from doithoai.units.forms import PersonForm, ProfileForm, SetUpForm
from doithoai.units.models import AdminUnit, Era
from doithoai.units.views import is_htmx

FIXED_ROLES = [Role.CHAIR, Role.OFFICE]
EXTRA_PEOPLE = 2


def _require_admin(request: HttpRequest) -> None:
    require_perm(request.user, rules.SET_UP_UNIT, None)


def _search_context(request: HttpRequest) -> dict[str, Any]:
    query = request.GET.get("q", "")
    legacy = request.GET.get("truoc_2025") == "1"
    units = selectors.search_units(query, era=Era.LEGACY if legacy else Era.CURRENT)
    return {
        "query": query,
        "legacy": legacy,
        "results": [(unit, selectors.unit_label(unit)) for unit in units],
    }


@login_required
def start(request: HttpRequest) -> HttpResponse:
    """Step 1: find the unit in the national list, by name without diacritics or by official code."""
    _require_admin(request)
    context = _search_context(request)
    if is_htmx(request):
        return render(request, "units/setup_start.html#results", context)
    return render(request, "units/setup_start.html", context)


def _people_forms(data: Any = None) -> list[PersonForm]:
    forms = [PersonForm(data, prefix=f"people-{i}", fixed_role=role) for i, role in enumerate(FIXED_ROLES)]
    forms += [PersonForm(data, prefix=f"people-{i}") for i in range(len(FIXED_ROLES), len(FIXED_ROLES) + EXTRA_PEOPLE)]
    return forms


def _unit_page(
    request: HttpRequest, unit: AdminUnit, form: SetUpForm, people: list[PersonForm], status: int = 200
) -> HttpResponse:
    context = {
        "unit": unit,
        "unit_label": selectors.unit_label(unit),
        "form": form,
        "people": people,
        "fixed_people": people[: len(FIXED_ROLES)],
        "extra_people": people[len(FIXED_ROLES) :],
    }
    return render(request, "units/setup_unit.html", context, status=status)


@never_cache
@login_required
def unit(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Step 2 (the form) and step 3 (the summary with the new logins, shown on this response only)."""
    _require_admin(request)
    unit = selectors.get_national_unit(unit_id)
    if unit is None:
        context = _search_context(request)
        context["error"] = _(
            "Không tìm thấy đơn vị có mã số %(id)s trong danh mục đơn vị hành chính. "
            "Hãy tìm và chọn lại đơn vị ở ô tìm kiếm dưới đây. Chưa có gì được thay đổi."
        ) % {"id": unit_id}
        return render(request, "units/setup_start.html", context, status=404)
    if request.method != "POST":
        return _unit_page(request, unit, SetUpForm(initial=ProfileForm.initial_for(unit)), _people_forms())

    form = SetUpForm(request.POST)
    people = _people_forms(request.POST)
    form.is_valid()
    for person_form in people:
        person_form.is_valid()
    specs: list[actions.NewPerson] = []
    form_of: dict[int, PersonForm] = {}
    for person_form in people:
        if person_form.fixed_role is None and person_form.is_blank():
            continue
        data = person_form.cleaned_data
        form_of[len(specs)] = person_form
        specs.append(
            actions.NewPerson(
                role=person_form.role_value,
                full_name=data.get("full_name") or "",
                username=data.get("username") or "",
                email=data.get("email") or "",
                password=data.get("password") or "",
            )
        )
    try:
        logins = actions.unit_set_up_with_people(
            actor=request.user,
            unit=unit,
            profile=form.profile(),
            villages=form.cleaned_data.get("villages") or "",
            departments=form.cleaned_data.get("departments") or "",
            people=specs,
        )
    except ValidationError as exc:
        errors = error_dict(exc)
        form.add_action_errors({key: value for key, value in errors.items() if not key.startswith("people-")})
        for index, person_form in form_of.items():
            person_form.add_action_errors(errors, prefix=f"people-{index}-")
        return _unit_page(request, unit, form, people)
    unit.refresh_from_db()
    return render(
        request,
        "units/setup_done.html",
        {
            "unit": unit,
            "unit_label": selectors.unit_label(unit),
            "logins": logins,
            "village_count": selectors.villages_of(unit).count(),
            "department_count": selectors.departments_of(unit).count(),
        },
    )
