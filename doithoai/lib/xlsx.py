"""Excel .xlsx workbooks: reading an upload safely, and writing templates and exports.

Reading is defensive: the size is checked before anything is parsed, then that the file is an .xlsx (a zip
with a workbook inside, not a zip bomb), then the header row, then every cell. Formulas are refused (an
import takes values, and a formula's cached value may be stale or absent). Every problem is reported with
its row, and the caller imports nothing while any remains.

This module knows nothing of what a workbook is about: each import (petitions/excel.py, delegates/excel.py)
describes its columns, its limits and its own wording of the "too big" and "not an .xlsx" messages in a
`SheetSpec`, and decides what the values mean.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import IO, Any, ClassVar

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from doithoai.lib.numbers import grouped
from doithoai.lib.text import fold, normalize_input

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_ERRORS = 500
MAX_COLUMNS = 30  # columns read; a template has a dozen
MAX_ZIP_ENTRIES = 500
HEADER_SEARCH_ROWS = 10  # how far down the header row may be (a title line above it is common)
# Folded answers read as yes and as no in a Có/Không column.
YES = frozenset({"co", "x", "1", "yes", "y", "dong y", "true", "c"})
NO = frozenset({"khong", "0", "no", "n", "false", "k", "khong dong y"})

# Header fills: the import templates' rose, the exports' blue.
TEMPLATE_FILL = "F2DCDB"
EXPORT_FILL = "DDEBF7"


def bare(header: str) -> str:
    """A header folded, without a trailing hint in brackets ("(Có/Không)") or punctuation: what is compared."""
    return re.sub(r"\s*\(.*\)\s*$", "", fold(header)).strip(" :.*")


@dataclass(frozen=True)
class Column:
    key: str
    header: Any  # lazy text
    required: bool
    aliases: tuple[str, ...] = ()
    width: int = 20

    def names(self) -> set[str]:
        """The header as compared, in the page's language and in Vietnamese, and its aliases: a template
        downloaded in English is read back in Vietnamese and the other way round."""
        with translation.override("vi"):
            vietnamese = str(self.header)
        return {bare(str(self.header)), bare(vietnamese), *self.aliases}


@dataclass(frozen=True)
class RowError:
    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        return _("Dòng %(row)s: %(message)s") % {"row": self.row, "message": self.message}

    def as_json(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message, "text": str(self)}


class ImportRejected(ValidationError):
    """The file is refused; `row_errors` says where and why, row by row."""

    def __init__(self, errors: Sequence[RowError], *, more: int = 0) -> None:
        self.row_errors = list(errors)
        self.more = more
        messages = [str(e) for e in errors]
        if more:
            messages.append(_("… và %(n)s lỗi khác.") % {"n": more})
        super().__init__({"file": messages})


@dataclass
class Errors:
    """The problems found so far, the first MAX_ERRORS of them kept; an import may say them its own way by
    subclassing RowError and setting `row_error`."""

    row_error: ClassVar[type[RowError]] = RowError
    items: list[RowError] = field(default_factory=list)
    more: int = 0

    def add(self, row: int | None, column: str, message: str) -> None:
        if len(self.items) < MAX_ERRORS:
            self.items.append(self.row_error(row, column, message))
        else:
            self.more += 1

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise ImportRejected(self.items, more=self.more)


def refuse(message: str) -> ImportRejected:
    return ImportRejected([RowError(None, "", message)])


@dataclass
class SheetRow:
    number: int  # as Excel numbers it
    values: dict[str, Any]  # text, or a date for the spec's date columns
    raw: dict[str, Any] = field(default_factory=dict)  # the cell values as read, for the spec's raw columns

    def text(self, key: str) -> str:
        value = self.values.get(key, "")
        return value if isinstance(value, str) else ""

    def is_blank(self) -> bool:
        return not any(self.values.values())


@dataclass(frozen=True)
class SheetSpec:
    """What an import reads. Built when reading, so that the app's limits may be changed (tests do)."""

    columns: Sequence[Column]
    anchor: str  # the column whose header marks the header row
    max_bytes: int
    max_rows: int
    max_uncompressed: int
    too_big: Callable[[], ImportRejected]
    not_xlsx: Callable[[], ImportRejected]
    max_columns: int = MAX_COLUMNS
    max_zip_entries: int = MAX_ZIP_ENTRIES
    header_search_rows: int = HEADER_SEARCH_ROWS
    dates: frozenset[str] = frozenset()  # columns whose date cells stay dates
    raw: frozenset[str] = frozenset()  # columns whose cell values are also kept as read
    ignored: frozenset[str] = frozenset()  # columns read but dropped (the row number)

    def header_key(self, text: str) -> str | None:
        name = bare(text)
        for column in self.columns:
            if name in column.names():
                return column.key
        return None


def read_upload(upload: IO[bytes] | bytes, spec: SheetSpec) -> bytes:
    """The upload's bytes once they look like an .xlsx within the limits, refusing an over-large file before
    reading it; `ImportRejected` otherwise."""
    if isinstance(upload, bytes | bytearray):
        data = bytes(upload)
    else:
        size = getattr(upload, "size", None)
        if size is not None and size > spec.max_bytes:
            raise spec.too_big()
        upload.seek(0)
        data = upload.read(spec.max_bytes + 1)
    if len(data) > spec.max_bytes:
        raise spec.too_big()
    if not data:
        raise refuse(_("Tệp rỗng: chọn tệp Excel theo mẫu."))
    check_zip(data, spec)
    return data


def check_zip(data: bytes, spec: SheetSpec) -> None:
    """A zip holding a workbook, within the limits once unpacked, and not damaged."""
    if not data.startswith(b"PK"):
        raise spec.not_xlsx()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
                raise spec.not_xlsx()
            # The sizes before testzip(), which unpacks every entry: a zip bomb is refused unread.
            if len(infos) > spec.max_zip_entries or sum(info.file_size for info in infos) > spec.max_uncompressed:
                raise spec.too_big()
            broken = archive.testzip()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, RuntimeError, NotImplementedError):
        raise spec.not_xlsx() from None
    if broken is not None:
        raise spec.not_xlsx()


def cell_text(value: Any) -> str:
    """A cell's value as the text an import compares: whole numbers without ".0", dates day/month/year."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    return normalize_input(str(value))


def column_letter(index: int) -> str:
    """The letter of a 0-based column index: 0 is "A"."""
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def find_header(
    rows: list[tuple[int, list[Any]]], spec: SheetSpec, errors: Errors
) -> tuple[int, dict[int, str]] | None:
    """The header row and {column index: key}; errors for missing, unknown or repeated columns."""
    anchor_names = next(c for c in spec.columns if c.key == spec.anchor).names()
    for number, values in rows:
        texts = [cell_text(v) for v in values]
        if not any(bare(t) in anchor_names for t in texts):
            continue
        mapping: dict[int, str] = {}
        for index, text in enumerate(texts):
            if not text:
                continue
            key = spec.header_key(text)
            if key is None:
                errors.add(number, text, _("cột “%(header)s” không có trong mẫu.") % {"header": text})
            elif key in mapping.values():
                errors.add(number, text, _("cột “%(header)s” bị lặp lại.") % {"header": text})
            else:
                mapping[index] = key
        for column in spec.columns:
            if column.required and column.key not in mapping.values():
                errors.add(number, str(column.header), _("thiếu cột “%(header)s”.") % {"header": column.header})
        return number, mapping
    errors.add(
        None,
        "",
        _("Không tìm thấy dòng tiêu đề của mẫu (các cột %(headers)s). Hãy dùng mẫu tải về từ trang này.")
        % {"headers": ", ".join(f"“{c.header}”" for c in spec.columns if c.required)},
    )
    return None


def read_rows(data: bytes, spec: SheetSpec, errors: Errors) -> list[SheetRow]:
    """The data rows of the first sheet, keyed by column; `ImportRejected` on any problem of the file itself.
    `errors` (the app's kind, for its wording) collects the problems of the header and the cells."""
    from openpyxl import load_workbook

    check_zip(data, spec)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:
        raise spec.not_xlsx() from None
    try:
        if not workbook.worksheets:
            raise refuse(_("Tệp không có trang tính nào."))
        return _rows_of(workbook.worksheets[0], spec, errors)
    except ImportRejected:
        raise
    except Exception:
        # A damaged sheet inside a well-formed zip.
        raise spec.not_xlsx() from None
    finally:
        workbook.close()


def _rows_of(sheet: Any, spec: SheetSpec, errors: Errors) -> list[SheetRow]:
    last_row = spec.header_search_rows + 2 * spec.max_rows
    numbered = enumerate(sheet.iter_rows(min_row=1, max_row=last_row, max_col=spec.max_columns), start=1)
    head = list(itertools.islice(numbered, spec.header_search_rows))
    found = find_header([(number, [c.value for c in row]) for number, row in head], spec, errors)
    errors.raise_if_any()
    assert found is not None
    header_row, mapping = found
    headers = {c.key: str(c.header) for c in spec.columns}
    rows: list[SheetRow] = []
    too_many = refuse(
        _("Tệp có hơn %(max)s dòng dữ liệu; chia thành nhiều tệp để nhập.") % {"max": grouped(spec.max_rows)}
    )
    for number, row in itertools.chain(head, numbered):
        if number == last_row:
            raise too_many
        if number <= header_row:
            continue
        values: dict[str, Any] = {}
        raw: dict[str, Any] = {}
        for index, cell in enumerate(row):
            # Cells of a read-only sheet may be EmptyCell, without every attribute of a cell.
            value = getattr(cell, "value", None)
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            key = mapping.get(index)
            letter = column_letter(index)
            if getattr(cell, "data_type", "") == "f" or (isinstance(value, str) and value.lstrip().startswith("=")):
                errors.add(
                    number,
                    headers[key] if key else letter,
                    _("ô %(cell)s chứa công thức; chỉ nhập giá trị.") % {"cell": f"{letter}{number}"},
                )
                continue
            if key is None:
                errors.add(
                    number, letter, _("có dữ liệu ở cột %(col)s, cột không có tiêu đề trong mẫu.") % {"col": letter}
                )
                continue
            if key in spec.raw:
                raw[key] = value
            if key in spec.dates and isinstance(value, dt.date | dt.datetime):
                values[key] = value
            else:
                values[key] = cell_text(value)
        for key in spec.ignored:
            values.pop(key, None)
        if not any(values.values()):
            continue
        if len(rows) == spec.max_rows:
            raise too_many
        rows.append(SheetRow(number=number, values=values, raw=raw))
    errors.raise_if_any()
    if not rows:
        raise refuse(_("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."))
    return rows


# ---------------------------------------------------------------- writing


def set_value(cell: Any, value: Any) -> None:
    """A value written as data: text that looks like a formula stays text."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


def title_row(sheet: Any, text: str) -> None:
    """A line in bold above the table."""
    from openpyxl.styles import Font

    sheet.append([text])
    sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True, size=13)


def header_row(sheet: Any, headers: Iterable[Any], widths: Iterable[int], *, fill: str = TEMPLATE_FILL) -> int:
    """The table's header, appended below what the sheet has, in bold on `fill`; the columns' widths, and the
    panes frozen below the header. Returns the header's row number."""
    from openpyxl.styles import Alignment, Font, PatternFill

    texts = [str(header) for header in headers]
    sheet.append(texts)
    row = sheet.max_row
    bold = Font(bold=True)
    background = PatternFill("solid", fgColor=fill)
    for index, (_text, width) in enumerate(zip(texts, widths, strict=True)):
        cell = sheet.cell(row=row, column=index + 1)
        cell.data_type = "s"  # a header that looks like a formula stays text
        cell.font = bold
        cell.fill = background
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[column_letter(index)].width = width
    sheet.freeze_panes = f"A{row + 1}"
    return row


def data_row(sheet: Any, values: Iterable[Any], *, wrap: bool = False) -> None:
    """A row appended below the others; text typed by users is never a formula."""
    from openpyxl.styles import Alignment

    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        if wrap:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        if isinstance(cell.value, str):
            cell.data_type = "s"


def save(workbook: Any) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
