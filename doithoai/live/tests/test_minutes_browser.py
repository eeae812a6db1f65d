"""In Chromium: nothing typed into the minutes is lost when the page dies in the middle of typing (closed at
once, or offline and then closed), and two people editing at once never overwrite each other silently."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from doithoai.core.testing import log_in
from doithoai.live.actions import minutes as actions
from doithoai.live.models import AgendaItem, AgendaKind, Minutes, MinutesSection, Room, RoomStatus
from doithoai.live.tests.conftest import DAY, at

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CLOSING = "Kết luận của chủ trì hội nghị"
# Long enough for the poll (every 5 s) and the retries after the network comes back.
WAIT = 40_000


def minutes_url(live_server, cast, conference):
    return live_server.url + reverse("live:minutes", args=[cast.commune_a.pk, conference.pk])


def status(page, key):
    return page.get_by_test_id(f"section-{key}").locator("[data-section-status]")


def stored(key):
    section = MinutesSection.objects.filter(key=key).first()
    return section.text if section else None


def test_the_text_comes_back_after_the_page_is_closed_in_the_middle_of_typing(
    cast, conference, live_server, context, password
):
    url = minutes_url(live_server, cast, conference)
    page = context.new_page()
    page.set_viewport_size({"width": 360, "height": 780})
    log_in(page, live_server, cast.officer_a.username, password)
    page.goto(url)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # fits a phone

    # Closed before the 1-s pause that would send it.
    typed = "Chủ trì kết luận: giao Phòng Kinh tế kiểm tra tuyến đường liên thôn Nà Pàn."
    page.get_by_label(CLOSING, exact=True).fill(typed)
    page.close()
    page = context.new_page()
    page.goto(url)
    expect(page.get_by_label(CLOSING, exact=True)).to_have_value(typed)
    expect(status(page, "closing")).to_contain_text("Đã lưu lúc")
    page.close()
    assert stored("closing") == typed

    # Offline: the save fails and says so; typed further, then closed; nothing reached the server.
    page = context.new_page()
    page.goto(url)
    box = page.get_by_label(CLOSING, exact=True)
    expect(box).to_have_value(typed)
    context.set_offline(True)
    box.fill(typed + "\nHạn trả lời")
    expect(status(page, "closing")).to_have_text("Chưa lưu được – mất kết nối, sẽ tự thử lại")
    expect(page.get_by_test_id("minutes-overall")).to_have_text("Chưa lưu được – mất kết nối, sẽ tự thử lại")
    offline_text = typed + "\nHạn trả lời bằng văn bản: 19/6/2026."
    box.fill(offline_text)
    page.close()
    assert stored("closing") == typed

    context.set_offline(False)
    page = context.new_page()
    page.goto(url)
    expect(page.get_by_label(CLOSING, exact=True)).to_have_value(offline_text)
    expect(status(page, "closing")).to_contain_text("Đã lưu lúc")
    expect(page.get_by_test_id("conflict")).to_have_count(0)
    page.close()
    assert stored("closing") == offline_text
    assert MinutesSection.objects.get(key="closing").revision == 2


def test_two_editors_never_overwrite_each_other(cast, conference, live_server, browser, browser_context_args, password):
    opening = AgendaItem.objects.create(
        conference=conference, order=1, kind=AgendaKind.OPENING, title="Khai mạc hội nghị", planned_minutes=10
    )
    url = minutes_url(live_server, cast, conference)
    office_context = browser.new_context(**browser_context_args)
    chair_context = browser.new_context(**browser_context_args)
    try:
        office = office_context.new_page()
        chair = chair_context.new_page()
        log_in(office, live_server, cast.officer_a.username, password)
        log_in(chair, live_server, cast.chair_a.username, password)
        office.goto(url)
        chair.goto(url)

        # Different sections: both saved, each appears in the other browser, no conflict.
        participants = "Có đại diện Công an xã và Hội Nông dân xã dự."
        opening_note = "Đồng chí Phó Chủ tịch UBND xã khai mạc, giới thiệu đại biểu."
        office.get_by_label("Ghi thêm về thành phần tham dự", exact=False).fill(participants)
        chair.get_by_label("Diễn biến: Khai mạc hội nghị").fill(opening_note)
        expect(status(office, "participants")).to_contain_text("Đã lưu lúc")
        expect(status(chair, f"agenda:{opening.pk}")).to_contain_text("Đã lưu lúc")
        expect(office.get_by_label("Diễn biến: Khai mạc hội nghị")).to_have_value(opening_note, timeout=WAIT)
        expect(chair.get_by_label("Ghi thêm về thành phần tham dự", exact=False)).to_have_value(
            participants, timeout=WAIT
        )
        expect(office.get_by_test_id("conflict")).to_have_count(0)
        expect(chair.get_by_test_id("conflict")).to_have_count(0)

        # The same section: the chair types while the network is down; the office saves first.
        chair_context.set_offline(True)
        chair_text = "Chủ tịch kết luận: giao Phòng Kinh tế trả lời bằng văn bản trước ngày 19/6/2026."
        chair.get_by_label(CLOSING, exact=True).fill(chair_text)
        expect(status(chair, "closing")).to_contain_text("mất kết nối")
        office_text = "Văn phòng ghi: hội nghị thống nhất 3 nội dung cần giải quyết."
        office.get_by_label(CLOSING, exact=True).fill(office_text)
        expect(status(office, "closing")).to_contain_text("Đã lưu lúc")
        chair_context.set_offline(False)

        # The chair's save meets the office's: both versions shown, nothing overwritten.
        conflict = chair.get_by_test_id("conflict")
        expect(conflict).to_be_visible(timeout=WAIT)
        expect(conflict.get_by_test_id("conflict-mine")).to_have_text(chair_text)
        expect(conflict.get_by_test_id("conflict-theirs")).to_have_text(office_text)
        expect(conflict).to_contain_text("Bản đã lưu (Nông Thị Văn,")
        expect(status(chair, "closing")).to_have_text("Có người khác vừa sửa đoạn này")
        assert stored("closing") == office_text

        conflict.get_by_role("button", name="Ghép hai bản").click()
        expect(chair.get_by_test_id("conflict")).to_have_count(0)
        merged = f"{office_text}\n{chair_text}"
        expect(chair.get_by_label(CLOSING, exact=True)).to_have_value(merged)
        expect(status(chair, "closing")).to_contain_text("Đã lưu lúc")
        expect(office.get_by_label(CLOSING, exact=True)).to_have_value(merged, timeout=WAIT)
        expect(office.get_by_test_id("conflict")).to_have_count(0)
        office.close()
        chair.close()
        assert stored("closing") == merged
        assert stored("participants") == participants
        assert stored(f"agenda:{opening.pk}") == opening_note
    finally:
        office_context.close()
        chair_context.close()


def test_a_copy_typed_before_someone_else_saved_is_never_saved_over_them_silently(
    cast, conference, live_server, context, password
):
    url = minutes_url(live_server, cast, conference)
    page = context.new_page()
    log_in(page, live_server, cast.officer_a.username, password)
    page.goto(url)
    context.set_offline(True)
    mine = "Văn phòng ghi khi mất mạng: hội nghị thống nhất ba nội dung."
    page.get_by_label(CLOSING, exact=True).fill(mine)
    expect(status(page, "closing")).to_contain_text("mất kết nối")
    page.close()
    context.set_offline(False)
    # Meanwhile the chair saved the section from another computer.
    theirs = "Chủ tịch ghi: giao Phòng Kinh tế kiểm tra."
    actions.minutes_section_save(actor=cast.chair_a, conference=conference, key="closing", text=theirs, base_revision=0)

    page = context.new_page()
    page.goto(url)
    conflict = page.get_by_test_id("conflict")
    expect(conflict).to_be_visible()
    expect(conflict.get_by_test_id("conflict-mine")).to_have_text(mine)
    expect(conflict.get_by_test_id("conflict-theirs")).to_have_text(theirs)
    expect(conflict).to_contain_text("Bản đã lưu (Hoàng Văn Chủ,")
    page.reload()  # still there: the local copy stays until the person chooses
    expect(page.get_by_test_id("conflict")).to_be_visible()
    assert stored("closing") == theirs

    page.get_by_test_id("conflict").get_by_role("button", name="Giữ bản của tôi").click()
    expect(status(page, "closing")).to_contain_text("Đã lưu lúc")
    page.reload()
    expect(page.get_by_label(CLOSING, exact=True)).to_have_value(mine)
    expect(page.get_by_test_id("conflict")).to_have_count(0)
    page.close()
    section = MinutesSection.objects.get(key="closing")
    assert (section.text, section.revision, section.updated_by) == (mine, 2, cast.officer_a)


def test_finalising_right_after_typing_keeps_what_was_typed(cast, conference, live_server, page, password):
    Room.objects.create(conference=conference, status=RoomStatus.ENDED, started_at=at(DAY, 7, 35), ended_at=at(DAY, 11))
    log_in(page, live_server, cast.officer_a.username, password)
    page.goto(minutes_url(live_server, cast, conference))
    typed = "Chủ trì kết luận: hội nghị thành công tốt đẹp."
    page.get_by_label(CLOSING, exact=True).fill(typed)
    page.get_by_test_id("finalise").click()  # before the 1-s pause: the page sends it first
    expect(page.get_by_test_id("minutes-status")).to_have_text("Đã hoàn thành, chờ ký")
    expect(page.get_by_test_id("section-closing")).to_have_text(typed)
    expect(page.locator("textarea[data-section-key]")).to_have_count(0)
    minutes = Minutes.objects.get(conference=conference)
    assert minutes.content is not None
    assert minutes.content["sections"]["closing"] == typed
