"""Changes to people and their roles. Each action is one transaction with its audit event."""

from __future__ import annotations

import datetime as dt
import math
import secrets
import time
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice, key_validator
from django_otp.util import random_hex

from doithoai.accounts.models import LoginAttempt, Membership, PasswordResetRequest, User
from doithoai.accounts.roles import UNIT_ROLES, Role
from doithoai.accounts.selectors import (
    confirmed_device,
    login_lockout,
    login_username,
    password_reset_allowed,
    password_reset_email,
    units_requiring_two_factor,
)
from doithoai.audit.actions import record, snapshot
from doithoai.core.permissions import forget_cached_roles, require_perm
from doithoai.lib.params import is_digits
from doithoai.lib.text import normalize_input
from doithoai.units import rules as unit_rules
from doithoai.units.models import AdminUnit, Department, Village

USER_FIELDS = ["username", "full_name", "position", "email", "phone", "is_active"]
MEMBERSHIP_FIELDS = ["user", "unit", "role", "department", "village", "is_active"]


def _check_role_details(unit: AdminUnit, role: str, department: Department | None, village: Village | None) -> None:
    if role not in {r.value for r in UNIT_ROLES}:
        raise ValidationError({"role": _("Vai trò không hợp lệ.")})
    if role == Role.DEPARTMENT_OFFICER and department is None:
        raise ValidationError({"department": _("Cán bộ cơ quan chuyên môn cần chọn cơ quan.")})
    if role == Role.VILLAGE_HEAD and village is None:
        raise ValidationError({"village": _("Trưởng thôn cần chọn thôn, tổ dân phố.")})
    if department is not None and (department.unit_id != unit.pk or not department.is_active):
        raise ValidationError({"department": _("Cơ quan không thuộc đơn vị này hoặc đã ngừng sử dụng.")})
    if village is not None and (village.unit_id != unit.pk or not village.is_active):
        raise ValidationError({"village": _("Thôn, tổ dân phố không thuộc đơn vị này hoặc đã thôi hoạt động.")})
    if role != Role.DEPARTMENT_OFFICER and department is not None:
        raise ValidationError({"department": _("Chỉ cán bộ cơ quan chuyên môn mới gắn với cơ quan.")})
    if role != Role.VILLAGE_HEAD and village is not None:
        raise ValidationError({"village": _("Chỉ trưởng thôn mới gắn với thôn, tổ dân phố.")})


@transaction.atomic
def membership_grant(
    *,
    actor: Any,
    unit: AdminUnit,
    user: User,
    role: str,
    department: Department | None = None,
    village: Village | None = None,
) -> Membership:
    """Give a person a role in the unit (a person may hold several roles, in several units)."""
    require_perm(actor, unit_rules.MANAGE_MEMBERS, unit)
    _check_role_details(unit, role, department, village)
    existing = (
        Membership.objects.select_for_update()
        .filter(user=user, unit=unit, role=role, department=department, village=village)
        .first()
    )
    if existing is not None and existing.is_active:
        raise ValidationError({"role": _("Người này đã có vai trò này tại đơn vị.")})
    if existing is not None:
        before = snapshot(existing, MEMBERSHIP_FIELDS)
        existing.is_active = True
        existing.save(update_fields=["is_active"])
        membership = existing
    else:
        before = {}
        membership = Membership.objects.create(user=user, unit=unit, role=role, department=department, village=village)
    record(
        actor=actor,
        event_type="membership.granted",
        obj=membership,
        unit=unit,
        before=before,
        after=snapshot(membership, MEMBERSHIP_FIELDS),
    )
    forget_cached_roles(user)
    return membership


@transaction.atomic
def membership_revoke(*, actor: Any, membership: Membership) -> Membership:
    """End a role. The row stays, inactive, so that history still names who held it."""
    require_perm(actor, unit_rules.MANAGE_MEMBERS, membership.unit)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if not membership.is_active:
        raise ValidationError({"membership": _("Vai trò này đã kết thúc.")})
    before = snapshot(membership, MEMBERSHIP_FIELDS)
    membership.is_active = False
    membership.save(update_fields=["is_active"])
    record(
        actor=actor,
        event_type="membership.revoked",
        obj=membership,
        unit=membership.unit,
        before=before,
        after=snapshot(membership, MEMBERSHIP_FIELDS),
    )
    forget_cached_roles(membership.user)
    return membership


@transaction.atomic
def member_create(
    *,
    actor: Any,
    unit: AdminUnit,
    username: str,
    full_name: str,
    email: str,
    role: str,
    password: str | None = None,
    position: str = "",
    phone: str = "",
    department: Department | None = None,
    village: Village | None = None,
) -> tuple[User, str]:
    """Create an account for a staff member and give them a role in the unit.

    Returns the user and the initial password: the one given, or a generated
    one for the administrator to hand over. Either way the person is asked to
    set their own at first sign-in is not forced here; password reset by
    e-mail is available to them.
    """
    require_perm(actor, unit_rules.MANAGE_MEMBERS, unit)
    errors: dict[str, str] = {}
    username = normalize_input(username).lower()
    full_name = normalize_input(full_name)
    email = normalize_input(email).lower()
    if not username:
        errors["username"] = _("Cần nhập tên đăng nhập.")
    elif not all(ch.isascii() and (ch.isalnum() or ch in "._-@") for ch in username):
        errors["username"] = _("Tên đăng nhập chỉ gồm chữ không dấu, số và các ký tự . _ - @")
    elif User.objects.filter(username__iexact=username).exists():
        errors["username"] = _("Tên đăng nhập “%(u)s” đã có người dùng.") % {"u": username}
    if not full_name:
        errors["full_name"] = _("Cần nhập họ và tên.")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = _("Địa chỉ thư điện tử không hợp lệ.")
    generated = password is None or password == ""
    initial_password = secrets.token_urlsafe(9) if generated else str(password)
    if not generated:
        try:
            validate_password(initial_password, User(username=username, full_name=full_name, email=email))
        except ValidationError as exc:
            errors["password"] = " ".join(exc.messages)
    if errors:
        raise ValidationError(errors)
    user = User(
        username=username,
        full_name=full_name,
        email=email,
        position=normalize_input(position),
        phone=normalize_input(phone),
    )
    user.set_password(initial_password)
    user.save()
    record(actor=actor, event_type="user.created", obj=user, unit=unit, after=snapshot(user, USER_FIELDS))
    membership_grant(actor=actor, unit=unit, user=user, role=role, department=department, village=village)
    return user, initial_password


# ---------------------------------------------------------------- signing in

PROFILE_FIELDS = ["full_name", "email", "phone"]


@transaction.atomic
def login_attempt_record(
    *,
    actor: User | None,
    username: str,
    ip_address: str | None,
    succeeded: bool,
    refused: bool = False,
    two_factor: bool = False,
    signed_in: bool = False,
) -> LoginAttempt:
    """Record one attempt to sign in: a password (or, with `two_factor`, a code from the authenticator app).

    - `refused`: turned away unchecked because the username or address is locked out;
    - `signed_in`: the attempt completed the sign-in; audited as `user.logged_in`;
    - a failure that brings the username or the address to the limit locks it, audited as `user.locked_out`.
    """
    username = login_username(username)
    attempt = LoginAttempt.objects.create(
        username=username,
        ip_address=ip_address,
        succeeded=succeeded,
        refused=refused and not succeeded,
        two_factor=two_factor,
    )
    if succeeded and signed_in and actor is not None:
        record(
            actor=actor,
            event_type="user.logged_in",
            obj=actor,
            extra={"two_factor": two_factor},
            ip_address=ip_address,
        )
    elif not succeeded and not refused:
        # Not locked before this attempt (else it would have been refused), so a lockout now is a new one.
        lockout = login_lockout(username=username, ip_address=ip_address)
        if lockout is not None:
            target = actor or User.objects.filter(username__iexact=username).first()
            record(
                actor=actor,
                event_type="user.locked_out",
                obj=target,
                extra={
                    "username": username,
                    "reason": lockout.reason,
                    "until": lockout.until,
                    "two_factor": two_factor,
                },
                ip_address=ip_address,
            )
    return attempt


@transaction.atomic
def login_attempts_prune(*, days: int = 90) -> dict[str, int]:
    """Delete sign-in attempts and password-reset requests older than `days` days; return how many of each.

    A scheduled job (`manage.py prune_login_attempts`). Throttling looks back
    15 minutes (sign-in) and one hour (reset e-mails), so anything older is only
    a security record; 90 days keeps a season of it. Counted and deleted in one
    transaction, so that the numbers reported are the rows removed.
    """
    if days < 1:
        raise ValidationError({"days": _("Số ngày giữ lại phải từ 1 trở lên.")})
    cutoff = timezone.now() - dt.timedelta(days=days)
    removed = {}
    for name, model in (("login_attempts", LoginAttempt), ("password_reset_requests", PasswordResetRequest)):
        old = model.objects.filter(at__lt=cutoff)
        removed[name] = old.count()
        old.delete()
    return removed


@transaction.atomic
def password_reset_request_record(*, email: str, ip_address: str | None) -> bool:
    """Note a request for a password-reset e-mail; True when the e-mail may be sent, False when over the limit.

    Either way the person sees the same "sent" page: the answer must not tell whether the address has an account.
    """
    allowed = password_reset_allowed(email=email, ip_address=ip_address)
    PasswordResetRequest.objects.create(email=password_reset_email(email), ip_address=ip_address, refused=not allowed)
    return allowed


@transaction.atomic
def user_update_profile(*, actor: Any, user: User, full_name: str, email: str, phone: str) -> User:
    """A person corrects their own name, e-mail address and phone number."""
    if actor.pk != user.pk and not actor.is_superuser:
        raise PermissionDenied("accounts.update_profile")
    errors: dict[str, str] = {}
    full_name = normalize_input(full_name)
    email = normalize_input(email).lower()
    phone = normalize_input(phone)
    if not full_name:
        errors["full_name"] = _("Cần nhập họ và tên.")
    elif len(full_name) > 150:
        errors["full_name"] = _("Họ và tên quá dài (tối đa 150 ký tự).")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = _("Địa chỉ thư điện tử không hợp lệ.")
    if phone:
        compact = "".join(ch for ch in phone if ch not in " .-()")
        digits = compact.removeprefix("+")
        if not is_digits(digits) or not 8 <= len(digits) <= 15:
            errors["phone"] = _("Số điện thoại chỉ gồm chữ số (có thể bắt đầu bằng +), từ 8 đến 15 số.")
        else:
            phone = compact
    if errors:
        raise ValidationError(errors)
    user = User.objects.select_for_update().get(pk=user.pk)
    before = snapshot(user, PROFILE_FIELDS)
    user.full_name, user.email, user.phone = full_name, email, phone
    user.save(update_fields=PROFILE_FIELDS)
    after = snapshot(user, PROFILE_FIELDS)
    if after != before:
        record(actor=actor, event_type="user.profile_updated", obj=user, before=before, after=after)
    return user


@transaction.atomic
def user_set_password(*, actor: Any, user: User, password: str, how: str) -> User:
    """Store a new password the person chose (`how`: "changed" when signed in, "reset" from the e-mailed link).

    The password itself was validated by the form; only the fact is audited.
    """
    user.set_password(password)
    user.save(update_fields=["password"])
    record(actor=actor, event_type=f"user.password_{how}", obj=user)
    return user


# ---------------------------------------------------------------- two-factor sign-in


def _code_is_throttled(device: TOTPDevice) -> ValidationError | None:
    allowed, info = device.verify_is_allowed()
    if allowed:
        return None
    locked_until = (info or {}).get("locked_until")
    seconds = max(1, math.ceil((locked_until - timezone.now()).total_seconds())) if locked_until else 1
    return ValidationError(
        ngettext(
            "Anh/chị vừa nhập sai mã. Vui lòng đợi %(seconds)s giây rồi nhập mã mới.",
            "Anh/chị vừa nhập sai mã. Vui lòng đợi %(seconds)s giây rồi nhập mã mới.",
            seconds,
        )
        % {"seconds": seconds},
        code="throttled",
    )


def two_factor_check_code(*, actor: Any, token: str) -> TOTPDevice:
    """Check a code from the person's authenticator app; return the device that accepted it.

    Not one transaction with the caller's writes on purpose: django-otp counts
    wrong codes on the device (each one doubles the wait before the next try),
    and that count must stay even when the caller refuses. Raises
    `ValidationError({"token": ...})` with code "throttled" while the device
    makes the person wait (the code was not checked), "invalid" for a wrong code.
    """
    device = confirmed_device(actor)
    if device is None:
        raise ValidationError({"token": ValidationError(_("Anh/chị chưa bật xác thực hai lớp."), code="invalid")})
    throttled = _code_is_throttled(device)
    if throttled is not None:
        raise ValidationError({"token": throttled})
    code = "".join(str(token or "").split())
    with transaction.atomic():
        locked = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        verified = is_digits(code) and len(code) == locked.digits and locked.verify_token(code)
        if not verified and not (is_digits(code) and len(code) == locked.digits):
            locked.throttle_increment(commit=True)
    if not verified:
        raise ValidationError({"token": ValidationError(_("Mã xác thực không đúng hoặc đã hết hạn."), code="invalid")})
    return locked


def two_factor_new_key() -> str:
    """A new secret for an authenticator app, hex-encoded as django-otp stores it."""
    return random_hex(20)


@transaction.atomic
def two_factor_enable(*, actor: Any, key: str, token: str) -> TOTPDevice:
    """Turn on two-factor sign-in: the person scanned `key` into their app and typed the code it shows."""
    if confirmed_device(actor) is not None:
        raise ValidationError({"token": _("Xác thực hai lớp đã được bật cho tài khoản này.")})
    try:
        key_validator(key)
        candidate = TOTPDevice(user=actor, key=key)
        bin_key = candidate.bin_key
    except (ValidationError, ValueError) as exc:
        raise ValidationError({"token": _("Mã bí mật không hợp lệ. Vui lòng tải lại trang và quét lại.")}) from exc
    code = "".join(str(token or "").split())
    totp = TOTP(bin_key, candidate.step, candidate.t0, candidate.digits, candidate.drift)
    totp.time = time.time()
    if not (is_digits(code) and len(code) == candidate.digits) or not totp.verify(int(code), candidate.tolerance):
        raise ValidationError(
            {"token": _("Mã xác thực không đúng. Kiểm tra giờ trên điện thoại và nhập mã đang hiển thị.")}
        )
    TOTPDevice.objects.filter(user=actor).delete()
    device = TOTPDevice.objects.create(
        user=actor,
        name=_("Ứng dụng xác thực"),
        key=key,
        confirmed=True,
        last_t=totp.t(),
        drift=totp.drift,
    )
    record(actor=actor, event_type="user.two_factor_enabled", obj=actor, extra={"device": device.persistent_id})
    return device


def two_factor_disable(*, actor: Any, token: str) -> None:
    """Turn off two-factor sign-in, proven by a current code. Refused while a unit of the person requires it.

    The code is checked first, on its own (see `two_factor_check_code`), so
    that wrong codes count even though nothing else is written.
    """
    required_by = units_requiring_two_factor(actor)
    if required_by:
        names = ", ".join(unit.name for unit in required_by)
        raise ValidationError(
            {"token": _("Không thể tắt: %(units)s yêu cầu cán bộ đăng nhập bằng xác thực hai lớp.") % {"units": names}}
        )
    device = two_factor_check_code(actor=actor, token=token)
    _two_factor_remove(actor=actor, device=device)


@transaction.atomic
def _two_factor_remove(*, actor: Any, device: TOTPDevice) -> None:
    TOTPDevice.objects.filter(user=actor).delete()
    record(actor=actor, event_type="user.two_factor_disabled", obj=actor, extra={"device": device.persistent_id})


@transaction.atomic
def two_factor_reset(*, actor: Any, user: User, unit: AdminUnit | None) -> int:
    """Remove the authenticator app of someone who lost or replaced their phone; return how many were removed.

    Done by the chair or the office of a unit where the person holds an active
    role (`unit`), or by a system administrator (who may pass `unit=None`). The
    person signs in with their password alone next time, and is asked to set up
    an app again straight away if a unit of theirs requires two-factor sign-in.
    Only a system administrator may reset another system administrator.
    """
    require_perm(actor, unit_rules.RESET_TWO_FACTOR, unit)
    if unit is not None and not Membership.objects.filter(user=user, unit=unit, is_active=True).exists():
        raise ValidationError({"user": _("Người này không giữ vai trò nào tại đơn vị.")})
    if user.is_superuser and not actor.is_superuser:
        raise PermissionDenied(unit_rules.RESET_TWO_FACTOR.code)
    devices = list(TOTPDevice.objects.select_for_update().filter(user=user))
    if not devices:
        raise ValidationError({"user": _("Người này chưa bật xác thực hai lớp.")})
    TOTPDevice.objects.filter(pk__in=[d.pk for d in devices]).delete()
    record(
        actor=actor,
        event_type="user.two_factor_reset",
        obj=user,
        unit=unit,
        extra={"devices": [d.persistent_id for d in devices]},
    )
    return len(devices)
