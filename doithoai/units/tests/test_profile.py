"""The unit's letterhead: edit it, and see the document header as it will print."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from doithoai.audit.models import AuditEvent
from doithoai.units.letterhead import split_committee_name
from doithoai.units.models import AdminUnit

PROFILE = {
    "committee_name": "ỦY BAN NHÂN DÂN XÃ ĐIỀM HE",
    "parent_line": "",
    "place_name": "Điềm He",
    "committee_abbr": "UBND",
    "council_abbr": "HĐND",
    "front_abbr": "MTTQ",
    "party_abbr": "ĐU",
    "address": "Thôn Nà Pàn, xã Điềm He, tỉnh Lạng Sơn",
    "phone": "0205 3 830 123",
    "email": "ubnd.diemhe@langson.gov.vn",
}


@pytest.mark.parametrize(
    ("name", "lines"),
    [
        ("ỦY BAN NHÂN DÂN XÃ ĐIỀM HE", ["ỦY BAN NHÂN DÂN", "XÃ ĐIỀM HE"]),
        ("Uỷ ban nhân dân xã Điềm He", ["UỶ BAN NHÂN DÂN", "XÃ ĐIỀM HE"]),
        ("ỦY BAN NHÂN DÂN PHƯỜNG 1", ["ỦY BAN NHÂN DÂN", "PHƯỜNG 1"]),
        ("HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HÀ NỘI", ["HỘI ĐỒNG NHÂN DÂN", "THÀNH PHỐ HÀ NỘI"]),
        ("UBND THỊ TRẤN NA SẦM", ["UBND", "THỊ TRẤN NA SẦM"]),
        ("VĂN PHÒNG", ["VĂN PHÒNG"]),
        ("", []),
    ],
)
def test_it_splits_the_committee_name_as_the_header_prints_it(name, lines):
    assert split_committee_name(name) == lines


@time_machine.travel(dt.datetime(2026, 2, 5, 9, 0, tzinfo=dt.UTC))
def test_it_previews_the_header_with_the_place_and_date(client, cast):
    client.force_login(cast.officer_a)
    html = client.get(reverse("units:profile", args=[cast.commune_a.pk])).content.decode()
    left = html.split('data-testid="letterhead-left"', 1)[1].split('data-testid="letterhead-right"', 1)[0]
    right = html.split('data-testid="letterhead-right"', 1)[1].split("</div>\n  </div>", 1)[0]
    assert '<div class="fw-bold">ỦY BAN NHÂN DÂN</div><div class="fw-bold">XÃ ĐIỀM HE</div>' in left
    assert "Số: …/KH-UBND" in left
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right
    assert "Độc lập - Tự do - Hạnh phúc" in right
    assert "Điềm He, ngày 05 tháng 02 năm 2026" in right


def test_it_previews_what_is_being_typed(client, cast):
    client.force_login(cast.officer_a)
    response = client.get(
        reverse("units:profile_preview", args=[cast.commune_a.pk]),
        {"committee_name": "ỦY BAN NHÂN DÂN XÃ MỚI", "committee_abbr": "UBND-X", "parent_line": "tỉnh lạng sơn"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert "XÃ MỚI" in html
    assert "Số: …/KH-UBND-X" in html
    assert "TỈNH LẠNG SƠN" in html
    assert "<html" not in html


def test_it_saves_the_profile_with_its_history(client, cast):
    client.force_login(cast.chair_a)
    response = client.post(reverse("units:profile", args=[cast.commune_a.pk]), PROFILE)
    assert response.status_code == 302
    unit = AdminUnit.objects.get(pk=cast.commune_a.pk)
    assert unit.address == PROFILE["address"]
    event = AuditEvent.objects.get(event_type="unit.profile_updated")
    assert event.changes["address"] == {"before": "", "after": PROFILE["address"]}
    assert "committee_name" not in event.changes  # unchanged fields are not recorded


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("committee_name", "  ", "Cần nhập tên cơ quan ban hành như in trên văn bản."),
        ("place_name", "", "Cần nhập địa danh ghi trên văn bản (ví dụ: Điềm He)."),
        ("party_abbr", "", "Cần nhập chữ viết tắt."),
        ("email", "ubnd@", "Địa chỉ thư điện tử không hợp lệ."),
        ("address", "x" * 300, "Quá dài (tối đa 255 ký tự)."),
    ],
)
def test_it_refuses_a_bad_profile_at_the_field(client, cast, field, value, message):
    client.force_login(cast.officer_a)
    before = AuditEvent.objects.count()
    html = client.post(reverse("units:profile", args=[cast.commune_a.pk]), {**PROFILE, field: value}).content.decode()
    assert message in html.split(f'data-testid="errors-{field}">', 1)[1].split("</", 1)[0]
    assert 'value="Thôn Nà Pàn, xã Điềm He, tỉnh Lạng Sơn"' in html or field == "address"
    assert AdminUnit.objects.get(pk=cast.commune_a.pk).address == ""
    assert AuditEvent.objects.count() == before


def test_it_shows_the_profile_read_only_to_others(client, cast):
    client.force_login(cast.front_a)
    html = client.get(reverse("units:profile", args=[cast.commune_a.pk])).content.decode()
    assert 'data-testid="profile-read-only"' in html
    assert 'data-testid="profile-form"' not in html
    assert 'data-testid="letterhead"' in html


def test_it_links_to_the_two_factor_policy_page_when_there_is_one(client, cast):
    from django.urls import NoReverseMatch

    try:
        url = reverse("accounts:unit_security", args=[cast.commune_a.pk])
    except NoReverseMatch:
        pytest.skip("the two-factor policy page is not built yet")
    client.force_login(cast.chair_a)
    assert url in client.get(reverse("units:profile", args=[cast.commune_a.pk])).content.decode()
    client.force_login(cast.officer_a)  # the office may not change the policy
    assert url not in client.get(reverse("units:profile", args=[cast.commune_a.pk])).content.decode()
