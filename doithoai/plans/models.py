"""The annual plan (kế hoạch tổ chức hội nghị đối thoại) and its sections, as the seed plans write them.

A plan is a document of one unit (commune, ward, province or legacy district).
Its list sections (legal bases, topics, programme, sessions, composition,
assignments, budget, recipients) are rows with an `order`, so that each line can
be edited, added, removed or moved on its own. The lifecycle is in workflow.py.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from doithoai.accounts.roles import Role
from doithoai.units.models import AdminUnit, Department, Village


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    CLOSED = "closed", _("Đã kết thúc")


class Issuer(models.TextChoices):
    COMMITTEE = "committee", _("Ủy ban nhân dân")
    PARTY = "party", _("Cấp ủy Đảng")


class DialogueForm(models.TextChoices):
    IN_PERSON = "in_person", _("Đối thoại trực tiếp")
    ONLINE = "online", _("Trực tuyến")
    OPINION_FORMS = "opinion_forms", _("Chỉ phát phiếu lấy ý kiến")
    MIXED = "mixed", _("Kết hợp (trực tiếp, trực tuyến hoặc phát phiếu)")


class QuotaKind(models.TextChoices):
    PER_VILLAGE = "per_village", _("Mỗi thôn, tổ dân phố")
    PER_COMMUNE = "per_commune", _("Mỗi xã, phường (cấp dưới)")
    FIXED = "fixed", _("Cố định")
    # "Toàn thể bà con Nhân dân trên toàn phường" (seed 000): anyone may come, no number.
    OPEN = "open", _("Mọi người dân (không giới hạn)")


def number_key(number: str) -> str:
    """A document number as compared for uniqueness: "91/kh - UBND " and "91/KH-UBND" are the same number."""
    return "".join(number.split()).upper()


class Plan(models.Model):
    unit = models.ForeignKey(AdminUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="plans")
    year = models.PositiveIntegerField(_("năm"))
    title = models.CharField(_("tên kế hoạch"), max_length=400)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=20, choices=Issuer.choices, default=Issuer.COMMITTEE)
    issuer_name = models.CharField(
        _("tên cơ quan ban hành"), max_length=160, blank=True, help_text=_("Ví dụ: ỦY BAN NHÂN DÂN XÃ ĐIỀM HE")
    )
    number = models.CharField(
        _("số, ký hiệu"), max_length=60, blank=True, help_text=_("Ví dụ: 91/KH-UBND. Có thể để trống khi dự thảo.")
    )
    # The issued number as compared (see `number_key`); set by the issue action, empty on drafts.
    number_key = models.CharField(max_length=60, blank=True, default="", editable=False)
    place_name = models.CharField(_("địa danh"), max_length=80, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    preamble = models.TextField(
        _("lời dẫn"), blank=True, help_text=_("Câu sau phần căn cứ, ví dụ: “UBND xã … ban hành kế hoạch … như sau:”")
    )
    purpose = models.TextField(_("mục đích"), blank=True)
    requirements = models.TextField(_("yêu cầu"), blank=True)
    form = models.CharField(_("hình thức"), max_length=20, choices=DialogueForm.choices, default=DialogueForm.IN_PERSON)
    form_note = models.CharField(
        _("hình thức (ghi chú)"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: tùy tình hình thực tế, UBND có văn bản thông báo cụ thể riêng."),
    )
    method = models.TextField(
        _("nguyên tắc, phương pháp đối thoại"),
        blank=True,
        help_text=_("Mỗi dòng một ý. Ví dụ: Đối thoại theo từng vấn đề, chủ đề và câu hỏi của Nhân dân."),
    )
    schedule_note = models.CharField(
        _("thời gian (ghi chú)"), max_length=255, blank=True, help_text=_("Ví dụ: Thời gian cụ thể sẽ thông báo sau.")
    )
    venue = models.CharField(_("địa điểm"), max_length=255, blank=True)
    min_attendance = models.PositiveIntegerField(_("số người dự tối thiểu"), null=True, blank=True)
    max_attendance = models.PositiveIntegerField(_("số người dự tối đa"), null=True, blank=True)
    minutes_per_question = models.PositiveIntegerField(_("số phút tối đa mỗi câu hỏi"), null=True, blank=True)
    backdrop_text = models.TextField(
        _("nội dung trang trí khánh tiết"),
        blank=True,
        help_text=_("Chữ trên phông hội trường, mỗi dòng một dòng chữ."),
    )
    # Upper-level plans (province, legacy district): what every unit below must do.
    units_below_deadline = models.DateField(
        _("hạn cấp dưới tổ chức đối thoại"),
        null=True,
        blank=True,
        help_text=_("Kế hoạch cấp trên: ngày mỗi đơn vị cấp dưới phải tổ chức xong hội nghị của mình."),
    )
    forward_issues_to = models.CharField(
        _("nơi cấp dưới gửi kiến nghị vượt thẩm quyền"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: Ban Dân vận Tỉnh ủy"),
    )
    budget_note = models.TextField(_("kinh phí (ghi chú)"), blank=True)
    closing = models.TextField(_("lời kết"), blank=True)
    signing_authority = models.CharField(
        _("thẩm quyền ký"), max_length=120, blank=True, help_text=_("Ví dụ: TM. ỦY BAN NHÂN DÂN")
    )
    signer_title = models.CharField(_("chức vụ người ký"), max_length=120, blank=True)
    signer_name = models.CharField(_("họ tên người ký"), max_length=120, blank=True)
    preset = models.CharField(_("mẫu"), max_length=40, blank=True, editable=False)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT, editable=False
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
        verbose_name = _("kế hoạch đối thoại")
        verbose_name_plural = _("kế hoạch đối thoại")
        ordering = ["-year", "-created_at"]  # noqa: RUF012
        constraints = [  # noqa: RUF012
            # Document numbers restart every calendar year (NĐ 30/2020 Art. 15): one number per unit per year.
            models.UniqueConstraint(
                F("unit"),
                ExtractYear("issued_on"),
                F("number_key"),
                condition=~Q(number_key="") & ~Q(status=PlanStatus.DRAFT),
                name="plan_unique_number_per_unit_and_year",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_draft(self) -> bool:
        return self.status == PlanStatus.DRAFT

    @property
    def is_read_only(self) -> bool:
        """Only drafts are edited; an issued document is changed by issuing another one."""
        return self.status != PlanStatus.DRAFT


class PlanRow(models.Model):
    """A line of one of the plan's list sections, in its place."""

    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "pk"]  # noqa: RUF012


class LegalBasis(PlanRow):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="legal_bases")
    # Plans open their bases with "Căn cứ …" or "Thực hiện …" (seeds 000, 001); a base that
    # continues the previous one's sentence has none.
    lead = models.CharField(
        _("từ dẫn"),
        max_length=40,
        blank=True,
        default="Căn cứ",
        help_text=_("“Căn cứ”, “Thực hiện”…; để trống nếu nối tiếp câu của dòng trên."),
    )
    text = models.TextField(_("căn cứ"))

    class Meta(PlanRow.Meta):
        verbose_name = _("căn cứ")
        verbose_name_plural = _("căn cứ")

    def __str__(self) -> str:
        return self.text[:120]


class Topic(PlanRow):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="topics")
    text = models.TextField(_("nội dung"))

    class Meta(PlanRow.Meta):
        verbose_name = _("nội dung đối thoại")
        verbose_name_plural = _("nội dung đối thoại")

    def __str__(self) -> str:
        return self.text[:120]


class ProgrammeItem(PlanRow):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="programme")
    text = models.TextField(_("mục chương trình"))

    class Meta(PlanRow.Meta):
        verbose_name = _("mục chương trình hội nghị")
        verbose_name_plural = _("chương trình hội nghị")

    def __str__(self) -> str:
        return self.text[:120]


class Recipient(PlanRow):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="recipients")
    text = models.CharField(_("nơi nhận"), max_length=255)

    class Meta(PlanRow.Meta):
        verbose_name = _("nơi nhận")
        verbose_name_plural = _("nơi nhận")

    def __str__(self) -> str:
        return self.text


class PlannedSession(PlanRow):
    """One planned conference (đợt) of the plan: a month or a date, a venue, the villages it covers."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sessions")
    label = models.CharField(_("tên đợt"), max_length=160)
    planned_month = models.PositiveSmallIntegerField(_("tháng dự kiến"), null=True, blank=True)
    planned_month_end = models.PositiveSmallIntegerField(
        _("đến tháng"), null=True, blank=True, help_text=_("Khi kế hoạch ghi một khoảng, ví dụ tháng 8-9.")
    )
    planned_date = models.DateField(_("ngày dự kiến"), null=True, blank=True)
    venue = models.CharField(_("địa điểm"), max_length=255, blank=True)
    villages = models.ManyToManyField(Village, verbose_name=_("thôn, tổ dân phố tham gia"), blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta(PlanRow.Meta):
        verbose_name = _("đợt đối thoại dự kiến")
        verbose_name_plural = _("đợt đối thoại dự kiến")

    def __str__(self) -> str:
        return self.label


class CompositionRule(PlanRow):
    """Who takes part: 'Đại diện Nhân dân: 03 đại biểu/thôn', 'Chủ trì: Chủ tịch UBND xã'."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="composition")
    group = models.CharField(_("nhóm"), max_length=120, blank=True, help_text=_("Ví dụ: Đại biểu xã, Đại biểu thôn"))
    role_label = models.CharField(_("thành phần"), max_length=255)
    description = models.TextField(_("mô tả"), blank=True)
    kind = models.CharField(_("cách tính số lượng"), max_length=20, choices=QuotaKind.choices, default=QuotaKind.FIXED)
    quantity = models.PositiveIntegerField(_("số lượng"), null=True, blank=True)
    # An upper-level plan also says whom each unit below invites to its own conference (seed 004).
    for_units_below = models.BooleanField(
        _("thành phần hội nghị của đơn vị cấp dưới"),
        default=False,
        help_text=_("Kế hoạch cấp trên: thành phần mỗi xã, phường mời dự hội nghị của mình."),
    )

    class Meta(PlanRow.Meta):
        verbose_name = _("thành phần tham dự")
        verbose_name_plural = _("thành phần tham dự")

    def __str__(self) -> str:
        return self.role_label


class Assignment(PlanRow):
    """A duty of 'Tổ chức thực hiện': who (a department, a role, or named in words) does what, by when."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="assignments")
    assignee_department = models.ForeignKey(
        Department, verbose_name=_("cơ quan"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    assignee_role = models.CharField(_("vai trò"), max_length=30, choices=Role.choices, blank=True)
    assignee_text = models.CharField(_("đơn vị, người thực hiện"), max_length=255)
    duty = models.TextField(_("nhiệm vụ"))
    due_date = models.DateField(_("hạn"), null=True, blank=True)
    # "Trước 03 ngày khi tổ chức đối thoại" is -3: a deadline of every conference of the plan.
    due_offset_days = models.SmallIntegerField(
        _("hạn tính theo ngày hội nghị (số ngày)"),
        null=True,
        blank=True,
        help_text=_("Số âm là trước hội nghị, số dương là sau: -3 là trước 03 ngày; 10 là sau 10 ngày."),
    )
    due_rule = models.CharField(
        _("thời hạn (diễn giải)"), max_length=255, blank=True, help_text=_("Ví dụ: trước 03 ngày khi tổ chức đối thoại")
    )

    class Meta(PlanRow.Meta):
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("tổ chức thực hiện")

    def __str__(self) -> str:
        return self.assignee_text


class BudgetCategory(models.TextChoices):
    """The lines of a conference's spending (issue 8; seed 000's "hội trường, loa máy, nước uống"): the estimate,
    the actual spending and the settlement are all counted by these."""

    HALL = "hall", _("Hội trường, trang trí, khánh tiết")
    SOUND = "sound", _("Âm thanh, ánh sáng, máy chiếu")
    REFRESHMENTS = "refreshments", _("Nước uống")
    PRINTING = "printing", _("In ấn, phô tô tài liệu")
    MEDIA = "media", _("Thông tin, tuyên truyền")
    ALLOWANCES = "allowances", _("Bồi dưỡng đại biểu, người phục vụ")
    OTHER = "other", _("Chi khác")


class BudgetLine(PlanRow):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="budget_lines")
    # Blank on a form means "Chi khác" (the action stores OTHER): older plans and the seeds' lines name none.
    category = models.CharField(
        _("khoản mục"), max_length=20, choices=BudgetCategory.choices, default=BudgetCategory.OTHER, blank=True
    )
    item = models.CharField(_("nội dung chi"), max_length=255)
    amount = models.DecimalField(_("số tiền (đồng)"), max_digits=15, decimal_places=0, null=True, blank=True)
    source = models.CharField(_("nguồn kinh phí"), max_length=255, blank=True)

    class Meta(PlanRow.Meta):
        verbose_name = _("khoản kinh phí")
        verbose_name_plural = _("kinh phí")

    def __str__(self) -> str:
        return self.item
