from __future__ import annotations

from typing import Any

from django_otp import devices_for_user

from doithoai.accounts.models import Membership


def two_factor_required(user: Any) -> bool:
    """True when the user has a confirmed device, or works in a unit that requires two-factor sign-in."""
    if any(True for _ in devices_for_user(user, confirmed=True)):
        return True
    return Membership.objects.filter(user=user, is_active=True, unit__require_two_factor=True).exists()
