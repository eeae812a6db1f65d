"""The control page, the agenda and the list of speakers over HTTP: plain forms (POST and back), htmx swaps,
the poll, the look-ups, who sees what, and a number of queries that does not grow with the lists."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from doithoai.conferences.models import ConferenceStatus
from doithoai.live.actions import agenda as agenda_actions
from doithoai.live.actions import room as room_actions
from doithoai.live.actions import speakers as speaker_actions
from doithoai.live.models import AgendaItem, Minutes, MinutesStatus, Room, RoomStatus, Speaker, SpeakerStatus

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def url(conference, name, *args):
    return reverse(f"live:{name}", args=[conference.unit_id, conference.pk, *args])


@pytest.fixture
def officer(client, cast):
    client.force_login(cast.officer_a)
    return client


def text_of(response) -> str:
    return response.content.decode()


def add_walk_in(cast, conference, **data):
    speaker, _created = speaker_actions.speaker_add(
        actor=cast.officer_a, conference=conference, data={"village": cast.village_a.pk, **data}
    )
    return speaker


# ---------------------------------------------------------------- pages and access


def test_the_pages_render_for_the_office(officer, cast, conference, delegates):
    speaker = add_walk_in(cast, conference, topic="Đường liên thôn")
    agenda_actions.agenda_from_standard(actor=cast.officer_a, conference=conference)
    item = AgendaItem.objects.filter(conference=conference).first()
    assert item is not None
    for name, args, expected in [
        ("room", [], "Bắt đầu hội nghị"),
        ("agenda", [], "Tiến hành đối thoại với Nhân dân"),
        ("speakers", [], "Đường liên thôn"),
        ("speaker_add", [], "Tìm đại biểu theo tên"),
        ("speaker_edit", [speaker.pk], "Nội dung xin phát biểu"),
        ("agenda_edit", [item.pk], "Thời lượng dự kiến"),
    ]:
        response = officer.get(url(conference, name, *args))
        assert response.status_code == 200, name
        assert expected in text_of(response), name


@pytest.mark.parametrize(
    ("user", "status"),
    [("department_officer_a", 200), ("province_official", 200), ("citizen", 404), ("officer_b", 404)],
)
def test_who_sees_the_control_page(client, cast, conference, user, status):
    client.force_login(getattr(cast, user))
    response = client.get(url(conference, "room"))
    assert response.status_code == status
    if status == 200:
        # Reading only: no button.
        assert 'data-testid="room-start"' not in text_of(response)
        assert 'data-testid="quick-add-submit"' in text_of(response)  # the form is shown, its POST refused
        assert client.post(url(conference, "room_start")).status_code == 403
        assert client.post(url(conference, "room_quick_add"), {"nhanh-topic": "x"}).status_code == 403
        assert client.get(url(conference, "speaker_add")).status_code == 403


def test_the_edit_pages_need_the_prepare_permission(client, cast, conference):
    client.force_login(cast.front_a)
    assert client.get(url(conference, "agenda")).status_code == 200
    assert client.post(url(conference, "agenda_standard")).status_code == 403
    assert client.post(url(conference, "agenda_add"), {"muc-title": "x", "muc-planned_minutes": 5}).status_code == 403
    assert not AgendaItem.objects.filter(conference=conference).exists()


# ---------------------------------------------------------------- the room's buttons


def test_start_end_resume_without_javascript(officer, cast, conference):
    response = officer.post(url(conference, "room_start"))
    assert response.status_code == 302 and response["Location"] == url(conference, "room")
    page = text_of(officer.get(url(conference, "room")))
    assert "Hội nghị đã bắt đầu." in page
    assert 'data-status="running"' in page
    assert "Tuyên bố lý do, giới thiệu đại biểu" in page  # the first item is current
    assert 'data-testid="room-end"' in page and "hx-confirm" in page
    officer.post(url(conference, "room_end"))
    assert Room.objects.get(conference=conference).status == RoomStatus.ENDED
    conference.refresh_from_db()
    assert conference.status == ConferenceStatus.HELD
    page = text_of(officer.get(url(conference, "room")))
    assert 'data-testid="room-resume"' in page
    officer.post(url(conference, "room_resume"))
    assert Room.objects.get(conference=conference).status == RoomStatus.RUNNING


def test_a_refusal_comes_back_as_a_message(officer, cast, conference):
    response = officer.post(url(conference, "room_end"), follow=True)
    assert "Không thể “Kết thúc hội nghị”" in text_of(response)


def test_the_buttons_swap_the_region_with_htmx(officer, cast, conference):
    response = officer.post(url(conference, "room_start"), {"trang": "room"}, **HTMX)
    assert response.status_code == 200
    body = text_of(response)
    assert body.lstrip().startswith('<div id="room-live"')
    assert 'data-status="running"' in body
    # A refusal is shown inside the region.
    response = officer.post(url(conference, "room_start"), {"trang": "room"}, **HTMX)
    assert 'data-testid="room-errors"' in text_of(response)


def test_the_poll_answers_nothing_while_nothing_changed(officer, cast, conference):
    page = text_of(officer.get(url(conference, "room")))
    found = re.search(r'id="room-live"[^>]*data-version="(\d+)"', page)
    assert found is not None
    version = found.group(1)
    assert version == "0"  # no room yet
    assert officer.get(url(conference, "room_live"), {"v": version}, **HTMX).status_code == 204
    room_actions.room_set_notice(actor=cast.officer_a, conference=conference, notice="Giải lao 10 phút")
    response = officer.get(url(conference, "room_live"), {"v": version}, **HTMX)
    assert response.status_code == 200
    assert "Giải lao 10 phút" in text_of(response)
    new_version = Room.objects.get(conference=conference).version
    assert officer.get(url(conference, "room_live"), {"v": new_version}, **HTMX).status_code == 204
    # The other pages poll the same way for their own region.
    response = officer.get(url(conference, "room_live"), {"v": 0, "trang": "speakers"}, **HTMX)
    assert 'id="speaker-list"' in text_of(response)


def test_the_notice(officer, cast, conference):
    response = officer.post(url(conference, "room_notice"), {"notice": "Giải lao 10 phút"}, **HTMX)
    assert response.status_code == 200 and "Đã hiện trên màn hình." in text_of(response)
    assert Room.objects.get(conference=conference).notice == "Giải lao 10 phút"
    response = officer.post(url(conference, "room_notice"), {"notice": "x" * 300})
    assert response.status_code == 400
    assert "Dòng thông báo quá dài" in text_of(response)
    assert "x" * 300 in text_of(response)  # what was typed is kept
    response = officer.post(url(conference, "room_notice"), {"notice": "Giải lao 10 phút", "xoa": "1"})
    assert response.status_code == 302
    assert Room.objects.get(conference=conference).notice == ""


# ---------------------------------------------------------------- the quick form


def test_a_walk_in_is_added_from_the_control_page(officer, cast, conference):
    form = {
        "nhanh-name": "",
        "nhanh-village": cast.village_a.pk,
        "nhanh-label": "",
        "nhanh-topic": "Đèn đường",
        "nhanh-submission_key": "key-1",
    }
    response = officer.post(url(conference, "room_quick_add"), form, **HTMX)
    assert response.status_code == 200
    assert "Đã thêm Cử tri – Thôn Nà Pàn" in text_of(response)
    assert response["HX-Trigger"] == "room-changed"
    # A new key for the next one.
    assert 'value="key-1"' not in text_of(response)
    # The same form again (a double click): still one.
    officer.post(url(conference, "room_quick_add"), form, **HTMX)
    officer.post(url(conference, "room_quick_add"), form)
    assert Speaker.objects.filter(conference=conference).count() == 1
    speaker = Speaker.objects.get(conference=conference)
    assert (speaker.topic, speaker.show_name, speaker.label) == ("Đèn đường", False, "Cử tri")


def test_the_quick_form_keeps_what_was_typed_on_an_error(officer, cast, conference):
    form = {"nhanh-name": "Triệu Văn Năm", "nhanh-village": cast.village_b.pk, "nhanh-topic": "Đèn đường"}
    response = officer.post(url(conference, "room_quick_add"), form)
    assert response.status_code == 400
    body = text_of(response)
    assert "Chọn thôn, tổ dân phố của đơn vị." in body
    assert 'value="Triệu Văn Năm"' in body and 'value="Đèn đường"' in body
    response = officer.post(url(conference, "room_quick_add"), {**form, "nhanh-topic": "x" * 600}, **HTMX)
    assert response.status_code == 200 and 'data-testid="errors-nhanh-topic"' in text_of(response)
    assert not Speaker.objects.filter(conference=conference).exists()


# ---------------------------------------------------------------- the list of speakers


def test_a_delegate_is_found_chosen_and_added(officer, cast, conference, delegates, petitions):
    delegate = delegates[1]
    delegate.consent_to_publish = True
    delegate.save()
    response = officer.get(url(conference, "speaker_add"), {"q": "hoang thi", "topic": "Đường"})
    body = text_of(response)
    assert "Hoàng Thị Hai" in body and 'name="dai_bieu"' in body
    assert 'value="Đường"' not in body  # topic is a textarea
    assert "Đường</textarea>" in body
    response = officer.get(url(conference, "speaker_delegate_search"), {"q": "HOANG"}, **HTMX)
    assert "Hoàng Thị Hai" in text_of(response)
    response = officer.get(url(conference, "speaker_add"), {"dai_bieu": delegate.pk, "submission_key": "k"})
    body = text_of(response)
    assert 'data-testid="chosen-delegate"' in body
    assert re.search(r'name="show_name"[^>]*checked', body)  # the delegate's consent
    # The conference's petitions are suggested.
    assert petitions[0].text[:30] in body
    response = officer.post(
        url(conference, "speaker_add"),
        {
            "delegate": delegate.pk,
            "village": cast.village_a.pk,
            "label": "Trưởng thôn",
            "show_name": "on",
            "topic": "Đường vào thôn",
            "petitions": [petitions[0].pk, petitions[1].pk],
            "submission_key": "k",
        },
    )
    assert response.status_code == 302 and response["Location"] == url(conference, "speakers")
    speaker = Speaker.objects.get(conference=conference)
    assert (speaker.delegate_id, speaker.name, speaker.show_name) == (delegate.pk, "Hoàng Thị Hai", True)
    assert speaker.petitions.count() == 2
    page = text_of(officer.get(url(conference, "speakers")))
    code = petitions[0].tracking_code
    assert f"{code[:4]}-{code[4:]}" in page and "05:00" in page


def test_petitions_are_searched_by_code_without_javascript(officer, cast, conference, petitions):
    code = petitions[2].tracking_code
    response = officer.get(
        url(conference, "speaker_add"), {"yk": f"{code[:4]}-{code[4:]}", "petitions": [petitions[0].pk], "name": "An"}
    )
    body = text_of(response)
    assert re.search(rf'value="{petitions[0].pk}" checked', body)
    assert petitions[2].text[:30] in body
    assert 'value="An"' in body
    response = officer.get(url(conference, "speaker_petition_search"), {"yk": "dat"}, **HTMX)
    assert petitions[2].text[:30] in text_of(response)


def test_the_add_form_keeps_what_was_typed_on_an_error(officer, cast, conference):
    response = officer.post(
        url(conference, "speaker_add"),
        {"name": "Lò Văn Bảy", "village": cast.village_b.pk, "topic": "Nước sạch", "limit_minutes": "99"},
    )
    assert response.status_code == 400
    body = text_of(response)
    assert "Chọn thôn, tổ dân phố của đơn vị." in body
    assert "Thời gian tối đa từ 1 đến 60 phút." in body
    assert 'value="Lò Văn Bảy"' in body and "Nước sạch</textarea>" in body
    assert not Speaker.objects.filter(conference=conference).exists()


def test_edit_a_speaker(officer, cast, conference):
    speaker = add_walk_in(cast, conference, name="Lò Văn Bảy")
    response = officer.post(
        url(conference, "speaker_edit", speaker.pk),
        {"name": "Lò Văn Tám", "village": cast.village_a.pk, "label": "Cử tri", "topic": "Điện", "limit_minutes": 3},
    )
    assert response.status_code == 302
    speaker.refresh_from_db()
    assert (speaker.name, speaker.topic, speaker.limit_seconds, speaker.show_name) == ("Lò Văn Tám", "Điện", 180, False)


def test_the_timer_buttons_over_http(officer, cast, conference):
    first = add_walk_in(cast, conference)
    second = add_walk_in(cast, conference)
    start = url(conference, "speaker_transition", first.pk, "moi")
    # Before the conference: refused, shown in the list.
    response = officer.post(start, {"trang": "speakers"}, **HTMX)
    assert 'data-testid="speaker-errors"' in text_of(response)
    room_actions.room_start(actor=cast.officer_a, conference=conference)
    response = officer.post(start, {"trang": "room"}, **HTMX)
    assert 'data-testid="speaker-timer"' in text_of(response)
    assert 'data-running="1"' in text_of(response)
    first.refresh_from_db()
    assert first.status == SpeakerStatus.SPEAKING
    officer.post(url(conference, "speaker_transition", first.pk, "tam-dung"))
    first.refresh_from_db()
    assert first.status == SpeakerStatus.PAUSED
    officer.post(url(conference, "speaker_move", second.pk), {"huong": "len"})
    assert list(Speaker.objects.filter(conference=conference).order_by("order").values_list("pk", flat=True)) == [
        second.pk,
        first.pk,
    ]
    response = officer.post(url(conference, "speaker_transition", second.pk, "rut"), {"trang": "speakers"})
    assert response["Location"] == url(conference, "speakers")
    second.refresh_from_db()
    assert second.status == SpeakerStatus.WITHDRAWN
    assert officer.post(url(conference, "speaker_transition", second.pk, "bay")).status_code == 404


# ---------------------------------------------------------------- the agenda


def test_the_agenda_over_http(officer, cast, conference):
    response = officer.post(url(conference, "agenda_standard"), {"trang": "agenda"}, **HTMX)
    assert "Tiến hành đối thoại với Nhân dân" in text_of(response)
    assert AgendaItem.objects.filter(conference=conference).count() == 9
    response = officer.post(
        url(conference, "agenda_add"),
        {"muc-title": "", "muc-planned_minutes": "0", "muc-kind": "break", "muc-presenter": "Văn phòng"},
    )
    assert response.status_code == 400
    body = text_of(response)
    assert "Nhập nội dung của mục chương trình." in body and 'value="Văn phòng"' in body
    response = officer.post(
        url(conference, "agenda_add"),
        {"muc-title": "Giải lao", "muc-planned_minutes": "10", "muc-kind": "break", "muc-submission_key": "a1"},
    )
    assert response.status_code == 302
    officer.post(
        url(conference, "agenda_add"),
        {"muc-title": "Giải lao", "muc-planned_minutes": "10", "muc-kind": "break", "muc-submission_key": "a1"},
    )
    assert AgendaItem.objects.filter(conference=conference, title="Giải lao").count() == 1
    item = AgendaItem.objects.get(conference=conference, title="Giải lao")
    officer.post(url(conference, "agenda_move", item.pk), {"huong": "len"})
    item.refresh_from_db()
    assert item.order == 9
    response = officer.post(
        url(conference, "agenda_edit", item.pk),
        {"muc-title": "Nghỉ giải lao", "muc-planned_minutes": "15", "muc-kind": "break"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.title, item.planned_minutes) == ("Nghỉ giải lao", 15)
    officer.post(url(conference, "agenda_delete", item.pk))
    assert not AgendaItem.objects.filter(pk=item.pk).exists()
    # Running it.
    room_actions.room_start(actor=cast.officer_a, conference=conference)
    response = officer.post(url(conference, "agenda_next"), {"trang": "agenda"}, **HTMX)
    body = text_of(response)
    assert re.search(r'data-state="done"', body) and re.search(r'data-state="current"', body)
    items = list(AgendaItem.objects.filter(conference=conference).order_by("order"))
    assert items[1].current_since is not None
    officer.post(url(conference, "agenda_start", items[5].pk))
    officer.post(url(conference, "agenda_finish", items[5].pk))
    items[5].refresh_from_db()
    assert items[5].ended_at is not None and items[5].current_since is None


def test_the_pages_refuse_changes_once_the_minutes_are_final(officer, cast, conference):
    speaker = add_walk_in(cast, conference)
    agenda_actions.agenda_from_standard(actor=cast.officer_a, conference=conference)
    Minutes.objects.create(conference=conference, status=MinutesStatus.FINALISED)
    response = officer.post(url(conference, "agenda_add"), {"muc-title": "Mục", "muc-planned_minutes": "5"})
    assert response.status_code == 400 and "Biên bản hội nghị đã hoàn thành" in text_of(response)
    response = officer.post(url(conference, "speaker_edit", speaker.pk), {"topic": "Khác", "village": ""})
    assert response.status_code == 400 and "Biên bản hội nghị đã hoàn thành" in text_of(response)
    page = text_of(officer.get(url(conference, "speakers")))
    assert 'data-testid="speaker-edit"' not in page and 'data-testid="speaker-rut"' not in page
    assert 'data-testid="agenda-edit"' not in text_of(officer.get(url(conference, "agenda")))


# ---------------------------------------------------------------- queries


def _queries(client, target, **extra) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(target, **extra)
    assert response.status_code == 200
    return len(queries)


def _grow(cast, conference, petitions, speakers: int, items: int) -> None:
    for i in range(speakers):
        speaker = add_walk_in(cast, conference, topic=f"Câu hỏi {i}", petitions=[petitions[i % 3].pk])
        if i % 3 == 0:
            Speaker.objects.filter(pk=speaker.pk).update(status=SpeakerStatus.DONE, elapsed_seconds=400)
    for i in range(items):
        agenda_actions.agenda_item_add(
            actor=cast.officer_a, conference=conference, data={"title": f"Mục {i}", "planned_minutes": 5}
        )


@pytest.mark.parametrize("area", ["room", "speakers", "agenda"])
def test_the_queries_do_not_grow_with_the_lists(officer, cast, conference, petitions, area):
    _grow(cast, conference, petitions, speakers=3, items=2)
    room_actions.room_start(actor=cast.officer_a, conference=conference)
    speaker_actions.speaker_start(actor=cast.officer_a, speaker=Speaker.objects.filter(status="waiting")[0])
    officer.get(url(conference, area))  # the first request of a session does more (its own bookkeeping)
    small = _queries(officer, url(conference, area))
    region = _queries(officer, url(conference, "room_live") + f"?v=0&trang={area}", **HTMX)
    _grow(cast, conference, petitions, speakers=30, items=20)
    assert _queries(officer, url(conference, area)) == small
    assert _queries(officer, url(conference, "room_live") + f"?v=0&trang={area}", **HTMX) == region
    assert region <= 16


def test_the_poll_is_cheap(officer, cast, conference):
    room_actions.room_start(actor=cast.officer_a, conference=conference)
    version = Room.objects.get(conference=conference).version
    officer.get(url(conference, "room"))  # the session is loaded once
    with CaptureQueriesContext(connection) as queries:
        response = officer.get(url(conference, "room_live"), {"v": version}, **HTMX)
    assert response.status_code == 204
    # The session, the user, their roles, the unit, the conference and the room's version.
    assert len(queries) <= 8
