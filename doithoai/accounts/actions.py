"""Changes to people and their roles. Each action is one transaction with its audit event."""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from doithoai.accounts.models import Membership, User
from doithoai.accounts.roles import UNIT_ROLES, Role
from doithoai.audit.actions import record, snapshot
from doithoai.core.permissions import forget_cached_roles, require_perm
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
    existing = Membership.objects.select_for_update().filter(
        user=user, unit=unit, role=role, department=department, village=village
    ).first()
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
