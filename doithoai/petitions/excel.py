"""The petitions workbook: the template a village or the Front fills in, and reading an upload.

Reading is defensive, as for delegates (delegates/excel.py): the size first, then that the file is an
.xlsx (a zip with a workbook inside, not a zip bomb), then the header row, then every cell. Formulas are
refused. This module only reads and writes workbooks; what the values mean (villages, sectors, the rules
of a petition) is decided by `actions.imports`, which reports every problem with its row.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
import zipfile
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doithoai.core.forms import VIETNAMESE_DATE_INPUT_FORMATS
from doithoai.lib.text import fold, normalize_input

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
MAX_COLUMNS = 30
MAX_UNCOMPRESSED = 100 * 1024 * 1024
MAX_ZIP_ENTRIES = 500
MAX_ERRORS = 500
HEADER_SEARCH_ROWS = 10
# Files up to this many data rows are imported while the person waits; larger ones in the background.
INLINE_ROWS = 200

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

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


@dataclass(frozen=True)
class Column:
    key: str
    header: Any  # lazy text
    required: bool
    aliases: tuple[str, ...] = ()
    width: int = 20

    def names(self) -> set[str]:
        """Folded header in the page's language and in Vietnamese, without its "(Có/Không)" hint, and aliases."""
        with translation.override("vi"):
            vietnamese = str(self.header)
        return {_bare(str(self.header)), _bare(vietnamese), *self.aliases}


def _bare(header: str) -> str:
    return re.sub(r"\s*\(.*\)\s*$", "", fold(header)).strip(" :.*")


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
YES = {"co", "x", "1", "yes", "y", "dong y", "true", "c"}
NO = {"khong", "0", "no", "n", "false", "k", "khong dong y"}


@dataclass(frozen=True)
class RowError:
    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        if self.column:
            return _("Dòng %(row)s, cột “%(column)s”: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return _("Dòng %(row)s: %(message)s") % {"row": self.row, "message": self.message}

    def as_json(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message, "text": str(self)}


class ImportRejected(ValidationError):
    """The file is refused; `row_errors` says where and why, row by row."""

    def __init__(self, errors: list[RowError], *, more: int = 0) -> None:
        self.row_errors = errors
        self.more = more
        messages = [str(e) for e in errors]
        if more:
            messages.append(_("… và %(n)s lỗi khác.") % {"n": more})
        super().__init__({"file": messages})


@dataclass
class SheetRow:
    number: int  # as Excel numbers it
    values: dict[str, Any]  # text, or a date for the date column

    def text(self, key: str) -> str:
        value = self.values.get(key, "")
        return value if isinstance(value, str) else ""


@dataclass
class Errors:
    items: list[RowError] = field(default_factory=list)
    more: int = 0

    def add(self, row: int | None, column: str, message: str) -> None:
        if len(self.items) < MAX_ERRORS:
            self.items.append(RowError(row, column, message))
        else:
            self.more += 1

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise ImportRejected(self.items, more=self.more)


def refuse(message: str) -> ImportRejected:
    return ImportRejected([RowError(None, "", message)])


def read_upload(upload: IO[bytes] | bytes) -> bytes:
    """The upload's bytes once they look like an .xlsx within the limits; `ImportRejected` otherwise."""
    if isinstance(upload, bytes | bytearray):
        data = bytes(upload)
    else:
        size = getattr(upload, "size", None)
        if size is not None and size > MAX_BYTES:
            raise _too_big()
        upload.seek(0)
        data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise _too_big()
    if not data:
        raise refuse(_("Tệp rỗng: chọn tệp Excel theo mẫu."))
    check_zip(data)
    return data


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
    if not data.startswith(b"PK"):
        raise not_xlsx()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            broken = archive.testzip()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, RuntimeError, NotImplementedError):
        raise not_xlsx() from None
    if broken is not None or "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
        raise not_xlsx()
    if len(infos) > MAX_ZIP_ENTRIES or sum(info.file_size for info in infos) > MAX_UNCOMPRESSED:
        raise _too_big()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    return normalize_input(str(value))


def _header_key(text: str) -> str | None:
    bare = _bare(text)
    for column in COLUMNS:
        if bare in column.names():
            return column.key
    return None


def _find_header(rows: list[tuple[int, list[Any]]], errors: Errors) -> tuple[int, dict[int, str]] | None:
    """The header row and {column index: key}; errors for missing, unknown or repeated columns."""
    text_names = BY_KEY[TEXT].names()
    for number, values in rows:
        texts = [_text(v) for v in values]
        if not any(_bare(t) in text_names for t in texts):
            continue
        mapping: dict[int, str] = {}
        for index, text in enumerate(texts):
            if not text:
                continue
            key = _header_key(text)
            if key is None:
                errors.add(number, text, _("cột “%(header)s” không có trong mẫu.") % {"header": text})
            elif key in mapping.values():
                errors.add(number, text, _("cột “%(header)s” bị lặp lại.") % {"header": text})
            else:
                mapping[index] = key
        for column in COLUMNS:
            if column.required and column.key not in mapping.values():
                errors.add(number, str(column.header), _("thiếu cột “%(header)s”.") % {"header": column.header})
        return number, mapping
    errors.add(
        None,
        "",
        _("Không tìm thấy dòng tiêu đề của mẫu (các cột %(headers)s). Hãy dùng mẫu tải về từ trang này.")
        % {"headers": ", ".join(f"“{c.header}”" for c in COLUMNS if c.required)},
    )
    return None


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
    from openpyxl import load_workbook

    check_zip(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:
        raise not_xlsx() from None
    try:
        if not workbook.worksheets:
            raise refuse(_("Tệp không có trang tính nào."))
        return _rows_of(workbook.worksheets[0])
    except ImportRejected:
        raise
    except Exception:
        # A damaged sheet inside a well-formed zip.
        raise not_xlsx() from None
    finally:
        workbook.close()


def _rows_of(sheet: Any) -> list[SheetRow]:
    errors = Errors()
    last_row = HEADER_SEARCH_ROWS + 2 * MAX_ROWS
    numbered = enumerate(sheet.iter_rows(min_row=1, max_row=last_row, max_col=MAX_COLUMNS), start=1)
    head = list(itertools.islice(numbered, HEADER_SEARCH_ROWS))
    found = _find_header([(number, [c.value for c in row]) for number, row in head], errors)
    errors.raise_if_any()
    assert found is not None
    header_row, mapping = found
    rows: list[SheetRow] = []
    too_many = refuse(
        _("Tệp có hơn %(max)s dòng dữ liệu; chia thành nhiều tệp để nhập.") % {"max": f"{MAX_ROWS:,}".replace(",", ".")}
    )
    for number, row in itertools.chain(head, numbered):
        if number == last_row:
            raise too_many
        if number <= header_row:
            continue
        values: dict[str, Any] = {}
        for index, cell in enumerate(row):
            value = getattr(cell, "value", None)
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            key = mapping.get(index)
            letter = column_letter(index)
            if getattr(cell, "data_type", "") == "f" or (isinstance(value, str) and value.lstrip().startswith("=")):
                errors.add(
                    number,
                    str(BY_KEY[key].header) if key else letter,
                    _("ô %(cell)s chứa công thức; chỉ nhập giá trị.") % {"cell": f"{letter}{number}"},
                )
                continue
            if key is None:
                errors.add(
                    number, letter, _("có dữ liệu ở cột %(col)s, cột không có tiêu đề trong mẫu.") % {"col": letter}
                )
                continue
            if key == RECEIVED_ON and isinstance(value, dt.date | dt.datetime):
                values[key] = value
            else:
                values[key] = _text(value)
        values.pop(NUMBER, None)
        if not any(values.values()):
            continue
        if len(rows) == MAX_ROWS:
            raise too_many
        rows.append(SheetRow(number=number, values=values))
    errors.raise_if_any()
    if not rows:
        raise refuse(_("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."))
    return rows


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
        for values in workbook.worksheets[0].iter_rows(max_col=MAX_COLUMNS, values_only=True):
            if any(v is not None and str(v).strip() for v in values):
                filled += 1
                if filled > limit:
                    return True
        return False
    except Exception:
        return False
    finally:
        workbook.close()


def column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


# ---------------------------------------------------------------- writing


def _set(cell: Any, value: Any) -> None:
    """A value written as data: text that looks like a formula stays text."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


def _header_row(sheet: Any, headers: list[Any], widths: list[int]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="F2DCDB")
    for index, (header, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = sheet.cell(row=1, column=index)
        _set(cell, str(header))
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"


TEMPLATE_ROWS = 1000  # rows with drop-down lists; more may be added below


def template_workbook(*, title: str, villages: list[str], sectors: list[str], kinds: list[str]) -> bytes:
    """The import template: the petitions sheet with drop-down lists, a "Danh mục" sheet and instructions."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Ý kiến, kiến nghị")
    _header_row(sheet, [c.header for c in COLUMNS], [c.width for c in COLUMNS])
    keys = [c.key for c in COLUMNS]
    letters = {key: column_letter(index) for index, key in enumerate(keys)}
    last = TEMPLATE_ROWS + 1
    # Whole columns as text, not numbers or dates: a phone keeps its leading 0, and 05/06 is not read as
    # May 6 by an Excel set to English. (Styles on the columns, not on a thousand cells: it is quicker.)
    sheet.column_dimensions[letters[PHONE]].number_format = "@"
    sheet.column_dimensions[letters[RECEIVED_ON]].number_format = "@"
    sheet.column_dimensions[letters[TEXT]].alignment = Alignment(wrap_text=True, vertical="top")

    lists = workbook.create_sheet(_("Danh mục"))
    _header_row(lists, [_("Thôn/Tổ dân phố"), _("Lĩnh vực"), _("Tính chất")], [28, 44, 20])
    for column, names in enumerate((villages, sectors, kinds), start=1):
        for index, name in enumerate(names, start=2):
            _set(lists.cell(row=index, column=column), name)

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
        _set(cell, str(line))
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if index <= 2:
            cell.font = Font(bold=True)
    return _save(workbook)


def _save(workbook: Any) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
