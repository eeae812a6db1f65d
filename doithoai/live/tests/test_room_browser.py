"""In Chromium: the secretary runs the conference from the control page (a second staff browser follows), and
the control page fits a 360-px phone."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from doithoai.core.testing import log_in
from doithoai.live.actions import agenda as agenda_actions
from doithoai.live.actions import room as room_actions
from doithoai.live.actions import speakers as speaker_actions
from doithoai.live.models import AgendaItem, Room, RoomStatus, Speaker, SpeakerStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CLOCK = re.compile(r"^\+?(\d+:)?\d\d:\d\d$")


def room_url(live_server, conference, name="room"):
    return live_server.url + reverse(f"live:{name}", args=[conference.unit_id, conference.pk])


def test_the_secretary_runs_the_conference(cast, conference, live_server, page, browser, password):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server, cast.officer_a.username, password)
    page.goto(room_url(live_server, conference))
    expect(page.get_by_test_id("room-status")).to_have_text("Chưa bắt đầu")

    # The chair watches the same page in a second browser.
    other = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    chair = other.new_page()
    log_in(chair, live_server, cast.chair_a.username, password)
    chair.goto(room_url(live_server, conference))
    expect(chair.get_by_test_id("room-status")).to_have_text("Chưa bắt đầu")

    page.get_by_test_id("room-start").click()
    expect(page.get_by_test_id("room-status")).to_have_text("Đang diễn ra")
    expect(page.get_by_test_id("current-item-title")).to_contain_text("Tuyên bố lý do, giới thiệu đại biểu")
    expect(page.get_by_test_id("item-used")).to_have_text(CLOCK)
    expect(page.get_by_test_id("no-current-speaker")).to_be_visible()
    expect(chair.get_by_test_id("room-status")).to_have_text("Đang diễn ra", timeout=10_000)

    # A citizen asks for the floor.
    form = page.get_by_test_id("quick-add-form")
    form.get_by_label("Thôn, tổ dân phố").select_option(label="Thôn Nà Pàn")
    form.get_by_label("Nội dung xin phát biểu").fill("Đường vào thôn bị sạt lở")
    form.get_by_role("button", name="Thêm vào danh sách").click()
    expect(page.get_by_test_id("quick-add-done")).to_contain_text("Đã thêm Cử tri – Thôn Nà Pàn")
    row = page.get_by_test_id("next-speaker")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Đường vào thôn bị sạt lở")
    expect(form.get_by_label("Nội dung xin phát biểu")).to_have_value("")

    row.get_by_role("button", name="Mời phát biểu").click()
    status = page.get_by_test_id("speaker-status")
    timer = page.get_by_test_id("speaker-timer")
    expect(status).to_have_text("Đang phát biểu")
    expect(page.get_by_test_id("current-speaker-name")).to_have_text("Cử tri – Thôn Nà Pàn")
    expect(timer).to_have_attribute("data-running", "1")
    expect(timer).to_have_attribute("data-limit", "300")
    expect(timer).to_have_text(CLOCK)
    expect(page.get_by_test_id("no-next-speakers")).to_be_visible()
    expect(chair.get_by_test_id("speaker-status")).to_have_text("Đang phát biểu", timeout=10_000)

    page.get_by_role("button", name="Tạm dừng").click()
    expect(status).to_have_text("Tạm dừng")
    expect(timer).to_have_attribute("data-running", "0")
    page.get_by_role("button", name="Tiếp tục", exact=True).click()
    expect(status).to_have_text("Đang phát biểu")
    expect(timer).to_have_attribute("data-running", "1")
    page.get_by_role("button", name="Kết thúc lượt").click()
    expect(status).to_have_text("Đã phát biểu")
    expect(timer).to_have_attribute("data-running", "0")
    expect(page.get_by_role("button", name="Nói tiếp")).to_be_visible()

    page.get_by_role("button", name="Mục tiếp theo").click()
    expect(page.get_by_test_id("current-item-title")).to_contain_text("Thông qua chương trình, nội quy")
    expect(chair.get_by_test_id("current-item-title")).to_contain_text("Thông qua chương trình", timeout=10_000)

    # The line on the hall's screen.
    page.get_by_test_id("notice-form").locator("input[name=notice]").fill("Giải lao 10 phút")
    page.get_by_test_id("notice-save").click()
    expect(page.get_by_test_id("room-notice-shown")).to_contain_text("Giải lao 10 phút")

    # Ending asks first; "Cancel" changes nothing.
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_test_id("room-end").click()
    expect(page.get_by_test_id("room-status")).to_have_text("Đang diễn ra")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_test_id("room-end").click()
    expect(page.get_by_test_id("room-status")).to_have_text("Đã kết thúc")
    expect(page.get_by_test_id("room-resume")).to_be_visible()
    other.close()

    speaker = Speaker.objects.get(conference=conference)
    assert speaker.status == SpeakerStatus.DONE and speaker.elapsed_seconds >= 0
    assert Room.objects.get(conference=conference).status == RoomStatus.ENDED
    items = list(AgendaItem.objects.filter(conference=conference).order_by("order"))
    assert items[0].ended_at is not None and items[1].ended_at is not None and items[2].started_at is None


def test_the_pages_fit_a_phone(cast, conference, petitions, live_server, page, password):
    agenda_actions.agenda_from_standard(actor=cast.officer_a, conference=conference)
    room_actions.room_start(actor=cast.officer_a, conference=conference)
    room_actions.room_set_notice(
        actor=cast.officer_a, conference=conference, notice="Giải lao 10 phút, mời đại biểu dùng nước tại sảnh"
    )
    long_topic = "Đề nghị sửa chữa tuyến đường liên thôn Nà Pàn – Bản Châu bị sạt lở sau mưa lũ " * 3
    speakers = [
        speaker_actions.speaker_add(
            actor=cast.officer_a,
            conference=conference,
            data={
                "village": cast.village_a.pk,
                "name": "Hoàng Thị Phương Thảo Nguyên",
                "topic": long_topic,
                "petitions": [p.pk for p in petitions],
            },
        )[0]
        for _ in range(3)
    ]
    speaker_actions.speaker_start(actor=cast.officer_a, speaker=speakers[0])
    page.set_viewport_size({"width": 360, "height": 780})
    log_in(page, live_server, cast.officer_a.username, password)
    for name, marker in [("room", "speaker-timer"), ("speakers", "speaker-list"), ("agenda", "agenda-list")]:
        page.goto(room_url(live_server, conference, name))
        expect(page.get_by_test_id(marker)).to_be_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, (name, width)
    page.goto(room_url(live_server, conference, "speaker_add"))
    expect(page.get_by_test_id("speaker-form")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_the_question_panel_follows_the_floor(cast, conference, live_server, page, password):
    """Inviting the next speaker reloads the control page's question panel for them, so a question is never
    recorded against the previous one; a question being typed is not replaced."""
    room_actions.room_start(actor=cast.officer_a, conference=conference)
    first, _ = speaker_actions.speaker_add(
        actor=cast.officer_a, conference=conference, data={"name": "Nông Văn Một", "village": cast.village_a.pk}
    )
    speaker_actions.speaker_add(
        actor=cast.officer_a, conference=conference, data={"name": "Lộc Văn Ba", "village": cast.village_a.pk}
    )
    speaker_actions.speaker_start(actor=cast.officer_a, speaker=first)
    log_in(page, live_server, cast.officer_a.username, password)
    page.goto(room_url(live_server, conference))
    panel = page.get_by_test_id("ex-current-panel")
    expect(panel).to_contain_text("Câu hỏi của Nông Văn Một")

    page.get_by_test_id("next-speaker").filter(has_text="Lộc Văn Ba").get_by_role(
        "button", name="Mời phát biểu"
    ).click()
    expect(page.get_by_test_id("speaker-status")).to_have_text("Đang phát biểu")
    expect(panel).to_contain_text("Câu hỏi của Lộc Văn Ba")

    # Typing a question for the second speaker, then a third party changes the floor: the text stays.
    panel.get_by_text("Ghi câu hỏi").first.click()
    panel.locator("textarea").first.fill("Đường thôn Nà Pàn bị sạt lở")
    speaker_actions.speaker_resume(actor=cast.officer_a, speaker=Speaker.objects.get(pk=first.pk))
    expect(page.get_by_test_id("room-live")).to_have_attribute("data-speaker", str(first.pk), timeout=10_000)
    expect(panel.locator("textarea").first).to_have_value("Đường thôn Nà Pàn bị sạt lở")
