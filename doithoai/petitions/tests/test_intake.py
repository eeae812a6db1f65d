"""Staff intake (issue 4): paper opinion forms typed in one after the other, and Excel summaries imported —
through HTTP, with the cast."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from doithoai.audit.models import AuditEvent
from doithoai.conferences.tests.conftest import make_conference, on_day
from doithoai.lib.codes import format_code
from doithoai.petitions import actions, excel
from doithoai.petitions.actions import imports
from doithoai.petitions.models import Attachment, Channel, ImportStatus, Kind, Petition, PetitionImport
from doithoai.plans.actions import plan_create_from_preset, plan_issue
from doithoai.units.models import Village

XLSX = excel.XLSX_CONTENT_TYPE
HEADERS = [str(c.header) for c in excel.COLUMNS]
ROAD = "Đường từ thôn Nà Pò ra quốc lộ xuống cấp, đề nghị sửa chữa trước mùa mưa."


# ---------------------------------------------------------------- fixtures


@pytest.fixture
def villages(cast):
    """Commune A's villages: Thôn Nà Pàn (the cast's, of village_head_a), Thôn Nà Pò, Thôn Bản Châu."""
    return {
        "na_pan": cast.village_a,
        "na_po": Village.objects.create(unit=cast.commune_a, name="Thôn Nà Pò", sort_order=2),
        "ban_chau": Village.objects.create(unit=cast.commune_a, name="Thôn Bản Châu", sort_order=3),
    }


@pytest.fixture
def sectors(cast):
    return {s.code: s for s in actions.sectors_ensure(actor=cast.officer_a, unit=cast.commune_a)}


@pytest.fixture
def conference(cast, villages, sectors):
    plan = plan_create_from_preset(actor=cast.officer_a, unit=cast.commune_a, preset="commune", year=2026)
    plan = plan_issue(actor=cast.chair_a, plan=plan, number="91/KH-UBND", issued_on=dt.date(2026, 3, 2))
    with on_day(dt.date(2026, 5, 4)):
        return make_conference(cast, plan, dt.date(2026, 6, 5))


def entry_url(cast, **query):
    url = reverse("petitions:paper_entry", args=[cast.commune_a.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def form_key(response) -> str:
    match = re.search(r'name="submission_key" value="([0-9a-f]+)"', response.content.decode())
    assert match, "the form carries a submission key"
    return match.group(1)


def paper(key: str, **changes):
    data = {
        "conference": "",
        "received_on": timezone.localdate().strftime("%d/%m/%Y"),
        "village_text": "na po",
        "village": "",
        "text": ROAD,
        "sector_text": "giao thong",
        "sector": "",
        "kind": Kind.RECOMMENDATION,
        "submitter_name": "",
        "submitter_phone": "",
        "submission_key": key,
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def options(html: str, name: str) -> list[str]:
    """The labels of a combobox's options, from the JSON embedded in the page."""
    import json

    found = re.search(rf'<script id="{name}-options" type="application/json">(.*?)</script>', html, re.S)
    assert found, f"{name} options are in the page"
    return [o["label"] for o in json.loads(found.group(1))]


def field_errors(response, name: str) -> str:
    match = re.search(rf'data-testid="errors-{name}">(.*?)</div>', response.content.decode(), re.S)
    return match.group(1) if match else ""


# ASCII, as XML writers may escape other characters; `workbook` writes it as 50,000 characters (openpyxl
# itself cuts cells at Excel's 32,767).
LONG = "LONG50000MARKER"


def workbook(rows, headers=HEADERS, *, title_rows=()) -> bytes:
    import zipfile

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in title_rows:
        sheet.append(list(row))
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    data = buffer.getvalue()
    if LONG not in str(rows):
        return data
    # A cell of 50,000 characters, as another program could write it.
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.endswith(".xml"):
                content = content.replace(LONG.encode(), b"x" * 50_000)
            target.writestr(item, content)
    return out.getvalue()


def row(n, village="Thôn Nà Pò", text=ROAD, *, name="", phone="", contact="", publish="", sector="", kind="", day=""):
    return [n, village, name, phone, contact, publish, text, sector, kind, day]


def upload(client, cast, data: bytes, name="tong-hop.xlsx", conference=None):
    return client.post(
        reverse("petitions:import", args=[cast.commune_a.pk]),
        {"file": SimpleUploadedFile(name, data, content_type=XLSX), "conference": conference.pk if conference else ""},
    )


# ---------------------------------------------------------------- paper forms


def test_it_saves_a_paper_form_typed_without_diacritics_and_comes_back_for_the_next(
    client, cast, villages, sectors, conference
):
    client.force_login(cast.officer_a)
    page = client.get(entry_url(cast))
    assert page.status_code == 200
    html = page.content.decode()
    # The lists the combobox searches are in the page; the latest conference is chosen; focus starts at the village.
    assert options(html, "village") == ["Thôn Nà Pàn", "Thôn Nà Pò", "Thôn Bản Châu"]
    assert "Xây dựng – giao thông – hạ tầng" in options(html, "sector")
    assert f'<option value="{conference.pk}" selected>' in html
    assert re.search(r'name="village_text"[^>]*autofocus', html)
    key = form_key(page)

    response = client.post(
        entry_url(cast),
        paper(key, conference=conference.pk, submitter_name="Hoàng Văn Pẻo", received_on="20/11/2026"),
    )
    assert response.status_code == 302
    petition = Petition.objects.get()
    assert petition.village == villages["na_po"]
    assert petition.sector == sectors["XD-GT-HT"]
    assert petition.channel == Channel.PAPER_FORM
    assert petition.conference == conference
    assert petition.received_on == dt.date(2026, 11, 20)
    assert petition.original_text == ROAD
    assert petition.submitter_name == "Hoàng Văn Pẻo" and not petition.consent_publish_name
    assert petition.created_by == cast.officer_a
    assert AuditEvent.objects.filter(event_type="petition.received", object_id=str(petition.pk)).exists()

    # The next form: empty, with the conference, the date and the village kept; focus on the text.
    after = client.get(response["Location"])
    html = after.content.decode()
    assert format_code(petition.tracking_code) in html
    assert reverse("petitions:detail", args=[cast.commune_a.pk, petition.pk]) in html
    assert "Đã nhập 1 phiếu trong phiên này." in html
    assert 'value="Thôn Nà Pò"' in html
    assert 'value="20/11/2026"' in html
    assert f'<option value="{conference.pk}" selected>' in html
    assert ROAD not in html and "Hoàng Văn Pẻo" not in html
    assert re.search(r'<textarea name="text"[^>]*autofocus', html)
    assert form_key(after) != key
    # The success line is shown once.
    assert format_code(petition.tracking_code) not in client.get(entry_url(cast)).content.decode()

    client.post(entry_url(cast), paper(form_key(after), village_text="", village=str(villages["ban_chau"].pk)))
    assert Petition.objects.count() == 2
    assert "Đã nhập 2 phiếu trong phiên này." in client.get(entry_url(cast)).content.decode()


def test_a_form_sent_twice_is_saved_once(client, cast, villages, sectors):
    client.force_login(cast.front_a)
    key = form_key(client.get(entry_url(cast)))
    first = client.post(entry_url(cast), paper(key))
    second = client.post(entry_url(cast), paper(key, text="Đã bấm lưu hai lần"))
    assert first.status_code == second.status_code == 302
    petition = Petition.objects.get()
    assert petition.text == ROAD
    html = client.get(entry_url(cast)).content.decode()
    assert "Phiếu này đã được lưu trước đó" in html and format_code(petition.tracking_code) in html
    assert "Đã nhập 1 phiếu trong phiên này." in html
    assert AuditEvent.objects.filter(event_type="petition.received").count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"text": "   "}, "text", "Nhập nội dung ý kiến, kiến nghị."),
        ({"text": "x" * 50_000}, "text", "Nội dung dài 50.000 ký tự, quá 10.000 ký tự."),
        ({"submitter_phone": "0912 345 678"}, "consent_contact", "Chỉ lưu số điện thoại khi người gửi đồng ý"),
        ({"submitter_phone": "12345", "consent_contact": "on"}, "submitter_phone", "Số điện thoại không đúng"),
        ({"village_text": "na"}, "village_text", "“na” khớp nhiều thôn, tổ dân phố: Thôn Nà Pàn, Thôn Nà Pò"),
        ({"village_text": "khau phay"}, "village_text", "Không tìm thấy thôn, tổ dân phố “khau phay”."),
        ({"village_text": ""}, "village_text", "Chọn thôn, tổ dân phố của người góp ý."),
        ({"sector_text": "vu tru"}, "sector_text", "Không tìm thấy lĩnh vực “vu tru”."),
        ({"received_on": "31/02/2026"}, "received_on", "Ngày không hợp lệ"),
        ({"received_on": "01/01/2099"}, "received_on", "không được sau hôm nay"),
    ],
)
def test_bad_input_is_shown_at_its_field_with_everything_typed_kept(
    client, cast, villages, sectors, changes, field, message
):
    client.force_login(cast.officer_a)
    typed = paper("k1", submitter_name="Lý Thị Mai", **changes)
    response = client.post(entry_url(cast), typed)
    assert response.status_code == 400
    assert message in field_errors(response, field)
    assert not Petition.objects.exists()
    html = response.content.decode()
    assert 'value="Lý Thị Mai"' in html
    if changes.get("text", "").strip() and len(changes["text"]) < 1000:
        assert changes["text"] in html
    # The cursor goes to the first field in error.
    assert re.search(rf'name="{field}"[^>]*autofocus', html) or re.search(rf'autofocus[^>]*name="{field}"', html)


def test_html_and_script_are_kept_as_text_and_shown_escaped(client, cast, villages, sectors):
    client.force_login(cast.officer_a)
    script = '<script>alert("x")</script><b>đậm</b>'
    # With an error, the page shows back what was typed: escaped.
    response = client.post(
        entry_url(cast), paper("k2", text=script, submitter_name=script, village_text="<img src=x onerror=alert(1)>")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    # Saved, it is the text as typed, shown escaped on the petition's page.
    client.post(entry_url(cast), paper("k3", text=script))
    petition = Petition.objects.get()
    assert petition.original_text == script
    detail = client.get(reverse("petitions:detail", args=[cast.commune_a.pk, petition.pk])).content.decode()
    assert "<script>alert" not in detail and "&lt;script&gt;" in detail


def test_a_complaint_is_received_with_a_warning_not_blocked(client, cast, villages, sectors):
    client.force_login(cast.officer_a)
    page = client.get(entry_url(cast)).content.decode()
    assert re.search(r'data-testid="redirect-warning" hidden', page)
    response = client.post(entry_url(cast), paper("k4", kind=Kind.COMPLAINT, text=""))
    assert re.search(r'data-testid="redirect-warning"\s*>', response.content.decode())
    client.post(entry_url(cast), paper("k5", kind=Kind.COMPLAINT))
    assert Petition.objects.get().kind == Kind.COMPLAINT


def test_a_scanned_form_is_attached_in_the_same_save_and_a_fake_image_refused(client, cast, villages, sectors):
    from doithoai.petitions.tests.test_staff import png_bytes

    client.force_login(cast.officer_a)
    fake = SimpleUploadedFile("phieu.jpg", b"MZ\x90\x00 not an image", content_type="image/jpeg")
    refused = client.post(entry_url(cast), {**paper("k6"), "attachments": [fake]})
    assert refused.status_code == 400
    assert "không phải ảnh" in field_errors(refused, "attachments")
    assert not Petition.objects.exists() and not Attachment.objects.exists()

    scan = SimpleUploadedFile("phieu-so-12.png", png_bytes(), content_type="image/png")
    client.post(entry_url(cast), {**paper("k7"), "attachments": [scan]})
    attachment = Attachment.objects.get()
    assert attachment.petition == Petition.objects.get()
    assert attachment.content_type == "image/png"


def test_a_conference_is_chosen_from_the_link_and_consent_is_kept(client, cast, villages, sectors, conference):
    client.force_login(cast.officer_a)
    page = client.get(entry_url(cast, hoi_nghi=conference.pk))
    assert f'<option value="{conference.pk}" selected>' in page.content.decode()
    client.post(
        entry_url(cast),
        paper(
            form_key(page),
            conference=conference.pk,
            submitter_name="Hoàng Văn Pẻo",
            submitter_phone="0912 345 678",
            consent_contact="on",
            consent_publish_name="on",
        ),
    )
    petition = Petition.objects.get()
    assert petition.conference == conference
    assert petition.submitter_phone == "0912345678"
    assert petition.consent_contact and petition.consent_publish_name


def test_a_village_head_enters_forms_of_their_own_village_only(client, cast, villages, sectors):
    client.force_login(cast.village_head_a)
    page = client.get(entry_url(cast)).content.decode()
    assert options(page, "village") == ["Thôn Nà Pàn"]
    assert 'value="Thôn Nà Pàn"' in page  # their one village is filled in

    refused = client.post(entry_url(cast), paper("k8", village_text="ban chau"))
    assert refused.status_code == 400
    assert "Trưởng thôn chỉ nhập ý kiến của thôn, tổ dân phố mình phụ trách." in field_errors(refused, "village_text")
    forged = client.post(entry_url(cast), paper("k9", village_text="Thôn Nà Pò", village=str(villages["na_po"].pk)))
    assert forged.status_code == 400
    assert not Petition.objects.exists()

    client.post(entry_url(cast), paper("k10", village_text="na pan"))
    assert Petition.objects.get().village == cast.village_a


URLS = [
    ("petitions:paper_entry", ()),
    ("petitions:import", ()),
    ("petitions:import_template", ()),
]


@pytest.mark.parametrize(("name", "args"), URLS)
def test_other_units_get_404_and_roles_that_do_not_receive_get_403(client, cast, villages, sectors, name, args):
    url = reverse(name, args=[cast.commune_a.pk, *args])
    client.force_login(cast.officer_b)
    assert client.get(url).status_code == 404
    assert client.post(url, {}).status_code in (404, 405)
    for user in (cast.council_a, cast.department_officer_a, cast.province_official):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.post(url, {}).status_code in (403, 405)
    client.force_login(cast.citizen)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the sign-in page
    for user in (cast.chair_a, cast.vice_chair_a, cast.officer_a, cast.front_a, cast.village_head_a):
        client.force_login(user)
        assert client.get(url).status_code == 200


def test_an_import_of_another_unit_is_404(client, cast, villages, sectors):
    client.force_login(cast.officer_a)
    petition_import = imports.import_start(
        actor=cast.officer_a, unit=cast.commune_a, conference=None, upload=workbook([row(1)])
    )
    url = reverse("petitions:import_status", args=[cast.commune_a.pk, petition_import.pk])
    assert client.get(url).status_code == 200
    assert client.get(reverse("petitions:import_status", args=[cast.commune_b.pk, petition_import.pk])).status_code in (
        403,
        404,
    )
    client.force_login(cast.officer_b)
    assert client.get(url).status_code == 404
    assert (
        client.get(reverse("petitions:import_status", args=[cast.commune_b.pk, petition_import.pk])).status_code == 404
    )
    client.force_login(cast.council_a)
    assert client.get(url).status_code == 403


# ---------------------------------------------------------------- Excel


def test_the_template_downloads_with_lists_and_instructions_and_imports_back(
    client, cast, villages, sectors, conference
):
    from openpyxl import load_workbook

    client.force_login(cast.front_a)
    response = client.get(reverse("petitions:import_template", args=[cast.commune_a.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert "attachment;" in response["Content-Disposition"] and ".xlsx" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Ý kiến, kiến nghị", "Danh mục", "Hướng dẫn"]
    sheet = book["Ý kiến, kiến nghị"]
    assert [c.value for c in sheet[1]] == [
        "STT",
        "Thôn/Tổ dân phố",
        "Họ tên người kiến nghị",
        "Số điện thoại",
        "Đồng ý liên hệ (Có/Không)",
        "Đồng ý công khai tên (Có/Không)",
        "Nội dung ý kiến, kiến nghị",
        "Lĩnh vực",
        "Tính chất",
        "Ngày tiếp nhận (dd/mm/yyyy)",
    ]
    lists = book["Danh mục"]
    assert [c.value for c in lists["A"][1:4]] == ["Thôn Nà Pàn", "Thôn Nà Pò", "Thôn Bản Châu"]
    assert "Xây dựng – giao thông – hạ tầng" in [c.value for c in lists["B"]]
    assert "Kiến nghị" in [c.value for c in lists["C"]]
    validations = {str(v.sqref).split(":")[0]: v.formula1 for v in sheet.data_validations.dataValidation}
    assert validations["B2"].endswith("$A$2:$A$4")
    assert "$B$2:$B$18" in validations["H2"] and "$C$2" in validations["I2"]
    assert "Không ghi tuổi, số CCCD." in " ".join(str(c.value) for c in book["Hướng dẫn"]["A"])

    # Filled in as a village would, and sent back.
    sheet["A2"], sheet["B2"], sheet["C2"], sheet["G2"], sheet["H2"], sheet["I2"], sheet["J2"] = (
        1,
        "Thôn Nà Pò",
        "Hoàng Văn Pẻo",
        ROAD,
        "Xây dựng – giao thông – hạ tầng",
        "Kiến nghị",
        "15/11/2026",
    )
    sheet["A3"], sheet["B3"], sheet["D3"], sheet["E3"], sheet["F3"], sheet["G3"], sheet["H3"], sheet["I3"] = (
        2,
        "Thôn Bản Châu",
        "0912345678",
        "Có",
        "Không",
        "Trạm y tế xã thiếu thuốc điều trị bệnh mãn tính.",
        "Y tế – BHYT",
        "Phản ánh",
    )
    sheet["J3"] = dt.date(2026, 11, 16)  # a date typed into a cell Excel turned into a date
    sheet["B5"], sheet["G5"], sheet["I5"] = "na pan", "Tôi muốn khiếu nại việc thu hồi đất.", "khieu nai"
    buffer = io.BytesIO()
    book.save(buffer)

    response = upload(client, cast, buffer.getvalue(), name="Tổng hợp thôn.xlsx", conference=conference)
    petition_import = PetitionImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("petitions:import_status", args=[cast.commune_a.pk, petition_import.pk])
    assert petition_import.status == ImportStatus.DONE
    assert petition_import.created_count == petition_import.total_rows == 3
    road, clinic, complaint = Petition.objects.order_by("pk")
    assert (road.village, road.sector, road.kind, road.received_on) == (
        villages["na_po"],
        sectors["XD-GT-HT"],
        Kind.RECOMMENDATION,
        dt.date(2026, 11, 15),
    )
    assert road.submitter_name == "Hoàng Văn Pẻo" and not road.consent_publish_name
    assert (clinic.village, clinic.sector, clinic.kind) == (villages["ban_chau"], sectors["YT"], Kind.FEEDBACK)
    assert clinic.submitter_phone == "0912345678" and clinic.consent_contact
    assert clinic.received_on == dt.date(2026, 11, 16)
    assert complaint.received_on == timezone.localdate()  # no date: the day of the import
    assert (complaint.village, complaint.kind, complaint.sector) == (cast.village_a, Kind.COMPLAINT, None)
    assert {p.channel for p in (road, clinic, complaint)} == {Channel.SUMMARY_IMPORT}
    assert {p.conference for p in (road, clinic, complaint)} == {conference}
    assert {p.created_by for p in (road, clinic, complaint)} == {cast.front_a}
    events = list(
        AuditEvent.objects.filter(event_type__startswith="petition.import").values_list("event_type", flat=True)
    )
    assert sorted(events) == ["petition.import_started", "petition.imported"]
    # The uploaded file (personal data) is not kept once imported.
    assert not petition_import.file

    page = client.get(response["Location"]).content.decode()
    assert "Đã nhập 3 ý kiến, kiến nghị." in page
    assert f"kenh=summary_import&amp;hoi_nghi={conference.pk}" in page
    assert 'hx-trigger="every 1s"' not in page
    recent = client.get(reverse("petitions:import", args=[cast.commune_a.pk])).content.decode()
    assert "Tổng hợp thôn.xlsx" in recent


def test_every_bad_row_is_reported_and_nothing_is_created(client, cast, villages, sectors):
    client.force_login(cast.officer_a)
    rows = [
        row(1),  # good
        row(2, village="Thôn Không Có"),
        row(3, phone="0912345678"),  # a phone without consent
        row(4, text=LONG),
        row(5, day="31/02/2026"),
        row(6, contact="có lẽ"),
        row(7, text="", name="Lò Văn Sáng"),
        row(8, village=""),
        row(9, sector="Vũ trụ"),
        row(10, kind="Tâm sự"),
        ["", "", "", "", "", "", "", "", "", ""],  # an empty row: skipped
        row(11, phone="12345", contact="Có"),
        row(12, day="01/01/2099"),
        row(13, village="na"),  # two villages
        row(14),  # good
    ]
    response = upload(client, cast, workbook(rows, title_rows=[["TỔNG HỢP Ý KIẾN CỬ TRI THÔN NÀ PÒ"]]))
    assert response.status_code == 302
    petition_import = PetitionImport.objects.get()
    assert petition_import.status == ImportStatus.FAILED
    assert not Petition.objects.exists()
    messages = [e["text"] for e in petition_import.errors]
    # The title is row 1, the header row 2: the data starts at row 3; the empty row 13 is skipped.
    expected = [
        "Dòng 4, cột “Thôn/Tổ dân phố”: không có thôn, tổ dân phố “Thôn Không Có” trong Xã Điềm He.",
        "Dòng 5, cột “Đồng ý liên hệ (Có/Không)”: Chỉ lưu số điện thoại khi người gửi đồng ý được liên hệ.",
        "Dòng 6, cột “Nội dung ý kiến, kiến nghị”: Nội dung dài 50.000 ký tự, quá 10.000 ký tự.",
        "Dòng 7, cột “Ngày tiếp nhận (dd/mm/yyyy)”: ngày “31/02/2026” không đúng dạng ngày/tháng/năm",
        "Dòng 8, cột “Đồng ý liên hệ (Có/Không)”: ghi “Có” hoặc “Không” (đang ghi “có lẽ”).",
        "Dòng 9, cột “Nội dung ý kiến, kiến nghị”: Nhập nội dung ý kiến, kiến nghị.",
        "Dòng 10, cột “Thôn/Tổ dân phố”: chưa ghi thôn, tổ dân phố.",
        "Dòng 11, cột “Lĩnh vực”: không có lĩnh vực “Vũ trụ” trong danh mục",
        "Dòng 12, cột “Tính chất”: không rõ tính chất “Tâm sự”.",
        "Dòng 14, cột “Số điện thoại”: Số điện thoại không đúng",
        "Dòng 15, cột “Ngày tiếp nhận (dd/mm/yyyy)”: Ngày tiếp nhận không hợp lệ (không được sau hôm nay).",
        "Dòng 16, cột “Thôn/Tổ dân phố”: “na” khớp nhiều thôn, tổ dân phố (Thôn Nà Pàn, Thôn Nà Pò)",
    ]
    assert len(messages) == len(expected)
    for message, start in zip(messages, expected, strict=True):
        assert message.startswith(start), message
    assert not any("Dòng 3" in m or "Dòng 17" in m for m in messages)
    assert AuditEvent.objects.filter(event_type="petition.import_failed").count() == 1
    assert not AuditEvent.objects.filter(event_type="petition.received").exists()

    page = client.get(response["Location"]).content.decode()
    assert "Không dòng nào được nhập." in page
    assert "Dòng 6, cột “Nội dung ý kiến, kiến nghị”: Nội dung dài 50.000 ký tự" in page
    assert "x" * 1000 not in page


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00 a photo", "anh.xlsx"),  # a JPEG renamed
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00 cut short", "hong.xlsx"),  # a broken zip
        (b"", "rong.xlsx"),
    ],
)
def test_a_file_that_is_not_an_xlsx_is_refused_with_a_clear_message(client, cast, villages, sectors, data, name):
    client.force_login(cast.officer_a)
    response = upload(client, cast, data, name=name)
    assert response.status_code == 400
    errors = field_errors(response, "file")
    assert "không phải là tệp Excel .xlsx hợp lệ" in errors or "Tệp rỗng" in errors
    assert not PetitionImport.objects.exists()


def test_a_truncated_workbook_is_refused(client, cast, villages, sectors):
    client.force_login(cast.officer_a)
    data = workbook([row(1)])
    response = upload(client, cast, data[: len(data) // 2])
    assert response.status_code == 400
    assert "không phải là tệp Excel .xlsx hợp lệ" in field_errors(response, "file")


def test_a_file_without_the_template_columns_is_refused_whole(client, cast, villages, sectors):
    client.force_login(cast.officer_a)
    upload(client, cast, workbook([["Nà Pò", "đường"]], headers=["Thôn", "Ghi chú"]))
    petition_import = PetitionImport.objects.get()
    assert petition_import.status == ImportStatus.FAILED
    assert "Không tìm thấy dòng tiêu đề của mẫu" in petition_import.errors[0]["text"]


def test_importing_the_same_file_again_creates_nothing_new(client, cast, villages, sectors):
    client.force_login(cast.officer_a)
    data = workbook([row(1), row(2, village="Thôn Bản Châu", text="Kênh mương bị bồi lấp.")])
    upload(client, cast, data)
    assert Petition.objects.count() == 2
    response = upload(client, cast, data, name="tong-hop (1).xlsx")
    assert Petition.objects.count() == 2
    second = PetitionImport.objects.order_by("-pk")[0]
    assert (second.status, second.created_count, second.total_rows) == (ImportStatus.DONE, 0, 2)
    assert "Tệp này đã được nhập trước đây" in client.get(response["Location"]).content.decode()
    # A file with one more row creates only that row's petition... since it is another file, all of its rows.
    upload(client, cast, workbook([row(1), row(2, village="Thôn Bản Châu", text="Kênh mương bị bồi lấp."), row(3)]))
    assert Petition.objects.count() == 5


def test_a_large_file_is_imported_by_the_task_with_its_progress(
    client, cast, villages, sectors, django_assert_max_num_queries
):
    client.force_login(cast.officer_a)
    rows = [row(n, text=f"Ý kiến số {n} về đường giao thông nông thôn.") for n in range(1, 251)]
    response = upload(client, cast, workbook(rows))
    petition_import = PetitionImport.objects.get()
    # More than the inline limit: handed to the task worker (run at once by the tests' backend).
    assert petition_import.status == ImportStatus.DONE
    assert petition_import.created_count == 250 and petition_import.done_rows == 250
    assert Petition.objects.filter(channel=Channel.SUMMARY_IMPORT).count() == 250
    fragment = client.get(response["Location"], headers={"HX-Request": "true"})
    html = fragment.content.decode()
    assert 'id="import-status"' in html
    assert 'data-status="done"' in html and "hx-trigger" not in html
    assert "<html" not in html


def test_a_pending_import_shows_a_progress_bar_that_polls(client, cast, villages, sectors):
    client.force_login(cast.officer_a)
    petition_import = imports.import_start(
        actor=cast.officer_a, unit=cast.commune_a, conference=None, upload=workbook([row(1)])
    )
    url = reverse("petitions:import_status", args=[cast.commune_a.pk, petition_import.pk])
    html = client.get(url).content.decode()
    assert 'hx-trigger="every 1s"' in html and 'role="progressbar"' in html
    assert "Đang chờ xử lý" in html
    # The worker runs it; the next poll shows the result and stops polling.
    imports.import_run(petition_import.pk)
    html = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "Đã nhập 1 ý kiến, kiến nghị." in html and "hx-trigger" not in html
    # Run twice (a retried task): nothing more.
    imports.import_run(petition_import.pk)
    assert Petition.objects.count() == 1


def test_a_village_head_imports_rows_of_their_own_village_only(client, cast, villages, sectors):
    client.force_login(cast.village_head_a)
    template = client.get(reverse("petitions:import_template", args=[cast.commune_a.pk]))
    from openpyxl import load_workbook

    lists = load_workbook(io.BytesIO(template.content))["Danh mục"]
    assert [c.value for c in lists["A"][1:] if c.value] == ["Thôn Nà Pàn"]
    upload(client, cast, workbook([row(1, village="Thôn Nà Pàn"), row(2, village="Thôn Nà Pò")]))
    petition_import = PetitionImport.objects.get()
    assert petition_import.status == ImportStatus.FAILED
    assert [e["text"] for e in petition_import.errors] == [
        "Dòng 3, cột “Thôn/Tổ dân phố”: trưởng thôn chỉ nhập ý kiến của thôn, tổ dân phố mình phụ trách."
    ]
    assert not Petition.objects.exists()


def test_the_file_size_is_limited(client, cast, villages, sectors, monkeypatch):
    monkeypatch.setattr(excel, "MAX_BYTES", 1000)
    client.force_login(cast.officer_a)
    response = upload(client, cast, workbook([row(n) for n in range(1, 20)]))
    assert response.status_code == 400
    assert "Tệp lớn hơn" in field_errors(response, "file")


def test_the_number_of_rows_is_limited(client, cast, villages, sectors, monkeypatch):
    monkeypatch.setattr(excel, "MAX_ROWS", 5)
    client.force_login(cast.officer_a)
    upload(client, cast, workbook([row(n) for n in range(1, 7)]))
    petition_import = PetitionImport.objects.get()
    assert petition_import.status == ImportStatus.FAILED
    assert petition_import.errors[0]["text"] == "Tệp có hơn 5 dòng dữ liệu; chia thành nhiều tệp để nhập."
    assert not Petition.objects.exists()


def test_a_formula_is_refused_and_the_file_is_not_kept(
    client, cast, villages, sectors, django_capture_on_commit_callbacks
):
    client.force_login(cast.officer_a)
    stored = []
    original = imports._forget_file

    def spy(petition_import):
        stored.append(petition_import.file.name)
        original(petition_import)

    with django_capture_on_commit_callbacks(execute=True):
        import unittest.mock

        with unittest.mock.patch.object(imports, "_forget_file", spy):
            upload(client, cast, workbook([row(1, text='=HYPERLINK("http://x")')]))
    petition_import = PetitionImport.objects.get()
    assert petition_import.status == ImportStatus.FAILED
    assert petition_import.errors[0]["text"] == (
        "Dòng 2, cột “Nội dung ý kiến, kiến nghị”: ô G2 chứa công thức; chỉ nhập giá trị."
    )
    assert stored and stored[0].startswith("petition-imports/")
    assert not storages["private"].exists(stored[0])
    assert not petition_import.file


@pytest.mark.django_db(transaction=True)
def test_the_progress_bar_moves_while_the_rows_are_created(client, cast, villages, sectors, monkeypatch):
    """The rows are created in one transaction; on PostgreSQL the count is written through a second connection,
    so that the status page (another connection) sees it move. SQLite has one writer: the bar waits."""
    from django.db import connection

    seen: list[int] = []
    create = imports.create_petition

    def spy(**kwargs):
        if kwargs["audit_extra"]["row"] == 152:  # the 151st row: 150 created before it
            import_id = kwargs["audit_extra"]["import"]
            seen.append(PetitionImport.objects.values_list("done_rows", flat=True).get(pk=import_id))
        return create(**kwargs)

    monkeypatch.setattr(imports, "create_petition", spy)
    client.force_login(cast.officer_a)
    upload(client, cast, workbook([row(n, text=f"Ý kiến số {n}.") for n in range(1, 251)]))
    assert PetitionImport.objects.get().status == ImportStatus.DONE
    assert seen == ([100] if connection.vendor == "postgresql" else [0])
