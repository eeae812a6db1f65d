"""The money of the dialogue conferences, from the estimate to the settlement (issue 8; seeds 000, 001, 003).

- The year's estimate (dự toán) is the plan's "Kinh phí" lines (`plans.BudgetLine`, by category).
- Each conference has its own estimate (dự trù kinh phí: seed 003's office "lập dự trù kinh phí"), by line,
  first copied from the plan's.
- Actual spending is an `Expense`: a sum paid, on a day, against a voucher (số chứng từ), with its supporting
  documents (invoices, receipts, the list signed by the delegates who were paid an allowance) attached as
  files. An expense belongs to a conference, or to the year when it served them all (printing the plan).
- A `Settlement` (quyết toán) closes the spending of a conference, or of the year: the accountant submits it,
  the chair approves it (the chair is the "chủ tài khoản") or returns it with a reason; approval freezes
  the figures, and nothing it counts can change until the chair reopens it, with a reason.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from doithoai.conferences.models import Conference
from doithoai.documents.models import StoredFile
from doithoai.plans.models import BudgetCategory, Plan
from doithoai.units.models import AdminUnit

MAX_AMOUNT_DIGITS = 15


class EstimateLine(models.Model):
    """One line of a conference's estimate: "Nước uống: 45 người × 20.000 đ"."""

    conference = models.ForeignKey(
        Conference, verbose_name=_("hội nghị"), on_delete=models.CASCADE, related_name="budget_estimate"
    )
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    category = models.CharField(
        _("khoản mục"), max_length=20, choices=BudgetCategory.choices, default=BudgetCategory.OTHER
    )
    item = models.CharField(_("nội dung chi"), max_length=255)
    amount = models.DecimalField(_("số tiền (đồng)"), max_digits=MAX_AMOUNT_DIGITS, decimal_places=0)

    class Meta:
        verbose_name = _("dòng dự trù kinh phí")
        verbose_name_plural = _("dự trù kinh phí")
        ordering = ["order", "pk"]  # noqa: RUF012

    def __str__(self) -> str:
        return self.item


class Expense(models.Model):
    """A sum actually paid."""

    unit = models.ForeignKey(AdminUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey(Plan, verbose_name=_("kế hoạch"), on_delete=models.PROTECT, related_name="expenses")
    # Empty: spent for the whole year's conferences.
    conference = models.ForeignKey(
        Conference,
        verbose_name=_("hội nghị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="expenses",
    )
    category = models.CharField(_("khoản mục"), max_length=20, choices=BudgetCategory.choices)
    item = models.CharField(_("nội dung chi"), max_length=255)
    amount = models.DecimalField(_("số tiền (đồng)"), max_digits=MAX_AMOUNT_DIGITS, decimal_places=0)
    spent_on = models.DateField(_("ngày chi"))
    voucher_number = models.CharField(_("số chứng từ"), max_length=40, blank=True)
    # A business or a body, not a person's private data: allowances name the signed list attached instead.
    payee = models.CharField(_("đơn vị nhận tiền"), max_length=255, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    submission_key = models.CharField(max_length=40, blank=True)

    class Meta:
        verbose_name = _("khoản chi")
        verbose_name_plural = _("khoản chi")
        ordering = ["spent_on", "pk"]  # noqa: RUF012
        constraints = [  # noqa: RUF012
            # A double click records once.
            models.UniqueConstraint(
                fields=["recorded_by", "submission_key"],
                condition=~Q(submission_key=""),
                name="expense_submission_once",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="expense_amount_positive"),
        ]

    def __str__(self) -> str:
        return self.item


class ExpenseDocument(models.Model):
    """A supporting document of an expense (chứng từ): an invoice, a receipt, a signed list, as a file."""

    expense = models.ForeignKey(
        Expense, verbose_name=_("khoản chi"), on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("tên chứng từ"), max_length=255)
    file = models.ForeignKey(StoredFile, on_delete=models.PROTECT, related_name="+")
    original_name = models.CharField(max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    submission_key = models.CharField(max_length=40, blank=True)

    class Meta:
        verbose_name = _("chứng từ")
        verbose_name_plural = _("chứng từ")
        ordering = ["pk"]  # noqa: RUF012
        constraints = [  # noqa: RUF012
            # A double click attaches once.
            models.UniqueConstraint(
                fields=["uploaded_by", "submission_key"],
                condition=~Q(submission_key=""),
                name="expense_document_submission_once",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class SettlementStatus(models.TextChoices):
    OPEN = "open", _("Đang ghi chi")
    SUBMITTED = "submitted", _("Chờ Chủ tịch phê duyệt")
    APPROVED = "approved", _("Đã phê duyệt quyết toán")


class Settlement(models.Model):
    """The settlement of a conference's spending, or (no conference) of the plan's year. A conference without
    a row is open: the row is made by the first transition."""

    unit = models.ForeignKey(AdminUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey(Plan, verbose_name=_("kế hoạch"), on_delete=models.PROTECT, related_name="settlements")
    conference = models.OneToOneField(
        Conference,
        verbose_name=_("hội nghị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="settlement",
    )
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=SettlementStatus.choices, default=SettlementStatus.OPEN
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("trình lúc"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(_("phê duyệt lúc"), null=True, blank=True)
    # Why the chair returned or reopened it, shown to the accountant until the next submission.
    reason = models.TextField(_("lý do"), blank=True)
    # The figures as approved (estimate, actual, by category): what the printed settlement says.
    figures = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("quyết toán kinh phí")
        verbose_name_plural = _("quyết toán kinh phí")
        constraints = [  # noqa: RUF012
            models.UniqueConstraint(fields=["plan"], condition=Q(conference=None), name="settlement_one_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.plan_id}/{self.conference_id or '-'}"

    @property
    def is_open(self) -> bool:
        return self.status == SettlementStatus.OPEN
