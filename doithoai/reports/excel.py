"""The period report as an Excel workbook: the figures of the unit's dashboard (`selectors.dashboard`) for the
upper level, one sheet per table (key figures, sectors, villages, channels, departments, conferences).

Written from the same `UnitDashboard` as the page, so that the workbook and the dashboard cannot disagree.
Counts are numbers and rates are numbers in per cent (one decimal), blank when there is nothing to rate.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doithoai.core.exports import exported_on
from doithoai.lib import xlsx
from doithoai.petitions.measures import ROUTES, Measure, rate
from doithoai.reports.selectors.dashboard import Row, UnitDashboard

M = Measure
FILL = xlsx.EXPORT_FILL

# The sheets' names (at most 31 characters, Excel's limit).
SUMMARY = gettext_lazy("Tổng hợp")
SECTORS = gettext_lazy("Theo lĩnh vực")
VILLAGES = gettext_lazy("Theo thôn")
CHANNELS = gettext_lazy("Theo kênh")
DEPARTMENTS = gettext_lazy("Theo cơ quan")
CONFERENCES = gettext_lazy("Hội nghị")


def _sheet(workbook: Any, name: Any, title: str, notes: list[str], headers: list[str], widths: list[int]) -> Any:
    sheet = workbook.create_sheet(str(name))
    xlsx.title_row(sheet, title)
    for note in notes:
        sheet.append([note])
    sheet.append([])
    xlsx.header_row(sheet, headers, widths, fill=FILL)
    return sheet


def summary_rows(board: UnitDashboard) -> list[tuple[str, int, float | None]]:
    """The key figures (label, count, rate in per cent or None), in the order of the sheet."""
    t, c = board.totals, board.conferences
    rows: list[tuple[str, int, float | None]] = [
        (_("Hội nghị trong kỳ"), c.total, None),
        (_("Hội nghị đã tổ chức"), c.held, rate(c.held, c.total)),
        (_("Hội nghị dự kiến, đã thông báo"), c.planned, rate(c.planned, c.total)),
        (_("Hội nghị đã hủy"), c.cancelled, rate(c.cancelled, c.total)),
        (_("Đại biểu được mời"), c.invited, None),
        (_("Đại biểu có mặt"), c.present, c.attendance_rate),
        (_("Ý kiến, kiến nghị tiếp nhận"), t.total, None),
        (str(M.ANSWERED.label), t[M.ANSWERED], t.answered_rate),
    ]
    rows += [(str(route.label), t[route], rate(t[route], t.total)) for route in ROUTES]
    rows += [
        (str(M.WITH_DEADLINE.label), t[M.WITH_DEADLINE], None),
        (str(M.ON_TIME.label), t[M.ON_TIME], t.on_time_rate),
        (str(M.LATE.label), t[M.LATE], rate(t[M.LATE], t[M.ON_TIME] + t[M.LATE])),
        (str(M.OVERDUE.label), t[M.OVERDUE], None),
        (str(M.SATISFIED.label), t[M.SATISFIED], t.satisfaction_rate),
        (str(M.UNSATISFIED.label), t[M.UNSATISFIED], rate(t[M.UNSATISFIED], t[M.SATISFIED] + t[M.UNSATISFIED])),
        (_("Đã mở lại"), t.reopened, None),
    ]
    return rows


def period_workbook(board: UnitDashboard) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    unit, period = board.unit, board.period
    title = _("Báo cáo thống kê đối thoại với Nhân dân – %(unit)s") % {"unit": unit.name}
    notes = [
        _("Kỳ báo cáo: %(period)s") % {"period": period.label},
        *([_("Hội nghị: %(title)s") % {"title": board.conference.title}] if board.conference else []),
        exported_on(board.today),
    ]

    sheet = _sheet(workbook, SUMMARY, title, notes, [_("Chỉ tiêu"), _("Số lượng"), _("Tỷ lệ (%)")], [48, 14, 14])
    for label, count, share in summary_rows(board):
        xlsx.data_row(sheet, [label, count, share])

    route_headers = [str(route.label) for route in ROUTES]
    sheet = _sheet(
        workbook,
        SECTORS,
        title,
        notes,
        [_("Lĩnh vực"), _("Tổng số"), *route_headers, _("Đúng hạn"), _("Trễ hạn"), _("Tỷ lệ đúng hạn (%)")],
        [36, 10, *[16] * len(ROUTES), 12, 12, 14],
    )
    for row in board.sectors:
        xlsx.data_row(sheet, _sector_values(row.label or _("Chưa phân loại"), row))
    total = Row(key=None, label=_("Tổng cộng"), figures=board.totals)
    xlsx.data_row(sheet, _sector_values(_("Tổng cộng"), total))

    sheet = _sheet(
        workbook,
        VILLAGES,
        title,
        notes,
        [_("Thôn, tổ dân phố"), _("Tổng số"), _("Đã trả lời"), _("Quá hạn")],
        [36, 12, 12, 12],
    )
    for row in board.villages:
        f = row.figures
        xlsx.data_row(sheet, [row.label or _("Không ghi thôn"), f.total, f[M.ANSWERED], f[M.OVERDUE]])

    sheet = _sheet(workbook, CHANNELS, title, notes, [_("Kênh tiếp nhận"), _("Tổng số"), _("Đã trả lời")], [40, 12, 12])
    for row in board.channels:
        xlsx.data_row(sheet, [row.label, row.figures.total, row.figures[M.ANSWERED]])

    sheet = _sheet(
        workbook,
        DEPARTMENTS,
        title,
        notes,
        [
            _("Cơ quan được giao"),
            _("Được giao"),
            _("Đã trả lời"),
            _("Đúng hạn"),
            _("Trễ hạn"),
            _("Quá hạn"),
            _("Tỷ lệ đúng hạn (%)"),
        ],
        [40, 12, 12, 12, 12, 12, 14],
    )
    for row in board.departments:
        f = row.figures
        xlsx.data_row(sheet, [row.label, f.total, f[M.ANSWERED], f[M.ON_TIME], f[M.LATE], f[M.OVERDUE], f.on_time_rate])

    sheet = _sheet(
        workbook,
        CONFERENCES,
        title,
        notes,
        [_("Ngày"), _("Tên hội nghị"), _("Trạng thái"), _("Đại biểu được mời"), _("Có mặt"), _("Ý kiến, kiến nghị")],
        [12, 50, 22, 14, 12, 14],
    )
    for c in board.conference_rows:
        xlsx.data_row(
            sheet,
            [timezone.localtime(c.starts_at).date(), c.title, c.status_label, c.invited, c.present, c.petitions],
        )
        sheet.cell(row=sheet.max_row, column=1).number_format = "dd/mm/yyyy"
    return xlsx.save(workbook)


def _sector_values(label: str, row: Row) -> list[Any]:
    f = row.figures
    return [label, f.total, *[f[route] for route in ROUTES], f[M.ON_TIME], f[M.LATE], f.on_time_rate]
