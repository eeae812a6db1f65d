"""Reads of units, villages and departments, scoped to what the acting user may see.

Views never query these models directly: they call these functions, which
answer 404 for anything outside the user's units, so that a commune B
officer cannot tell a commune A object from a missing one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.http import Http404

from doithoai.accounts.models import Membership, User
from doithoai.accounts.roles import Role
from doithoai.core.search import search
from doithoai.units.models import AdminUnit, Department, Era, Level, Village, VillageStatus


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
    unit = visible_units(user).select_related("parent").filter(pk=unit_id).first()
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


def villages_of(unit: AdminUnit, *, include_retired: bool = True, query: str = "") -> QuerySet[Village]:
    """The unit's villages, active ones first, then in their order; `query` searched without diacritics."""
    qs = Village.objects.filter(unit=unit).select_related("merged_into")
    if not include_retired:
        qs = qs.filter(status=VillageStatus.ACTIVE)
    if query.strip():
        qs = search(qs, query, ["name"])
    active_first = Case(When(status=VillageStatus.ACTIVE, then=Value(0)), default=Value(1), output_field=IntegerField())
    return qs.order_by(active_first, "sort_order", "name")


def departments_of(unit: AdminUnit, *, include_inactive: bool = True, query: str = "") -> QuerySet[Department]:
    """The unit's departments, active ones first, then in their order."""
    qs = Department.objects.filter(unit=unit)
    if not include_inactive:
        qs = qs.filter(is_active=True)
    if query.strip():
        qs = search(qs, query, ["name", "short_name"])
    return qs.order_by("-is_active", "sort_order", "name")


LEVEL_ORDER = Case(
    When(level=Level.PROVINCE, then=Value(0)),
    When(level=Level.DISTRICT, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def search_units(
    query: str, *, era: str = Era.CURRENT, level: str | None = None, only_not_set_up: bool = False, limit: int = 20
) -> list[AdminUnit]:
    """The national list, searched without diacritics: 'diem he' finds 'Xã Điềm He'.

    Words may name the unit or the units above it ("tan thanh lang son"); a
    number is an official code ("06280"). Provinces come before districts and
    communes. Public reference data (names and codes of units), so no user scoping.
    """
    qs = AdminUnit.objects.filter(era=era, is_active=True).select_related("parent", "parent__parent")
    if level:
        qs = qs.filter(level=level)
    if only_not_set_up:
        qs = qs.filter(is_set_up=False)
    query = query.strip()
    if not query:
        return []
    if query.isdigit():
        codes = {query.zfill(width) for width in (2, 3, 5)}
        return list(qs.filter(code__in=codes).order_by(LEVEL_ORDER, "code")[:limit])
    fields = ["name", "parent__name"] if era == Era.CURRENT else ["name", "parent__name", "parent__parent__name"]
    return list(search(qs, query, fields).order_by(LEVEL_ORDER, "name", "code")[:limit])


def unit_label(unit: AdminUnit) -> str:
    """'Xã Điềm He – Tỉnh Lạng Sơn': the unit and the units above it (parents must be loaded)."""
    names = [unit.name]
    parent = unit.parent
    while parent is not None:
        names.append(parent.name)
        parent = parent.parent
    return " – ".join(names)


def get_national_unit(unit_id: int) -> AdminUnit | None:
    """A unit of the national list by id, for the set-up pages (system administrators only)."""
    return AdminUnit.objects.select_related("parent", "parent__parent").filter(pk=unit_id).first()


def members_of(unit: AdminUnit) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(unit=unit)
        .select_related("user", "department", "village")
        .order_by("user__full_name", "user__username", "role")
    )


@dataclass
class Person:
    """Someone who holds or held a role in the unit, with those roles."""

    user: User
    active: list[Membership] = field(default_factory=list)
    ended: list[Membership] = field(default_factory=list)


def people_of(unit: AdminUnit) -> list[Person]:
    """Everyone with a role in the unit, each once, with their current and ended roles there. One query."""
    people: dict[int, Person] = {}
    for membership in members_of(unit):
        person = people.setdefault(membership.user_id, Person(user=membership.user))
        (person.active if membership.is_active else person.ended).append(membership)
    return sorted(people.values(), key=lambda p: (not p.active, p.user.full_name.lower(), p.user.username))


def memberships_in(user: Any, unit: AdminUnit) -> list[Membership]:
    """The user's own current roles in the unit."""
    return list(
        Membership.objects.filter(user_id=user.pk, unit=unit, is_active=True).select_related("department", "village")
    )


def get_membership(unit: AdminUnit, membership_id: int) -> Membership:
    membership = Membership.objects.select_related("user", "unit").filter(unit=unit, pk=membership_id).first()
    if membership is None:
        raise Http404
    return membership


def user_by_username(username: str) -> User | None:
    """An account by its username (as typed, any case), for giving an existing person a role."""
    return User.objects.filter(username__iexact=username.strip()).first() if username.strip() else None


__all__ = ["Level", "search_units", "visible_units"]


def set_up_units() -> list[AdminUnit]:
    """Units that use the system: public knowledge, shown on the start page."""
    return list(AdminUnit.objects.filter(is_set_up=True).select_related("parent").order_by("name"))
