"""In Chromium, one petition's whole life through the pages, as the people who handle it click it.

Before the story: commune A's 2026 plan, and its conference on Friday 05/6/2026, announced on 04/5/2026.

Thursday 28/5/2026, the office types two paper opinion forms about the same road from two villages with the
keyboard only (the first with the name and phone of the one who wrote it, not to be published), classifies
both, groups them from the suggestions, and assigns the group to a department with the default due date.
Friday 05/6/2026, the chair marks the conference held, records the answer given in the hall for the group,
and issues the conclusion notice. A citizen then reads the answer among the published conclusions (the
villages, not the name), and finds it again by typing the code of the first form in lower case.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from playwright.sync_api import expect

from doithoai.conferences.actions import conference_announce, conference_create
from doithoai.core.testing import log_in
from doithoai.lib.codes import format_code
from doithoai.petitions.models import AnswerMode, Channel, Jurisdiction, Kind, Petition, PetitionGroup, PetitionStatus
from doithoai.plans.actions import plan_create_from_preset, plan_issue
from doithoai.units.models import Village

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VN = ZoneInfo("Asia/Ho_Chi_Minh")
PREPARED = dt.datetime(2026, 5, 4, 9, 0, tzinfo=VN)  # Monday: the conference is created and announced
RECEIVED = dt.datetime(2026, 5, 28, 9, 0, tzinfo=VN)  # Thursday: the forms are typed in
HELD = dt.datetime(2026, 6, 5, 9, 30, tzinfo=VN)  # Friday: the conference (07:30) has started

FIRST = "Đề nghị sửa chữa tuyến đường từ thôn Nà Pàn ra trung tâm xã, đường xuống cấp, nhiều ổ gà."
SECOND = "Tuyến đường liên thôn Khòn Pịt đi trung tâm xã bị hư hỏng nặng, nhiều ổ gà, đề nghị sửa chữa."
NAME = "Lý Văn Sáng"
PHONE = "0912 345 678"
TITLE = "Sửa chữa tuyến đường liên thôn Nà Pàn, Khòn Pịt ra trung tâm xã bị xuống cấp, nhiều ổ gà"
ANSWER = (
    "Tuyến đường đã có trong kế hoạch sửa chữa năm 2026 của xã: vá ổ gà trước ngày 30/6/2026, "
    "thảm lại mặt đường trong quý III năm 2026."
)
ANSWERED_BY = "Ông Hoàng Văn Chủ, Chủ tịch UBND xã"
CONCLUSION = "Giao Phòng Kinh tế lập dự toán và hoàn thành vá ổ gà trước ngày 30/6/2026."
# Ten working days from Thursday 28/5/2026.
DEFAULT_DUE = dt.date(2026, 6, 11)


@pytest.fixture
def clock():
    with time_machine.travel(PREPARED, tick=True) as traveller:
        yield traveller


@pytest.fixture
def conference(cast, clock):
    """Before the story: the plan issued and the conference announced, on 04/5/2026."""
    plan = plan_create_from_preset(actor=cast.officer_a, unit=cast.commune_a, preset="commune", year=2026)
    plan = plan_issue(actor=cast.chair_a, plan=plan, number="91/KH-UBND", issued_on=dt.date(2026, 3, 2))
    villages = [
        cast.village_a,
        Village.objects.create(unit=cast.commune_a, name="Thôn Khòn Pịt", sort_order=2),
        Village.objects.create(unit=cast.commune_a, name="Thôn Bản Cằm", sort_order=3),
    ]
    conference = conference_create(
        actor=cast.officer_a,
        plan=plan,
        data={
            "title": "Hội nghị đối thoại năm 2026",
            "starts_at": dt.datetime(2026, 6, 5, 7, 30, tzinfo=VN),
            "venue": "Hội trường UBND xã Điềm He",
        },
        villages=villages,
    )
    return conference_announce(actor=cast.chair_a, conference=conference)


def type_village(page, typed: str, expected: str) -> None:
    """In the village box (focused), replace what is there by a name typed without diacritics; Tab takes it."""
    village = page.get_by_role("combobox", name="Thôn, tổ dân phố")
    expect(village).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type(typed)
    expect(page.locator("#village-listbox").get_by_role("option").first).to_have_text(expected)
    page.keyboard.press("Tab")
    expect(village).to_have_value(expected)


def test_a_petition_from_the_paper_form_to_the_published_answer(cast, conference, clock, live_server, page, password):
    unit = cast.commune_a
    page.set_viewport_size({"width": 1280, "height": 900})
    clock.move_to(RECEIVED)

    # 1. The office types the first paper form with the keyboard: village without diacritics, the name and phone
    #    of the one who wrote it (who agrees to be called back, not to be named in public), Ctrl+Enter.
    log_in(page, live_server, cast.officer_a.username, password)
    entry_url = live_server.url + reverse("petitions:paper_entry", args=[unit.pk]) + f"?hoi_nghi={conference.pk}"
    page.goto(entry_url)
    expect(page.get_by_label("Hội nghị")).to_have_value(str(conference.pk))
    type_village(page, "na pan", "Thôn Nà Pàn")
    text = page.get_by_label("Nội dung ý kiến, kiến nghị")
    expect(text).to_be_focused()
    page.keyboard.type(FIRST)
    page.keyboard.press("Tab")
    sector = page.get_by_role("combobox", name="Lĩnh vực")
    expect(sector).to_be_focused()
    page.keyboard.type("giao thong")
    page.keyboard.press("Tab")
    expect(sector).to_have_value("Xây dựng – giao thông – hạ tầng")
    expect(page.get_by_label("Tính chất")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Họ tên người góp ý")).to_be_focused()
    page.keyboard.type(NAME)
    page.keyboard.press("Tab")
    page.keyboard.type(PHONE)
    page.keyboard.press("Tab")
    expect(page.get_by_label("Đồng ý được liên hệ qua số điện thoại")).to_be_focused()
    page.keyboard.press("Space")
    expect(page.get_by_label("Đồng ý được liên hệ qua số điện thoại")).to_be_checked()
    expect(page.get_by_label("Đồng ý công khai họ tên")).not_to_be_checked()
    with page.expect_navigation():
        page.keyboard.press("Control+Enter")

    saved = page.get_by_test_id("entry-saved")
    expect(saved).to_contain_text("Đã lưu phiếu, mã tra cứu")
    code = saved.locator("strong").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", code), code
    first = Petition.objects.get(tracking_code=code.replace("-", ""))
    assert (first.village, first.conference, first.channel) == (cast.village_a, conference, Channel.PAPER_FORM)
    assert (first.submitter_name, first.consent_contact, first.consent_publish_name) == (NAME, True, False)
    assert first.original_text == FIRST

    # The second form, from Khòn Pịt: while it is typed, the page says it may repeat the first one.
    expect(page.get_by_label("Nội dung ý kiến, kiến nghị")).to_be_focused()
    page.keyboard.press("Shift+Tab")
    type_village(page, "khon pit", "Thôn Khòn Pịt")
    page.keyboard.type(SECOND)
    expect(page.get_by_test_id(f"hint-{first.pk}")).to_contain_text("Thôn Nà Pàn")
    page.keyboard.press("Tab")
    expect(sector).to_be_focused()
    page.keyboard.type("giao thong")
    page.keyboard.press("Tab")
    expect(sector).to_have_value("Xây dựng – giao thông – hạ tầng")
    with page.expect_navigation():
        page.keyboard.press("Control+Enter")
    expect(page.get_by_test_id("entry-count")).to_have_text("Đã nhập 2 phiếu trong phiên này.")
    second = Petition.objects.exclude(pk=first.pk).get()
    expect(page.get_by_test_id("entry-saved")).to_contain_text(format_code(second.tracking_code))
    assert second.village is not None and second.village.name == "Thôn Khòn Pịt"
    assert second.conference == conference
    assert second.submitter_name == ""

    # 2. They classify both on their pages: the second from the success line, the first from the list.
    page.get_by_test_id("entry-saved-link").click()
    classify(page)
    page.get_by_test_id("nav-petitions").click()
    page.get_by_role("link", name=first.tracking_code, exact=True).click()
    expect(page.get_by_test_id("tracking-code")).to_have_text(first.tracking_code)
    classify(page)
    for petition in (first, second):
        petition.refresh_from_db()
        assert (petition.status, petition.kind, petition.jurisdiction) == (
            PetitionStatus.CLASSIFIED,
            Kind.RECOMMENDATION,
            Jurisdiction.THIS_UNIT,
        )

    # 3. The suggestions of the conference: one group of the two, created with its common wording.
    page.goto(live_server.url + reverse("petitions:group_suggestions", args=[unit.pk]) + f"?hoi_nghi={conference.pk}")
    cluster = page.get_by_test_id("cluster")
    expect(cluster).to_have_count(1)
    expect(cluster).to_contain_text("Thôn Khòn Pịt, Thôn Nà Pàn")
    for petition in (first, second):
        expect(cluster.get_by_test_id(f"cluster-petition-{petition.pk}")).to_be_checked()
    cluster.get_by_test_id("cluster-title").fill(TITLE)
    cluster.get_by_role("button", name="Tạo nhóm").click()
    created = page.get_by_test_id("cluster-created")
    expect(created).to_contain_text(f"Đã tạo nhóm “{TITLE}” gồm 2 ý kiến.")
    group = PetitionGroup.objects.get()
    assert set(group.petitions.values_list("pk", flat=True)) == {first.pk, second.pk}
    created.get_by_role("link", name="Xem nhóm").click()
    expect(page.get_by_test_id("group-title-text")).to_have_text(TITLE)
    group_url = page.url

    # 4. From the group's page, the group goes to the Economy department with the default due date.
    assign = page.get_by_test_id("assign-form")
    expect(assign.get_by_test_id("default-due")).to_contain_text("Thứ Năm, ngày 11 tháng 6 năm 2026")
    expect(assign.get_by_label("Hạn xử lý")).to_have_value("11/06/2026")
    assign.get_by_label("Cơ quan được giao xử lý").select_option(label="Phòng Kinh tế")
    assign.get_by_role("button", name="Giao xử lý").click()
    expect(page.get_by_text("Đã giao 2 ý kiến cho Phòng Kinh tế, hạn 11/6/2026.")).to_be_visible()
    expect(page).to_have_url(group_url)  # back on the group's page, not on one of its petitions'
    expect(page.get_by_test_id("panel-assignment")).to_contain_text("Đã giao Phòng Kinh tế, hạn 11/6/2026")
    for petition in (first, second):
        petition.refresh_from_db()
        assert (petition.status, petition.assigned_department, petition.due_date) == (
            PetitionStatus.ACCEPTED,
            cast.department_a,
            DEFAULT_DUE,
        )

    # 5. The conference day: the chair marks it held, and records the answer given in the hall for the group.
    clock.move_to(HELD)
    log_in(page, live_server, cast.chair_a.username, password)
    conference_url = live_server.url + reverse("conferences:detail", args=[unit.pk, conference.pk])
    page.goto(conference_url)
    expect(page.get_by_test_id("conference-status")).to_have_text("Đã thông báo")
    page.get_by_role("button", name="Đã tổ chức", exact=True).click()
    expect(page.get_by_test_id("conference-status")).to_have_text("Đã tổ chức")

    page.get_by_test_id("conference-petitions").click()
    expect(page.get_by_test_id("result-count")).to_have_text("2 ý kiến")
    page.get_by_role("link", name=first.tracking_code, exact=True).click()
    page.get_by_test_id("fact-group").get_by_role("link", name=TITLE).click()
    expect(page).to_have_url(group_url)
    panel = page.get_by_test_id("panel-at-conference")
    panel.locator("summary").click()
    answer_form = panel.get_by_test_id("at_conference-form")
    answer_form.get_by_label("Nội dung đã trả lời tại hội nghị").fill(ANSWER)
    answer_form.get_by_label("Người trả lời (họ tên, chức vụ)").fill(ANSWERED_BY)
    answer_form.get_by_label("Kết luận của chủ trì (nếu có)").fill(CONCLUSION)
    answer_form.get_by_role("button", name="Ghi trả lời tại hội nghị").click()
    expect(page.get_by_text("Đã ghi trả lời tại hội nghị.")).to_be_visible()
    expect(page).to_have_url(group_url)
    expect(page.get_by_test_id("group-answer")).to_contain_text("Đã duyệt")
    expect(page.get_by_test_id("group-answer")).to_contain_text(ANSWER)
    for petition in (first, second):
        expect(page.get_by_test_id(f"member-{petition.pk}")).to_contain_text("Đã trả lời tại hội nghị")
    # On the first petition's page, the whole answer with the chair's conclusion.
    page.get_by_test_id(f"member-{first.pk}").get_by_role("link", name=first.tracking_code).click()
    answer_card = page.get_by_test_id("answer")
    expect(answer_card).to_contain_text(ANSWER)
    expect(answer_card).to_contain_text(CONCLUSION)
    expect(answer_card).to_contain_text("Đã duyệt")
    expect(page.get_by_test_id("status")).to_have_text("Đã trả lời tại hội nghị")
    for petition in (first, second):
        petition.refresh_from_db()
        assert petition.status == PetitionStatus.ANSWERED_AT_CONFERENCE
    assert first.answer_id == second.answer_id
    answer = first.answer
    assert answer is not None
    assert (answer.mode, answer.answered_by, answer.department) == (
        AnswerMode.AT_CONFERENCE,
        ANSWERED_BY,
        cast.department_a,
    )
    assert answer.approved_at is not None and answer.approved_by == cast.chair_a

    # 6. The chair issues the conclusion notice; the conclusions are published on the portal.
    page.goto(conference_url)
    page.get_by_role("button", name="Đã thông báo kết luận", exact=True).click()
    expect(page.get_by_test_id("conference-status")).to_have_text("Đã thông báo kết luận")

    page.get_by_test_id("user-menu").click()
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.get_by_role("link", name="Đăng nhập")).to_be_visible()

    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_server.url + reverse("portal:conference", args=[conference.pk]))
    page.get_by_test_id("conclusions-link").click()
    expect(page.get_by_test_id("banner-concluded")).to_be_visible()
    item = page.get_by_test_id("conclusion-item")
    expect(item).to_have_count(1)
    expect(item.get_by_test_id("item-title")).to_have_text(TITLE)
    expect(item.get_by_test_id("item-count")).to_have_text("2 ý kiến cùng nội dung")
    expect(item.get_by_test_id("item-villages")).to_have_text("Cử tri Thôn Nà Pàn, Thôn Khòn Pịt")
    expect(item.get_by_test_id("item-answer")).to_have_text(ANSWER)
    expect(item).to_contain_text(CONCLUSION)
    expect(item).to_contain_text("Phòng Kinh tế")
    main = page.locator("main")
    expect(main).not_to_contain_text(NAME)
    expect(main).not_to_contain_text(PHONE)
    expect(main).not_to_contain_text("Người gửi:")

    # 7. A visitor, not signed in, tracks the first form by its code typed in lower case with a space.
    page.goto(live_server.url + reverse("petitions_public:track_form"))
    raw = code.replace("-", "")
    page.get_by_label("Mã tra cứu").fill(f"{raw[:4].lower()} {raw[4:].lower()}")
    page.get_by_test_id("track-submit").click()
    expect(page.get_by_test_id("tracking-code")).to_have_text(code)
    expect(page.get_by_test_id("steps")).to_have_attribute("data-step", "3")
    expect(page.get_by_test_id("status-words")).to_have_text("Đã được trả lời tại hội nghị đối thoại.")
    expect(page.get_by_test_id("answer-text")).to_have_text(ANSWER)
    expect(page.get_by_test_id("answer-conclusion")).to_have_text(CONCLUSION)
    expect(page.get_by_test_id("answer")).to_contain_text("Trả lời trực tiếp tại hội nghị · Phòng Kinh tế")
    expect(page.get_by_test_id("petition-text")).to_have_text(FIRST)
    expect(page.get_by_test_id("group-title")).to_contain_text(TITLE)
    expect(page.get_by_test_id("conclusions-link")).to_be_visible()
    main = page.locator("main")
    expect(main).not_to_contain_text(NAME)
    expect(main).not_to_contain_text(PHONE)


def classify(page) -> None:
    """On a petition's page: a recommendation, roads, within the commune's own jurisdiction."""
    form = page.get_by_test_id("classify-form")
    form.get_by_label("Tính chất").select_option(label="Kiến nghị")
    form.get_by_label("Lĩnh vực").select_option(label="Xây dựng – giao thông – hạ tầng")
    form.get_by_label("Thẩm quyền giải quyết").select_option(label="Thuộc thẩm quyền của đơn vị")
    form.get_by_role("button", name="Lưu phân loại").click()
    expect(page.get_by_test_id("status")).to_have_text("Đã phân loại")
    expect(page.get_by_test_id("fact-jurisdiction")).to_have_text("Thuộc thẩm quyền của đơn vị")
