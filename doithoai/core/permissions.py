"""The permission engine. Each app declares its permissions in its own rules.py with `define`.

A permission is a set of roles. A user's roles in a unit are:
- the roles of their active memberships in that unit;
- HIGHER_OFFICIAL, when they hold that role in any unit above it;
- SYSTEM_ADMIN, for superusers;
- CITIZEN, for every signed-in user.

Objects of a unit the user cannot see at all answer 404, not 403, so that
nobody learns what exists in another commune (see `units.selectors`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied

from doithoai.accounts.roles import Role

if TYPE_CHECKING:
    from doithoai.units.models import AdminUnit


@dataclass(frozen=True)
class Permission:
    code: str
    roles: frozenset[Role]

    def __str__(self) -> str:
        return self.code


REGISTRY: dict[str, Permission] = {}


def define(code: str, roles: Iterable[Role]) -> Permission:
    if code in REGISTRY:
        raise ValueError(f"permission {code} is defined twice")
    permission = Permission(code, frozenset(roles))
    REGISTRY[code] = permission
    return permission


def _memberships(user: Any) -> list[tuple[str, str, str]]:
    """(unit path, unit id as str, role) of the user's active memberships, cached on the user object."""
    cached = getattr(user, "_doithoai_memberships", None)
    if cached is None:
        from doithoai.accounts.models import Membership

        cached = [
            (path, str(unit_id), role)
            for path, unit_id, role in Membership.objects.filter(user=user, is_active=True).values_list(
                "unit__path", "unit_id", "role"
            )
        ]
        user._doithoai_memberships = cached
    return cached


def forget_cached_roles(user: Any) -> None:
    if hasattr(user, "_doithoai_memberships"):
        del user._doithoai_memberships


def roles_in(user: Any, unit: AdminUnit | None) -> frozenset[Role]:
    if user is None or not user.is_authenticated or not user.is_active:
        return frozenset()
    roles: set[Role] = {Role.CITIZEN}
    if user.is_superuser:
        roles.add(Role.SYSTEM_ADMIN)
    if unit is None:
        return frozenset(roles)
    for path, unit_id, role in _memberships(user):
        if unit_id == str(unit.pk):
            roles.add(Role(role))
        elif role == Role.HIGHER_OFFICIAL and unit.path.startswith(path):
            roles.add(Role.HIGHER_OFFICIAL)
    return frozenset(roles)


def has_perm(user: Any, permission: Permission, unit: AdminUnit | None) -> bool:
    return bool(roles_in(user, unit) & permission.roles)


def require_perm(user: Any, permission: Permission, unit: AdminUnit | None) -> None:
    if not has_perm(user, permission, unit):
        raise PermissionDenied(permission.code)


def is_staff_anywhere(user: Any) -> bool:
    return bool(user.is_authenticated and (_memberships(user) or user.is_superuser))


def holds_any_role(user: Any, roles: Iterable[Role]) -> bool:
    """Whether the user holds one of `roles` in some unit (the top bar's links to staff pages)."""
    if not user.is_authenticated:
        return False
    wanted = {str(r) for r in roles}
    return any(role in wanted for _path, _unit, role in _memberships(user))
