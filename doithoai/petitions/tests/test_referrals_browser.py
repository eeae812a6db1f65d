"""In Chromium, a referral across two units through the pages: commune A's office refers a petition beyond
its jurisdiction to the province; the province's office finds it in its inbox, classifies, assigns and
drafts the answer; the province's chair approves it; commune A's office sees the answer on its petition,
and the citizen who sent it has it in their notifications."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from playwright.sync_api import expect

from doithoai.accounts.roles import Role
from doithoai.core.testing import log_in
from doithoai.notifications.models import Notification
from doithoai.petitions import actions
from doithoai.petitions.models import Channel, Jurisdiction, Kind, Petition, PetitionStatus, Referral
from doithoai.todo.tests.conftest import make_user
from doithoai.units.models import Department

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TODAY = dt.datetime(2026, 6, 8, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
ANSWER = "Sở Giao thông vận tải khắc phục điểm sạt lở trên Đường tỉnh 226 trước ngày 30/9/2026."


@pytest.fixture
def clock():
    with time_machine.travel(TODAY, tick=True):
        yield


def test_a_referral_goes_up_to_the_province_and_its_answer_comes_back(cast, clock, live_server, page, password):
    page.set_viewport_size({"width": 390, "height": 844})
    province_chair = make_user("chutich_tinh", "Nguyễn Văn Tỉnh", cast.province, Role.CHAIR)
    Department.objects.create(unit=cast.province, name="Sở Giao thông vận tải")
    sector = next(s for s in actions.sectors_ensure(actor=None, unit=cast.commune_a) if s.code == "XD-GT-HT")
    petition, _ = actions.create_petition(
        actor=cast.citizen,
        unit=cast.commune_a,
        data={"text": "Đường tỉnh 226 qua thôn Nà Pàn sạt lở", "channel": Channel.ONLINE, "village": cast.village_a},
        submitted_by=cast.citizen,
    )
    actions.petition_classify(
        actor=cast.officer_a,
        petition=petition,
        kind=Kind.RECOMMENDATION,
        sector=sector,
        jurisdiction=Jurisdiction.HIGHER_LEVEL,
    )
    commune_page = live_server.url + reverse("petitions:detail", args=[cast.commune_a.pk, petition.pk])

    # Commune A's office refers it to the province from the petition's page.
    log_in(page, live_server, cast.officer_a.username, password)
    page.goto(commune_page)
    refer = page.get_by_test_id("refer-form")
    expect(refer.get_by_label("Đơn vị cấp trên: Tỉnh Lạng Sơn")).to_be_checked()
    refer.get_by_label("Số văn bản chuyển").fill("45/UBND-VP")
    refer.get_by_role("button", name="Chuyển").click()
    expect(page.get_by_test_id("panel-referral-state")).to_contain_text("Đang chờ trả lời")
    referral = Referral.objects.get()

    # The province's office finds it in the inbox and opens it.
    log_in(page, live_server, cast.province_officer.username, password)
    page.goto(live_server.url + reverse("petitions:inbox", args=[cast.province.pk]))
    row = page.get_by_test_id("inbox-row")
    expect(row.get_by_test_id("inbox-from")).to_have_text("Xã Điềm He")
    expect(row.get_by_test_id("inbox-count")).to_have_text("1")
    expect(row.get_by_test_id("inbox-villages")).to_have_text("Thôn Nà Pàn")
    row.get_by_test_id("inbox-open").click()
    expect(page.get_by_test_id("panel-received")).to_contain_text("Do Xã Điềm He chuyển lên")

    # It classifies it as the province's own matter, assigns it and drafts the answer.
    classify = page.get_by_test_id("classify-form")
    classify.get_by_label("Lĩnh vực").select_option(label="Xây dựng – giao thông – hạ tầng")
    classify.get_by_label("Thẩm quyền giải quyết").select_option(value=Jurisdiction.THIS_UNIT)
    classify.get_by_role("button", name="Lưu phân loại").click()
    assign = page.get_by_test_id("assign-form")
    assign.get_by_label("Cơ quan được giao xử lý").select_option(label="Sở Giao thông vận tải")
    expect(assign.get_by_label("Hạn xử lý")).to_have_value("22/06/2026")
    assign.get_by_role("button", name="Giao xử lý").click()
    expect(page.get_by_test_id("panel-assignment")).to_contain_text("Sở Giao thông vận tải")
    draft = page.get_by_test_id("draft-form")
    draft.get_by_label("Nội dung trả lời").fill(ANSWER)
    draft.get_by_role("button", name="Lưu dự thảo").click()
    expect(page.get_by_test_id("panel-draft-state")).to_be_visible()

    # The province's chair approves it from the queue.
    log_in(page, live_server, province_chair.username, password)
    page.goto(live_server.url + reverse("petitions:approvals", args=[cast.province.pk]))
    approval = page.get_by_test_id("approval")
    expect(approval).to_contain_text("Sở Giao thông vận tải")
    approval.get_by_role("button", name="Duyệt trả lời").click()
    expect(page.get_by_test_id("no-approvals")).to_be_visible()

    # Commune A's office sees the answer on its petition, resolved.
    log_in(page, live_server, cast.officer_a.username, password)
    page.goto(commune_page)
    expect(page.get_by_test_id("answer")).to_contain_text(ANSWER)
    expect(page.get_by_test_id("status")).to_have_text("Đã có kết quả")
    expect(page.get_by_test_id("panel-referral-state")).to_contain_text("Đã có trả lời")
    assert Petition.objects.get(pk=petition.pk).status == PetitionStatus.RESOLVED
    referral.refresh_from_db()
    assert referral.answered_at is not None
    assert Notification.objects.filter(recipient=cast.citizen, body=ANSWER).count() == 1
