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
from django.core.files.storage import Storage, storages
from django.db import models
from django.utils.translation import gettext_lazy as _

from doithoai.conferences.models import Conference
from doithoai.lib.codes import new_code
from doithoai.units.models import AdminUnit, Department, Village


def private_storage() -> Storage:
    """Files that are never served as static media: attachments (personal data) and imports."""
    return storages["private"]


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


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("Đồng ý với trả lời")
    UNSATISFIED = "unsatisfied", _("Chưa đồng ý")


class AnswerMode(models.TextChoices):
    AT_CONFERENCE = "at_conference", _("Trả lời trực tiếp tại hội nghị")
    IN_WRITING = "in_writing", _("Trả lời bằng văn bản")
    BY_REFERRAL = "by_referral", _("Cơ quan có thẩm quyền trả lời")


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
    # The current text and the tracking code folded (lowercase, no diacritics), written by the actions that
    # write `text`: the list's search matches words in it with LIKE, which a trigram index serves on
    # PostgreSQL (migration 0004), instead of folding 100,000 rows per search.
    search_text = models.TextField(blank=True, default="", editable=False)
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
    # The approved answer (shared by every petition of a group) and, once out of our hands, the referral.
    answer = models.ForeignKey(
        "Answer",
        verbose_name=_("trả lời"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="petitions",
        editable=False,
    )
    referral = models.ForeignKey(
        "Referral",
        verbose_name=_("văn bản chuyển"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="petitions",
        editable=False,
    )
    # The citizen's word on the answer (from the tracking page); an officer may reopen an unsatisfied one.
    satisfaction = models.CharField(
        _("ý kiến của người dân về trả lời"), max_length=20, choices=Satisfaction.choices, blank=True, editable=False
    )
    satisfaction_note = models.TextField(_("lý do chưa đồng ý"), blank=True, editable=False)
    satisfaction_at = models.DateTimeField(_("phản hồi lúc"), null=True, blank=True, editable=False)
    reopen_count = models.PositiveSmallIntegerField(_("số lần mở lại"), default=0, editable=False)
    # A signed-in citizen who sent it online: they see it under "Ý kiến của tôi" and are notified.
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản người gửi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submitted_petitions",
        editable=False,
    )
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
            # The unfiltered list, searches and paging walk this one (newest first) and stop at a page.
            models.Index(fields=["unit", "-received_on", "-id"], name="petitions_unit_received"),
            models.Index(fields=["unit", "status", "-received_on"], name="petitions_unit_status"),
            # Overdue lists: open petitions with a due date.
            models.Index(
                fields=["unit", "due_date"],
                name="petitions_unit_open_due",
                condition=models.Q(status__in=["received", "classified", "accepted", "referred"]),
            ),
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


class Answer(models.Model):
    """One answer, shared by every petition it answers (all petitions of a group point to the same one).

    A department drafts it (`approved_at` empty: a draft, never shown to the public); the chair or a vice
    chair approves it, and only then does it reach the tracking page and the published conclusions.
    An answer that came back from a referral names its `referral`.
    """

    unit = models.ForeignKey(AdminUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="answers")
    mode = models.CharField(_("hình thức trả lời"), max_length=20, choices=AnswerMode.choices)
    text = models.TextField(_("nội dung trả lời"))
    # The chair's conclusion on the issue at the conference (kết luận), when it adds to the answer.
    conclusion = models.TextField(_("kết luận của chủ trì"), blank=True)
    department = models.ForeignKey(
        Department,
        verbose_name=_("cơ quan trả lời"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="answers",
    )
    answered_by = models.CharField(_("người trả lời"), max_length=160, blank=True)
    document_ref = models.CharField(_("văn bản trả lời (số, ngày)"), max_length=160, blank=True)
    referral = models.ForeignKey(
        "Referral",
        verbose_name=_("văn bản chuyển"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="answers",
    )
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    drafted_at = models.DateTimeField(_("soạn lúc"), auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("trả lời")
        verbose_name_plural = _("các trả lời")

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None


class Referral(models.Model):
    """Petitions beyond the unit's jurisdiction sent on (chuyển): to the parent unit, where they arrive
    in its inbox as one petition (`inbox_petition`), or to another body named in `to_body`. The letter
    (văn bản chuyển) is numbered by the register of the documents issue."""

    from_unit = models.ForeignKey(
        AdminUnit, verbose_name=_("đơn vị chuyển"), on_delete=models.PROTECT, related_name="referrals_sent"
    )
    to_unit = models.ForeignKey(
        AdminUnit,
        verbose_name=_("chuyển đến đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals_received",
    )
    to_body = models.CharField(_("chuyển đến cơ quan"), max_length=255, blank=True)
    letter_number = models.CharField(_("số văn bản chuyển"), max_length=60, blank=True)
    letter_date = models.DateField(_("ngày văn bản chuyển"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    inbox_petition = models.OneToOneField(
        Petition,
        verbose_name=_("ý kiến tại đơn vị nhận"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="received_referral",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("chuyển lúc"), auto_now_add=True)
    answered_at = models.DateTimeField(_("có trả lời lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("văn bản chuyển")
        verbose_name_plural = _("các văn bản chuyển")
        ordering = ["-created_at", "-pk"]  # noqa: RUF012

    def __str__(self) -> str:
        return self.letter_number or self.to_body or str(self.to_unit)


def attachment_path(instance: Attachment, filename: str) -> str:
    # The stored name is not the uploaded one: it could carry a citizen's name, and it is not trusted.
    return f"petitions/{instance.petition.unit_id}/{new_code()}{instance.extension}"


class Attachment(models.Model):
    """An image or PDF sent with a petition. Kept in private storage, served only through a view that
    checks the reader's permission; its type was read from its content, not its name."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("tệp"), upload_to=attachment_path, storage=private_storage, max_length=200)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(_("loại tệp"), max_length=50)
    size = models.PositiveIntegerField(_("dung lượng"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        ordering = ["uploaded_at", "pk"]  # noqa: RUF012

    def __str__(self) -> str:
        return self.original_name

    @property
    def extension(self) -> str:
        return EXTENSIONS.get(self.content_type, ".bin")


EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp", "application/pdf": ".pdf"}


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("Đang chờ")
    RUNNING = "running", _("Đang nhập")
    DONE = "done", _("Đã nhập xong")
    FAILED = "failed", _("Có lỗi, chưa nhập dòng nào")


class PetitionImport(models.Model):
    """An Excel summary (of a village, or of the Front) being imported in the background: all rows or none.
    The file is kept until the import ends; `errors` lists "Dòng N: …" messages."""

    unit = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="petition_imports")
    conference = models.ForeignKey(
        Conference, null=True, blank=True, on_delete=models.CASCADE, related_name="petition_imports"
    )
    file = models.FileField(upload_to="petition-imports/", storage=private_storage, max_length=200)
    original_name = models.CharField(max_length=255)
    status = models.CharField(max_length=20, choices=ImportStatus.choices, default=ImportStatus.PENDING)
    total_rows = models.PositiveIntegerField(default=0)
    done_rows = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("lần nhập Excel ý kiến")
        verbose_name_plural = _("các lần nhập Excel ý kiến")
        ordering = ["-created_at", "-pk"]  # noqa: RUF012

    def __str__(self) -> str:
        return self.original_name


def search_text_for(text: str, tracking_code: str) -> str:
    """What `Petition.search_text` holds for this text and code."""
    from doithoai.lib.text import fold

    return f"{fold(text)} {tracking_code.lower()}"
