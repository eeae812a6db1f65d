"""The delegate pages through the test client: list, filters, phones, export, editing, invitations, query counts."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from doithoai.audit.models import AuditEvent
from doithoai.delegates import actions, views
from doithoai.delegates.models import Delegate, Rsvp, new_code
from doithoai.delegates.tests.conftest import HEADS, PEOPLE


def _url(name, conference, *extra):
    return reverse(f"delegates:{name}", args=[conference.unit_id, conference.pk, *extra])


def _bulk(conference, villages, n, *, start=0):
    """`n` named delegates straight into the table (setup for counting queries)."""
    Delegate.objects.bulk_create(
        [
            Delegate(
                conference=conference,
                village=villages[i % len(villages)],
                full_name=f"Người Thứ {start + i}",
                role_label=PEOPLE if i % 2 else HEADS,
                group="Đại biểu thôn",
                phone=f"09{start + i:08d}",
                rsvp=Rsvp.ATTENDING if i % 3 == 0 else Rsvp.PENDING,
                code=new_code(),
            )
            for i in range(n)
        ]
    )


@pytest.fixture
def listed(cast, conference, village_c):
    peo = actions.delegate_create(
        actor=cast.officer_a,
        conference=conference,
        data={"full_name": "Hoàng Văn Pẻo", "role_label": HEADS, "phone": "0912345678"},
        village=cast.village_a,
    ).delegate
    sim = actions.delegate_create(
        actor=cast.officer_a,
        conference=conference,
        data={"full_name": "Nông Thị Sim", "role_label": PEOPLE},
        village=village_c,
    ).delegate
    return peo, sim


def test_the_list_filters_and_searches_without_diacritics(client, cast, conference, listed, village_c):
    client.force_login(cast.officer_a)
    url = _url("list", conference)
    page = client.get(url, {"q": "hoang van"}).content.decode()
    assert "Hoàng Văn Pẻo" in page and "Nông Thị Sim" not in page
    page = client.get(url, {"thon": village_c.pk}).content.decode()
    assert "Nông Thị Sim" in page and "Hoàng Văn Pẻo" not in page
    page = client.get(url, {"thanh_phan": HEADS}).content.decode()
    assert "Hoàng Văn Pẻo" in page and "Nông Thị Sim" not in page
    actions.delegate_rsvp(delegate=listed[1], answer=Rsvp.DECLINED)
    page = client.get(url, {"tra_loi": "declined"}).content.decode()
    assert "Nông Thị Sim" in page and "Hoàng Văn Pẻo" not in page
    page = client.get(url, {"diem_danh": "in"}).content.decode()
    assert 'data-testid="no-delegates"' in page


def test_phones_show_only_on_request_and_each_viewing_is_recorded(client, cast, conference, listed):
    client.force_login(cast.officer_a)
    url = _url("list", conference)
    page = client.get(url).content.decode()
    assert "0912345678" not in page
    assert AuditEvent.objects.filter(event_type="delegates.phones_viewed").count() == 0
    page = client.get(url, {"sdt": "1"}).content.decode()
    assert "0912345678" in page and 'data-testid="phones-notice"' in page
    event = AuditEvent.objects.get(event_type="delegates.phones_viewed")
    assert event.actor == cast.officer_a and event.changes["_extra"]["count"] == 1
    # Staff without the right get a refusal, not the numbers.
    client.force_login(cast.front_a)
    response = client.get(url, {"sdt": "1"})
    assert response.status_code == 403
    assert "0912345678" not in client.get(url).content.decode()


def test_the_export_is_an_xlsx_and_is_recorded(client, cast, conference, listed):
    client.force_login(cast.officer_a)
    response = client.get(_url("export", conference))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    headers = [c.value for c in sheet[1]]
    assert "Số điện thoại" not in headers
    assert [sheet.cell(row=2, column=2).value, sheet.cell(row=3, column=2).value] == ["Hoàng Văn Pẻo", "Nông Thị Sim"]
    response = client.get(_url("export", conference), {"sdt": "1"})
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert "0912345678" in [c.value for c in sheet["F"]]
    events = AuditEvent.objects.filter(event_type="delegates.exported").order_by("pk")
    assert [e.changes["_extra"]["with_phones"] for e in events] == [False, True]
    client.force_login(cast.council_a)
    assert client.get(_url("export", conference), {"sdt": "1"}).status_code == 403


def test_a_name_that_looks_like_a_formula_is_exported_as_text(client, cast, conference):
    actions.delegate_create(actor=cast.officer_a, conference=conference, data={"full_name": "=HYPERLINK(1)"})
    client.force_login(cast.officer_a)
    sheet = load_workbook(io.BytesIO(client.get(_url("export", conference)).content)).worksheets[0]
    cell = sheet.cell(row=2, column=2)
    assert cell.value == "=HYPERLINK(1)" and cell.data_type == "s"


def test_a_slot_is_filled_inline_with_htmx(client, cast, conference):
    actions.slots_generate(actor=cast.officer_a, conference=conference)
    slot = Delegate.objects.filter(conference=conference, village=cast.village_a, role_label=HEADS).get()
    client.force_login(cast.village_head_a)
    url = _url("edit", conference, slot.pk)
    form_row = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert form_row.lstrip().startswith("<tr") and 'hx-post="' + url in form_row
    assert 'name="village"' not in form_row  # a slot keeps its village and role
    response = client.post(url, {"full_name": "Hứa Văn Thôn", "position": "Trưởng thôn"}, HTTP_HX_REQUEST="true")
    row = response.content.decode()
    assert response.status_code == 200 and "Hứa Văn Thôn" in row and "<form" not in row.split("</td>")[0]
    slot.refresh_from_db()
    assert slot.full_name == "Hứa Văn Thôn"
    event = AuditEvent.objects.get(event_type="delegate.updated")
    assert event.actor == cast.village_head_a


def test_the_edit_form_shows_errors_at_the_field(client, cast, conference, listed):
    peo, sim = listed
    client.force_login(cast.officer_a)
    response = client.post(
        _url("edit", conference, sim.pk),
        {"full_name": "Hoàng Văn Pẻo", "village": peo.village_id, "phone": "12"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'data-testid="errors-phone"' in page
    sim.refresh_from_db()
    assert sim.full_name == "Nông Thị Sim"


def test_emptying_a_filled_slot_opens_it_with_a_new_code(client, cast, conference):
    actions.slots_generate(actor=cast.officer_a, conference=conference)
    slot = Delegate.objects.filter(conference=conference, village=cast.village_a, role_label=HEADS).get()
    actions.delegate_update(actor=cast.officer_a, delegate=slot, data={"full_name": "Hứa Văn Thôn"})
    actions.delegate_rsvp(delegate=slot, answer=Rsvp.ATTENDING)
    old_code = Delegate.objects.get(pk=slot.pk).code
    actions.delegate_update(actor=cast.officer_a, delegate=slot, data={"full_name": ""})
    slot.refresh_from_db()
    assert slot.is_open and slot.code != old_code and slot.rsvp == Rsvp.PENDING
    assert client.get(reverse("invitations:show", args=[old_code])).status_code == 404


def test_adding_fills_the_matching_slot_and_deleting_removes(client, cast, conference):
    actions.slots_generate(actor=cast.officer_a, conference=conference)
    client.force_login(cast.officer_a)
    response = client.post(
        _url("add", conference),
        {"full_name": "Lăng Thị Thơm", "village": cast.village_a.pk, "role_label": PEOPLE},
        follow=True,
    )
    assert "Đã điền Lăng Thị Thơm vào chỗ còn trống." in response.content.decode()
    assert Delegate.objects.filter(conference=conference).count() == 10
    thom = Delegate.objects.get(full_name="Lăng Thị Thơm")
    response = client.post(_url("delete", conference, thom.pk), follow=True)
    assert "Đã xóa Lăng Thị Thơm khỏi danh sách." in response.content.decode()
    assert not Delegate.objects.filter(full_name="Lăng Thị Thơm").exists()


def test_the_add_form_refuses_a_duplicate(client, cast, conference, listed):
    client.force_login(cast.officer_a)
    response = client.post(_url("add", conference), {"full_name": "hoàng văn pẻo", "village": cast.village_a.pk})
    assert response.status_code == 400
    assert "đã có trong danh sách đại biểu" in response.content.decode()


def test_a_checked_in_delegate_cannot_be_deleted(cast, announced, listed):
    peo, _sim = listed
    actions.delegate_check_in(actor=cast.officer_a, delegate=peo)
    with pytest.raises(ValidationError):
        actions.delegate_delete(actor=cast.officer_a, delegate=peo)


def test_invitations_print_with_letterhead_time_and_a_qr_of_the_public_url(client, cast, conference, listed):
    peo, _sim = listed
    actions.slots_generate(actor=cast.officer_a, conference=conference)
    client.force_login(cast.officer_a)
    page = client.get(_url("invitations", conference)).content.decode()
    assert page.count('data-testid="invitation"') == 2  # open slots get no invitation
    assert "GIẤY MỜI" in page and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page
    assert "Thứ Sáu, ngày 05 tháng 6 năm 2026" in page
    assert peo.code_display in page and "<svg" in page
    assert "@page { size: A4" in page
    # A village head prints the invitations of their own village only.
    client.force_login(cast.village_head_a)
    page = client.get(_url("invitations", conference)).content.decode()
    assert "Hoàng Văn Pẻo" in page and "Nông Thị Sim" not in page
    client.force_login(cast.front_a)
    assert client.get(_url("invitations", conference)).status_code == 403


def test_the_qr_encodes_the_invitations_absolute_url(client, cast, conference, listed):
    peo, _sim = listed
    expected = f"http://testserver/giay-moi/{peo.code}/"
    client.force_login(cast.officer_a)
    printed = client.get(_url("invitations", conference)).content.decode()
    assert views.qr_svg(expected, scale=3) in printed
    client.logout()
    public = client.get(reverse("invitations:show", args=[peo.code])).content.decode()
    assert views.qr_svg(expected, scale=4) in public


def _count_queries(client, url, params=None, **headers) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {}, **headers)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("name", "params", "headers"),
    [
        ("list", {}, {}),
        ("list", {"sdt": "1"}, {}),
        ("list", {"q": "nguoi thu"}, {}),
        ("quotas", {}, {}),
        ("attendance", {}, {}),
        ("attendance_panel", {}, {"HTTP_HX_REQUEST": "true"}),
        ("check_in", {}, {}),
        ("check_in_search", {"q": "nguoi"}, {"HTTP_HX_REQUEST": "true"}),
        ("invitations", {}, {}),
    ],
)
def test_pages_use_the_same_number_of_queries_for_n_and_2n_delegates(
    client, cast, announced, village_c, name, params, headers
):
    villages = [cast.village_a, village_c]
    client.force_login(cast.officer_a)
    url = _url(name, announced)
    _bulk(announced, villages, 15)
    _count_queries(client, url, params, **headers)  # caches warmed (content types, the session)
    first = _count_queries(client, url, params, **headers)
    _bulk(announced, villages, 15, start=100)
    Delegate.objects.filter(full_name__endswith="0").update(checked_in_at=timezone.now(), checked_in_by=cast.officer_a)
    second = _count_queries(client, url, params, **headers)
    assert second == first, (name, first, second)


def test_the_list_page_stays_within_a_fixed_number_of_queries(
    client, cast, announced, village_c, django_assert_max_num_queries
):
    _bulk(announced, [cast.village_a, village_c], 250)
    client.force_login(cast.officer_a)
    with django_assert_max_num_queries(20):
        page = client.get(_url("list", announced)).content.decode()
    assert "trang 1/3" in page


def test_a_village_head_replaces_a_phone_without_seeing_the_one_on_file(client, cast, conference, listed):
    peo, _sim = listed
    client.force_login(cast.village_head_a)
    url = _url("edit", conference, peo.pk)
    assert "0912345678" not in client.get(url).content.decode()
    client.post(url, {"full_name": "Hoàng Văn Pẻo", "position": "Trưởng thôn"})
    peo.refresh_from_db()
    assert peo.phone == "0912345678" and peo.position == "Trưởng thôn"  # kept
    client.post(url, {"full_name": "Hoàng Văn Pẻo", "phone": "0987 654 321"})
    peo.refresh_from_db()
    assert peo.phone == "0987654321"
    # The office sees the number in the form.
    client.force_login(cast.officer_a)
    assert "0987654321" in client.get(url).content.decode()


def test_invitations_for_chosen_delegates_ignore_ids_that_are_not_ids(client, cast, conference, listed):
    peo, _sim = listed
    client.force_login(cast.officer_a)
    # "²" is a digit to str.isdigit and not to int() (a 500 before); twenty digits are longer than any id.
    url = _url("invitations", conference) + f"?id={peo.pk}&id=%C2%B2&id=99999999999999999999"
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('data-testid="invitation"') == 1 and "Hoàng Văn Pẻo" in page
