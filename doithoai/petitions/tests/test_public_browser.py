"""In Chromium on a phone (360 × 740): a citizen sends an opinion from the portal, keeps the code, finds it
again by typing the code in lower case with spaces, and later says whether the answer satisfied them."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from doithoai.lib.codes import format_code
from doithoai.petitions import actions
from doithoai.petitions.models import Answer, AnswerMode, Channel, Kind, Petition, Satisfaction

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_a_citizen_sends_an_opinion_from_a_phone_and_tracks_it_by_code(cast, live_server, page):
    sectors = {s.code: s for s in actions.sectors_ensure(actor=cast.officer_a, unit=cast.commune_a)}
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + reverse("portal:unit", args=[cast.commune_a.pk]))
    page.get_by_test_id("submit-petition").click()
    expect(page.get_by_role("heading", name="Gửi ý kiến, kiến nghị")).to_be_visible()
    no_sideways_scroll(page)

    # A phone number without consent: refused at the consent box, nothing typed lost.
    page.get_by_label("Thôn, tổ dân phố nơi ông/bà ở").select_option(label="Thôn Nà Pàn")
    page.get_by_label("Lĩnh vực").select_option(label=sectors["XD-GT-HT"].name)
    page.get_by_label("Nội dung ý kiến, kiến nghị").fill("Cầu treo qua suối Nà Pàn bị hỏng ván, đề nghị sửa sớm.")
    page.get_by_label("Số điện thoại", exact=True).fill("0912 345 678")
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("error-consent_contact")).to_contain_text("Chỉ lưu số điện thoại khi")
    expect(page.get_by_label("Nội dung ý kiến, kiến nghị")).to_have_value(
        "Cầu treo qua suối Nà Pàn bị hỏng ván, đề nghị sửa sớm."
    )
    expect(page.get_by_label("Số điện thoại", exact=True)).to_have_value("0912 345 678")
    assert not Petition.objects.exists()

    page.get_by_label("Tôi đồng ý để cơ quan liên hệ lại qua số điện thoại này").check()
    submit = page.get_by_test_id("submit")
    box = submit.bounding_box()
    assert box is not None and box["height"] >= 48 and box["width"] >= 300  # a thumb-sized button
    submit.click()

    expect(page.get_by_test_id("sent")).to_be_visible()
    petition = Petition.objects.get()
    assert petition.channel == Channel.ONLINE and petition.consent_contact
    expect(page.get_by_test_id("tracking-code")).to_have_text(format_code(petition.tracking_code))
    expect(page.get_by_test_id("qr").locator("svg")).to_be_visible()
    expect(page.get_by_test_id("print")).to_be_visible()
    no_sideways_scroll(page)
    assert "0912" not in page.content()

    # Later: the code typed from a note, in lower case with a space.
    page.goto(live_server.url + reverse("petitions_public:track_form"))
    typed = f"{petition.tracking_code[:4].lower()} {petition.tracking_code[4:].lower()}"
    page.get_by_label("Mã tra cứu").fill(typed)
    page.get_by_test_id("track-submit").click()
    expect(page.get_by_test_id("tracking-code")).to_have_text(format_code(petition.tracking_code))
    expect(page.get_by_test_id("steps")).to_have_attribute("data-step", "1")
    expect(page.get_by_test_id("status-words")).to_contain_text("Ý kiến đã được tiếp nhận")
    expect(page.get_by_test_id("petition-text")).to_contain_text("Cầu treo qua suối Nà Pàn")
    no_sideways_scroll(page)

    # A mistyped code: one clear message.
    page.get_by_role("link", name="Tra cứu mã khác").click()
    page.get_by_label("Mã tra cứu").fill("abcd 2345")
    page.get_by_test_id("track-submit").click()
    expect(page.get_by_test_id("not-found")).to_contain_text("Không tìm thấy ý kiến nào với mã này.")


def test_the_citizen_says_the_answer_did_not_satisfy_them(cast, live_server, page):
    sectors = {s.code: s for s in actions.sectors_ensure(actor=cast.officer_a, unit=cast.commune_a)}
    petition, _ = actions.create_petition(
        actor=cast.officer_a,
        unit=cast.commune_a,
        data={"text": "Đề nghị lắp đèn đường thôn Nà Pàn.", "channel": Channel.PAPER_FORM, "village": cast.village_a},
    )
    actions.petition_classify(
        actor=cast.officer_a,
        petition=petition,
        kind=Kind.RECOMMENDATION,
        sector=sectors["XD-GT-HT"],
        jurisdiction="this_unit",
    )
    actions.petition_answer_at_conference(actor=cast.officer_a, petition=petition)
    answer = Answer.objects.create(
        unit=cast.commune_a,
        mode=AnswerMode.AT_CONFERENCE,
        text="Xã sẽ lắp 10 bóng đèn trong quý I năm 2027.",
        department=cast.department_a,
        approved_at=timezone.now(),
    )
    Petition.objects.filter(pk=petition.pk).update(answer=answer)

    page.set_viewport_size(PHONE)
    page.goto(live_server.url + reverse("petitions_public:track", args=[petition.tracking_code]))
    expect(page.get_by_test_id("steps")).to_have_attribute("data-step", "3")
    expect(page.get_by_test_id("answer-text")).to_have_text("Xã sẽ lắp 10 bóng đèn trong quý I năm 2027.")
    page.get_by_label("Nếu chưa đồng ý, xin cho biết lý do").fill("Thôn cần 20 bóng, 10 bóng là chưa đủ.")
    page.get_by_test_id("disagree").click()
    expect(page.get_by_role("alert").first).to_contain_text("Cảm ơn ông/bà đã cho biết ý kiến về trả lời.")
    expect(page.get_by_test_id("satisfaction-current")).to_contain_text("Chưa đồng ý")
    petition.refresh_from_db()
    assert petition.satisfaction == Satisfaction.UNSATISFIED
    assert petition.satisfaction_note == "Thôn cần 20 bóng, 10 bóng là chưa đủ."

    page.get_by_test_id("agree").click()
    expect(page.get_by_test_id("satisfaction-current")).to_contain_text("Đồng ý với trả lời")
    petition.refresh_from_db()
    assert petition.satisfaction == Satisfaction.SATISFIED and petition.satisfaction_note == ""
