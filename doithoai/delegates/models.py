"""Delegates (đại biểu) of a conference, their invitation code, RSVP and check-in at the door.

A delegate row is either an open slot generated from one of the plan's
composition rules (e.g. "Đại diện Nhân dân: 03 người/thôn" gives three slots
per village; `full_name` is empty until someone is named), or a named person:
a filled slot, an extra delegate, or a walk-in added at the door.

Every row has an invitation code: short enough to type at the door, from an
alphabet without the characters people confuse (0/O, 1/I), and unguessable
(secrets, 32^8 ≈ 10^12 values), because it is the key of the public
invitation page.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from doithoai.conferences.models import Conference
from doithoai.lib.codes import CODE_ALPHABET, CODE_LENGTH, format_code, is_valid_code, new_code, normalize_code
from doithoai.plans.models import CompositionRule
from doithoai.units.models import Village

# The code functions are shared with the petitions' tracking codes; re-exported here for the migration.
__all__ = ["CODE_ALPHABET", "CODE_LENGTH", "format_code", "is_valid_code", "new_code", "normalize_code"]


class Rsvp(models.TextChoices):
    PENDING = "pending", _("Chưa trả lời")
    ATTENDING = "attending", _("Sẽ tham dự")
    DECLINED = "declined", _("Không tham dự")


class Delegate(models.Model):
    conference = models.ForeignKey(
        Conference, verbose_name=_("hội nghị"), on_delete=models.CASCADE, related_name="delegates"
    )
    composition_rule = models.ForeignKey(
        CompositionRule,
        verbose_name=_("thành phần theo kế hoạch"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="delegates",
    )
    village = models.ForeignKey(
        Village,
        verbose_name=_("thôn, tổ dân phố"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="delegates",
    )
    group = models.CharField(_("nhóm"), max_length=120, blank=True)
    role_label = models.CharField(_("thành phần"), max_length=255, blank=True)
    full_name = models.CharField(_("họ và tên"), max_length=120, blank=True, help_text=_("Để trống: chỗ chưa có người"))
    position = models.CharField(_("chức vụ"), max_length=160, blank=True)
    phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    consent_to_publish = models.BooleanField(_("đồng ý công khai tên"), default=False)
    code = models.CharField(_("mã giấy mời"), max_length=CODE_LENGTH, unique=True, default=new_code, editable=False)
    rsvp = models.CharField(_("trả lời giấy mời"), max_length=12, choices=Rsvp.choices, default=Rsvp.PENDING)
    rsvp_at = models.DateTimeField(_("trả lời lúc"), null=True, blank=True)
    walk_in = models.BooleanField(_("đến dự không có giấy mời"), default=False)
    checked_in_at = models.DateTimeField(_("điểm danh lúc"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người điểm danh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)

    class Meta:
        verbose_name = _("đại biểu")
        verbose_name_plural = _("đại biểu")
        ordering = ["order", "pk"]  # noqa: RUF012
        indexes = [  # noqa: RUF012
            models.Index(fields=["conference", "full_name"], name="delegate_conf_name"),
            models.Index(fields=["conference", "village", "composition_rule"], name="delegate_conf_slot"),
            models.Index(fields=["conference", "checked_in_at"], name="delegate_conf_checkin"),
        ]

    def __str__(self) -> str:
        return self.full_name or str(_("(chỗ trống) %(role)s") % {"role": self.role_label})

    @property
    def is_open(self) -> bool:
        return not self.full_name

    @property
    def is_checked_in(self) -> bool:
        return self.checked_in_at is not None

    @property
    def code_display(self) -> str:
        return format_code(self.code)
