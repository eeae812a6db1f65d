from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The units the signed-in person works in, for the unit switcher in the top bar."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from doithoai.units.selectors import units_with_roles

    return {"nav_units": units_with_roles(user)}
