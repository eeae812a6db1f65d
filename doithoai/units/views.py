"""Unit pages. Views translate HTTP: they resolve the unit through selectors, call actions, render."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from doithoai.accounts.models import Membership
from doithoai.accounts.roles import Role
from doithoai.core.permissions import has_perm, require_perm, roles_in
from doithoai.units import rules, selectors
from doithoai.units.models import AdminUnit


def unit_context(request: HttpRequest, unit: AdminUnit) -> dict[str, object]:
    """What every page of a unit's workspace needs for its menu."""
    user = request.user
    return {
        "unit": unit,
        "unit_roles": roles_in(user, unit),
        "can": {
            "edit_profile": has_perm(user, rules.EDIT_UNIT_PROFILE, unit),
            "manage_villages": has_perm(user, rules.MANAGE_VILLAGES, unit),
            "manage_departments": has_perm(user, rules.MANAGE_DEPARTMENTS, unit),
            "manage_members": has_perm(user, rules.MANAGE_MEMBERS, unit),
            "set_two_factor_policy": has_perm(user, rules.SET_TWO_FACTOR_POLICY, unit),
        },
    }


@login_required
def unit_home(request: HttpRequest, unit_id: int) -> HttpResponse:
    """The home page of a unit, with one panel for each role the person holds there."""
    unit = selectors.get_unit(request.user, unit_id)
    require_perm(request.user, rules.VIEW_UNIT, unit)
    memberships = list(
        Membership.objects.filter(user=request.user, unit=unit, is_active=True).select_related("department", "village")
    )
    context = unit_context(request, unit)
    roles = context["unit_roles"]
    below: list[AdminUnit] = []
    if Role.HIGHER_OFFICIAL in roles:  # type: ignore[operator]
        below = list(
            selectors.visible_units(request.user)
            .filter(path__startswith=unit.path, is_set_up=True)
            .exclude(pk=unit.pk)
            .order_by("name")[:200]
        )
    context.update(
        {
            "memberships": memberships,
            "units_below": below,
            "village_count": selectors.villages_of(unit, include_retired=False).count(),
            "department_count": selectors.departments_of(unit, include_inactive=False).count(),
            "Role": Role,
        }
    )
    return render(request, "units/home.html", context)


def _todo(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = selectors.get_unit(request.user, unit_id)
    return render(request, "units/home.html", unit_context(request, unit))


villages = departments = members = profile = history = login_required(_todo)
