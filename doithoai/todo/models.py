"""What the to-do list stores of its own: that a duty of a plan (Assignment) has been done.

Timeline steps record their completion on the step (conferences app); the duties of
a plan's "tổ chức thực hiện" have no such field, so their completion is kept here.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from doithoai.plans.models import Assignment


class AssignmentDone(models.Model):
    assignment = models.OneToOneField(
        Assignment, verbose_name=_("nhiệm vụ"), on_delete=models.CASCADE, related_name="done"
    )
    done_at = models.DateTimeField(_("hoàn thành lúc"))
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người hoàn thành"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("nhiệm vụ đã hoàn thành")
        verbose_name_plural = _("nhiệm vụ đã hoàn thành")

    def __str__(self) -> str:
        return str(self.assignment)
