"""Official documents: the outgoing register (sổ văn bản đi), the stored files of issued documents, the
templates a unit uploads in place of the built-in ones, and the background jobs that generate long ones.

An issued document is one row of the register: a number taken once from its series and never reused, the
DOCX as rendered at that moment with its SHA-256, and later its PDF. Nothing in it changes afterwards but
its status (a later version replaces it) and the PDF being added. Files are stored in the database, in the
same transaction as the number, so that a number never exists without its file (and a database backup is a
backup of the register)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from doithoai.conferences.models import Conference
from doithoai.plans.models import Plan
from doithoai.units.models import AdminUnit


class DocumentKind(models.TextChoices):
    PLAN = "plan", _("Kế hoạch tổ chức hội nghị")
    ANNOUNCEMENT = "announcement", _("Thông báo tổ chức hội nghị")
    RADIO_SCRIPT = "radio_script", _("Kịch bản phát thanh")
    INVITATIONS = "invitations", _("Giấy mời")
    OPINION_FORM = "opinion_form", _("Phiếu lấy ý kiến")
    SUMMARY_REPORT = "summary_report", _("Báo cáo tổng hợp ý kiến, kiến nghị")
    MINUTES = "minutes", _("Biên bản hội nghị")
    CONCLUSION_NOTICE = "conclusion_notice", _("Thông báo kết luận")
    TRANSFER_LETTER = "transfer_letter", _("Văn bản chuyển kiến nghị")
    RESULTS_REPORT = "results_report", _("Báo cáo kết quả")
    CONFERENCE_RULES = "conference_rules", _("Nội quy hội nghị")
    HALL_BANNER = "hall_banner", _("Khánh tiết (băng rôn hội trường)")


class IssuerBody(models.TextChoices):
    """Who signs and numbers: each body of a unit keeps its own register (NĐ 30 Art. 15; HD 36 for the Party)."""

    COMMITTEE = "committee", _("Ủy ban nhân dân")
    PARTY = "party", _("Cấp ủy Đảng")
    FRONT = "front", _("Ủy ban MTTQ")


class Layout(models.TextChoices):
    STATE = "state", _("Văn bản hành chính (Nghị định 30/2020/NĐ-CP)")
    PARTY = "party", _("Văn bản của Đảng (Hướng dẫn 36-HD/VPTW)")


class NumberingMode(models.TextChoices):
    PER_TYPE = "per_type", _("Mỗi loại văn bản một dãy số (05/KH-UBND, 05/TB-UBND)")
    SHARED = "shared", _("Một dãy số chung cho mọi loại văn bản của cơ quan")


class StoredFile(models.Model):
    """Bytes of a generated or uploaded file, with their hash. Never updated."""

    data = models.BinaryField()
    sha256 = models.CharField(max_length=64, db_index=True)
    size = models.PositiveIntegerField()
    content_type = models.CharField(max_length=120)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tệp lưu trữ")
        verbose_name_plural = _("tệp lưu trữ")

    def __str__(self) -> str:
        return self.sha256[:12]


class DocumentSettings(models.Model):
    """How a unit numbers its documents, and the lines only documents need. One row per unit, made on first use."""

    unit = models.OneToOneField(AdminUnit, on_delete=models.CASCADE, related_name="document_settings")
    numbering_mode = models.CharField(
        _("cách đánh số"), max_length=12, choices=NumberingMode.choices, default=NumberingMode.PER_TYPE
    )
    party_term = models.CharField(
        _("nhiệm kỳ cấp ủy"),
        max_length=20,
        default="2025-2030",
        help_text=_("Văn bản của Đảng đánh số liên tục trong nhiệm kỳ (Hướng dẫn 36-HD/VPTW), ví dụ: 2025-2030"),
    )
    office_abbr = models.CharField(
        _("viết tắt đơn vị soạn thảo công văn"),
        max_length=20,
        default="VP",
        help_text=_("Ký hiệu công văn: 12/UBND-VP"),
    )
    party_parent_line = models.CharField(
        _("cấp ủy cấp trên"), max_length=120, blank=True, help_text=_("Ví dụ: ĐẢNG BỘ TỈNH LẠNG SƠN")
    )
    party_name = models.CharField(_("tên cấp ủy"), max_length=120, blank=True, help_text=_("Ví dụ: ĐẢNG ỦY XÃ ĐIỀM HE"))
    front_parent_line = models.CharField(
        _("dòng trên của Ủy ban MTTQ"), max_length=120, blank=True, help_text=_("Ví dụ: ỦY BAN MTTQ VIỆT NAM")
    )
    front_name = models.CharField(_("tên Ủy ban MTTQ"), max_length=120, blank=True, help_text=_("Ví dụ: XÃ ĐIỀM HE"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("thiết lập văn bản")
        verbose_name_plural = _("thiết lập văn bản")

    def __str__(self) -> str:
        return str(self.unit)


class NumberSeries(models.Model):
    """One series of the register: a body of a unit, in a year (State) or a term (Party), for one type of
    document or all of them. `last_number` only grows."""

    unit = models.ForeignKey(AdminUnit, on_delete=models.PROTECT, related_name="number_series")
    issuer = models.CharField(max_length=12, choices=IssuerBody.choices)
    period = models.CharField(max_length=20)  # "2026", or the Party term "2025-2030"
    series = models.CharField(max_length=12, blank=True)  # "KH"…, or "" for one series for every type
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("dãy số văn bản")
        verbose_name_plural = _("dãy số văn bản")
        constraints = [  # noqa: RUF012
            models.UniqueConstraint(fields=["unit", "issuer", "period", "series"], name="number_series_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.issuer} {self.period} {self.series}"


class DocumentStatus(models.TextChoices):
    ISSUED = "issued", _("Đã ban hành")
    REPLACED = "replaced", _("Đã được thay thế")


class PdfStatus(models.TextChoices):
    PENDING = "pending", _("Đang tạo PDF")
    READY = "ready", _("Có PDF")
    UNAVAILABLE = "unavailable", _("Máy chủ chưa có LibreOffice để tạo PDF")
    FAILED = "failed", _("Tạo PDF lỗi")


class IssuedDocument(models.Model):
    """One row of the outgoing register (Phụ lục IV): a number, given once, and the document as issued."""

    unit = models.ForeignKey(AdminUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(_("loại văn bản"), max_length=24, choices=DocumentKind.choices)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=12, choices=IssuerBody.choices)
    layout = models.CharField(_("thể thức"), max_length=8, choices=Layout.choices, default=Layout.STATE)
    period = models.CharField(max_length=20)
    series = models.CharField(max_length=12, blank=True)
    number = models.PositiveIntegerField(_("số"))
    symbol = models.CharField(_("ký hiệu"), max_length=40)
    number_text = models.CharField(_("số, ký hiệu"), max_length=60)  # "05/KH-UBND" or "05-KH/ĐU"
    issued_on = models.DateField(_("ngày ban hành"))
    summary = models.CharField(_("trích yếu"), max_length=500)
    signer_name = models.CharField(_("người ký"), max_length=120, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=120, blank=True)
    recipients = models.TextField(_("nơi nhận"), blank=True)
    version = models.PositiveIntegerField(_("lần ban hành"), default=1)
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("thay thế văn bản"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=DocumentStatus.choices, default=DocumentStatus.ISSUED
    )
    # What it is about: one of these, by kind.
    plan = models.ForeignKey(Plan, null=True, blank=True, on_delete=models.PROTECT, related_name="documents")
    conference = models.ForeignKey(
        Conference, null=True, blank=True, on_delete=models.PROTECT, related_name="documents"
    )
    referral = models.ForeignKey(
        "petitions.Referral", null=True, blank=True, on_delete=models.PROTECT, related_name="documents"
    )
    period_start = models.DateField(_("từ ngày"), null=True, blank=True)
    period_end = models.DateField(_("đến ngày"), null=True, blank=True)
    # The data it was rendered from (JSON-safe), so that what it said can be read without the file.
    context = models.JSONField(default=dict, blank=True)
    template_source = models.CharField(max_length=80, blank=True)  # "builtin" or "unit:<id>:<sha256[:12]>"
    docx = models.ForeignKey(StoredFile, on_delete=models.PROTECT, related_name="+")
    pdf = models.ForeignKey(StoredFile, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    pdf_status = models.CharField(max_length=12, choices=PdfStatus.choices, default=PdfStatus.PENDING)
    pdf_error = models.CharField(max_length=255, blank=True)
    signed_copy = models.ForeignKey(StoredFile, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submission_key = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("văn bản đã ban hành")
        verbose_name_plural = _("văn bản đã ban hành")
        ordering = ["-issued_on", "-number", "-pk"]  # noqa: RUF012
        constraints = [  # noqa: RUF012
            # A number is given once in its series (NĐ 30 Art. 15(1)): the database refuses a second.
            models.UniqueConstraint(
                fields=["unit", "issuer", "period", "series", "number"], name="issued_document_number_unique"
            ),
            # One document in force per subject and kind: a second is a re-issue, which replaces the first.
            models.UniqueConstraint(
                fields=["kind", "plan"],
                condition=Q(status="issued", plan__isnull=False, conference__isnull=True),
                name="issued_document_one_per_plan",
            ),
            models.UniqueConstraint(
                fields=["kind", "conference"],
                condition=Q(status="issued", conference__isnull=False),
                name="issued_document_one_per_conference",
            ),
            models.UniqueConstraint(
                fields=["kind", "referral"],
                condition=Q(status="issued", referral__isnull=False),
                name="issued_document_one_per_referral",
            ),
            # A double click issues once.
            models.UniqueConstraint(
                fields=["issued_by", "submission_key"],
                condition=~Q(submission_key=""),
                name="issued_document_submission_once",
            ),
        ]
        indexes = [models.Index(fields=["unit", "kind", "status"])]  # noqa: RUF012

    def __str__(self) -> str:
        return self.number_text


class UnitTemplate(models.Model):
    """A unit's own DOCX for one kind of document (and layout), checked before it is accepted."""

    unit = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="document_templates")
    kind = models.CharField(_("loại văn bản"), max_length=24, choices=DocumentKind.choices)
    layout = models.CharField(_("thể thức"), max_length=8, choices=Layout.choices, default=Layout.STATE)
    file = models.ForeignKey(StoredFile, on_delete=models.PROTECT, related_name="+")
    original_name = models.CharField(max_length=255)
    is_active = models.BooleanField(default=True)
    fields_used = models.JSONField(default=list, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mẫu văn bản của đơn vị")
        verbose_name_plural = _("mẫu văn bản của đơn vị")
        ordering = ["-uploaded_at", "-pk"]  # noqa: RUF012
        constraints = [  # noqa: RUF012
            models.UniqueConstraint(
                fields=["unit", "kind", "layout"], condition=Q(is_active=True), name="unit_template_one_active"
            ),
        ]

    def __str__(self) -> str:
        return self.original_name


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang tạo")
    DONE = "done", _("Xong")
    FAILED = "failed", _("Lỗi")


class DocumentJob(models.Model):
    """A document generated in the background (200 invitations, a year's report): progress and result."""

    unit = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="document_jobs")
    kind = models.CharField(max_length=24, choices=DocumentKind.choices)
    # What to generate: {"conference": id, "village": id, "format": "docx"|"pdf", "issue": {...}, ...}
    params = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    step = models.CharField(max_length=160, blank=True)
    result = models.ForeignKey(StoredFile, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    filename = models.CharField(max_length=200, blank=True)
    document = models.ForeignKey(IssuedDocument, null=True, blank=True, on_delete=models.SET_NULL, related_name="jobs")
    error = models.TextField(blank=True)
    submission_key = models.CharField(max_length=40, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("lượt tạo văn bản")
        verbose_name_plural = _("lượt tạo văn bản")
        ordering = ["-created_at", "-pk"]  # noqa: RUF012
        constraints = [  # noqa: RUF012
            models.UniqueConstraint(
                fields=["requested_by", "submission_key"],
                condition=~Q(submission_key=""),
                name="document_job_submission_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        if not self.progress_total:
            return 0
        return min(99, int(100 * self.progress_done / self.progress_total))


class ConferenceRules(models.Model):
    """The unit's rules of its dialogue conferences (nội quy hội nghị): one article a line, read out at the
    opening, shown on the portal and the hall's screen and issued as a NỘI QUY. A unit without a row uses
    the built-in default (kinds/conference_rules.py). "[số phút]" in the text stands for the conference's
    time limit per question."""

    unit = models.OneToOneField(AdminUnit, on_delete=models.CASCADE, related_name="conference_rules")
    text = models.TextField(_("nội quy hội nghị"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("nội quy hội nghị")
        verbose_name_plural = _("nội quy hội nghị")

    def __str__(self) -> str:
        return str(self.unit)


class MaterialKind(models.TextChoices):
    LEGAL_TEXT = "legal_text", _("Văn bản pháp luật")
    REPORT = "report", _("Báo cáo")
    OTHER = "other", _("Tài liệu khác")


class Material(models.Model):
    """A material for dissemination (tài liệu tuyên truyền) of a conference: the legal texts handed out
    (seed 000), the socio-economic report read at the conference (seed 001), a picture for the screen.
    The file is an uploaded one (PDF, DOCX, XLSX, PNG, JPEG), checked by its content, kept in the database
    with its SHA-256. The portal offers it only once `is_public` is set, and only for a public conference."""

    conference = models.ForeignKey(
        Conference, verbose_name=_("hội nghị"), on_delete=models.PROTECT, related_name="materials"
    )
    title = models.CharField(_("tên tài liệu"), max_length=255)
    kind = models.CharField(_("loại tài liệu"), max_length=12, choices=MaterialKind.choices, default=MaterialKind.OTHER)
    file = models.ForeignKey(StoredFile, on_delete=models.PROTECT, related_name="+")
    original_name = models.CharField(max_length=255, blank=True)
    is_public = models.BooleanField(_("công khai trên Cổng"), default=False)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    submission_key = models.CharField(max_length=40, blank=True)

    class Meta:
        verbose_name = _("tài liệu tuyên truyền")
        verbose_name_plural = _("tài liệu tuyên truyền")
        ordering = ["order", "pk"]  # noqa: RUF012
        constraints = [  # noqa: RUF012
            # A double click uploads once.
            models.UniqueConstraint(
                fields=["uploaded_by", "submission_key"],
                condition=~Q(submission_key=""),
                name="material_submission_once",
            ),
        ]

    def __str__(self) -> str:
        return self.title
