"""The settlement (quyết toán) of a conference or of a year: one structure, `SettlementSheet`, printed on A4 by
the page and written as Excel here, so that the two cannot disagree. Sums are numbers (đồng) in Excel."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doithoai.budget.models import Expense, Settlement, SettlementStatus
from doithoai.budget.selectors import Figures
from doithoai.conferences.models import Conference
from doithoai.core.exports import exported_on, filename
from doithoai.lib import xlsx
from doithoai.lib.vndates import place_and_date, short_date
from doithoai.plans.models import BudgetCategory, Plan
from doithoai.plans.presets import names_of
from doithoai.units.models import AdminUnit

SUMMARY = gettext_lazy("Tổng hợp")
DETAIL = gettext_lazy("Chi tiết khoản chi")


@dataclass
class SettlementSheet:
    unit: AdminUnit
    plan: Plan
    conference: Conference | None
    settlement: Settlement
    figures: Figures
    expenses: list[Expense]

    @property
    def title(self) -> str:
        return _("BẢNG QUYẾT TOÁN KINH PHÍ")

    @property
    def subject(self) -> str:
        if self.conference is not None:
            return _("Hội nghị: %(title)s, ngày %(date)s") % {
                "title": self.conference.title,
                "date": short_date(timezone.localtime(self.conference.starts_at).date()),
            }
        return _("Các hội nghị đối thoại năm %(year)s (theo kế hoạch %(plan)s)") % {
            "year": self.plan.year,
            "plan": self.plan.number or self.plan.title,
        }

    @property
    def state(self) -> str:
        label = str(SettlementStatus(self.settlement.status).label)
        if self.settlement.status == SettlementStatus.APPROVED and self.settlement.approved_at:
            return _("%(state)s ngày %(date)s") % {
                "state": label,
                "date": short_date(timezone.localtime(self.settlement.approved_at).date()),
            }
        return label

    @property
    def is_final(self) -> bool:
        return self.settlement.status == SettlementStatus.APPROVED

    @property
    def body(self) -> str:
        return names_of(self.unit).committee

    @property
    def date_line(self) -> str:
        return place_and_date(names_of(self.unit).place, timezone.localdate())

    def category_label(self, value: str) -> str:
        return str(BudgetCategory(value).label)


def workbook(sheet: SettlementSheet) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    summary = book.active
    summary.title = str(SUMMARY)
    xlsx.title_row(summary, f"{sheet.title}: {sheet.subject}")
    summary.append([sheet.unit.name])
    summary.append([_("Trạng thái: %(state)s") % {"state": sheet.state}])
    summary.append([exported_on()])
    summary.append([])
    xlsx.header_row(
        summary,
        [_("STT"), _("Khoản mục"), _("Dự toán (đồng)"), _("Thực chi (đồng)"), _("Chênh lệch (đồng)")],
        [6, 40, 18, 18, 18],
        fill=xlsx.EXPORT_FILL,
    )
    for index, row in enumerate(sheet.figures.rows, start=1):
        xlsx.data_row(summary, [index, row.label, int(row.estimate), int(row.actual), int(row.difference)])
    f = sheet.figures
    xlsx.data_row(summary, ["", _("Tổng cộng"), int(f.estimate), int(f.actual), int(f.difference)])
    for row in summary.iter_rows(min_row=summary.max_row - len(f.rows), min_col=3, max_col=5):
        for cell in row:
            cell.number_format = "#,##0"

    detail = book.create_sheet(str(DETAIL))
    xlsx.title_row(detail, f"{_('Chi tiết khoản chi')}: {sheet.subject}")
    detail.append([])
    xlsx.header_row(
        detail,
        [
            _("STT"),
            _("Ngày chi"),
            _("Số chứng từ"),
            _("Khoản mục"),
            _("Nội dung chi"),
            _("Hội nghị"),
            _("Đơn vị nhận tiền"),
            _("Số tiền (đồng)"),
            _("Số chứng từ kèm theo"),
        ],
        [6, 12, 14, 28, 40, 30, 30, 16, 12],
        fill=xlsx.EXPORT_FILL,
    )
    for index, e in enumerate(sheet.expenses, start=1):
        xlsx.data_row(
            detail,
            [
                index,
                e.spent_on,
                e.voucher_number,
                str(BudgetCategory(e.category).label),
                e.item,
                e.conference.title if e.conference_id else _("Chung cho cả năm"),  # type: ignore[union-attr]
                e.payee,
                int(e.amount),
                len(e.documents.all()),
            ],
            wrap=True,
        )
        detail.cell(row=detail.max_row, column=2).number_format = "dd/mm/yyyy"
        detail.cell(row=detail.max_row, column=8).number_format = "#,##0"
    return xlsx.save(book)


def response(sheet: SettlementSheet) -> HttpResponse:
    stem = f"quyet-toan-{sheet.plan.year}" + (f"-hoi-nghi-{sheet.conference.pk}" if sheet.conference else "")
    out = HttpResponse(workbook(sheet), content_type=xlsx.XLSX_CONTENT_TYPE)
    out["Content-Disposition"] = f'attachment; filename="{filename(stem, "xlsx")}"'
    return out
