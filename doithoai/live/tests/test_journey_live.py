"""In Chromium, a whole conference on the day through the pages, in three browsers: the secretary's laptop,
the hall's projector (opened by its link, nobody signed in) and, at the end, the chair's.

Before the story (live/tests/conftest.py): commune A's conference of Friday 05/6/2026 is announced, three of
its four delegates are checked in, and three petitions sent before it are classified (one on land, for the
higher level). The secretary opens the room from the conference's page, creates the agenda from the standard
programme and puts the screen's link on the projector; starts the conference and moves to the dialogue while
the projector follows without reloading; adds a delegate (found by typing the name without diacritics, who
agrees to be named on the screen) and a citizen who walks in (who gives a name but does not want it shown)
and runs their timers; records the citizen's question as a new petition answered in the hall by the chair,
and the delegate's as the land petition sent before, referred to the province; types the minutes, ends the
conference, finalises the minutes; the secretary and the chair sign them, and they are read-only.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from doithoai.conferences.models import ConferenceStatus
from doithoai.core.testing import log_in
from doithoai.lib.codes import format_code
from doithoai.live.models import (
    AgendaItem,
    AgendaKind,
    Exchange,
    ExchangeStatus,
    Minutes,
    MinutesStatus,
    Outcome,
    Room,
    RoomStatus,
    Speaker,
    SpeakerStatus,
)
from doithoai.petitions.models import Channel, Petition, PetitionStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WALK_IN = "Triệu Văn Kín"  # gives a name for the record, not for the hall's screen
WALK_IN_QUESTION = "Đề nghị lắp đèn chiếu sáng đường trục thôn Bản Châu"
WALK_IN_ANSWER = "Xã đưa việc lắp đèn vào kế hoạch quý III năm 2026."
WALK_IN_CONCLUSION = "Giao Phòng Kinh tế khảo sát, lập dự toán lắp đèn."
LAND_QUESTION = "Hỏi về việc cấp giấy chứng nhận quyền sử dụng đất cho các hộ thôn Nà Pàn"
LAND_ANSWER = "Việc cấp giấy chứng nhận thuộc thẩm quyền cấp tỉnh."
LAND_CONCLUSION = "Kiến nghị UBND tỉnh xem xét, chỉ đạo cấp giấy chứng nhận cho các hộ."
PARTICIPANTS = "Có đại diện Công an xã, Hội Nông dân xã và Đoàn Thanh niên xã dự."
CLOSING = "Chủ trì kết luận: hội nghị đã trả lời 1 ý kiến, kiến nghị cấp trên 1 ý kiến về đất đai."
CLOCK = re.compile(r"^\+?\d\d:\d\d$")


def test_a_whole_conference_from_the_secretarys_laptop_with_the_hall_screen_following(
    cast, conference, delegates, petitions, village_c, live_server, page, browser, browser_context_args, password
):
    unit = cast.commune_a
    land = petitions[2]
    page.set_viewport_size({"width": 1280, "height": 900})
    contexts = []

    def new_context(**extra):
        made = browser.new_context(**{**browser_context_args, **extra})
        contexts.append(made)
        return made

    try:
        # 1. The secretary opens the room from the conference's page and creates the standard programme.
        log_in(page, live_server, cast.officer_a.username, password)
        page.goto(live_server.url + reverse("conferences:detail", args=[unit.pk, conference.pk]))
        page.get_by_role("link", name="Điều hành hội nghị").click()
        expect(page).to_have_url(live_server.url + reverse("live:room", args=[unit.pk, conference.pk]))
        expect(page.get_by_test_id("room-status")).to_have_text("Chưa bắt đầu")
        tabs = page.get_by_test_id("live-tabs")
        tabs.get_by_role("link", name="Chương trình").click()
        expect(page.get_by_test_id("no-agenda")).to_be_visible()
        page.get_by_test_id("agenda-standard").click()
        rows = page.get_by_test_id("agenda-row")
        expect(rows).to_have_count(9)
        items = list(AgendaItem.objects.filter(conference=conference).order_by("order", "pk"))
        dialogue = next(i for i, item in enumerate(items) if item.kind == AgendaKind.DIALOGUE)
        assert items[dialogue].title == "Tiến hành đối thoại với Nhân dân"
        expect(rows.nth(dialogue).get_by_test_id("agenda-title")).to_have_text(items[dialogue].title)

        tabs.get_by_role("link", name="Màn hình hội trường").click()
        link = page.get_by_test_id("screen-link").input_value()
        token = Room.objects.get(conference=conference).screen_token
        assert link == live_server.url + reverse("screen:show", args=[token])

        # 2. The projector, nobody signed in: before the start.
        hall = new_context(viewport={"width": 1280, "height": 720})
        screen = hall.new_page()
        screen.goto(link)
        expect(screen.get_by_test_id("screen-headline")).to_have_text("Hội nghị sắp bắt đầu")
        expect(screen.get_by_test_id("screen-status")).to_have_text("Chưa bắt đầu")
        screen.evaluate("window.__sameDocument = true")

        # 3. The conference starts: the first item on both; then item after item up to the dialogue.
        tabs.get_by_role("link", name="Điều hành").click()
        page.get_by_test_id("room-start").click()
        expect(page.get_by_test_id("room-status")).to_have_text("Đang diễn ra")
        expect(page.get_by_test_id("current-item-title")).to_have_text(items[0].title)
        expect(screen.get_by_test_id("screen-status")).to_have_text("Đang diễn ra")
        expect(screen.get_by_test_id("screen-item-title")).to_have_text(items[0].title)
        expect(screen.get_by_test_id("screen-waiting")).to_be_hidden()
        for item in items[1 : dialogue + 1]:
            page.get_by_test_id("agenda-next").click()
            expect(page.get_by_test_id("current-item-title")).to_have_text(item.title)
            expect(screen.get_by_test_id("screen-item-title")).to_have_text(item.title)
        expect(screen.get_by_test_id("screen-next-item")).to_have_text(items[dialogue + 1].title)

        # 4. A delegate who asks for the floor, found without diacritics, agrees to be named on the screen.
        tabs.get_by_role("link", name="Phát biểu").click()
        page.get_by_test_id("speaker-add-link").click()
        page.get_by_label("Tìm đại biểu theo tên (gõ không dấu cũng được)").press_sequentially("nong van mot")
        found = page.get_by_test_id("delegate-results").get_by_role("listitem")
        expect(found).to_have_count(1)
        expect(found).to_contain_text("Nông Văn Một")
        found.get_by_role("button", name="Chọn").click()
        expect(page.get_by_test_id("chosen-delegate")).to_contain_text("Nông Văn Một")
        expect(page.get_by_label("Thôn, tổ dân phố")).to_have_value(str(cast.village_a.pk))
        consent = page.get_by_label("Người phát biểu đồng ý hiện tên trên màn hình hội trường")
        expect(consent).not_to_be_checked()  # the delegate's registered consent: none
        consent.check()
        page.get_by_test_id("speaker-save").click()
        expect(page.get_by_test_id("speaker-row").get_by_test_id("speaker-name")).to_have_text(["Nông Văn Một"])

        # A citizen who walks in: a name for the record, the village, no consent to show the name.
        tabs.get_by_role("link", name="Điều hành").click()
        quick = page.get_by_test_id("quick-add-form")
        quick.get_by_label("Họ và tên (không bắt buộc)").fill(WALK_IN)
        quick.get_by_label("Thôn, tổ dân phố").select_option(label="Thôn Bản Châu")
        quick.get_by_label("Nội dung xin phát biểu").fill("Đèn chiếu sáng đường trục thôn")
        expect(quick.get_by_label("Đồng ý hiện tên trên màn hình hội trường")).not_to_be_checked()
        quick.get_by_test_id("quick-add-submit").click()
        expect(page.get_by_test_id("quick-add-done")).to_contain_text(f"Đã thêm {WALK_IN}")
        waiting = page.get_by_test_id("next-speaker")
        expect(waiting).to_have_count(2)
        expect(screen.get_by_test_id("screen-next").get_by_role("listitem")).to_have_text(
            ["Nông Văn Một (Thôn Nà Pàn)", "Cử tri – Thôn Bản Châu"]
        )

        # The delegate's turn: the projector shows the name and a countdown that runs by itself.
        waiting.filter(has_text="Nông Văn Một").get_by_role("button", name="Mời phát biểu").click()
        expect(page.get_by_test_id("speaker-status")).to_have_text("Đang phát biểu")
        expect(page.get_by_test_id("current-speaker-name")).to_have_text("Nông Văn Một")
        expect(screen.get_by_test_id("screen-speaker-name")).to_have_text("Nông Văn Một (Thôn Nà Pàn)")
        countdown = screen.get_by_test_id("screen-countdown")
        expect(countdown).to_be_visible()
        expect(countdown).to_have_text(CLOCK)
        expect(countdown).to_have_attribute("data-limit", "300")
        expect(countdown).to_have_attribute("data-running", "1")
        first = countdown.text_content()
        expect(countdown).not_to_have_text(first)
        expect(screen.get_by_test_id("screen-next").get_by_role("listitem")).to_have_text(["Cử tri – Thôn Bản Châu"])

        page.get_by_role("button", name="Tạm dừng").click()
        expect(page.get_by_test_id("speaker-status")).to_have_text("Tạm dừng")
        expect(countdown).to_have_attribute("data-running", "0")
        expect(screen.get_by_test_id("screen-timer-status")).to_have_text("Tạm dừng")
        paused = countdown.text_content()
        page.get_by_role("button", name="Tiếp tục", exact=True).click()
        expect(page.get_by_test_id("speaker-status")).to_have_text("Đang phát biểu")
        expect(countdown).to_have_attribute("data-running", "1")
        expect(screen.get_by_test_id("screen-timer-status")).to_have_text("Đang phát biểu")
        expect(countdown).not_to_have_text(paused)
        page.get_by_role("button", name="Kết thúc lượt").click()
        expect(page.get_by_test_id("speaker-status")).to_have_text("Đã phát biểu")
        expect(screen.get_by_test_id("screen-speaker")).to_be_hidden()
        expect(screen.get_by_test_id("screen-counts")).to_have_text("Đã phát biểu: 1 · Đang chờ: 1")

        # The citizen's turn: the hall reads the group and the village, never the name.
        waiting.filter(has_text=WALK_IN).get_by_role("button", name="Mời phát biểu").click()
        expect(page.get_by_test_id("current-speaker-name")).to_have_text(WALK_IN)
        expect(screen.get_by_test_id("screen-speaker-name")).to_have_text("Cử tri – Thôn Bản Châu")
        expect(countdown).to_have_attribute("data-running", "1")
        expect(screen.get_by_test_id("screen-next").get_by_role("listitem")).to_have_count(0)
        assert WALK_IN not in screen.content()
        assert WALK_IN not in screen.locator("body").inner_text()

        # 5. The citizen's question, recorded as a new petition, answered in the hall by the chair.
        walk_in = Speaker.objects.get(conference=conference, name=WALK_IN)
        delegate_speaker = Speaker.objects.get(conference=conference, delegate=delegates[0])
        tabs.get_by_role("link", name="Đối thoại").click()
        form = page.get_by_test_id("ex-add-form")
        with page.expect_response(lambda r: "/doi-thoai/ghi/" in r.url):
            form.get_by_label("Người hỏi").select_option(str(walk_in.pk))
        form = page.get_by_test_id("ex-add-form")
        expect(form.get_by_label("Người hỏi")).to_have_value(str(walk_in.pk))
        form.get_by_label("Câu hỏi (tóm tắt)").fill(WALK_IN_QUESTION)
        expect(form.get_by_label("Ghi câu hỏi thành ý kiến mới")).to_be_checked()
        form.get_by_label("Lĩnh vực").select_option(label="Xây dựng – giao thông – hạ tầng")
        form.get_by_label("Thẩm quyền").select_option("this_unit")
        form.get_by_test_id("ex-add-submit").click()
        card = page.get_by_test_id("exchange").filter(has_text=WALK_IN_QUESTION)
        expect(card.get_by_test_id("ex-outcome")).to_have_text("Chưa kết luận")
        expect(card.get_by_test_id("ex-asker")).to_contain_text(WALK_IN)
        card.get_by_label("Đã trả lời tại hội nghị", exact=True).check()
        expect(card.get_by_label("Người trả lời (họ tên, chức vụ)")).to_have_value("Hoàng Văn Chủ")
        card.get_by_label("Nội dung trả lời (tóm tắt)").fill(WALK_IN_ANSWER)
        card.get_by_label("Nội dung kết luận").fill(WALK_IN_CONCLUSION)
        card.get_by_test_id("ex-conclude-submit").click()
        expect(card.get_by_test_id("ex-outcome")).to_have_text("Đã trả lời tại hội nghị")
        expect(card.get_by_test_id("ex-conclude-form")).to_have_count(0)

        # The delegate's question: the land petition sent before the conference, referred to the province.
        form = page.get_by_test_id("ex-add-form")
        expect(form.get_by_label("Câu hỏi (tóm tắt)")).to_have_value("")
        with page.expect_response(lambda r: "/doi-thoai/ghi/" in r.url):
            form.get_by_label("Người hỏi").select_option(str(delegate_speaker.pk))
        form = page.get_by_test_id("ex-add-form")
        expect(form.get_by_label("Người hỏi")).to_have_value(str(delegate_speaker.pk))
        form.get_by_label("Câu hỏi (tóm tắt)").fill(LAND_QUESTION)
        form.get_by_label("Tìm ý kiến đã gửi").fill(format_code(land.tracking_code).lower())
        choice = form.get_by_test_id(f"pick-{land.tracking_code}")
        expect(choice).to_be_visible()
        choice.check()
        form.get_by_label("Ghi câu hỏi thành ý kiến mới").uncheck()
        form.get_by_test_id("ex-add-submit").click()
        card = page.get_by_test_id("exchange").filter(has_text=LAND_QUESTION)
        expect(card.get_by_test_id("ex-petitions")).to_contain_text(format_code(land.tracking_code))
        card.get_by_label("Kiến nghị cấp trên", exact=True).check()
        card.get_by_label("Nội dung trả lời (tóm tắt)").fill(LAND_ANSWER)
        card.get_by_label("Nội dung kết luận").fill(LAND_CONCLUSION)
        card.get_by_test_id("ex-conclude-submit").click()
        expect(card.get_by_test_id("ex-outcome")).to_have_text(re.compile(r"^Kiến nghị cấp trên: .*Lạng Sơn"))
        expect(page.get_by_test_id("exchange")).to_have_count(2)

        # On the petitions' own pages: the first answered in the hall, the land petition referred.
        raised = Exchange.objects.get(conference=conference, question=WALK_IN_QUESTION).petitions.get()
        page.get_by_test_id("exchange").filter(has_text=WALK_IN_QUESTION).get_by_test_id("ex-petition-link").click()
        expect(page).to_have_url(live_server.url + reverse("petitions:detail", args=[unit.pk, raised.pk]))
        expect(page.get_by_test_id("status")).to_have_text("Đã trả lời tại hội nghị")
        expect(page.locator("main")).to_contain_text(WALK_IN_ANSWER)
        page.goto(live_server.url + reverse("petitions:detail", args=[unit.pk, land.pk]))
        expect(page.get_by_test_id("status")).to_have_text("Đã chuyển cơ quan có thẩm quyền")

        # 6. The minutes, typed while it runs; the conference ends; the minutes are finalised and signed.
        minutes_url = live_server.url + reverse("live:minutes", args=[unit.pk, conference.pk])
        page.goto(minutes_url)
        expect(page.get_by_test_id("minutes-status")).to_have_text("Đang ghi")
        page.get_by_label("Ghi thêm về thành phần tham dự", exact=False).fill(PARTICIPANTS)
        page.get_by_label("Kết luận của chủ trì hội nghị", exact=True).fill(CLOSING)
        for key in ("participants", "closing"):
            expect(page.get_by_test_id(f"section-{key}").locator("[data-section-status]")).to_contain_text("Đã lưu lúc")
        overall = page.get_by_test_id("minutes-overall")
        expect(overall).to_have_attribute("data-state", "saved")
        expect(overall).to_contain_text("Đã lưu")
        expect(page.get_by_test_id("finalise-wait")).to_be_visible()  # not before the end

        page.get_by_test_id("live-tabs").get_by_role("link", name="Điều hành").click()
        page.once("dialog", lambda dialog: dialog.accept())
        page.get_by_test_id("room-end").click()
        expect(page.get_by_test_id("room-status")).to_have_text("Đã kết thúc")

        # 7. The projector says so, never having reloaded.
        expect(screen.get_by_test_id("screen-headline")).to_have_text("Hội nghị đã kết thúc")
        expect(screen.get_by_test_id("screen-status")).to_have_text("Đã kết thúc")
        expect(screen.get_by_test_id("screen-speaker")).to_be_hidden()
        assert screen.evaluate("window.__sameDocument") is True
        assert WALK_IN not in screen.content()

        page.get_by_test_id("live-tabs").get_by_role("link", name="Biên bản").click()
        expect(page.get_by_label("Kết luận của chủ trì hội nghị", exact=True)).to_have_value(CLOSING)
        page.get_by_test_id("finalise").click()
        expect(page.get_by_test_id("minutes-status")).to_have_text("Đã hoàn thành, chờ ký")
        expect(page.locator("textarea[data-section-key]")).to_have_count(0)
        page.get_by_test_id("sign-secretary").click()
        expect(page.get_by_test_id("signature-secretary").get_by_test_id("signed")).to_contain_text("Nông Thị Văn")
        expect(page.get_by_test_id("minutes-status")).to_have_text("Đã hoàn thành, chờ ký")
        expect(page.get_by_test_id("sign-secretary")).to_have_count(0)

        chair = new_context().new_page()
        log_in(chair, live_server, cast.chair_a.username, password)
        chair.goto(minutes_url)
        chair.get_by_test_id("sign-chair").click()
        expect(chair.get_by_test_id("minutes-status")).to_have_text("Đã ký")
        expect(chair.get_by_test_id("signature-chair").get_by_test_id("signed")).to_contain_text("Hoàng Văn Chủ")
        expect(chair.get_by_test_id("minutes-signed-note")).to_be_visible()

        # Read-only for everyone, with what was typed and said.
        page.reload()
        for reader in (page, chair):
            expect(reader.get_by_test_id("minutes-status")).to_have_text("Đã ký")
            expect(reader.locator("textarea")).to_have_count(0)
            expect(reader.get_by_test_id("finalise")).to_have_count(0)
            expect(reader.get_by_test_id("sign-chair")).to_have_count(0)
            expect(reader.get_by_test_id("sign-secretary")).to_have_count(0)
            expect(reader.get_by_test_id("section-participants")).to_have_text(PARTICIPANTS)
            expect(reader.get_by_test_id("section-closing")).to_have_text(CLOSING)
            rows_ = reader.get_by_test_id("exchange-row")
            expect(rows_).to_have_count(2)
            expect(rows_.nth(0)).to_contain_text(WALK_IN_QUESTION)
            expect(rows_.nth(0)).to_contain_text(WALK_IN_ANSWER)
            expect(rows_.nth(0)).to_contain_text("Đã trả lời tại hội nghị")
            expect(rows_.nth(1)).to_contain_text(LAND_QUESTION)
            expect(rows_.nth(1)).to_contain_text(format_code(land.tracking_code))
            expect(rows_.nth(1)).to_contain_text("Kiến nghị cấp trên")
            expect(reader.get_by_test_id("minutes-attendance")).to_contain_text("có mặt 3 người")

        # The record behind the pages.
        room = Room.objects.get(conference=conference)
        assert room.status == RoomStatus.ENDED and room.ended_at is not None
        assert list(
            Speaker.objects.filter(conference=conference).order_by("order").values_list("status", "show_name")
        ) == [(SpeakerStatus.DONE, True), (SpeakerStatus.DONE, False)]
        exchanges = list(Exchange.objects.filter(conference=conference).order_by("order"))
        assert [(e.status, e.outcome, e.speaker_id) for e in exchanges] == [
            (ExchangeStatus.CONCLUDED, Outcome.ANSWERED, walk_in.pk),
            (ExchangeStatus.CONCLUDED, Outcome.REFERRED_UP, delegate_speaker.pk),
        ]
        raised.refresh_from_db()
        assert (raised.status, raised.channel, raised.village) == (
            PetitionStatus.ANSWERED_AT_CONFERENCE,
            Channel.CONFERENCE,
            village_c,
        )
        assert Petition.objects.get(pk=land.pk).status == PetitionStatus.REFERRED
        minutes = Minutes.objects.get(conference=conference)
        assert minutes.status == MinutesStatus.SIGNED
        assert (minutes.secretary_signed_by, minutes.chair_signed_by) == (cast.officer_a, cast.chair_a)
        assert minutes.content is not None
        assert minutes.content["sections"]["participants"] == PARTICIPANTS
        assert minutes.content["sections"]["closing"] == CLOSING
        conference.refresh_from_db()
        assert conference.status == ConferenceStatus.HELD
    finally:
        for made in contexts:
            made.close()
