"""A conference (hội nghị đối thoại) held under a plan, and the steps of its statutory timeline.

The lifecycle is in workflow.py; the rules that derive the timeline from the
conference date are in timeline.py, and a plan's own settings of those rules
are `PlanTimelineRule` rows. Each step is stored, so that its due date can
differ from the rule's for one conference and its completion is recorded.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from doithoai.accounts.roles import Role
from doithoai.plans.models import DialogueForm, Plan, PlannedSession
from doithoai.units.models import AdminUnit, Department, Village


class ConferenceKind(models.TextChoices):
    PERIODIC = "periodic", _("Định kỳ")
    AD_HOC = "ad_hoc", _("Đột xuất")


class ConferenceStatus(models.TextChoices):
    PLANNED = "planned", _("Dự kiến")
    ANNOUNCED = "announced", _("Đã thông báo")
    HELD = "held", _("Đã tổ chức")
    CONCLUDED = "concluded", _("Đã thông báo kết luận")
    CANCELLED = "cancelled", _("Đã hủy")


class Conference(models.Model):
    plan = models.ForeignKey(Plan, verbose_name=_("kế hoạch"), on_delete=models.PROTECT, related_name="conferences")
    unit = models.ForeignKey(AdminUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="conferences")
    planned_session = models.ForeignKey(
        PlannedSession,
        verbose_name=_("đợt dự kiến"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conferences",
    )
    title = models.CharField(_("tên hội nghị"), max_length=255)
    kind = models.CharField(
        _("loại hội nghị"), max_length=20, choices=ConferenceKind.choices, default=ConferenceKind.PERIODIC
    )
    trigger_note = models.CharField(
        _("lý do tổ chức đột xuất"),
        max_length=255,
        blank=True,
        # The "%" is a percent sign, not a placeholder.
        # xgettext:no-python-format
        help_text=_("Ví dụ: ≥10% cử tri kiến nghị"),
    )
    starts_at = models.DateTimeField(_("thời gian bắt đầu"))
    venue = models.CharField(_("địa điểm"), max_length=255, blank=True)
    mode = models.CharField(_("hình thức"), max_length=20, choices=DialogueForm.choices, default=DialogueForm.IN_PERSON)
    villages = models.ManyToManyField(Village, verbose_name=_("thôn, tổ dân phố tham gia"), blank=True)
    chair_name = models.CharField(_("chủ trì (UBND)"), max_length=160, blank=True)
    council_name = models.CharField(_("đồng chủ trì (HĐND)"), max_length=160, blank=True)
    front_name = models.CharField(_("đồng chủ trì (MTTQ)"), max_length=160, blank=True)
    secretary_name = models.CharField(_("thư ký"), max_length=160, blank=True)
    minutes_per_question = models.PositiveIntegerField(_("số phút tối đa mỗi câu hỏi"), default=5)
    expected_attendance = models.PositiveIntegerField(_("số người dự kiến"), null=True, blank=True)
    notes = models.TextField(_("ghi chú"), blank=True)
    status = models.CharField(
        _("trạng thái"),
        max_length=20,
        choices=ConferenceStatus.choices,
        default=ConferenceStatus.PLANNED,
        editable=False,
    )
    # Set once by the announcement; a cancelled conference that had been announced stays on the portal
    # (people may already be on their way), one that never was does not.
    announced_at = models.DateTimeField(_("thông báo công khai lúc"), null=True, blank=True, editable=False)
    date_rule_override_reason = models.TextField(
        _("lý do chọn ngày trái thời hạn luật định"), blank=True, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)

    class Meta:
        verbose_name = _("hội nghị đối thoại")
        verbose_name_plural = _("hội nghị đối thoại")
        ordering = ["starts_at", "pk"]  # noqa: RUF012

    def __str__(self) -> str:
        return self.title


class DayKind(models.TextChoices):
    CALENDAR = "calendar", _("ngày lịch")
    WORKING = "working", _("ngày làm việc")


class TimelineStep(models.Model):
    """One step of a conference's timeline: derived from a `TimelineRule` when the conference is created,
    or added by hand (an extra step, `is_extra`).

    `key` is unique in the conference: the rule's key ("announcement"), "answer_drafts:<department id>" for
    the answer drafts of one department, "extra-<n>" for an extra step. `rule_key` names the rule the step
    comes from (empty for an extra step). A step changed by hand is `is_adjusted`: the plan's rules are no
    longer applied to it, and a due date past the law's deadline carries its `adjustment_reason`.
    """

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="steps")
    key = models.CharField(_("mã bước"), max_length=40)
    rule_key = models.CharField(_("quy tắc"), max_length=40, blank=True)
    label = models.CharField(_("bước"), max_length=255)
    owner_role = models.CharField(_("vai trò thực hiện"), max_length=30, choices=Role.choices, blank=True)
    owner_department = models.ForeignKey(
        Department,
        verbose_name=_("cơ quan thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    starts_on = models.DateField(_("từ ngày"), null=True, blank=True)
    due_date = models.DateField(_("hạn"))
    is_statutory = models.BooleanField(_("thời hạn luật định"), default=False)
    basis = models.CharField(_("căn cứ"), max_length=255, blank=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    done_at = models.DateTimeField(_("hoàn thành lúc"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người hoàn thành"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_extra = models.BooleanField(_("bước bổ sung"), default=False)
    note = models.TextField(_("ghi chú"), blank=True)
    is_adjusted = models.BooleanField(_("đã điều chỉnh"), default=False)
    adjustment_reason = models.TextField(_("lý do điều chỉnh"), blank=True)

    class Meta:
        verbose_name = _("bước chuẩn bị")
        verbose_name_plural = _("các bước chuẩn bị")
        ordering = ["order", "pk"]  # noqa: RUF012
        constraints = [  # noqa: RUF012
            models.UniqueConstraint(fields=["conference", "key"], name="conferences_step_unique_key"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


class PlanTimelineRule(models.Model):
    """A plan's own setting of one rule of `timeline.DEFAULT_RULES` (the rule's defaults apply without a row).

    Conferences created under the plan take their steps from these; statutory
    rules are never set looser than the law nor switched off (see the actions).
    """

    plan = models.ForeignKey(Plan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="timeline_rules")
    key = models.CharField(_("mốc"), max_length=40)
    offset_days = models.IntegerField(_("số ngày so với ngày hội nghị"))
    day_kind = models.CharField(_("cách tính ngày"), max_length=10, choices=DayKind.choices, default=DayKind.CALENDAR)
    window_start_days = models.IntegerField(_("ngày bắt đầu so với ngày hội nghị"), null=True, blank=True)
    owner_role = models.CharField(_("vai trò thực hiện"), max_length=30, choices=Role.choices)
    owner_department = models.ForeignKey(
        Department,
        verbose_name=_("cơ quan thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    enabled = models.BooleanField(_("áp dụng"), default=True)

    class Meta:
        verbose_name = _("mốc thời gian của kế hoạch")
        verbose_name_plural = _("mốc thời gian của kế hoạch")
        ordering = ["plan", "key"]  # noqa: RUF012
        constraints = [  # noqa: RUF012
            models.UniqueConstraint(fields=["plan", "key"], name="conferences_plan_rule_unique_key"),
        ]

    def __str__(self) -> str:
        return f"{self.plan_id}: {self.key}"


class PublicationChannel(models.TextChoices):
    """The three ways the law asks the results of a conference (its conclusion notice) to be made public
    within 10 days: through the media, at the headquarters, to the village heads."""

    PORTAL_MEDIA = "portal_media", _("Đăng trên Cổng thông tin / phương tiện thông tin đại chúng")
    HEADQUARTERS = "headquarters", _("Niêm yết tại trụ sở UBND")
    VILLAGE_HEADS = "village_heads", _("Gửi Trưởng thôn, tổ dân phố")


class Publication(models.Model):
    """The day the conclusion notice was published through one channel. One row per conference and channel:
    recording a channel again changes the row (with its audit event)."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="publications")
    channel = models.CharField(_("hình thức công bố"), max_length=20, choices=PublicationChannel.choices)
    published_on = models.DateField(_("ngày công bố"))
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ghi nhận"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    recorded_at = models.DateTimeField(_("ghi nhận lúc"), auto_now=True)

    class Meta:
        verbose_name = _("công bố kết quả hội nghị")
        verbose_name_plural = _("công bố kết quả hội nghị")
        ordering = ["conference", "channel"]  # noqa: RUF012
        constraints = [  # noqa: RUF012
            models.UniqueConstraint(fields=["conference", "channel"], name="conferences_publication_unique_channel"),
        ]

    def __str__(self) -> str:
        return f"{self.conference_id}: {self.channel}"
