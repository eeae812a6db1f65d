from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class OverrideKind(models.TextChoices):
    DAY_OFF = "day_off", _("Ngày nghỉ (nghỉ bù, nghỉ thêm)")
    WORKING_DAY = "working_day", _("Ngày làm việc bù (thứ Bảy, Chủ nhật đi làm)")


class CalendarOverride(models.Model):
    """A day that differs from the statutory calendar for one year.

    With no unit it applies nationwide (entered by the system administrator,
    e.g. the Tết schedule the Government announces each year); with a unit it
    applies to that unit and every unit below it.
    """

    unit = models.ForeignKey(
        "units.AdminUnit",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="calendar_overrides",
    )
    date = models.DateField(_("ngày"))
    kind = models.CharField(_("loại"), max_length=20, choices=OverrideKind.choices)
    reason = models.CharField(_("lý do"), max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ngày điều chỉnh lịch làm việc")
        verbose_name_plural = _("ngày điều chỉnh lịch làm việc")
        ordering = ["date"]  # noqa: RUF012 - Django reads Meta attributes, never mutated
        constraints = [  # noqa: RUF012
            models.UniqueConstraint(fields=["unit", "date"], name="calendar_override_unique_day"),
            # NULLs are distinct in a unique constraint: the nationwide rows need their own.
            models.UniqueConstraint(
                fields=["date"], condition=models.Q(unit__isnull=True), name="calendar_override_unique_national_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.get_kind_display()}"
