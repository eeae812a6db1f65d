"""A table as a download: CSV or Excel, the same columns and rows either way (decision 94).

Every list with filters offers both: Excel for people (a title line, bold frozen header, widths), CSV for other
systems (UTF-8 with a byte-order mark, so that Excel opens the diacritics right; comma separated; one header
row). Text a user typed is never a formula in either: the Excel cells are typed as text, and a CSV cell that
starts with =, +, - or @ gets a leading apostrophe (CSV injection).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from doithoai.lib import xlsx
from doithoai.lib.text import fold
from doithoai.lib.vndates import short_date

CSV = "csv"
XLSX = "xlsx"
FORMATS = (CSV, XLSX)
FORMAT_PARAM = "dinh_dang"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    header: Any  # text, or lazy text (gettext_lazy in a module constant), made text when written
    width: int = 16


def format_of(data: Any) -> str | None:
    """The format asked for in a query string (`?dinh_dang=csv|xlsx`), or None."""
    value = (data.get(FORMAT_PARAM) or "").strip().lower()
    return value if value in FORMATS else None


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if timezone.is_aware(value) else str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float | Decimal):
        return str(value)  # a number is not typed text: -3 stays a number
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_bytes(columns: Sequence[Column], rows: Iterable[Sequence[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([str(c.header) for c in columns])
    for row in rows:
        writer.writerow([_csv_value(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    return value


def _xlsx_cell(sheet: Any, value: Any, *, font: Any = None, fill: Any = None) -> Any:
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=_xlsx_value(value))
    if isinstance(value, str):
        cell.data_type = "s"  # text a user typed that starts with "=" stays text
    elif isinstance(value, dt.datetime):
        cell.number_format = "dd/mm/yyyy hh:mm"
    elif isinstance(value, dt.date):
        cell.number_format = "dd/mm/yyyy"
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    return cell


def xlsx_bytes(
    title: str, columns: Sequence[Column], rows: Iterable[Sequence[Any]], *, notes: Sequence[str] = ()
) -> bytes:
    """One sheet: `title` in bold, `notes` (the filters, the date of the export) below it, then the table.

    Written in openpyxl's write-only mode: rows go to the file as they come, so that 100,000 rows do not
    hold a million cell objects in memory (the normal mode keeps every cell until it saves)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Du lieu")
    header_row = 1 + len(notes) + 2  # the title, the notes, a blank line
    for index, column in enumerate(columns):
        sheet.column_dimensions[xlsx.column_letter(index)].width = column.width
    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.append([_xlsx_cell(sheet, title, font=Font(bold=True, size=13))])
    for note in notes:
        sheet.append([_xlsx_cell(sheet, note)])
    sheet.append([])
    bold, background = Font(bold=True), PatternFill("solid", fgColor=xlsx.EXPORT_FILL)
    wrap = Alignment(wrap_text=True, vertical="center")
    headers = []
    for column in columns:
        cell = _xlsx_cell(sheet, str(column.header), font=bold, fill=background)
        cell.alignment = wrap
        headers.append(cell)
    sheet.append(headers)
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    return xlsx.save(workbook)


def filename(stem: str, fmt: str, *, today: dt.date | None = None) -> str:
    """'y-kien-kien-nghi-2026-11-22.xlsx': ASCII, without diacritics, dated."""
    today = today or timezone.localdate()
    return f"{slugify(fold(stem)) or 'du-lieu'}-{today.isoformat()}.{fmt}"


def response(
    fmt: str,
    *,
    stem: str,
    title: str,
    columns: Sequence[Column],
    rows: Iterable[Sequence[Any]],
    notes: Sequence[str] = (),
) -> HttpResponse:
    """The download of a table in `fmt` (CSV or XLSX)."""
    if fmt == CSV:
        body, content_type = csv_bytes(columns, rows), CSV_CONTENT_TYPE
    else:
        body, content_type = xlsx_bytes(title, columns, rows, notes=notes), xlsx.XLSX_CONTENT_TYPE
    out = HttpResponse(body, content_type=content_type)
    out["Content-Disposition"] = f'attachment; filename="{filename(stem, fmt)}"'
    return out


def exported_on(today: dt.date | None = None) -> str:
    """The note under an export's title: when it was made (as documents write dates)."""
    return _("Trích xuất ngày %(date)s") % {"date": short_date(today or timezone.localdate())}
