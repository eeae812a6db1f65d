"""In Chromium, on a phone-sized screen: the secretary records the question of a citizen who asked for the
floor in the hall (a new petition, classified), the chair answers it there, and the petition is answered."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from doithoai.core.testing import log_in
from doithoai.live.models import Exchange, Room, RoomStatus, Speaker
from doithoai.petitions.models import Channel, PetitionStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_walk_ins_question_answered_in_the_hall(cast, conference, village_c, sectors, live_server, page, password):
    Room.objects.create(conference=conference, status=RoomStatus.RUNNING, started_at=timezone.now())
    walk_in = Speaker.objects.create(conference=conference, order=1, village=village_c, label="Cử tri")
    page.set_viewport_size({"width": 360, "height": 800})
    log_in(page, live_server, cast.officer_a.username, password)
    page.goto(live_server.url + reverse("live:exchanges", args=[cast.commune_a.pk, conference.pk]))
    expect(page.get_by_test_id("ex-empty")).to_be_visible()

    form = page.get_by_test_id("ex-add-form")
    # Choosing the asker brings in their petitions (none) while the officer types: the answer replaces
    # only the list of petitions, so the question typed meanwhile stays.
    question = "Đề nghị lắp đèn chiếu sáng đường trục thôn Bản Châu"
    with page.expect_response(lambda r: "/doi-thoai/ghi/" in r.url):
        form.get_by_label("Người hỏi").select_option(str(walk_in.pk))
        form.get_by_label("Câu hỏi (tóm tắt)").fill(question)
    expect(form.get_by_label("Người hỏi")).to_have_value(str(walk_in.pk))
    expect(form.get_by_label("Câu hỏi (tóm tắt)")).to_have_value(question)
    expect(form.get_by_label("Ghi câu hỏi thành ý kiến mới")).to_be_checked()
    form.get_by_label("Lĩnh vực").select_option(label="Xây dựng – giao thông – hạ tầng")
    form.get_by_label("Thẩm quyền").select_option("this_unit")
    form.get_by_test_id("ex-add-submit").click()

    card = page.get_by_test_id("exchange").filter(has_text="lắp đèn chiếu sáng")
    expect(card).to_be_visible()
    expect(card.get_by_test_id("ex-asker")).to_have_text("Cử tri – Thôn Bản Châu")
    expect(card.get_by_test_id("ex-outcome")).to_have_text("Chưa kết luận")
    expect(page.get_by_test_id("count-total")).to_have_text("1 câu hỏi")
    # The form is empty again for the next question.
    expect(page.get_by_test_id("ex-add-form").get_by_label("Câu hỏi (tóm tắt)")).to_have_value("")

    # Before an outcome is chosen, no outcome's fields; "answered" shows who answered, not the due date.
    due = card.get_by_label("Hạn trả lời bằng văn bản")
    expect(due).to_be_hidden()
    card.get_by_label("Đã trả lời tại hội nghị", exact=True).check()
    expect(due).to_be_hidden()
    expect(card.get_by_label("Người trả lời (họ tên, chức vụ)")).to_have_value("Hoàng Văn Chủ")
    card.get_by_label("Nội dung trả lời (tóm tắt)").fill("Xã đưa vào kế hoạch lắp đèn trong quý III năm 2026.")
    card.get_by_label("Nội dung kết luận").fill("Giao Phòng Kinh tế khảo sát, lập dự toán.")
    card.get_by_test_id("ex-conclude-submit").click()
    expect(card.get_by_test_id("ex-outcome")).to_have_text("Đã trả lời tại hội nghị")
    expect(card.get_by_test_id("ex-conclude-form")).to_have_count(0)
    expect(page.get_by_test_id("count-answered")).to_have_text("Trả lời tại hội nghị: 1")
    # Nothing is wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    petition = Exchange.objects.get().petitions.get()
    assert petition.channel == Channel.CONFERENCE
    card.get_by_test_id("ex-petition-link").click()
    expect(page).to_have_url(live_server.url + reverse("petitions:detail", args=[cast.commune_a.pk, petition.pk]))
    expect(page.get_by_test_id("status")).to_have_text("Đã trả lời tại hội nghị")
    assert petition.__class__.objects.get(pk=petition.pk).status == PetitionStatus.ANSWERED_AT_CONFERENCE


def test_choosing_one_asker_then_another_at_once_shows_the_seconds_petitions(
    cast, conference, petitions, live_server, page, password
):
    """The officer picks the wrong asker and corrects it before the first answer is back: the second asker's
    petition is there and ticked, and the question then sent is linked to it."""
    Room.objects.create(conference=conference, status=RoomStatus.RUNNING, started_at=timezone.now())
    first = Speaker.objects.create(conference=conference, order=1, name="Nông Văn Một", village=cast.village_a)
    first.petitions.set([petitions[2]])
    second = Speaker.objects.create(conference=conference, order=2, name="Lục Thị Hai", village=cast.village_a)
    second.petitions.set([petitions[0]])
    log_in(page, live_server, cast.officer_a.username, password)
    page.goto(live_server.url + reverse("live:exchanges", args=[cast.commune_a.pk, conference.pk]))

    form = page.get_by_test_id("ex-add-form")
    asker = form.get_by_label("Người hỏi")
    asker.select_option(str(first.pk))
    asker.select_option(str(second.pk))
    expect(form.get_by_test_id(f"pick-{petitions[0].tracking_code}")).to_be_checked()
    expect(asker).to_have_value(str(second.pk))
    form.get_by_label("Câu hỏi (tóm tắt)").fill("Bao giờ sửa đường liên thôn Nà Pàn?")
    form.get_by_label("Ghi câu hỏi thành ý kiến mới").uncheck()
    form.get_by_test_id("ex-add-submit").click()

    card = page.get_by_test_id("exchange").filter(has_text="Bao giờ sửa đường")
    expect(card).to_be_visible()
    exchange = Exchange.objects.get()
    assert exchange.speaker_id == second.pk
    assert petitions[0].pk in set(exchange.petitions.values_list("pk", flat=True))
