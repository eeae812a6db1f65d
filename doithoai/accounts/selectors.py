"""Reads about people: their roles, their second factor, and whether they may try to sign in now."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import ngettext
from django_otp import devices_for_user
from django_otp.plugins.otp_totp.models import TOTPDevice

from doithoai.accounts.models import LoginAttempt, Membership, PasswordResetRequest, User
from doithoai.lib.text import normalize_input

if TYPE_CHECKING:
    from doithoai.units.models import AdminUnit


def two_factor_required(user: Any) -> bool:
    """True when the user has a confirmed device, or works in a unit that requires two-factor sign-in."""
    if any(True for _ in devices_for_user(user, confirmed=True)):
        return True
    return Membership.objects.filter(user=user, is_active=True, unit__require_two_factor=True).exists()


def confirmed_device(user: Any) -> TOTPDevice | None:
    """The user's confirmed authenticator app, if they have set one up."""
    if not user.is_authenticated:
        return None
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def units_requiring_two_factor(user: Any) -> list[AdminUnit]:
    """The units of the user's active roles that require two-factor sign-in from their staff."""
    from doithoai.units.models import AdminUnit

    return list(
        AdminUnit.objects.filter(memberships__user=user, memberships__is_active=True, require_two_factor=True)
        .distinct()
        .order_by("name")
    )


def memberships_of(user: Any) -> QuerySet[Membership]:
    """The user's active roles, unit by unit, for their profile page."""
    return (
        Membership.objects.filter(user=user, is_active=True)
        .select_related("unit", "unit__parent", "department", "village")
        .order_by("unit__name", "role")
    )


@dataclass(frozen=True)
class StaffTwoFactor:
    user: User
    roles: list[str]
    enrolled: bool


def unit_staff_two_factor(unit: AdminUnit) -> list[StaffTwoFactor]:
    """Who works in the unit and whether they have set up two-factor sign-in, for the unit's security page."""
    memberships = (
        Membership.objects.filter(unit=unit, is_active=True)
        .select_related("user")
        .order_by("user__full_name", "user__username", "role")
    )
    by_user: dict[int, StaffTwoFactor] = {}
    for membership in memberships:
        entry = by_user.get(membership.user_id)
        if entry is None:
            entry = StaffTwoFactor(user=membership.user, roles=[], enrolled=False)
            by_user[membership.user_id] = entry
        entry.roles.append(membership.get_role_display())
    enrolled = set(TOTPDevice.objects.filter(user_id__in=by_user, confirmed=True).values_list("user_id", flat=True))
    return [
        StaffTwoFactor(user=entry.user, roles=entry.roles, enrolled=user_id in enrolled)
        for user_id, entry in by_user.items()
    ]


def users_with_two_factor(user_ids: list[int] | set[int]) -> set[int]:
    """Which of these people have an authenticator app set up (confirmed or not), for the members page."""
    return set(TOTPDevice.objects.filter(user_id__in=user_ids).values_list("user_id", flat=True))


def active_member(unit: AdminUnit, user_id: int) -> User | None:
    """The person with this id if they hold an active role in the unit, else None."""
    return User.objects.filter(pk=user_id, memberships__unit=unit, memberships__is_active=True).distinct().first()


# ---------------------------------------------------------------- sign-in throttling


def login_username(raw: str | None) -> str:
    """The form of a typed username that attempts are counted under: 'VanPhong_A ' and 'vanphong_a' are one."""
    return normalize_input(raw).lower()[:150]


@dataclass(frozen=True)
class Lockout:
    """Sign-in refused until `until`, because of too many failures for the username or from the address."""

    reason: str  # "username" or "ip_address"
    until: dt.datetime

    @property
    def minutes_left(self) -> int:
        seconds = (self.until - timezone.now()).total_seconds()
        return max(1, math.ceil(seconds / 60))

    @property
    def message(self) -> str:
        minutes = self.minutes_left
        if self.reason == "ip_address":
            return ngettext(
                "Có quá nhiều lần đăng nhập sai từ địa chỉ mạng này. Vui lòng đợi %(minutes)s phút rồi thử lại.",
                "Có quá nhiều lần đăng nhập sai từ địa chỉ mạng này. Vui lòng đợi %(minutes)s phút rồi thử lại.",
                minutes,
            ) % {"minutes": minutes}
        return ngettext(
            "Tài khoản này đã nhập sai quá nhiều lần nên tạm thời bị khóa. Vui lòng đợi %(minutes)s phút rồi thử lại.",
            "Tài khoản này đã nhập sai quá nhiều lần nên tạm thời bị khóa. Vui lòng đợi %(minutes)s phút rồi thử lại.",
            minutes,
        ) % {"minutes": minutes}


def login_lockout(*, username: str, ip_address: str | None) -> Lockout | None:
    """Whether sign-in for this username, or from this address, is locked now.

    Locked after `LOGIN_FAILURE_LIMIT` failures (wrong passwords and wrong
    two-factor codes) within the last `LOGIN_FAILURE_WINDOW_SECONDS`, until the
    oldest of those failures leaves the window. Successes clear nothing, so that
    signing in to one account does not reset the count against another.
    """
    limit = settings.LOGIN_FAILURE_LIMIT
    if limit <= 0:
        return None
    window = dt.timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)
    failures = LoginAttempt.objects.filter(succeeded=False, refused=False, at__gt=timezone.now() - window)
    lockouts = []
    scopes: list[tuple[str, QuerySet[LoginAttempt]]] = [
        ("username", failures.filter(username=login_username(username)))
    ]
    if ip_address:
        scopes.append(("ip_address", failures.filter(ip_address=ip_address)))
    for reason, attempts in scopes:
        recent = list(attempts.order_by("-at").values_list("at", flat=True)[:limit])
        if len(recent) >= limit:
            lockouts.append(Lockout(reason=reason, until=recent[limit - 1] + window))
    if not lockouts:
        return None
    return max(lockouts, key=lambda lockout: lockout.until)


# ---------------------------------------------------------------- password-reset e-mails

PASSWORD_RESET_WINDOW = dt.timedelta(hours=1)


def password_reset_email(raw: str | None) -> str:
    """The form of a typed address that reset requests are counted under."""
    return normalize_input(raw).lower()[:254]


def password_reset_allowed(*, email: str, ip_address: str | None) -> bool:
    """Whether another reset e-mail may go out now: at most `PASSWORD_RESET_LIMIT_PER_EMAIL` (3) to one address
    and `PASSWORD_RESET_LIMIT_PER_IP` (10) requested from one network address in the last hour.

    Only requests that were let through count, so that someone hammering the form
    for another person's address does not keep that person from resetting for ever.
    """
    since = timezone.now() - PASSWORD_RESET_WINDOW
    sent = PasswordResetRequest.objects.filter(refused=False, at__gt=since)
    if sent.filter(email=password_reset_email(email)).count() >= getattr(settings, "PASSWORD_RESET_LIMIT_PER_EMAIL", 3):
        return False
    return not (
        ip_address
        and sent.filter(ip_address=ip_address).count() >= getattr(settings, "PASSWORD_RESET_LIMIT_PER_IP", 10)
    )
