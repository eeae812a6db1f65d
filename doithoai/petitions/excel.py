"""The petitions workbook: the template a village or the Front fills in, and reading an upload.

Reading is defensive, as for delegates: lib/xlsx.py checks the size first, then that the file is an
.xlsx (a zip with a workbook inside, not a zip bomb), then the header row, then every cell, and refuses
formulas. This module describes the columns and limits, and writes the template; what the values mean
(villages, sectors, the rules of a petition) is decided by `actions.imports`, which reports every problem
with its row.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import IO, Any, ClassVar

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doithoai.core.forms import VIETNAMESE_DATE_INPUT_FORMATS
from doithoai.lib import xlsx
from doithoai.lib.xlsx import Column, ImportRejected, SheetRow, column_letter, refuse

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
MAX_UNCOMPRESSED = 100 * 1024 * 1024
# Files up to this many data rows are imported while the person waits; larger ones in the background.
INLINE_ROWS = 200

XLSX_CONTENT_TYPE = xlsx.XLSX_CONTENT_TYPE

NUMBER = "number"
VILLAGE = "village"
NAME = "submitter_name"
PHONE = "submitter_phone"
CONSENT_CONTACT = "consent_contact"
CONSENT_PUBLISH = "consent_publish_name"
TEXT = "text"
SECTOR = "sector"
KIND = "kind"
RECEIVED_ON = "received_on"


COLUMNS = [
    Column(NUMBER, gettext_lazy("STT"), False, ("so thu tu", "tt"), 6),
    Column(
        VILLAGE,
        gettext_lazy("Thôn/Tổ dân phố"),
        True,
        ("thon", "thon, to dan pho", "thon/tdp", "to dan pho", "thon, to", "dia ban"),
        22,
    ),
    Column(
        NAME,
        gettext_lazy("Họ tên người kiến nghị"),
        False,
        ("ho ten", "ho va ten", "nguoi kien nghi", "ho ten nguoi gop y", "nguoi gop y"),
        26,
    ),
    Column(PHONE, gettext_lazy("Số điện thoại"), False, ("dien thoai", "sdt", "so dt"), 16),
    Column(CONSENT_CONTACT, gettext_lazy("Đồng ý liên hệ (Có/Không)"), False, ("dong y duoc lien he",), 14),
    Column(
        CONSENT_PUBLISH,
        gettext_lazy("Đồng ý công khai tên (Có/Không)"),
        False,
        ("dong y cong khai ho ten", "cong khai ten"),
        14,
    ),
    Column(
        TEXT,
        gettext_lazy("Nội dung ý kiến, kiến nghị"),
        True,
        ("noi dung", "noi dung y kien", "noi dung kien nghi", "y kien, kien nghi", "noi dung y kien kien nghi"),
        70,
    ),
    Column(SECTOR, gettext_lazy("Lĩnh vực"), False, ("linh vuc", "nhom linh vuc"), 28),
    Column(KIND, gettext_lazy("Tính chất"), False, ("loai", "phan loai"), 16),
    Column(RECEIVED_ON, gettext_lazy("Ngày tiếp nhận (dd/mm/yyyy)"), False, ("ngay", "ngay nhan", "ngay gui"), 16),
]
BY_KEY = {c.key: c for c in COLUMNS}
YES = xlsx.YES
NO = xlsx.NO


@dataclass(frozen=True)
class RowError(xlsx.RowError):
    """A problem said with its column too: a petitions sheet has long rows, where the column helps."""

    def __str__(self) -> str:
        if self.row is not None and self.column:
            return _("Dòng %(row)s, cột “%(column)s”: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return super().__str__()


@dataclass
class Errors(xlsx.Errors):
    row_error: ClassVar[type[xlsx.RowError]] = RowError


def _spec() -> xlsx.SheetSpec:
    # Built at each read, from this module's limits (which tests lower).
    return xlsx.SheetSpec(
        columns=COLUMNS,
        anchor=TEXT,
        max_bytes=MAX_BYTES,
        max_rows=MAX_ROWS,
        max_uncompressed=MAX_UNCOMPRESSED,
        too_big=_too_big,
        not_xlsx=not_xlsx,
        dates=frozenset({RECEIVED_ON}),
        ignored=frozenset({NUMBER}),
    )


def read_upload(upload: IO[bytes] | bytes) -> bytes:
    """The upload's bytes once they look like an .xlsx within the limits; `ImportRejected` otherwise."""
    return xlsx.read_upload(upload, _spec())


def _too_big() -> ImportRejected:
    return refuse(
        _("Tệp lớn hơn %(mb)s MB. Hãy xóa ảnh, trang tính thừa, hoặc chia thành nhiều tệp.")
        % {"mb": MAX_BYTES // (1024 * 1024)}
    )


def not_xlsx() -> ImportRejected:
    return refuse(
        _(
            "Tệp không phải là tệp Excel .xlsx hợp lệ (tệp hỏng, hoặc tệp khác đổi tên). Hãy dùng mẫu tải về "
            "từ trang này (tệp .xls cũ: mở bằng Excel và lưu lại dưới dạng .xlsx)."
        )
    )


def check_zip(data: bytes) -> None:
    xlsx.check_zip(data, _spec())


def parse_date(value: Any) -> dt.date | None:
    """A date cell, or text written day/month/year; None when it is neither."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = "".join(str(value or "").split())
    for pattern in VIETNAMESE_DATE_INPUT_FORMATS:
        try:
            day = dt.datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a calendar date, no time
        except ValueError:
            continue
        return day if day.year >= 1900 else None
    return None


def read_rows(data: bytes) -> list[SheetRow]:
    """The data rows of the first sheet, keyed by column; `ImportRejected` on any problem of the file itself."""
    return xlsx.read_rows(data, _spec(), Errors())


def has_more_rows_than(data: bytes, limit: int) -> bool:
    """Whether the first sheet has more than `limit` rows with values, reading no further than needed
    (a template has a thousand formatted but empty rows; they are not counted)."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True)
    except Exception:
        return False  # the import itself reports the problem
    try:
        if not workbook.worksheets:
            return False
        filled = 0
        for values in workbook.worksheets[0].iter_rows(max_col=xlsx.MAX_COLUMNS, values_only=True):
            if any(v is not None and str(v).strip() for v in values):
                filled += 1
                if filled > limit:
                    return True
        return False
    except Exception:
        return False
    finally:
        workbook.close()


# ---------------------------------------------------------------- writing


TEMPLATE_ROWS = 1000  # rows with drop-down lists; more may be added below


def template_workbook(*, title: str, villages: list[str], sectors: list[str], kinds: list[str]) -> bytes:
    """The import template: the petitions sheet with drop-down lists, a "Danh mục" sheet and instructions."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Ý kiến, kiến nghị")
    xlsx.header_row(sheet, [c.header for c in COLUMNS], [c.width for c in COLUMNS])
    keys = [c.key for c in COLUMNS]
    letters = {key: column_letter(index) for index, key in enumerate(keys)}
    last = TEMPLATE_ROWS + 1
    # Whole columns as text, not numbers or dates: a phone keeps its leading 0, and 05/06 is not read as
    # May 6 by an Excel set to English. (Styles on the columns, not on a thousand cells: it is quicker.)
    sheet.column_dimensions[letters[PHONE]].number_format = "@"
    sheet.column_dimensions[letters[RECEIVED_ON]].number_format = "@"
    sheet.column_dimensions[letters[TEXT]].alignment = Alignment(wrap_text=True, vertical="top")

    lists = workbook.create_sheet(_("Danh mục"))
    xlsx.header_row(lists, [_("Thôn/Tổ dân phố"), _("Lĩnh vực"), _("Tính chất")], [28, 44, 20])
    for column, names in enumerate((villages, sectors, kinds), start=1):
        for index, name in enumerate(names, start=2):
            xlsx.set_value(lists.cell(row=index, column=column), name)

    def choose(key: str, list_letter: str, count: int, message: str) -> None:
        if not count:
            return
        validation = DataValidation(
            type="list", formula1=f"='{lists.title}'!${list_letter}$2:${list_letter}${count + 1}", allow_blank=True
        )
        validation.error = message
        validation.showErrorMessage = True
        sheet.add_data_validation(validation)
        validation.add(f"{letters[key]}2:{letters[key]}{last}")

    choose(VILLAGE, "A", len(villages), _("Chọn thôn, tổ dân phố trong danh sách."))
    choose(SECTOR, "B", len(sectors), _("Chọn lĩnh vực trong danh sách."))
    choose(KIND, "C", len(kinds), _("Chọn tính chất trong danh sách."))
    for key in (CONSENT_CONTACT, CONSENT_PUBLISH):
        consent = DataValidation(type="list", formula1=f'"{_("Có")},{_("Không")}"', allow_blank=True)
        sheet.add_data_validation(consent)
        consent.add(f"{letters[key]}2:{letters[key]}{last}")

    guide = workbook.create_sheet(_("Hướng dẫn"))
    guide.column_dimensions["A"].width = 110
    lines = [
        title,
        _("Cách điền mẫu tổng hợp ý kiến, kiến nghị"),
        _("1. Nhập ở trang “Ý kiến, kiến nghị”, mỗi ý kiến một dòng, từ dòng 2. Không đổi tên, thứ tự các cột."),
        _("2. Bắt buộc: Thôn/Tổ dân phố và Nội dung ý kiến, kiến nghị. Các cột khác có thể để trống."),
        _("3. Thôn/Tổ dân phố, Lĩnh vực, Tính chất: chọn trong danh sách (trang “Danh mục”)."),
        _(
            "4. Họ tên, số điện thoại là thông tin cá nhân: chỉ ghi khi người kiến nghị đồng ý. Số điện thoại "
            "chỉ được lưu khi cột “Đồng ý liên hệ” ghi “Có”. Tên chỉ được công khai khi “Đồng ý công khai tên” "
            "ghi “Có”. Không ghi tuổi, số CCCD."
        ),
        _("5. Ngày tiếp nhận ghi theo dạng ngày/tháng/năm, ví dụ 05/06/2026; để trống là ngày nhập tệp."),
        _("6. Không dùng công thức. Mỗi nội dung không quá 10.000 ký tự."),
        _(
            "7. Nếu có lỗi ở bất kỳ dòng nào, không dòng nào được nhập: sửa các dòng báo lỗi rồi tải tệp lên lại. "
            "Tải lại cùng một tệp đã nhập sẽ không tạo ý kiến trùng."
        ),
    ]
    for index, line in enumerate(lines, start=1):
        cell = guide.cell(row=index, column=1)
        xlsx.set_value(cell, str(line))
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if index <= 2:
            cell.font = Font(bold=True)
    return xlsx.save(workbook)
