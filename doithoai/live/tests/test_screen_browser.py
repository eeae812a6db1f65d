"""In Chromium, two browsers: the secretary (signed in, on the screen tab) and the hall's screen opened by its
link on another machine. The conference is run through the room, agenda and speakers actions; the screen
follows each change without reloading, keeps counting when the network drops, and says so when its link is
renewed."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from doithoai.core.testing import log_in
from doithoai.live.actions.agenda import agenda_next
from doithoai.live.actions.room import room_end, room_set_notice, room_start
from doithoai.live.actions.speakers import speaker_add, speaker_start
from doithoai.live.models import AgendaItem, Room, Speaker
from doithoai.live.tests.test_screen_state import SECRET_NAME

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_hall_screen_follows_the_room_without_reloading(
    cast, conference, village_c, live_server, browser, password
):
    officer = cast.officer_a
    # The secretary: the screen tab gives the link to put on the hall's computer.
    secretary = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    desk = secretary.new_page()
    log_in(desk, live_server, officer.username, password)
    desk.goto(live_server.url + reverse("live:screen", args=[cast.commune_a.pk, conference.pk]))
    link = desk.get_by_test_id("screen-link").input_value()
    token = Room.objects.get(conference=conference).screen_token
    assert link == live_server.url + reverse("screen:show", args=[token])
    expect(desk.get_by_test_id("screen-qr").locator("svg")).to_be_visible()
    preview = desk.frame_locator('[data-testid="screen-preview"]')
    expect(preview.get_by_test_id("screen-headline")).to_have_text("Hội nghị sắp bắt đầu")

    # The hall: another machine, nobody signed in, a 720p projector.
    hall = browser.new_context(viewport={"width": 1280, "height": 720}, locale="vi-VN")
    screen = hall.new_page()
    screen.goto(link)
    expect(screen.get_by_test_id("screen-headline")).to_have_text("Hội nghị sắp bắt đầu")
    expect(screen.get_by_test_id("screen-waiting")).to_contain_text("Hội trường UBND xã")
    expect(screen.get_by_test_id("screen-fullscreen")).to_be_visible()
    screen.evaluate("window.__sameDocument = true")

    # The conference starts: the first item of the programme is current.
    room_start(actor=officer, conference=conference)
    items = list(AgendaItem.objects.filter(conference=conference).order_by("order", "pk"))
    expect(screen.get_by_test_id("screen-item-title")).to_have_text(items[0].title)
    expect(screen.get_by_test_id("screen-status")).to_have_text("Đang diễn ra")
    expect(screen.get_by_test_id("screen-waiting")).to_be_hidden()
    expect(screen.get_by_test_id("screen-speaker")).to_be_hidden()

    # The next item.
    agenda_next(actor=officer, conference=conference)
    expect(screen.get_by_test_id("screen-item-title")).to_have_text(items[1].title)

    # Two people ask for the floor: a citizen who gives a name but does not want it shown, and a delegate of
    # a village who agrees. The first is invited: the countdown runs.
    walk_in, _ = speaker_add(
        actor=officer, conference=conference, data={"name": SECRET_NAME, "village": village_c.pk, "label": "Cử tri"}
    )
    speaker_add(
        actor=officer,
        conference=conference,
        data={"name": "Vi Thị Đồng Ý", "village": cast.village_a.pk, "show_name": True},
    )
    expect(screen.get_by_test_id("screen-next")).to_contain_text("Cử tri – Thôn Bản Châu")
    speaker_start(actor=officer, speaker=walk_in)
    expect(screen.get_by_test_id("screen-speaker-name")).to_have_text("Cử tri – Thôn Bản Châu")
    countdown = screen.get_by_test_id("screen-countdown")
    expect(countdown).to_be_visible()
    expect(countdown).to_have_text(re.compile(r"^0[45]:\d\d$"))
    first = countdown.text_content()
    expect(countdown).not_to_have_text(first)  # it runs, by itself, between two answers of the server
    expect(screen.get_by_test_id("screen-next")).to_have_text("Vi Thị Đồng Ý (Thôn Nà Pàn)")
    assert SECRET_NAME not in screen.content()

    # The secretary writes a line for the hall.
    room_set_notice(actor=officer, conference=conference, notice="Giải lao 10 phút")
    expect(screen.get_by_test_id("screen-notice")).to_have_text("Giải lao 10 phút")
    expect(preview.get_by_test_id("screen-notice")).to_have_text("Giải lao 10 phút")

    # Overtime: "+mm:ss" in red.
    Speaker.objects.filter(pk=walk_in.pk).update(elapsed_seconds=walk_in.limit_seconds + 20)
    room_set_notice(actor=officer, conference=conference, notice="Đề nghị phát biểu ngắn gọn")
    expect(countdown).to_have_class(re.compile(r"\bis-overtime\b"))
    expect(countdown).to_have_text(re.compile(r"^\+00:\d\d$"))

    # The network drops: the last picture stays, the clock goes on, a small marker says so; then it recovers.
    hall.set_offline(True)
    expect(screen.get_by_test_id("screen-offline")).to_be_visible()
    expect(screen.get_by_test_id("screen-offline")).to_have_text("Mất kết nối – đang thử lại")
    during = countdown.text_content()
    expect(countdown).not_to_have_text(during)
    expect(screen.get_by_test_id("screen-speaker-name")).to_have_text("Cử tri – Thôn Bản Châu")
    room_set_notice(actor=officer, conference=conference, notice="Đã có mạng lại")
    hall.set_offline(False)
    expect(screen.get_by_test_id("screen-notice")).to_have_text("Đã có mạng lại")
    expect(screen.get_by_test_id("screen-offline")).to_be_hidden()

    # The end.
    room_end(actor=officer, conference=conference)
    expect(screen.get_by_test_id("screen-headline")).to_have_text("Hội nghị đã kết thúc")
    expect(screen.get_by_test_id("screen-speaker")).to_be_hidden()
    assert screen.evaluate("window.__sameDocument") is True  # never reloaded

    # The secretary renews the link (and confirms): the old screen says it no longer works.
    desk.get_by_label("Tôi hiểu liên kết cũ sẽ không dùng được nữa").check()
    desk.once("dialog", lambda dialog: dialog.accept())
    desk.get_by_role("button", name="Đổi liên kết").click()
    expect(desk.get_by_role("alert").first).to_contain_text("Đã đổi liên kết màn hình")
    expect(desk.get_by_test_id("screen-link")).not_to_have_value(link)
    expect(screen.get_by_test_id("screen-gone")).to_be_visible()
    secretary.close()
    hall.close()
