"""Citizens' opinions and petitions (ý kiến, kiến nghị): what was said, by whom, through which channel,
and where it stands.

What a citizen said is never overwritten: `original_text` is written once, at intake, and every
later wording (a correction, a clearer summary) is a `PetitionVersion`; `text` is the current one.
The submitter's name, phone and address are personal data (Luật 91/2025): optional but the
village, shown to the roles that handle the petition only, published only with consent.

The lifecycle (domain-spec §8.9, Luật TCD Art. 28(1)) is the transition table in workflow.py.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from doithoai.conferences.models import Conference
from doithoai.lib.codes import new_code
from doithoai.units.models import AdminUnit, Department, Village


class Sector(models.Model):
    """A unit's own list of sectors (lĩnh vực), copied from `taxonomy.DEFAULT_SECTORS` and editable."""

    unit = models.ForeignKey(AdminUnit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="sectors")
    code = models.CharField(_("mã"), max_length=20)
    name = models.CharField(_("tên lĩnh vực"), max_length=120)
    department = models.ForeignKey(
        Department,
        verbose_name=_("cơ quan thường được giao"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_active = models.BooleanField(_("đang dùng"), default=True)
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
        ordering = ["sort_order", "name"]  # noqa: RUF012
        constraints = [  # noqa: RUF012
            models.UniqueConstraint(fields=["unit", "code"], name="petitions_sector_unique_code"),
        ]

    def __str__(self) -> str:
        return self.name


class Channel(models.TextChoices):
    PAPER_FORM = "paper_form", _("Phiếu lấy ý kiến (giấy)")
    SUMMARY_IMPORT = "summary_import", _("Bản tổng hợp của thôn, MTTQ (Excel)")
    ONLINE = "online", _("Gửi trực tuyến")
    CONFERENCE = "conference", _("Phát biểu tại hội nghị")
    REFERRAL = "referral", _("Cấp dưới chuyển lên")
    RECEPTION = "reception", _("Tiếp công dân, gửi trực tiếp")


class Kind(models.TextChoices):
    RECOMMENDATION = "recommendation", _("Kiến nghị")
    FEEDBACK = "feedback", _("Phản ánh")
    QUESTION = "question", _("Hỏi chính sách")
    OPINION = "opinion", _("Góp ý")
    COMPLAINT = "complaint", _("Khiếu nại")
    DENUNCIATION = "denunciation", _("Tố cáo")
    MIXED = "mixed", _("Nhiều nội dung")


# Complaints and denunciations leave the dialogue workflow for their own laws (Luật Khiếu nại, Luật Tố cáo).
REDIRECTED_KINDS = frozenset({Kind.COMPLAINT, Kind.DENUNCIATION})


class Jurisdiction(models.TextChoices):
    THIS_UNIT = "this_unit", _("Thuộc thẩm quyền của đơn vị")
    HIGHER_LEVEL = "higher_level", _("Thuộc thẩm quyền cấp trên")
    CENTRAL = "central", _("Thuộc thẩm quyền Trung ương")
    PARTY = "party", _("Thuộc thẩm quyền cấp ủy Đảng")
    FRONT = "front", _("Thuộc MTTQ, đoàn thể")
    OTHER_BODY = "other_body", _("Cơ quan, doanh nghiệp khác (điện, nước…)")


class PetitionStatus(models.TextChoices):
    RECEIVED = "received", _("Mới tiếp nhận")
    CLASSIFIED = "classified", _("Đã phân loại")
    ANSWERED_AT_CONFERENCE = "answered_at_conference", _("Đã trả lời tại hội nghị")
    ACCEPTED = "accepted", _("Đã giao xử lý")
    REFERRED = "referred", _("Đã chuyển cơ quan có thẩm quyền")
    REFUSED = "refused", _("Không xử lý (có lý do)")
    RESOLVED = "resolved", _("Đã có kết quả")
    NOTIFIED = "notified", _("Đã thông báo người dân")


class PetitionGroup(models.Model):
    """Petitions about the same matter, answered once, in one canonical wording (nhóm vấn đề)."""

    unit = models.ForeignKey(
        AdminUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="petition_groups"
    )
    conference = models.ForeignKey(
        Conference,
        verbose_name=_("hội nghị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="petition_groups",
    )
    title = models.CharField(_("nội dung chung"), max_length=500)
    sector = models.ForeignKey(
        Sector, verbose_name=_("lĩnh vực"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("nhóm ý kiến cùng nội dung")
        verbose_name_plural = _("nhóm ý kiến cùng nội dung")

    def __str__(self) -> str:
        return self.title


class Petition(models.Model):
    unit = models.ForeignKey(AdminUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="petitions")
    conference = models.ForeignKey(
        Conference,
        verbose_name=_("hội nghị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="petitions",
    )
    tracking_code = models.CharField(_("mã tra cứu"), max_length=8, unique=True, default=new_code, editable=False)
    # The key of one submission (a form's hidden token): a double-clicked or resent form gives one petition.
    submission_key = models.CharField(max_length=64, blank=True, editable=False)
    channel = models.CharField(_("kênh tiếp nhận"), max_length=20, choices=Channel.choices)
    received_on = models.DateField(_("ngày tiếp nhận"))
    village = models.ForeignKey(
        Village,
        verbose_name=_("thôn, tổ dân phố"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="petitions",
    )
    # Personal data: optional; published (name only) with consent; contact used only with consent.
    submitter_name = models.CharField(_("họ tên người gửi"), max_length=160, blank=True)
    submitter_phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    submitter_address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    consent_contact = models.BooleanField(_("đồng ý được liên hệ qua số điện thoại"), default=False)
    consent_publish_name = models.BooleanField(_("đồng ý công khai họ tên"), default=False)
    original_text = models.TextField(_("nội dung gốc"), editable=False)
    text = models.TextField(_("nội dung"))
    kind = models.CharField(_("tính chất"), max_length=20, choices=Kind.choices, default=Kind.RECOMMENDATION)
    sector = models.ForeignKey(
        Sector, verbose_name=_("lĩnh vực"), null=True, blank=True, on_delete=models.PROTECT, related_name="petitions"
    )
    jurisdiction = models.CharField(
        _("thẩm quyền"), max_length=20, choices=Jurisdiction.choices, default=Jurisdiction.THIS_UNIT
    )
    group = models.ForeignKey(
        PetitionGroup,
        verbose_name=_("nhóm cùng nội dung"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="petitions",
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=30,
        choices=PetitionStatus.choices,
        default=PetitionStatus.RECEIVED,
        editable=False,
    )
    assigned_department = models.ForeignKey(
        Department,
        verbose_name=_("cơ quan được giao"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="petitions",
    )
    due_date = models.DateField(_("hạn xử lý"), null=True, blank=True)
    refused_reason = models.TextField(_("lý do không xử lý"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("nhập lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)

    class Meta:
        verbose_name = _("ý kiến, kiến nghị")
        verbose_name_plural = _("ý kiến, kiến nghị")
        ordering = ["-received_on", "-pk"]  # noqa: RUF012
        constraints = [  # noqa: RUF012
            models.UniqueConstraint(
                fields=["unit", "submission_key"],
                condition=~models.Q(submission_key=""),
                name="petitions_one_petition_per_submission",
            ),
        ]
        indexes = [  # noqa: RUF012
            models.Index(fields=["unit", "status", "-received_on"], name="petitions_unit_status"),
            models.Index(fields=["unit", "sector", "status"], name="petitions_unit_sector"),
            models.Index(fields=["conference", "status"], name="petitions_conference_status"),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class PetitionVersion(models.Model):
    """A later wording of a petition; the original stays in `Petition.original_text`."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="versions")
    text = models.TextField(_("nội dung"))
    reason = models.CharField(_("lý do sửa"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("sửa lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("bản sửa nội dung")
        verbose_name_plural = _("các bản sửa nội dung")
        ordering = ["created_at", "pk"]  # noqa: RUF012

    def __str__(self) -> str:
        return self.text[:80]
