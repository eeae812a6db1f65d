"""The programme: the standard one, its edits, and the runner's time (through the actions)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from doithoai.audit.models import AuditEvent
from doithoai.live.actions import agenda as actions
from doithoai.live.actions.room import room_start
from doithoai.live.models import AgendaItem, AgendaKind, Minutes, MinutesStatus, Room, RoomStatus
from doithoai.live.selectors.agenda import agenda_of, clock, countdown, duration
from doithoai.live.tests.conftest import DAY, at

pytestmark = pytest.mark.django_db


def travel(minute: int, second: int = 0):
    return time_machine.travel(at(DAY, 8, minute) + dt.timedelta(seconds=second), tick=False)


def items(conference):
    return list(AgendaItem.objects.filter(conference=conference).order_by("order", "pk"))


def lock_minutes(conference):
    Minutes.objects.create(conference=conference, status=MinutesStatus.FINALISED)


# ---------------------------------------------------------------- the standard programme


def test_the_standard_programme_follows_the_seeds(cast, conference):
    made = actions.agenda_from_standard(actor=cast.officer_a, conference=conference)
    assert [i.kind for i in made] == [
        AgendaKind.OPENING,
        AgendaKind.RULES,
        AgendaKind.SPEECH,
        AgendaKind.REPORT,
        AgendaKind.FRONT_REPORT,
        AgendaKind.DIALOGUE,
        AgendaKind.CONCLUSIONS,
        AgendaKind.PARTY,
        AgendaKind.CLOSING,
    ]
    assert [i.order for i in made] == list(range(1, 10))
    total = sum(i.planned_minutes for i in made)
    assert 210 <= total <= 240
    dialogue = next(i for i in made if i.kind == AgendaKind.DIALOGUE)
    assert dialogue.planned_minutes == 120
    assert dialogue.title == "Tiến hành đối thoại với Nhân dân"
    # The unit is named by its level: Xã Điềm He is a "xã".
    speech = next(i for i in made if i.kind == AgendaKind.SPEECH)
    assert "Chủ tịch UBND xã" in speech.title
    assert speech.presenter == "Chủ tịch UBND xã"
    assert "trên địa bàn xã" in made[3].title
    assert "MTTQ xã" in made[4].title
    assert made[7].presenter == "Đại diện Thường trực Đảng ủy xã"
    # The conference's chair presides over the dialogue.
    assert dialogue.presenter.startswith("Hoàng Văn Chủ")
    assert all(i.presenter for i in made)
    assert AuditEvent.objects.filter(event_type="agenda.created_from_standard").count() == 1
    assert Room.objects.get(conference=conference).version > 1


def test_a_ward_is_named_a_ward(cast, conference):
    unit = conference.unit
    unit.division_type = "Phường"
    unit.name = "Phường Điềm He"
    unit.save()
    conference.refresh_from_db()
    made = actions.agenda_from_standard(actor=cast.officer_a, conference=conference)
    assert "Chủ tịch UBND phường" in made[2].title
    assert "trên địa bàn phường" in made[3].title


def test_the_standard_programme_is_created_once(cast, conference):
    first = actions.agenda_from_standard(actor=cast.officer_a, conference=conference)
    again = actions.agenda_from_standard(actor=cast.chair_a, conference=conference)
    assert [i.pk for i in again] == [i.pk for i in first]
    assert AgendaItem.objects.filter(conference=conference).count() == 9
    assert AuditEvent.objects.filter(event_type="agenda.created_from_standard").count() == 1


def test_an_agenda_already_there_is_not_replaced(cast, conference):
    actions.agenda_item_add(
        actor=cast.officer_a, conference=conference, data={"title": "Khai mạc", "planned_minutes": 5}
    )
    made = actions.agenda_from_standard(actor=cast.officer_a, conference=conference)
    assert [i.title for i in made] == ["Khai mạc"]


# ---------------------------------------------------------------- editing


def test_add_edit_move_delete(cast, conference):
    actions.agenda_from_standard(actor=cast.officer_a, conference=conference)
    item, created = actions.agenda_item_add(
        actor=cast.officer_a,
        conference=conference,
        data={"title": "  Giải   lao ", "presenter": "", "planned_minutes": "10", "kind": AgendaKind.BREAK},
    )
    assert created and item.order == 10 and item.title == "Giải lao" and item.kind == AgendaKind.BREAK
    actions.agenda_item_update(
        actor=cast.vice_chair_a, item=item, data={"planned_minutes": 15, "title": "Nghỉ giải lao"}
    )
    item.refresh_from_db()
    assert (item.title, item.planned_minutes, item.kind) == ("Nghỉ giải lao", 15, AgendaKind.BREAK)
    moved = actions.agenda_item_move(actor=cast.officer_a, item=item, direction=actions.UP)
    assert moved.order == 9
    assert items(conference)[8].pk == item.pk
    # At the top, "up" changes nothing.
    first = items(conference)[0]
    actions.agenda_item_move(actor=cast.officer_a, item=first, direction=actions.UP)
    assert items(conference)[0].pk == first.pk
    actions.agenda_item_delete(actor=cast.officer_a, item=item)
    assert AgendaItem.objects.filter(pk=item.pk).count() == 0
    assert [i.order for i in items(conference)] == list(range(1, 10))
    events = set(AuditEvent.objects.values_list("event_type", flat=True))
    assert {"agenda.item_added", "agenda.item_updated", "agenda.item_moved", "agenda.item_deleted"} <= events


def test_the_same_add_form_sent_twice_adds_one_item(cast, conference):
    data = {"title": "Giải lao", "planned_minutes": 10, "kind": AgendaKind.BREAK}
    first, created = actions.agenda_item_add(
        actor=cast.officer_a, conference=conference, data=data, submission_key="k1"
    )
    again, created_again = actions.agenda_item_add(
        actor=cast.officer_a, conference=conference, data=data, submission_key="k1"
    )
    assert created and not created_again and first.pk == again.pk
    other, _created = actions.agenda_item_add(
        actor=cast.officer_a, conference=conference, data=data, submission_key="k2"
    )
    assert other.pk != first.pk
    assert AgendaItem.objects.filter(conference=conference).count() == 2


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"title": "", "planned_minutes": 5}, "title"),
        ({"title": "   ", "planned_minutes": 5}, "title"),
        ({"title": "x" * 256, "planned_minutes": 5}, "title"),
        ({"title": "Mục", "presenter": "y" * 161, "planned_minutes": 5}, "presenter"),
        ({"title": "Mục", "planned_minutes": ""}, "planned_minutes"),
        ({"title": "Mục", "planned_minutes": "mười"}, "planned_minutes"),
        ({"title": "Mục", "planned_minutes": 0}, "planned_minutes"),
        ({"title": "Mục", "planned_minutes": 601}, "planned_minutes"),
        ({"title": "Mục", "planned_minutes": 5, "kind": "party_time"}, "kind"),
    ],
)
def test_bad_input_is_refused_by_field(cast, conference, data, field):
    with pytest.raises(ValidationError) as caught:
        actions.agenda_item_add(actor=cast.officer_a, conference=conference, data=data)
    assert field in caught.value.message_dict
    assert not AgendaItem.objects.filter(conference=conference).exists()


def test_an_update_with_bad_input_changes_nothing(cast, conference):
    item, _created = actions.agenda_item_add(
        actor=cast.officer_a, conference=conference, data={"title": "Mục", "planned_minutes": 5}
    )
    with pytest.raises(ValidationError) as caught:
        actions.agenda_item_update(actor=cast.officer_a, item=item, data={"title": "Mục mới", "planned_minutes": -1})
    assert set(caught.value.message_dict) == {"planned_minutes"}
    item.refresh_from_db()
    assert item.title == "Mục"


def test_a_started_item_is_not_deleted(cast, conference):
    room_start(actor=cast.officer_a, conference=conference)
    first = items(conference)[0]
    with pytest.raises(ValidationError) as caught:
        actions.agenda_item_delete(actor=cast.officer_a, item=first)
    assert "item" in caught.value.message_dict


def test_edits_are_refused_once_the_minutes_are_final(cast, conference):
    made = actions.agenda_from_standard(actor=cast.officer_a, conference=conference)
    lock_minutes(conference)
    attempts = [
        lambda: actions.agenda_item_add(
            actor=cast.officer_a, conference=conference, data={"title": "M", "planned_minutes": 1}
        ),
        lambda: actions.agenda_item_update(actor=cast.officer_a, item=made[0], data={"title": "Khác"}),
        lambda: actions.agenda_item_move(actor=cast.officer_a, item=made[1], direction=actions.UP),
        lambda: actions.agenda_item_delete(actor=cast.officer_a, item=made[2]),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError) as caught:
            attempt()
        assert "minutes" in caught.value.message_dict
        assert "Biên bản" in caught.value.message_dict["minutes"][0]


# ---------------------------------------------------------------- running


def test_the_runner_keeps_the_time_of_each_item(cast, conference):
    with travel(0):
        room_start(actor=cast.officer_a, conference=conference)
    opening, rules_item, speech = items(conference)[:3]
    opening.refresh_from_db()
    assert opening.current_since == at(DAY, 8) and opening.started_at == at(DAY, 8)
    assert Room.objects.get(conference=conference).current_item_id == opening.pk
    with travel(12):  # two minutes over the ten planned
        following = actions.agenda_next(actor=cast.officer_a, conference=conference)
    assert following is not None and following.pk == rules_item.pk
    opening.refresh_from_db()
    assert (opening.elapsed_seconds, opening.current_since, opening.ended_at) == (720, None, at(DAY, 8, 12))
    with travel(14):
        agenda = agenda_of(conference)
    current, upcoming = agenda.current, agenda.next
    assert current is not None and current.item.pk == rules_item.pk
    assert agenda.rows[0].is_overtime and agenda.rows[0].overtime_seconds == 120
    assert agenda.rows[1].used_seconds == 120 and not agenda.rows[1].is_overtime
    assert agenda.used_seconds == 840
    assert upcoming is not None and upcoming.item.pk == speech.pk
    # Back to the opening: its time goes on from 12 minutes.
    with travel(15):
        actions.agenda_item_start(actor=cast.officer_a, item=opening)
    with travel(16):
        actions.agenda_item_finish(actor=cast.officer_a, item=opening)
    opening.refresh_from_db()
    rules_item.refresh_from_db()
    assert opening.elapsed_seconds == 780 and opening.ended_at == at(DAY, 8, 16)
    assert rules_item.elapsed_seconds == 180 and rules_item.current_since is None
    room = Room.objects.get(conference=conference)
    assert room.current_item_id is None
    # With none current, "next" starts the first item not yet started.
    with travel(17):
        started = actions.agenda_next(actor=cast.officer_a, conference=conference)
    assert started is not None and started.pk == speech.pk


def test_next_after_the_last_item_finishes_it(cast, conference):
    actions.agenda_item_add(
        actor=cast.officer_a, conference=conference, data={"title": "Duy nhất", "planned_minutes": 5}
    )
    room_start(actor=cast.officer_a, conference=conference)
    assert actions.agenda_next(actor=cast.officer_a, conference=conference) is None
    assert not AgendaItem.objects.filter(conference=conference, current_since__isnull=False).exists()
    with pytest.raises(ValidationError):
        actions.agenda_next(actor=cast.officer_a, conference=conference)


def test_the_runner_works_only_while_the_room_runs(cast, conference):
    made = actions.agenda_from_standard(actor=cast.officer_a, conference=conference)
    with pytest.raises(ValidationError) as caught:
        actions.agenda_item_start(actor=cast.officer_a, item=made[0])
    assert "status" in caught.value.message_dict
    assert Room.objects.get(conference=conference).status == RoomStatus.READY


def test_finishing_an_item_that_is_not_current_is_refused(cast, conference):
    room_start(actor=cast.officer_a, conference=conference)
    with pytest.raises(ValidationError):
        actions.agenda_item_finish(actor=cast.officer_a, item=items(conference)[3])


def test_clock_texts():
    assert clock(0) == "00:00"
    assert clock(252) == "04:12"
    assert clock(3723) == "1:02:03"
    assert countdown(60, 300) == "04:00"
    assert countdown(337, 300) == "+00:37"
    assert duration(220) == "3 giờ 40 phút"
    assert duration(45) == "45 phút"
    assert duration(120) == "2 giờ"
