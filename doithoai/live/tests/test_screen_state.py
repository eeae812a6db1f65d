"""What the hall's screen shows (selectors/screen.py `screen_state`): before the start, while it runs, after
the end; names only with consent; a fixed number of queries whatever the length of the lists.

The room is moved here by setting the fields as the room, agenda and speakers actions do (and `touch`), so
these tests do not depend on those actions; the helpers below are shared with the other screen tests.
"""

from __future__ import annotations

import json

import pytest
from django.db import transaction
from django.utils import timezone

from doithoai.live.actions import touch
from doithoai.live.models import AgendaItem, Room, RoomStatus, Speaker, SpeakerStatus
from doithoai.live.selectors.screen import clock_text, screen_state

pytestmark = pytest.mark.django_db

SECRET_NAME = "Hoàng Văn Kín"  # a walk-in who gave a name but did not agree to show it
PHONE = "0912 345 678"


# ---------------------------------------------------------------- the room moved as the actions would


def room_of(conference) -> Room:
    room, _created = Room.objects.get_or_create(conference=conference)
    return room


@transaction.atomic
def set_room(conference, status: str, *, notice: str | None = None) -> Room:
    room = room_of(conference)
    room.status = status
    if status == RoomStatus.RUNNING and room.started_at is None:
        room.started_at = timezone.now()
    if status == RoomStatus.ENDED:
        room.ended_at = timezone.now()
    if notice is not None:
        room.notice = notice
    room.save()
    touch(conference)
    return room


@transaction.atomic
def set_notice(conference, notice: str) -> None:
    Room.objects.filter(conference=conference).update(notice=notice)
    touch(conference)


def add_item(conference, title: str, *, minutes: int = 10, presenter: str = "", order: int | None = None) -> AgendaItem:
    if order is None:
        order = AgendaItem.objects.filter(conference=conference).count() + 1
    item = AgendaItem.objects.create(
        conference=conference, title=title, presenter=presenter, planned_minutes=minutes, order=order
    )
    touch(conference)
    return item


@transaction.atomic
def make_current(conference, item: AgendaItem, *, used: int = 0) -> None:
    """`item` becomes the current one (`used` seconds already counted); the previous one is closed."""
    now = timezone.now()
    for previous in AgendaItem.objects.filter(conference=conference, current_since__isnull=False):
        previous.elapsed_seconds = previous.used_seconds(now)
        previous.current_since = None
        previous.ended_at = now
        previous.save()
    item.elapsed_seconds = used
    item.current_since = now
    item.started_at = item.started_at or now
    item.save()
    Room.objects.filter(conference=conference).update(current_item=item)
    touch(conference)


def add_speaker(conference, *, order: int | None = None, **fields) -> Speaker:
    if order is None:
        order = Speaker.objects.filter(conference=conference).count() + 1
    speaker = Speaker.objects.create(conference=conference, order=order, **fields)
    touch(conference)
    return speaker


@transaction.atomic
def start_speaker(conference, speaker: Speaker, *, already: int = 0) -> None:
    """`speaker` takes the floor with `already` seconds spoken; whoever was speaking is done."""
    now = timezone.now()
    for other in Speaker.objects.filter(
        conference=conference, status__in=[SpeakerStatus.SPEAKING, SpeakerStatus.PAUSED]
    ):
        stop_speaker(conference, other)
    speaker.refresh_from_db()
    speaker.status = SpeakerStatus.SPEAKING
    speaker.elapsed_seconds = already
    speaker.running_since = now
    speaker.started_at = speaker.started_at or now
    speaker.save()
    Room.objects.filter(conference=conference).update(current_speaker=speaker)
    touch(conference)


@transaction.atomic
def pause_speaker(conference, speaker: Speaker) -> None:
    speaker.refresh_from_db()
    speaker.elapsed_seconds = speaker.spoken_seconds()
    speaker.running_since = None
    speaker.status = SpeakerStatus.PAUSED
    speaker.save()
    touch(conference)


@transaction.atomic
def stop_speaker(conference, speaker: Speaker) -> None:
    speaker.refresh_from_db()
    speaker.elapsed_seconds = speaker.spoken_seconds()
    speaker.running_since = None
    speaker.status = SpeakerStatus.DONE
    speaker.ended_at = timezone.now()
    speaker.save()
    touch(conference)


def assert_never_shows(state_or_html, *texts: str) -> None:
    text = state_or_html if isinstance(state_or_html, str) else json.dumps(state_or_html, ensure_ascii=False)
    digits = "".join(ch for ch in text if ch.isdigit())
    for value in texts:
        assert value not in text, f"{value!r} is shown"
        only_digits = "".join(ch for ch in value if ch.isdigit())
        if len(only_digits) >= 9:
            assert only_digits[-9:] not in digits, f"phone {value!r} is shown"


@pytest.fixture
def running(conference, cast, village_c, delegates):
    """A running room: three items (the second current, 2 minutes used), four speakers, two done."""
    delegate = delegates[0]
    delegate.phone = PHONE
    delegate.save()
    set_room(conference, RoomStatus.RUNNING)
    add_item(conference, "Khai mạc, giới thiệu đại biểu", minutes=5, presenter="Lý Thị Thư")
    report = add_item(conference, "Báo cáo tình hình kinh tế - xã hội", minutes=20, presenter="Phó Chủ tịch UBND xã")
    add_item(conference, "Đối thoại", minutes=90)
    make_current(conference, AgendaItem.objects.get(conference=conference, order=1))
    make_current(conference, report, used=120)
    speakers = {
        "done": add_speaker(conference, name="Lộc Văn Xong", status=SpeakerStatus.DONE),
        "delegate": add_speaker(conference, name=delegate.full_name, delegate=delegate, village=cast.village_a),
        "secret": add_speaker(conference, name=SECRET_NAME, village=village_c, label="Cử tri"),
        "consenting": add_speaker(conference, name="Vi Thị Đồng Ý", village=village_c, show_name=True),
        "nameless": add_speaker(conference, label="Trưởng thôn", village=cast.village_a),
    }
    return speakers


# ---------------------------------------------------------------- content


def test_a_conference_without_a_room_reads_as_about_to_start(conference):
    state = screen_state(conference)
    assert state["version"] == 0
    assert state["status"] == "ready"
    assert state["status_label"] == "Chưa bắt đầu"
    assert state["headline"] == "Hội nghị sắp bắt đầu"
    assert state["unit"] == "Xã Điềm He"
    assert state["conference"] == {
        "title": "Hội nghị đối thoại năm 2026",
        "date": "Thứ Sáu, ngày 05 tháng 6 năm 2026",
        "time": "07 giờ 30",
        "venue": "Hội trường UBND xã",
    }
    assert state["item"] is None and state["speaker"] is None and state["next_speakers"] == []
    json.dumps(state)


def test_before_the_start_the_screen_shows_the_conference_and_its_notice_only(conference, running):
    room = room_of(conference)
    room.status = RoomStatus.READY
    room.notice = "Đề nghị đại biểu ổn định chỗ ngồi"
    room.save()
    state = screen_state(conference)
    assert state["status"] == "ready"
    assert state["headline"] == "Hội nghị sắp bắt đầu"
    assert state["notice"] == "Đề nghị đại biểu ổn định chỗ ngồi"
    assert state["item"] is None and state["next_item"] is None
    assert state["speaker"] is None and state["next_speakers"] == []


def test_while_running_the_current_item_the_current_speaker_and_who_comes_next(conference, running):
    start_speaker(conference, running["consenting"], already=30)
    state = screen_state(conference)
    assert state["status"] == "running"
    assert state["status_label"] == "Đang diễn ra"
    assert state["headline"] == ""
    item = state["item"]
    assert item["title"] == "Báo cáo tình hình kinh tế - xã hội"
    assert item["presenter"] == "Phó Chủ tịch UBND xã"
    assert item["planned"] == 20 * 60 and item["planned_text"] == "20:00"
    assert item["running"] is True
    assert 120 <= item["used"] <= 125
    assert state["next_item"] == {"title": "Đối thoại", "presenter": ""}
    speaker = state["speaker"]
    assert speaker["name"] == "Vi Thị Đồng Ý (Thôn Bản Châu)"
    timer = speaker["timer"]
    assert timer["running"] is True and timer["limit"] == 300 and timer["status"] == "speaking"
    assert timer["status_label"] == "Đang phát biểu"
    assert 30 <= timer["elapsed"] <= 35
    # The delegate (linked, no consent) and the walk-in who gave a name: their group and village only.
    assert [s["name"] for s in state["next_speakers"]] == [
        "Cử tri – Thôn Nà Pàn",
        "Cử tri – Thôn Bản Châu",
        "Trưởng thôn – Thôn Nà Pàn",
    ]
    assert state["counts"] == {"done": 1, "waiting": 3}
    assert abs(state["server_now"] - timezone.now().timestamp() * 1000) < 5000


def test_a_paused_speaker_stays_on_the_screen_with_the_clock_stopped(conference, running):
    start_speaker(conference, running["secret"], already=310)
    pause_speaker(conference, running["secret"])
    state = screen_state(conference)
    timer = state["speaker"]["timer"]
    assert state["speaker"]["name"] == "Cử tri – Thôn Bản Châu"
    assert timer["running"] is False and timer["status"] == "paused" and timer["status_label"] == "Tạm dừng"
    assert timer["elapsed"] == 310
    assert timer["text"] == "+00:10"  # overtime, as timer.js writes it


def test_once_the_speaker_is_done_nobody_is_on_the_floor(conference, running):
    start_speaker(conference, running["consenting"])
    stop_speaker(conference, running["consenting"])
    state = screen_state(conference)
    assert state["speaker"] is None
    assert state["counts"] == {"done": 2, "waiting": 3}


def test_after_the_end(conference, running):
    set_room(conference, RoomStatus.ENDED)
    state = screen_state(conference)
    assert state["status"] == "ended"
    assert state["status_label"] == "Đã kết thúc"
    assert state["headline"] == "Hội nghị đã kết thúc"
    assert state["item"] is None and state["speaker"] is None and state["next_speakers"] == []
    assert state["conference"]["title"] == "Hội nghị đối thoại năm 2026"


def test_a_name_without_consent_never_appears_and_never_a_phone(conference, running, delegates):
    for speaker in ("secret", "delegate"):
        start_speaker(conference, running[speaker])
        assert_never_shows(screen_state(conference), SECRET_NAME, delegates[0].full_name, PHONE)
    # Waiting in the list, as well.
    stop_speaker(conference, running["delegate"])
    Speaker.objects.filter(pk=running["secret"].pk).update(status=SpeakerStatus.WAITING)
    state = screen_state(conference)
    assert_never_shows(state, SECRET_NAME, delegates[0].full_name, PHONE)
    assert "Cử tri – Thôn Bản Châu" in [s["name"] for s in state["next_speakers"]]


def test_with_consent_the_name_is_shown(conference, running):
    Speaker.objects.filter(pk=running["secret"].pk).update(show_name=True)
    start_speaker(conference, running["secret"])
    assert screen_state(conference)["speaker"]["name"] == f"{SECRET_NAME} (Thôn Bản Châu)"


def test_at_most_five_next_speakers_in_order(conference, running, cast):
    for n in range(8):
        add_speaker(conference, label=f"Cử tri số {n}", village=cast.village_a)
    names = [s["name"] for s in screen_state(conference)["next_speakers"]]
    assert names == [
        "Cử tri – Thôn Nà Pàn",
        "Cử tri – Thôn Bản Châu",
        "Vi Thị Đồng Ý (Thôn Bản Châu)",
        "Trưởng thôn – Thôn Nà Pàn",
        "Cử tri số 0 – Thôn Nà Pàn",
    ]


def test_a_fixed_number_of_queries_whatever_the_length_of_the_lists(
    conference, running, cast, django_assert_max_num_queries
):
    start_speaker(conference, running["consenting"])
    with django_assert_max_num_queries(6) as few:
        screen_state(conference)
    for n in range(40):
        add_speaker(conference, label=f"Cử tri {n}", village=cast.village_a)
        add_item(conference, f"Mục {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        screen_state(conference)


def test_the_clock_text_matches_the_timer_script():
    assert clock_text(48, 300) == "04:12"
    assert clock_text(337, 300) == "+00:37"
    assert clock_text(725, 0) == "12:05"
    assert clock_text(3725, 0) == "1:02:05"
