"""Reads of units, villages and departments, scoped to what the acting user may see.

Views never query these models directly: they call these functions, which
answer 404 for anything outside the user's units, so that a commune B
officer cannot tell a commune A object from a missing one.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from doithoai.accounts.models import Membership
from doithoai.accounts.roles import Role
from doithoai.core.search import search
from doithoai.units.models import AdminUnit, Department, Era, Level, Village


def visible_units(user: Any) -> QuerySet[AdminUnit]:
    """Units where the user holds a role, and every unit below one where they are a higher official."""
    if not user.is_authenticated:
        return AdminUnit.objects.none()
    if user.is_superuser:
        return AdminUnit.objects.all()
    memberships = Membership.objects.filter(user=user, is_active=True)
    condition = Q(pk__in=memberships.values("unit_id"))
    for path in memberships.filter(role=Role.HIGHER_OFFICIAL).values_list("unit__path", flat=True):
        condition |= Q(path__startswith=path)
    return AdminUnit.objects.filter(condition)


def units_with_roles(user: Any) -> list[AdminUnit]:
    """The units where the user holds a role themselves, for the unit switcher."""
    return list(
        AdminUnit.objects.filter(memberships__user=user, memberships__is_active=True).distinct().order_by("name")
    )


def get_unit(user: Any, unit_id: int) -> AdminUnit:
    unit = visible_units(user).filter(pk=unit_id).first()
    if unit is None:
        raise Http404
    return unit


def get_village(unit: AdminUnit, village_id: int) -> Village:
    village = Village.objects.filter(unit=unit, pk=village_id).first()
    if village is None:
        raise Http404
    return village


def get_department(unit: AdminUnit, department_id: int) -> Department:
    department = Department.objects.filter(unit=unit, pk=department_id).first()
    if department is None:
        raise Http404
    return department


def villages_of(unit: AdminUnit, *, include_retired: bool = True) -> QuerySet[Village]:
    qs = Village.objects.filter(unit=unit).select_related("merged_into")
    if not include_retired:
        qs = qs.filter(status="active")
    return qs


def departments_of(unit: AdminUnit, *, include_inactive: bool = True) -> QuerySet[Department]:
    qs = Department.objects.filter(unit=unit)
    if not include_inactive:
        qs = qs.filter(is_active=True)
    return qs


def search_units(
    query: str, *, era: str = Era.CURRENT, level: str | None = None, only_not_set_up: bool = False, limit: int = 20
) -> list[AdminUnit]:
    """The national list, searched without diacritics: 'diem he' finds 'Xã Điềm He'.

    Public reference data (names and codes of units), so no user scoping.
    """
    qs = AdminUnit.objects.filter(era=era, is_active=True).select_related("parent", "parent__parent")
    if level:
        qs = qs.filter(level=level)
    if only_not_set_up:
        qs = qs.filter(is_set_up=False)
    query = query.strip()
    if query.isdigit():
        codes = {query.zfill(width) for width in (2, 3, 5)}
        return list(qs.filter(code__in=codes).order_by("level", "code")[:limit])
    return list(search(qs, query, ["name", "parent__name"]).order_by("level", "name")[:limit])


def members_of(unit: AdminUnit) -> QuerySet[Membership]:
    return Membership.objects.filter(unit=unit).select_related("user", "department", "village").order_by(
        "user__full_name", "role"
    )


__all__ = ["Level", "search_units", "visible_units"]


def set_up_units() -> list[AdminUnit]:
    """Units that use the system: public knowledge, shown on the start page."""
    return list(AdminUnit.objects.filter(is_set_up=True).select_related("parent").order_by("name"))
