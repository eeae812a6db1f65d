"""Starting, ending and resuming the conference; the screen's notice (through the actions)."""

from __future__ import annotations

import pytest
import time_machine
from django.core.exceptions import ValidationError

from doithoai.audit.models import AuditEvent
from doithoai.conferences.models import Conference, ConferenceStatus
from doithoai.live.actions import agenda as agenda_actions
from doithoai.live.actions import room as actions
from doithoai.live.models import AgendaItem, Minutes, MinutesStatus, Room, RoomStatus
from doithoai.live.tests.conftest import DAY, at

pytestmark = pytest.mark.django_db


def room_of(conference) -> Room:
    return Room.objects.get(conference=conference)


def test_start_creates_the_standard_agenda_and_makes_its_first_item_current(cast, conference):
    with time_machine.travel(at(DAY, 7, 35), tick=False):
        room = actions.room_start(actor=cast.officer_a, conference=conference)
    assert room.status == RoomStatus.RUNNING and room.started_at == at(DAY, 7, 35)
    items = list(AgendaItem.objects.filter(conference=conference).order_by("order"))
    assert len(items) == 9
    assert room.current_item_id == items[0].pk
    assert items[0].current_since == at(DAY, 7, 35)
    event = AuditEvent.objects.get(event_type="room.started")
    assert event.changes["status"] == {"before": "ready", "after": "running"}
    assert event.changes["_extra"]["agenda_created"] == 9
    # One event: the agenda made on the way is part of the start.
    assert not AuditEvent.objects.filter(event_type="agenda.created_from_standard").exists()


def test_start_keeps_an_agenda_already_prepared(cast, conference):
    item, _created = agenda_actions.agenda_item_add(
        actor=cast.officer_a, conference=conference, data={"title": "Khai mạc", "planned_minutes": 5}
    )
    room = actions.room_start(actor=cast.officer_a, conference=conference)
    assert AgendaItem.objects.filter(conference=conference).count() == 1
    assert room.current_item_id == item.pk


@pytest.mark.parametrize("status", [ConferenceStatus.PLANNED, ConferenceStatus.CANCELLED, ConferenceStatus.HELD])
def test_start_needs_the_conference_announced(cast, conference, status):
    Conference.objects.filter(pk=conference.pk).update(status=status)
    conference.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        actions.room_start(actor=cast.officer_a, conference=conference)
    assert "conference" in caught.value.message_dict
    assert not AgendaItem.objects.filter(conference=conference).exists()
    assert not Room.objects.filter(conference=conference).exclude(status=RoomStatus.READY).exists()


def test_end_closes_the_item_and_holds_the_conference(cast, conference):
    with time_machine.travel(at(DAY, 7, 30), tick=False):
        actions.room_start(actor=cast.officer_a, conference=conference)
    with time_machine.travel(at(DAY, 11, 10), tick=False):
        room = actions.room_end(actor=cast.chair_a, conference=conference)
    assert room.status == RoomStatus.ENDED and room.ended_at == at(DAY, 11, 10)
    assert room.current_item_id is None
    first = AgendaItem.objects.filter(conference=conference).order_by("order").first()
    assert first is not None
    assert first.elapsed_seconds == 220 * 60 and first.current_since is None
    conference.refresh_from_db()
    assert conference.status == ConferenceStatus.HELD
    held = AuditEvent.objects.get(event_type="conference.held")
    assert "_extra" not in held.changes  # the chair holds it in their own right


def test_a_vice_chair_ends_it_on_behalf_of_the_room(cast, conference):
    actions.room_start(actor=cast.vice_chair_a, conference=conference)
    room = actions.room_end(actor=cast.vice_chair_a, conference=conference)
    conference.refresh_from_db()
    assert conference.status == ConferenceStatus.HELD
    held = AuditEvent.objects.get(event_type="conference.held")
    assert held.actor_id == cast.vice_chair_a.pk
    assert held.changes["_extra"]["on_behalf_of"] == f"live.room:{room.pk}"


def test_resume_undoes_a_wrong_end_and_a_second_end_holds_nothing_again(cast, conference):
    actions.room_start(actor=cast.officer_a, conference=conference)
    actions.room_end(actor=cast.officer_a, conference=conference)
    room = actions.room_resume(actor=cast.officer_a, conference=conference)
    assert room.status == RoomStatus.RUNNING and room.ended_at is None
    conference.refresh_from_db()
    assert conference.status == ConferenceStatus.HELD
    actions.room_end(actor=cast.officer_a, conference=conference)
    assert room_of(conference).status == RoomStatus.ENDED
    assert AuditEvent.objects.filter(event_type="conference.held").count() == 1
    assert AuditEvent.objects.filter(event_type="room.ended").count() == 2


def test_resume_is_refused_once_the_minutes_are_final(cast, conference):
    actions.room_start(actor=cast.officer_a, conference=conference)
    actions.room_end(actor=cast.officer_a, conference=conference)
    Minutes.objects.create(conference=conference, status=MinutesStatus.FINALISED)
    with pytest.raises(ValidationError) as caught:
        actions.room_resume(actor=cast.officer_a, conference=conference)
    assert "minutes" in caught.value.message_dict
    assert room_of(conference).status == RoomStatus.ENDED


def test_a_transition_from_the_wrong_state_is_refused(cast, conference):
    with pytest.raises(ValidationError):
        actions.room_end(actor=cast.officer_a, conference=conference)
    actions.room_start(actor=cast.officer_a, conference=conference)
    with pytest.raises(ValidationError):
        actions.room_start(actor=cast.officer_a, conference=conference)
    with pytest.raises(ValidationError):
        actions.room_resume(actor=cast.officer_a, conference=conference)


def test_the_notice_is_set_and_cleared(cast, conference):
    version = Room.objects.get_or_create(conference=conference)[0].version
    room = actions.room_set_notice(actor=cast.officer_a, conference=conference, notice="  Giải lao   10 phút ")
    assert room.notice == "Giải lao 10 phút"
    assert room_of(conference).version > version
    # The same again: nothing written.
    actions.room_set_notice(actor=cast.officer_a, conference=conference, notice="Giải lao 10 phút")
    assert AuditEvent.objects.filter(event_type="room.notice_set").count() == 1
    actions.room_set_notice(actor=cast.officer_a, conference=conference, notice="")
    assert room_of(conference).notice == ""
    with pytest.raises(ValidationError) as caught:
        actions.room_set_notice(actor=cast.officer_a, conference=conference, notice="x" * 201)
    assert "notice" in caught.value.message_dict
