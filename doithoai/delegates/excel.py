"""The delegate workbook: the template offices fill in, reading an upload, and the export.

Reading is defensive: the size is checked before anything is parsed, then
that the file is an .xlsx (a zip with a workbook inside, not a zip bomb),
then the header row, then every cell. Formulas are refused (the import takes
values, and a formula's cached value may be stale or absent). Every problem
is reported with its row ("Dòng 7: …"), and nothing is imported while any
remains; the caller decides what the values mean (see actions.delegates_import).
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doithoai.lib.text import fold, normalize_input

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000
MAX_COLUMNS = 30
MAX_UNCOMPRESSED = 60 * 1024 * 1024
MAX_ZIP_ENTRIES = 500
MAX_ERRORS = 500
# How far down the header row may be (a title line above it is common).
HEADER_SEARCH_ROWS = 10

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

FULL_NAME = "full_name"
POSITION = "position"
VILLAGE = "village"
ROLE = "role"
PHONE = "phone"
CONSENT = "consent"
NOTE = "note"
NUMBER = "number"


@dataclass(frozen=True)
class Column:
    key: str
    header: Any  # lazy text
    required: bool
    aliases: tuple[str, ...] = ()
    width: int = 20

    def names(self) -> set[str]:
        """The header as folded text in the page's language and in Vietnamese, and its aliases: a template
        downloaded in English is read back in Vietnamese and the other way round."""
        with translation.override("vi"):
            vietnamese = str(self.header)
        return {fold(str(self.header)), fold(vietnamese), *self.aliases}


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
        return _("Dòng %(row)s: %(message)s") % {"row": self.row, "message": self.message}


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
    values: dict[str, str]
    raw_phone: Any = None

    def is_blank(self) -> bool:
        return not any(self.values.values())


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


def _refuse(message: str) -> ImportRejected:
    return ImportRejected([RowError(None, "", message)])


def _read_bytes(upload: IO[bytes] | bytes) -> bytes:
    """The upload's bytes, refusing an over-large file before reading it."""
    if isinstance(upload, bytes | bytearray):
        data = bytes(upload)
    else:
        size = getattr(upload, "size", None)
        if size is not None and size > MAX_BYTES:
            raise _too_big()
        data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise _too_big()
    if not data:
        raise _refuse(_("Tệp rỗng: chọn tệp Excel theo mẫu."))
    return data


def _too_big() -> ImportRejected:
    return _refuse(
        _("Tệp lớn hơn %(mb)s MB. Mẫu nhập đại biểu chỉ cần tên và vài cột, hãy xóa ảnh, trang tính thừa.")
        % {"mb": MAX_BYTES // (1024 * 1024)}
    )


def _not_xlsx() -> ImportRejected:
    return _refuse(
        _(
            "Tệp không phải là tệp Excel .xlsx hợp lệ. Hãy dùng mẫu tải về từ trang này "
            "(tệp .xls cũ: mở bằng Excel và lưu lại dưới dạng .xlsx)."
        )
    )


def _check_zip(data: bytes) -> None:
    if not data.startswith(b"PK"):
        raise _not_xlsx()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
    except (zipfile.BadZipFile, ValueError, OSError):
        raise _not_xlsx() from None
    if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
        raise _not_xlsx()
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
    folded = fold(text).strip(" :.*")
    for column in COLUMNS:
        if folded in column.names():
            return column.key
    return None


def _find_header(rows: list[tuple[int, list[Any]]], errors: Errors) -> tuple[int, dict[int, str]] | None:
    """The header row and {column index: key}; errors for missing, unknown or repeated columns."""
    full_name = BY_KEY[FULL_NAME].names()
    for number, values in rows:
        texts = [_text(v) for v in values]
        if not any(fold(t).strip(" :.*") in full_name for t in texts):
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


def read_rows(upload: IO[bytes] | bytes) -> list[SheetRow]:
    """The data rows of the first sheet, keyed by column; `ImportRejected` on any problem of the file itself."""
    from openpyxl import load_workbook

    data = _read_bytes(upload)
    _check_zip(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:
        raise _not_xlsx() from None
    try:
        if not workbook.worksheets:
            raise _refuse(_("Tệp không có trang tính nào."))
        sheet = workbook.worksheets[0]
        return _rows_of(sheet)
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
    too_many = _refuse(
        _("Tệp có hơn %(max)s dòng dữ liệu; chia thành nhiều tệp để nhập.") % {"max": f"{MAX_ROWS:,}".replace(",", ".")}
    )
    for number, row in itertools.chain(head, numbered):
        if number == last_row:
            raise too_many
        if number <= header_row:
            continue
        values: dict[str, str] = {}
        raw_phone = None
        for index, cell in enumerate(row):
            value = cell.value
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            key = mapping.get(index)
            letter = _column_letter(index)
            if cell.data_type == "f" or (isinstance(value, str) and value.lstrip().startswith("=")):
                errors.add(
                    number, letter, _("ô %(cell)s chứa công thức; chỉ nhập giá trị.") % {"cell": f"{letter}{number}"}
                )
                continue
            if key is None:
                errors.add(
                    number, letter, _("có dữ liệu ở cột %(col)s, cột không có tiêu đề trong mẫu.") % {"col": letter}
                )
                continue
            if key == PHONE:
                raw_phone = value
            values[key] = _text(value)
        values.pop(NUMBER, None)
        if not any(values.values()):
            continue
        if len(rows) == MAX_ROWS:
            raise too_many
        rows.append(SheetRow(number=number, values=values, raw_phone=raw_phone))
    errors.raise_if_any()
    if not rows:
        raise _refuse(_("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."))
    return rows


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


# ---------------------------------------------------------------- writing


def _set(cell: Any, value: Any) -> None:
    """A value written as data: text that looks like a formula stays text."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


def _header_row(sheet: Any, headers: Iterable[Any], widths: Iterable[int]) -> None:
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
    _header_row(sheet, [c.header for c in COLUMNS], [c.width for c in COLUMNS])
    phone_letter = _column_letter([c.key for c in COLUMNS].index(PHONE))
    for index, row in enumerate(rows or [], start=2):
        _set(sheet.cell(row=index, column=1), index - 1)
        _set(sheet.cell(row=index, column=4), row.village)
        _set(sheet.cell(row=index, column=5), row.role)
    last = max(len(rows or []) + 1, 500)
    for number in range(2, last + 1):
        sheet[f"{phone_letter}{number}"].number_format = "@"

    lists = workbook.create_sheet(_("Danh mục"))
    _header_row(lists, [_("Thôn/Tổ dân phố"), "", _("Thành phần"), _("Nhóm"), _("Số lượng")], [26, 3, 60, 26, 18])
    for index, name in enumerate(villages, start=2):
        _set(lists.cell(row=index, column=1), name)
    for index, (role, group, quota) in enumerate(composition, start=2):
        _set(lists.cell(row=index, column=3), role)
        _set(lists.cell(row=index, column=4), group)
        _set(lists.cell(row=index, column=5), quota)
    note_row = max(len(villages), len(composition)) + 3
    _set(lists.cell(row=note_row, column=1), title)
    lists.cell(row=note_row, column=1).font = Font(bold=True)
    _set(
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
    return _save(workbook)


def export_workbook(*, title: str, headers: list[str], rows: Iterable[list[Any]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = _("Đại biểu")
    _header_row(sheet, headers, [6, 28, 30, 22, 40, *[18] * (len(headers) - 5)])
    for index, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            _set(sheet.cell(row=index, column=column), value)
    sheet.oddFooter.center.text = title
    return _save(workbook)


def local_text(moment: dt.datetime | None) -> str:
    return timezone.localtime(moment).strftime("%H:%M %d/%m/%Y") if moment else ""


def _save(workbook: Any) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
