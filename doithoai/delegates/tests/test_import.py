"""Excel import: the template, a good file, and every kind of bad file (refused whole, with row-level messages)."""

from __future__ import annotations

import io
import os
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from doithoai.audit.models import AuditEvent
from doithoai.delegates import actions, excel
from doithoai.delegates.models import Delegate
from doithoai.delegates.tests.conftest import HEADERS, HEADS, LEADERS, PEOPLE, person, set_state, xlsx

GOOD_ROWS = [
    person(1, "Hoàng Văn Pẻo", "Thôn Nà Pàn", HEADS, position="Trưởng thôn Nà Pàn", phone="0912 345 678"),
    person(2, "Nông Thị Sim", "Nà Pàn", PEOPLE, consent="Có"),
    person(3, "Lương Văn Lình", "thon ban chau", PEOPLE),
    person(4, "Vi Thị Hoa", "Thôn Bản Châu", "Đại biểu thôn"),  # a group: the first open slot of that group
    person(5, "Chu Văn Toàn", "", LEADERS, position="Chủ tịch UBND xã", consent="x"),
    person(6, "Lộc Thị Mai", "", "Khách mời khác"),  # no slot: added as an extra
]


def _import(cast, conference, data, filename="dai-bieu.xlsx"):
    return actions.delegates_import(actor=cast.officer_a, conference=conference, upload=data, filename=filename)


def _rejected(cast, conference, data, filename="dai-bieu.xlsx") -> list[str]:
    before = Delegate.objects.count(), AuditEvent.objects.filter(event_type="delegates.imported").count()
    with pytest.raises(excel.ImportRejected) as caught:
        _import(cast, conference, data, filename)
    assert (Delegate.objects.count(), AuditEvent.objects.filter(event_type="delegates.imported").count()) == before
    return [str(e) for e in caught.value.row_errors]


@pytest.fixture
def slots(cast, conference):
    actions.slots_generate(actor=cast.officer_a, conference=conference)
    return Delegate.objects.filter(conference=conference)


def test_it_fills_matching_open_slots_first_and_adds_the_rest(cast, conference, slots, village_c):
    result = _import(cast, conference, xlsx(GOOD_ROWS))
    assert (result.rows, result.filled, result.added) == (6, 5, 1)
    assert slots.count() == 11  # 10 slots + 1 extra
    head = Delegate.objects.get(full_name="Hoàng Văn Pẻo")
    assert (head.village, head.role_label, head.phone, head.position) == (
        cast.village_a,
        HEADS,
        "0912345678",
        "Trưởng thôn Nà Pàn",
    )
    assert head.composition_rule is not None
    assert Delegate.objects.get(full_name="Nông Thị Sim").consent_to_publish is True
    assert Delegate.objects.get(full_name="Lương Văn Lình").village == village_c
    assert Delegate.objects.get(full_name="Vi Thị Hoa").role_label == HEADS  # first open slot of the group
    assert Delegate.objects.get(full_name="Chu Văn Toàn").village is None
    extra = Delegate.objects.get(full_name="Lộc Thị Mai")
    assert extra.composition_rule is None and extra.role_label == "Khách mời khác"
    event = AuditEvent.objects.get(event_type="delegates.imported")
    assert event.changes["_extra"]["rows"] == 6
    assert event.changes["_extra"]["filled_slots"] == 5
    # One event for the file, not one per row.
    assert not AuditEvent.objects.filter(event_type__in=["delegate.created", "delegate.updated"]).exists()


def test_it_accepts_a_title_line_above_the_header_and_columns_in_another_order(cast, conference):
    headers = [
        "Họ và tên",
        "Thành phần",
        "Thôn/Tổ dân phố",
        "Chức vụ",
        "Số điện thoại",
        "Đồng ý công khai tên",
        "Ghi chú",
    ]
    rows = [["Hà Văn Kiên", PEOPLE, "Thôn Nà Pàn", "", 912345678, "Không", "đi xe máy"]]
    _import(cast, conference, xlsx(rows, headers, title_rows=[["DANH SÁCH ĐẠI BIỂU"]]))
    delegate = Delegate.objects.get(full_name="Hà Văn Kiên")
    assert delegate.phone == "0912345678"  # Excel dropped the leading zero of a number
    assert delegate.note == "đi xe máy"


def test_the_template_has_the_headers_and_a_list_of_villages_and_composition(client, cast, conference, slots):
    client.force_login(cast.officer_a)
    url = reverse("delegates:template", args=[cast.commune_a.pk, conference.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == excel.XLSX_CONTENT_TYPE
    workbook = load_workbook(io.BytesIO(response.content))
    first, lists = workbook.worksheets
    assert [c.value for c in first[1]] == [*HEADERS, "Ghi chú"]
    assert "Thôn Nà Pàn" in [c.value for c in lists["A"]]
    assert PEOPLE in [c.value for c in lists["C"]]
    # The prefilled template lists the open slots; filled in and uploaded, they fill those slots.
    prefilled = load_workbook(io.BytesIO(client.get(url + "?cho=1").content))
    sheet = prefilled.worksheets[0]
    assert [c.value for c in sheet["E"][1:] if c.value].count(PEOPLE) == 6
    assert len([c for c in sheet["E"][1:] if c.value]) == 10
    sheet["B2"] = "Đàm Văn Sáng"
    sheet["B3"] = "Lăng Thị Thơm"
    buffer = io.BytesIO()
    prefilled.save(buffer)
    result = _import(cast, conference, buffer.getvalue())
    assert (result.rows, result.filled, result.added, result.skipped_open) == (2, 2, 0, 8)


def test_wrong_columns_are_named(cast, conference):
    errors = _rejected(cast, conference, xlsx([["Nguyễn Văn A", "x"]], ["Họ và tên", "Quê quán"]))
    assert "Dòng 1: cột “Quê quán” không có trong mẫu." in errors
    assert "Dòng 1: thiếu cột “Thôn/Tổ dân phố”." in errors
    assert "Dòng 1: thiếu cột “Chức vụ”." in errors


def test_a_sheet_without_the_header_row_is_refused(cast, conference):
    errors = _rejected(cast, conference, xlsx([["Nguyễn Văn A", "Thôn Nà Pàn"]], ["Tên", "Thôn"]))
    assert any("Không tìm thấy dòng tiêu đề" in e for e in errors)


def test_duplicate_rows_in_the_file_and_people_already_listed_are_refused(cast, conference):
    actions.delegate_create(
        actor=cast.officer_a, conference=conference, data={"full_name": "Nông Thị Sim"}, village=cast.village_a
    )
    rows = [
        person(1, "Hoàng Văn Pẻo", "Thôn Nà Pàn"),
        person(2, "Lương Văn Lình", "Thôn Nà Pàn"),
        person(3, "HOÀNG VĂN PẺO", "Nà Pàn"),  # the same person, written differently
        person(4, "Hoàng Văn Pẻo", "Thôn Bản Châu"),  # a namesake in another village is someone else
        person(5, "Nông Thị Sim", "Thôn Nà Pàn"),
    ]
    errors = _rejected(cast, conference, xlsx(rows))
    assert errors == [
        "Dòng 4: trùng với dòng 2 (cùng họ tên “HOÀNG VĂN PẺO” và thôn, tổ dân phố).",
        "Dòng 6: “Nông Thị Sim” (Thôn Nà Pàn) đã có trong danh sách đại biểu của hội nghị.",
    ]


def test_an_empty_file_and_a_file_without_data_rows_are_refused(cast, conference):
    assert _rejected(cast, conference, b"") == ["Tệp rỗng: chọn tệp Excel theo mẫu."]
    assert _rejected(cast, conference, xlsx([])) == ["Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."]
    assert _rejected(cast, conference, xlsx([[None] * 7, ["", "  ", "", "", "", "", ""]])) == [
        "Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."
    ]


def test_ten_megabytes_of_junk_are_refused_before_parsing(cast, conference):
    junk = SimpleUploadedFile("dai-bieu.xlsx", b"PK\x03\x04" + os.urandom(10 * 1024 * 1024))
    errors = _rejected(cast, conference, junk)
    assert errors == ["Tệp lớn hơn 5 MB. Mẫu nhập đại biểu chỉ cần tên và vài cột, hãy xóa ảnh, trang tính thừa."]


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (os.urandom(4096), "dai-bieu.xlsx"),  # junk bytes
        (b"PK\x03\x04" + os.urandom(2048), "dai-bieu.xlsx"),  # looks like a zip, is not
        ("Họ và tên,Chức vụ\nNguyễn Văn A,\n".encode(), "dai-bieu.xlsx"),  # CSV renamed
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024), "dai-bieu.xlsx"),  # an old .xls
    ],
)
def test_files_that_are_not_xlsx_are_refused(cast, conference, data, filename):
    errors = _rejected(cast, conference, data, filename)
    assert errors == [
        "Tệp không phải là tệp Excel .xlsx hợp lệ. Hãy dùng mẫu tải về từ trang này "
        "(tệp .xls cũ: mở bằng Excel và lưu lại dưới dạng .xlsx)."
    ]


def test_a_zip_that_is_not_a_workbook_and_a_wrong_extension_are_refused(cast, conference):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    assert "không phải là tệp Excel .xlsx" in _rejected(cast, conference, buffer.getvalue())[0]
    assert _rejected(cast, conference, xlsx([person(1, "A", "")]), "danh-sach.csv") == [
        "Chỉ nhận tệp Excel .xlsx (tệp đã chọn: danh-sach.csv)."
    ]


def test_formulas_are_refused_cell_by_cell(cast, conference):
    rows = [person(1, "Hoàng Văn Pẻo", "Thôn Nà Pàn"), person(2, "Nông Thị Sim", "Thôn Nà Pàn")]
    data = xlsx(rows, formulas=[("C3", '=B2&" x"'), ("F2", "=0912345678")])
    errors = _rejected(cast, conference, data)
    assert errors == [
        "Dòng 2: ô F2 chứa công thức; chỉ nhập giá trị.",
        "Dòng 3: ô C3 chứa công thức; chỉ nhập giá trị.",
    ]


def test_unknown_and_retired_villages_are_refused(cast, conference):
    from doithoai.units.models import Village

    Village.objects.create(unit=cast.commune_a, name="Thôn Cũ", status="retired")
    rows = [
        person(1, "Hoàng Văn Pẻo", "Thôn Nà Pàn"),
        person(2, "Nông Thị Sim", "Thôn Không Có"),
        person(3, "Lương Văn Lình", "Thôn Cũ"),
        person(4, "Vi Văn Bản", "Thôn Bản Làn"),  # a village of commune B
    ]
    errors = _rejected(cast, conference, xlsx(rows))
    assert errors == [
        "Dòng 3: không có thôn, tổ dân phố “Thôn Không Có” trong Xã Điềm He.",
        "Dòng 4: thôn, tổ dân phố “Thôn Cũ” đã thôi hoạt động.",
        "Dòng 5: không có thôn, tổ dân phố “Thôn Bản Làn” trong Xã Điềm He.",
    ]


def test_bad_values_are_reported_with_their_row(cast, conference):
    rows = [
        person(1, "", "Thôn Nà Pàn", position="Trưởng thôn"),  # no name but other data
        person(2, "Hoàng Văn Pẻo", "Thôn Nà Pàn", phone="12ab"),
        person(3, "Nông Thị Sim", "Thôn Nà Pàn", consent="có lẽ"),
        person(4, "A" * 121, ""),
    ]
    errors = _rejected(cast, conference, xlsx(rows))
    assert errors == [
        "Dòng 2: chưa có họ và tên.",
        "Dòng 3: số điện thoại “12ab” không hợp lệ (9 đến 12 chữ số).",
        "Dòng 4: “Đồng ý công khai tên” ghi “Có” hoặc “Không” (đang ghi “có lẽ”).",
        "Dòng 5: “Họ và tên” dài quá 120 ký tự.",
    ]


def test_data_in_a_column_without_a_header_is_not_dropped_silently(cast, conference):
    rows = [[*person(1, "Hoàng Văn Pẻo", "Thôn Nà Pàn"), None, "ghi bên lề"]]
    assert _rejected(cast, conference, xlsx(rows)) == ["Dòng 2: có dữ liệu ở cột I, cột không có tiêu đề trong mẫu."]


def test_too_many_rows_are_refused(cast, conference, monkeypatch):
    monkeypatch.setattr(excel, "MAX_ROWS", 50)
    rows = [person(i, f"Người số {i}", "") for i in range(1, 52)]
    assert _rejected(cast, conference, xlsx(rows)) == ["Tệp có hơn 50 dòng dữ liệu; chia thành nhiều tệp để nhập."]


def test_the_page_lists_row_errors_in_a_table_and_saves_nothing(client, cast, conference):
    client.force_login(cast.officer_a)
    url = reverse("delegates:import", args=[cast.commune_a.pk, conference.pk])
    rows = [person(1, "Hoàng Văn Pẻo", "Thôn Nà Pàn"), person(2, "Nông Thị Sim", "Thôn Không Có")]
    upload = SimpleUploadedFile("ds.xlsx", xlsx(rows), content_type=excel.XLSX_CONTENT_TYPE)
    response = client.post(url, {"file": upload})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'data-testid="import-error-table"' in page
    assert "Dòng 3: không có thôn, tổ dân phố “Thôn Không Có” trong Xã Điềm He." in page
    assert "Chưa nhập được tệp ds.xlsx: không có dòng nào được lưu" in page
    assert not Delegate.objects.exists()
    # Corrected and uploaded again.
    rows[1] = person(2, "Nông Thị Sim", "Thôn Bản Châu")
    response = client.post(url, {"file": SimpleUploadedFile("ds.xlsx", xlsx(rows))})
    assert response.status_code == 302
    assert Delegate.objects.filter(conference=conference).count() == 2


def test_the_page_refuses_a_missing_file(client, cast, conference):
    client.force_login(cast.officer_a)
    response = client.post(reverse("delegates:import", args=[cast.commune_a.pk, conference.pk]), {})
    assert response.status_code == 400
    assert "Chọn tệp Excel để nhập." in response.content.decode()


@pytest.mark.parametrize("state", ["held", "concluded", "cancelled"])
def test_there_is_no_import_once_the_conference_is_held_or_over(cast, conference, state):
    set_state(conference, state)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as caught:
        _import(cast, conference, xlsx(GOOD_ROWS))
    assert not isinstance(caught.value, excel.ImportRejected)
    assert not Delegate.objects.exists()


def test_vietnamese_headers_are_read_whatever_the_language_of_the_page():
    from django.utils import translation

    from doithoai.delegates import excel

    with translation.override("en"):
        assert excel._header_key("Họ và tên") == excel.FULL_NAME
        assert excel._header_key("Thôn/Tổ dân phố") == excel.VILLAGE
        assert excel._header_key(str(excel.BY_KEY[excel.PHONE].header)) == excel.PHONE
    assert excel._header_key("Cột lạ") is None
