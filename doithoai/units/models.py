from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    PROVINCE = "province", _("Cấp tỉnh")
    DISTRICT = "district", _("Cấp huyện")
    COMMUNE = "commune", _("Cấp xã")


class Era(models.TextChoices):
    # The two-level model in force from 01/07/2025 and the three-level model before it.
    CURRENT = "current", _("Hiện hành (từ 01/07/2025)")
    LEGACY = "legacy", _("Trước 01/07/2025")


class AdminUnit(models.Model):
    """An administrative unit: the tenant. Loaded from `vietnam-provinces`.

    `path` is the chain of codes from the province down ("/np20/nc06280/": n
    for the current era, o for legacy, then the level's initial and the
    code), so that "every unit below X" is one prefix query on SQLite and
    PostgreSQL.
    """

    code = models.CharField(_("mã đơn vị"), max_length=10)
    era = models.CharField(_("thời kỳ"), max_length=10, choices=Era.choices, default=Era.CURRENT)
    level = models.CharField(_("cấp"), max_length=10, choices=Level.choices)
    division_type = models.CharField(_("loại đơn vị"), max_length=40)
    name = models.CharField(_("tên"), max_length=120)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=64, db_index=True, editable=False)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    is_set_up = models.BooleanField(_("đã thiết lập"), default=False)

    # Letterhead (NĐ 30/2020, Phụ lục I): what documents print.
    committee_name = models.CharField(
        _("tên cơ quan ban hành"), max_length=120, blank=True, help_text=_("Ví dụ: ỦY BAN NHÂN DÂN XÃ ĐIỀM HE")
    )
    parent_line = models.CharField(
        _("dòng cơ quan chủ quản"),
        max_length=120,
        blank=True,
        help_text=_("Ví dụ: TỈNH LẠNG SƠN (để trống nếu không dùng)"),
    )
    place_name = models.CharField(
        _("địa danh ghi trên văn bản"), max_length=80, blank=True, help_text=_("Ví dụ: Điềm He")
    )
    committee_abbr = models.CharField(_("viết tắt UBND"), max_length=20, default="UBND")
    council_abbr = models.CharField(_("viết tắt HĐND"), max_length=20, default="HĐND")
    front_abbr = models.CharField(_("viết tắt MTTQ"), max_length=20, default="MTTQ")
    party_abbr = models.CharField(_("viết tắt cấp ủy"), max_length=20, default="ĐU")
    address = models.CharField(_("địa chỉ trụ sở"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=40, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)

    require_two_factor = models.BooleanField(_("bắt buộc xác thực hai lớp cho cán bộ"), default=False)

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        ordering = ["name"]  # noqa: RUF012 - Django reads Meta attributes, never mutated
        constraints = [  # noqa: RUF012
            models.UniqueConstraint(fields=["era", "level", "code"], name="unit_unique_code"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def short_name(self) -> str:
        """'Điềm He' from 'Xã Điềm He': the name without its division type."""
        prefix = self.division_type.strip()
        if prefix and self.name.lower().startswith(prefix.lower() + " "):
            return self.name[len(prefix) + 1 :]
        return self.name

    @property
    def is_legacy(self) -> bool:
        return self.era == Era.LEGACY


class VillageStatus(models.TextChoices):
    ACTIVE = "active", _("Đang hoạt động")
    RETIRED = "retired", _("Đã giải thể / sáp nhập")


class VillageKind(models.TextChoices):
    THON = "thôn", _("Thôn")
    BAN = "bản", _("Bản")
    AP = "ấp", _("Ấp")
    LANG = "làng", _("Làng")
    BUON = "buôn", _("Buôn")
    TO_DAN_PHO = "tổ dân phố", _("Tổ dân phố")
    KHU_PHO = "khu phố", _("Khu phố")
    KHOI = "khối", _("Khối")
    OTHER = "khác", _("Khác")


class Village(models.Model):
    """A thôn, bản, ấp or tổ dân phố below a commune. Retired, never deleted while referenced."""

    unit = models.ForeignKey(AdminUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="villages")
    name = models.CharField(_("tên"), max_length=120)
    kind = models.CharField(_("loại"), max_length=20, choices=VillageKind.choices, default=VillageKind.THON)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=VillageStatus.choices, default=VillageStatus.ACTIVE
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("sáp nhập vào"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_from",
    )
    retired_on = models.DateField(_("ngày thôi hoạt động"), null=True, blank=True)
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("thôn, tổ dân phố")
        verbose_name_plural = _("thôn, tổ dân phố")
        ordering = ["sort_order", "name"]  # noqa: RUF012
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="village_unique_name")]  # noqa: RUF012

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.status == VillageStatus.ACTIVE


class Department(models.Model):
    """A body of the unit that answers petitions in its sector (phòng, công an xã, trạm y tế…)."""

    unit = models.ForeignKey(AdminUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="departments")
    name = models.CharField(_("tên"), max_length=160)
    short_name = models.CharField(_("tên viết tắt"), max_length=40, blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("cơ quan chuyên môn")
        verbose_name_plural = _("cơ quan chuyên môn")
        ordering = ["sort_order", "name"]  # noqa: RUF012
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="department_unique_name")]  # noqa: RUF012

    def __str__(self) -> str:
        return self.name
