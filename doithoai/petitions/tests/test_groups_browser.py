"""In Chromium: the office reviews the suggested groups, creates one from a suggestion, renames it and
splits one petition out of it; then joins a petition to the group from that petition's page."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from doithoai.core.testing import log_in
from doithoai.petitions import actions
from doithoai.petitions.models import Channel, Petition, PetitionGroup
from doithoai.units.models import Village

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROADS = [
    "Đề nghị sửa chữa tuyến đường từ thôn Nà Pàn ra trung tâm xã, đường xuống cấp, nhiều ổ gà.",
    "Tuyến đường liên thôn Khòn Pịt đi trung tâm xã bị hư hỏng nặng, nhiều ổ gà, đề nghị sửa chữa.",
    "de nghi sua chua duong lien thon Ban Cam, duong xuong cap nang, nhieu o ga",
]
POWER = [
    "Giá điện tăng cao, hóa đơn tiền điện tháng 5 tăng gấp đôi, đề nghị ngành điện kiểm tra lại công tơ.",
    "tien dien thang nay tang cao bat thuong, de nghi dien luc kiem tra lai cong to",
]


def test_the_office_groups_a_suggestion_renames_it_and_splits_one_out(cast, live_server, page, password):
    unit = cast.commune_a
    sectors = {s.code: s for s in actions.sectors_ensure(actor=cast.officer_a, unit=unit)}
    villages = [cast.village_a, *(Village.objects.create(unit=unit, name=n) for n in ("Thôn Khòn Pịt", "Thôn Bản Cằm"))]

    def receive(text, sector, village):
        data = {"text": text, "channel": Channel.PAPER_FORM, "village": village, "sector": sector}
        return actions.petition_receive(actor=cast.officer_a, unit=unit, data=data)[0]

    roads = [receive(t, sectors["XD-GT-HT"], villages[i]) for i, t in enumerate(ROADS)]
    power = [receive(t, sectors["KT-TC"], villages[i]) for i, t in enumerate(POWER)]
    late = receive("Đường liên thôn xuống cấp, nhiều ổ gà, xin sửa chữa.", sectors["XD-GT-HT"], villages[0])

    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, cast.officer_a.username, password)
    page.goto(live_server.url + reverse("petitions:groups", args=[unit.pk]))
    expect(page.get_by_test_id("no-groups")).to_be_visible()
    page.get_by_test_id("link-suggestions").click()

    # Two suggestions: the road petitions of three villages (one typed without diacritics), the price of power.
    clusters = page.get_by_test_id("cluster")
    expect(clusters).to_have_count(2)
    road_card = clusters.filter(has_text="nhieu o ga")
    expect(road_card).to_contain_text("Thôn Khòn Pịt")
    expect(clusters.filter(has_text="tien dien")).to_have_count(1)
    for petition in [*roads, late]:
        expect(road_card.get_by_test_id(f"cluster-petition-{petition.pk}")).to_be_checked()
    # The late one is about the same road but the office keeps it out for now.
    road_card.get_by_test_id(f"cluster-petition-{late.pk}").uncheck()
    road_card.get_by_test_id("cluster-title").fill("Sửa chữa đường liên thôn xuống cấp")
    road_card.get_by_role("button", name="Tạo nhóm").click()
    created = page.get_by_test_id("cluster-created")
    expect(created).to_contain_text("Đã tạo nhóm “Sửa chữa đường liên thôn xuống cấp” gồm 3 ý kiến.")
    # The other suggestion is still there to review.
    expect(page.get_by_test_id("cluster")).to_have_count(1)
    group = PetitionGroup.objects.get()
    assert set(Petition.objects.filter(group=group).values_list("pk", flat=True)) == {p.pk for p in roads}

    created.get_by_role("link", name="Xem nhóm").click()
    expect(page.get_by_test_id("group-title-text")).to_have_text("Sửa chữa đường liên thôn xuống cấp")
    for petition in roads:
        expect(page.get_by_test_id(f"member-{petition.pk}")).to_be_visible()

    # Rename it.
    page.get_by_test_id("rename").locator("summary").click()
    page.get_by_label("Nội dung chung", exact=True).fill("Sửa chữa các tuyến đường liên thôn bị xuống cấp, ổ gà")
    page.get_by_role("button", name="Lưu nội dung chung").click()
    expect(page.get_by_test_id("group-title-text")).to_have_text(
        "Sửa chữa các tuyến đường liên thôn bị xuống cấp, ổ gà"
    )
    expect(page.get_by_role("alert").filter(has_text="Đã lưu nội dung chung của nhóm.")).to_be_visible()

    # Split the Bản Cằm petition out into a group of its own.
    page.get_by_test_id(f"select-{roads[2].pk}").check()
    page.get_by_label("Hoặc tách thành nhóm mới với nội dung chung:").fill("Đường liên thôn Bản Cằm xuống cấp")
    page.get_by_test_id("split-button").click()
    expect(page.get_by_test_id("group-title-text")).to_have_text("Đường liên thôn Bản Cằm xuống cấp")
    expect(page.get_by_test_id(f"member-{roads[2].pk}")).to_be_visible()
    expect(page.get_by_test_id(f"member-{roads[0].pk}")).to_have_count(0)
    group.refresh_from_db()
    assert set(Petition.objects.filter(group=group).values_list("pk", flat=True)) == {roads[0].pk, roads[1].pk}
    assert PetitionGroup.objects.count() == 2

    # From the late petition's page, it joins the renamed group ("Gộp vào nhóm").
    page.goto(live_server.url + reverse("petitions:detail", args=[unit.pk, late.pk]))
    panel = page.get_by_test_id("group-panel")
    expect(panel).to_contain_text("Các ý kiến có thể trùng")
    panel.get_by_test_id(f"join-{roads[0].pk}").click()
    expect(page.get_by_test_id("panel-group-link")).to_have_text(
        "Sửa chữa các tuyến đường liên thôn bị xuống cấp, ổ gà"
    )
    assert Petition.objects.get(pk=late.pk).group_id == group.pk
    # Nothing any citizen wrote was changed.
    for petition in [*roads, *power, late]:
        fresh = Petition.objects.get(pk=petition.pk)
        assert fresh.original_text == fresh.text == petition.original_text
