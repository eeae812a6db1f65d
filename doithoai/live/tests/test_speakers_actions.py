"""The list of speakers and its timer (through the actions)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from doithoai.audit.models import AuditEvent
from doithoai.live.actions import speakers as actions
from doithoai.live.actions.room import room_end, room_start
from doithoai.live.models import Minutes, MinutesStatus, Room, Speaker, SpeakerStatus
from doithoai.live.selectors import speakers as selectors
from doithoai.live.tests.conftest import DAY, at
from doithoai.petitions.actions import create_petition

pytestmark = pytest.mark.django_db
S = SpeakerStatus


def travel(minute: int, second: int = 0):
    return time_machine.travel(at(DAY, 9, minute) + dt.timedelta(seconds=second), tick=False)


def walk_in(cast, conference, **data):
    speaker, _created = actions.speaker_add(
        actor=cast.officer_a, conference=conference, data={"village": cast.village_a.pk, **data}
    )
    return speaker


def refreshed(speaker):
    speaker.refresh_from_db()
    return speaker


# ---------------------------------------------------------------- adding


def test_a_walk_in_citizen_is_anonymous_by_default(cast, conference):
    speaker = walk_in(cast, conference, topic="Đường vào thôn")
    assert speaker.name == "" and speaker.label == "Cử tri" and not speaker.show_name
    assert speaker.village_id == cast.village_a.pk
    assert speaker.limit_seconds == 5 * 60
    assert speaker.status == S.WAITING and speaker.order == 1
    assert speaker.display_name == "Cử tri – Thôn Nà Pàn" == speaker.screen_name
    event = AuditEvent.objects.get(event_type="speaker.added")
    assert event.changes["_extra"]["walk_in"] is True


def test_a_named_walk_in_shows_the_name_only_with_consent(cast, conference):
    hidden = walk_in(cast, conference, name="Triệu Văn Năm")
    shown = walk_in(cast, conference, name="Triệu Văn Sáu", show_name=True)
    assert hidden.screen_name == "Cử tri – Thôn Nà Pàn" and hidden.display_name == "Triệu Văn Năm"
    assert shown.screen_name == "Triệu Văn Sáu (Thôn Nà Pàn)"
    assert shown.order == 2
    # Consent without a name: nothing to show.
    assert not walk_in(cast, conference, show_name=True).show_name
    # The name is personal data: it is not copied into the audit trail.
    assert all("Triệu" not in str(e.changes) for e in AuditEvent.objects.filter(event_type="speaker.added"))


def test_a_delegate_brings_name_village_group_and_consent(cast, conference, delegates):
    delegate = delegates[1]  # Hoàng Thị Hai, Trưởng thôn, Thôn Nà Pàn
    delegate.consent_to_publish = True
    delegate.save()
    speaker, created = actions.speaker_add(actor=cast.officer_a, conference=conference, data={"delegate": delegate.pk})
    assert created
    assert (speaker.delegate_id, speaker.name, speaker.village_id, speaker.label) == (
        delegate.pk,
        "Hoàng Thị Hai",
        cast.village_a.pk,
        "Trưởng thôn",
    )
    assert speaker.show_name
    # The secretary may say otherwise.
    other, _created = actions.speaker_add(
        actor=cast.officer_a, conference=conference, data={"delegate": delegates[2].pk, "show_name": False, "label": ""}
    )
    assert not other.show_name and other.label == "Cử tri"


def test_a_delegate_waits_once_in_the_list(cast, conference, delegates):
    actions.speaker_add(actor=cast.officer_a, conference=conference, data={"delegate": delegates[0].pk})
    with pytest.raises(ValidationError) as caught:
        actions.speaker_add(actor=cast.officer_a, conference=conference, data={"delegate": delegates[0].pk})
    assert "delegate" in caught.value.message_dict


def test_petitions_already_raised_are_linked(cast, conference, petitions):
    speaker = walk_in(cast, conference, petitions=[petitions[0].pk, str(petitions[1].pk)])
    assert set(speaker.petitions.values_list("pk", flat=True)) == {petitions[0].pk, petitions[1].pk}
    other_unit, _created = create_petition(
        actor=cast.officer_b,
        unit=cast.commune_b,
        data={"text": "Ý kiến của xã khác", "channel": "paper_form", "village": cast.village_b},
    )
    with pytest.raises(ValidationError) as caught:
        walk_in(cast, conference, petitions=[other_unit.pk])
    assert "petitions" in caught.value.message_dict


def test_the_same_form_sent_twice_adds_one_speaker(cast, conference):
    data = {"village": cast.village_a.pk, "topic": "Điện"}
    first, created = actions.speaker_add(actor=cast.officer_a, conference=conference, data=data, submission_key="abc")
    again, created_again = actions.speaker_add(
        actor=cast.officer_a, conference=conference, data=data, submission_key="abc"
    )
    assert created and not created_again and first.pk == again.pk
    assert Speaker.objects.filter(conference=conference).count() == 1
    assert AuditEvent.objects.filter(event_type="speaker.added").count() == 1


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"delegate": 999999}, "delegate"),
        ({"delegate": "abc"}, "delegate"),
        ({"name": "x" * 121}, "name"),
        ({"village": 999999}, "village"),
        ({"village": "thôn"}, "village"),
        ({"label": "y" * 161}, "label"),
        ({"topic": "z" * 501}, "topic"),
        ({"petitions": [999999]}, "petitions"),
        ({"limit_minutes": 0}, "limit_minutes"),
        ({"limit_minutes": 61}, "limit_minutes"),
        ({"limit_minutes": "năm"}, "limit_minutes"),
    ],
)
def test_bad_input_is_refused_by_field(cast, conference, data, field):
    with pytest.raises(ValidationError) as caught:
        actions.speaker_add(actor=cast.officer_a, conference=conference, data=data)
    assert field in caught.value.message_dict
    assert not Speaker.objects.filter(conference=conference).exists()


def test_another_units_village_or_delegate_is_refused(cast, conference, delegates):
    with pytest.raises(ValidationError) as caught:
        walk_in(cast, conference, village=cast.village_b.pk)
    assert "village" in caught.value.message_dict


def test_update_and_move(cast, conference, petitions):
    first = walk_in(cast, conference, name="Lò Văn Bảy")
    second = walk_in(cast, conference)
    actions.speaker_update(
        actor=cast.officer_a,
        speaker=first,
        data={"topic": "Nước sạch", "limit_minutes": 3, "petitions": [petitions[2].pk], "show_name": True},
    )
    first = refreshed(first)
    assert (first.topic, first.limit_seconds, first.show_name, first.name) == ("Nước sạch", 180, True, "Lò Văn Bảy")
    assert list(first.petitions.values_list("pk", flat=True)) == [petitions[2].pk]
    with pytest.raises(ValidationError) as caught:
        actions.speaker_update(actor=cast.officer_a, speaker=first, data={"limit_minutes": 0, "topic": "Khác"})
    assert set(caught.value.message_dict) == {"limit_minutes"}
    assert refreshed(first).topic == "Nước sạch"
    actions.speaker_move(actor=cast.officer_a, speaker=second, direction="up")
    assert [s.pk for s in selectors.speakers_of(conference)] == [second.pk, first.pk]
    actions.speaker_move(actor=cast.officer_a, speaker=second, direction="up")  # already first
    assert [s.pk for s in selectors.speakers_of(conference)] == [second.pk, first.pk]
    with pytest.raises(ValidationError):
        actions.speaker_move(actor=cast.officer_a, speaker=second, direction="sideways")


# ---------------------------------------------------------------- the timer


def test_the_timer_counts_only_while_speaking(cast, conference):
    first = walk_in(cast, conference)
    second = walk_in(cast, conference)
    with travel(0):
        room_start(actor=cast.officer_a, conference=conference)
        actions.speaker_start(actor=cast.officer_a, speaker=first)
    assert Room.objects.get(conference=conference).current_speaker_id == first.pk
    with travel(2):
        actions.speaker_pause(actor=cast.officer_a, speaker=first)
    assert (refreshed(first).status, first.elapsed_seconds, first.running_since) == (S.PAUSED, 120, None)
    with travel(5):  # the pause does not count
        actions.speaker_resume(actor=cast.officer_a, speaker=first)
    with travel(9):
        actions.speaker_stop(actor=cast.officer_a, speaker=first)
    first = refreshed(first)
    assert (first.status, first.elapsed_seconds, first.ended_at) == (S.DONE, 360, at(DAY, 9, 9))
    assert first.spoken_seconds() > first.limit_seconds  # six minutes of five: recorded over time
    stop = AuditEvent.objects.get(event_type="speaker.stopped")
    assert stop.changes["_extra"]["limit_seconds"] == 300
    # The one who spoke last stays the room's current speaker until the next one is invited.
    assert Room.objects.get(conference=conference).current_speaker_id == first.pk
    with travel(10):
        actions.speaker_start(actor=cast.officer_a, speaker=second)
    assert Room.objects.get(conference=conference).current_speaker_id == second.pk
    assert selectors.counts(conference).overtime == 1


def test_starting_one_speaker_stops_the_other(cast, conference):
    first = walk_in(cast, conference)
    second = walk_in(cast, conference)
    with travel(0):
        room_start(actor=cast.officer_a, conference=conference)
        actions.speaker_start(actor=cast.officer_a, speaker=first)
    with travel(1):
        actions.speaker_start(actor=cast.officer_a, speaker=second)
    first, second = refreshed(first), refreshed(second)
    assert (first.status, first.elapsed_seconds) == (S.DONE, 60)
    assert second.status == S.SPEAKING
    # "Nói tiếp": the first speaker again; the second ends.
    with travel(3):
        actions.speaker_resume(actor=cast.officer_a, speaker=first)
    first, second = refreshed(first), refreshed(second)
    assert (first.status, second.status, second.elapsed_seconds) == (S.SPEAKING, S.DONE, 120)
    assert Speaker.objects.filter(conference=conference, status__in=[S.SPEAKING, S.PAUSED]).count() == 1


def test_the_timer_buttons_need_a_running_room(cast, conference):
    speaker = walk_in(cast, conference)
    with pytest.raises(ValidationError) as caught:
        actions.speaker_start(actor=cast.officer_a, speaker=speaker)
    assert "status" in caught.value.message_dict
    assert refreshed(speaker).status == S.WAITING
    # Withdrawing is an edit of the list: allowed before the conference.
    actions.speaker_withdraw(actor=cast.officer_a, speaker=speaker)
    assert refreshed(speaker).status == S.WITHDRAWN
    actions.speaker_restore(actor=cast.officer_a, speaker=speaker)
    assert refreshed(speaker).status == S.WAITING


def test_ending_the_conference_stops_the_speaker(cast, conference):
    speaker = walk_in(cast, conference)
    with travel(0):
        room_start(actor=cast.officer_a, conference=conference)
        actions.speaker_start(actor=cast.officer_a, speaker=speaker)
    with travel(4):
        room_end(actor=cast.officer_a, conference=conference)
    speaker = refreshed(speaker)
    assert (speaker.status, speaker.elapsed_seconds, speaker.running_since) == (S.DONE, 240, None)


def test_a_transition_from_the_wrong_state_is_refused(cast, conference):
    speaker = walk_in(cast, conference)
    room_start(actor=cast.officer_a, conference=conference)
    with pytest.raises(ValidationError):
        actions.speaker_pause(actor=cast.officer_a, speaker=speaker)
    with pytest.raises(ValidationError):
        actions.speaker_restore(actor=cast.officer_a, speaker=speaker)


def test_the_list_is_refused_once_the_minutes_are_final(cast, conference):
    speaker = walk_in(cast, conference)
    room_start(actor=cast.officer_a, conference=conference)
    Minutes.objects.create(conference=conference, status=MinutesStatus.FINALISED)
    attempts = [
        lambda: walk_in(cast, conference),
        lambda: actions.speaker_update(actor=cast.officer_a, speaker=speaker, data={"topic": "Khác"}),
        lambda: actions.speaker_move(actor=cast.officer_a, speaker=speaker, direction="down"),
        lambda: actions.speaker_start(actor=cast.officer_a, speaker=speaker),
        lambda: actions.speaker_withdraw(actor=cast.officer_a, speaker=speaker),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError) as caught:
            attempt()
        assert "minutes" in caught.value.message_dict
    assert refreshed(speaker).status == S.WAITING


# ---------------------------------------------------------------- look-ups


def test_delegates_are_found_without_diacritics(cast, conference, delegates):
    found = selectors.delegate_search(conference, "hoang thi")
    assert [d.full_name for d in found] == ["Hoàng Thị Hai"]
    # Checked-in delegates first.
    names = [d.full_name for d in selectors.delegate_search(conference, "thi")]
    assert names == ["Hoàng Thị Hai", "Vi Thị Bốn"]
    assert selectors.delegate_search(conference, "  ") == []


def test_petitions_are_found_by_code_or_words(cast, conference, petitions):
    road = selectors.petition_search(conference, "duong lien thon")
    assert [p.pk for p in road] == [petitions[0].pk]
    code = petitions[2].tracking_code
    assert [p.pk for p in selectors.petition_search(conference, f"{code[:4]}-{code[4:]}".lower())] == [petitions[2].pk]
    suggested = selectors.petition_suggestions(conference)
    assert {p.pk for p in suggested} == {p.pk for p in petitions}


def test_villages_of_the_conference_come_first(cast, conference, village_c):
    from doithoai.units.models import Village

    other = Village.objects.create(unit=cast.commune_a, name="Thôn An Bình", sort_order=0)
    villages = selectors.villages_for(conference)
    assert villages[-1] == other
    assert set(villages[:2]) == {cast.village_a, village_c}
