"""Check-in at the door: by the QR's URL or a typed code, by a name typed without diacritics, and walk-ins."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from doithoai.audit.models import AuditEvent
from doithoai.delegates import actions, selectors
from doithoai.delegates.models import Delegate
from doithoai.delegates.tests.conftest import HEADS, PEOPLE, set_state


def _add(cast, conference, name, village=None, role=PEOPLE):
    return actions.delegate_create(
        actor=cast.officer_a, conference=conference, data={"full_name": name, "role_label": role}, village=village
    ).delegate


@pytest.fixture
def people(cast, announced, village_c):
    return {
        "peo": _add(cast, announced, "Hoàng Văn Pẻo", cast.village_a, HEADS),
        "sim": _add(cast, announced, "Nông Thị Sim", cast.village_a),
        "nguyen": _add(cast, announced, "Nguyễn Văn Đức", village_c),
        "nguyen2": _add(cast, announced, "Nguyễn Văn Đông", village_c),
        "chair": _add(cast, announced, "Chu Văn Toàn", None, "Lãnh đạo UBND xã"),
    }


def _urls(conference, delegate=None):
    unit, pk = conference.unit_id, conference.pk
    return {
        "code": reverse("delegates:check_in_code", args=[unit, pk]),
        "search": reverse("delegates:check_in_search", args=[unit, pk]),
        "walk_in": reverse("delegates:walk_in", args=[unit, pk]),
        "page": reverse("delegates:check_in", args=[unit, pk]),
        "one": reverse("delegates:check_in_delegate", args=[unit, pk, delegate.pk]) if delegate else "",
        "undo": reverse("delegates:check_in_undo", args=[unit, pk, delegate.pk]) if delegate else "",
    }


def _result(response) -> str:
    page = response.content.decode()
    assert 'data-testid="checkin-result"' in page
    return page


def test_the_scanner_posts_the_invitations_url_and_the_delegate_is_checked_in(client, cast, announced, people):
    client.force_login(cast.officer_a)
    peo = people["peo"]
    scanned = f"http://testserver/giay-moi/{peo.code}/"
    response = client.post(_urls(announced)["code"], {"code": scanned, "via": "qr"}, HTTP_HX_REQUEST="true")
    page = _result(response)
    assert 'data-result="checked_in"' in page and "Hoàng Văn Pẻo" in page
    assert response["HX-Trigger"] == "delegates-changed"
    peo.refresh_from_db()
    assert peo.checked_in_at is not None and peo.checked_in_by == cast.officer_a
    event = AuditEvent.objects.get(event_type="delegate.checked_in")
    assert event.changes["_extra"]["method"] == "qr"


def test_a_second_scan_says_when_and_changes_nothing(client, cast, announced, people):
    client.force_login(cast.officer_a)
    peo = people["peo"]
    url = _urls(announced)["code"]
    client.post(url, {"code": peo.code}, HTTP_HX_REQUEST="true")
    peo.refresh_from_db()
    first = peo.checked_in_at
    page = _result(client.post(url, {"code": peo.code_display.lower()}, HTTP_HX_REQUEST="true"))
    assert 'data-result="already"' in page
    assert "Hoàng Văn Pẻo đã điểm danh lúc" in page
    peo.refresh_from_db()
    assert peo.checked_in_at == first
    assert AuditEvent.objects.filter(event_type="delegate.checked_in").count() == 1


def test_an_unknown_code_or_another_conferences_code_is_not_found(client, cast, announced, people, plan):
    client.force_login(cast.officer_a)
    url = _urls(announced)["code"]
    page = _result(client.post(url, {"code": "ZZZZ-2222"}, HTTP_HX_REQUEST="true"))
    assert 'data-result="not_found"' in page and "ZZZZ-2222" in page
    actions.slots_generate(actor=cast.officer_a, conference=announced)
    open_slot = Delegate.objects.filter(conference=announced, full_name="")[0]
    assert 'data-result="not_found"' in _result(client.post(url, {"code": open_slot.code}, HTTP_HX_REQUEST="true"))
    assert not Delegate.objects.filter(checked_in_at__isnull=False).exists()


def test_without_htmx_the_code_form_redirects_with_a_message(client, cast, announced, people):
    client.force_login(cast.officer_a)
    response = client.post(_urls(announced)["code"], {"code": people["sim"].code}, follow=True)
    assert "Đã điểm danh: Nông Thị Sim." in response.content.decode()


def test_a_name_typed_without_diacritics_finds_the_person(client, cast, announced, people):
    client.force_login(cast.village_head_a)
    response = client.get(_urls(announced)["search"], {"q": "nguyen van d"}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert "Nguyễn Văn Đức" in page and "Nguyễn Văn Đông" in page and "Hoàng Văn Pẻo" not in page
    page = client.get(_urls(announced)["search"], {"q": "nguyen duc"}, HTTP_HX_REQUEST="true").content.decode()
    assert "Nguyễn Văn Đức" in page and "Nguyễn Văn Đông" not in page
    # The check-in button of the result.
    duc = people["nguyen"]
    response = client.post(_urls(announced, duc)["one"], {"tu": "tim"}, HTTP_HX_REQUEST="true")
    page = _result(response)
    assert 'data-result="checked_in"' in page
    # The search result's line is replaced in the same response.
    assert f'id="result-{duc.pk}" data-testid="result-{duc.pk}" hx-swap-oob="outerHTML"' in page
    page = client.get(_urls(announced)["search"], {"q": "nguyen duc"}, HTTP_HX_REQUEST="true").content.decode()
    assert "Đã điểm danh" in page


def test_nobody_found_offers_the_walk_in_form(client, cast, announced, people):
    client.force_login(cast.officer_a)
    page = client.get(_urls(announced)["search"], {"q": "tran"}, HTTP_HX_REQUEST="true").content.decode()
    assert 'data-testid="no-results"' in page


def test_a_walk_in_is_added_and_checked_in_once(client, cast, announced, people):
    client.force_login(cast.officer_a)
    url = _urls(announced)["walk_in"]
    data = {"full_name": "Triệu Thị Dung", "village": cast.village_a.pk}
    page = _result(client.post(url, data, HTTP_HX_REQUEST="true"))
    assert 'data-result="walked_in"' in page
    dung = Delegate.objects.get(full_name="Triệu Thị Dung")
    assert dung.walk_in and dung.checked_in_at is not None and dung.village == cast.village_a
    page = _result(client.post(url, data, HTTP_HX_REQUEST="true"))
    assert 'data-result="refused"' in page and "đã có trong danh sách" in page
    assert Delegate.objects.filter(full_name="Triệu Thị Dung").count() == 1
    page = _result(client.post(url, {"full_name": ""}, HTTP_HX_REQUEST="true"))
    assert "Nhập họ và tên." in page


def test_the_office_may_undo_a_check_in_the_vice_chair_may_not(client, cast, announced, people):
    sim = people["sim"]
    actions.delegate_check_in(actor=cast.vice_chair_a, delegate=sim)
    with pytest.raises(PermissionDenied):
        actions.delegate_check_in_undo(actor=cast.vice_chair_a, delegate=sim)
    client.force_login(cast.officer_a)
    page = _result(client.post(_urls(announced, sim)["undo"], HTTP_HX_REQUEST="true"))
    assert 'data-result="undone"' in page
    sim.refresh_from_db()
    assert sim.checked_in_at is None and sim.checked_in_by is None
    assert AuditEvent.objects.filter(event_type="delegate.check_in_undone").count() == 1
    with pytest.raises(ValidationError):
        actions.delegate_check_in_undo(actor=cast.officer_a, delegate=sim)


@pytest.mark.parametrize(("state", "open_"), [("planned", False), ("announced", True), ("held", True),
                                               ("concluded", False), ("cancelled", False)])  # fmt: skip
def test_check_in_is_open_only_between_the_announcement_and_the_conclusion(cast, announced, people, state, open_):
    set_state(announced, state)
    sim = Delegate.objects.get(pk=people["sim"].pk)
    if open_:
        assert actions.delegate_check_in(actor=cast.officer_a, delegate=sim).already is False
    else:
        with pytest.raises(ValidationError):
            actions.delegate_check_in(actor=cast.officer_a, delegate=sim)
        assert Delegate.objects.get(pk=sim.pk).checked_in_at is None


def test_the_attendance_counts_by_role_and_village(client, cast, announced, people, village_c):
    for key in ["peo", "sim", "nguyen"]:
        actions.delegate_check_in(actor=cast.officer_a, delegate=people[key])
    actions.delegate_walk_in(actor=cast.officer_a, conference=announced, data={"full_name": "Triệu Thị Dung"})
    actions.slots_generate(actor=cast.officer_a, conference=announced)  # open slots are not invited people
    attendance = selectors.attendance(announced)
    assert (attendance.invited, attendance.present, attendance.walk_ins) == (5, 4, 1)
    by_role = {row.label: (row.present, row.invited) for row in attendance.by_role}
    assert by_role[PEOPLE] == (2, 3)
    assert by_role[HEADS] == (1, 1)
    assert by_role["Lãnh đạo UBND xã"] == (0, 1)
    assert by_role["Nhân dân đến dự"] == (1, 0)
    by_village = {row.label: (row.present, row.invited) for row in attendance.by_village}
    assert by_village == {"": (1, 1), "Thôn Nà Pàn": (2, 2), "Thôn Bản Châu": (1, 2)}
    client.force_login(cast.front_a)
    page = client.get(reverse("delegates:attendance_panel", args=[cast.commune_a.pk, announced.pk])).content.decode()
    assert 'data-testid="present-count">4<' in page
    assert 'hx-trigger="every 10s, delegates-changed from:body"' in page


def test_the_check_in_page_has_the_scanner_and_the_local_jsqr(client, cast, announced, people):
    client.force_login(cast.village_head_a)
    page = client.get(_urls(announced)["page"]).content.decode()
    assert 'id="scanner"' in page
    assert "/static/vendor/jsqr/jsQR.js" in page
    assert "BarcodeDetector" in page
    assert 'data-testid="present-count">0<' in page
