"""First-run set-up of a unit in the browser: search the national list, one form, one transaction."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from doithoai.accounts.models import Membership, User
from doithoai.audit.models import AuditEvent
from doithoai.units.actions import NewPerson, unit_set_up_with_people
from doithoai.units.models import AdminUnit, Department, Village

TAN_THANH = "06445"  # Xã Tân Thành, Tỉnh Lạng Sơn: not in the cast


@pytest.fixture
def admin(client, cast):
    client.force_login(cast.sysadmin)
    return client


@pytest.fixture
def tan_thanh(db):
    return AdminUnit.objects.get(era="current", level="commune", code=TAN_THANH)


def _form(**changes):
    data = {
        "committee_name": "ỦY BAN NHÂN DÂN XÃ TÂN THÀNH",
        "parent_line": "",
        "place_name": "Tân Thành",
        "committee_abbr": "UBND",
        "council_abbr": "HĐND",
        "front_abbr": "MTTQ",
        "party_abbr": "ĐU",
        "address": "Thôn Pò Mã, xã Tân Thành",
        "phone": "0205 3 888 999",
        "email": "ubnd.tanthanh@langson.gov.vn",
        "villages": "Thôn Pò Mã\nThôn Nà Thâm\nThôn Khòn Cuổng",
        "departments": "Văn phòng HĐND và UBND\nCông an xã",
        "people-0-full_name": "Lưu Văn Chủ",
        "people-0-username": "chutich_tt",
        "people-0-email": "chutich@tanthanh.vn",
        "people-0-password": "",
        "people-1-full_name": "Hà Thị Thư",
        "people-1-username": "vanphong_tt",
        "people-1-email": "",
        "people-1-password": "mot-mat-khau-dai-2026",
        "people-2-role": "vice_chair",
        "people-2-full_name": "",
        "people-2-username": "",
        "people-3-role": "vice_chair",
    }
    data.update(changes)
    return data


def _counts():
    return (
        AdminUnit.objects.filter(is_set_up=True).count(),
        Village.objects.count(),
        Department.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
        AuditEvent.objects.count(),
    )


def test_it_lets_only_system_administrators_in(client, cast, tan_thanh):
    assert client.get(reverse("setup:start")).status_code == 302  # to the login page
    for user in (cast.officer_a, cast.chair_a, cast.province_official, cast.citizen):
        client.force_login(user)
        assert client.get(reverse("setup:start")).status_code == 403
        assert client.get(reverse("setup:unit", args=[tan_thanh.pk])).status_code == 403
        assert client.post(reverse("setup:unit", args=[tan_thanh.pk]), _form()).status_code == 403
    assert not AdminUnit.objects.get(pk=tan_thanh.pk).is_set_up


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("diem he", "Xã Điềm He – Tỉnh Lạng Sơn"),
        ("ĐIỀM HE", "Xã Điềm He – Tỉnh Lạng Sơn"),
        ("06280", "Xã Điềm He – Tỉnh Lạng Sơn"),
        ("tan thanh lang son", "Xã Tân Thành – Tỉnh Lạng Sơn"),
    ],
)
def test_it_finds_units_by_name_without_diacritics_or_by_code(admin, query, expected):
    response = admin.get(reverse("setup:start"), {"q": query}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert expected in html
    assert "<html" not in html


def test_it_marks_units_already_set_up_and_offers_no_set_up_for_them(admin, cast):
    html = admin.get(reverse("setup:start"), {"q": "diem he"}).content.decode()
    assert "Đã thiết lập" in html
    assert reverse("setup:unit", args=[cast.commune_a.pk]) not in html
    page = admin.get(reverse("setup:unit", args=[cast.commune_a.pk])).content.decode()
    assert "Đơn vị này đã được thiết lập, không thể thiết lập lại." in page
    assert 'data-testid="setup-form"' not in page


def test_it_searches_the_legacy_list_of_provinces_districts_and_communes(admin):
    html = admin.get(reverse("setup:start"), {"q": "tan thanh van lang", "truoc_2025": "1"}).content.decode()
    assert "Xã Tân Thanh – Huyện Văn Lãng – Tỉnh Lạng Sơn" in html
    html = admin.get(reverse("setup:start"), {"q": "huyen van lang", "truoc_2025": "1"}).content.decode()
    assert "Huyện Văn Lãng – Tỉnh Lạng Sơn" in html
    current = admin.get(reverse("setup:start"), {"q": "huyen van lang"}).content.decode()
    assert "Huyện Văn Lãng" not in current


def test_it_prefills_the_letterhead_from_the_unit(admin, tan_thanh):
    html = admin.get(reverse("setup:unit", args=[tan_thanh.pk])).content.decode()
    assert 'value="ỦY BAN NHÂN DÂN XÃ TÂN THÀNH"' in html
    assert 'value="Tân Thành"' in html
    assert 'value="HĐND"' in html


def test_it_sets_up_the_unit_with_villages_departments_and_first_accounts(admin, cast, tan_thanh):
    response = admin.post(reverse("setup:unit", args=[tan_thanh.pk]), _form())

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert 'data-testid="setup-done"' in html
    unit = AdminUnit.objects.get(pk=tan_thanh.pk)
    assert unit.is_set_up
    assert unit.address == "Thôn Pò Mã, xã Tân Thành"
    assert list(unit.villages.values_list("name", flat=True)) == ["Thôn Pò Mã", "Thôn Nà Thâm", "Thôn Khòn Cuổng"]
    assert unit.departments.count() == 2
    chair = User.objects.get(username="chutich_tt")
    office = User.objects.get(username="vanphong_tt")
    assert Membership.objects.get(user=chair, unit=unit).role == "chair"
    assert Membership.objects.get(user=office, unit=unit).role == "office"
    generated = html.split('data-testid="password-chutich_tt">', 1)[1].split("<", 1)[0]
    assert chair.check_password(generated)
    assert office.check_password("mot-mat-khau-dai-2026")
    assert "mot-mat-khau-dai-2026" not in html
    assert reverse("units:home", args=[unit.pk]) in html
    assert AuditEvent.objects.filter(unit=unit, event_type="unit.set_up").count() == 1


def test_it_creates_the_optional_extra_accounts_that_were_filled_in(admin, tan_thanh):
    admin.post(
        reverse("setup:unit", args=[tan_thanh.pk]),
        _form(**{"people-2-role": "front", "people-2-full_name": "Nông Văn Mặt", "people-2-username": "mattran_tt"}),
    )
    assert Membership.objects.get(user__username="mattran_tt").role == "front"
    assert User.objects.filter(username__endswith="_tt").count() == 3


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"villages": "Thôn Pò Mã\nThôn Nà Thâm\nthôn pò mã"},
            "villages",
            "Dòng 3: “thôn pò mã” trùng với dòng 1.",
        ),
        ({"people-1-username": "vanphong_a"}, "people-1-username", "Tên đăng nhập “vanphong_a” đã có người dùng."),
        ({"people-1-username": "chutich_tt"}, "people-1-username", "trùng với người thứ 1 ở trên"),
        ({"people-0-full_name": ""}, "people-0-full_name", "Cần nhập họ và tên."),
        ({"people-1-password": "123"}, "people-1-password", "Mật khẩu"),
        ({"committee_name": ""}, "committee_name", "Cần nhập tên cơ quan ban hành như in trên văn bản."),
        ({"email": "sai"}, "email", "Địa chỉ thư điện tử không hợp lệ."),
        ({"departments": "Công an xã\nCÔNG AN XÃ"}, "departments", "Dòng 2: “CÔNG AN XÃ” trùng với dòng 1."),
    ],
)
def test_it_sets_up_nothing_when_any_part_is_wrong(admin, tan_thanh, changes, field, message):
    before = _counts()

    response = admin.post(reverse("setup:unit", args=[tan_thanh.pk]), _form(**changes))

    assert response.status_code == 200
    html = response.content.decode()
    assert f'data-testid="errors-{field}"' in html
    error = html.split(f'data-testid="errors-{field}">', 1)[1].split("</", 1)[0]
    assert message in error
    # Everything typed is still in the form.
    typed = _form(**changes)
    assert typed["villages"].splitlines()[-1] in html
    assert f'value="{typed["people-1-full_name"]}"' in html
    assert f'value="{typed["address"]}"' in html
    assert _counts() == before
    assert not AdminUnit.objects.get(pk=tan_thanh.pk).is_set_up
    assert not User.objects.filter(username__in=["chutich_tt", "vanphong_tt"]).exists()


def test_it_reports_every_problem_at_once(admin, tan_thanh):
    html = admin.post(
        reverse("setup:unit", args=[tan_thanh.pk]),
        _form(**{"villages": "Thôn A\nthon a", "people-1-username": "vanphong_a", "place_name": ""}),
    ).content.decode()
    for field in ("villages", "people-1-username", "place_name"):
        assert f'data-testid="errors-{field}"' in html


def test_it_refuses_a_set_up_without_a_chair_or_an_office_account(admin, tan_thanh):
    before = _counts()
    with pytest.raises(ValidationError) as excinfo:
        unit_set_up_with_people(
            actor=User.objects.get(username="quantri"),
            unit=tan_thanh,
            profile={"committee_name": "ỦY BAN NHÂN DÂN XÃ TÂN THÀNH", "place_name": "Tân Thành"},
            villages="Thôn Pò Mã",
            departments="",
            people=[NewPerson(role="chair", full_name="Lưu Văn Chủ", username="chutich_tt")],
        )
    assert excinfo.value.message_dict["people"] == [
        "Cần tạo ít nhất một tài khoản cho mỗi vai trò: Văn phòng / thư ký."
    ]
    assert _counts() == before


def test_it_refuses_an_unknown_unit_clearly_and_changes_nothing(admin):
    before = _counts()
    missing = (AdminUnit.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1000

    for response in (
        admin.get(reverse("setup:unit", args=[missing])),
        admin.post(reverse("setup:unit", args=[missing]), _form()),
    ):
        assert response.status_code == 404
        html = response.content.decode()
        assert f"Không tìm thấy đơn vị có mã số {missing} trong danh mục đơn vị hành chính." in html
        assert "Chưa có gì được thay đổi." in html
    assert _counts() == before
    assert not User.objects.filter(username="chutich_tt").exists()


def test_it_refuses_to_set_up_a_unit_twice(admin, cast):
    before = _counts()
    html = admin.post(reverse("setup:unit", args=[cast.commune_a.pk]), _form()).content.decode()
    assert "Đơn vị này đã được thiết lập, không thể thiết lập lại." in html
    assert _counts() == before
