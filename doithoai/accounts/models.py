from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from doithoai.accounts.roles import Role


class User(AbstractUser):
    """A person with an account. Staff hold roles through `Membership`; citizens hold none."""

    full_name = models.CharField(_("họ và tên"), max_length=150)
    position = models.CharField(_("chức vụ"), max_length=150, blank=True)
    phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)

    # first_name/last_name do not fit Vietnamese names; full_name replaces them.
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]

    REQUIRED_FIELDS = ["email", "full_name"]  # noqa: RUF012 - Django's declarative attribute

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
        ordering = ["full_name", "username"]  # noqa: RUF012

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name or self.username

    def get_short_name(self) -> str:
        return (self.full_name or self.username).split()[-1]


class Membership(models.Model):
    """A role held by a person in one unit. One person may hold several, in several units."""

    user = models.ForeignKey(User, verbose_name=_("người dùng"), on_delete=models.PROTECT, related_name="memberships")
    unit = models.ForeignKey(
        "units.AdminUnit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("vai trò"), max_length=30, choices=Role.choices)
    department = models.ForeignKey(
        "units.Department",
        verbose_name=_("cơ quan chuyên môn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    village = models.ForeignKey(
        "units.Village",
        verbose_name=_("thôn, tổ dân phố"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    is_active = models.BooleanField(_("đang hiệu lực"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vai trò tại đơn vị")
        verbose_name_plural = _("vai trò tại đơn vị")
        ordering = ["unit__name", "role"]  # noqa: RUF012
        constraints = [  # noqa: RUF012
            models.UniqueConstraint(
                fields=["user", "unit", "role", "department", "village"],
                name="membership_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.unit}"


class LoginAttempt(models.Model):
    """Every sign-in attempt, for throttling and for the security record.

    One row per password typed on the sign-in page, and per code typed on the
    two-factor page (`two_factor`). Attempts turned away unchecked because the
    username or address was locked out are kept too (`refused`), but do not
    count as failures: a lockout ends when the failures that caused it leave
    the window, however often someone knocks meanwhile.
    """

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    username = models.CharField(max_length=150, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    succeeded = models.BooleanField(default=False)
    refused = models.BooleanField(_("bị từ chối do đang tạm khóa"), default=False)
    two_factor = models.BooleanField(_("mã xác thực hai lớp"), default=False)

    class Meta:
        verbose_name = _("lần đăng nhập")
        verbose_name_plural = _("lần đăng nhập")
        ordering = ["-at"]  # noqa: RUF012

    def __str__(self) -> str:
        outcome = "ok" if self.succeeded else ("refused" if self.refused else "failed")
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.username} {self.ip_address or '-'} {outcome}"


class PasswordResetRequest(models.Model):
    """A request for a password-reset e-mail, for limiting how many are sent (per address, per network address).

    Kept whether or not the address belongs to an account, and whether or not
    an e-mail went out (`refused`: over the limit, nothing sent), so that the
    limit says nothing about which addresses exist.
    """

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    email = models.CharField(max_length=254, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    refused = models.BooleanField(_("bị từ chối do vượt giới hạn"), default=False)

    class Meta:
        verbose_name = _("yêu cầu đặt lại mật khẩu")
        verbose_name_plural = _("yêu cầu đặt lại mật khẩu")
        ordering = ["-at"]  # noqa: RUF012

    def __str__(self) -> str:
        outcome = "refused" if self.refused else "sent"
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.email} {self.ip_address or '-'} {outcome}"
