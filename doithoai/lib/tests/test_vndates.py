import datetime as dt

from doithoai.lib.vndates import document_date, place_and_date, short_date, weekday_date


def test_it_writes_dates_as_documents_do():
    assert place_and_date("Điềm He", dt.date(2026, 6, 5)) == "Điềm He, ngày 05 tháng 6 năm 2026"


def test_it_zero_pads_days_below_ten_and_months_one_and_two_only():
    assert document_date(dt.date(2020, 1, 5)) == "ngày 05 tháng 01 năm 2020"
    assert document_date(dt.date(2018, 2, 20)) == "ngày 20 tháng 02 năm 2018"
    assert document_date(dt.date(2026, 12, 31)) == "ngày 31 tháng 12 năm 2026"
    assert document_date(dt.date(2026, 3, 9)) == "ngày 09 tháng 3 năm 2026"


def test_it_writes_short_and_weekday_forms():
    assert short_date(dt.date(2026, 6, 5)) == "05/6/2026"
    assert weekday_date(dt.date(2026, 6, 5)) == "Thứ Sáu, ngày 05 tháng 6 năm 2026"
    assert weekday_date(dt.date(2026, 6, 7)).startswith("Chủ nhật")
