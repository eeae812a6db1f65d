"""The minutes: sections saved with revisions (conflicts refused, nothing lost), the page in the order of
NĐ 30 Mẫu 1.9 with its live parts, finalising into a hashed snapshot, reopening, signing, the print view."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from doithoai.audit.models import AuditEvent
from doithoai.live.actions import minutes as actions
from doithoai.live.models import (
    AgendaItem,
    AgendaKind,
    Exchange,
    ExchangeStatus,
    Minutes,
    MinutesSection,
    MinutesStatus,
    Outcome,
    Room,
    RoomStatus,
    Speaker,
    SpeakerStatus,
)
from doithoai.live.selectors import minutes as selectors
from doithoai.live.tests.conftest import DAY, at

JSON = {"HTTP_ACCEPT": "application/json"}


def build_held(cast, conference, village_c, *, ended: bool = True) -> dict:
    """The conference as held: three agenda items (the dialogue second, over its time; the last never
    reached), two speakers, two exchanges (one concluded in writing, one still open), the room ended."""
    opening = AgendaItem.objects.create(
        conference=conference,
        order=1,
        kind=AgendaKind.OPENING,
        title="Khai mạc, giới thiệu đại biểu",
        presenter="Lương Thị Phó",
        planned_minutes=10,
        elapsed_seconds=9 * 60,
        started_at=at(DAY, 7, 40),
        ended_at=at(DAY, 7, 49),
    )
    dialogue = AgendaItem.objects.create(
        conference=conference,
        order=2,
        kind=AgendaKind.DIALOGUE,
        title="Đối thoại với Nhân dân",
        planned_minutes=90,
        elapsed_seconds=95 * 60,
        started_at=at(DAY, 7, 50),
        ended_at=at(DAY, 9, 25),
    )
    party = AgendaItem.objects.create(
        conference=conference,
        order=3,
        kind=AgendaKind.PARTY,
        title="Phát biểu của đại diện Đảng ủy",
        planned_minutes=15,
    )
    named = Speaker.objects.create(
        conference=conference,
        order=1,
        name="Nông Văn Một",
        village=cast.village_a,
        status=SpeakerStatus.DONE,
        elapsed_seconds=252,
    )
    anonymous = Speaker.objects.create(
        conference=conference, order=2, label="Cử tri", village=village_c, status=SpeakerStatus.DONE, elapsed_seconds=75
    )
    road = Exchange.objects.create(
        conference=conference,
        order=1,
        speaker=named,
        question="Đề nghị sửa đường liên thôn Nà Pàn bị sạt lở.",
        answered_by="Ông Hoàng Văn Chủ, Chủ tịch UBND xã",
        department=cast.department_a,
        answer_text="Xã sẽ kiểm tra hiện trạng trong tháng 6.",
        outcome=Outcome.IN_WRITING,
        conclusion="Giao Phòng Kinh tế kiểm tra, trả lời bằng văn bản.",
        due_date=dt.date(2026, 6, 19),
        status=ExchangeStatus.CONCLUDED,
    )
    land = Exchange.objects.create(
        conference=conference, order=2, speaker=anonymous, question="Hỏi về cấp giấy chứng nhận quyền sử dụng đất."
    )
    room = Room.objects.create(
        conference=conference,
        status=RoomStatus.ENDED if ended else RoomStatus.RUNNING,
        started_at=at(DAY, 7, 40),
        ended_at=at(DAY, 11, 15) if ended else None,
    )
    return {"opening": opening, "dialogue": dialogue, "party": party, "road": road, "land": land, "room": room}


@pytest.fixture
def held(cast, conference, delegates, village_c):
    return build_held(cast, conference, village_c)


def url(name, cast, conference):
    return reverse(f"live:{name}", args=[cast.commune_a.pk, conference.pk])


def save(actor, conference, key, text, base):
    return actions.minutes_section_save(actor=actor, conference=conference, key=key, text=text, base_revision=base)


def saved_events():
    return AuditEvent.objects.filter(event_type="minutes.section_saved")


# ---------------------------------------------------------------- saving sections


def test_it_saves_a_section_creating_the_draft_with_a_revision_and_an_event_without_the_text(cast, conference):
    assert not Minutes.objects.exists()
    section = save(cast.officer_a, conference, "closing", "Chủ trì kết luận:\r\ngiao Phòng Kinh tế kiểm tra.", 0)
    assert section.revision == 1
    assert section.text == "Chủ trì kết luận:\ngiao Phòng Kinh tế kiểm tra."
    minutes = Minutes.objects.get(conference=conference)
    assert minutes.status == MinutesStatus.DRAFT
    event = saved_events().get()
    assert event.actor == cast.officer_a
    assert event.changes["_extra"] == {"key": "closing", "revision": 1, "length": len(section.text), "new": True}
    assert "Phòng Kinh tế" not in json.dumps(event.changes, ensure_ascii=False)

    again = save(cast.chair_a, conference, "closing", section.text + " Hạn 19/6.", 1)
    assert again.revision == 2
    assert again.updated_by == cast.chair_a
    assert saved_events().count() == 2


def test_it_refuses_a_save_typed_on_an_old_revision_and_keeps_the_stored_text(cast, conference):
    save(cast.officer_a, conference, "closing", "Bản của văn phòng", 0)
    with pytest.raises(actions.MinutesConflict) as caught:
        save(cast.chair_a, conference, "closing", "Bản của chủ tịch", 0)
    conflict = caught.value
    assert (conflict.key, conflict.text, conflict.revision, conflict.by) == (
        "closing",
        "Bản của văn phòng",
        1,
        "Nông Thị Văn",
    )
    assert conflict.at is not None
    stored = MinutesSection.objects.get(key="closing")
    assert (stored.text, stored.revision, stored.updated_by) == ("Bản của văn phòng", 1, cast.officer_a)
    assert saved_events().count() == 1


def test_it_writes_nothing_when_the_same_text_comes_again(cast, conference):
    save(cast.officer_a, conference, "participants", "Có đại diện Công an xã.", 0)
    same = save(cast.officer_a, conference, "participants", "Có đại diện Công an xã.", 1)
    # Even typed on an older revision: the text is what is stored, so there is nothing to choose.
    stale = save(cast.chair_a, conference, "participants", "Có đại diện Công an xã.", 0)
    assert same.revision == stale.revision == 1
    assert saved_events().count() == 1


def test_it_refuses_keys_that_are_not_sections_of_this_conference(cast, conference, plan):
    from doithoai.conferences.actions import conference_create

    other = conference_create(
        actor=cast.officer_a,
        plan=plan,
        data={"title": "Hội nghị khác", "starts_at": at(dt.date(2026, 12, 4), 8), "venue": "Nhà văn hóa"},
        villages=[cast.village_a],
    )
    theirs = AgendaItem.objects.create(conference=other, title="Khai mạc")
    their_exchange = Exchange.objects.create(conference=other, question="Câu hỏi của hội nghị khác")
    ours = AgendaItem.objects.create(conference=conference, title="Khai mạc")
    for key in (
        f"agenda:{theirs.pk}",
        f"exchange:{their_exchange.pk}",
        "agenda:x",
        "agenda:0",
        "notes",
        "",
        " closing:1",
    ):
        with pytest.raises(ValidationError) as caught:
            save(cast.officer_a, conference, key, "Nội dung", 0)
        assert "key" in caught.value.message_dict, key
    assert save(cast.officer_a, conference, f"agenda:{ours.pk}", "Nội dung", 0).revision == 1
    assert not MinutesSection.objects.exclude(key=f"agenda:{ours.pk}").exists()


def test_it_refuses_a_section_longer_than_the_limit(cast, conference):
    with pytest.raises(ValidationError) as caught:
        save(cast.officer_a, conference, "closing", "a" * (actions.MAX_SECTION + 1), 0)
    assert "20.000" in caught.value.message_dict["text"][0]
    assert not MinutesSection.objects.exists()
    assert save(cast.officer_a, conference, "closing", "a" * actions.MAX_SECTION, 0).revision == 1


def test_it_lets_only_the_office_and_the_chairs_write(cast, conference):
    for user in (cast.front_a, cast.council_a, cast.department_officer_a, cast.province_official, cast.officer_b):
        with pytest.raises(PermissionDenied):
            save(user, conference, "closing", "Không được ghi", 0)
    assert not Minutes.objects.exists()
    assert save(cast.vice_chair_a, conference, "closing", "Phó chủ tịch ghi", 0).revision == 1


# ---------------------------------------------------------------- the endpoints


def test_the_endpoint_answers_json_saved_conflict_and_refused(client, cast, conference, held):
    client.force_login(cast.officer_a)
    endpoint = url("minutes_section", cast, conference)
    ok = client.post(endpoint, {"key": "closing", "text": "Kết luận thứ nhất", "base_revision": "0"}, **JSON)
    assert ok.status_code == 200
    data = ok.json()
    assert data["revision"] == 1
    assert data["by"] == "Nông Thị Văn"
    assert data["saved_at"] and data["saved_at_text"]

    client.force_login(cast.chair_a)
    clash = client.post(endpoint, {"key": "closing", "text": "Kết luận của chủ tịch", "base_revision": "0"}, **JSON)
    assert clash.status_code == 409
    body = clash.json()
    assert body["conflict"] is True
    assert (body["text"], body["revision"], body["by"]) == ("Kết luận thứ nhất", 1, "Nông Thị Văn")
    assert body["at"]
    assert MinutesSection.objects.get(key="closing").text == "Kết luận thứ nhất"

    bad = client.post(endpoint, {"key": "agenda:999999", "text": "x", "base_revision": "0"}, **JSON)
    assert bad.status_code == 400
    assert "key" in bad.json()["errors"]
    missing = client.post(endpoint, {"key": "closing", "text": "x"}, **JSON)
    assert missing.status_code == 400
    assert "base_revision" in missing.json()["errors"]

    client.force_login(cast.front_a)
    assert client.post(endpoint, {"key": "closing", "text": "x", "base_revision": "1"}, **JSON).status_code == 403


def test_without_javascript_a_section_saves_by_its_form_and_a_conflict_shows_both_texts(client, cast, conference, held):
    client.force_login(cast.officer_a)
    endpoint = url("minutes_section", cast, conference)
    key = f"agenda:{held['opening'].pk}"
    response = client.post(endpoint, {"key": key, "text": "Đồng chí Phó Chủ tịch khai mạc.", "base_revision": "0"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#section-agenda-{held['opening'].pk}")

    client.force_login(cast.chair_a)
    clash = client.post(endpoint, {"key": key, "text": "Chủ tịch khai mạc hội nghị.", "base_revision": "0"})
    assert clash.status_code == 409
    html = clash.content.decode()
    assert "Có người khác vừa sửa đoạn này." in html
    assert 'data-testid="conflict-theirs">Đồng chí Phó Chủ tịch khai mạc.' in html
    assert "\nChủ tịch khai mạc hội nghị.</textarea>" in html  # what they typed, kept in the box
    assert 'name="base_revision" value="1"' in html  # sending it again overwrites, knowingly
    assert "Giữ bản của tôi" in html
    assert MinutesSection.objects.get(key=key).text == "Đồng chí Phó Chủ tịch khai mạc."

    kept = client.post(endpoint, {"key": key, "text": "Chủ tịch khai mạc hội nghị.", "base_revision": "1"})
    assert kept.status_code == 302
    assert MinutesSection.objects.get(key=key).revision == 2

    # Too long: the page comes back with the error under the box and what was typed still in it.
    long_text = "Rất dài " * 3000
    refused = client.post(endpoint, {"key": "closing", "text": long_text, "base_revision": "0"})
    assert refused.status_code == 400
    html = refused.content.decode()
    assert 'data-testid="section-errors"' in html
    assert "quá 20.000 ký tự" in html
    assert f"\n{long_text}</textarea>" in html
    assert not MinutesSection.objects.filter(key="closing").exists()

    # Once finalised, a form sent from an old page is refused with a message.
    actions.minutes_finalise(actor=cast.officer_a, conference=conference)
    late = client.post(endpoint, {"key": "closing", "text": "Muộn", "base_revision": "0"})
    assert late.status_code == 400
    assert "Biên bản đã hoàn thành" in late.content.decode()
    assert not MinutesSection.objects.filter(key="closing").exists()


def test_the_poll_gives_the_sections_saved_since_a_moment(client, cast, conference, held):
    client.force_login(cast.chair_a)
    poll = url("minutes_poll", cast, conference)
    first = client.get(poll).json()
    assert first == {"now": first["now"], "status": "draft", "generated": first["generated"], "sections": []}
    start = at(DAY, 11, 30)
    with time_machine.travel(start, tick=False):
        save(cast.officer_a, conference, "closing", "Kết luận", 0)
    with time_machine.travel(start + dt.timedelta(minutes=1), tick=False):
        save(cast.officer_a, conference, "participants", "Khách mời", 0)
        since = (start + dt.timedelta(seconds=30)).isoformat()
        answer = client.get(poll, {"sau": since}).json()
    assert [(s["key"], s["revision"], s["text"], s["by"]) for s in answer["sections"]] == [
        ("participants", 1, "Khách mời", "Nông Thị Văn")
    ]
    assert answer["sections"][0]["at_text"] == "11:31"
    everything = client.get(poll).json()
    assert {s["key"] for s in everything["sections"]} == {"closing", "participants"}

    # A new exchange changes the stamp of the generated parts: the page offers to reload them.
    Exchange.objects.create(conference=conference, question="Câu hỏi mới")
    assert client.get(poll).json()["generated"] != first["generated"]


# ---------------------------------------------------------------- the page


def test_the_page_follows_mau_1_9_with_the_live_data(client, cast, conference, held):
    cast.commune_a.committee_name = "ỦY BAN NHÂN DÂN XÃ ĐIỀM HE"
    cast.commune_a.parent_line = "TỈNH LẠNG SƠN"
    cast.commune_a.save()
    save(cast.officer_a, conference, f"exchange:{held['road'].pk}", "Cử tri đồng tình với hướng xử lý.", 0)
    client.force_login(cast.officer_a)
    response = client.get(url("minutes", cast, conference))
    assert response.status_code == 200
    html = response.content.decode()
    order = [
        "TỈNH LẠNG SƠN",
        "XÃ ĐIỀM HE",
        "Số: …/BB-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "BIÊN BẢN",
        "Hội nghị đối thoại năm 2026",
        "Thời gian bắt đầu:</strong> 07 giờ 40, ngày 05 tháng 6 năm 2026",
        "Địa điểm:</strong> Hội trường UBND xã",
        "Thành phần tham dự:</strong>",
        "đại biểu được mời 4 người, có mặt 3 người",
        "Chủ trì (chủ tọa):</strong> Hoàng Văn Chủ",
        "Thư ký (người ghi biên bản):</strong> Lý Thị Thư",
        "Nội dung (theo diễn biến hội nghị):",
        "1. Khai mạc, giới thiệu đại biểu",
        "thời gian 9 phút, dự kiến 10 phút",
        "2. Đối thoại với Nhân dân",
        "thời gian 1 giờ 35 phút, dự kiến 90 phút",
        "Người phát biểu (họ tên, thôn)",
        "Nông Văn Một (Thôn Nà Pàn)",
        "4 phút 12 giây",
        "Đề nghị sửa đường liên thôn Nà Pàn bị sạt lở.",
        "Ông Hoàng Văn Chủ, Chủ tịch UBND xã",
        "Xã sẽ kiểm tra hiện trạng trong tháng 6.",
        "Giao trả lời bằng văn bản: Giao Phòng Kinh tế kiểm tra, trả lời bằng văn bản.",
        "Phòng Kinh tế, hạn 19/6/2026",
        "Cử tri đồng tình với hướng xử lý.",
        "Cử tri – Thôn Bản Châu",
        "1 phút 15 giây",
        "Chưa kết luận",
        "3. Phát biểu của đại diện Đảng ủy",
        "chưa thực hiện, dự kiến 15 phút",
        "Kết luận của chủ trì hội nghị:",
        "Hội nghị kết thúc vào 11 giờ 15, ngày 05 tháng 6 năm 2026./.",
        "THƯ KÝ",
        "CHỦ TỌA",
        "Lưu: VT, Hồ sơ.",
    ]
    positions: list[int] = []
    for text in order:
        assert text in html, text
        positions.append(html.index(text, positions[-1] if positions else 0))
    assert positions == sorted(positions)
    assert 'data-testid="attendance-villages"' in html
    assert 'data-section-key="closing"' in html
    assert 'data-section-key="participants"' in html
    assert f'data-section-key="agenda:{held["party"].pk}"' in html
    assert "Còn 1 lượt đối thoại chưa có kết luận của chủ trì." in html
    assert 'data-testid="finalise"' in html

    # Generated parts are live while a draft.
    Exchange.objects.filter(pk=held["land"].pk).update(question="Hỏi về thời hạn cấp sổ đỏ.")
    assert "Hỏi về thời hạn cấp sổ đỏ." in client.get(url("minutes", cast, conference)).content.decode()


def test_the_page_starts_from_the_planned_time_before_the_room_starts(client, cast, conference):
    client.force_login(cast.front_a)
    html = client.get(url("minutes", cast, conference)).content.decode()
    assert "Thời gian bắt đầu:</strong> 07 giờ 30, ngày 05 tháng 6 năm 2026" in html
    assert "Hội nghị kết thúc vào … giờ …, ngày … tháng … năm …/." in html
    assert "<textarea" not in html  # the Front reads, it does not write
    assert 'data-testid="finalise"' not in html


def test_only_the_units_staff_and_supervisors_open_the_minutes(client, cast, conference):
    for outsider in (cast.citizen, cast.officer_b):  # they do not see the unit at all
        client.force_login(outsider)
        assert client.get(url("minutes", cast, conference)).status_code == 404
        assert client.get(url("minutes_poll", cast, conference)).status_code == 404
    client.force_login(cast.province_official)
    assert client.get(url("minutes", cast, conference)).status_code == 200


# ---------------------------------------------------------------- finalise, reopen, sign


def test_finalising_needs_the_conference_ended(cast, conference, delegates, village_c):
    build_held(cast, conference, village_c, ended=False)
    with pytest.raises(ValidationError) as caught:
        actions.minutes_finalise(actor=cast.officer_a, conference=conference)
    assert "room" in caught.value.message_dict
    assert not selectors.is_locked(conference)


def test_finalising_freezes_a_snapshot_whose_hash_later_changes_do_not_touch(client, cast, conference, held):
    save(cast.officer_a, conference, "closing", "Chủ trì kết luận ba nội dung.", 0)
    save(cast.officer_a, conference, f"agenda:{held['opening'].pk}", "Phó Chủ tịch khai mạc.", 0)
    minutes = actions.minutes_finalise(actor=cast.chair_a, conference=conference)
    assert minutes.status == MinutesStatus.FINALISED
    assert minutes.finalised_by == cast.chair_a
    assert selectors.is_locked(conference)
    stored = Minutes.objects.get(pk=minutes.pk)
    content = stored.content
    assert content is not None
    assert stored.content_hash == selectors.content_hash(content) == minutes.content_hash
    assert content["sections"] == {
        "closing": "Chủ trì kết luận ba nội dung.",
        f"agenda:{held['opening'].pk}": "Phó Chủ tịch khai mạc.",
    }
    assert content["exchanges"][0]["question"] == "Đề nghị sửa đường liên thôn Nà Pàn bị sạt lở."
    assert content["attendance"]["present"] == 3
    event = AuditEvent.objects.get(event_type="minutes.finalised")
    assert event.changes["status"] == {"before": "draft", "after": "finalised"}

    # Later changes to the data reach neither the snapshot nor the page.
    Exchange.objects.filter(pk=held["road"].pk).update(question="Câu hỏi đã bị sửa sau khi chốt")
    MinutesSection.objects.filter(key="closing").update(text="Sửa sau khi chốt")
    conference.title = "Tên đã đổi"
    conference.save()
    again = Minutes.objects.get(pk=minutes.pk)
    assert again.content == stored.content
    assert selectors.content_hash(again.content) == stored.content_hash
    client.force_login(cast.officer_a)
    html = client.get(url("minutes", cast, conference)).content.decode()
    assert "Đề nghị sửa đường liên thôn Nà Pàn bị sạt lở." in html
    assert "Câu hỏi đã bị sửa sau khi chốt" not in html
    assert "Chủ trì kết luận ba nội dung." in html
    assert "Sửa sau khi chốt" not in html
    assert "Hội nghị đối thoại năm 2026" in html
    assert "<textarea" not in html.split('data-testid="minutes-document"')[1].split("</article>")[0]
    assert stored.content_hash[:16] in html

    with pytest.raises(ValidationError):
        save(cast.officer_a, conference, "closing", "Sửa sau khi chốt", 1)


def test_the_hash_is_the_sha256_of_the_canonical_json():
    content = {"b": [1, "Điềm He"], "a": {"y": 2, "x": None}}
    assert selectors.canonical_json(content) == '{"a":{"x":null,"y":2},"b":[1,"Điềm He"]}'
    import hashlib

    assert selectors.content_hash(content) == hashlib.sha256(selectors.canonical_json(content).encode()).hexdigest()


def test_reopening_needs_a_reason_and_no_signature(cast, conference, held):
    actions.minutes_finalise(actor=cast.officer_a, conference=conference)
    with pytest.raises(ValidationError) as caught:
        actions.minutes_reopen(actor=cast.officer_a, conference=conference, reason="   ")
    assert "reason" in caught.value.message_dict
    minutes = actions.minutes_reopen(
        actor=cast.officer_a, conference=conference, reason="Thiếu ý kiến của thôn Bản Châu"
    )
    assert minutes.status == MinutesStatus.DRAFT
    assert minutes.content is None
    assert minutes.content_hash == ""
    assert not selectors.is_locked(conference)
    event = AuditEvent.objects.get(event_type="minutes.reopened")
    assert event.changes["_extra"] == {"reason": "Thiếu ý kiến của thôn Bản Châu"}

    actions.minutes_finalise(actor=cast.officer_a, conference=conference)
    actions.minutes_sign_as_chair(actor=cast.chair_a, conference=conference)
    with pytest.raises(ValidationError) as caught:
        actions.minutes_reopen(actor=cast.officer_a, conference=conference, reason="Sửa tiếp")
    assert "status" in caught.value.message_dict
    assert Minutes.objects.get(conference=conference).status == MinutesStatus.FINALISED


@pytest.mark.parametrize("first", ["secretary", "chair"])
def test_both_signatures_in_either_order_make_the_minutes_signed_and_read_only(cast, conference, held, first):
    actions.minutes_finalise(actor=cast.officer_a, conference=conference)
    sign_secretary = lambda: actions.minutes_sign_as_secretary(actor=cast.officer_a, conference=conference)  # noqa: E731
    sign_chair = lambda: actions.minutes_sign_as_chair(actor=cast.vice_chair_a, conference=conference)  # noqa: E731
    one, two = (sign_secretary, sign_chair) if first == "secretary" else (sign_chair, sign_secretary)
    minutes = one()
    assert minutes.status == MinutesStatus.FINALISED
    with pytest.raises(ValidationError):  # the same signature twice
        one()
    minutes = two()
    assert minutes.status == MinutesStatus.SIGNED
    assert minutes.secretary_signed_by == cast.officer_a
    assert minutes.chair_signed_by == cast.vice_chair_a
    events = AuditEvent.objects.filter(event_type__in=["minutes.signed_by_secretary", "minutes.signed_by_chair"])
    assert events.count() == 2
    assert events.order_by("-pk")[0].changes["status"] == {"before": "finalised", "after": "signed"}

    refused = [
        lambda: save(cast.officer_a, conference, "closing", "Sửa", 0),
        lambda: actions.minutes_finalise(actor=cast.officer_a, conference=conference),
        lambda: actions.minutes_reopen(actor=cast.officer_a, conference=conference, reason="Sửa"),
        sign_secretary,
        sign_chair,
    ]
    for attempt in refused:
        with pytest.raises(ValidationError):
            attempt()
    assert Minutes.objects.get(conference=conference).status == MinutesStatus.SIGNED


def test_the_buttons_finalise_sign_and_reopen(client, cast, conference, held):
    client.force_login(cast.officer_a)
    response = client.post(url("minutes_finalise", cast, conference), follow=True)
    assert "Đã hoàn thành biên bản" in response.content.decode()
    again = client.post(url("minutes_finalise", cast, conference))  # a second click
    assert again.status_code == 302
    html = client.get(url("minutes", cast, conference)).content.decode()
    assert 'data-testid="sign-secretary"' in html
    assert 'data-testid="sign-chair"' not in html
    assert 'data-testid="reopen-form"' in html

    empty = client.post(url("minutes_reopen", cast, conference), {"reason": ""})
    assert empty.status_code == 400
    assert "Ghi lý do mở lại biên bản." in empty.content.decode()

    client.post(url("minutes_sign", cast, conference), {"as": "secretary"})
    client.force_login(cast.chair_a)
    html = client.get(url("minutes", cast, conference)).content.decode()
    assert 'data-testid="reopen-form"' not in html  # someone has signed
    response = client.post(url("minutes_sign", cast, conference), {"as": "chair"}, follow=True)
    html = response.content.decode()
    assert "Biên bản đã đủ chữ ký của thư ký và chủ tọa" in html
    assert html.count('data-testid="signed"') == 2
    assert "Nông Thị Văn" in html.split('data-testid="signature-secretary"')[1]
    assert "Hoàng Văn Chủ" in html.split('data-testid="signature-chair"')[1]
    assert Minutes.objects.get(conference=conference).status == MinutesStatus.SIGNED


def test_the_print_view_prints_the_snapshot_and_marks_a_draft(client, cast, conference, held):
    client.force_login(cast.council_a)
    draft = client.get(url("minutes_print", cast, conference)).content.decode()
    assert "DỰ THẢO" in draft
    assert "<textarea" not in draft
    actions.minutes_finalise(actor=cast.officer_a, conference=conference)
    Exchange.objects.filter(pk=held["road"].pk).update(question="Sửa sau khi chốt")
    final = client.get(url("minutes_print", cast, conference)).content.decode()
    assert "DỰ THẢO" not in final
    assert "Times New Roman" in final
    assert "@page { size: A4 portrait; margin: 20mm 15mm 20mm 30mm; }" in final
    assert "Đề nghị sửa đường liên thôn Nà Pàn bị sạt lở." in final
    assert "Sửa sau khi chốt" not in final
    assert final.index("THƯ KÝ") < final.index("CHỦ TỌA")
