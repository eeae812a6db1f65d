"""What a person is told by the system: reminders of timeline steps and notices, in-app and by e-mail.

A `Notification` belongs to one person. Its `dedupe_key` is unique per
recipient, so the same reminder (a step, its due date, a reminder slot) is
never created twice, however often the daily run goes. The e-mail that goes
with it is tracked on the row (`email_state`), so a run that failed to send
is picked up by the next one and a sent e-mail is never sent again.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    STEP_DUE_SOON = "step_due_soon", _("Sắp đến hạn")
    STEP_DUE_TODAY = "step_due_today", _("Đến hạn hôm nay")
    STEP_OVERDUE = "step_overdue", _("Quá hạn")
    CONFERENCE_CREATED = "conference_created", _("Hội nghị mới")
    PETITION_ANSWERED = "petition_answered", _("Ý kiến đã có trả lời")


class EmailState(models.TextChoices):
    NONE = "", _("Không gửi thư")
    PENDING = "pending", _("Chờ gửi thư")
    SENT = "sent", _("Đã gửi thư")
    FAILED = "failed", _("Gửi thư không được")


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    unit = models.ForeignKey(
        "units.AdminUnit",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(_("loại thông báo"), max_length=30, choices=NotificationKind.choices)
    title = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"), blank=True)
    url = models.CharField(_("đường dẫn"), max_length=500, blank=True)
    dedupe_key = models.CharField(_("mã chống trùng"), max_length=200)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    read_at = models.DateTimeField(_("đọc lúc"), null=True, blank=True)
    email_state = models.CharField(
        _("thư điện tử"), max_length=10, choices=EmailState.choices, default=EmailState.NONE, blank=True
    )
    email_attempts = models.PositiveSmallIntegerField(_("số lần gửi thư"), default=0)
    emailed_at = models.DateTimeField(_("gửi thư lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-pk"]  # noqa: RUF012
        constraints = [  # noqa: RUF012
            models.UniqueConstraint(fields=["recipient", "dedupe_key"], name="notifications_unique_dedupe_key"),
        ]
        indexes = [  # noqa: RUF012
            models.Index(fields=["recipient", "read_at"], name="notifications_unread"),
            models.Index(fields=["recipient", "-created_at"], name="notifications_newest"),
            models.Index(fields=["email_state"], name="notifications_email_state"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(models.Model):
    """A person's choice about reminders. No row means the defaults (e-mail reminders on)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="notification_preference",
    )
    email_reminders = models.BooleanField(_("nhận nhắc việc qua thư điện tử"), default=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)

    class Meta:
        verbose_name = _("tùy chọn thông báo")
        verbose_name_plural = _("tùy chọn thông báo")

    def __str__(self) -> str:
        return str(self.user)
