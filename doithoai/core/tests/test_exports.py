"""core/exports.py: a table as CSV (UTF-8 with a BOM, formulas defused) or Excel (typed cells, read back)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zoneinfo
from typing import Any

import pytest
import time_machine
from openpyxl import load_workbook

from doithoai.core import exports

COLUMNS = [exports.Column("Mã"), exports.Column("Nội dung", 40), exports.Column("Ngày"), exports.Column("Lúc")]
UTC = dt.UTC
HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
ROWS: list[list[Any]] = [
    ["AB12CD34", "Đường Nà Pàn xuống cấp", dt.date(2026, 1, 5), dt.datetime(2026, 1, 5, 20, 30, tzinfo=UTC)],
    ["=1+2", "+84912345678", None, None],
    ["-3", "@SUM(A1)", True, 12],
    ["x", "y", -3, -1.5],
]


def test_it_writes_csv_with_a_bom_one_header_and_the_diacritics():
    body = exports.csv_bytes(COLUMNS, ROWS)
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0] == ["Mã", "Nội dung", "Ngày", "Lúc"]
    # Dates as ISO; an aware time in Việt Nam's time (20:30 UTC is 03:30 the next morning).
    assert rows[1] == ["AB12CD34", "Đường Nà Pàn xuống cấp", "2026-01-05", "2026-01-06 03:30"]
    assert body.count(b"\r\n") == 5


def test_a_csv_cell_that_would_be_a_formula_gets_an_apostrophe():
    rows = list(csv.reader(io.StringIO(exports.csv_bytes(COLUMNS, ROWS).decode("utf-8-sig"))))
    assert rows[2] == ["'=1+2", "'+84912345678", "", ""]
    assert rows[3] == ["'-3", "'@SUM(A1)", "1", "12"]
    assert rows[4] == ["x", "y", "-3", "-1.5"]  # numbers are not text a user typed
    body = exports.csv_bytes(COLUMNS, [["\tx", "\rcmd", "a=b", "ok"]]).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(body)))[1] == ["'\tx", "'\rcmd", "a=b", "ok"]


def test_it_writes_an_xlsx_that_reads_back_with_typed_cells():
    body = exports.xlsx_bytes("Danh sách ý kiến", COLUMNS, ROWS, notes=["Xã Điềm He", "=cmd|' /C calc'!A0"])
    sheet = load_workbook(io.BytesIO(body)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][0] == "Danh sách ý kiến" and sheet["A1"].font.b
    assert values[1][0] == "Xã Điềm He"
    assert sheet["A3"].value == "=cmd|' /C calc'!A0" and sheet["A3"].data_type == "s"  # a note is text too
    assert values[4] == ["Mã", "Nội dung", "Ngày", "Lúc"] and sheet["A5"].font.b
    assert sheet.freeze_panes == "A6"
    assert sheet.column_dimensions["B"].width == 40
    first, formula, other, numbers = list(sheet.iter_rows(min_row=6))
    assert [c.value for c in numbers][2:] == [-3, -1.5] and numbers[2].data_type == "n"
    assert first[0].value == "AB12CD34" and first[1].value == "Đường Nà Pàn xuống cấp"
    assert first[2].value == dt.datetime(2026, 1, 5)  # noqa: DTZ001 - Excel has no time zones
    assert first[2].number_format == "dd/mm/yyyy"
    assert first[3].value == dt.datetime(2026, 1, 6, 3, 30)  # noqa: DTZ001 - local time, without a zone
    for cell in (formula[0], formula[1], other[0], other[1]):
        assert cell.data_type == "s", cell.value
    assert [c.value for c in formula] == ["=1+2", "+84912345678", None, None]
    assert (other[2].value, other[3].value) == (True, 12)


def test_the_response_is_a_download_named_in_ascii_and_dated():
    with time_machine.travel(dt.datetime(2026, 11, 22, 23, 30, tzinfo=HANOI), tick=False):
        csv_response = exports.response(exports.CSV, stem="Ý kiến, kiến nghị", title="T", columns=COLUMNS, rows=[])
        xlsx_response = exports.response(exports.XLSX, stem="", title="T", columns=COLUMNS, rows=iter(ROWS))
        assert exports.exported_on() == "Trích xuất ngày 22/11/2026"
    assert csv_response["Content-Type"] == "text/csv; charset=utf-8"
    assert csv_response["Content-Disposition"] == 'attachment; filename="y-kien-kien-nghi-2026-11-22.csv"'
    assert xlsx_response["Content-Disposition"] == 'attachment; filename="du-lieu-2026-11-22.xlsx"'
    assert (
        len(list(load_workbook(io.BytesIO(xlsx_response.content)).active.iter_rows())) == 7
    )  # title, blank line, header, 4 rows


@pytest.mark.parametrize(
    ("query", "expected"),
    [({"dinh_dang": "csv"}, "csv"), ({"dinh_dang": " XLSX "}, "xlsx"), ({"dinh_dang": "pdf"}, None), ({}, None)],
)
def test_the_format_is_read_from_the_query_string(query, expected):
    assert exports.format_of(query) == expected
