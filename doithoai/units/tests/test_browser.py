"""In a real browser (Chromium): set up a unit from the national list, and every role's home page."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from doithoai.accounts.models import Membership, User
from doithoai.accounts.roles import Role
from doithoai.core.testing import log_in
from doithoai.units.models import AdminUnit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_out(page: Page) -> None:
    # On a phone the menu opens with a collapse transition: a click on the user menu while it still moves can
    # be lost, so each step waits for the previous one to be done (a busy machine made this flaky).
    toggler = page.locator(".navbar-toggler")
    if toggler.is_visible():
        toggler.click()
        expect(page.locator("#mainnav")).to_have_class(re.compile(r"(^|\s)show(\s|$)"))
    page.get_by_test_id("user-menu").click()
    expect(page.get_by_test_id("user-menu")).to_have_attribute("aria-expanded", "true")
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_load_state()


def test_it_sets_up_a_commune_from_the_national_list_and_its_office_signs_in(cast, live_server, page, password):
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, cast.sysadmin.username, password)
    expect(page.get_by_test_id("role-home-system_admin")).to_be_visible()

    # Step 1: the live search finds the commune without diacritics; set-up units are marked.
    page.goto(live_server.url + reverse("setup:start"))
    page.get_by_label("Tên hoặc mã đơn vị").fill("diem he")
    expect(page.get_by_test_id("unit-result-set-up").first).to_contain_text("Xã Điềm He – Tỉnh Lạng Sơn")
    expect(page.get_by_test_id("unit-result-set-up").first).to_contain_text("Đã thiết lập")
    page.get_by_label("Tên hoặc mã đơn vị").fill("tan thanh lang son")
    result = page.get_by_role("link", name=re.compile("Xã Tân Thành – Tỉnh Lạng Sơn"))
    expect(result).to_be_visible()
    result.click()

    # Step 2: one page with the letterhead (prefilled), villages, departments and the first accounts.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Thiết lập Xã Tân Thành – Tỉnh Lạng Sơn")
    expect(page.get_by_label("Tên cơ quan ban hành")).to_have_value("ỦY BAN NHÂN DÂN XÃ TÂN THÀNH")
    page.get_by_label("Địa chỉ trụ sở").fill("Thôn Pò Mã, xã Tân Thành")
    page.locator("#id_villages").fill("1. Thôn Pò Mã\n2. Thôn Nà Thâm\n3. Thôn Khòn Cuổng\n")
    page.locator("#id_departments").fill("Văn phòng HĐND và UBND\nCông an xã\n")
    chair = page.get_by_test_id("person-0")
    chair.get_by_label("Họ và tên").fill("Lưu Văn Chủ")
    chair.get_by_label("Tên đăng nhập").fill("chutich_tt")
    chair.get_by_label("Thư điện tử").fill("chutich@tanthanh.vn")
    office = page.get_by_test_id("person-1")
    office.get_by_label("Họ và tên").fill("Hà Thị Thư")
    office.get_by_label("Tên đăng nhập").fill("vanphong_tt")
    page.get_by_role("button", name="Thiết lập đơn vị").click()

    # Step 3: the summary shows the logins, the generated passwords once.
    expect(page.get_by_test_id("setup-done")).to_contain_text("Đã thiết lập Xã Tân Thành")
    expect(page.get_by_test_id("login-chutich_tt")).to_contain_text("Chủ tịch UBND")
    expect(page.get_by_test_id("login-vanphong_tt")).to_contain_text("Văn phòng / thư ký")
    office_password = page.get_by_test_id("password-vanphong_tt").inner_text().strip()
    assert office_password
    unit = AdminUnit.objects.get(era="current", level="commune", code="06445")
    assert unit.is_set_up
    assert User.objects.get(username="vanphong_tt").check_password(office_password)
    assert Membership.objects.get(user__username="vanphong_tt").unit == unit

    # The new office signs in and lands on the commune's home page.
    log_out(page)
    log_in(page, live_server, "vanphong_tt", office_password)
    expect(page).to_have_url(re.compile(re.escape(reverse("units:home", args=[unit.pk])) + "$"))
    expect(page.get_by_test_id("role-home-office")).to_be_visible()
    expect(page.get_by_test_id("village-count")).to_have_text("3")
    expect(page.get_by_test_id("department-count")).to_have_text("2")


# The panel each person of the cast sees on their home page, and a line of its Vietnamese text.
HOME_PANELS = [
    (Role.CHAIR, "role-home-chair", "Chủ trì hội nghị đối thoại"),
    (Role.VICE_CHAIR, "role-home-vice_chair", "Chủ trì hội nghị đối thoại"),
    (Role.OFFICE, "role-home-office", "Văn phòng – chuẩn bị và tổ chức hội nghị"),
    (Role.DEPARTMENT_OFFICER, "role-home-department_officer", "Cơ quan chuyên môn: Phòng Kinh tế"),
    (Role.FRONT, "role-home-front", "Ủy ban Mặt trận Tổ quốc – tổng hợp và giám sát"),
    (Role.VILLAGE_HEAD, "role-home-village_head", "Trưởng thôn – Thôn Nà Pàn"),
    (Role.COUNCIL, "role-home-council", "Hội đồng nhân dân – giám sát"),
    (Role.HIGHER_OFFICIAL, "role-home-higher_official", "Cán bộ cấp trên – theo dõi các đơn vị trực thuộc"),
    (Role.CITIZEN, "role-home-citizen", "Xin chào, Triệu Thị Dân"),
    (Role.SYSTEM_ADMIN, "role-home-system_admin", "Quản trị hệ thống"),
]


def test_it_shows_each_role_its_own_home_panel(cast, live_server, page, password):
    page.set_viewport_size({"width": 390, "height": 844})
    for role, testid, text in HOME_PANELS:
        page.context.clear_cookies()
        log_in(page, live_server, cast.user_for(role).username, password)
        panel = page.get_by_test_id(testid)
        expect(panel, f"{role.value} sees their panel").to_be_visible()
        expect(panel).to_contain_text(text)
        others = [t for _r, t, _x in HOME_PANELS if t != testid]
        for other in others:
            expect(page.get_by_test_id(other), f"{role.value} does not see {other}").to_have_count(0)
    # The province official lands on the province, with the communes below it that use the system.
    page.context.clear_cookies()
    log_in(page, live_server, cast.province_official.username, password)
    expect(page.get_by_test_id("units-below")).to_contain_text("Xã Điềm He")
    expect(page.get_by_test_id("units-below")).to_contain_text("Xã Văn Quan")
