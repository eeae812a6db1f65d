from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The units the signed-in person works in, for the unit switcher in the top bar."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from doithoai.accounts.roles import STAFF_ROLES
    from doithoai.core.permissions import holds_any_role
    from doithoai.units.selectors import units_with_roles

    # "Việc cần làm" is the staff's: an accountant, whose only page is the budget, is not offered it.
    return {"nav_units": units_with_roles(user), "nav_tasks": holds_any_role(user, STAFF_ROLES)}
