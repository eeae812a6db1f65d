"""The delegate workbook: the template offices fill in, reading an upload, and the export.

Reading is defensive (see lib/xlsx.py, shared with the petitions import): the
size first, then that the file is an .xlsx, then the header row, then every
cell; formulas are refused. Every problem is reported with its row
("Dòng 7: …"), and nothing is imported while any remains; the caller decides
what the values mean (see actions.delegates_import).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO, Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doithoai.lib import xlsx
from doithoai.lib.xlsx import Column, Errors, ImportRejected, SheetRow, refuse

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000
MAX_UNCOMPRESSED = 60 * 1024 * 1024

XLSX_CONTENT_TYPE = xlsx.XLSX_CONTENT_TYPE

FULL_NAME = "full_name"
POSITION = "position"
VILLAGE = "village"
ROLE = "role"
PHONE = "phone"
CONSENT = "consent"
NOTE = "note"
NUMBER = "number"


COLUMNS = [
    Column(NUMBER, gettext_lazy("STT"), False, ("so thu tu", "tt"), 6),
    Column(FULL_NAME, gettext_lazy("Họ và tên"), True, ("ho ten", "ho va ten dai bieu"), 28),
    Column(POSITION, gettext_lazy("Chức vụ"), True, ("chuc vu, don vi", "chuc danh"), 30),
    Column(VILLAGE, gettext_lazy("Thôn/Tổ dân phố"), True, ("thon", "thon, to dan pho", "thon/tdp", "to dan pho"), 22),
    Column(ROLE, gettext_lazy("Thành phần"), True, ("thanh phan tham du", "nhom"), 40),
    Column(PHONE, gettext_lazy("Số điện thoại"), True, ("dien thoai", "sdt", "so dt"), 16),
    Column(CONSENT, gettext_lazy("Đồng ý công khai tên"), True, ("dong y cong khai", "cong khai ten"), 14),
    Column(NOTE, gettext_lazy("Ghi chú"), False, (), 24),
]
BY_KEY = {c.key: c for c in COLUMNS}
RowError = xlsx.RowError  # said with its row only ("Dòng 7: …"); the page shows the column beside it
YES = xlsx.YES
NO = xlsx.NO


def _spec() -> xlsx.SheetSpec:
    # Built at each read, from this module's limits (which tests lower).
    return xlsx.SheetSpec(
        columns=COLUMNS,
        anchor=FULL_NAME,
        max_bytes=MAX_BYTES,
        max_rows=MAX_ROWS,
        max_uncompressed=MAX_UNCOMPRESSED,
        too_big=_too_big,
        not_xlsx=_not_xlsx,
        raw=frozenset({PHONE}),  # a phone Excel stored as a number, to restore its leading 0
        ignored=frozenset({NUMBER}),
    )


def _too_big() -> ImportRejected:
    return refuse(
        _("Tệp lớn hơn %(mb)s MB. Mẫu nhập đại biểu chỉ cần tên và vài cột, hãy xóa ảnh, trang tính thừa.")
        % {"mb": MAX_BYTES // (1024 * 1024)}
    )


def _not_xlsx() -> ImportRejected:
    return refuse(
        _(
            "Tệp không phải là tệp Excel .xlsx hợp lệ. Hãy dùng mẫu tải về từ trang này "
            "(tệp .xls cũ: mở bằng Excel và lưu lại dưới dạng .xlsx)."
        )
    )


def _header_key(text: str) -> str | None:
    return _spec().header_key(text)


def read_rows(upload: IO[bytes] | bytes) -> list[SheetRow]:
    """The data rows of the first sheet, keyed by column; `ImportRejected` on any problem of the file itself."""
    spec = _spec()
    return xlsx.read_rows(xlsx.read_upload(upload, spec), spec, Errors())


# ---------------------------------------------------------------- writing


@dataclass(frozen=True)
class TemplateRow:
    village: str
    role: str


def template_workbook(
    *,
    title: str,
    villages: list[str],
    composition: list[tuple[str, str, str]],
    rows: list[TemplateRow] | None = None,
) -> bytes:
    """The import template: the delegates sheet, and a list of the conference's villages and composition.

    `composition` is (role label, group, quota in words); `rows` prefill the
    open slots so that the office only types names.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Đại biểu")
    xlsx.header_row(sheet, [c.header for c in COLUMNS], [c.width for c in COLUMNS])
    phone_letter = xlsx.column_letter([c.key for c in COLUMNS].index(PHONE))
    for index, row in enumerate(rows or [], start=2):
        xlsx.set_value(sheet.cell(row=index, column=1), index - 1)
        xlsx.set_value(sheet.cell(row=index, column=4), row.village)
        xlsx.set_value(sheet.cell(row=index, column=5), row.role)
    last = max(len(rows or []) + 1, 500)
    for number in range(2, last + 1):
        sheet[f"{phone_letter}{number}"].number_format = "@"

    lists = workbook.create_sheet(_("Danh mục"))
    xlsx.header_row(lists, [_("Thôn/Tổ dân phố"), "", _("Thành phần"), _("Nhóm"), _("Số lượng")], [26, 3, 60, 26, 18])
    for index, name in enumerate(villages, start=2):
        xlsx.set_value(lists.cell(row=index, column=1), name)
    for index, (role, group, quota) in enumerate(composition, start=2):
        xlsx.set_value(lists.cell(row=index, column=3), role)
        xlsx.set_value(lists.cell(row=index, column=4), group)
        xlsx.set_value(lists.cell(row=index, column=5), quota)
    note_row = max(len(villages), len(composition)) + 3
    xlsx.set_value(lists.cell(row=note_row, column=1), title)
    lists.cell(row=note_row, column=1).font = Font(bold=True)
    xlsx.set_value(
        lists.cell(row=note_row + 1, column=1),
        _(
            "Nhập đại biểu ở trang “Đại biểu”, mỗi người một dòng, từ dòng 2. Thôn/Tổ dân phố và Thành phần chọn "
            "trong danh sách này (để trống Thôn với đại biểu cấp xã). Đồng ý công khai tên: Có hoặc Không. "
            "Không dùng công thức."
        ),
    )

    if villages:
        village_list = DataValidation(
            type="list", formula1=f"='{lists.title}'!$A$2:$A${len(villages) + 1}", allow_blank=True
        )
        village_list.error = _("Chọn thôn, tổ dân phố trong danh sách.")
        village_list.showErrorMessage = True
        sheet.add_data_validation(village_list)
        village_list.add(f"D2:D{last}")
    if composition:
        role_list = DataValidation(
            type="list", formula1=f"='{lists.title}'!$C$2:$C${len(composition) + 1}", allow_blank=True
        )
        role_list.showErrorMessage = False  # another role may be typed: the delegate is then added as an extra
        sheet.add_data_validation(role_list)
        role_list.add(f"E2:E{last}")
    consent = DataValidation(type="list", formula1=f'"{_("Có")},{_("Không")}"', allow_blank=True)
    sheet.add_data_validation(consent)
    consent.add(f"G2:G{last}")
    return xlsx.save(workbook)


def export_workbook(*, title: str, headers: list[str], rows: Iterable[list[Any]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = _("Đại biểu")
    xlsx.header_row(sheet, headers, [6, 28, 30, 22, 40, *[18] * (len(headers) - 5)])
    for index, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            xlsx.set_value(sheet.cell(row=index, column=column), value)
    sheet.oddFooter.center.text = title
    return xlsx.save(workbook)


def local_text(moment: dt.datetime | None) -> str:
    return timezone.localtime(moment).strftime("%H:%M %d/%m/%Y") if moment else ""
