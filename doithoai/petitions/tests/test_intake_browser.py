"""In Chromium: a stack of paper opinion forms typed in with the keyboard only, and an Excel summary uploaded."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from doithoai.core.testing import log_in
from doithoai.lib.codes import format_code
from doithoai.petitions import actions, excel
from doithoai.petitions.models import Channel, Kind, Petition
from doithoai.petitions.tests.test_intake import row, workbook
from doithoai.units.models import Village

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def villages(cast):
    return {
        "na_po": Village.objects.create(unit=cast.commune_a, name="Thôn Nà Pò", sort_order=2),
        "ban_chau": Village.objects.create(unit=cast.commune_a, name="Thôn Bản Châu", sort_order=3),
    }


@pytest.fixture
def sectors(cast):
    return {s.code: s for s in actions.sectors_ensure(actor=cast.officer_a, unit=cast.commune_a)}


def test_the_office_types_two_paper_forms_with_the_keyboard_only(cast, villages, sectors, live_server, page, password):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server, cast.officer_a.username, password)
    page.goto(live_server.url + reverse("petitions:paper_entry", args=[cast.commune_a.pk]))

    # The cursor starts in the village box; the name is typed without diacritics.
    village = page.get_by_role("combobox", name="Thôn, tổ dân phố")
    expect(village).to_be_focused()
    page.keyboard.type("na po")
    listbox = page.locator("#village-listbox")
    expect(listbox).to_be_visible()
    expect(listbox.get_by_role("option")).to_have_count(1)
    expect(listbox.get_by_role("option").first).to_have_text("Thôn Nà Pò")
    page.keyboard.press("ArrowDown")
    expect(village).to_have_attribute("aria-activedescendant", "village-listbox-0")
    page.keyboard.press("Enter")
    expect(village).to_have_value("Thôn Nà Pò")
    expect(listbox).to_be_hidden()

    page.keyboard.press("Tab")
    expect(page.get_by_label("Nội dung ý kiến, kiến nghị")).to_be_focused()
    page.keyboard.type("Đường liên thôn Nà Pò sạt lở sau mưa lũ, đề nghị khắc phục.")
    page.keyboard.press("Tab")
    sector = page.get_by_role("combobox", name="Lĩnh vực")
    expect(sector).to_be_focused()
    page.keyboard.type("giao thong")
    expect(page.locator("#sector-listbox").get_by_role("option").first).to_have_text("Xây dựng – giao thông – hạ tầng")
    page.keyboard.press("Enter")
    expect(sector).to_have_value("Xây dựng – giao thông – hạ tầng")
    with page.expect_navigation():
        page.keyboard.press("Control+Enter")

    first = Petition.objects.get()
    expect(page.get_by_test_id("entry-saved")).to_contain_text(format_code(first.tracking_code))
    expect(page.get_by_test_id("entry-count")).to_have_text("Đã nhập 1 phiếu trong phiên này.")
    # The next form: the village is kept, the cursor waits in the text.
    expect(village).to_have_value("Thôn Nà Pò")
    text = page.get_by_label("Nội dung ý kiến, kiến nghị")
    expect(text).to_be_focused()
    expect(text).to_have_value("")
    expect(sector).to_have_value("")

    page.keyboard.type("Trạm y tế thiếu bác sĩ vào cuối tuần.")
    page.keyboard.press("Tab")
    page.keyboard.type("y te")
    page.keyboard.press("Tab")  # Tab takes the highlighted option and moves on
    expect(sector).to_have_value("Y tế – BHYT")
    kind = page.get_by_label("Tính chất")
    expect(kind).to_be_focused()
    warning = page.get_by_test_id("redirect-warning")
    expect(warning).to_be_hidden()
    kind.select_option(Kind.COMPLAINT)
    expect(warning).to_be_visible()
    kind.select_option(Kind.FEEDBACK)
    expect(warning).to_be_hidden()
    with page.expect_navigation():
        page.keyboard.press("Control+Enter")
    expect(page.get_by_test_id("entry-count")).to_have_text("Đã nhập 2 phiếu trong phiên này.")

    second = Petition.objects.exclude(pk=first.pk).get()
    assert first.village == second.village == villages["na_po"]
    assert (first.sector, second.sector) == (sectors["XD-GT-HT"], sectors["YT"])
    assert second.kind == Kind.FEEDBACK
    assert {first.channel, second.channel} == {Channel.PAPER_FORM}

    # An empty text: the message is at the field and the village stays.
    with page.expect_navigation():
        page.keyboard.press("Control+Enter")
    expect(page.get_by_test_id("errors-text")).to_have_text("Nhập nội dung ý kiến, kiến nghị.")
    expect(village).to_have_value("Thôn Nà Pò")
    assert Petition.objects.count() == 2


def test_the_front_uploads_a_summary_and_sees_the_result(cast, villages, sectors, live_server, page, password):
    log_in(page, live_server, cast.front_a.username, password)
    page.goto(live_server.url + reverse("petitions:import", args=[cast.commune_a.pk]))
    expect(page.get_by_test_id("template-link")).to_be_visible()
    file_box = page.get_by_label("Tệp Excel (.xlsx) theo mẫu")

    bad = workbook([row(1), row(2, village="Thôn Không Có")])
    file_box.set_input_files(files=[{"name": "tong-hop.xlsx", "mimeType": excel.XLSX_CONTENT_TYPE, "buffer": bad}])
    page.get_by_role("button", name="Tải lên và nhập").click()
    expect(page.get_by_test_id("import-errors")).to_contain_text("Không dòng nào được nhập.")
    expect(page.get_by_test_id("import-error-table")).to_contain_text(
        "Dòng 3, cột “Thôn/Tổ dân phố”: không có thôn, tổ dân phố “Thôn Không Có” trong Xã Điềm He."
    )
    assert not Petition.objects.exists()

    page.get_by_test_id("link-import-again").click()
    good = workbook([row(1), row(2, village="ban chau", text="Kênh mương nội đồng bị bồi lấp.", sector="Nông nghiệp")])
    page.get_by_label("Tệp Excel (.xlsx) theo mẫu").set_input_files(
        files=[{"name": "tong-hop.xlsx", "mimeType": excel.XLSX_CONTENT_TYPE, "buffer": good}]
    )
    page.get_by_role("button", name="Tải lên và nhập").click()
    expect(page.get_by_test_id("import-done")).to_contain_text("Đã nhập 2 ý kiến, kiến nghị.")
    expect(page.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "100")
    assert Petition.objects.filter(channel=Channel.SUMMARY_IMPORT).count() == 2
    page.get_by_test_id("import-list-link").click()
    expect(page).to_have_url(re.compile(r"kenh=summary_import"))


def test_a_wrong_file_gets_a_clear_message(cast, villages, sectors, live_server, page, password):
    log_in(page, live_server, cast.officer_a.username, password)
    page.goto(live_server.url + reverse("petitions:import", args=[cast.commune_a.pk]))
    page.get_by_label("Tệp Excel (.xlsx) theo mẫu").set_input_files(
        files=[{"name": "anh.xlsx", "mimeType": excel.XLSX_CONTENT_TYPE, "buffer": b"\xff\xd8\xff\xe0 a photo"}]
    )
    page.get_by_role("button", name="Tải lên và nhập").click()
    expect(page.get_by_test_id("errors-file")).to_contain_text("không phải là tệp Excel .xlsx hợp lệ")


def test_the_secretary_records_a_question_raised_at_the_conference(
    cast, villages, sectors, live_server, page, password
):
    """The fifth channel: what a citizen says in the hall, typed on the same keyboard-only page, reached from
    the held conference, stored through the action the live room uses."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    import time_machine

    from doithoai.conferences.actions import conference_announce, conference_create, conference_hold
    from doithoai.plans.actions import plan_create_from_preset, plan_issue

    vn = ZoneInfo("Asia/Ho_Chi_Minh")
    with time_machine.travel(dt.datetime(2026, 5, 4, 9, 0, tzinfo=vn), tick=True) as clock:
        plan = plan_create_from_preset(actor=cast.officer_a, unit=cast.commune_a, preset="commune", year=2026)
        plan = plan_issue(actor=cast.chair_a, plan=plan, number="91/KH-UBND", issued_on=dt.date(2026, 3, 2))
        conference = conference_create(
            actor=cast.officer_a,
            plan=plan,
            data={"title": "Hội nghị đối thoại năm 2026", "starts_at": dt.datetime(2026, 6, 5, 7, 30, tzinfo=vn)},
            villages=list(villages.values()),
        )
        conference = conference_announce(actor=cast.chair_a, conference=conference)
        clock.move_to(dt.datetime(2026, 6, 5, 9, 30, tzinfo=vn))
        conference_hold(actor=cast.chair_a, conference=conference)

        log_in(page, live_server, cast.officer_a.username, password)
        page.goto(live_server.url + reverse("conferences:detail", args=[cast.commune_a.pk, conference.pk]))
        page.get_by_test_id("conference-floor").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Ghi ý kiến phát biểu tại hội nghị")
        expect(page.get_by_test_id("floor-note")).to_be_visible()
        expect(page.get_by_label("Ảnh chụp, bản quét phiếu")).to_have_count(0)  # no scans of a spoken question

        village = page.get_by_role("combobox", name="Thôn, tổ dân phố")
        village.focus()
        page.keyboard.type("ban chau")
        expect(page.locator("#village-listbox").get_by_role("option").first).to_have_text("Thôn Bản Châu")
        page.keyboard.press("Tab")
        page.keyboard.type("Khi nào xã làm cầu treo qua suối Bản Châu? Mùa lũ học sinh không đến trường được.")
        with page.expect_navigation():
            page.keyboard.press("Control+Enter")

        raised = Petition.objects.get()
        expect(page.get_by_test_id("entry-saved")).to_contain_text(format_code(raised.tracking_code))
        # Still in the hall's mode for the next speaker.
        expect(page.get_by_role("heading", level=1)).to_have_text("Ghi ý kiến phát biểu tại hội nghị")
        assert raised.channel == Channel.CONFERENCE
        assert raised.conference_id == conference.pk
        assert raised.village == villages["ban_chau"]
        assert raised.original_text.startswith("Khi nào xã làm cầu treo")
